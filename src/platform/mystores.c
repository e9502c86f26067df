/* A store user's stores: see mystores.h. */
#include "platform/mystores.h"

#include "db/db.h"

static const char *const q_mine =
    "SELECT s.id, s.code, s.name, s.subdomain, r.name, s.default_currency FROM store_users su "
    "JOIN stores s ON s.id = su.store_id JOIN roles r ON r.id = su.role_id WHERE su.user_id = $1 "
    "AND su.is_active AND s.is_active ORDER BY s.id";
static const char *const q_view_tmpl =
    "SELECT s.id, s.code, s.name, s.subdomain, s.description, s.contact_email, "
    "s.default_currency, CASE WHEN s.is_verified THEN 1 ELSE 0 END, {ts:s.created_at}, t.id, "
    "t.preset, t.primary_color, t.secondary_color, t.accent_color, t.font_family, t.logo_url "
    "FROM stores s LEFT JOIN store_themes t ON t.store_id = s.id WHERE s.id = $1 AND "
    "s.is_active";
static _Thread_local char q_view[1024];
static const char *const q_domains =
    "SELECT domain, CASE WHEN is_primary THEN 1 ELSE 0 END, CASE WHEN is_verified THEN 1 ELSE 0 "
    "END FROM store_domains WHERE store_id = $1 ORDER BY is_primary DESC, domain";

int wz_my_stores(struct wz_db *db, int64_t user_id, wz_my_store_fn fn, void *ctx,
                 struct wz_err *err)
{
    struct wz_stmt *st = NULL;
    int rc = wz_db_prepare_cached(db, q_mine, &st, err);
    if (rc != WZ_OK)
        return rc;
    wz_stmt_bind_int64(st, 1, user_id);
    while ((rc = wz_stmt_step(st, err)) == WZ_ROW) {
        struct wz_my_store s = {
            .id = wz_stmt_column_int64(st, 0),
            .code = wz_stmt_column_text(st, 1),
            .name = wz_stmt_column_text(st, 2),
            .subdomain = wz_stmt_column_text(st, 3),
            .role = wz_stmt_column_text(st, 4),
            .default_currency = wz_stmt_column_text(st, 5),
        };
        if ((rc = fn(ctx, &s)) != 0)
            break;
    }
    wz_stmt_reset(st);
    return rc == WZ_DONE ? WZ_OK : rc;
}

int wz_store_view_get(struct wz_db *db, int64_t store_id, wz_store_view_fn fn, void *ctx,
                      struct wz_err *err)
{
    struct wz_stmt *st = NULL;
    int rc = wz_tenant_prepare(db, q_view, sizeof(q_view), q_view_tmpl, &st, err);
    if (rc != WZ_OK)
        return rc;
    wz_stmt_bind_int64(st, 1, store_id);
    rc = wz_stmt_step(st, err);
    if (rc == WZ_ROW) {
        struct wz_store_view v = {
            .id = wz_stmt_column_int64(st, 0),
            .code = wz_stmt_column_text(st, 1),
            .name = wz_stmt_column_text(st, 2),
            .subdomain = wz_stmt_column_text(st, 3),
            .description = WZ_COL_NSTR(st, 4),
            .contact_email = WZ_COL_NSTR(st, 5),
            .default_currency = wz_stmt_column_text(st, 6),
            .is_verified = WZ_COL_BOOL(st, 7),
            .created_at = wz_stmt_column_text(st, 8),
            .has_theme = !wz_stmt_column_is_null(st, 9),
            .preset = wz_stmt_column_text(st, 10),
            .primary_color = wz_stmt_column_text(st, 11),
            .secondary_color = wz_stmt_column_text(st, 12),
            .accent_color = wz_stmt_column_text(st, 13),
            .font_family = wz_stmt_column_text(st, 14),
            .logo_url = WZ_COL_NSTR(st, 15),
        };
        rc = fn(ctx, &v);
    } else if (rc == WZ_DONE) {
        rc = wz_err_set(err, WZ_ENOENT, "no such store");
    }
    wz_stmt_reset(st);
    return rc;
}

int wz_store_domains(struct wz_db *db, int64_t store_id, wz_store_domain_fn fn, void *ctx,
                     struct wz_err *err)
{
    struct wz_stmt *st = NULL;
    int rc = wz_db_prepare_cached(db, q_domains, &st, err);
    if (rc != WZ_OK)
        return rc;
    wz_stmt_bind_int64(st, 1, store_id);
    while ((rc = wz_stmt_step(st, err)) == WZ_ROW) {
        struct wz_store_domain d = {
            .domain = wz_stmt_column_text(st, 0),
            .is_primary = WZ_COL_BOOL(st, 1),
            .is_verified = WZ_COL_BOOL(st, 2),
        };
        if ((rc = fn(ctx, &d)) != 0)
            break;
    }
    wz_stmt_reset(st);
    return rc == WZ_DONE ? WZ_OK : rc;
}
