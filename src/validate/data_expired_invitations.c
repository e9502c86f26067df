/*
 * data.expired_invitations: a team invitation still 'pending' after its expires_at. Nothing
 * in the database moves an invitation to 'expired' when its time passes; one left pending
 * looks acceptable to code that forgets to compare dates.
 */
#include "validate/validate.h"

#include <stdio.h>

static int on_row(struct wz_stmt *st, void *arg, struct wz_err *err)
{
    (void)err;
    char row[32];
    snprintf(row, sizeof(row), "id=%lld", (long long)wz_stmt_column_int64(st, 0));
    return wz_finding_emit(arg, wz_validator_data_expired_invitations.name, "store_invitations",
                           row,
                           "invitation of '%s' to store %lld is still pending but expired at %s; "
                           "set its status to 'expired' or send a new one",
                           wz_stmt_column_text(st, 2), (long long)wz_stmt_column_int64(st, 1),
                           wz_stmt_column_text(st, 3));
}

static int run(const struct wz_validate_ctx *ctx, struct wz_finding_sink *sink, struct wz_err *err)
{
    struct wz_param now = {.is_text = true, .s = ctx->now};
    /* expires_at in the models' one form on both dialects, as the finding quotes it */
    char expires[128], sql[512];
    if (wz_db_timestamp_sql(ctx->db, "expires_at", expires, sizeof(expires)) == NULL)
        return wz_err_set(err, WZ_EFAIL, "data.expired_invitations: query too long");
    snprintf(sql, sizeof(sql),
             "SELECT id, store_id, email, %s FROM store_invitations "
             "WHERE id > $1 AND status = 'pending' AND expires_at < $2 ORDER BY "
             "id LIMIT " WZ_VALIDATE_PAGE_SQL,
             expires);
    return wz_validate_paged(ctx->db, sql, 1, &now, 1, on_row, sink, err);
}

const struct wz_validator wz_validator_data_expired_invitations = {
    .name = "data.expired_invitations",
    .group = WZ_VALIDATE_DATA,
    .needs_db = true,
    .summary = "no pending invitation is past its expiry",
    .run = run,
};
