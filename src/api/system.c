/* The routes every deployment needs besides the API: health, readiness, the OpenAPI
 * document and the embedded files (Swagger UI at /docs). */
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "db/db.h"
#include "http/app.h"
#include "http/assets.h"
#include "http/route.h"
#include "migrate/runner.h"

#ifndef WZ_VERSION
#define WZ_VERSION "0.1.0"
#endif

int wz_h_healthz(struct wz_req *req, struct wz_resp *resp)
{
    (void)req;
    return wz_resp_json(resp, 200, json_pack("{s:s}", "status", "ok"));
}

/* Ready when this thread's connection answers and the schema is at head: a load balancer
 * sends no traffic to a replica that a deploy has not migrated yet. */
int wz_h_readyz(struct wz_req *req, struct wz_resp *resp)
{
    char *why = NULL;
    struct wz_err err = {0};
    bool at_head = false;
    int rc = wz_migrate_at_head(req->db, req->app->settings->migrations_dir, &at_head, &why, &err);
    if (rc == WZ_OK && at_head) {
        free(why);
        return wz_resp_json(
            resp, 200,
            json_pack("{s:s,s:s}", "status", "ready", "database", wz_db_dialect_name(req->db)));
    }
    wz_resp_header(resp, "Retry-After", "5");
    int status =
        wz_resp_problem(resp, 503, "not ready: %s",
                        rc == WZ_OK ? (why != NULL ? why : "migrations are pending") : err.msg);
    free(why);
    return status;
}

int wz_h_openapi(struct wz_req *req, struct wz_resp *resp)
{
    json_t *doc = wz_openapi_document(req->app->settings->project_name, WZ_VERSION);
    return wz_resp_json(resp, 200, doc);
}

int wz_h_asset(struct wz_req *req, struct wz_resp *resp)
{
    const struct wz_asset *a = wz_asset_find(req->path);
    if (a == NULL)
        return wz_resp_problem(resp, 404, "no such file");
    char etag[64];
    snprintf(etag, sizeof(etag), "\"%s\"", a->etag);
    wz_resp_header(resp, "ETag", etag);
    wz_resp_header(resp, "Cache-Control", "no-cache");
    const char *inm = wz_req_header(req, "If-None-Match");
    resp->content_type = a->content_type;
    if (inm != NULL && strcmp(inm, etag) == 0) {
        resp->status = 304;
        return 304;
    }
    resp->status = 200;
    resp->static_body = a->data;
    resp->static_len = a->len;
    return 200;
}

int wz_h_root(struct wz_req *req, struct wz_resp *resp)
{
    json_t *links = json_pack("{s:s,s:s,s:s,s:s}", "docs", "/docs", "openapi", "/openapi.json",
                              "admin", "/admin/login", "store", "/store/login");
    return wz_resp_json(resp, 200,
                        json_pack("{s:s,s:s,s:o}", "name", req->app->settings->project_name,
                                  "version", WZ_VERSION, "links", links));
}
