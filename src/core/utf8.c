/* Strict UTF-8: see utf8.h. */
#include "core/utf8.h"

const char *wz_utf8_next(const char *p, const char *end, uint32_t *cp)
{
    const unsigned char *u = (const unsigned char *)p;
    unsigned c = u[0];
    if (c < 0x80) {
        *cp = c;
        return p + 1;
    }
    size_t n = c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : c >= 0xc0 ? 1 : 0;
    if (n == 0 || c > 0xf4 || (size_t)(end - p) < n + 1)
        return NULL;
    uint32_t v = c & (0x3fu >> n);
    for (size_t k = 1; k <= n; k++) {
        if ((u[k] & 0xc0) != 0x80)
            return NULL;
        v = (v << 6) | (u[k] & 0x3f);
    }
    static const uint32_t least[] = {0, 0x80, 0x800, 0x10000};
    if (v < least[n] || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
        return NULL;
    *cp = v;
    return p + n + 1;
}

bool wz_utf8_valid(const char *s, size_t n)
{
    const char *end = s + n;
    uint32_t cp;
    while (s < end) {
        if (*s == '\0')
            return false;
        s = wz_utf8_next(s, end, &cp);
        if (s == NULL)
            return false;
    }
    return true;
}
