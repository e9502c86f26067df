/* What the platform engine's files share: see platform_util.h. */
#include "platform/platform_util.h"

#include "core/timefmt.h"

#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db/db.h"

static int bind_all(struct wz_stmt *st, const char *fmt, va_list ap)
{
    int idx = 1;
    for (const char *f = fmt; *f != '\0'; f++, idx++) {
        int rc;
        if (*f == 'i') {
            rc = wz_stmt_bind_int64(st, idx, va_arg(ap, int64_t));
        } else if (*f == 'I') {
            int64_t v = va_arg(ap, int64_t);
            rc = v == 0 ? wz_stmt_bind_null(st, idx) : wz_stmt_bind_int64(st, idx, v);
        } else {
            rc = wz_stmt_bind_text(st, idx, va_arg(ap, const char *));
        }
        if (rc != WZ_OK)
            return rc;
    }
    return WZ_OK;
}

static int vquery(struct wz_db *db, const char *sql, struct wz_stmt **st, struct wz_err *err,
                  const char *fmt, va_list ap)
{
    int rc = wz_db_prepare_cached(db, sql, st, err);
    if (rc != WZ_OK)
        return rc;
    rc = bind_all(*st, fmt, ap);
    if (rc != WZ_OK) {
        wz_stmt_reset(*st);
        return wz_err_set(err, rc, "cannot bind the values of a statement");
    }
    rc = wz_stmt_step(*st, err);
    if (rc != WZ_ROW)
        wz_stmt_reset(*st);
    return rc;
}

int wz_pf_query(struct wz_db *db, const char *sql, struct wz_stmt **st, struct wz_err *err,
                const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = vquery(db, sql, st, err, fmt, ap);
    va_end(ap);
    return rc;
}

int wz_pf_int64(struct wz_db *db, const char *sql, int64_t *out, bool *found, struct wz_err *err,
                const char *fmt, ...)
{
    struct wz_stmt *st = NULL;
    va_list ap;
    va_start(ap, fmt);
    int rc = vquery(db, sql, &st, err, fmt, ap);
    va_end(ap);
    *out = 0;
    if (found != NULL)
        *found = rc == WZ_ROW;
    if (rc < 0)
        return rc;
    if (rc == WZ_ROW) {
        *out = wz_stmt_column_int64(st, 0);
        wz_stmt_reset(st);
    }
    return WZ_OK;
}

int wz_pf_exec(struct wz_db *db, const char *sql, struct wz_err *err, const char *fmt, ...)
{
    struct wz_stmt *st = NULL;
    va_list ap;
    va_start(ap, fmt);
    int rc = vquery(db, sql, &st, err, fmt, ap);
    va_end(ap);
    if (rc == WZ_ROW)
        wz_stmt_reset(st);
    return rc < 0 ? rc : WZ_OK;
}

void wz_pf_time(int64_t t, char out[24])
{
    wz_time_iso(t, out);
}

void wz_pf_ts(const char *in, char out[24])
{
    out[0] = '\0';
    if (in == NULL || strlen(in) < 19)
        return;
    memcpy(out, in, 19);
    out[10] = 'T';
    out[19] = 'Z';
    out[20] = '\0';
}

bool wz_pf_like(const char *q, char *out, size_t size)
{
    size_t n = 0;
    if (size < 3)
        return false;
    out[n++] = '%';
    for (const char *p = q; *p != '\0'; p++) {
        char c = (*p >= 'A' && *p <= 'Z') ? (char)(*p - 'A' + 'a') : *p;
        if (n + 4 >= size)
            return false;
        if (c == '%' || c == '_' || c == '\\')
            out[n++] = '\\';
        out[n++] = c;
    }
    out[n++] = '%';
    out[n] = '\0';
    return true;
}

bool wz_pf_lower(const char *in, char *out, size_t size)
{
    size_t n = strlen(in);
    if (n >= size)
        return false;
    for (size_t i = 0; i <= n; i++)
        out[i] = (in[i] >= 'A' && in[i] <= 'Z') ? (char)(in[i] - 'A' + 'a') : in[i];
    return true;
}

static bool host_labels_ok(const char *s, size_t n, int min_labels)
{
    if (n == 0 || n > 253)
        return false;
    int labels = 0;
    size_t start = 0;
    bool all_digits = true;
    for (size_t i = 0; i <= n; i++) {
        if (i == n || s[i] == '.') {
            size_t len = i - start;
            if (len == 0 || len > 63 || s[start] == '-' || s[i - 1] == '-')
                return false;
            labels++;
            if (i < n)
                all_digits = true;
            start = i + 1;
            continue;
        }
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
            return false;
        if (c < '0' || c > '9')
            all_digits = false;
    }
    return labels >= min_labels && !all_digits;
}

bool wz_pf_email_ok(const char *email)
{
    size_t n = strlen(email);
    const char *at = strchr(email, '@');
    if (n > 320 || at == NULL || at == email || strchr(at + 1, '@') != NULL)
        return false;
    for (const char *p = email; p < at; p++)
        if (*p <= ' ' || *p >= 127 || *p == '"' || *p == '(' || *p == ')' || *p == ',' ||
            *p == ';' || *p == '<' || *p == '>' || *p == '[' || *p == ']' || *p == '\\')
            return false;
    char domain[256];
    if (!wz_pf_lower(at + 1, domain, sizeof(domain)))
        return false;
    return host_labels_ok(domain, strlen(domain), 2);
}

bool wz_pf_hostname_ok(const char *host)
{
    return host_labels_ok(host, strlen(host), 2);
}

void wz_pf_random_hex(char out[65])
{
    unsigned char b[32];
    if (sodium_init() < 0)
        abort();
    randombytes_buf(b, sizeof(b));
    sodium_bin2hex(out, 65, b, sizeof(b));
    sodium_memzero(b, sizeof(b));
}

int wz_pf_begin(struct wz_db *db, bool *own, struct wz_err *err)
{
    /* A read snapshot is not a transaction to join: wz_db_begin refuses the write. */
    *own = !db->in_transaction || db->read_only;
    return *own ? wz_db_begin(db, err) : WZ_OK;
}

int wz_pf_commit(struct wz_db *db, bool own, struct wz_err *err)
{
    return own ? wz_db_commit(db, err) : WZ_OK;
}

void wz_pf_rollback(struct wz_db *db, bool own)
{
    if (own)
        wz_db_rollback(db);
}
