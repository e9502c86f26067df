/* A growing string: see strbuf.h. */
#include "core/strbuf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool grow(struct wz_strbuf *sb, size_t extra)
{
    if (sb->failed)
        return false;
    size_t need = sb->len + extra + 1;
    if (need <= sb->cap)
        return true;
    size_t cap = sb->cap ? sb->cap : 64;
    while (cap < need)
        cap *= 2;
    char *p = realloc(sb->buf, cap);
    if (p == NULL) {
        sb->failed = true;
        return false;
    }
    sb->buf = p;
    sb->cap = cap;
    return true;
}

void wz_strbuf_append_n(struct wz_strbuf *sb, const char *s, size_t n)
{
    if (!grow(sb, n))
        return;
    memcpy(sb->buf + sb->len, s, n);
    sb->len += n;
    sb->buf[sb->len] = '\0';
}

bool wz_strbuf_grow(struct wz_strbuf *sb, size_t extra)
{
    return grow(sb, extra);
}

void wz_strbuf_append(struct wz_strbuf *sb, const char *s)
{
    wz_strbuf_append_n(sb, s, strlen(s));
}

void wz_strbuf_putc(struct wz_strbuf *sb, char c)
{
    wz_strbuf_append_n(sb, &c, 1);
}

void wz_strbuf_appendf(struct wz_strbuf *sb, const char *fmt, ...)
{
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n >= 0 && grow(sb, (size_t)n)) {
        vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap2);
        sb->len += (size_t)n;
    } else if (n < 0) {
        sb->failed = true;
    }
    va_end(ap2);
}

const char *wz_strbuf_str(const struct wz_strbuf *sb)
{
    return sb->buf != NULL ? sb->buf : "";
}

char *wz_strbuf_detach(struct wz_strbuf *sb)
{
    char *res = NULL;
    if (!sb->failed)
        res = sb->buf != NULL ? sb->buf : strdup("");
    else
        free(sb->buf);
    sb->buf = NULL;
    sb->len = sb->cap = 0;
    sb->failed = false;
    return res;
}

void wz_strbuf_reset(struct wz_strbuf *sb)
{
    sb->len = 0;
    sb->failed = false;
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
    sb->failed = false;
}
