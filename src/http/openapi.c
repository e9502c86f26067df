/* The OpenAPI 3.1 document, generated from the route table: see route.h. */
#include <ctype.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "http/http.h"
#include "http/route.h"

static json_t *ref(const char *schema)
{
    char r[128];
    snprintf(r, sizeof(r), "#/components/schemas/%s", schema);
    return json_pack("{s:s}", "$ref", r);
}

static json_t *content(const char *type, json_t *schema)
{
    return json_pack("{s:{s:o}}", type, "schema", schema);
}

/* The path parameters of a pattern, in order: ids are integers, codes strings. */
static void add_path_params(const char *pattern, json_t *params)
{
    for (const char *p = strchr(pattern, '{'); p != NULL; p = strchr(p + 1, '{')) {
        const char *close = strchr(p, '}');
        if (close == NULL)
            break;
        char name[64];
        snprintf(name, sizeof(name), "%.*s", (int)(close - p - 1), p + 1);
        size_t n = strlen(name);
        bool id = n > 3 && strcmp(name + n - 3, "_id") == 0;
        json_array_append_new(params,
                              json_pack("{s:s,s:s,s:b,s:o}", "name", name, "in", "path", "required",
                                        1, "schema",
                                        id ? json_pack("{s:s,s:i}", "type", "integer", "minimum", 1)
                                           : json_pack("{s:s}", "type", "string")));
    }
}

static const char *security_scheme(enum wz_access a)
{
    switch (a) {
    case WZ_ACCESS_USER:
    case WZ_ACCESS_ADMIN:
    case WZ_ACCESS_STORE:
    case WZ_ACCESS_STORE_USER:
        return "bearer";
    default:
        return NULL;
    }
}

static const char *access_text(enum wz_access a)
{
    switch (a) {
    case WZ_ACCESS_USER:
        return "Any signed-in user (either realm).";
    case WZ_ACCESS_ADMIN:
        return "Platform admins only (an admin-realm token).";
    case WZ_ACCESS_STORE:
        return "Active members of the store (a store-realm token); another store is a 404.";
    case WZ_ACCESS_STORE_USER:
        return "Store users (a store-realm token).";
    default:
        return "No authentication.";
    }
}

static json_t *operation(const struct wz_route *r)
{
    json_t *op = json_object();
    json_object_set_new(op, "operationId", json_string(r->operation));
    json_object_set_new(op, "summary", json_string(r->summary));
    char desc[320];
    snprintf(desc, sizeof(desc), "%s%s%s%s", access_text(r->access),
             r->permission != NULL ? " Requires the permission `" : "",
             r->permission != NULL ? r->permission : "", r->permission != NULL ? "`." : "");
    json_object_set_new(op, "description", json_string(desc));
    json_object_set_new(op, "tags", json_pack("[s]", r->tag));
    const char *sec = security_scheme(r->access);
    json_object_set_new(op, "security", sec != NULL ? json_pack("[{s:[]}]", sec) : json_array());

    json_t *params = json_array();
    add_path_params(r->pattern, params);
    for (const struct wz_query_param *q = r->query; q != NULL && q->name != NULL; q++)
        json_array_append_new(params, json_pack("{s:s,s:s,s:b,s:s,s:{s:s}}", "name", q->name, "in",
                                                "query", "required", 0, "description",
                                                q->description, "schema", "type", q->type));
    if (json_array_size(params) > 0)
        json_object_set_new(op, "parameters", params);
    else
        json_decref(params);

    if (r->request != NULL)
        json_object_set_new(op, "requestBody",
                            json_pack("{s:b,s:o}", "required", 1, "content",
                                      content("application/json", ref(r->request))));
    json_t *responses = json_object();
    char code[8];
    snprintf(code, sizeof(code), "%d", r->ok_status);
    json_t *ok = json_pack("{s:s}", "description", wz_http_reason(r->ok_status));
    if (r->response != NULL)
        json_object_set_new(ok, "content", content("application/json", ref(r->response)));
    else if (strcmp(r->operation, "openapi") == 0)
        json_object_set_new(ok, "content",
                            content("application/json", json_pack("{s:s}", "type", "object")));
    json_object_set_new(responses, code, ok);
    for (const int *e = r->errors; e != NULL && *e != 0; e++) {
        snprintf(code, sizeof(code), "%d", *e);
        json_object_set_new(responses, code,
                            json_pack("{s:s,s:o}", "description", wz_http_reason(*e), "content",
                                      content("application/problem+json", ref("Problem"))));
    }
    json_object_set_new(op, "responses", responses);
    return op;
}

static void lower(const char *in, char *out, size_t size)
{
    size_t i = 0;
    for (; in[i] != '\0' && i + 1 < size; i++)
        out[i] = (char)tolower((unsigned char)in[i]);
    out[i] = '\0';
}

json_t *wz_openapi_document(const char *title, const char *version)
{
    json_t *paths = json_object();
    json_t *tags = json_array();
    for (const struct wz_route *r = wz_routes; r->method != NULL; r++) {
        if (r->tag == NULL)
            continue; /* pages and files are not API operations */
        json_t *item = json_object_get(paths, r->pattern);
        if (item == NULL) {
            item = json_object();
            json_object_set_new(paths, r->pattern, item);
        }
        char m[8];
        lower(r->method, m, sizeof(m));
        json_object_set_new(item, m, operation(r));
        bool seen = false;
        size_t i;
        json_t *t;
        json_array_foreach(tags, i, t)
        {
            if (strcmp(json_string_value(json_object_get(t, "name")), r->tag) == 0)
                seen = true;
        }
        if (!seen)
            json_array_append_new(tags,
                                  json_pack("{s:s,s:s}", "name", r->tag, "description", r->tag));
    }
    json_t *schemas = json_object();
    for (const struct wz_schema_def *s = wz_schemas; s->name != NULL; s++) {
        json_error_t e;
        json_t *v = json_loads(s->json, 0, &e);
        /* a typo in the table: tests/unit/test_http.c (test_schema_texts_parse) fails on it */
        if (v == NULL)
            v = json_pack("{s:s}", "description", "invalid schema text");
        json_object_set_new(schemas, s->name, v);
    }
    json_t *components = json_pack(
        "{s:o,s:{s:{s:s,s:s,s:s,s:s}}}", "schemas", schemas, "securitySchemes", "bearer", "type",
        "http", "scheme", "bearer", "bearerFormat", "JWT", "description",
        "POST /api/v1/auth/login returns the token; send it as 'Authorization: Bearer <token>'.");
    char desc[256];
    snprintf(desc, sizeof(desc),
             "The %s platform API: sign-in, platform administration and the stores' own data.",
             title);
    return json_pack("{s:s,s:{s:s,s:s,s:s,s:{s:s,s:s}},s:[{s:s}],s:o,s:o,s:o}", "openapi", "3.1.0",
                     "info", "title", title, "version", version, "description", desc, "license",
                     "name", "Proprietary", "identifier", "LicenseRef-Proprietary", "servers",
                     "url", "/", "tags", tags, "paths", paths, "components", components);
}
