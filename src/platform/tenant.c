/* What the store-scoped engine modules share: see tenant.h. */
#include "platform/tenant.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "db/db.h"

size_t wz_tenant_utf8_len(const char *s)
{
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p != '\0'; p++)
        if ((*p & 0xC0) != 0x80)
            n++;
    return n;
}

bool wz_tenant_has_error(const struct wz_field_errors *fe, const char *field)
{
    for (int i = 0; i < fe->n; i++)
        if (strcmp(fe->e[i].field, field) == 0)
            return true;
    return false;
}

static const char *expand(const struct wz_db *db, char *buf, size_t size, const char *tmpl)
{
    size_t n = 0;
    const char *p = tmpl;
    while (*p != '\0') {
        if (strncmp(p, "{ts:", 4) == 0) {
            const char *end = strchr(p, '}');
            char col[64], expr[160];
            size_t len = end != NULL ? (size_t)(end - p - 4) : sizeof(col);
            if (len >= sizeof(col))
                return NULL;
            memcpy(col, p + 4, len);
            col[len] = '\0';
            if (wz_db_timestamp_sql(db, col, expr, sizeof(expr)) == NULL)
                return NULL;
            size_t el = strlen(expr);
            if (n + el + 1 > size)
                return NULL;
            memcpy(buf + n, expr, el);
            n += el;
            p = end + 1;
            continue;
        }
        if (n + 2 > size)
            return NULL;
        buf[n++] = *p++;
    }
    buf[n] = '\0';
    return buf;
}

const char *wz_tenant_sql(const struct wz_db *db, char *buf, size_t size, const char *tmpl)
{
    if (buf[0] != '\0')
        return buf;
    const char *r = expand(db, buf, size, tmpl);
    if (r == NULL)
        buf[0] = '\0';
    return r;
}

int wz_tenant_prepare(struct wz_db *db, char *buf, size_t size, const char *tmpl,
                      struct wz_stmt **st, struct wz_err *err)
{
    if (wz_tenant_sql(db, buf, size, tmpl) == NULL)
        return wz_err_set(err, WZ_EFAIL, "a statement does not fit its buffer");
    return wz_db_prepare_cached(db, buf, st, err);
}

int wz_tenant_page(struct wz_stmt *st, int limit, int (*row)(void *ctx, struct wz_stmt *st),
                   void *ctx, bool *more, struct wz_err *err)
{
    *more = false;
    int rc, n = 0;
    while ((rc = wz_stmt_step(st, err)) == WZ_ROW) {
        if (n++ == limit) {
            *more = true;
            break;
        }
        if ((rc = row(ctx, st)) != 0)
            break;
    }
    wz_stmt_reset(st);
    return rc == WZ_ROW || rc == WZ_DONE ? WZ_OK : rc;
}
