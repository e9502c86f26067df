/*
 * data.stores_per_user: a user who owns more stores than MAX_STORES_PER_USER. Like the team
 * limit, it is a setting, not a constraint.
 */
#include "validate/validate.h"

#include <stdio.h>

struct limit_scan {
    struct wz_finding_sink *sink;
    int64_t max;
};

static int on_row(struct wz_stmt *st, void *arg, struct wz_err *err)
{
    (void)err;
    const struct limit_scan *scan = arg;
    char row[32];
    snprintf(row, sizeof(row), "id=%lld", (long long)wz_stmt_column_int64(st, 0));
    return wz_finding_emit(scan->sink, wz_validator_data_stores_per_user.name, "users", row,
                           "'%s' owns %lld stores; MAX_STORES_PER_USER is %lld",
                           wz_stmt_column_text(st, 2), (long long)wz_stmt_column_int64(st, 1),
                           (long long)scan->max);
}

static int run(const struct wz_validate_ctx *ctx, struct wz_finding_sink *sink, struct wz_err *err)
{
    struct limit_scan scan = {.sink = sink, .max = ctx->settings->max_stores_per_user};
    struct wz_param max = {.i = scan.max};
    return wz_validate_paged(ctx->db,
                             "SELECT s.owner_user_id, COUNT(*), (SELECT u.email FROM users u "
                             "WHERE u.id = s.owner_user_id) FROM stores s WHERE s.owner_user_id > "
                             "$1 GROUP BY s.owner_user_id HAVING COUNT(*) > $2 ORDER BY "
                             "s.owner_user_id LIMIT " WZ_VALIDATE_PAGE_SQL,
                             1, &max, 1, on_row, &scan, err);
}

const struct wz_validator wz_validator_data_stores_per_user = {
    .name = "data.stores_per_user",
    .group = WZ_VALIDATE_DATA,
    .needs_db = true,
    .summary = "no user owns more stores than MAX_STORES_PER_USER",
    .run = run,
};
