/* POST /api/v1/auth/login and GET /api/v1/me. */
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "db/db.h"
#include "http/app.h"
#include "http/auth.h"
#include "http/jwt.h"

int wz_h_login(struct wz_req *req, struct wz_resp *resp)
{
    json_t *body = wz_api_body(req, resp);
    if (body == NULL)
        return resp->status;
    struct wz_field_errors fe = {0};
    static const char *const known[] = {"email", "username", "password", NULL};
    wz_api_only(body, known, &fe);
    const char *email = wz_api_str(body, "email", false, 320, &fe);
    const char *username = wz_api_str(body, "username", false, 128, &fe);
    const char *password = wz_api_str(body, "password", true, 1024, &fe);
    if (fe.n == 0 && (email == NULL) == (username == NULL))
        wz_field_error(&fe, email == NULL ? "email" : "username", "give either email or username");
    if (fe.n > 0) {
        json_decref(body);
        return wz_resp_invalid(resp, &fe);
    }
    int64_t user_id = 0;
    enum wz_jwt_realm realm = WZ_REALM_STORE;
    int retry = 0;
    enum wz_login_status st =
        wz_auth_login(req, email != NULL ? email : username, password, 0, &user_id, &realm, &retry);
    json_decref(body);
    if (st != WZ_LOGIN_OK)
        return wz_auth_login_problem(resp, st, retry);

    const struct wz_settings *s = req->app->settings;
    int64_t now = wz_app_now();
    struct wz_jwt_claims c = {.sub = user_id,
                              .realm = realm,
                              .iat = now,
                              .exp = now + s->access_token_expire_minutes * 60};
    char token[WZ_JWT_MAX + 1];
    if (wz_jwt_sign(&c, (const unsigned char *)s->jwt_secret_key, strlen(s->jwt_secret_key), token,
                    sizeof(token)) != 0)
        return wz_api_fail(req, resp, "cannot sign the access token");
    return wz_resp_json(resp, 200,
                        json_pack("{s:s,s:s,s:I,s:s,s:I}", "access_token", token, "token_type",
                                  "bearer", "expires_in", (json_int_t)(c.exp - now), "realm",
                                  realm == WZ_REALM_ADMIN ? "admin" : "store", "user_id",
                                  (json_int_t)user_id));
}

/* Built once per thread: the timestamp's text form is the driver's to write. Its address is
 * the statement cache's key, stable for the thread and its one connection. */
static _Thread_local char q_me[320];

int wz_h_me(struct wz_req *req, struct wz_resp *resp)
{
    if (q_me[0] == '\0') {
        char ts[128];
        snprintf(q_me, sizeof(q_me),
                 "SELECT id, email, username, first_name, last_name, role, %s FROM users WHERE "
                 "id = $1",
                 wz_db_timestamp_sql(req->db, "last_login_at", ts, sizeof(ts)));
    }
    struct wz_stmt *st = NULL;
    struct wz_err err = {0};
    int rc = wz_db_prepare_cached(req->db, q_me, &st, &err);
    if (rc == WZ_OK) {
        wz_stmt_bind_int64(st, 1, req->who.user_id);
        rc = wz_stmt_step(st, &err);
    }
    if (rc != WZ_ROW)
        return wz_api_fail(req, resp, rc < 0 ? err.msg : "the signed-in user vanished");
    json_t *me = json_object();
    json_object_set_new(me, "id", json_integer(wz_stmt_column_int64(st, 0)));
    json_object_set_new(me, "email", wz_api_col_str(st, 1));
    json_object_set_new(me, "username", wz_api_col_str(st, 2));
    json_object_set_new(me, "first_name", wz_api_col_str(st, 3));
    json_object_set_new(me, "last_name", wz_api_col_str(st, 4));
    json_object_set_new(me, "realm",
                        json_string(req->who.kind == WZ_WHO_ADMIN ? "admin" : "store"));
    json_object_set_new(me, "last_login_at", wz_api_col_str(st, 6));
    wz_stmt_reset(st);
    return wz_resp_json(resp, 200, me);
}
