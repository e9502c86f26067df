/*
 * The platform admin's API (stores, users, admin settings) and the public acceptance of an
 * invitation: JSON in and out around the platform engine (src/platform/), which holds every
 * rule. The route's access check (WZ_ACCESS_ADMIN) has established an active platform admin.
 */
#include "api/admin.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "db/db.h"
#include "http/app.h"
#include "http/auth.h"
#include "http/sessions.h"
#include "platform/admin_settings.h"
#include "platform/invitations.h"
#include "platform/stores.h"
#include "platform/users.h"

/* ---- answering the engine's results */

/* A query parameter that must be one of a list (or absent): its index, -1 when absent, or
 * -2 with a 400 written. */
static int query_enum(struct wz_req *req, struct wz_resp *resp, const char *name,
                      const char *const *values)
{
    const char *v = wz_req_query(req, name);
    if (v == NULL || *v == '\0')
        return -1;
    for (int i = 0; values[i] != NULL; i++)
        if (strcmp(values[i], v) == 0)
            return i;
    wz_resp_problem(resp, 400, "%s must be %s or %s", name, values[0], values[1]);
    return -2;
}

static json_t *str_or_null(bool has, const char *s)
{
    return has ? json_string(s) : json_null();
}

static json_t *ts_or_null(const char *ts)
{
    return ts[0] != '\0' ? json_string(ts) : json_null();
}

/* ---- stores */

static json_t *store_json(const struct wz_store_info *s)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(s->id));
    json_object_set_new(o, "code", json_string(s->code));
    json_object_set_new(o, "name", json_string(s->name));
    json_object_set_new(o, "subdomain", json_string(s->subdomain));
    json_object_set_new(o, "description", str_or_null(s->has_description, s->description));
    json_object_set_new(o, "owner_user_id", json_integer(s->owner_user_id));
    json_object_set_new(o, "owner_email", json_string(s->owner_email));
    json_object_set_new(o, "contact_email", str_or_null(s->has_contact_email, s->contact_email));
    json_object_set_new(o, "default_currency", json_string(s->default_currency));
    json_object_set_new(o, "is_active", json_boolean(s->is_active));
    json_object_set_new(o, "is_verified", json_boolean(s->is_verified));
    json_object_set_new(o, "theme_preset", json_string(s->theme_preset));
    json_object_set_new(o, "custom_domain", ts_or_null(s->custom_domain));
    json_object_set_new(o, "member_count", json_integer(s->member_count));
    json_object_set_new(o, "created_at", json_string(s->created_at));
    json_object_set_new(o, "updated_at", json_string(s->updated_at));
    return o;
}

static json_t *invitation_json(const struct wz_invitation_info *i, const char *token)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(i->id));
    json_object_set_new(o, "store_id", json_integer(i->store_id));
    json_object_set_new(o, "email", json_string(i->email));
    json_object_set_new(o, "role", json_string(i->role));
    json_object_set_new(o, "status", json_string(i->status));
    json_object_set_new(o, "invited_by_user_id",
                        i->invited_by_user_id > 0 ? json_integer(i->invited_by_user_id)
                                                  : json_null());
    json_object_set_new(o, "expires_at", json_string(i->expires_at));
    json_object_set_new(o, "accepted_at", ts_or_null(i->accepted_at));
    json_object_set_new(o, "created_at", json_string(i->created_at));
    if (token != NULL)
        json_object_set_new(o, "token", json_string(token));
    return o;
}

static bool path_id(struct wz_req *req, struct wz_resp *resp, int i, const char *what, int64_t *out)
{
    if (wz_req_param_id(req, i, out))
        return true;
    wz_resp_problem(resp, 404, "%s not found", what);
    return false;
}

int wz_h_admin_stores_list(struct wz_req *req, struct wz_resp *resp)
{
    struct wz_page page;
    if (!wz_api_page(req, resp, &page))
        return resp->status;
    static const char *const statuses[] = {"active", "inactive", NULL};
    int status = query_enum(req, resp, "status", statuses);
    if (status == -2)
        return resp->status;
    const char *q = wz_req_query(req, "q");
    if (q != NULL && strlen(q) > 200)
        return wz_resp_problem(resp, 400, "q must be at most 200 bytes");
    struct wz_store_filter f = {.q = q,
                                .active = status == -1  ? -1
                                          : status == 0 ? 1
                                                        : 0,
                                .after = page.after,
                                .limit = page.limit};
    struct wz_store_info *rows = NULL;
    size_t n = 0;
    bool more = false;
    struct wz_err err = {0};
    int rc = wz_store_list(req->db, &f, &rows, &n, &more, &err);
    if (rc != WZ_OK) {
        struct wz_field_errors fe = {0};
        return wz_api_answer(req, resp, rc, &fe, &err);
    }
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(items, store_json(&rows[i]));
    int64_t last = n > 0 ? rows[n - 1].id : 0;
    free(rows);
    return wz_api_list(resp, items, more, last);
}

int wz_h_admin_store_create(struct wz_req *req, struct wz_resp *resp)
{
    json_t *body = wz_api_body(req, resp);
    if (body == NULL)
        return resp->status;
    struct wz_field_errors fe = {0};
    static const char *const known[] = {"code",
                                        "name",
                                        "subdomain",
                                        "description",
                                        "theme_preset",
                                        "custom_domain",
                                        "contact_email",
                                        "default_currency",
                                        "owner_user_id",
                                        "owner_email",
                                        NULL};
    wz_api_only(body, known, &fe);
    struct wz_store_input in = {0};
    in.code = wz_api_str(body, "code", true, 4096, &fe);
    in.name = wz_api_str(body, "name", true, 4096, &fe);
    in.subdomain = wz_api_str(body, "subdomain", true, 4096, &fe);
    in.description = wz_api_str(body, "description", false, 4096, &fe);
    in.theme_preset = wz_api_str(body, "theme_preset", false, 64, &fe);
    in.custom_domain = wz_api_str(body, "custom_domain", false, 4096, &fe);
    in.contact_email = wz_api_str(body, "contact_email", false, 4096, &fe);
    in.default_currency = wz_api_str(body, "default_currency", false, 64, &fe);
    in.owner_email = wz_api_str(body, "owner_email", false, 4096, &fe);
    wz_api_int(body, "owner_user_id", false, 1, INT64_MAX, &in.owner_user_id, &fe);
    struct wz_store_info store;
    struct wz_invitation_info inv;
    char token[WZ_INVITATION_TOKEN_HEX + 1];
    struct wz_err err = {0};
    int rc;
    if (fe.n > 0) {
        /* the engine's own checks still name every other bad field, in one answer */
        wz_store_input_check(req->app->settings, &in, &fe);
        rc = WZ_EUSAGE;
    } else {
        rc = wz_store_create(req->db, req->app->settings, &in, &fe, &store, &inv, token, &err);
    }
    json_decref(body);
    if (rc != WZ_OK)
        return wz_api_answer(req, resp, rc, &fe, &err);
    json_t *o = store_json(&store);
    if (inv.id > 0) {
        json_t *i = json_object();
        json_object_set_new(i, "id", json_integer(inv.id));
        json_object_set_new(i, "email", json_string(inv.email));
        json_object_set_new(i, "expires_at", json_string(inv.expires_at));
        json_object_set_new(i, "token", json_string(token));
        json_object_set_new(o, "invitation", i);
    } else {
        json_object_set_new(o, "invitation", json_null());
    }
    return wz_resp_json(resp, 201, o);
}

int wz_h_admin_store_get(struct wz_req *req, struct wz_resp *resp)
{
    int64_t id;
    if (!path_id(req, resp, 0, "store", &id))
        return resp->status;
    struct wz_store_info store;
    struct wz_err err = {0};
    int rc = wz_store_get(req->db, id, &store, &err);
    if (rc != WZ_OK) {
        struct wz_field_errors fe = {0};
        return wz_api_answer(req, resp, rc, &fe, &err);
    }
    return wz_resp_json(resp, 200, store_json(&store));
}

/* A member that may be a string or null: set tells whether it was given at all. */
static const char *nullable_str(json_t *body, const char *name, size_t maxlen, bool *set,
                                struct wz_field_errors *fe)
{
    json_t *v = json_object_get(body, name);
    *set = v != NULL;
    if (v == NULL || json_is_null(v))
        return NULL;
    return wz_api_str(body, name, false, maxlen, fe);
}

int wz_h_admin_store_update(struct wz_req *req, struct wz_resp *resp)
{
    int64_t id;
    if (!path_id(req, resp, 0, "store", &id))
        return resp->status;
    json_t *body = wz_api_body(req, resp);
    if (body == NULL)
        return resp->status;
    struct wz_field_errors fe = {0};
    static const char *const known[] = {
        "name", "description", "contact_email", "is_active", "theme_preset", "custom_domain", NULL};
    wz_api_only(body, known, &fe);
    struct wz_store_update up = {.is_active = -1};
    json_t *name = json_object_get(body, "name");
    if (name != NULL && json_is_null(name))
        wz_field_error(&fe, "name", "must not be null");
    up.name = wz_api_str(body, "name", false, 4096, &fe);
    up.description = nullable_str(body, "description", 4096, &up.set_description, &fe);
    up.contact_email = nullable_str(body, "contact_email", 4096, &up.set_contact_email, &fe);
    up.custom_domain = nullable_str(body, "custom_domain", 4096, &up.set_custom_domain, &fe);
    up.theme_preset = wz_api_str(body, "theme_preset", false, 64, &fe);
    bool active = false;
    if (wz_api_bool(body, "is_active", &active, &fe))
        up.is_active = active ? 1 : 0;
    struct wz_store_info store;
    struct wz_err err = {0};
    int rc = WZ_EUSAGE;
    if (fe.n == 0)
        rc = wz_store_update(req->db, req->app->settings, id, &up, &fe, &store, &err);
    else
        wz_store_update_check(&up, &fe);
    json_decref(body);
    if (rc != WZ_OK)
        return wz_api_answer(req, resp, rc, &fe, &err);
    return wz_resp_json(resp, 200, store_json(&store));
}

int wz_h_admin_store_team(struct wz_req *req, struct wz_resp *resp)
{
    int64_t id;
    if (!path_id(req, resp, 0, "store", &id))
        return resp->status;
    struct wz_team_member *members = NULL;
    struct wz_invitation_info *invs = NULL;
    size_t nm = 0, ni = 0;
    struct wz_err err = {0};
    int rc = wz_store_team(req->db, id, &members, &nm, &err);
    if (rc == WZ_OK)
        rc = wz_invitation_list(req->db, id, "pending", &invs, &ni, &err);
    if (rc != WZ_OK) {
        free(members);
        struct wz_field_errors fe = {0};
        return wz_api_answer(req, resp, rc, &fe, &err);
    }
    json_t *m = json_array();
    for (size_t i = 0; i < nm; i++) {
        const struct wz_team_member *t = &members[i];
        json_t *o = json_object();
        json_object_set_new(o, "user_id", json_integer(t->user_id));
        json_object_set_new(o, "email", json_string(t->email));
        json_object_set_new(o, "username", json_string(t->username));
        json_object_set_new(o, "first_name", str_or_null(t->has_first_name, t->first_name));
        json_object_set_new(o, "last_name", str_or_null(t->has_last_name, t->last_name));
        json_object_set_new(o, "role", json_string(t->role));
        json_object_set_new(o, "is_active", json_boolean(t->is_active));
        json_object_set_new(o, "user_is_active", json_boolean(t->user_is_active));
        json_object_set_new(o, "joined_at", ts_or_null(t->joined_at));
        json_array_append_new(m, o);
    }
    json_t *inv = json_array();
    for (size_t i = 0; i < ni; i++)
        json_array_append_new(inv, invitation_json(&invs[i], NULL));
    free(members);
    free(invs);
    json_t *o = json_object();
    json_object_set_new(o, "store_id", json_integer(id));
    json_object_set_new(o, "members", m);
    json_object_set_new(o, "invitations", inv);
    return wz_resp_json(resp, 200, o);
}

int wz_h_admin_invitation_resend(struct wz_req *req, struct wz_resp *resp)
{
    int64_t store_id, inv_id;
    if (!path_id(req, resp, 0, "store", &store_id) || !path_id(req, resp, 1, "invitation", &inv_id))
        return resp->status;
    struct wz_invitation_info inv;
    char token[WZ_INVITATION_TOKEN_HEX + 1];
    struct wz_err err = {0};
    int rc = wz_invitation_resend(req->db, req->app->settings, store_id, inv_id, &inv, token, &err);
    if (rc != WZ_OK) {
        struct wz_field_errors fe = {0};
        return wz_api_answer(req, resp, rc, &fe, &err);
    }
    return wz_resp_json(resp, 200, invitation_json(&inv, token));
}

int wz_h_admin_invitation_revoke(struct wz_req *req, struct wz_resp *resp)
{
    int64_t store_id, inv_id;
    if (!path_id(req, resp, 0, "store", &store_id) || !path_id(req, resp, 1, "invitation", &inv_id))
        return resp->status;
    struct wz_err err = {0};
    int rc = wz_invitation_revoke(req->db, store_id, inv_id, &err);
    if (rc != WZ_OK) {
        struct wz_field_errors fe = {0};
        return wz_api_answer(req, resp, rc, &fe, &err);
    }
    resp->status = 204;
    return 204;
}

int wz_h_admin_store_orders(struct wz_req *req, struct wz_resp *resp)
{
    int64_t id;
    if (!path_id(req, resp, 0, "store", &id))
        return resp->status;
    struct wz_page page;
    if (!wz_api_page(req, resp, &page))
        return resp->status;
    struct wz_store_order *rows = NULL;
    size_t n = 0;
    bool more = false;
    struct wz_err err = {0};
    int rc = wz_store_orders(req->db, id, page.after, page.limit, &rows, &n, &more, &err);
    if (rc != WZ_OK) {
        struct wz_field_errors fe = {0};
        return wz_api_answer(req, resp, rc, &fe, &err);
    }
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++) {
        const struct wz_store_order *r = &rows[i];
        json_t *o = json_object();
        json_object_set_new(o, "id", json_integer(r->id));
        json_object_set_new(o, "order_number", json_string(r->order_number));
        json_object_set_new(o, "customer_email",
                            str_or_null(r->has_customer_email, r->customer_email));
        json_object_set_new(o, "status", json_string(r->status));
        json_object_set_new(o, "currency", json_string(r->currency));
        json_object_set_new(o, "subtotal_amount", json_integer(r->subtotal_amount));
        json_object_set_new(o, "shipping_amount", json_integer(r->shipping_amount));
        json_object_set_new(o, "tax_amount", json_integer(r->tax_amount));
        json_object_set_new(o, "total_amount", json_integer(r->total_amount));
        json_object_set_new(o, "placed_at", ts_or_null(r->placed_at));
        json_array_append_new(items, o);
    }
    int64_t last = n > 0 ? rows[n - 1].id : 0;
    free(rows);
    return wz_api_list(resp, items, more, last);
}

/* ---- users */

static json_t *user_json(const struct wz_user_info *u)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(u->id));
    json_object_set_new(o, "email", json_string(u->email));
    json_object_set_new(o, "username", json_string(u->username));
    json_object_set_new(o, "first_name", str_or_null(u->has_first_name, u->first_name));
    json_object_set_new(o, "last_name", str_or_null(u->has_last_name, u->last_name));
    json_object_set_new(o, "role", json_string(u->role));
    json_object_set_new(o, "is_active", json_boolean(u->is_active));
    json_object_set_new(o, "is_email_verified", json_boolean(u->is_email_verified));
    json_object_set_new(o, "last_login_at", ts_or_null(u->last_login_at));
    json_object_set_new(o, "created_at", json_string(u->created_at));
    json_object_set_new(o, "stores_owned", json_integer(u->stores_owned));
    return o;
}

int wz_h_admin_users_list(struct wz_req *req, struct wz_resp *resp)
{
    struct wz_page page;
    if (!wz_api_page(req, resp, &page))
        return resp->status;
    static const char *const statuses[] = {"active", "inactive", NULL};
    static const char *const roles[] = {"admin", "store", NULL};
    int status = query_enum(req, resp, "status", statuses);
    if (status == -2)
        return resp->status;
    int role = query_enum(req, resp, "role", roles);
    if (role == -2)
        return resp->status;
    const char *q = wz_req_query(req, "q");
    if (q != NULL && strlen(q) > 200)
        return wz_resp_problem(resp, 400, "q must be at most 200 bytes");
    struct wz_user_filter f = {.q = q,
                               .active = status == -1  ? -1
                                         : status == 0 ? 1
                                                       : 0,
                               .role = role >= 0 ? roles[role] : NULL,
                               .after = page.after,
                               .limit = page.limit};
    struct wz_user_info *rows = NULL;
    size_t n = 0;
    bool more = false;
    struct wz_err err = {0};
    int rc = wz_user_list(req->db, &f, &rows, &n, &more, &err);
    if (rc != WZ_OK) {
        struct wz_field_errors fe = {0};
        return wz_api_answer(req, resp, rc, &fe, &err);
    }
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(items, user_json(&rows[i]));
    int64_t last = n > 0 ? rows[n - 1].id : 0;
    free(rows);
    return wz_api_list(resp, items, more, last);
}

int wz_h_admin_user_get(struct wz_req *req, struct wz_resp *resp)
{
    int64_t id;
    if (!path_id(req, resp, 0, "user", &id))
        return resp->status;
    struct wz_user_info u;
    struct wz_err err = {0};
    int rc = wz_user_get(req->db, id, &u, &err);
    if (rc != WZ_OK) {
        struct wz_field_errors fe = {0};
        return wz_api_answer(req, resp, rc, &fe, &err);
    }
    return wz_resp_json(resp, 200, user_json(&u));
}

int wz_h_admin_user_update(struct wz_req *req, struct wz_resp *resp)
{
    int64_t id;
    if (!path_id(req, resp, 0, "user", &id))
        return resp->status;
    json_t *body = wz_api_body(req, resp);
    if (body == NULL)
        return resp->status;
    struct wz_field_errors fe = {0};
    static const char *const known[] = {"is_active", NULL};
    wz_api_only(body, known, &fe);
    bool active = false;
    bool given = wz_api_bool(body, "is_active", &active, &fe);
    if (!given && json_object_get(body, "is_active") == NULL)
        wz_field_error(&fe, "is_active", "is required");
    json_decref(body);
    struct wz_err err = {0};
    int rc = WZ_EUSAGE;
    if (fe.n == 0)
        rc = wz_user_set_active(req->db, id, active, req->who.user_id, &fe, &err);
    struct wz_user_info u;
    if (rc == WZ_OK)
        rc = wz_user_get(req->db, id, &u, &err);
    if (rc != WZ_OK)
        return wz_api_answer(req, resp, rc, &fe, &err);
    /* tokens stop at the next request (the access check reads is_active); sessions now */
    if (!active && req->app->sessions != NULL)
        wz_session_delete_user(req->app->sessions, id);
    return wz_resp_json(resp, 200, user_json(&u));
}

/* ---- admin settings */

static json_t *setting_json(const struct wz_admin_setting *s)
{
    json_t *value = NULL;
    if (strcmp(s->value_type, "integer") == 0) {
        char *end = NULL;
        long long x = strtoll(s->value, &end, 10);
        if (s->value[0] != '\0' && *end == '\0')
            value = json_integer(x);
    } else if (strcmp(s->value_type, "boolean") == 0) {
        if (strcmp(s->value, "true") == 0 || strcmp(s->value, "false") == 0)
            value = json_boolean(strcmp(s->value, "true") == 0);
    } else if (strcmp(s->value_type, "json") == 0) {
        value = json_loads(s->value, JSON_DECODE_ANY, NULL);
    }
    /* a stored value that does not parse as its type is shown as it is, not hidden */
    if (value == NULL)
        value = json_string(s->value);
    json_t *o = json_object();
    json_object_set_new(o, "key", json_string(s->key));
    json_object_set_new(o, "value", value != NULL ? value : json_null());
    json_object_set_new(o, "value_type", json_string(s->value_type));
    json_object_set_new(o, "description",
                        s->description != NULL ? json_string(s->description) : json_null());
    json_object_set_new(o, "is_public", json_boolean(s->is_public));
    json_object_set_new(o, "updated_at", ts_or_null(s->updated_at));
    return o;
}

int wz_h_admin_settings_list(struct wz_req *req, struct wz_resp *resp)
{
    struct wz_admin_setting *rows = NULL;
    size_t n = 0;
    struct wz_err err = {0};
    int rc = wz_admin_settings_list(req->db, &rows, &n, &err);
    if (rc != WZ_OK) {
        struct wz_field_errors fe = {0};
        return wz_api_answer(req, resp, rc, &fe, &err);
    }
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(items, setting_json(&rows[i]));
    wz_admin_settings_free(rows, n);
    free(rows);
    json_t *o = json_object();
    json_object_set_new(o, "items", items);
    return wz_resp_json(resp, 200, o);
}

int wz_h_admin_setting_update(struct wz_req *req, struct wz_resp *resp)
{
    const char *key = req->params[0];
    json_t *body = wz_api_body(req, resp);
    if (body == NULL)
        return resp->status;
    struct wz_field_errors fe = {0};
    static const char *const known[] = {"value", NULL};
    wz_api_only(body, known, &fe);
    json_t *v = json_object_get(body, "value");
    struct wz_setting_value sv = {0};
    char *dumped = NULL;
    if (v == NULL) {
        wz_field_error(&fe, "value", "is required");
    } else {
        dumped = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
        sv.json = dumped;
        if (json_is_string(v)) {
            sv.kind = WZ_SV_STRING;
            sv.text = json_string_value(v);
            if (strlen(sv.text) != json_string_length(v))
                wz_field_error(&fe, "value", "must not contain NUL characters");
        } else if (json_is_integer(v)) {
            sv.kind = WZ_SV_INTEGER;
            sv.integer = json_integer_value(v);
        } else if (json_is_boolean(v)) {
            sv.kind = WZ_SV_BOOLEAN;
            sv.boolean = json_is_true(v);
        } else {
            sv.kind = WZ_SV_OTHER;
        }
        if (dumped != NULL && strlen(dumped) > 65536)
            wz_field_error(&fe, "value", "must be at most 64 KiB as JSON");
    }
    struct wz_admin_setting s;
    memset(&s, 0, sizeof(s));
    struct wz_err err = {0};
    int rc = WZ_EUSAGE;
    if (fe.n == 0)
        rc = wz_admin_setting_set(req->db, key, &sv, &fe, &s, &err);
    free(dumped);
    json_decref(body);
    if (rc != WZ_OK)
        return wz_api_answer(req, resp, rc, &fe, &err);
    json_t *o = setting_json(&s);
    wz_admin_settings_free(&s, 1);
    return wz_resp_json(resp, 200, o);
}

/* ---- accepting an invitation */

int wz_h_invitation_accept(struct wz_req *req, struct wz_resp *resp)
{
    json_t *body = wz_api_body(req, resp);
    if (body == NULL)
        return resp->status;
    struct wz_field_errors fe = {0};
    static const char *const known[] = {"token", "password", "first_name", "last_name", NULL};
    wz_api_only(body, known, &fe);
    const char *token = wz_api_str(body, "token", true, 256, &fe);
    const char *password = wz_api_str(body, "password", true, 1024, &fe);
    const char *first = wz_api_str(body, "first_name", false, 100, &fe);
    const char *last = wz_api_str(body, "last_name", false, 100, &fe);
    struct wz_invitation_accepted acc;
    memset(&acc, 0, sizeof(acc));
    struct wz_err err = {0};
    int rc = WZ_EUSAGE;
    char account[321] = "";
    if (fe.n == 0) {
        /* An existing account's password is checked here: throttled as a sign-in is. */
        if (wz_invitation_email(req->db, token, account, sizeof(account), &err) != WZ_OK) {
            json_decref(body);
            return wz_api_fail(req, resp, err.msg);
        }
        int wait = wz_auth_guard(req, account);
        if (wait > 0) {
            json_decref(body);
            return wz_auth_login_problem(resp, WZ_LOGIN_THROTTLED, wait);
        }
        rc = wz_invitation_accept(req->db, req->app->settings, token, password, first, last, &fe,
                                  &acc, &err);
        if (rc == WZ_OK || rc == WZ_ENOENT)
            wz_auth_guard_result(req, account, rc == WZ_OK);
    }
    json_decref(body);
    if (rc != WZ_OK)
        return wz_api_answer(req, resp, rc, &fe, &err);
    json_t *o = json_object();
    json_object_set_new(o, "user_id", json_integer(acc.user_id));
    json_object_set_new(o, "store_id", json_integer(acc.store_id));
    json_object_set_new(o, "email", json_string(acc.email));
    json_object_set_new(o, "role", json_string(acc.role));
    return wz_resp_json(resp, 200, o);
}
