/* A streaming JSON writer: see jsonw.h. Each value reserves its worst case once and is written
 * straight into the buffer: a page writes thousands of small pieces, and an append each was
 * a fifth of the server's time. */
#include "core/jsonw.h"

#include <string.h>

#include "core/utf8.h"

void wz_jw_init(struct wz_jw *w, struct wz_strbuf *out)
{
    w->out = out;
    w->comma = false;
}

/* Room for n bytes after the separator the next value needs; the separator is written. */
static char *room(struct wz_jw *w, size_t n)
{
    char *p = wz_strbuf_reserve(w->out, n + 1);
    if (p != NULL && w->comma)
        *p++ = ',';
    return p;
}

static void done(struct wz_jw *w, const char *start, const char *end, bool comma)
{
    wz_strbuf_commit(w->out, (size_t)(end - start));
    w->comma = comma;
}

static void punct(struct wz_jw *w, char c, bool value_start)
{
    char *p = value_start ? room(w, 1) : wz_strbuf_reserve(w->out, 1);
    if (p == NULL)
        return;
    char *start = w->out->buf + w->out->len;
    *p++ = c;
    done(w, start, p, !value_start);
}

void wz_jw_object_begin(struct wz_jw *w)
{
    punct(w, '{', true);
}

void wz_jw_object_end(struct wz_jw *w)
{
    punct(w, '}', false);
}

void wz_jw_array_begin(struct wz_jw *w)
{
    punct(w, '[', true);
}

void wz_jw_array_end(struct wz_jw *w)
{
    punct(w, ']', false);
}

/* Bytes that go out as they are: printable ASCII but the quote and the backslash. A table,
 * as this test runs for every byte of every string of a page. */
/* clang-format off */
#define P16 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1
static const bool plain_byte[256] = {
    [0x20] = 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x22 '"' */
    [0x30] = P16,
    [0x40] = P16,
    [0x50] = 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, /* 0x5c '\\' */
    [0x60] = P16,
    [0x70] = P16,
};
/* clang-format on */
#undef P16

static bool plain(unsigned char c)
{
    return plain_byte[c];
}

/* True when none of the 8 bytes at s needs attention: no control byte, no byte >= 0x80, no
 * '"' and no '\\' (the classic "has a zero byte" bit trick, per forbidden value). */
static bool word_is_plain(const char *s)
{
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    uint64_t x;
    memcpy(&x, s, sizeof(x));
    uint64_t quote = x ^ (ones * '"'), backslash = x ^ (ones * '\\');
    uint64_t bad =
        ((x - ones * 0x20) & ~x) | ((quote - ones) & ~quote) | ((backslash - ones) & ~backslash);
    bad &= highs;
    return (bad | (x & highs)) == 0;
}

/* Writes s quoted and escaped as RFC 8259 requires at p (room for 6 bytes a byte of s plus 2)
 * and returns the end. */
static char *quoted(char *p, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    const char *end = s + n, *run = s;
    *p++ = '"';
    while (s < end) {
        /* Eight plain bytes at a time, the common case of a product description. */
        while (end - s >= 8 && word_is_plain(s))
            s += 8;
        if (s == end)
            break;
        unsigned char c = (unsigned char)*s;
        if (plain(c)) {
            s++;
            continue;
        }
        if (c >= 0x80) {
            uint32_t cp;
            const char *next = wz_utf8_next(s, end, &cp);
            if (next != NULL) {
                s = next;
                continue;
            }
        }
        memcpy(p, run, (size_t)(s - run));
        p += s - run;
        run = ++s;
        if (c >= 0x80) { /* starts no valid UTF-8 sequence: U+FFFD, one per byte */
            memcpy(p, "\xEF\xBF\xBD", 3);
            p += 3;
            continue;
        }
        *p++ = '\\';
        switch (c) {
        case '"':
        case '\\':
            *p++ = (char)c;
            break;
        case '\b':
            *p++ = 'b';
            break;
        case '\f':
            *p++ = 'f';
            break;
        case '\n':
            *p++ = 'n';
            break;
        case '\r':
            *p++ = 'r';
            break;
        case '\t':
            *p++ = 't';
            break;
        default:
            memcpy(p, "u00", 3);
            p[3] = hex[c >> 4];
            p[4] = hex[c & 15];
            p += 5;
        }
    }
    memcpy(p, run, (size_t)(s - run));
    p += s - run;
    *p++ = '"';
    return p;
}

void wz_jw_key(struct wz_jw *w, const char *key)
{
    size_t n = strlen(key);
    char *p = room(w, 6 * n + 3);
    if (p == NULL)
        return;
    char *start = w->out->buf + w->out->len;
    p = quoted(p, key, n);
    *p++ = ':';
    done(w, start, p, false);
}

void wz_jw_string(struct wz_jw *w, const char *s)
{
    if (s == NULL) {
        wz_jw_null(w);
        return;
    }
    size_t n = strlen(s);
    char *p = room(w, 6 * n + 2);
    if (p == NULL)
        return;
    char *start = w->out->buf + w->out->len;
    done(w, start, quoted(p, s, n), true);
}

void wz_jw_int(struct wz_jw *w, int64_t v)
{
    char digits[20];
    int n = 0;
    /* The magnitude as unsigned, so INT64_MIN does not overflow. */
    uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
    do {
        digits[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u != 0);
    char *p = room(w, (size_t)n + 1);
    if (p == NULL)
        return;
    char *start = w->out->buf + w->out->len;
    if (v < 0)
        *p++ = '-';
    while (n > 0)
        *p++ = digits[--n];
    done(w, start, p, true);
}

static void literal(struct wz_jw *w, const char *text, size_t n)
{
    char *p = room(w, n);
    if (p == NULL)
        return;
    char *start = w->out->buf + w->out->len;
    memcpy(p, text, n);
    done(w, start, p + n, true);
}

void wz_jw_bool(struct wz_jw *w, bool v)
{
    literal(w, v ? "true" : "false", v ? 4 : 5);
}

void wz_jw_null(struct wz_jw *w)
{
    literal(w, "null", 4);
}

void wz_jw_raw(struct wz_jw *w, const char *json)
{
    literal(w, json, strlen(json));
}

void wz_jw_name(struct wz_jw *w, const char *quoted_name_colon, size_t n)
{
    char *p = room(w, n);
    if (p == NULL)
        return;
    char *start = w->out->buf + w->out->len;
    memcpy(p, quoted_name_colon, n);
    done(w, start, p + n, false);
}
