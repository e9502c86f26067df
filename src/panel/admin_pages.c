/* The platform admin's pages (/admin): the dashboard, the lists and a store's page. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/settings.h"
#include "db/db.h"
#include "http/app.h"
#include "migrate/runner.h"
#include "panel/panel.h"
#include "panel/panel_routes.h"
#include "platform/invitations.h"

/* ---- small builders */

static void cell(struct wz_strbuf *sb, const char *text)
{
    wz_strbuf_append(sb, "<td>");
    wz_html_esc(sb, text);
    wz_strbuf_append(sb, "</td>");
}

static void badge(struct wz_strbuf *sb, bool on, const char *yes, const char *no)
{
    wz_strbuf_append(sb, on ? "<td><span class=\"badge on\">" : "<td><span class=\"badge off\">");
    wz_html_esc(sb, on ? yes : no);
    wz_strbuf_append(sb, "</span></td>");
}

static int64_t count_rows(struct wz_req *req, const char *sql, struct wz_err *err)
{
    struct wz_stmt *st = NULL;
    int rc = wz_db_prepare_cached(req->db, sql, &st, err);
    if (rc == WZ_OK)
        rc = wz_stmt_step(st, err);
    int64_t n = rc == WZ_ROW ? wz_stmt_column_int64(st, 0) : -1;
    if (st != NULL)
        wz_stmt_reset(st);
    return n;
}

/* ---- dashboard */

int wz_p_admin_dashboard(struct wz_req *req, struct wz_resp *resp)
{
    static const struct {
        const char *label, *sql;
    } counts[] = {
        {"Stores", "SELECT COUNT(*) FROM stores"},
        {"Users", "SELECT COUNT(*) FROM users"},
        {"Customers", "SELECT COUNT(*) FROM customers"},
        {"Products", "SELECT COUNT(*) FROM products"},
        {"Orders", "SELECT COUNT(*) FROM orders"},
    };
    struct wz_strbuf cards = WZ_STRBUF_INIT;
    struct wz_err err = {0};
    for (size_t i = 0; i < sizeof(counts) / sizeof(counts[0]); i++) {
        int64_t n = count_rows(req, counts[i].sql, &err);
        if (n < 0) {
            wz_strbuf_release(&cards);
            return wz_panel_fail(req, resp, err.msg);
        }
        wz_strbuf_appendf(&cards, "<li><strong>%lld</strong><span>", (long long)n);
        wz_html_esc(&cards, counts[i].label);
        wz_strbuf_append(&cards, "</span></li>");
    }
    struct wz_tmpl t = {0};
    wz_tmpl_take(&t, "cards", &cards);
    const struct wz_settings *s = req->app->settings;
    wz_tmpl_set(&t, "environment", wz_environment_name(s->environment));
    wz_tmpl_set(&t, "production", req->app->production ? "yes" : "no");
    wz_tmpl_set(&t, "database", wz_db_dialect_name(req->db));
    /* What `wizamart verify` checks first about the schema: at head, checksums matching. */
    char *why = NULL;
    int rc = wz_migrate_at_head(req->db, s->migrations_dir, &why, &err);
    if (rc == 1)
        wz_tmpl_set(&t, "migrations", "at head (every migration applied, checksums match)");
    else if (rc == 0)
        wz_tmpl_setf(&t, "migrations_problem", "%s",
                     why != NULL ? why : "migrations are pending: run `make migrate-up`");
    else
        wz_tmpl_setf(&t, "migrations_problem", "cannot be read: %s", err.msg);
    free(why);
    return wz_panel_page(req, resp, 200, "Dashboard", "admin/dashboard.html", &t);
}

/* ---- stores */

int wz_p_admin_stores(struct wz_req *req, struct wz_resp *resp)
{
    static _Thread_local char sql[1024];
    char like[256];
    bool search = wz_panel_like(req, like, sizeof(like));
    struct wz_stmt *st = NULL;
    struct wz_err err = {0};
    int rc = wz_panel_prepare(
        req->db, sql, sizeof(sql),
        "SELECT s.id, s.code, s.name, s.subdomain, CASE WHEN s.is_active THEN 1 ELSE 0 END, "
        "u.email, {ts:s.created_at} FROM stores s JOIN users u ON u.id = s.owner_user_id "
        "WHERE s.id > $1 AND ($2 = 0 OR lower(s.name) LIKE $3 ESCAPE '\\' OR lower(s.code) "
        "LIKE $3 ESCAPE '\\' OR s.subdomain LIKE $3 ESCAPE '\\' OR u.email LIKE $3 ESCAPE '\\') "
        "ORDER BY s.id LIMIT $4",
        &st, &err);
    if (rc != WZ_OK)
        return wz_panel_fail(req, resp, err.msg);
    wz_stmt_bind_int64(st, 1, wz_panel_cursor(req));
    wz_stmt_bind_int64(st, 2, search ? 1 : 0);
    wz_stmt_bind_text(st, 3, search ? like : "");
    wz_stmt_bind_int64(st, 4, WZ_PANEL_PAGE + 1);
    struct wz_strbuf rows = WZ_STRBUF_INIT;
    int n = 0;
    int64_t last = 0;
    bool more = false;
    while ((rc = wz_stmt_step(st, &err)) == WZ_ROW) {
        if (n == WZ_PANEL_PAGE) {
            more = true;
            continue;
        }
        n++;
        last = wz_stmt_column_int64(st, 0);
        wz_strbuf_appendf(&rows, "<tr><td><a href=\"/admin/stores/%lld\">", (long long)last);
        wz_html_esc(&rows, wz_stmt_column_text(st, 1));
        wz_strbuf_append(&rows, "</a></td>");
        cell(&rows, wz_stmt_column_text(st, 2));
        cell(&rows, wz_stmt_column_text(st, 3));
        cell(&rows, wz_stmt_column_text(st, 5));
        badge(&rows, wz_stmt_column_int64(st, 4) == 1, "active", "inactive");
        cell(&rows, wz_stmt_column_text(st, 6));
        wz_strbuf_append(&rows, "</tr>");
    }
    wz_stmt_reset(st);
    if (rc < 0) {
        wz_strbuf_release(&rows);
        return wz_panel_fail(req, resp, err.msg);
    }
    struct wz_tmpl t = {0};
    const char *q = wz_req_query(req, "q");
    wz_tmpl_set(&t, "q", q != NULL ? q : "");
    if (n == 0)
        wz_tmpl_set(&t, "empty", search ? "No store matches this search." : "No stores yet.");
    wz_tmpl_take(&t, "rows", &rows);
    struct wz_strbuf pager = WZ_STRBUF_INIT;
    wz_panel_pager(&pager, "/admin/stores", q, more, last);
    wz_tmpl_take(&t, "pager", &pager);
    return wz_panel_page(req, resp, 200, "Stores", "admin/stores.html", &t);
}

/* The store of the path for the admin, or a 404 page written. */
static int load_store(struct wz_req *req, struct wz_resp *resp, int64_t *id, struct wz_tmpl *t)
{
    static _Thread_local char sql[1024];
    if (!wz_req_param_id(req, 0, id))
        return wz_panel_message(req, resp, 404, "Not found", "There is no such store.");
    struct wz_stmt *st = NULL;
    struct wz_err err = {0};
    int rc = wz_panel_prepare(
        req->db, sql, sizeof(sql),
        "SELECT s.code, s.name, s.subdomain, s.description, s.contact_email, "
        "s.default_currency, CASE WHEN s.is_active THEN 1 ELSE 0 END, u.id, u.email, "
        "u.username, {ts:s.created_at}, th.preset, th.primary_color, th.secondary_color, "
        "th.accent_color FROM stores s JOIN users u ON u.id = s.owner_user_id LEFT JOIN "
        "store_themes th ON th.store_id = s.id WHERE s.id = $1",
        &st, &err);
    if (rc == WZ_OK) {
        wz_stmt_bind_int64(st, 1, *id);
        rc = wz_stmt_step(st, &err);
    }
    if (rc < 0)
        return wz_panel_fail(req, resp, err.msg);
    if (rc != WZ_ROW) {
        wz_stmt_reset(st);
        return wz_panel_message(req, resp, 404, "Not found", "There is no such store.");
    }
    wz_tmpl_setf(t, "id", "%lld", (long long)*id);
    wz_tmpl_set(t, "code", wz_panel_col(st, 0));
    wz_tmpl_set(t, "name", wz_panel_col(st, 1));
    wz_tmpl_set(t, "subdomain", wz_panel_col(st, 2));
    wz_tmpl_set(t, "description", wz_panel_col(st, 3));
    wz_tmpl_set(t, "contact_email", wz_panel_col(st, 4));
    wz_tmpl_set(t, "currency", wz_panel_col(st, 5));
    if (wz_stmt_column_int64(st, 6) == 1)
        wz_tmpl_set(t, "active", "1");
    wz_tmpl_setf(t, "owner_id", "%lld", (long long)wz_stmt_column_int64(st, 7));
    wz_tmpl_set(t, "owner_email", wz_panel_col(st, 8));
    wz_tmpl_set(t, "owner_username", wz_panel_col(st, 9));
    wz_tmpl_set(t, "created_at", wz_panel_col(st, 10));
    wz_tmpl_set(t, "theme_preset", wz_panel_col(st, 11));
    wz_tmpl_set(t, "theme_colors",
                wz_stmt_column_is_null(st, 12) ? "" : wz_stmt_column_text(st, 12));
    if (!wz_stmt_column_is_null(st, 12)) {
        char colors[64];
        snprintf(colors, sizeof(colors), "%s, %s, %s", wz_panel_col(st, 12), wz_panel_col(st, 13),
                 wz_panel_col(st, 14));
        wz_tmpl_set(t, "theme_colors", colors);
    }
    wz_stmt_reset(st);
    return 0;
}

static int store_team(struct wz_req *req, int64_t id, struct wz_strbuf *rows, struct wz_err *err)
{
    static _Thread_local char sql[768];
    struct wz_stmt *st = NULL;
    int rc = wz_panel_prepare(req->db, sql, sizeof(sql),
                              "SELECT u.email, u.username, r.name, CASE WHEN su.is_active AND "
                              "u.is_active THEN 1 ELSE 0 END, {ts:su.joined_at} FROM store_users "
                              "su JOIN users u ON u.id = su.user_id JOIN roles r ON r.id = "
                              "su.role_id WHERE su.store_id = $1 ORDER BY su.id",
                              &st, err);
    if (rc != WZ_OK)
        return rc;
    wz_stmt_bind_int64(st, 1, id);
    while ((rc = wz_stmt_step(st, err)) == WZ_ROW) {
        wz_strbuf_append(rows, "<tr>");
        cell(rows, wz_panel_col(st, 0));
        cell(rows, wz_panel_col(st, 1));
        cell(rows, wz_panel_col(st, 2));
        badge(rows, wz_stmt_column_int64(st, 3) == 1, "active", "inactive");
        cell(rows, wz_panel_col(st, 4));
        wz_strbuf_append(rows, "</tr>");
    }
    wz_stmt_reset(st);
    return rc < 0 ? rc : WZ_OK;
}

static int store_domains(struct wz_req *req, int64_t id, struct wz_strbuf *rows, struct wz_err *err)
{
    struct wz_stmt *st = NULL;
    int rc = wz_db_prepare_cached(req->db,
                                  "SELECT domain, CASE WHEN is_primary THEN 1 ELSE 0 END, CASE "
                                  "WHEN is_verified THEN 1 ELSE 0 END FROM store_domains WHERE "
                                  "store_id = $1 ORDER BY id",
                                  &st, err);
    if (rc != WZ_OK)
        return rc;
    wz_stmt_bind_int64(st, 1, id);
    while ((rc = wz_stmt_step(st, err)) == WZ_ROW) {
        wz_strbuf_append(rows, "<tr>");
        cell(rows, wz_panel_col(st, 0));
        cell(rows, wz_stmt_column_int64(st, 1) == 1 ? "primary" : "");
        badge(rows, wz_stmt_column_int64(st, 2) == 1, "verified", "not verified");
        wz_strbuf_append(rows, "</tr>");
    }
    wz_stmt_reset(st);
    return rc < 0 ? rc : WZ_OK;
}

static int store_orders(struct wz_req *req, int64_t id, struct wz_strbuf *rows, struct wz_err *err)
{
    static _Thread_local char sql[768];
    struct wz_stmt *st = NULL;
    int rc = wz_panel_prepare(req->db, sql, sizeof(sql),
                              "SELECT order_number, customer_email, status, total_amount, "
                              "currency, {ts:placed_at} FROM orders WHERE store_id = $1 ORDER BY "
                              "placed_at DESC, id DESC LIMIT 10",
                              &st, err);
    if (rc != WZ_OK)
        return rc;
    wz_stmt_bind_int64(st, 1, id);
    while ((rc = wz_stmt_step(st, err)) == WZ_ROW) {
        wz_strbuf_append(rows, "<tr>");
        cell(rows, wz_panel_col(st, 0));
        cell(rows, wz_panel_col(st, 1));
        cell(rows, wz_panel_col(st, 2));
        wz_strbuf_append(rows, "<td class=\"num\">");
        wz_html_money(rows, wz_stmt_column_int64(st, 3), wz_panel_col(st, 4));
        wz_strbuf_append(rows, "</td>");
        cell(rows, wz_panel_col(st, 5));
        wz_strbuf_append(rows, "</tr>");
    }
    wz_stmt_reset(st);
    return rc < 0 ? rc : WZ_OK;
}

/* The store's page; a token given (a new or resent invitation) is shown once. */
static int store_page(struct wz_req *req, struct wz_resp *resp, const char *token,
                      const char *token_email, const char *token_message)
{
    struct wz_tmpl t = {0};
    int64_t id = 0;
    int rc = load_store(req, resp, &id, &t);
    if (rc != 0) {
        wz_tmpl_release(&t);
        return rc;
    }
    struct wz_err err = {0};
    struct wz_strbuf team = WZ_STRBUF_INIT, domains = WZ_STRBUF_INIT, orders = WZ_STRBUF_INIT,
                     inv = WZ_STRBUF_INIT;
    rc = store_team(req, id, &team, &err);
    if (rc == WZ_OK)
        rc = store_domains(req, id, &domains, &err);
    if (rc == WZ_OK)
        rc = store_orders(req, id, &orders, &err);
    if (rc == WZ_OK)
        rc = wz_panel_invitation_rows(req, id, "/admin/stores", true, &inv, &err);
    if (rc != WZ_OK) {
        wz_strbuf_release(&team);
        wz_strbuf_release(&domains);
        wz_strbuf_release(&orders);
        wz_strbuf_release(&inv);
        wz_tmpl_release(&t);
        return wz_panel_fail(req, resp, err.msg);
    }
    wz_tmpl_take(&t, "team", &team);
    wz_tmpl_take(&t, "domains", &domains);
    wz_tmpl_take(&t, "orders", &orders);
    wz_tmpl_take(&t, "invitations", &inv);
    char action[96];
    struct wz_strbuf toggle = WZ_STRBUF_INIT;
    bool active = wz_tmpl_get(&t, "active") != NULL;
    snprintf(action, sizeof(action), "/admin/stores/%lld/%s", (long long)id,
             active ? "deactivate" : "reactivate");
    wz_panel_button(&toggle, req, action, active ? "Deactivate store" : "Reactivate store",
                    active ? "danger" : "secondary");
    wz_tmpl_take(&t, "toggle", &toggle);
    const char *notice = wz_req_query(req, "done");
    if (notice != NULL && strcmp(notice, "updated") == 0)
        wz_tmpl_set(&t, "notice", "The store was saved.");
    else if (notice != NULL && strcmp(notice, "deactivated") == 0)
        wz_tmpl_set(&t, "notice", "The store was deactivated: its team can no longer use it.");
    else if (notice != NULL && strcmp(notice, "reactivated") == 0)
        wz_tmpl_set(&t, "notice", "The store was reactivated.");
    else if (notice != NULL && strcmp(notice, "revoked") == 0)
        wz_tmpl_set(&t, "notice", "The invitation was revoked.");
    wz_tmpl_set(&t, "token", token);
    wz_tmpl_set(&t, "token_email", token_email);
    wz_tmpl_set(&t, "token_message", token_message);
    char title[160];
    snprintf(title, sizeof(title), "Store %s", wz_tmpl_get(&t, "code"));
    return wz_panel_page(req, resp, 200, title, "admin/store.html", &t);
}

int wz_p_admin_store(struct wz_req *req, struct wz_resp *resp)
{
    return store_page(req, resp, NULL, NULL, NULL);
}

/* An engine's refusal of an action on a store's invitation, as a page. */
static int invitation_refused(struct wz_req *req, struct wz_resp *resp, int rc,
                              const struct wz_err *err)
{
    if (rc == WZ_ENOENT)
        return wz_panel_message(req, resp, 404, "Not found", "There is no such invitation.");
    if (rc == WZ_ECONFLICT)
        return wz_panel_message(req, resp, 409, "Not possible", err->msg);
    return wz_panel_fail(req, resp, err->msg);
}

int wz_p_admin_invitation_resend(struct wz_req *req, struct wz_resp *resp)
{
    int64_t store_id = 0, inv_id = 0;
    if (!wz_req_param_id(req, 0, &store_id) || !wz_req_param_id(req, 1, &inv_id))
        return wz_panel_message(req, resp, 404, "Not found", "There is no such invitation.");
    struct wz_invitation_info info;
    char token[WZ_INVITATION_TOKEN_HEX + 1];
    struct wz_err err = {0};
    int rc =
        wz_invitation_resend(req->db, req->app->settings, store_id, inv_id, &info, token, &err);
    if (rc != WZ_OK)
        return invitation_refused(req, resp, rc, &err);
    int status = store_page(req, resp, token, info.email,
                            "The invitation was sent again with a new token; the old one no "
                            "longer works.");
    sodium_memzero(token, sizeof(token));
    return status;
}

int wz_p_admin_invitation_revoke(struct wz_req *req, struct wz_resp *resp)
{
    int64_t store_id = 0, inv_id = 0;
    if (!wz_req_param_id(req, 0, &store_id) || !wz_req_param_id(req, 1, &inv_id))
        return wz_panel_message(req, resp, 404, "Not found", "There is no such invitation.");
    struct wz_err err = {0};
    int rc = wz_invitation_revoke(req->db, store_id, inv_id, &err);
    if (rc != WZ_OK)
        return invitation_refused(req, resp, rc, &err);
    char to[96];
    snprintf(to, sizeof(to), "/admin/stores/%lld?done=revoked", (long long)store_id);
    return wz_resp_redirect(resp, to);
}

/* ---- users */

int wz_p_admin_users(struct wz_req *req, struct wz_resp *resp)
{
    static _Thread_local char sql[1024];
    char like[256];
    bool search = wz_panel_like(req, like, sizeof(like));
    struct wz_stmt *st = NULL;
    struct wz_err err = {0};
    int rc = wz_panel_prepare(
        req->db, sql, sizeof(sql),
        "SELECT id, email, username, role, CASE WHEN is_active THEN 1 ELSE 0 END, "
        "{ts:last_login_at} FROM users WHERE id > $1 AND ($2 = 0 OR email LIKE $3 ESCAPE '\\' "
        "OR lower(username) LIKE $3 ESCAPE '\\' OR lower(coalesce(first_name, '') || ' ' || "
        "coalesce(last_name, '')) LIKE $3 ESCAPE '\\') ORDER BY id LIMIT $4",
        &st, &err);
    if (rc != WZ_OK)
        return wz_panel_fail(req, resp, err.msg);
    wz_stmt_bind_int64(st, 1, wz_panel_cursor(req));
    wz_stmt_bind_int64(st, 2, search ? 1 : 0);
    wz_stmt_bind_text(st, 3, search ? like : "");
    wz_stmt_bind_int64(st, 4, WZ_PANEL_PAGE + 1);
    struct wz_strbuf rows = WZ_STRBUF_INIT;
    int n = 0;
    int64_t last = 0;
    bool more = false;
    while ((rc = wz_stmt_step(st, &err)) == WZ_ROW) {
        if (n == WZ_PANEL_PAGE) {
            more = true;
            continue;
        }
        n++;
        last = wz_stmt_column_int64(st, 0);
        bool active = wz_stmt_column_int64(st, 4) == 1;
        wz_strbuf_append(&rows, "<tr>");
        cell(&rows, wz_panel_col(st, 1));
        cell(&rows, wz_panel_col(st, 2));
        cell(&rows, wz_panel_col(st, 3));
        badge(&rows, active, "active", "inactive");
        cell(&rows, wz_stmt_column_is_null(st, 5) ? "never" : wz_panel_col(st, 5));
        wz_strbuf_append(&rows, "<td>");
        if (active && last != req->who.user_id) {
            char action[80];
            snprintf(action, sizeof(action), "/admin/users/%lld/deactivate", (long long)last);
            wz_panel_button(&rows, req, action, "Deactivate", "danger");
        }
        wz_strbuf_append(&rows, "</td></tr>");
    }
    wz_stmt_reset(st);
    if (rc < 0) {
        wz_strbuf_release(&rows);
        return wz_panel_fail(req, resp, err.msg);
    }
    struct wz_tmpl t = {0};
    const char *q = wz_req_query(req, "q");
    wz_tmpl_set(&t, "q", q != NULL ? q : "");
    if (n == 0)
        wz_tmpl_set(&t, "empty", "No user matches this search.");
    const char *done = wz_req_query(req, "done");
    if (done != NULL && strcmp(done, "deactivated") == 0)
        wz_tmpl_set(&t, "notice", "The user was deactivated and signed out everywhere.");
    wz_tmpl_take(&t, "rows", &rows);
    struct wz_strbuf pager = WZ_STRBUF_INIT;
    wz_panel_pager(&pager, "/admin/users", q, more, last);
    wz_tmpl_take(&t, "pager", &pager);
    return wz_panel_page(req, resp, 200, "Users", "admin/users.html", &t);
}
