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
#include "http/sessions.h"
#include "platform/admin_settings.h"
#include "platform/invitations.h"
#include "platform/users.h"
#include "platform/mystores.h"
#include "platform/stores.h"

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
    if (wz_db_prepare_cached(req->db, sql, &st, err) != WZ_OK)
        return -1;
    int64_t n = wz_stmt_step(st, err) == WZ_ROW ? wz_stmt_column_int64(st, 0) : -1;
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
    bool at_head = false;
    int rc = wz_migrate_at_head(req->db, s->migrations_dir, &at_head, &why, &err);
    if (rc == WZ_OK && at_head)
        wz_tmpl_set(&t, "migrations", "at head (every migration applied, checksums match)");
    else if (rc == WZ_OK)
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
    const char *q = wz_req_query(req, "q");
    struct wz_store_filter f = {
        .q = q != NULL && q[0] != '\0' ? q : NULL,
        .active = -1,
        .after = wz_panel_cursor(req),
        .limit = WZ_PANEL_PAGE,
    };
    struct wz_store_info *list = NULL;
    size_t n = 0;
    bool more = false;
    struct wz_err err = {0};
    if (wz_store_list(req->db, &f, &list, &n, &more, &err) != WZ_OK)
        return wz_panel_fail(req, resp, err.msg);
    struct wz_strbuf rows = WZ_STRBUF_INIT;
    int64_t last = 0;
    for (size_t i = 0; i < n; i++) {
        const struct wz_store_info *s = &list[i];
        last = s->id;
        wz_strbuf_appendf(&rows, "<tr><td><a href=\"/admin/stores/%lld\">", (long long)s->id);
        wz_html_esc(&rows, s->code);
        wz_strbuf_append(&rows, "</a></td>");
        cell(&rows, s->name);
        cell(&rows, s->subdomain);
        cell(&rows, s->owner_email);
        badge(&rows, s->is_active, "active", "inactive");
        cell(&rows, s->created_at);
        wz_strbuf_append(&rows, "</tr>");
    }
    free(list);
    struct wz_tmpl t = {0};
    wz_tmpl_set(&t, "q", q != NULL ? q : "");
    if (n == 0)
        wz_tmpl_set(&t, "empty", f.q != NULL ? "No store matches this search." : "No stores yet.");
    wz_tmpl_take(&t, "rows", &rows);
    struct wz_strbuf pager = WZ_STRBUF_INIT;
    wz_panel_pager(&pager, "/admin/stores", f.q, more, last);
    wz_tmpl_take(&t, "pager", &pager);
    return wz_panel_page(req, resp, 200, "Stores", "admin/stores.html", &t);
}

/* The store of the path through the engine, or a 404 page / 500 written (returned > 0). */
static int load_store(struct wz_req *req, struct wz_resp *resp, struct wz_store_info *s)
{
    int64_t id = 0;
    if (!wz_req_param_id(req, 0, &id))
        return wz_panel_message(req, resp, 404, "Not found", "There is no such store.");
    struct wz_err err = {0};
    int rc = wz_store_get(req->db, id, s, &err);
    if (rc == WZ_ENOENT)
        return wz_panel_message(req, resp, 404, "Not found", "There is no such store.");
    if (rc != WZ_OK)
        return wz_panel_fail(req, resp, err.msg);
    return 0;
}

static void store_vars(struct wz_tmpl *t, const struct wz_store_info *s)
{
    wz_tmpl_setf(t, "id", "%lld", (long long)s->id);
    wz_tmpl_set(t, "code", s->code);
    wz_tmpl_set(t, "name", s->name);
    wz_tmpl_set(t, "subdomain", s->subdomain);
    wz_tmpl_set(t, "description", s->has_description ? s->description : "");
    wz_tmpl_set(t, "contact_email", s->has_contact_email ? s->contact_email : "");
    wz_tmpl_set(t, "currency", s->default_currency);
    wz_tmpl_set(t, "owner_email", s->owner_email);
    wz_tmpl_set(t, "theme_preset", s->theme_preset);
    wz_tmpl_set(t, "custom_domain", s->custom_domain);
    wz_tmpl_set(t, "created_at", s->created_at);
    wz_tmpl_setf(t, "members", "%lld", (long long)s->member_count);
    if (s->is_active)
        wz_tmpl_set(t, "active", "1");
}

static int domain_row(void *ctx, const struct wz_store_domain *d)
{
    struct wz_strbuf *rows = ctx;
    wz_strbuf_append(rows, "<tr>");
    cell(rows, d->domain);
    cell(rows, d->is_primary ? "primary" : "");
    badge(rows, d->is_verified, "verified", "not verified");
    wz_strbuf_append(rows, "</tr>");
    return 0;
}

static int store_rows(struct wz_req *req, int64_t id, struct wz_strbuf *team,
                      struct wz_strbuf *domains, struct wz_strbuf *orders, struct wz_strbuf *inv,
                      struct wz_err *err)
{
    struct wz_team_member *m = NULL;
    size_t n = 0;
    int rc = wz_store_team(req->db, id, &m, &n, err);
    if (rc != WZ_OK)
        return rc;
    for (size_t i = 0; i < n; i++) {
        wz_strbuf_append(team, "<tr>");
        cell(team, m[i].email);
        cell(team, m[i].username);
        cell(team, m[i].role);
        badge(team, m[i].is_active && m[i].user_is_active, "active",
              m[i].user_is_active ? "inactive" : "account not activated");
        cell(team, m[i].joined_at);
        wz_strbuf_append(team, "</tr>");
    }
    free(m);
    rc = wz_store_domains(req->db, id, domain_row, domains, err);
    if (rc != WZ_OK)
        return rc;
    struct wz_store_order *o = NULL;
    bool more = false;
    rc = wz_store_orders(req->db, id, 0, 10, &o, &n, &more, err);
    if (rc != WZ_OK)
        return rc;
    for (size_t i = 0; i < n; i++) {
        wz_strbuf_append(orders, "<tr>");
        cell(orders, o[i].order_number);
        cell(orders, o[i].has_customer_email ? o[i].customer_email : "");
        cell(orders, o[i].status);
        wz_strbuf_append(orders, "<td class=\"num\">");
        wz_html_money(orders, o[i].total_amount, o[i].currency);
        wz_strbuf_append(orders, "</td>");
        cell(orders, o[i].placed_at);
        wz_strbuf_append(orders, "</tr>");
    }
    free(o);
    return wz_panel_invitation_rows(req, id, "/admin/stores", true, inv, err);
}

/* The store's page; a token given (a new owner's or a resent invitation) is shown once. */
static int store_page(struct wz_req *req, struct wz_resp *resp, const char *token,
                      const char *token_email, const char *token_message)
{
    struct wz_store_info s;
    int rc = load_store(req, resp, &s);
    if (rc != 0)
        return rc;
    struct wz_tmpl t = {0};
    store_vars(&t, &s);
    struct wz_err err = {0};
    struct wz_strbuf team = WZ_STRBUF_INIT, domains = WZ_STRBUF_INIT, orders = WZ_STRBUF_INIT,
                     inv = WZ_STRBUF_INIT;
    rc = store_rows(req, s.id, &team, &domains, &orders, &inv, &err);
    wz_tmpl_take(&t, "team", &team);
    wz_tmpl_take(&t, "domains", &domains);
    wz_tmpl_take(&t, "orders", &orders);
    wz_tmpl_take(&t, "invitations", &inv);
    if (rc != WZ_OK) {
        wz_tmpl_release(&t);
        return wz_panel_fail(req, resp, err.msg);
    }
    char action[96];
    struct wz_strbuf toggle = WZ_STRBUF_INIT;
    snprintf(action, sizeof(action), "/admin/stores/%lld/%s", (long long)s.id,
             s.is_active ? "deactivate" : "reactivate");
    wz_panel_button(&toggle, req, action, s.is_active ? "Deactivate store" : "Reactivate store",
                    s.is_active ? "danger" : "secondary");
    wz_tmpl_take(&t, "toggle", &toggle);
    static const struct {
        const char *done, *text;
    } notices[] = {
        {"created", "The store was created."},
        {"updated", "The store was saved."},
        {"deactivated", "The store was deactivated: its team can no longer use it."},
        {"reactivated", "The store was reactivated."},
        {"revoked", "The invitation was revoked."},
    };
    const char *done = wz_req_query(req, "done");
    for (size_t i = 0; done != NULL && i < sizeof(notices) / sizeof(notices[0]); i++)
        if (strcmp(done, notices[i].done) == 0)
            wz_tmpl_set(&t, "notice", notices[i].text);
    wz_tmpl_set(&t, "token", token);
    wz_tmpl_set(&t, "token_email", token_email);
    wz_tmpl_set(&t, "token_message", token_message);
    char title[160];
    snprintf(title, sizeof(title), "Store %s", s.code);
    return wz_panel_page(req, resp, 200, title, "admin/store.html", &t);
}

/* ---- the store form (create and edit) */

static void preset_options(struct wz_tmpl *t, const char *current)
{
    static const char *const presets[] = {"modern", "classic", "vibrant"};
    struct wz_strbuf sb = WZ_STRBUF_INIT;
    for (size_t i = 0; i < 3; i++)
        wz_strbuf_appendf(&sb, "<option value=\"%s\"%s>%s</option>", presets[i],
                          current != NULL && strcmp(current, presets[i]) == 0 ? " selected" : "",
                          presets[i]);
    wz_tmpl_take(t, "preset_options", &sb);
}

static int store_form(struct wz_req *req, struct wz_resp *resp, int status, int64_t id,
                      struct wz_tmpl *t)
{
    char preset[16];
    snprintf(preset, sizeof(preset), "%s",
             wz_tmpl_get(t, "theme_preset") ? wz_tmpl_get(t, "theme_preset") : "modern");
    preset_options(t, preset);
    if (id > 0) {
        wz_tmpl_setf(t, "action", "/admin/stores/%lld", (long long)id);
        wz_tmpl_set(t, "editing", "1");
    } else {
        wz_tmpl_set(t, "action", "/admin/stores");
    }
    return wz_panel_page(req, resp, status, id > 0 ? "Edit store" : "New store",
                         "admin/store_form.html", t);
}

static const char *opt(const char *v)
{
    return v[0] != '\0' ? v : NULL;
}

int wz_p_admin_store_new(struct wz_req *req, struct wz_resp *resp)
{
    struct wz_tmpl t = {0};
    return store_form(req, resp, 200, 0, &t);
}

static int conflict_or_invalid(int rc)
{
    return rc == WZ_ECONFLICT ? 409 : 422;
}

int wz_p_admin_store_create(struct wz_req *req, struct wz_resp *resp)
{
    struct wz_store_input in = {0};
    in.code = wz_panel_field(req, "code");
    in.name = wz_panel_field(req, "name");
    in.subdomain = wz_panel_field(req, "subdomain");
    in.description = opt(wz_panel_field(req, "description"));
    in.theme_preset = opt(wz_panel_field(req, "theme_preset"));
    in.custom_domain = opt(wz_panel_field(req, "custom_domain"));
    in.contact_email = opt(wz_panel_field(req, "contact_email"));
    /* One field names the owner: a user id, or an email (an existing user's or a new one). */
    const char *owner = wz_panel_field(req, "owner");
    struct wz_field_errors fe = {0};
    size_t digits = strspn(owner, "0123456789");
    /* Absent: the engine names the missing owner along with the other fields. */
    if (owner[0] != '\0' && owner[digits] == '\0' && digits <= 18)
        in.owner_user_id = strtoll(owner, NULL, 10);
    else if (owner[0] != '\0')
        in.owner_email = owner;
    struct wz_store_info s;
    struct wz_invitation_info inv = {0};
    char token[WZ_INVITATION_TOKEN_HEX + 1] = "";
    struct wz_err err = {0};
    int rc = fe.n > 0
                 ? WZ_EUSAGE
                 : wz_store_create(req->db, req->app->settings, &in, &fe, &s, &inv, token, &err);
    if (rc == WZ_OK) {

        char idtext[24];
        snprintf(idtext, sizeof(idtext), "%lld", (long long)s.id);
        req->params[0] = idtext;
        req->nparams = 1;
        int status;
        if (token[0] != '\0') {
            status = store_page(req, resp, token, inv.email,
                                "The store was created and its new owner invited.");
            sodium_memzero(token, sizeof(token));
        } else {
            char to[64];
            snprintf(to, sizeof(to), "/admin/stores/%lld?done=created", (long long)s.id);
            status = wz_resp_redirect(resp, to);
        }
        req->params[0] = NULL;
        req->nparams = 0;
        return status;
    }
    if (rc != WZ_EUSAGE && rc != WZ_ECONFLICT)
        return wz_panel_fail(req, resp, err.msg);
    struct wz_tmpl t = {0};
    if (fe.n == 0)
        wz_field_error(&fe, "form", "%s", err.msg);
    wz_tmpl_errors(&t, &fe);
    static const char *const keep[] = {"code",          "name",         "subdomain",
                                       "description",   "theme_preset", "custom_domain",
                                       "contact_email", "owner"};
    for (size_t i = 0; i < sizeof(keep) / sizeof(keep[0]); i++)
        wz_tmpl_set(&t, keep[i], wz_panel_field(req, keep[i]));
    return store_form(req, resp, conflict_or_invalid(rc), 0, &t);
}

int wz_p_admin_store_edit(struct wz_req *req, struct wz_resp *resp)
{
    struct wz_store_info s;
    int rc = load_store(req, resp, &s);
    if (rc != 0)
        return rc;
    struct wz_tmpl t = {0};
    store_vars(&t, &s);
    return store_form(req, resp, 200, s.id, &t);
}

static int store_update(struct wz_req *req, struct wz_resp *resp, struct wz_store_update *up,
                        const char *done)
{
    int64_t id = 0;
    if (!wz_req_param_id(req, 0, &id))
        return wz_panel_message(req, resp, 404, "Not found", "There is no such store.");
    struct wz_field_errors fe = {0};
    struct wz_store_info s;
    struct wz_err err = {0};
    int rc = wz_store_update(req->db, req->app->settings, id, up, &fe, &s, &err);
    if (rc == WZ_OK) {
        char to[96];
        snprintf(to, sizeof(to), "/admin/stores/%lld?done=%s", (long long)id, done);
        return wz_resp_redirect(resp, to);
    }
    if (rc == WZ_ENOENT)
        return wz_panel_message(req, resp, 404, "Not found", "There is no such store.");
    if (rc != WZ_EUSAGE && rc != WZ_ECONFLICT)
        return wz_panel_fail(req, resp, err.msg);
    struct wz_store_info cur;
    rc = load_store(req, resp, &cur);
    if (rc != 0)
        return rc;
    struct wz_tmpl t = {0};
    store_vars(&t, &cur);
    if (fe.n == 0)
        wz_field_error(&fe, "form", "%s", err.msg);
    wz_tmpl_errors(&t, &fe);
    static const char *const keep[] = {"name", "description", "theme_preset", "custom_domain",
                                       "contact_email"};
    for (size_t i = 0; i < sizeof(keep) / sizeof(keep[0]); i++)
        if (wz_req_form(req, keep[i]) != NULL)
            wz_tmpl_set(&t, keep[i], wz_panel_field(req, keep[i]));
    return store_form(req, resp, fe.n > 0 && rc == WZ_ECONFLICT ? 409 : 422, id, &t);
}

int wz_p_admin_store_update(struct wz_req *req, struct wz_resp *resp)
{
    struct wz_store_update up = {.is_active = -1};
    up.name = wz_panel_field(req, "name");
    up.set_description = true;
    up.description = opt(wz_panel_field(req, "description"));
    up.set_contact_email = true;
    up.contact_email = opt(wz_panel_field(req, "contact_email"));
    up.theme_preset = opt(wz_panel_field(req, "theme_preset"));
    up.set_custom_domain = true;
    up.custom_domain = opt(wz_panel_field(req, "custom_domain"));
    return store_update(req, resp, &up, "updated");
}

int wz_p_admin_store_deactivate(struct wz_req *req, struct wz_resp *resp)
{
    struct wz_store_update up = {.is_active = 0};
    return store_update(req, resp, &up, "deactivated");
}

int wz_p_admin_store_reactivate(struct wz_req *req, struct wz_resp *resp)
{
    struct wz_store_update up = {.is_active = 1};
    return store_update(req, resp, &up, "reactivated");
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

int wz_p_admin_user_deactivate(struct wz_req *req, struct wz_resp *resp)
{
    int64_t id = 0;
    if (!wz_req_param_id(req, 0, &id))
        return wz_panel_message(req, resp, 404, "Not found", "There is no such user.");
    struct wz_field_errors fe = {0};
    struct wz_err err = {0};
    int rc = wz_user_set_active(req->db, id, false, req->who.user_id, &fe, &err);
    if (rc == WZ_ENOENT)
        return wz_panel_message(req, resp, 404, "Not found", "There is no such user.");
    if (rc == WZ_EUSAGE)
        return wz_panel_message(req, resp, 422, "Not possible",
                                fe.n > 0 ? fe.e[0].message : err.msg);
    if (rc != WZ_OK)
        return wz_panel_fail(req, resp, err.msg);
    /* Their panel sessions end now; their tokens already fail (the access check reads
     * is_active on every request). */
    wz_session_delete_user(req->app->sessions, id);
    return wz_resp_redirect(resp, "/admin/users?done=deactivated");
}

/* ---- admin settings */

static int settings_page(struct wz_req *req, struct wz_resp *resp, int status, const char *key,
                         const char *value, const struct wz_field_errors *fe)
{
    struct wz_admin_setting *rows = NULL;
    size_t n = 0;
    struct wz_err err = {0};
    if (wz_admin_settings_list(req->db, &rows, &n, &err) != WZ_OK)
        return wz_panel_fail(req, resp, err.msg);
    struct wz_strbuf sb = WZ_STRBUF_INIT;
    for (size_t i = 0; i < n; i++) {
        const struct wz_admin_setting *r = &rows[i];
        bool failed = key != NULL && strcmp(key, r->key) == 0 && fe != NULL && fe->n > 0;
        const char *shown = failed ? value : r->value;
        wz_strbuf_append(&sb, "<tr><td><strong>");
        wz_html_esc(&sb, r->key);
        wz_strbuf_append(&sb, "</strong><br><span class=\"hint\">");
        wz_html_esc(&sb, r->description);
        wz_strbuf_append(&sb, "</span></td><td>");
        wz_html_esc(&sb, r->value_type);
        wz_strbuf_append(
            &sb, "</td><td><form method=\"post\" class=\"inline\" action=\"/admin/settings/");
        wz_panel_urlenc(&sb, r->key);
        wz_strbuf_append(&sb, "\"><input type=\"hidden\" name=\"csrf_token\" value=\"");
        wz_html_esc(&sb, req->who.csrf);
        wz_strbuf_append(&sb, "\">");
        char id[160];
        snprintf(id, sizeof(id), "setting-%s", r->key);
        if (strcmp(r->value_type, "boolean") == 0) {
            /* An unchecked box sends nothing, so a hidden "false" follows it: the form
             * reader takes a name's first value, the box's "true" when it is checked. */
            bool on = shown != NULL && strcmp(shown, "true") == 0;
            wz_strbuf_append(&sb, "<input type=\"checkbox\" name=\"value\" value=\"true\" id=\"");
            wz_html_esc(&sb, id);
            wz_strbuf_append(&sb, on ? "\" checked>" : "\">");
            wz_strbuf_append(&sb, "<input type=\"hidden\" name=\"value\" value=\"false\">");
        } else {
            wz_strbuf_append(&sb, strcmp(r->value_type, "integer") == 0
                                      ? "<input type=\"number\" step=\"1\" name=\"value\" id=\""
                                      : "<input type=\"text\" name=\"value\" id=\"");
            wz_html_esc(&sb, id);
            wz_strbuf_append(&sb, "\" value=\"");
            wz_html_esc(&sb, shown);
            wz_strbuf_append(&sb, failed ? "\" aria-invalid=\"true\">" : "\">");
        }
        wz_strbuf_append(&sb, " <button type=\"submit\" class=\"secondary\">Save</button>");
        if (failed)
            for (int k = 0; k < fe->n; k++) {
                wz_strbuf_append(&sb, "<p class=\"field-error\">");
                wz_html_esc(&sb, fe->e[k].message);
                wz_strbuf_append(&sb, "</p>");
            }
        wz_strbuf_append(&sb, "</form></td></tr>");
    }
    wz_admin_settings_free(rows, n);
    struct wz_tmpl t = {0};
    wz_tmpl_take(&t, "rows", &sb);
    const char *done = wz_req_query(req, "done");
    if (done != NULL && strcmp(done, "saved") == 0)
        wz_tmpl_set(&t, "notice", "The setting was saved.");
    return wz_panel_page(req, resp, status, "Settings", "admin/settings.html", &t);
}

int wz_p_admin_settings(struct wz_req *req, struct wz_resp *resp)
{
    return settings_page(req, resp, 200, NULL, NULL, NULL);
}

int wz_p_admin_setting_update(struct wz_req *req, struct wz_resp *resp)
{
    const char *key = req->nparams > 0 ? req->params[0] : "";
    const char *value = wz_req_form(req, "value");
    struct wz_setting_value v = {.kind = WZ_SV_TEXT, .text = value != NULL ? value : ""};
    struct wz_field_errors fe = {0};
    struct wz_admin_setting out = {0};
    struct wz_err err = {0};
    int rc = wz_admin_setting_set(req->db, key, &v, &fe, &out, &err);
    if (rc == WZ_OK) {
        free(out.value);
        free(out.description);
        return wz_resp_redirect(resp, "/admin/settings?done=saved");
    }
    if (rc == WZ_ENOENT)
        return wz_panel_message(req, resp, 404, "Not found", "There is no such setting.");
    if (rc != WZ_EUSAGE)
        return wz_panel_fail(req, resp, err.msg);
    if (fe.n == 0)
        wz_field_error(&fe, "value", "%s", err.msg);
    return settings_page(req, resp, 422, key, v.text, &fe);
}
