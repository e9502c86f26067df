/*
 * A growing NUL-terminated string: the DDL renderer, the diff's messages and the revision
 * writer build text piece by piece, and C has no such type. An out-of-memory failure is
 * sticky (the buffer remembers it), so a long rendering checks once at the end instead of
 * after every append.
 */
#ifndef WZ_STRBUF_H
#define WZ_STRBUF_H

#include <stdbool.h>
#include <stddef.h>

struct wz_strbuf {
    char *buf;  /* NUL-terminated, or NULL while empty; owned by the struct */
    size_t len; /* bytes before the NUL */
    size_t cap;
    bool oom; /* an append failed: the contents are incomplete */
};

#define WZ_STRBUF_INIT {NULL, 0, 0, false}

/* Appends s (NULL appends nothing). Returns 0 or WZ_ENOMEM (and sets sb->oom). */
int wz_strbuf_append(struct wz_strbuf *sb, const char *s);
/* Appends n bytes of s. */
int wz_strbuf_appendn(struct wz_strbuf *sb, const char *s, size_t n);
/* Appends printf-style formatted text. */
int wz_strbuf_appendf(struct wz_strbuf *sb, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* The contents: never NULL ("" while empty); valid until the next append or release. */
const char *wz_strbuf_str(const struct wz_strbuf *sb);
/* Hands the contents to the caller (caller frees; "" allocated when empty, NULL on out of
 * memory or when an append had failed) and resets the buffer. */
char *wz_strbuf_detach(struct wz_strbuf *sb);
/* Empties the buffer, keeping its memory. */
void wz_strbuf_reset(struct wz_strbuf *sb);
/* Frees the contents; accepts NULL. The buffer can be reused after. */
void wz_strbuf_release(struct wz_strbuf *sb);

#endif
