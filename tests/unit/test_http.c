/*
 * The server's request path without a socket: the router over the real route table
 * (src/api/routes.c), form decoding, sign-in throttling, panel sessions, and the rules the
 * table itself must keep for the OpenAPI document to be whole (every schema text parses,
 * operationIds are unique, every $ref resolves, every token route documents its 401), and
 * the loader of libmicrohttpd.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <sodium.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/form.h"
#include "http/mhd_loader.h"
#include "http/route.h"
#include "http/sessions.h"
#include "http/throttle.h"

/* ---- router */

static const struct wz_route *match(const char *method, const char *path, struct wz_req *req,
                                    unsigned *allowed)
{
    memset(req, 0, sizeof(*req));
    return wz_route_match(method, path, req, allowed);
}

/* A concrete path for pattern: each {name} becomes id (names ending in _id) or code. */
static void concrete(const char *pattern, const char *id_value, const char *code, char *out,
                     size_t size)
{
    size_t j = 0;
    for (const char *p = pattern; *p != '\0' && j + 1 < size;) {
        if (*p == '{') {
            const char *close = strchr(p, '}');
            assert_non_null(close);
            bool id = close - p > 4 && strncmp(close - 3, "_id", 3) == 0;
            j += (size_t)snprintf(out + j, size - j, "%s", id ? id_value : code);
            p = close + 1;
        } else if (*p == '*') {
            j += (size_t)snprintf(out + j, size - j, "x/y.css");
            p++;
        } else {
            out[j++] = *p++;
        }
    }
    out[j < size ? j : size - 1] = '\0';
}

static void test_router_literal_routes(void **state)
{
    (void)state;
    struct wz_req req;
    unsigned allowed = 99;
    const struct wz_route *r = match("GET", "/api/v1/me", &req, &allowed);
    assert_non_null(r);
    assert_string_equal(r->operation, "me");
    assert_int_equal(req.nparams, 0);
    assert_int_equal(allowed, 0);
    r = match("POST", "/api/v1/auth/login", &req, &allowed);
    assert_non_null(r);
    assert_string_equal(r->operation, "login");
    /* HEAD is served by the GET route. */
    r = match("HEAD", "/healthz", &req, &allowed);
    assert_non_null(r);
    assert_string_equal(r->operation, "healthz");
}

static void test_router_405_mask(void **state)
{
    (void)state;
    struct wz_req req;
    unsigned allowed = 0;
    assert_null(match("DELETE", "/healthz", &req, &allowed));
    assert_int_equal(allowed, 1); /* GET */
    assert_null(match("GET", "/api/v1/auth/login", &req, &allowed));
    assert_int_equal(allowed, 2); /* POST */
    assert_null(match("BREW", "/healthz", &req, &allowed));
    assert_int_equal(allowed, 1);
}

static void test_router_no_match(void **state)
{
    (void)state;
    struct wz_req req;
    unsigned allowed = 99;
    assert_null(match("GET", "/no/such/path", &req, &allowed));
    assert_int_equal(allowed, 0);
    /* A trailing slash is another path, as is a longer or shorter one. */
    assert_null(match("GET", "/healthz/", &req, &allowed));
    assert_int_equal(allowed, 0);
    assert_null(match("GET", "/healthzz", &req, &allowed));
    assert_null(match("GET", "/api/v1/me/x", &req, &allowed));
    assert_null(match("GET", "/api/v1", &req, &allowed));
    assert_null(match("GET", "", &req, &allowed));
    /* The router compares the path it is given: a percent sequence is not decoded here. */
    assert_null(match("GET", "/health%7A", &req, &allowed));
    assert_int_equal(allowed, 0);
    assert_null(match("GET", "/api/v1/%6De", &req, &allowed));
}

static void test_router_prefix_routes(void **state)
{
    (void)state;
    struct wz_req req;
    unsigned allowed = 0;
    const struct wz_route *r = match("GET", "/docs/swagger-ui.css", &req, &allowed);
    assert_non_null(r);
    assert_true(r->flags & WZ_ROUTE_PREFIX);
    assert_string_equal(r->pattern, "/docs/*");
    r = match("GET", "/static/a/b/c.css", &req, &allowed);
    assert_non_null(r);
    assert_string_equal(r->pattern, "/static/*");
    /* "/docs" itself is its own route, and "/docsx" neither. */
    r = match("GET", "/docs", &req, &allowed);
    assert_non_null(r);
    assert_string_equal(r->pattern, "/docs");
    assert_null(match("GET", "/docsx", &req, &allowed));
    assert_null(match("POST", "/static/panel.css", &req, &allowed));
    assert_int_equal(allowed, 1);
}

/* Every row with parameters: they are extracted in order, a value never spans a '/', and an
 * empty segment matches nothing. */
static void test_router_params_of_every_route(void **state)
{
    (void)state;

    for (const struct wz_route *r = wz_routes; r->method != NULL; r++) {
        if (strchr(r->pattern, '{') == NULL)
            continue;

        char path[512];
        concrete(r->pattern, "123", "CODE1", path, sizeof(path));
        struct wz_req req;
        unsigned allowed = 0;
        const struct wz_route *m = match(r->method, path, &req, &allowed);
        if (m == NULL || strcmp(m->pattern, r->pattern) != 0)
            fail_msg("%s %s (as %s) is matched by %s", r->method, r->pattern, path,
                     m != NULL ? m->pattern : "nothing");
        int n = 0;
        for (const char *p = strchr(r->pattern, '{'); p != NULL; p = strchr(p + 1, '{'))
            n++;
        assert_int_equal(req.nparams, n);
        for (int i = 0; i < n; i++)
            assert_true(strcmp(req.params[i], "123") == 0 || strcmp(req.params[i], "CODE1") == 0);
        int64_t id = 0;
        if (strcmp(req.params[0], "123") == 0) {
            assert_true(wz_req_param_id(&req, 0, &id));
            assert_int_equal(id, 123);
        }

        concrete(r->pattern, "1/2", "A/B", path, sizeof(path));
        m = match(r->method, path, &req, &allowed);
        if (m != NULL && strcmp(m->pattern, r->pattern) == 0)
            fail_msg("%s matched %s across a '/'", r->pattern, path);
        concrete(r->pattern, "", "", path, sizeof(path));
        m = match(r->method, path, &req, &allowed);
        if (m != NULL && strcmp(m->pattern, r->pattern) == 0)
            fail_msg("%s matched %s with an empty segment", r->pattern, path);
    }
}

static void test_param_id(void **state)
{
    (void)state;
    struct wz_req req;
    memset(&req, 0, sizeof(req));
    const char *values[] = {"42", "0", "-1", "01", "1x", "", "1234567890123456789", "99"};
    bool expect[] = {true, false, false, false, false, false, false, true};
    for (size_t i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
        req.params[0] = values[i];
        req.nparams = 1;
        int64_t id = 0;
        if (wz_req_param_id(&req, 0, &id) != expect[i])
            fail_msg("wz_req_param_id('%s') should be %s", values[i],
                     expect[i] ? "an id" : "refused");
    }
    req.nparams = 1;
    int64_t id = 0;
    assert_false(wz_req_param_id(&req, 1, &id)); /* no such parameter */
}

/* ---- forms */

static char *form(const char *body, const char *key, int *rc)
{
    char *v = NULL;
    *rc = wz_form_get(body, strlen(body), key, &v);
    return v;
}

static void test_form_get(void **state)
{
    (void)state;
    int rc;
    char *v = form("a=1&b=x+y%21&c=", "b", &rc);
    assert_int_equal(rc, 1);
    assert_string_equal(v, "x y!");
    free(v);
    v = form("a=1&b=x+y%21&c=", "c", &rc);
    assert_int_equal(rc, 1);
    assert_string_equal(v, "");
    free(v);
    v = form("a=1&b=2", "z", &rc);
    assert_int_equal(rc, 0);
    assert_null(v);
    /* The first of two fields of one name; a name without '=' has the empty value. */
    v = form("k=first&k=second", "k", &rc);
    assert_string_equal(v, "first");
    free(v);
    v = form("flag&x=1", "flag", &rc);
    assert_int_equal(rc, 1);
    assert_string_equal(v, "");
    free(v);
    /* A name is compared as sent, not decoded, and never by prefix. */
    v = form("ab=1&a=2", "a", &rc);
    assert_string_equal(v, "2");
    free(v);
    v = form("a%62=1", "ab", &rc);
    assert_int_equal(rc, 0);
    /* A NUL byte in a value: refused as not found. */
    v = form("p=ab%00cd", "p", &rc);
    assert_int_equal(rc, 0);
    assert_null(v);
    /* Malformed escapes are kept as sent, as browsers do; '=' after the first is the value's. */
    v = form("p=%zz%4%&q", "p", &rc);
    assert_string_equal(v, "%zz%4%");
    free(v);
    v = form("p=a=b", "p", &rc);
    assert_string_equal(v, "a=b");
    free(v);
    /* Only len bytes are read. */
    char *out = NULL;
    assert_int_equal(wz_form_get("a=12345", 4, "a", &out), 1);
    assert_string_equal(out, "12");
    free(out);
    assert_int_equal(wz_form_get("", 0, "a", &out), 0);
}

static void test_form_decode(void **state)
{
    (void)state;
    char out[64];
    assert_int_equal(wz_form_decode("a+b%20c", 7, out, 1), 5);
    assert_string_equal(out, "a b c");
    assert_int_equal(wz_form_decode("a+b", 3, out, 0), 3);
    assert_string_equal(out, "a+b");
    assert_int_equal(wz_form_decode("%C3%A9", 6, out, 1), 2);
    assert_string_equal(out, "\xc3\xa9");
    assert_int_equal(wz_form_decode("%41%4a%4A", 9, out, 1), 3);
    assert_string_equal(out, "AJJ");
    assert_int_equal(wz_form_decode("%00", 3, out, 1), -1);
    /* A '%' too close to the end is a plain byte. */
    assert_int_equal(wz_form_decode("x%4", 3, out, 1), 3);
    assert_string_equal(out, "x%4");
    assert_int_equal(wz_form_decode("", 0, out, 1), 0);
    assert_string_equal(out, "");
}

/* ---- throttle */

static void test_throttle_threshold_and_doubling(void **state)
{
    (void)state;
    struct wz_throttle *t = wz_throttle_new();
    assert_non_null(t);
    const int64_t now = 1700000000;
    assert_int_equal(wz_throttle_wait(t, "a:x", now), 0);
    for (int i = 0; i < 4; i++)
        wz_throttle_fail(t, "a:x", 5, now);
    assert_int_equal(wz_throttle_wait(t, "a:x", now), 0);
    wz_throttle_fail(t, "a:x", 5, now); /* the 5th */
    assert_int_equal(wz_throttle_wait(t, "a:x", now), 15);
    assert_int_equal(wz_throttle_wait(t, "a:x", now + 10), 5);
    assert_int_equal(wz_throttle_wait(t, "a:x", now + 15), 0);
    wz_throttle_fail(t, "a:x", 5, now + 15);
    assert_int_equal(wz_throttle_wait(t, "a:x", now + 15), 30);
    wz_throttle_fail(t, "a:x", 5, now + 15);
    assert_int_equal(wz_throttle_wait(t, "a:x", now + 15), 60);
    /* Doubling stops at 15 minutes. */
    for (int i = 0; i < 20; i++)
        wz_throttle_fail(t, "a:x", 5, now + 15);
    assert_int_equal(wz_throttle_wait(t, "a:x", now + 15), 900);
    /* Keys are independent. */
    assert_int_equal(wz_throttle_wait(t, "a:y", now), 0);
    assert_int_equal(wz_throttle_wait(t, "i:x", now), 0);
    wz_throttle_clear(t, "a:x");
    assert_int_equal(wz_throttle_wait(t, "a:x", now + 15), 0);
    /* Cleared means counted from zero again. */
    wz_throttle_fail(t, "a:x", 5, now + 16);
    assert_int_equal(wz_throttle_wait(t, "a:x", now + 16), 0);
    wz_throttle_free(t);
}

static void test_throttle_forgets_after_15_minutes(void **state)
{
    (void)state;
    struct wz_throttle *t = wz_throttle_new();
    const int64_t now = 1700000000;
    for (int i = 0; i < 4; i++)
        wz_throttle_fail(t, "a:x", 5, now);
    /* 15 minutes without a failure: the four are forgotten, a fifth does not block. */
    wz_throttle_fail(t, "a:x", 5, now + 900);
    assert_int_equal(wz_throttle_wait(t, "a:x", now + 900), 0);
    /* But within 15 minutes they add up. */
    for (int i = 0; i < 3; i++)
        wz_throttle_fail(t, "a:x", 5, now + 1000);
    wz_throttle_fail(t, "a:x", 5, now + 1799);
    assert_int_equal(wz_throttle_wait(t, "a:x", now + 1799), 15);
    wz_throttle_free(t);
}

static void test_throttle_table_full(void **state)
{
    (void)state;
    struct wz_throttle *t = wz_throttle_new();
    const int64_t now = 1700000000;
    /* The key under attack, then far more keys than the table holds, each newer. */
    for (int i = 0; i < 5; i++)
        wz_throttle_fail(t, "a:victim", 5, now);
    char key[64];
    for (int i = 0; i < 20000; i++) {
        snprintf(key, sizeof(key), "i:10.0.%d.%d", i / 256, i % 256);
        wz_throttle_fail(t, key, 1, now + 1 + i / 1000);
    }
    /* Memory stays bounded and the newest keys are tracked: the last one waits. */
    assert_int_equal(wz_throttle_wait(t, key, now + 20), 15);
    /* A long key is cut, not overflowed. */
    char long_key[600];
    memset(long_key, 'k', sizeof(long_key) - 1);
    long_key[sizeof(long_key) - 1] = '\0';
    wz_throttle_fail(t, long_key, 1, now + 30);
    wz_throttle_free(t);
}

/* ---- sessions */

static void test_sessions(void **state)
{
    (void)state;
    struct wz_sessions *s = wz_sessions_new(60);
    assert_non_null(s);
    const int64_t now = 1700000000;
    char id[WZ_SESSION_ID_HEX], id2[WZ_SESSION_ID_HEX];
    assert_true(wz_session_create(s, 7, WZ_REALM_ADMIN, now, id));
    assert_int_equal(strlen(id), 64);
    assert_true(wz_session_create(s, 7, WZ_REALM_STORE, now, id2));
    assert_string_not_equal(id, id2);
    struct wz_session got;
    assert_true(wz_session_get(s, id, now + 1, &got));
    assert_int_equal(got.user_id, 7);
    assert_int_equal(got.realm, WZ_REALM_ADMIN);
    assert_int_equal(strlen(got.csrf), 64);
    struct wz_session got2;
    assert_true(wz_session_get(s, id2, now + 1, &got2));
    assert_string_not_equal(got.csrf, got2.csrf);

    /* Idle expiry: each use starts the idle time again. */
    assert_true(wz_session_get(s, id, now + 59, &got));
    assert_true(wz_session_get(s, id, now + 118, &got));
    assert_false(wz_session_get(s, id, now + 178, &got));
    assert_false(wz_session_get(s, id, now + 179, &got)); /* and it stays gone */

    /* Wrong ids: another length, one digit changed, NULL. */
    assert_false(wz_session_get(s, "abc", now + 2, &got));
    char wrong[WZ_SESSION_ID_HEX];
    memcpy(wrong, id2, sizeof(wrong));
    wrong[0] = wrong[0] == 'a' ? 'b' : 'a';
    assert_false(wz_session_get(s, wrong, now + 2, &got));
    char longer[WZ_SESSION_ID_HEX + 1];
    snprintf(longer, sizeof(longer), "%s0", id2);
    assert_false(wz_session_get(s, longer, now + 2, &got));
    assert_false(wz_session_get(s, NULL, now + 2, &got));
    wz_session_delete(s, "short"); /* ignored */

    /* Sign-out. */
    assert_true(wz_session_get(s, id2, now + 2, &got));
    wz_session_delete(s, id2);
    assert_false(wz_session_get(s, id2, now + 2, &got));

    /* Every session of one user, and no one else's. */
    char a[WZ_SESSION_ID_HEX], b[WZ_SESSION_ID_HEX], c[WZ_SESSION_ID_HEX];
    assert_true(wz_session_create(s, 8, WZ_REALM_STORE, now, a));
    assert_true(wz_session_create(s, 8, WZ_REALM_STORE, now, b));
    assert_true(wz_session_create(s, 9, WZ_REALM_STORE, now, c));
    wz_session_delete_user(s, 8);
    assert_false(wz_session_get(s, a, now + 1, &got));
    assert_false(wz_session_get(s, b, now + 1, &got));
    assert_true(wz_session_get(s, c, now + 1, &got));
    assert_int_equal(got.user_id, 9);
    wz_sessions_free(s);
}

static void test_sessions_max_lifetime(void **state)
{
    (void)state;
    struct wz_sessions *s = wz_sessions_new(3600);
    const int64_t now = 1700000000;
    char id[WZ_SESSION_ID_HEX];
    assert_true(wz_session_create(s, 1, WZ_REALM_STORE, now, id));
    struct wz_session got;
    /* Used every half hour, it still ends 12 hours after sign-in. */
    int64_t t = now;
    for (; t < now + 12 * 3600; t += 1800)
        assert_true(wz_session_get(s, id, t, &got));
    assert_false(wz_session_get(s, id, now + 12 * 3600, &got));
    wz_sessions_free(s);
}

/* ---- the table and its OpenAPI document */

static void test_schema_texts_parse(void **state)
{
    (void)state;
    int n = 0;
    for (const struct wz_schema_def *s = wz_schemas; s->name != NULL; s++, n++) {
        json_error_t e;
        json_t *v = json_loads(s->json, JSON_REJECT_DUPLICATES, &e);
        if (v == NULL)
            fail_msg("schema %s is not valid JSON: %s (column %d)", s->name, e.text, e.column);
        if (!json_is_object(v))
            fail_msg("schema %s is not a JSON object", s->name);
        json_decref(v);
        for (const struct wz_schema_def *o = s + 1; o->name != NULL; o++)
            if (strcmp(o->name, s->name) == 0)
                fail_msg("schema %s is defined twice", s->name);
    }
    assert_true(n > 0);
}

static bool has_schema(const char *name)
{
    for (const struct wz_schema_def *s = wz_schemas; s->name != NULL; s++)
        if (strcmp(s->name, name) == 0)
            return true;
    return false;
}

static bool documents(const struct wz_route *r, int status)
{
    for (const int *e = r->errors; e != NULL && *e != 0; e++)
        if (*e == status)
            return true;
    return false;
}

static void test_route_table_rules(void **state)
{
    (void)state;
    for (const struct wz_route *r = wz_routes; r->method != NULL; r++) {
        assert_non_null(r->pattern);
        assert_non_null(r->handler);
        if (r->tag != NULL) {
            if (r->operation == NULL || r->summary == NULL)
                fail_msg("%s %s has a tag but no operationId or summary", r->method, r->pattern);
            for (const struct wz_route *o = wz_routes; o->method != NULL; o++)
                if (o != r && o->tag != NULL && o->operation != NULL &&
                    strcmp(o->operation, r->operation) == 0)
                    fail_msg("operationId %s is used by %s %s and %s %s", r->operation, r->method,
                             r->pattern, o->method, o->pattern);
        }
        if (r->request != NULL && !has_schema(r->request))
            fail_msg("%s %s takes the unknown schema %s", r->method, r->pattern, r->request);
        if (r->response != NULL && !has_schema(r->response))
            fail_msg("%s %s returns the unknown schema %s", r->method, r->pattern, r->response);
        bool token = r->access == WZ_ACCESS_ADMIN || r->access == WZ_ACCESS_STORE ||
                     r->access == WZ_ACCESS_STORE_USER || r->access == WZ_ACCESS_USER;
        if (token && r->tag != NULL && !documents(r, 401))
            fail_msg("%s %s takes a token but does not document 401", r->method, r->pattern);
        if (r->access == WZ_ACCESS_STORE && r->tag != NULL && !documents(r, 404))
            fail_msg("%s %s is a store route but does not document 404", r->method, r->pattern);
        if (r->access == WZ_ACCESS_STORE || r->access == WZ_ACCESS_STORE_PANEL) {
            const char *brace = strchr(r->pattern, '{');
            if (brace == NULL || strncmp(brace, "{store_id}", 10) != 0)
                fail_msg("%s %s: a store route's first parameter must be {store_id}", r->method,
                         r->pattern);
        }
        for (const struct wz_route *o = r + 1; o->method != NULL; o++)
            if (strcmp(o->method, r->method) == 0 && strcmp(o->pattern, r->pattern) == 0)
                fail_msg("%s %s is in the table twice", r->method, r->pattern);
    }
}

/* Every "$ref" in v names a schema of the document. */
static void check_refs(json_t *v, json_t *schemas)
{
    if (json_is_object(v)) {
        const char *k;
        json_t *x;
        json_object_foreach(v, k, x)
        {
            if (strcmp(k, "$ref") == 0 && json_is_string(x)) {
                const char *ref = json_string_value(x);
                const char *prefix = "#/components/schemas/";
                if (strncmp(ref, prefix, strlen(prefix)) != 0 ||
                    json_object_get(schemas, ref + strlen(prefix)) == NULL)
                    fail_msg("the document refers to %s, which it does not define", ref);
            } else {
                check_refs(x, schemas);
            }
        }
    } else if (json_is_array(v)) {
        size_t i;
        json_t *x;
        json_array_foreach(v, i, x) check_refs(x, schemas);
    }
}

static void test_openapi_document(void **state)
{
    (void)state;
    json_t *doc = wz_openapi_document("Wizamart", "0.0.0");
    assert_non_null(doc);
    assert_string_equal(json_string_value(json_object_get(doc, "openapi")), "3.1.0");
    json_t *schemas = json_object_get(json_object_get(doc, "components"), "schemas");
    assert_non_null(schemas);
    const char *name;
    json_t *s;
    json_object_foreach(schemas, name, s)
    {
        const char *d = json_string_value(json_object_get(s, "description"));
        if (d != NULL && strcmp(d, "invalid schema text") == 0)
            fail_msg("components/schemas/%s is the invalid-text placeholder", name);
    }
    check_refs(doc, schemas);
    /* Every tagged row is an operation of the document, and nothing else is. */
    json_t *paths = json_object_get(doc, "paths");
    size_t ops = 0, rows = 0;
    const char *path;
    json_t *item;
    json_object_foreach(paths, path, item) ops += json_object_size(item);
    for (const struct wz_route *r = wz_routes; r->method != NULL; r++) {
        if (r->tag == NULL)
            continue;
        rows++;
        char m[8];
        size_t i = 0;
        for (; r->method[i] != '\0' && i + 1 < sizeof(m); i++)
            m[i] = (char)(r->method[i] | 0x20);
        m[i] = '\0';
        json_t *op = json_object_get(json_object_get(paths, r->pattern), m);
        if (op == NULL)
            fail_msg("%s %s is not in the document", r->method, r->pattern);
        char ok[8];
        snprintf(ok, sizeof(ok), "%d", r->ok_status);
        assert_non_null(json_object_get(json_object_get(op, "responses"), ok));
    }
    assert_int_equal(ops, rows);
    json_decref(doc);
}

/* ---- libmicrohttpd's loader */

/* Without the library, one line that names the package, and the table left untouched. */
static void test_mhd_loader_missing_library(void **state)
{
    (void)state;
    struct wz_mhd_api api;
    memset(&api, 0, sizeof(api));
    struct wz_err err;
    wz_err_clear(&err);
    assert_int_equal(wz_mhd_load_from("libmicrohttpd-wz-missing.so.12", &api, &err), WZ_EFAIL);
    assert_string_equal(err.msg, "the HTTP server library libmicrohttpd-wz-missing.so.12 is not "
                                 "installed: apt-get install libmicrohttpd12 (make deps)");
    assert_null(api.MHD_start_daemon);
    assert_null(strchr(err.msg, '\n'));
}

/* The installed library resolves every function of the table, and loading twice is
 * harmless. */
static void test_mhd_loader_loads(void **state)
{
    (void)state;
    struct wz_err err;
    wz_err_clear(&err);
    assert_int_equal(wz_mhd_load(&err), WZ_OK);
    assert_int_equal(wz_mhd_load(&err), WZ_OK);
#define WZ_MHD_CHECK(name) assert_non_null(wz_mhd.name);
    WZ_MHD_FUNCTIONS(WZ_MHD_CHECK)
#undef WZ_MHD_CHECK
}

int main(void)
{
    if (sodium_init() < 0)
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_router_literal_routes),
        cmocka_unit_test(test_router_405_mask),
        cmocka_unit_test(test_router_no_match),
        cmocka_unit_test(test_router_prefix_routes),
        cmocka_unit_test(test_router_params_of_every_route),
        cmocka_unit_test(test_param_id),
        cmocka_unit_test(test_form_get),
        cmocka_unit_test(test_form_decode),
        cmocka_unit_test(test_throttle_threshold_and_doubling),
        cmocka_unit_test(test_throttle_forgets_after_15_minutes),
        cmocka_unit_test(test_throttle_table_full),
        cmocka_unit_test(test_sessions),
        cmocka_unit_test(test_sessions_max_lifetime),
        cmocka_unit_test(test_schema_texts_parse),
        cmocka_unit_test(test_route_table_rules),
        cmocka_unit_test(test_openapi_document),
        cmocka_unit_test(test_mhd_loader_missing_library),
        cmocka_unit_test(test_mhd_loader_loads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
