/*
 * What the panels' pages share: HTML escaping, the template renderer over the templates
 * embedded from web/templates/ (web/assets.list, path tmpl/...), the layout every page is
 * wrapped in, the session cookie, and small readers of form fields and query arguments.
 *
 * Templates: {{name}} writes the variable HTML-escaped; {{{name}}} writes it as it is (a
 * fragment the code built with the escaping appenders below); {{#name}}...{{/name}} keeps
 * its content when the variable is set and not empty, {{^name}}...{{/name}} when it is not.
 * Repeated rows are built in C with wz_html_* and passed as one {{{fragment}}}.
 */
#ifndef WZ_PANEL_H
#define WZ_PANEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/strbuf.h"
#include "http/http.h"

/* ---- escaping appenders */

/* Appends s with & < > " ' escaped (NULL appends nothing). */
void wz_html_esc(struct wz_strbuf *sb, const char *s);
/* Appends the formatted text, escaped. */
void wz_html_escf(struct wz_strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends an amount in minor units as "12.34 EUR" (escaped). */
void wz_html_money(struct wz_strbuf *sb, int64_t cents, const char *currency);

/* ---- template variables */

#define WZ_TMPL_MAX_VARS 64

struct wz_tmpl {
    int n;
    struct {
        const char *name; /* static string */
        char *value;      /* owned */
    } v[WZ_TMPL_MAX_VARS];
};

/* Sets name (a string literal) to a copy of value; NULL leaves it unset. */
void wz_tmpl_set(struct wz_tmpl *t, const char *name, const char *value);
void wz_tmpl_setf(struct wz_tmpl *t, const char *name, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Takes a fragment built in sb (as {{{name}}}); sb is released. */
void wz_tmpl_take(struct wz_tmpl *t, const char *name, struct wz_strbuf *sb);
/* Each field error as err_<field>; an error of a field the form does not show as err_form. */
void wz_tmpl_errors(struct wz_tmpl *t, const struct wz_field_errors *fe);
const char *wz_tmpl_get(const struct wz_tmpl *t, const char *name);
void wz_tmpl_release(struct wz_tmpl *t);

/* Renders the embedded template tmpl/<name> into out. False when it does not exist. */
bool wz_tmpl_render(struct wz_strbuf *out, const char *name, const struct wz_tmpl *t);
/* The same over a template text (for tests). */
void wz_tmpl_render_text(struct wz_strbuf *out, const char *text, size_t len,
                         const struct wz_tmpl *t);

/* ---- pages */

/* Renders tmpl/<name> with t into the layout (title, navigation of the caller's realm,
 * the signed-in user and the sign-out form) as the response. Releases t. */
int wz_panel_page(struct wz_req *req, struct wz_resp *resp, int status, const char *title,
                  const char *name, struct wz_tmpl *t);
/* A page that only says what went wrong (404, 403, 500) in the layout. */
int wz_panel_message(struct wz_req *req, struct wz_resp *resp, int status, const char *title,
                     const char *message);
/* The access check's refusal of a panel route (403, 404) as a page: the server's
 * page_refusal (src/http/app.h). */
int wz_panel_refusal(struct wz_req *req, struct wz_resp *resp, int status, const char *detail);
/* Logs msg with the request id and answers the 500 page. */
int wz_panel_fail(struct wz_req *req, struct wz_resp *resp, const char *msg);

/* ---- request helpers */

/* A form field trimmed of surrounding spaces, or "" when absent. Valid for the request. */
const char *wz_panel_field(struct wz_req *req, const char *name);
/* ?cursor as a positive id (0 when absent or malformed: the first page). */
int64_t wz_panel_cursor(const struct wz_req *req);
/* The lower-cased ?q search as a LIKE pattern ("%text%", with % _ \ escaped), or NULL. */
bool wz_panel_like(const struct wz_req *req, char *out, size_t size);

/* Appends s percent-encoded for a query string (then HTML-escape the whole URL). */
void wz_panel_urlenc(struct wz_strbuf *sb, const char *s);
/* The "Next page" link of a keyset list: base?q=..&cursor=last (escaped), when more. */
void wz_panel_pager(struct wz_strbuf *sb, const char *base, const char *q, bool more,
                    int64_t last_id);

struct wz_db;
struct wz_stmt;
/* Expands each {ts:column} of tmpl into db's YYYY-MM-DDTHH:MM:SSZ expression (into buf, a
 * zeroed _Thread_local buffer: filled at a thread's first call, its address then keys the
 * cached statement), and prepares it. */
int wz_panel_prepare(struct wz_db *db, char *buf, size_t size, const char *tmpl,
                     struct wz_stmt **st, struct wz_err *err);
/* A nullable text column, or "". */
const char *wz_panel_col(struct wz_stmt *st, int col);

/* The table rows of store_id's invitations, pending first (the invitations engine's list):
 * with resend and revoke buttons posting to <base>/<store_id>/invitations/<id>/... when
 * buttons is true. */
int wz_panel_invitation_rows(struct wz_req *req, int64_t store_id, const char *base, bool buttons,
                             struct wz_strbuf *rows, struct wz_err *err);
/* A button that posts to action with the session's CSRF token. */
void wz_panel_button(struct wz_strbuf *sb, const struct wz_req *req, const char *action,
                     const char *label, const char *cls);

/* The session cookie (its name carries the __Host- prefix: Secure, Path=/, no Domain). */
#define WZ_PANEL_COOKIE "__Host-wz_session"

/* Rows per page in the panels' lists. */
#define WZ_PANEL_PAGE 25

#endif
