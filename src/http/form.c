/* Form decoding: see form.h. */
#include "http/form.h"

#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"

static int hex(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

long wz_form_decode(const char *s, size_t n, char *out, int plus_is_space)
{
    size_t j = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '\0') /* a raw NUL would cut the value short, as %00 would */
            return -1;
        if (c == '+' && plus_is_space) {
            out[j++] = ' ';
        } else if (c == '%' && i + 2 < n && hex((unsigned char)s[i + 1]) >= 0 &&
                   hex((unsigned char)s[i + 2]) >= 0) {
            int v = hex((unsigned char)s[i + 1]) * 16 + hex((unsigned char)s[i + 2]);
            if (v == 0)
                return -1;
            out[j++] = (char)v;
            i += 2;
        } else {
            out[j++] = c;
        }
    }
    out[j] = '\0';
    return (long)j;
}

int wz_form_get(const char *body, size_t len, const char *key, char **out)
{
    *out = NULL;
    size_t klen = strlen(key);
    size_t i = 0;
    while (i < len) {
        size_t end = i;
        while (end < len && body[end] != '&')
            end++;
        size_t eq = i;
        while (eq < end && body[eq] != '=')
            eq++;
        /* Names in our forms are plain ASCII: compare the raw bytes. */
        if (eq - i == klen && memcmp(body + i, key, klen) == 0) {
            size_t vstart = eq < end ? eq + 1 : end;
            size_t vlen = end - vstart;
            char *v = malloc(vlen + 1);
            if (v == NULL)
                return -1;
            if (wz_form_decode(body + vstart, vlen, v, 1) < 0) {
                free(v);
                return 0;
            }
            *out = v;
            return 1;
        }
        i = end + 1;
    }
    return 0;
}

long wz_form_decode_keep_nul(const char *s, size_t n, char *out)
{
    size_t j = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '%' && i + 2 < n && hex((unsigned char)s[i + 1]) >= 0 &&
            hex((unsigned char)s[i + 2]) >= 0) {
            int v = hex((unsigned char)s[i + 1]) * 16 + hex((unsigned char)s[i + 2]);
            if (v != 0) {
                out[j++] = (char)v;
                i += 2;
                continue;
            }
        }
        out[j++] = s[i];
    }
    out[j] = '\0';
    return (long)j;
}

bool wz_form_utf8(const char *body, size_t len)
{
    size_t i = 0;
    while (i < len) {
        size_t end = i;
        while (end < len && body[end] != '&')
            end++;
        char *buf = malloc(end - i + 1);
        if (buf == NULL)
            return false;
        long n = wz_form_decode(body + i, end - i, buf, 1);
        bool ok = n >= 0 && wz_utf8_valid(buf, (size_t)n);
        free(buf);
        if (!ok)
            return false;
        i = end + 1;
    }
    return true;
}
