/*
 * A route is one row: method, path pattern, handler, who may call it, and what it takes and
 * returns. The dispatcher (router.c), the access check (auth.c) and the OpenAPI document
 * (openapi.c) are all read from the table in src/api/routes.c, so a route cannot exist
 * without its documentation and its access rule.
 */
#ifndef WZ_ROUTE_H
#define WZ_ROUTE_H

#include <stddef.h>

#include "http/http.h"

enum wz_access {
    WZ_ACCESS_PUBLIC = 0, /* anyone */
    WZ_ACCESS_USER,       /* a bearer token of either realm, of an active user */
    WZ_ACCESS_ADMIN,      /* an admin-realm token of an active platform admin */
    /* A store-realm token of an active user who is an active member of the active store
     * {store_id} (the first path parameter) and whose role grants `permission`. Anything
     * else about another store is a 404: the answer never confirms that it exists. */
    WZ_ACCESS_STORE,
    WZ_ACCESS_STORE_USER, /* a store-realm token of an active store user (no store in path) */
    /* The panels: a session cookie instead of a token, the same rules as above. */
    WZ_ACCESS_ADMIN_PANEL,
    WZ_ACCESS_STORE_PANEL,      /* member of {store_id} with permission */
    WZ_ACCESS_STORE_PANEL_USER, /* any signed-in store user */
};

/* A documented query parameter. */
struct wz_query_param {
    const char *name;
    const char *type; /* "string", "integer", "boolean" */
    const char *description;
};

typedef int (*wz_handler_fn)(struct wz_req *req, struct wz_resp *resp);

struct wz_route {
    const char *method;
    const char *pattern; /* "/api/v1/stores/{store_id}/products/{product_id}" */
    wz_handler_fn handler;
    enum wz_access access;
    const char *permission; /* store routes: the permission code required, or NULL */
    const char *tag;        /* OpenAPI tag; NULL: not an API operation (pages, assets) */
    const char *operation;  /* OpenAPI operationId */
    const char *summary;
    const char *request;                /* components/schemas name of the JSON body, or NULL */
    const char *response;               /* components/schemas name of the success body, or NULL */
    int ok_status;                      /* 200, 201, 204, 303 */
    const struct wz_query_param *query; /* terminated by a zeroed entry; may be NULL */
    const int *errors;                  /* problem statuses it may answer, 0-terminated */
    unsigned flags;
};

enum wz_route_flags {
    WZ_ROUTE_FORM = 1 << 0,   /* takes an HTML form (CSRF-checked) instead of JSON */
    WZ_ROUTE_PREFIX = 1 << 1, /* pattern ends in "*": matches any rest of the path */
    WZ_ROUTE_LOGIN = 1 << 2,  /* a sign-in: throttled per account and address */
    WZ_ROUTE_NO_DB = 1 << 4,  /* answers without the database (health, assets, docs) */
};

/* The table, terminated by a zeroed row. */
extern const struct wz_route wz_routes[];

/* The components/schemas of the API: name and JSON Schema text (valid JSON). */
struct wz_schema_def {
    const char *name;
    const char *json;
};
extern const struct wz_schema_def wz_schemas[];

/* Finds the route for method and path; fills req->params. Returns NULL with *allowed set
 * to a bitmask of methods (1 GET, 2 POST, 4 PUT, 8 PATCH, 16 DELETE) when the path matches
 * only for other methods (a 405), or 0 when nothing matches (a 404). */
const struct wz_route *wz_route_match(const char *method, const char *path, struct wz_req *req,
                                      unsigned *allowed);

/* Builds the OpenAPI 3.1 document of the table (a new reference). */
struct json_t *wz_openapi_document(const char *title, const char *version);

#endif
