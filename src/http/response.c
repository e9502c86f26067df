/* Building responses: see http.h. */
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/http.h"

const char *wz_http_reason(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 204:
        return "No Content";
    case 303:
        return "See Other";
    case 304:
        return "Not Modified";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 409:
        return "Conflict";
    case 413:
        return "Content Too Large";
    case 415:
        return "Unsupported Media Type";
    case 422:
        return "Unprocessable Content";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 503:
        return "Service Unavailable";
    default:
        return "Error";
    }
}

bool wz_resp_header(struct wz_resp *resp, const char *name, const char *value)
{
    for (int i = 0; i < resp->nheaders; i++) {
        if (strcmp(resp->headers[i].name, name) == 0) {
            char *v = strdup(value);
            if (v == NULL)
                return false;
            free(resp->headers[i].value);
            resp->headers[i].value = v;
            return true;
        }
    }
    if (resp->nheaders >= WZ_RESP_MAX_HEADERS)
        return false;
    char *n = strdup(name), *v = strdup(value);
    if (n == NULL || v == NULL) {
        free(n);
        free(v);
        return false;
    }
    resp->headers[resp->nheaders].name = n;
    resp->headers[resp->nheaders].value = v;
    resp->nheaders++;
    return true;
}

static int out_of_memory(struct wz_resp *resp)
{
    wz_strbuf_release(&resp->body);
    resp->status = 500;
    resp->content_type = "application/problem+json";
    wz_strbuf_append(&resp->body, "{\"type\":\"about:blank\",\"title\":\"Internal Server "
                                  "Error\",\"status\":500,\"detail\":\"out of memory\"}");
    return 500;
}

static int set_body_json(struct wz_resp *resp, int status, json_t *root, const char *type)
{
    wz_strbuf_reset(&resp->body);
    char *text = root != NULL ? json_dumps(root, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
    json_decref(root);
    if (text == NULL)
        return out_of_memory(resp);
    wz_strbuf_append(&resp->body, text);
    free(text);
    resp->status = status;
    resp->content_type = type;
    return status;
}

int wz_resp_json(struct wz_resp *resp, int status, json_t *root)
{
    return set_body_json(resp, status, root, "application/json");
}

void wz_resp_json_begin(struct wz_resp *resp, int status, struct wz_jw *w)
{
    wz_strbuf_reset(&resp->body);
    resp->status = status;
    resp->content_type = "application/json";
    wz_jw_init(w, &resp->body);
}

int wz_resp_json_end(struct wz_resp *resp)
{
    return resp->body.failed ? out_of_memory(resp) : resp->status;
}

static json_t *problem(int status, const char *detail)
{
    json_t *p = json_object();
    json_object_set_new(p, "type", json_string("about:blank"));
    json_object_set_new(p, "title", json_string(wz_http_reason(status)));
    json_object_set_new(p, "status", json_integer(status));
    /* json_string refuses invalid UTF-8: echoing a client's bytes must not lose the detail. */
    json_t *d = json_string(detail);
    json_object_set_new(p, "detail", d != NULL ? d : json_string("(detail not valid UTF-8)"));
    return p;
}

int wz_resp_problem(struct wz_resp *resp, int status, const char *fmt, ...)
{
    char detail[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(detail, sizeof(detail), fmt, ap);
    va_end(ap);
    return set_body_json(resp, status, problem(status, detail), "application/problem+json");
}

/* Cuts a string that snprintf may have truncated back to a whole UTF-8 character, so a long
 * name (a client's unknown field) still makes valid JSON text. */
static void utf8_trim(char *s)
{
    size_t n = strlen(s);
    size_t start = n;
    while (start > 0 && ((unsigned char)s[start - 1] & 0xc0) == 0x80)
        start--;
    if (start == 0 || start == n)
        return;
    unsigned char lead = (unsigned char)s[start - 1];
    size_t need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
    if (n - (start - 1) < need)
        s[start - 1] = '\0';
}

void wz_field_error(struct wz_field_errors *fe, const char *field, const char *fmt, ...)
{
    if (fe->n >= (int)(sizeof(fe->e) / sizeof(fe->e[0])))
        return;
    snprintf(fe->e[fe->n].field, sizeof(fe->e[fe->n].field), "%s", field);
    utf8_trim(fe->e[fe->n].field);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(fe->e[fe->n].message, sizeof(fe->e[fe->n].message), fmt, ap);
    va_end(ap);
    utf8_trim(fe->e[fe->n].message);
    fe->n++;
}

int wz_resp_problem_fields(struct wz_resp *resp, int status, const char *detail,
                           const struct wz_field_errors *fe)
{
    json_t *p = problem(status, detail);
    if (fe != NULL && fe->n > 0) {
        json_t *errors = json_array();
        for (int i = 0; i < fe->n; i++) {
            json_t *e = json_object();
            json_t *f = json_string(fe->e[i].field);
            json_object_set_new(e, "field",
                                f != NULL ? f : json_string("(a field name that is not UTF-8)"));
            json_t *m = json_string(fe->e[i].message);
            json_object_set_new(e, "message", m != NULL ? m : json_string("invalid"));
            json_array_append_new(errors, e);
        }
        json_object_set_new(p, "errors", errors);
    }
    return set_body_json(resp, status, p, "application/problem+json");
}

int wz_resp_invalid(struct wz_resp *resp, const struct wz_field_errors *fe)
{
    return wz_resp_problem_fields(
        resp, 422, fe->n == 1 ? "1 field is invalid" : "some fields are invalid", fe);
}

int wz_resp_html(struct wz_resp *resp, int status, const char *html, size_t len)
{
    wz_strbuf_reset(&resp->body);
    wz_strbuf_append_n(&resp->body, html, len);
    resp->status = status;
    resp->content_type = "text/html; charset=utf-8";
    return status;
}

int wz_resp_redirect(struct wz_resp *resp, const char *location)
{
    wz_strbuf_reset(&resp->body);
    resp->status = 303;
    resp->content_type = "text/plain; charset=utf-8";
    wz_resp_header(resp, "Location", location);
    return 303;
}

void wz_resp_release(struct wz_resp *resp)
{
    wz_strbuf_release(&resp->body);
    for (int i = 0; i < resp->nheaders; i++) {
        free(resp->headers[i].name);
        free(resp->headers[i].value);
    }
    resp->nheaders = 0;
}
