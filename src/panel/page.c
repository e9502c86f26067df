/* The layout, message pages, request helpers, and sign-in/sign-out of both panels. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "http/app.h"
#include "http/auth.h"
#include "http/sessions.h"
#include "panel/panel.h"
#include "panel/panel_routes.h"

/* ---- the layout */

static void nav_link(struct wz_strbuf *sb, const char *href, const char *label, bool current)
{
    wz_strbuf_append(sb, "<li><a href=\"");
    wz_html_esc(sb, href);
    wz_strbuf_append(sb, current ? "\" aria-current=\"page\">" : "\">");
    wz_html_esc(sb, label);
    wz_strbuf_append(sb, "</a></li>");
}

static bool starts(const char *path, const char *prefix)
{
    size_t n = strlen(prefix);
    return strncmp(path, prefix, n) == 0 && (path[n] == '\0' || path[n] == '/');
}

static void build_nav(const struct wz_req *req, struct wz_strbuf *sb)
{
    const char *p = req->path;
    if (req->who.kind == WZ_WHO_ADMIN) {
        nav_link(sb, "/admin", "Dashboard", strcmp(p, "/admin") == 0);
        nav_link(sb, "/admin/stores", "Stores", starts(p, "/admin/stores"));
        nav_link(sb, "/admin/users", "Users", starts(p, "/admin/users"));
        nav_link(sb, "/admin/settings", "Settings", starts(p, "/admin/settings"));
        return;
    }
    if (req->who.kind != WZ_WHO_STORE)
        return;
    nav_link(sb, "/store", "My stores", strcmp(p, "/store") == 0);
    if (req->who.store_id <= 0)
        return;
    static const struct {
        const char *suffix, *label, *perm;
    } items[] = {
        {"", "Overview", "store.view"},
        {"/products", "Products", "products.view"},
        {"/customers", "Customers", "customers.view"},
        {"/orders", "Orders", "orders.view"},
        {"/team", "Team", "team.view"},
    };
    for (size_t i = 0; i < sizeof(items) / sizeof(items[0]); i++) {
        if (!wz_auth_has(&req->who, items[i].perm))
            continue;
        char href[96];
        snprintf(href, sizeof(href), "/store/stores/%lld%s", (long long)req->who.store_id,
                 items[i].suffix);
        bool cur = items[i].suffix[0] == '\0' ? strcmp(p, href) == 0 : starts(p, href);
        nav_link(sb, href, items[i].label, cur);
    }
}

int wz_panel_page(struct wz_req *req, struct wz_resp *resp, int status, const char *title,
                  const char *name, struct wz_tmpl *t)
{
    struct wz_strbuf body = WZ_STRBUF_INIT;
    wz_tmpl_set(t, "csrf", req->who.csrf);
    bool ok = wz_tmpl_render(&body, name, t);
    wz_tmpl_release(t);
    if (!ok) {
        wz_strbuf_release(&body);
        return wz_panel_fail(req, resp, "a panel template is missing from the binary");
    }
    struct wz_tmpl l = {0};
    bool admin = strncmp(req->path, "/admin", 6) == 0;
    wz_tmpl_set(&l, "title", title);
    wz_tmpl_set(&l, "panel", admin ? "Platform admin" : "Store panel");
    wz_tmpl_set(&l, "home", admin ? "/admin" : "/store");
    struct wz_strbuf nav = WZ_STRBUF_INIT;
    build_nav(req, &nav);
    wz_tmpl_take(&l, "nav", &nav);
    if (req->who.kind != WZ_WHO_NOBODY) {
        wz_tmpl_set(&l, "user", req->who.username[0] ? req->who.username : req->who.email);
        wz_tmpl_set(&l, "csrf", req->who.csrf);
        wz_tmpl_set(&l, "logout", admin ? "/admin/logout" : "/store/logout");
    }
    wz_tmpl_take(&l, "body", &body);
    struct wz_strbuf page = WZ_STRBUF_INIT;
    ok = wz_tmpl_render(&page, "layout.html", &l);
    wz_tmpl_release(&l);
    if (!ok || page.failed) {
        wz_strbuf_release(&page);
        return wz_panel_fail(req, resp, "the panel layout could not be rendered");
    }
    wz_resp_html(resp, status, wz_strbuf_str(&page), page.len);
    wz_strbuf_release(&page);
    return status;
}

int wz_panel_message(struct wz_req *req, struct wz_resp *resp, int status, const char *title,
                     const char *message)
{
    struct wz_tmpl t = {0};
    wz_tmpl_set(&t, "title", title);
    wz_tmpl_set(&t, "message", message);
    return wz_panel_page(req, resp, status, title, "message.html", &t);
}

int wz_panel_refusal(struct wz_req *req, struct wz_resp *resp, int status, const char *detail)
{
    char message[400];
    snprintf(message, sizeof(message), "%s", detail);
    message[0] = (char)toupper((unsigned char)message[0]);
    return wz_panel_message(req, resp, status, wz_http_reason(status), message);
}

int wz_panel_fail(struct wz_req *req, struct wz_resp *resp, const char *msg)
{
    fprintf(stderr, "error: request %s: %s\n", req->request_id, msg);
    char text[160];
    snprintf(text, sizeof(text),
             "The server could not complete this request (request id %s). Try again; if it "
             "persists, give the id to the operator.",
             req->request_id);
    /* Without the layout: the failure may be the layout itself. */
    struct wz_strbuf sb = WZ_STRBUF_INIT;
    wz_strbuf_append(&sb, "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\">"
                          "<title>Server error</title><h1>Server error</h1><p>");
    wz_html_esc(&sb, text);
    wz_strbuf_append(&sb, "</p></html>");
    wz_resp_html(resp, 500, wz_strbuf_str(&sb), sb.len);
    wz_strbuf_release(&sb);
    return 500;
}

/* ---- request helpers */

const char *wz_panel_field(struct wz_req *req, const char *name)
{
    char *v = (char *)wz_req_form(req, name);
    if (v == NULL)
        return "";
    /* The copy is the request's own (wz_req_form), so trimming it in place is safe. */
    while (isspace((unsigned char)*v))
        v++;
    size_t n = strlen(v);
    while (n > 0 && isspace((unsigned char)v[n - 1]))
        v[--n] = '\0';
    return v;
}

int64_t wz_panel_cursor(const struct wz_req *req)
{
    const char *c = wz_req_query(req, "cursor");
    if (c == NULL || *c == '\0' || strlen(c) > 18)
        return 0;
    int64_t v = 0;
    for (; *c; c++) {
        if (*c < '0' || *c > '9')
            return 0;
        v = v * 10 + (*c - '0');
    }
    return v;
}

bool wz_panel_like(const struct wz_req *req, char *out, size_t size)
{
    const char *q = wz_req_query(req, "q");
    if (q == NULL)
        return false;
    while (isspace((unsigned char)*q))
        q++;
    if (*q == '\0' || size < 4)
        return false;
    size_t j = 0;
    out[j++] = '%';
    for (; *q != '\0' && j + 4 < size; q++) {
        char c = (char)tolower((unsigned char)*q);
        if (c == '%' || c == '_' || c == '\\')
            out[j++] = '\\';
        out[j++] = c;
    }
    while (j > 1 && out[j - 1] == ' ')
        j--;
    out[j++] = '%';
    out[j] = '\0';
    return true;
}

/* ---- sign-in and sign-out */

static const char *const cookie_attrs = "; Path=/; HttpOnly; Secure; SameSite=Strict";

static int login_form(struct wz_req *req, struct wz_resp *resp, bool admin, int status,
                      const char *login, const char *error)
{
    struct wz_tmpl t = {0};
    wz_tmpl_set(&t, "heading", admin ? "Platform admin sign-in" : "Store panel sign-in");
    wz_tmpl_set(&t, "action", admin ? "/admin/login" : "/store/login");
    wz_tmpl_set(&t, "login", login);
    wz_tmpl_set(&t, "error", error);
    if (!admin)
        wz_tmpl_set(&t, "store", "1");
    return wz_panel_page(req, resp, status, "Sign in", "login.html", &t);
}

static int login_post(struct wz_req *req, struct wz_resp *resp, bool admin)
{
    enum wz_jwt_realm realm = admin ? WZ_REALM_ADMIN : WZ_REALM_STORE;
    const char *login = wz_panel_field(req, "login");
    const char *pw = wz_req_form(req, "password");
    if (login[0] == '\0' || pw == NULL || pw[0] == '\0' || strlen(login) > 320 || strlen(pw) > 1024)
        return login_form(req, resp, admin, 422, login,
                          "Enter your email or username and your password.");
    int64_t uid = 0;
    enum wz_jwt_realm got = 0;
    int retry = 0;
    enum wz_login_status st = wz_auth_login(req, login, pw, realm, &uid, &got, &retry);
    char msg[160], ra[16];
    switch (st) {
    case WZ_LOGIN_OK:
        break;
    case WZ_LOGIN_BAD:
        return login_form(req, resp, admin, 401, login, "Wrong email, username or password.");
    case WZ_LOGIN_THROTTLED:
    case WZ_LOGIN_BUSY:
        snprintf(ra, sizeof(ra), "%d", retry);
        wz_resp_header(resp, "Retry-After", ra);
        snprintf(msg, sizeof(msg),
                 st == WZ_LOGIN_THROTTLED ? "Too many failed sign-ins: try again in %d seconds."
                                          : "Too many sign-ins at once: try again in %d seconds.",
                 retry);
        return login_form(req, resp, admin, st == WZ_LOGIN_THROTTLED ? 429 : 503, login, msg);
    case WZ_LOGIN_WEAK:
        return login_form(req, resp, admin, 403, login,
                          "This password does not meet the production rules (12 or more "
                          "characters, not the default): an operator must set a new one.");
    case WZ_LOGIN_ERROR:
    default:
        return wz_panel_fail(req, resp, "the sign-in could not be completed");
    }
    /* A new id at every sign-in (no fixation); the session the browser had ends here. */
    const char *old = wz_req_cookie(req, WZ_PANEL_COOKIE);
    if (old != NULL)
        wz_session_delete(req->app->sessions, old);
    char id[WZ_SESSION_ID_HEX];
    if (!wz_session_create(req->app->sessions, uid, realm, wz_app_now(), id)) {
        wz_resp_header(resp, "Retry-After", "60");
        return login_form(req, resp, admin, 503, login,
                          "Too many open sessions: try again in a minute.");
    }
    char cookie[160];
    snprintf(cookie, sizeof(cookie), "%s=%s%s", WZ_PANEL_COOKIE, id, cookie_attrs);
    wz_resp_header(resp, "Set-Cookie", cookie);
    return wz_resp_redirect(resp, admin ? "/admin" : "/store");
}

static int logout(struct wz_req *req, struct wz_resp *resp, bool admin)
{
    const char *id = wz_req_cookie(req, WZ_PANEL_COOKIE);
    if (id != NULL)
        wz_session_delete(req->app->sessions, id);
    char cookie[128];
    snprintf(cookie, sizeof(cookie), "%s=; Max-Age=0%s", WZ_PANEL_COOKIE, cookie_attrs);
    wz_resp_header(resp, "Set-Cookie", cookie);
    return wz_resp_redirect(resp, admin ? "/admin/login" : "/store/login");
}

int wz_p_admin_login_form(struct wz_req *req, struct wz_resp *resp)
{
    return login_form(req, resp, true, 200, "", NULL);
}

int wz_p_admin_login(struct wz_req *req, struct wz_resp *resp)
{
    return login_post(req, resp, true);
}

int wz_p_admin_logout(struct wz_req *req, struct wz_resp *resp)
{
    return logout(req, resp, true);
}

int wz_p_store_login_form(struct wz_req *req, struct wz_resp *resp)
{
    return login_form(req, resp, false, 200, "", NULL);
}

int wz_p_store_login(struct wz_req *req, struct wz_resp *resp)
{
    return login_post(req, resp, false);
}

int wz_p_store_logout(struct wz_req *req, struct wz_resp *resp)
{
    return logout(req, resp, false);
}

/* ---- queries and links */

void wz_panel_urlenc(struct wz_strbuf *sb, const char *s)
{
    static const char hexd[] = "0123456789ABCDEF";
    for (const unsigned char *p = (const unsigned char *)s; *p != '\0'; p++) {
        if (isalnum(*p) || *p == '-' || *p == '_' || *p == '.' || *p == '~') {
            wz_strbuf_putc(sb, (char)*p);
        } else {
            wz_strbuf_putc(sb, '%');
            wz_strbuf_putc(sb, hexd[*p >> 4]);
            wz_strbuf_putc(sb, hexd[*p & 15]);
        }
    }
}

void wz_panel_pager(struct wz_strbuf *sb, const char *base, const char *q, bool more,
                    int64_t last_id)
{
    if (!more)
        return;
    struct wz_strbuf url = WZ_STRBUF_INIT;
    wz_strbuf_append(&url, base);
    wz_strbuf_append(&url, "?");
    if (q != NULL && *q != '\0') {
        wz_strbuf_append(&url, "q=");
        wz_panel_urlenc(&url, q);
        wz_strbuf_append(&url, "&");
    }
    wz_strbuf_appendf(&url, "cursor=%lld", (long long)last_id);
    wz_strbuf_append(sb, "<p class=\"pager\"><a rel=\"next\" href=\"");
    wz_html_esc(sb, wz_strbuf_str(&url));
    wz_strbuf_append(sb, "\">Next page</a></p>");
    wz_strbuf_release(&url);
}

int wz_panel_prepare(struct wz_db *db, char *buf, size_t size, const char *tmpl,
                     struct wz_stmt **st, struct wz_err *err)
{
    if (buf[0] == '\0') {
        struct wz_strbuf sb = WZ_STRBUF_INIT;
        const char *p = tmpl;
        const char *o;
        while ((o = strstr(p, "{ts:")) != NULL) {
            const char *close = strchr(o, '}');
            if (close == NULL)
                break;
            wz_strbuf_append_n(&sb, p, (size_t)(o - p));
            char col[64], expr[256];
            snprintf(col, sizeof(col), "%.*s", (int)(close - o - 4), o + 4);
            const char *e = wz_db_timestamp_sql(db, col, expr, sizeof(expr));
            wz_strbuf_append(&sb, e != NULL ? e : col);
            p = close + 1;
        }
        wz_strbuf_append(&sb, p);
        if (sb.failed || sb.len + 1 > size) {
            wz_strbuf_release(&sb);
            wz_err_set(err, WZ_ENOMEM, "a panel query does not fit its buffer");
            return WZ_ENOMEM;
        }
        memcpy(buf, wz_strbuf_str(&sb), sb.len + 1);
        wz_strbuf_release(&sb);
    }
    return wz_db_prepare_cached(db, buf, st, err);
}

const char *wz_panel_col(struct wz_stmt *st, int col)
{
    return wz_stmt_column_is_null(st, col) ? "" : wz_stmt_column_text(st, col);
}
