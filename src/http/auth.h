/*
 * Who may call what: the access check every route runs before its handler (its rule is the
 * route's `access` and `permission`), and the sign-in both the API and the panels use.
 */
#ifndef WZ_AUTH_H
#define WZ_AUTH_H

#include "http/jwt.h"
#include "http/route.h"

/* Runs route's access check for req. Returns 0 to go on, with req->who filled, or the status
 * of the problem written into resp: 401 (no or bad credentials), 403 (a member whose role
 * lacks the permission), 404 (a store the caller is not an active member of). */
int wz_auth_check(const struct wz_route *route, struct wz_req *req, struct wz_resp *resp);

enum wz_login_status {
    WZ_LOGIN_OK = 0,
    WZ_LOGIN_BAD = 1,       /* unknown account, wrong password or inactive: one answer */
    WZ_LOGIN_THROTTLED = 2, /* *retry_after seconds */
    WZ_LOGIN_BUSY = 3,      /* every verification slot taken: *retry_after seconds */
    WZ_LOGIN_WEAK = 4,      /* production, and the password fails init-prod's rules */
    WZ_LOGIN_ERROR = 5,     /* the database failed */
};

/* Signs in with login (an email or a username) and password. realm 0 takes the account's
 * own realm (the API); WZ_REALM_ADMIN or WZ_REALM_STORE demand it (the panels: an account of
 * the other realm is WZ_LOGIN_BAD). The same work is done for an unknown account as for a
 * wrong password. On OK, *user_id and *realm_out are set and last_login_at is written. */
enum wz_login_status wz_auth_login(struct wz_req *req, const char *login, const char *password,
                                   enum wz_jwt_realm realm, int64_t *user_id,
                                   enum wz_jwt_realm *realm_out, int *retry_after);

/* Writes the problem for a failed sign-in into resp; returns its status. */
int wz_auth_login_problem(struct wz_resp *resp, enum wz_login_status st, int retry_after);

/* A password checked outside sign-in (an invitation accepted by an existing account) counts
 * against the sign-in throttles of that account (its email, lowercased) and of the client:
 * wz_auth_guard returns the seconds to wait (0: go on) before the check;
 * wz_auth_guard_result records its outcome (account may be "" when no account is known). */
int wz_auth_guard(struct wz_req *req, const char *account);
void wz_auth_guard_result(struct wz_req *req, const char *account, bool ok);

/* Checks the caller's permission bit for code (store routes). */
bool wz_auth_has(const struct wz_principal *who, const char *permission);

#endif
