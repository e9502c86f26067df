/* Matching a request against the route table: see route.h. Patterns are literal segments
 * and {name} segments; a {name} matches one non-empty segment, never across a '/'. */
#include <string.h>

#include "http/route.h"

static unsigned method_bit(const char *m)
{
    static const char *const names[] = {"GET", "POST", "PUT", "PATCH", "DELETE"};
    for (unsigned i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        if (strcmp(m, names[i]) == 0)
            return 1u << i;
    return 0;
}

/* True when path matches pattern; the {name} values go into params (pointers into a copy
 * the caller keeps: the segments are NUL-terminated in place in buf). */
static bool match(const char *pattern, const char *path, char *buf, size_t bufsize,
                  const char **params, int *nparams)
{
    size_t plen = strlen(path);
    if (plen + 1 > bufsize)
        return false;
    memcpy(buf, path, plen + 1);
    const char *p = pattern;
    char *s = buf;
    int n = 0;
    while (*p != '\0') {
        if (p[0] == '*' && p[1] == '\0')
            break; /* a prefix route: whatever follows */
        if (*p == '{') {
            const char *close = strchr(p, '}');
            if (close == NULL)
                return false;
            char *end = strchr(s, '/');
            size_t seg = end != NULL ? (size_t)(end - s) : strlen(s);
            if (seg == 0 || n >= WZ_ROUTE_MAX_PARAMS)
                return false;
            params[n++] = s;
            p = close + 1;
            s += seg;
            if (*s == '/') {
                if (*p != '/')
                    return false;
                *s = '\0';
                s++;
                p++;
            }
            continue;
        }
        if (*p != *s)
            return false;
        p++;
        s++;
    }
    if (*p == '*')
        return true;
    if (*s != '\0')
        return false;
    *nparams = n;
    return true;
}

/* Per-thread scratch for the parameter segments: a request is handled on one thread from
 * matching to the response, and the segments must outlive this call. */
static _Thread_local char param_buf[2048];

const struct wz_route *wz_route_match(const char *method, const char *path, struct wz_req *req,
                                      unsigned *allowed)
{
    *allowed = 0;
    const char *params[WZ_ROUTE_MAX_PARAMS];
    char probe[2048];
    for (const struct wz_route *r = wz_routes; r->method != NULL; r++) {
        int n = 0;
        if (!match(r->pattern, path, probe, sizeof(probe), params, &n))
            continue;
        if (strcmp(r->method, method) != 0 &&
            !(strcmp(method, "HEAD") == 0 && strcmp(r->method, "GET") == 0)) {
            *allowed |= method_bit(r->method);
            continue;
        }
        match(r->pattern, path, param_buf, sizeof(param_buf), params, &n);
        for (int i = 0; i < n; i++)
            req->params[i] = params[i];
        req->nparams = n;
        return r;
    }
    return NULL;
}
