/*
 * A growing string: SQL and DDL are built piece by piece, and a fixed buffer would either
 * truncate a statement or waste memory. The buffer is owned by the struct; release frees it.
 * Appending after an allocation failure is a no-op and the failure sticks (check `failed`
 * once at the end instead of after every append).
 */
#ifndef WZ_STRBUF_H
#define WZ_STRBUF_H

#include <stdbool.h>
#include <stddef.h>

struct wz_strbuf {
    char *buf; /* NUL-terminated once anything was appended; NULL before */
    size_t len;
    size_t cap;
    bool failed;
};

#define WZ_STRBUF_INIT                                                                             \
    {                                                                                              \
        NULL, 0, 0, false                                                                          \
    }

void wz_strbuf_append(struct wz_strbuf *sb, const char *s);
void wz_strbuf_append_n(struct wz_strbuf *sb, const char *s, size_t n);
void wz_strbuf_appendf(struct wz_strbuf *sb, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void wz_strbuf_putc(struct wz_strbuf *sb, char c);
/* Room for n more bytes: a pointer to write them at, then wz_strbuf_commit with how many were
 * written (at most n). NULL when the allocation failed (the failure sticks). For writers that
 * produce many small pieces and would otherwise pay one append each. */
bool wz_strbuf_grow(struct wz_strbuf *sb, size_t extra); /* for the two below */
static inline char *wz_strbuf_reserve(struct wz_strbuf *sb, size_t n)
{
    return !sb->failed && sb->len + n < sb->cap ? sb->buf + sb->len
           : wz_strbuf_grow(sb, n)              ? sb->buf + sb->len
                                                : NULL;
}
static inline void wz_strbuf_commit(struct wz_strbuf *sb, size_t n)
{
    sb->len += n;
    sb->buf[sb->len] = '\0';
}
/* The contents ("" when empty); valid until the next append or release. */
const char *wz_strbuf_str(const struct wz_strbuf *sb);
/* Hands the buffer to the caller (caller frees) and resets sb; NULL if an append failed. */
char *wz_strbuf_detach(struct wz_strbuf *sb);
void wz_strbuf_reset(struct wz_strbuf *sb);
void wz_strbuf_release(struct wz_strbuf *sb);

#endif
