/* My stores, one store, its team, and what the store routes share: see store.h. */
#include "api/store.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "http/app.h"
#include "http/auth.h"
#include "platform/invitations.h"
#include "platform/mystores.h"
#include "platform/team.h"
#include "seed/rbac.h"

#define Q_MAX 200 /* bytes of a search text */

json_t *wz_store_api_nstr(const char *s)
{
    json_t *v = s != NULL ? json_string(s) : NULL;
    return v != NULL ? v : json_null();
}

bool wz_store_api_filter(struct wz_req *req, struct wz_resp *resp, bool (*valid)(const char *),
                         const char *allowed, struct wz_list_filter *f)
{
    struct wz_page page;
    if (!wz_api_page(req, resp, &page))
        return false;
    f->after = page.after;
    f->limit = page.limit;
    f->q = wz_req_query(req, "q");
    if (f->q != NULL && f->q[0] == '\0')
        f->q = NULL;
    if (f->q != NULL && strlen(f->q) > Q_MAX) {
        wz_resp_problem(resp, 400, "q must be at most %d bytes", Q_MAX);
        return false;
    }
    f->status = valid != NULL ? wz_req_query(req, "status") : NULL;
    if (f->status != NULL && !valid(f->status)) {
        wz_resp_problem(resp, 400, "status must be %s", allowed);
        return false;
    }
    return true;
}

/* ---- my stores */

static int add_my_store(void *ctx, const struct wz_my_store *s)
{
    json_array_append_new(ctx,
                          json_pack("{s:I,s:s,s:s,s:s,s:s,s:s}", "id", (json_int_t)s->id, "code",
                                    s->code, "name", s->name, "subdomain", s->subdomain, "role",
                                    s->role, "default_currency", s->default_currency));
    return 0;
}

int wz_h_my_stores(struct wz_req *req, struct wz_resp *resp)
{
    json_t *items = json_array();
    struct wz_err err = {0};
    int rc = wz_my_stores(req->db, req->who.user_id, add_my_store, items, &err);
    if (rc != WZ_OK) {
        json_decref(items);
        return wz_api_answer(req, resp, rc, NULL, &err);
    }
    return wz_api_list(resp, items, false, 0);
}

static int view_json(void *ctx, const struct wz_store_view *v)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(v->id));
    json_object_set_new(o, "code", json_string(v->code));
    json_object_set_new(o, "name", json_string(v->name));
    json_object_set_new(o, "subdomain", json_string(v->subdomain));
    json_object_set_new(o, "description", wz_store_api_nstr(v->description));
    json_object_set_new(o, "contact_email", wz_store_api_nstr(v->contact_email));
    json_object_set_new(o, "default_currency", json_string(v->default_currency));
    json_object_set_new(o, "is_verified", json_boolean(v->is_verified));
    json_object_set_new(o, "created_at", json_string(v->created_at));
    json_t *theme = json_null();
    if (v->has_theme) {
        theme = json_object();
        json_object_set_new(theme, "preset", json_string(v->preset));
        json_object_set_new(theme, "primary_color", json_string(v->primary_color));
        json_object_set_new(theme, "secondary_color", json_string(v->secondary_color));
        json_object_set_new(theme, "accent_color", json_string(v->accent_color));
        json_object_set_new(theme, "font_family", json_string(v->font_family));
        json_object_set_new(theme, "logo_url", wz_store_api_nstr(v->logo_url));
    }
    json_object_set_new(o, "theme", theme);
    *(json_t **)ctx = o;
    return 0;
}

static int add_domain(void *ctx, const struct wz_store_domain *d)
{
    json_array_append_new(ctx, json_pack("{s:s,s:b,s:b}", "domain", d->domain, "is_primary",
                                         d->is_primary, "is_verified", d->is_verified));
    return 0;
}

int wz_h_store_get(struct wz_req *req, struct wz_resp *resp)
{
    json_t *o = NULL;
    struct wz_err err = {0};
    int rc = wz_store_view_get(req->db, req->who.store_id, view_json, &o, &err);
    if (rc != WZ_OK)
        return wz_api_answer(req, resp, rc, NULL, &err);
    json_t *domains = json_array();
    rc = wz_store_domains(req->db, req->who.store_id, add_domain, domains, &err);
    json_object_set_new(o, "domains", domains);
    if (rc != WZ_OK) {
        json_decref(o);
        return wz_api_answer(req, resp, rc, NULL, &err);
    }
    json_object_set_new(o, "role", json_string(req->who.store_role));
    json_t *perms = json_array();
    size_t n;
    const struct wz_permission_def *p = wz_rbac_permissions(&n);
    for (size_t i = 0; i < n; i++)
        if (wz_auth_has(&req->who, p[i].code))
            json_array_append_new(perms, json_string(p[i].code));
    json_object_set_new(o, "permissions", perms);
    return wz_resp_json(resp, 200, o);
}

/* ---- the team */

static int add_member(void *ctx, const struct wz_member *m)
{
    json_t *o = json_object();
    json_object_set_new(o, "user_id", json_integer(m->user_id));
    json_object_set_new(o, "email", json_string(m->email));
    json_object_set_new(o, "username", json_string(m->username));
    json_object_set_new(o, "first_name", wz_store_api_nstr(m->first_name));
    json_object_set_new(o, "last_name", wz_store_api_nstr(m->last_name));
    json_object_set_new(o, "role", json_string(m->role));
    json_object_set_new(o, "is_owner", json_boolean(m->is_owner));
    json_object_set_new(o, "joined_at", json_string(m->joined_at));
    json_array_append_new(ctx, o);
    return 0;
}

/* An invitation as the team sees it: never its token or hash. */
static json_t *invitation_json(const struct wz_invitation_info *i)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(i->id));
    json_object_set_new(o, "email", json_string(i->email));
    json_object_set_new(o, "role", json_string(i->role));
    json_object_set_new(o, "status", json_string(i->status));
    json_object_set_new(o, "invited_by_user_id",
                        i->invited_by_user_id > 0 ? json_integer(i->invited_by_user_id)
                                                  : json_null());
    json_object_set_new(o, "expires_at", json_string(i->expires_at));
    json_object_set_new(o, "created_at", json_string(i->created_at));
    return o;
}

int wz_h_team_get(struct wz_req *req, struct wz_resp *resp)
{
    struct wz_err err = {0};
    json_t *members = json_array();
    int rc = wz_team_members(req->db, req->who.store_id, add_member, members, &err);
    if (rc != WZ_OK) {
        json_decref(members);
        return wz_api_answer(req, resp, rc, NULL, &err);
    }
    struct wz_invitation_info *inv = NULL;
    size_t n = 0;
    rc = wz_invitation_list(req->db, req->who.store_id, "pending", &inv, &n, &err);
    if (rc != WZ_OK) {
        json_decref(members);
        return wz_api_answer(req, resp, rc, NULL, &err);
    }
    json_t *pending = json_array();
    for (size_t i = 0; i < n; i++)
        if (strcmp(inv[i].status, "pending") == 0) /* not those past their expiry */
            json_array_append_new(pending, invitation_json(&inv[i]));
    free(inv);
    return wz_resp_json(resp, 200,
                        json_pack("{s:o,s:o}", "members", members, "invitations", pending));
}

int wz_h_team_invite(struct wz_req *req, struct wz_resp *resp)
{
    json_t *body = wz_api_body(req, resp);
    if (body == NULL)
        return resp->status;
    struct wz_field_errors fe = {0};
    static const char *const known[] = {"email", "role", NULL};
    wz_api_only(body, known, &fe);
    const char *email = wz_api_str(body, "email", true, 320, &fe);
    const char *role = wz_api_str(body, "role", true, 32, &fe);
    if (fe.n > 0) {
        json_decref(body);
        return wz_resp_invalid(resp, &fe);
    }
    struct wz_invitation_info info;
    char token[WZ_INVITATION_TOKEN_HEX + 1];
    struct wz_err err = {0};
    int rc = wz_invitation_create(req->db, req->app->settings, req->who.store_id, email, role,
                                  req->who.user_id, &fe, &info, token, &err);
    json_decref(body);
    if (rc != WZ_OK)
        return wz_api_answer(req, resp, rc, &fe, &err);
    json_t *o = invitation_json(&info);
    /* The only time the token is shown: the database keeps its hash. */
    json_object_set_new(o, "token", json_string(token));
    sodium_memzero(token, sizeof(token));
    return wz_resp_json(resp, 201, o);
}

int wz_h_team_remove(struct wz_req *req, struct wz_resp *resp)
{
    int64_t user_id;
    if (!wz_req_param_id(req, 1, &user_id))
        return wz_resp_problem(resp, 404, "no such team member");
    struct wz_field_errors fe = {0};
    struct wz_err err = {0};
    int rc = wz_team_remove(req->db, req->who.store_id, user_id, &fe, &err);
    if (rc != WZ_OK)
        return wz_api_answer(req, resp, rc, &fe, &err);
    resp->status = 204;
    return 204;
}
