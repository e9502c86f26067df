/*
 * THE route table: every path the server answers, with its handler, its access rule and its
 * documentation. The dispatcher, the access check and /openapi.json read this table and
 * nothing else (route.h). Adding a route: a row here, its handler, its schemas below, and
 * its tests (tests/cli/t_server_*.sh); docs/server.md explains each rule.
 */
#include "api/admin.h"
#include "api/api.h"
#include "api/store.h"
#include "http/route.h"
#include "panel/panel_routes.h"

static const int e_public[] = {400, 0};
static const int e_login[] = {400, 401, 403, 415, 422, 429, 503, 0};
static const int e_user[] = {401, 0};
static const int e_ready[] = {503, 0};
static const int e_docs[] = {404, 0};
/* For the rows of the included files. */
__attribute__((unused)) static const int e_read[] = {401, 403, 404, 0};
__attribute__((unused)) static const int e_list[] = {400, 401, 403, 404, 0};
__attribute__((unused)) static const int e_write[] = {400, 401, 403, 404, 409, 413, 415, 422, 0};
__attribute__((unused)) static const int e_shop[] = {400, 404, 0};
__attribute__((unused)) static const struct wz_query_param q_page[] = {
    {"limit", "integer", "rows per page, 1 to 100 (default 50)"},
    {"cursor", "string", "next_cursor of the previous page"},
    {0},
};
__attribute__((unused)) static const struct wz_query_param q_search[] = {
    {"limit", "integer", "rows per page, 1 to 100 (default 50)"},
    {"cursor", "string", "next_cursor of the previous page"},
    {"q", "string", "case-insensitive search in names and emails"},
    {"status", "string", "only rows with this status"},
    {0},
};

const struct wz_route wz_routes[] = {
    /* ---- system */
    {"GET", "/", wz_h_root, WZ_ACCESS_PUBLIC, NULL, "system", "root",
     "The platform's name, version and where to go next", NULL, "Root", 200, NULL, e_public,
     WZ_ROUTE_NO_DB},
    {"GET", "/healthz", wz_h_healthz, WZ_ACCESS_PUBLIC, NULL, "system", "healthz",
     "Liveness: the process answers", NULL, "Health", 200, NULL, e_public, WZ_ROUTE_NO_DB},
    {"GET", "/readyz", wz_h_readyz, WZ_ACCESS_PUBLIC, NULL, "system", "readyz",
     "Readiness: the database answers and its schema is at head", NULL, "Ready", 200, NULL, e_ready,
     0},
    {"GET", "/openapi.json", wz_h_openapi, WZ_ACCESS_PUBLIC, NULL, "system", "openapi",
     "This document", NULL, NULL, 200, NULL, e_public, WZ_ROUTE_NO_DB},
    {"GET", "/docs", wz_h_asset, WZ_ACCESS_PUBLIC, NULL, NULL, NULL, "Swagger UI", NULL, NULL, 200,
     NULL, e_docs, WZ_ROUTE_NO_DB},
    {"GET", "/docs/*", wz_h_asset, WZ_ACCESS_PUBLIC, NULL, NULL, NULL, "Swagger UI's files", NULL,
     NULL, 200, NULL, e_docs, WZ_ROUTE_NO_DB | WZ_ROUTE_PREFIX},
    {"GET", "/static/*", wz_h_asset, WZ_ACCESS_PUBLIC, NULL, NULL, NULL, "The panels' files", NULL,
     NULL, 200, NULL, e_docs, WZ_ROUTE_NO_DB | WZ_ROUTE_PREFIX},

    /* ---- sign-in */
    {"POST", "/api/v1/auth/login", wz_h_login, WZ_ACCESS_PUBLIC, NULL, "auth", "login",
     "Sign in with an email or username and a password; returns an access token", "LoginRequest",
     "Token", 200, NULL, e_login, WZ_ROUTE_LOGIN},
    {"GET", "/api/v1/me", wz_h_me, WZ_ACCESS_USER, NULL, "auth", "me",
     "The signed-in user, of either realm", NULL, "Me", 200, NULL, e_user, 0},

/* The rows of each area live beside their handlers' files, included here. */
#include "api/routes_admin.inc"
#include "api/routes_store.inc"
#include "panel/routes_panel.inc"

    {0},
};

/* Component schemas. Every object lists its required members and refuses others, so the
 * response validator in the tests catches a field that drifts from the document. */
const struct wz_schema_def wz_schemas[] = {
    {"Problem", "{\"type\":\"object\",\"required\":[\"type\",\"title\",\"status\"],"
                "\"properties\":{\"type\":{\"type\":\"string\"},\"title\":{\"type\":\"string\"},"
                "\"status\":{\"type\":\"integer\"},\"detail\":{\"type\":\"string\"},"
                "\"errors\":{\"type\":\"array\",\"items\":{\"type\":\"object\",\"required\":["
                "\"field\",\"message\"],\"properties\":{\"field\":{\"type\":\"string\"},"
                "\"message\":{\"type\":\"string\"}},\"additionalProperties\":false}}},"
                "\"additionalProperties\":false}"},
    {"Root", "{\"type\":\"object\",\"required\":[\"name\",\"version\",\"links\"],\"properties\":"
             "{\"name\":{\"type\":\"string\"},\"version\":{\"type\":\"string\"},\"links\":{"
             "\"type\":\"object\",\"additionalProperties\":{\"type\":\"string\"}}},"
             "\"additionalProperties\":false}"},
    {"Health", "{\"type\":\"object\",\"required\":[\"status\"],\"properties\":{\"status\":{"
               "\"const\":\"ok\"}},\"additionalProperties\":false}"},
    {"Ready", "{\"type\":\"object\",\"required\":[\"status\",\"database\"],\"properties\":{"
              "\"status\":{\"const\":\"ready\"},\"database\":{\"enum\":[\"sqlite\","
              "\"postgresql\"]}},\"additionalProperties\":false}"},
    {"LoginRequest",
     "{\"type\":\"object\",\"required\":[\"password\"],\"properties\":{\"email\":{\"type\":"
     "\"string\",\"maxLength\":320},\"username\":{\"type\":\"string\",\"maxLength\":128},"
     "\"password\":{\"type\":\"string\",\"maxLength\":1024}},\"additionalProperties\":false,"
     "\"description\":\"Give either email or username.\"}"},
    {"Token", "{\"type\":\"object\",\"required\":[\"access_token\",\"token_type\",\"expires_in\","
              "\"realm\",\"user_id\"],\"properties\":{\"access_token\":{\"type\":\"string\"},"
              "\"token_type\":{\"const\":\"bearer\"},\"expires_in\":{\"type\":\"integer\"},"
              "\"realm\":{\"enum\":[\"admin\",\"store\"]},\"user_id\":{\"type\":\"integer\"}},"
              "\"additionalProperties\":false}"},
    {"Me", "{\"type\":\"object\",\"required\":[\"id\",\"email\",\"username\",\"realm\"],"
           "\"properties\":{\"id\":{\"type\":\"integer\"},\"email\":{\"type\":\"string\"},"
           "\"username\":{\"type\":\"string\"},\"first_name\":{\"type\":[\"string\",\"null\"]},"
           "\"last_name\":{\"type\":[\"string\",\"null\"]},\"realm\":{\"enum\":[\"admin\","
           "\"store\"]},\"last_login_at\":{\"type\":[\"string\",\"null\"]}},"
           "\"additionalProperties\":false}"},
#include "api/schemas_admin.inc"
#include "api/schemas_store.inc"
    {0},
};
