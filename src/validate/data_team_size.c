/*
 * data.team_size: a store with more active team members than MAX_TEAM_MEMBERS_PER_STORE. The
 * limit is a setting, so no constraint can hold it; members added by hand or before the limit
 * was lowered exceed it.
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
    return wz_finding_emit(scan->sink, wz_validator_data_team_size.name, "stores", row,
                           "the store has %lld active team members; MAX_TEAM_MEMBERS_PER_STORE "
                           "is %lld",
                           (long long)wz_stmt_column_int64(st, 1), (long long)scan->max);
}

static int run(const struct wz_validate_ctx *ctx, struct wz_finding_sink *sink, struct wz_err *err)
{
    struct limit_scan scan = {.sink = sink, .max = ctx->settings->max_team_members_per_store};
    struct wz_param max = {.i = scan.max};
    return wz_validate_paged(ctx->db,
                             "SELECT store_id, COUNT(*) FROM store_users WHERE store_id > $1 "
                             "AND is_active GROUP BY store_id HAVING COUNT(*) > $2 ORDER BY "
                             "store_id LIMIT " WZ_VALIDATE_PAGE_SQL,
                             1, &max, 1, on_row, &scan, err);
}

const struct wz_validator wz_validator_data_team_size = {
    .name = "data.team_size",
    .group = WZ_VALIDATE_DATA,
    .needs_db = true,
    .summary = "no store has more active members than MAX_TEAM_MEMBERS_PER_STORE",
    .run = run,
};
