/* Access checks and sign-in: see auth.h. */
#include "http/auth.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "core/password.h"
#include "core/settings.h"
#include "core/timefmt.h"
#include "db/db.h"
#include "http/app.h"
#include "http/sessions.h"
#include "http/throttle.h"
#include "seed/rbac.h"

#define ACCOUNT_THRESHOLD 5  /* failures before an account waits */
#define ADDRESS_THRESHOLD 20 /* failures before a client address waits */
#define VERIFY_WAIT_S     3  /* how long a sign-in queues for a verification slot */

static const char *const q_user = "SELECT role, CASE WHEN is_active THEN 1 ELSE 0 END, email, "
                                  "username FROM users WHERE id = $1";
static const char *const q_member =
    "SELECT r.name, p.code FROM store_users su JOIN stores s ON s.id = su.store_id "
    "JOIN roles r ON r.id = su.role_id LEFT JOIN role_permissions rp ON rp.role_id = r.id "
    "LEFT JOIN permissions p ON p.id = rp.permission_id "
    "WHERE su.store_id = $1 AND su.user_id = $2 AND su.is_active AND s.is_active";
static const char *const q_login = "SELECT id, password_hash, role, CASE WHEN is_active THEN 1 "
                                   "ELSE 0 END FROM users WHERE email = $1 OR username = $2 "
                                   "ORDER BY id LIMIT 1";
static const char *const q_last_login = "UPDATE users SET last_login_at = $1 WHERE id = $2";

static int permission_bit(const char *code)
{
    size_t n;
    const struct wz_permission_def *p = wz_rbac_permissions(&n);
    for (size_t i = 0; i < n && i < 32; i++)
        if (strcmp(p[i].code, code) == 0)
            return (int)i;
    return -1;
}

bool wz_auth_has(const struct wz_principal *who, const char *permission)
{
    if (permission == NULL)
        return true;
    int bit = permission_bit(permission);
    return bit >= 0 && (who->permissions & (1u << bit)) != 0;
}

static int unauthorized(struct wz_resp *resp, const char *why)
{
    wz_resp_header(resp, "WWW-Authenticate", "Bearer realm=\"wizamart\"");
    return wz_resp_problem(resp, 401, "%s", why);
}

static int server_error(struct wz_req *req, struct wz_resp *resp, const struct wz_err *err)
{
    fprintf(stderr, "error: request %s: %s\n", req->request_id, err->msg);
    return wz_resp_problem(resp, 500, "the server could not complete the request (request id %s)",
                           req->request_id);
}

/* Loads the user of a verified credential: active and of the realm's role, or 401. */
static int load_user(struct wz_req *req, struct wz_resp *resp, int64_t user_id,
                     enum wz_jwt_realm realm)
{
    struct wz_stmt *st = NULL;
    struct wz_err err = {0};
    int rc = wz_db_prepare_cached(req->db, q_user, &st, &err);
    if (rc == WZ_OK) {
        wz_stmt_bind_int64(st, 1, user_id);
        rc = wz_stmt_step(st, &err);
    }
    if (rc < 0)
        return server_error(req, resp, &err);
    bool ok = rc == WZ_ROW && wz_stmt_column_int64(st, 1) == 1 &&
              strcmp(wz_stmt_column_text(st, 0), realm == WZ_REALM_ADMIN ? "admin" : "store") == 0;
    if (ok) {
        req->who.kind = realm == WZ_REALM_ADMIN ? WZ_WHO_ADMIN : WZ_WHO_STORE;
        req->who.user_id = user_id;
        snprintf(req->who.email, sizeof(req->who.email), "%s", wz_stmt_column_text(st, 2));
        snprintf(req->who.username, sizeof(req->who.username), "%s", wz_stmt_column_text(st, 3));
    }
    wz_stmt_reset(st);
    return ok ? 0 : -1;
}

/* A refusal: a problem for the API, a page for the panels (a person reads it). */
static int refuse(const struct wz_route *route, struct wz_req *req, struct wz_resp *resp,
                  int status, const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static int refuse(const struct wz_route *route, struct wz_req *req, struct wz_resp *resp,
                  int status, const char *fmt, ...)
{
    char detail[384];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(detail, sizeof(detail), fmt, ap);
    va_end(ap);
    if (route->access >= WZ_ACCESS_ADMIN_PANEL && req->app->page_refusal != NULL)
        return req->app->page_refusal(req, resp, status, detail);
    return wz_resp_problem(resp, status, "%s", detail);
}

/* Membership of the path's store, with the role's permissions: 0, or the status written. */
static int load_membership(const struct wz_route *route, struct wz_req *req, struct wz_resp *resp)
{
    const char *permission = route->permission;
    int64_t store_id = 0;
    if (!wz_req_param_id(req, 0, &store_id))
        return refuse(route, req, resp, 404, "no such store");
    struct wz_stmt *st = NULL;
    struct wz_err err = {0};
    int rc = wz_db_prepare_cached(req->db, q_member, &st, &err);
    if (rc == WZ_OK) {
        wz_stmt_bind_int64(st, 1, store_id);
        wz_stmt_bind_int64(st, 2, req->who.user_id);
    }
    bool member = false;
    uint32_t perms = 0;
    while (rc == WZ_OK && (rc = wz_stmt_step(st, &err)) == WZ_ROW) {
        /* every row names the same role: one per permission it grants */
        if (!member)
            snprintf(req->who.store_role, sizeof(req->who.store_role), "%s",
                     wz_stmt_column_text(st, 0));
        member = true;
        if (!wz_stmt_column_is_null(st, 1)) {
            int bit = permission_bit(wz_stmt_column_text(st, 1));
            if (bit >= 0)
                perms |= 1u << bit;
        }
        rc = WZ_OK;
    }
    if (st != NULL)
        wz_stmt_reset(st);
    if (rc < 0)
        return server_error(req, resp, &err);
    /* Not a member, or the store is inactive: the same 404 as a store that does not exist. */
    if (!member)
        return refuse(route, req, resp, 404, "no such store");
    req->who.store_id = store_id;
    req->who.permissions = perms;
    if (!wz_auth_has(&req->who, permission))
        return refuse(route, req, resp, 403, "your role (%s) does not allow this (%s)",
                      req->who.store_role, permission);
    return 0;
}

static int check_token(const struct wz_route *route, struct wz_req *req, struct wz_resp *resp)
{
    const char *h = wz_req_header(req, "Authorization");
    if (h == NULL || strncasecmp(h, "Bearer ", 7) != 0)
        return unauthorized(resp, "sign in first: send 'Authorization: Bearer <access_token>' "
                                  "(POST /api/v1/auth/login)");
    const char *tok = h + 7;
    while (*tok == ' ')
        tok++;
    const char *key = req->app->settings->jwt_secret_key;
    struct wz_jwt_claims c;
    enum wz_jwt_status st;
    enum wz_access a = route->access;
    int64_t now = wz_app_now();
    if (a == WZ_ACCESS_USER) {
        st = wz_jwt_verify(tok, strlen(tok), (const unsigned char *)key, strlen(key),
                           WZ_REALM_ADMIN, now, &c);
        if (st == WZ_JWT_WRONG_AUDIENCE)
            st = wz_jwt_verify(tok, strlen(tok), (const unsigned char *)key, strlen(key),
                               WZ_REALM_STORE, now, &c);
    } else {
        enum wz_jwt_realm realm = a == WZ_ACCESS_ADMIN ? WZ_REALM_ADMIN : WZ_REALM_STORE;
        st = wz_jwt_verify(tok, strlen(tok), (const unsigned char *)key, strlen(key), realm, now,
                           &c);
    }
    switch (st) {
    case WZ_JWT_OK:
        break;
    case WZ_JWT_EXPIRED:
        return unauthorized(resp, "the access token has expired: sign in again");
    case WZ_JWT_WRONG_AUDIENCE:
        return unauthorized(resp, a == WZ_ACCESS_ADMIN ? "this route takes a platform admin's token"
                                                       : "this route takes a store user's token");
    default:
        return unauthorized(resp, "the access token is not valid");
    }
    int rc = load_user(req, resp, c.sub, c.realm);
    if (rc > 0)
        return rc;
    if (rc < 0)
        return unauthorized(resp, "the account is inactive or no longer exists");
    if (a == WZ_ACCESS_STORE)
        return load_membership(route, req, resp);
    return 0;
}

static const char *session_cookie(void)
{
    return "__Host-wz_session";
}

/* A form post must come from our own pages: the browser's Sec-Fetch-Site and Origin say
 * where it came from, and the session's token must be in the form (OWASP CSRF cheat sheet:
 * synchronizer token plus origin verification). */
static bool same_origin(struct wz_req *req)
{
    const char *site = wz_req_header(req, "Sec-Fetch-Site");
    if (site != NULL && strcmp(site, "same-origin") != 0 && strcmp(site, "none") != 0)
        return false;
    const char *origin = wz_req_header(req, "Origin");
    const char *host = wz_req_header(req, "Host");
    if (origin != NULL && strcmp(origin, "null") != 0) {
        const char *sep = strstr(origin, "://");
        if (sep == NULL || host == NULL || strcasecmp(sep + 3, host) != 0)
            return false;
    } else if (origin != NULL) {
        return false;
    }
    return true;
}

static int forbidden_form(const struct wz_route *route, struct wz_req *req, struct wz_resp *resp)
{
    return refuse(route, req, resp, 403,
                  "this form was not sent from this site's own page (CSRF check); "
                  "reload the page and try again");
}

static int check_session(const struct wz_route *route, struct wz_req *req, struct wz_resp *resp)
{
    bool admin = route->access == WZ_ACCESS_ADMIN_PANEL;
    const char *login = admin ? "/admin/login" : "/store/login";
    if ((route->flags & WZ_ROUTE_FORM) && !same_origin(req))
        return forbidden_form(route, req, resp);
    const char *id = wz_req_cookie(req, session_cookie());
    struct wz_session s;
    if (id == NULL || !wz_session_get(req->app->sessions, id, wz_app_now(), &s) ||
        s.realm != (admin ? WZ_REALM_ADMIN : WZ_REALM_STORE))
        return wz_resp_redirect(resp, login);
    int rc = load_user(req, resp, s.user_id, s.realm);
    if (rc > 0)
        return rc;
    if (rc < 0) {
        wz_session_delete(req->app->sessions, id);
        return wz_resp_redirect(resp, login);
    }
    snprintf(req->who.csrf, sizeof(req->who.csrf), "%s", s.csrf);
    if (route->flags & WZ_ROUTE_FORM) {
        const char *token = wz_req_form(req, "csrf_token");
        if (token == NULL || strlen(token) != strlen(s.csrf) ||
            sodium_memcmp(token, s.csrf, strlen(s.csrf)) != 0)
            return forbidden_form(route, req, resp);
    }
    if (route->access == WZ_ACCESS_STORE_PANEL)
        return load_membership(route, req, resp);
    return 0;
}

int wz_auth_check(const struct wz_route *route, struct wz_req *req, struct wz_resp *resp)
{
    switch (route->access) {
    case WZ_ACCESS_PUBLIC:
        if ((route->flags & WZ_ROUTE_FORM) && !same_origin(req))
            return forbidden_form(route, req, resp);
        return 0;
    case WZ_ACCESS_USER:
    case WZ_ACCESS_ADMIN:
    case WZ_ACCESS_STORE:
    case WZ_ACCESS_STORE_USER:
        return check_token(route, req, resp);
    case WZ_ACCESS_ADMIN_PANEL:
    case WZ_ACCESS_STORE_PANEL:
    case WZ_ACCESS_STORE_PANEL_USER:
        return check_session(route, req, resp);
    }
    return wz_resp_problem(resp, 500, "route without an access rule");
}

/* ---- sign-in */

enum wz_login_status wz_auth_login(struct wz_req *req, const char *login, const char *password,
                                   enum wz_jwt_realm realm, int64_t *user_id,
                                   enum wz_jwt_realm *realm_out, int *retry_after)
{
    const struct wz_app *app = req->app;
    *retry_after = 0;
    char norm[320];
    size_t n = 0;
    for (const char *p = login; *p != '\0' && n + 1 < sizeof(norm); p++)
        norm[n++] = (char)tolower((unsigned char)*p);
    norm[n] = '\0';
    /* The account is throttled by what it is, not by how it was spelled: its email and its
     * username share one count (u:<id>), beside the count of the spelling (a:) for accounts
     * that do not exist and the count of the client address (i:). */
    char akey[352], ikey[80], ukey[32] = "";
    snprintf(akey, sizeof(akey), "a:%s", norm);
    snprintf(ikey, sizeof(ikey), "i:%s", req->client_ip);
    int64_t now = wz_app_now();

    struct wz_stmt *st = NULL;
    struct wz_err err = {0};
    int rc = wz_db_prepare_cached(req->db, q_login, &st, &err);
    if (rc == WZ_OK) {
        wz_stmt_bind_text(st, 1, norm);
        wz_stmt_bind_text(st, 2, login);
        rc = wz_stmt_step(st, &err);
    }
    if (rc < 0) {
        fprintf(stderr, "error: request %s: %s\n", req->request_id, err.msg);
        return WZ_LOGIN_ERROR;
    }
    bool found = rc == WZ_ROW;
    char hash[WZ_PASSWORD_HASH_MAX];
    int64_t id = 0;
    bool active = false;
    enum wz_jwt_realm account_realm = WZ_REALM_STORE;
    if (found) {
        id = wz_stmt_column_int64(st, 0);
        snprintf(hash, sizeof(hash), "%s", wz_stmt_column_text(st, 1));
        account_realm =
            strcmp(wz_stmt_column_text(st, 2), "admin") == 0 ? WZ_REALM_ADMIN : WZ_REALM_STORE;
        active = wz_stmt_column_int64(st, 3) == 1;
        snprintf(ukey, sizeof(ukey), "u:%lld", (long long)id);
    } else {
        snprintf(hash, sizeof(hash), "%s", app->dummy_hash);
    }
    wz_stmt_reset(st);

    int wait = wz_throttle_wait(app->throttle, akey, now);
    int wi = wz_throttle_wait(app->throttle, ikey, now);
    int wu = found ? wz_throttle_wait(app->throttle, ukey, now) : 0;
    if (wi > wait)
        wait = wi;
    if (wu > wait)
        wait = wu;
    if (wait > 0) {
        *retry_after = wait;
        return WZ_LOGIN_THROTTLED;
    }

    struct timespec deadline;
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_sec += VERIFY_WAIT_S;
    int sw;
    while ((sw = sem_timedwait((sem_t *)&app->verify_slots, &deadline)) != 0 && errno == EINTR)
        ;
    if (sw != 0) {
        *retry_after = 1;
        return WZ_LOGIN_BUSY;
    }
    bool verified = wz_password_verify(hash, password);
    sem_post((sem_t *)&app->verify_slots);

    bool ok = found && verified && active && (realm == 0 || realm == account_realm);
    if (!ok) {
        wz_throttle_fail(app->throttle, akey, ACCOUNT_THRESHOLD, now);
        wz_throttle_fail(app->throttle, ikey, ADDRESS_THRESHOLD, now);
        if (found)
            wz_throttle_fail(app->throttle, ukey, ACCOUNT_THRESHOLD, now);
        return WZ_LOGIN_BAD;
    }
    wz_throttle_clear(app->throttle, akey);
    wz_throttle_clear(app->throttle, ukey);
    if (app->production && (strcmp(password, WZ_DEFAULT_ADMIN_PASSWORD) == 0 ||
                            wz_password_weakness(password) != NULL))
        return WZ_LOGIN_WEAK;

    char ts[WZ_ISO_TIME_SIZE];
    wz_time_iso(wz_app_now(), ts);
    rc = wz_db_prepare_cached(req->db, q_last_login, &st, &err);
    if (rc == WZ_OK) {
        wz_stmt_bind_text(st, 1, ts);
        wz_stmt_bind_int64(st, 2, id);
        rc = wz_stmt_step(st, &err);
        wz_stmt_reset(st);
    }
    if (rc < 0) /* a sign-in record is not worth refusing the sign-in for */
        fprintf(stderr, "warning: request %s: last_login_at not written: %s\n", req->request_id,
                err.msg);
    *user_id = id;
    *realm_out = account_realm;
    return WZ_LOGIN_OK;
}

static void guard_keys(struct wz_req *req, const char *account, char *akey, size_t asize,
                       char *ikey, size_t isize)
{
    size_t n = (size_t)snprintf(akey, asize, "a:");
    for (const char *p = account; *p != '\0' && n + 1 < asize; p++)
        akey[n++] = (char)tolower((unsigned char)*p);
    akey[n] = '\0';
    snprintf(ikey, isize, "i:%s", req->client_ip);
}

int wz_auth_guard(struct wz_req *req, const char *account)
{
    char akey[352], ikey[80];
    guard_keys(req, account, akey, sizeof(akey), ikey, sizeof(ikey));
    int64_t now = wz_app_now();
    int wa = account[0] != '\0' ? wz_throttle_wait(req->app->throttle, akey, now) : 0;
    int wi = wz_throttle_wait(req->app->throttle, ikey, now);
    return wa > wi ? wa : wi;
}

void wz_auth_guard_result(struct wz_req *req, const char *account, bool ok)
{
    char akey[352], ikey[80];
    guard_keys(req, account, akey, sizeof(akey), ikey, sizeof(ikey));
    int64_t now = wz_app_now();
    if (ok) {
        if (account[0] != '\0')
            wz_throttle_clear(req->app->throttle, akey);
        return;
    }
    if (account[0] != '\0')
        wz_throttle_fail(req->app->throttle, akey, ACCOUNT_THRESHOLD, now);
    wz_throttle_fail(req->app->throttle, ikey, ADDRESS_THRESHOLD, now);
}

int wz_auth_login_problem(struct wz_resp *resp, enum wz_login_status st, int retry_after)
{
    char ra[16];
    switch (st) {
    case WZ_LOGIN_OK:
        return 0;
    case WZ_LOGIN_BAD:
        return wz_resp_problem(resp, 401, "wrong email, username or password");
    case WZ_LOGIN_THROTTLED:
        snprintf(ra, sizeof(ra), "%d", retry_after);
        wz_resp_header(resp, "Retry-After", ra);
        return wz_resp_problem(resp, 429, "too many failed sign-ins: try again in %d seconds",
                               retry_after);
    case WZ_LOGIN_BUSY:
        snprintf(ra, sizeof(ra), "%d", retry_after);
        wz_resp_header(resp, "Retry-After", ra);
        return wz_resp_problem(resp, 503, "too many sign-ins at once: try again in a moment");
    case WZ_LOGIN_WEAK:
        return wz_resp_problem(resp, 403,
                               "this password does not meet the production rules (12+ "
                               "characters, not the default): an operator must set a new one");
    case WZ_LOGIN_ERROR:
        break;
    }
    return wz_resp_problem(resp, 500, "the sign-in could not be completed");
}
