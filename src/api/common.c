/* What the API handlers share: see api.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "api/api.h"
#include "db/db.h"

json_t *wz_api_body(struct wz_req *req, struct wz_resp *resp)
{
    const char *type = wz_req_header(req, "Content-Type");
    if (type == NULL || strncasecmp(type, "application/json", 16) != 0 ||
        (type[16] != '\0' && type[16] != ';' && type[16] != ' ')) {
        wz_resp_problem(resp, 415, "send the body as application/json");
        return NULL;
    }
    json_error_t e;
    json_t *root = json_loadb(req->body, req->body_len, JSON_REJECT_DUPLICATES, &e);
    if (root == NULL) {
        wz_resp_problem(resp, 400, "the body is not valid JSON: %s (line %d, column %d)", e.text,
                        e.line, e.column);
        return NULL;
    }
    if (!json_is_object(root)) {
        json_decref(root);
        wz_resp_problem(resp, 400, "the body must be a JSON object");
        return NULL;
    }
    return root;
}

const char *wz_api_str(json_t *obj, const char *name, bool required, size_t maxlen,
                       struct wz_field_errors *fe)
{
    json_t *v = json_object_get(obj, name);
    if (v == NULL || json_is_null(v)) {
        if (required)
            wz_field_error(fe, name, "is required");
        return NULL;
    }
    if (!json_is_string(v)) {
        wz_field_error(fe, name, "must be a string");
        return NULL;
    }
    size_t len = json_string_length(v);
    const char *s = json_string_value(v);
    if (strlen(s) != len) {
        wz_field_error(fe, name, "must not contain NUL characters");
        return NULL;
    }
    if (len > maxlen) {
        wz_field_error(fe, name, "must be at most %zu bytes", maxlen);
        return NULL;
    }
    if (required && len == 0) {
        wz_field_error(fe, name, "must not be empty");
        return NULL;
    }
    return s;
}

bool wz_api_int(json_t *obj, const char *name, bool required, int64_t min, int64_t max,
                int64_t *out, struct wz_field_errors *fe)
{
    json_t *v = json_object_get(obj, name);
    if (v == NULL || json_is_null(v)) {
        if (required)
            wz_field_error(fe, name, "is required");
        return false;
    }
    if (!json_is_integer(v)) {
        wz_field_error(fe, name, "must be an integer");
        return false;
    }
    json_int_t i = json_integer_value(v);
    if (i < min || i > max) {
        wz_field_error(fe, name, "must be between %lld and %lld", (long long)min, (long long)max);
        return false;
    }
    *out = (int64_t)i;
    return true;
}

bool wz_api_bool(json_t *obj, const char *name, bool *out, struct wz_field_errors *fe)
{
    json_t *v = json_object_get(obj, name);
    if (v == NULL || json_is_null(v))
        return false;
    if (!json_is_boolean(v)) {
        wz_field_error(fe, name, "must be true or false");
        return false;
    }
    *out = json_is_true(v);
    return true;
}

void wz_api_only(json_t *obj, const char *const *known, struct wz_field_errors *fe)
{
    const char *key;
    json_t *v;
    json_object_foreach(obj, key, v)
    {
        bool ok = false;
        for (size_t i = 0; known[i] != NULL && !ok; i++)
            ok = strcmp(known[i], key) == 0;
        if (!ok)
            wz_field_error(fe, key, "is not a field of this resource");
    }
}

static bool parse_positive(const char *s, int64_t max, int64_t *out)
{
    if (s == NULL || *s == '\0' || strlen(s) > 18)
        return false;
    int64_t v = 0;
    for (const char *p = s; *p; p++) {
        if (*p < '0' || *p > '9')
            return false;
        v = v * 10 + (*p - '0');
    }
    if (v > max)
        return false;
    *out = v;
    return true;
}

bool wz_api_page(struct wz_req *req, struct wz_resp *resp, struct wz_page *page)
{
    page->limit = 50;
    page->after = 0;
    const char *limit = wz_req_query(req, "limit");
    int64_t v = 0;
    if (limit != NULL) {
        if (!parse_positive(limit, 100, &v) || v < 1) {
            wz_resp_problem(resp, 400, "limit must be an integer from 1 to 100");
            return false;
        }
        page->limit = (int)v;
    }
    const char *cursor = wz_req_query(req, "cursor");
    if (cursor != NULL) {
        if (!parse_positive(cursor, INT64_MAX / 2, &v)) {
            wz_resp_problem(resp, 400,
                            "cursor is not one this API returned: pass next_cursor as it is");
            return false;
        }
        page->after = v;
    }
    return true;
}

int wz_api_list(struct wz_resp *resp, json_t *items, bool has_more, int64_t last_id)
{
    json_t *root = json_object();
    json_object_set_new(root, "items", items);
    if (has_more) {
        char c[24];
        snprintf(c, sizeof(c), "%lld", (long long)last_id);
        json_object_set_new(root, "next_cursor", json_string(c));
    } else {
        json_object_set_new(root, "next_cursor", json_null());
    }
    return wz_resp_json(resp, 200, root);
}

void wz_api_list_begin(struct wz_resp *resp, struct wz_jw *w)
{
    wz_resp_json_begin(resp, 200, w);
    wz_jw_object_begin(w);
    wz_jw_key(w, "items");
    wz_jw_array_begin(w);
}

int wz_api_list_end(struct wz_resp *resp, struct wz_jw *w, bool has_more, int64_t last_id)
{
    wz_jw_array_end(w);
    wz_jw_key(w, "next_cursor");
    if (has_more) {
        char c[24];
        snprintf(c, sizeof(c), "%lld", (long long)last_id);
        wz_jw_string(w, c);
    } else {
        wz_jw_null(w);
    }
    wz_jw_object_end(w);
    return wz_resp_json_end(resp);
}

int wz_api_fail(struct wz_req *req, struct wz_resp *resp, const char *msg)
{
    fprintf(stderr, "error: request %s: %s\n", req->request_id, msg);
    if (req->db != NULL)
        wz_db_rollback(req->db);
    return wz_resp_problem(resp, 500, "the server could not complete the request (request id %s)",
                           req->request_id);
}

json_t *wz_api_col_str(struct wz_stmt *st, int col)
{
    if (wz_stmt_column_is_null(st, col))
        return json_null();
    json_t *s = json_string(wz_stmt_column_text(st, col));
    return s != NULL ? s : json_null();
}

json_t *wz_api_col_bool(struct wz_stmt *st, int col)
{
    const char *t = wz_stmt_column_text(st, col);
    return json_boolean(t[0] == '1' || t[0] == 't');
}

/* Keeps the first entry of each field: a field the adapter found of the wrong type is not
 * also "required" to the engine, which then saw it absent. */
static void fe_dedupe(struct wz_field_errors *fe)
{
    int k = 0;
    for (int i = 0; i < fe->n; i++) {
        bool seen = false;
        for (int j = 0; j < k && !seen; j++)
            seen = strcmp(fe->e[j].field, fe->e[i].field) == 0;
        if (!seen) {
            if (k != i)
                fe->e[k] = fe->e[i];
            k++;
        }
    }
    fe->n = k;
}

int wz_api_answer(struct wz_req *req, struct wz_resp *resp, int rc, struct wz_field_errors *fe,
                  const struct wz_err *err)
{
    if (fe != NULL)
        fe_dedupe(fe);
    switch (rc) {
    case WZ_ENOENT:
        return wz_resp_problem(resp, 404, "%s", err->msg);
    case WZ_ECONFLICT:
        return wz_resp_problem_fields(resp, 409, err->msg, fe);
    case WZ_EUSAGE:
        if (fe != NULL && fe->n > 0)
            return wz_resp_invalid(resp, fe);
        return wz_resp_problem(resp, 400, "%s", err->msg);
    default:
        return wz_api_fail(req, resp,
                           err->msg[0] != '\0' ? err->msg : "the engine failed without a reason");
    }
}
