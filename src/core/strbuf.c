/*
 * The growing string of strbuf.h. Capacity doubles, so appending n bytes in pieces costs
 * O(n) overall.
 */
#include "core/strbuf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"

static int reserve(struct wz_strbuf *sb, size_t extra)
{
    if (sb->oom)
        return WZ_ENOMEM;
    if (sb->len + extra + 1 <= sb->cap)
        return WZ_OK;
    size_t cap = sb->cap ? sb->cap : 64;
    while (cap < sb->len + extra + 1)
        cap *= 2;
    char *p = realloc(sb->buf, cap);
    if (p == NULL) {
        sb->oom = true;
        return WZ_ENOMEM;
    }
    sb->buf = p;
    sb->cap = cap;
    return WZ_OK;
}

int wz_strbuf_appendn(struct wz_strbuf *sb, const char *s, size_t n)
{
    if (reserve(sb, n) != WZ_OK)
        return WZ_ENOMEM;
    if (n > 0)
        memcpy(sb->buf + sb->len, s, n);
    sb->len += n;
    sb->buf[sb->len] = '\0';
    return WZ_OK;
}

int wz_strbuf_append(struct wz_strbuf *sb, const char *s)
{
    if (s == NULL)
        return sb->oom ? WZ_ENOMEM : WZ_OK;
    return wz_strbuf_appendn(sb, s, strlen(s));
}

int wz_strbuf_appendf(struct wz_strbuf *sb, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || reserve(sb, (size_t)n) != WZ_OK) {
        sb->oom = true;
        return WZ_ENOMEM;
    }
    va_start(ap, fmt);
    vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    sb->len += (size_t)n;
    return WZ_OK;
}

const char *wz_strbuf_str(const struct wz_strbuf *sb)
{
    return sb->buf != NULL ? sb->buf : "";
}

char *wz_strbuf_detach(struct wz_strbuf *sb)
{
    char *s = NULL;
    if (!sb->oom)
        s = sb->buf != NULL ? sb->buf : strdup("");
    else
        free(sb->buf);
    sb->buf = NULL;
    sb->len = sb->cap = 0;
    sb->oom = false;
    return s;
}

void wz_strbuf_reset(struct wz_strbuf *sb)
{
    sb->len = 0;
    sb->oom = false;
    if (sb->buf != NULL)
        sb->buf[0] = '\0';
}

void wz_strbuf_release(struct wz_strbuf *sb)
{
    if (sb == NULL)
        return;
    free(sb->buf);
    sb->buf = NULL;
    sb->len = sb->cap = 0;
    sb->oom = false;
}
