/*
 * The server's view of one HTTP exchange, independent of libmicrohttpd: a handler reads a
 * struct wz_req and fills a struct wz_resp, and never sees a socket. The transport
 * (server.c) builds the request, runs the route's access check, calls the handler and
 * sends the response with the headers every response carries.
 *
 * Ownership: everything a request points at (path, body, parameters, the principal) lives
 * until the response is sent; the response owns its body and headers and is released by
 * the transport.
 */
#ifndef WZ_HTTP_H
#define WZ_HTTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/jsonw.h"
#include "core/strbuf.h"

struct wz_db;
struct wz_app;
struct json_t;
struct wz_stmt;

#define WZ_ROUTE_MAX_PARAMS 4
#define WZ_RESP_MAX_HEADERS 12

/* Who is calling, as the route's access check established it. */
enum wz_principal_kind {
    WZ_WHO_NOBODY = 0,
    WZ_WHO_ADMIN = 1, /* a platform admin (users.role = 'admin') */
    WZ_WHO_STORE = 2, /* a store user (owner or team member) */
};

struct wz_principal {
    enum wz_principal_kind kind;
    int64_t user_id;
    char email[320];
    char username[128];
    /* Store routes only: the store of the path, where the caller is an active member. */
    int64_t store_id;
    char store_role[32];  /* "owner", "manager", ... */
    uint32_t permissions; /* bit i: the i-th permission of wz_rbac_permissions() */
    /* Panel routes only: the session's CSRF token (hex), for forms. */
    char csrf[65];
};

struct wz_req {
    const char *method; /* "GET", "POST", ... */
    const char *path;   /* decoded path, without the query */
    const char *body;   /* NUL-terminated; "" when none */
    size_t body_len;
    const char *params[WZ_ROUTE_MAX_PARAMS]; /* the route pattern's {name} values, in order */
    int nparams;
    char request_id[33];
    char client_ip[64];
    struct wz_db *db;         /* this thread's connection */
    const struct wz_app *app; /* settings, keys, throttles, sessions */
    struct wz_principal who;
    void *conn; /* the transport's connection, for the accessors below */
};

/* A query-string argument (decoded), or NULL. */
const char *wz_req_query(const struct wz_req *r, const char *key);
/* A request header (case-insensitive name), or NULL. */
const char *wz_req_header(const struct wz_req *r, const char *name);
/* A cookie's value, or NULL. */
const char *wz_req_cookie(const struct wz_req *r, const char *name);
/* A form field of an application/x-www-form-urlencoded body (decoded into a per-request
 * copy), or NULL. */
const char *wz_req_form(struct wz_req *r, const char *key);
/* Path parameter i as a positive int64 id; false when it is not one. */
bool wz_req_param_id(const struct wz_req *r, int i, int64_t *out);

struct wz_resp_header {
    char *name;
    char *value;
};

struct wz_resp {
    int status;
    const char *content_type; /* static string */
    struct wz_strbuf body;
    const unsigned char *static_body; /* when set, sent instead of body (not copied) */
    size_t static_len;
    struct wz_resp_header headers[WZ_RESP_MAX_HEADERS];
    int nheaders;
};

/* Adds a header (copied). Returns false when the table is full. */
bool wz_resp_header(struct wz_resp *resp, const char *name, const char *value);

/* A JSON body: serializes root (compact, UTF-8, keys in insertion order) and takes its
 * reference. Returns status, so a handler can `return wz_resp_json(resp, 200, obj);`. */
int wz_resp_json(struct wz_resp *resp, int status, struct json_t *root);

/* A JSON body written as it is produced (core/jsonw.h), for pages of many rows: begin sets the
 * status and type and points w at the emptied body; end answers a 500 problem instead when an
 * append ran out of memory. End returns the status. A handler that fails half-way answers with
 * wz_resp_problem, which replaces the partial body. */
void wz_resp_json_begin(struct wz_resp *resp, int status, struct wz_jw *w);
int wz_resp_json_end(struct wz_resp *resp);

/* An RFC 9457 application/problem+json body: type "about:blank" unless given, title from the
 * status, and detail. */
int wz_resp_problem(struct wz_resp *resp, int status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* A 422 whose "errors" member lists each invalid field: [{"field": ..., "message": ...}]. */
struct wz_field_errors {
    int n;
    struct {
        char field[128];
        char message[200];
    } e[16];
};
void wz_field_error(struct wz_field_errors *fe, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
int wz_resp_invalid(struct wz_resp *resp, const struct wz_field_errors *fe);
/* A problem of any status with the same "errors" list (a 409 naming the field in conflict);
 * fe may be NULL. */
int wz_resp_problem_fields(struct wz_resp *resp, int status, const char *detail,
                           const struct wz_field_errors *fe);

/* An HTML body (the caller escaped every value). */
int wz_resp_html(struct wz_resp *resp, int status, const char *html, size_t len);

/* 303 See Other to location (a path on this server). */
int wz_resp_redirect(struct wz_resp *resp, const char *location);

void wz_resp_release(struct wz_resp *resp);

/* The reason phrase of a status ("Not Found"). */
const char *wz_http_reason(int status);

#endif
