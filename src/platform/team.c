/* A store's team: see team.h. */
#include "platform/team.h"

#include <string.h>
#include <time.h>

#include "core/timefmt.h"
#include "db/db.h"

static const char *const q_members_tmpl =
    "SELECT u.id, u.email, u.username, u.first_name, u.last_name, r.name, {ts:su.joined_at}, "
    "CASE WHEN s.owner_user_id = u.id THEN 1 ELSE 0 END FROM store_users su JOIN users u ON "
    "u.id = su.user_id JOIN roles r ON r.id = su.role_id JOIN stores s ON s.id = su.store_id "
    "WHERE su.store_id = $1 AND su.is_active ORDER BY su.id";
static _Thread_local char q_members[1024];
static const char *const q_member =
    "SELECT r.name, CASE WHEN s.owner_user_id = su.user_id THEN 1 ELSE 0 END FROM store_users "
    "su JOIN roles r ON r.id = su.role_id JOIN stores s ON s.id = su.store_id WHERE "
    "su.store_id = $1 AND su.user_id = $2 AND su.is_active";
static const char *const q_deactivate =
    "UPDATE store_users SET is_active = false, updated_at = $3 WHERE store_id = $1 AND "
    "user_id = $2";

int wz_team_members(struct wz_db *db, int64_t store_id, wz_member_fn fn, void *ctx,
                    struct wz_err *err)
{
    struct wz_stmt *st = NULL;
    int rc = wz_tenant_prepare(db, q_members, sizeof(q_members), q_members_tmpl, &st, err);
    if (rc != WZ_OK)
        return rc;
    wz_stmt_bind_int64(st, 1, store_id);
    while ((rc = wz_stmt_step(st, err)) == WZ_ROW) {
        struct wz_member m = {
            .user_id = wz_stmt_column_int64(st, 0),
            .email = wz_stmt_column_text(st, 1),
            .username = wz_stmt_column_text(st, 2),
            .first_name = WZ_COL_NSTR(st, 3),
            .last_name = WZ_COL_NSTR(st, 4),
            .role = wz_stmt_column_text(st, 5),
            .joined_at = wz_stmt_column_text(st, 6),
            .is_owner = WZ_COL_BOOL(st, 7),
        };
        if ((rc = fn(ctx, &m)) != 0)
            break;
    }
    wz_stmt_reset(st);
    return rc == WZ_DONE ? WZ_OK : rc;
}

int wz_team_remove(struct wz_db *db, int64_t store_id, int64_t user_id, struct wz_field_errors *fe,
                   struct wz_err *err)
{
    int rc = wz_db_begin(db, err);
    if (rc != WZ_OK)
        return rc;
    struct wz_stmt *st = NULL;
    if ((rc = wz_db_prepare_cached(db, q_member, &st, err)) == WZ_OK) {
        wz_stmt_bind_int64(st, 1, store_id);
        wz_stmt_bind_int64(st, 2, user_id);
        rc = wz_stmt_step(st, err);
        bool owner = rc == WZ_ROW &&
                     (strcmp(wz_stmt_column_text(st, 0), "owner") == 0 || WZ_COL_BOOL(st, 1));
        wz_stmt_reset(st);
        if (rc == WZ_DONE) {
            rc = wz_err_set(err, WZ_ENOENT, "no such team member");
        } else if (owner) {
            wz_field_error(fe, "user_id", "the store's owner cannot be removed from its team");
            rc = wz_err_set(err, WZ_EUSAGE, "the store's owner cannot be removed");
        }
    }
    if (rc == WZ_ROW) {
        char now[21];
        wz_time_iso(time(NULL), now);
        if ((rc = wz_db_prepare_cached(db, q_deactivate, &st, err)) == WZ_OK) {
            wz_stmt_bind_int64(st, 1, store_id);
            wz_stmt_bind_int64(st, 2, user_id);
            wz_stmt_bind_text(st, 3, now);
            rc = wz_stmt_step(st, err);
            wz_stmt_reset(st);
        }
    }
    if (rc < 0) {
        wz_db_rollback(db);
        return rc;
    }
    return wz_db_commit(db, err);
}
