/*
 * Deterministic generators for the demo data (contract in fake.h). Everything is integer
 * arithmetic on fixed-width types with explicit byte order, so one seed gives the same database
 * on every platform; nothing allocates, so generating millions of rows stays cheap and flat.
 *
 * The stream key (part of the contract; the tests pin values):
 *   absorb(h, w) = mix64((h ^ w) + GOLDEN)                      mix64: SplitMix64 finalizer
 *   absorb_str(h, s) = absorb over s's bytes in little-endian 8-byte words (last word
 *                      zero-padded), then absorb(h, byte length)
 *   key   = absorb_str(absorb_str(absorb(KEY_DOMAIN, seed), table), field)
 *   state = absorb(key, row)
 * and draws are SplitMix64: state += GOLDEN; return mix64(state).
 */
#include "seed/fake.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "core/err.h"
#include "seed/words.h"

#define GOLDEN UINT64_C(0x9e3779b97f4a7c15)
#define KEY_DOMAIN                                                                                 \
    UINT64_C(0x77697a616d617274) /* "wizamart": separates our keys from plain seeds */

/* ---- Keyed streams ---------------------------------------------------------------------- */

static uint64_t mix64(uint64_t z)
{
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

/* The added constant keeps 0 from being a fixed point (mix64(0) == 0). */
static uint64_t absorb(uint64_t h, uint64_t w)
{
    return mix64((h ^ w) + GOLDEN);
}

/* Bytes are read as unsigned char and assembled little-endian by hand, so neither char
 * signedness nor host byte order can change a key; the length makes ("ab","c") differ from
 * ("a","bc"). */
static uint64_t absorb_str(uint64_t h, const char *s)
{
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    uint64_t word = 0;
    uint64_t len = 0;
    unsigned k = 0;

    for (; *p; p++) {
        word |= (uint64_t)*p << (8 * k);
        len++;
        if (++k == 8) {
            h = absorb(h, word);
            word = 0;
            k = 0;
        }
    }
    if (k > 0)
        h = absorb(h, word);
    return absorb(h, len);
}

uint64_t wz_rng_key(uint64_t seed, const char *table, const char *field)
{
    uint64_t h = absorb(KEY_DOMAIN, seed);
    h = absorb_str(h, table);
    return absorb_str(h, field);
}

void wz_rng_init_key(struct wz_rng *r, uint64_t key, uint64_t row)
{
    /* absorb is a bijection in row for a fixed key, so rows never share a starting state; a
     * plain key + row * GOLDEN would make row n+1's stream row n's shifted by one draw. */
    r->state = absorb(key, row);
}

void wz_rng_init(struct wz_rng *r, uint64_t seed, const char *table, uint64_t row,
                 const char *field)
{
    wz_rng_init_key(r, wz_rng_key(seed, table, field), row);
}

uint64_t wz_rng_next_u64(struct wz_rng *r)
{
    r->state += GOLDEN;
    return mix64(r->state);
}

/* The full 128-bit product a * b: high half returned, low half in *lo. The product is exact
 * either way, so both paths give the same draws; the portable one serves compilers without
 * __int128 (define WZ_FAKE_NO_INT128 to test it). */
static uint64_t mul_hi_lo(uint64_t a, uint64_t b, uint64_t *lo)
{
#if defined(__SIZEOF_INT128__) && !defined(WZ_FAKE_NO_INT128)
    __extension__ typedef unsigned __int128 u128;
    u128 m = (u128)a * b;
    *lo = (uint64_t)m;
    return (uint64_t)(m >> 64);
#else
    uint64_t a_lo = a & 0xffffffffu, a_hi = a >> 32;
    uint64_t b_lo = b & 0xffffffffu, b_hi = b >> 32;
    uint64_t p0 = a_lo * b_lo;
    uint64_t p1 = a_lo * b_hi;
    uint64_t p2 = a_hi * b_lo;
    uint64_t p3 = a_hi * b_hi;
    uint64_t mid = (p0 >> 32) + (p1 & 0xffffffffu) + (p2 & 0xffffffffu);

    *lo = (mid << 32) | (p0 & 0xffffffffu);
    return p3 + (p1 >> 32) + (p2 >> 32) + (mid >> 32);
#endif
}

/* Uniform in [0, s) for s > 0: Lemire, "Fast Random Integer Generation in an Interval" (2019).
 * Rejects the few low products that would make some results more likely than others. */
static uint64_t bounded(struct wz_rng *r, uint64_t s)
{
    uint64_t lo;
    uint64_t hi = mul_hi_lo(wz_rng_next_u64(r), s, &lo);

    if (lo < s) {
        uint64_t threshold = (0 - s) % s;
        while (lo < threshold)
            hi = mul_hi_lo(wz_rng_next_u64(r), s, &lo);
    }
    return hi;
}

/* Two's complement conversion without relying on implementation-defined casts. */
static int64_t u64_to_i64(uint64_t u)
{
    if (u <= (uint64_t)INT64_MAX)
        return (int64_t)u;
    return -(int64_t)(~u) - 1;
}

int64_t wz_rng_range(struct wz_rng *r, int64_t lo, int64_t hi)
{
    if (hi <= lo)
        return lo;
    uint64_t span = (uint64_t)hi - (uint64_t)lo + 1;
    if (span == 0) /* the whole int64 range */
        return u64_to_i64(wz_rng_next_u64(r));
    return u64_to_i64((uint64_t)lo + bounded(r, span));
}

bool wz_rng_chance(struct wz_rng *r, unsigned percent)
{
    return bounded(r, 100) < percent;
}

size_t wz_rng_pick(struct wz_rng *r, size_t n)
{
    if (n == 0)
        return 0;
    return (size_t)bounded(r, (uint64_t)n);
}

size_t wz_rng_weighted(struct wz_rng *r, const unsigned *weights, size_t n)
{
    uint64_t total = 0;
    for (size_t i = 0; i < n; i++)
        total += weights[i];
    if (total == 0)
        return 0;
    uint64_t x = bounded(r, total);
    for (size_t i = 0; i < n; i++) {
        if (x < weights[i])
            return i;
        x -= weights[i];
    }
    return n - 1; /* not reached: x < total */
}

int64_t wz_fake_int(uint64_t seed, const char *table, uint64_t row, const char *field, int64_t lo,
                    int64_t hi)
{
    struct wz_rng r;
    wz_rng_init(&r, seed, table, row, field);
    return wz_rng_range(&r, lo, hi);
}

/* ---- Fixed-buffer writer ---------------------------------------------------------------- */

/* Appends into the caller's buffer and remembers overflow, so composing code stays linear and
 * the single check at the end turns any truncation into WZ_EFAIL with "" in the buffer. */
struct out {
    char *buf;
    size_t size;
    size_t len;
    bool over;
};

static void out_init(struct out *o, char *buf, size_t size)
{
    o->buf = buf;
    o->size = buf ? size : 0;
    o->len = 0;
    o->over = o->size == 0;
    if (o->size > 0)
        buf[0] = '\0';
}

static void out_mem(struct out *o, const char *s, size_t n)
{
    if (o->over || n >= o->size - o->len) {
        o->over = true;
        return;
    }
    memcpy(o->buf + o->len, s, n);
    o->len += n;
    o->buf[o->len] = '\0';
}

static void out_str(struct out *o, const char *s)
{
    out_mem(o, s, strlen(s));
}

static void out_char(struct out *o, char c)
{
    out_mem(o, &c, 1);
}

/* Decimal, left-padded with zeros to at least width digits. */
static void out_uint(struct out *o, uint64_t v, int width)
{
    char digits[24];
    int n = 0;
    do {
        digits[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v > 0);
    while (n < width && n < (int)sizeof(digits))
        digits[n++] = '0';
    while (n > 0)
        out_char(o, digits[--n]);
}

static int out_done(struct out *o)
{
    if (o->over || o->len > INT_MAX) {
        if (o->size > 0)
            o->buf[0] = '\0';
        return WZ_EFAIL;
    }
    return (int)o->len;
}

static const char *pick(struct wz_rng *r, const struct wz_words *w)
{
    return w->items[wz_rng_pick(r, w->count)];
}

static bool is_lower(int c)
{
    return c >= 'a' && c <= 'z';
}

static bool is_upper(int c)
{
    return c >= 'A' && c <= 'Z';
}

static bool is_digit(int c)
{
    return c >= '0' && c <= '9';
}

/* ASCII only: the C library's tolower depends on the locale. */
static char lower(char c)
{
    return is_upper((unsigned char)c) ? (char)(c - 'A' + 'a') : c;
}

static char upper(char c)
{
    return is_lower((unsigned char)c) ? (char)(c - 'a' + 'A') : c;
}

/* Fills a pattern: '#' a digit, '%' a non-zero digit, '@' a letter; the rest is literal. */
/* The ASCII letters for the UTF-8 character at *p, which is advanced past it: the byte itself
 * when ASCII, the base letter of an accented Latin letter (U+00C0..U+017F: "é" -> "e",
 * "Ł" -> "L"; "ß", "æ", "œ" -> two letters), "" for anything else, a stray byte included. */
static const char *ascii_of(const char **p, char one[2])
{
    /* U+00C0..U+00FF and U+0100..U+017F by code point; ' ' for the two signs (x, /). */
    static const char latin1[] = "AAAAAAACEEEEIIIIDNOOOOO OUUUUYTsaaaaaaaceeeeiiiidnooooo ouuuuyty";
    static const char ext_a[] = "AaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGgGgGgHhHhIiIiIiIiIiIiJjKkkLlLlLlL"
                                "lLlNnNnNnnNnOoOoOoOoRrRrRrSsSsSsSsTtTtTtUuUuUuUuUuUuWwYyYZzZzZzs";
    _Static_assert(sizeof(latin1) == 65 && sizeof(ext_a) == 129, "one letter per code point");
    const unsigned char *u = (const unsigned char *)*p;
    one[1] = '\0';
    if (u[0] < 0x80) {
        one[0] = (char)u[0];
        *p += 1;
        return one;
    }
    if ((u[0] & 0xe0) == 0xc0 && (u[1] & 0xc0) == 0x80) {
        unsigned cp = ((unsigned)(u[0] & 0x1f) << 6) | (u[1] & 0x3f);
        *p += 2;
        switch (cp) {
        case 0xdf:
            return "ss";
        case 0xc6:
            return "AE";
        case 0xe6:
            return "ae";
        case 0x152:
            return "OE";
        case 0x153:
            return "oe";
        default:
            break;
        }
        if (cp >= 0xc0 && cp <= 0xff) {
            one[0] = latin1[cp - 0xc0];
            return one[0] == ' ' ? "" : one;
        }
        if (cp >= 0x100 && cp <= 0x17f) {
            one[0] = ext_a[cp - 0x100];
            return one;
        }
        return "";
    }
    /* a longer sequence (or a stray byte): skip the lead byte and its continuations */
    *p += 1;
    while ((**p & 0xc0) == 0x80)
        *p += 1;
    return "";
}

static void out_pattern(struct out *o, struct wz_rng *r, const char *pattern)
{
    /* Letters valid in GB inward codes (no C I K M O V) that also never make NL's banned
     * suffixes SA, SD, SS (no S). */
    static const char letters[] = "ABDEFGHJLNPQRTUWXYZ";

    for (const char *p = pattern; *p; p++) {
        if (*p == '#')
            out_char(o, (char)('0' + wz_rng_pick(r, 10)));
        else if (*p == '%')
            out_char(o, (char)('1' + wz_rng_pick(r, 9)));
        else if (*p == '@')
            out_char(o, letters[wz_rng_pick(r, sizeof(letters) - 1)]);
        else
            out_char(o, *p);
    }
}

/* ---- People ------------------------------------------------------------------------------ */

const char *wz_fake_first_name(struct wz_rng *r)
{
    return pick(r, &wz_words_first_names);
}

const char *wz_fake_last_name(struct wz_rng *r)
{
    return pick(r, &wz_words_last_names);
}

int wz_fake_full_name(struct wz_rng *r, char *buf, size_t size)
{
    struct out o;
    out_init(&o, buf, size);
    out_str(&o, wz_fake_first_name(r));
    out_char(&o, ' ');
    out_str(&o, wz_fake_last_name(r));
    return out_done(&o);
}

/* The lowercase ASCII letters of a name: "O'Brien" -> "obrien", "de Vries" -> "devries",
 * "Müller" -> "muller". At most max letters (0: all). */
static void out_letters(struct out *o, const char *name, size_t max)
{
    size_t n = 0;
    char one[2];
    for (const char *p = name ? name : ""; *p && (max == 0 || n < max);) {
        for (const char *a = ascii_of(&p, one); *a && (max == 0 || n < max); a++) {
            char c = lower(*a);
            if (is_lower((unsigned char)c)) {
                out_char(o, c);
                n++;
            }
        }
    }
}

static bool has_letter(const char *s)
{
    char one[2];
    for (const char *p = s ? s : ""; *p;) {
        for (const char *a = ascii_of(&p, one); *a; a++)
            if (is_lower((unsigned char)lower(*a)))
                return true;
    }
    return false;
}

int wz_fake_email(struct wz_rng *r, const char *first, const char *last, uint64_t n, char *buf,
                  size_t size)
{
    /* first.last, firstlast, flast, first_last, last.first, first */
    static const unsigned style_weights[] = {45, 12, 15, 10, 10, 8};
    size_t style = wz_rng_weighted(r, style_weights, sizeof(style_weights) / sizeof(unsigned));
    const char *domain = pick(r, &wz_words_email_domains);
    struct out o;

    if (!has_letter(first))
        first = "user";
    if (!has_letter(last))
        last = "demo";
    out_init(&o, buf, size);
    switch (style) {
    case 0:
        out_letters(&o, first, 0);
        out_char(&o, '.');
        out_letters(&o, last, 0);
        break;
    case 1:
        out_letters(&o, first, 0);
        out_letters(&o, last, 0);
        break;
    case 2:
        out_letters(&o, first, 1);
        out_letters(&o, last, 0);
        break;
    case 3:
        out_letters(&o, first, 0);
        out_char(&o, '_');
        out_letters(&o, last, 0);
        break;
    case 4:
        out_letters(&o, last, 0);
        out_char(&o, '.');
        out_letters(&o, first, 0);
        break;
    default:
        out_letters(&o, first, 0);
        break;
    }
    out_uint(&o, n, 0);
    out_char(&o, '@');
    out_str(&o, domain);
    return out_done(&o);
}

/* ---- Places ------------------------------------------------------------------------------ */

static const struct wz_words_country *find_country(const char *code)
{
    for (size_t i = 0; code && i < wz_words_country_count; i++) {
        if (strcmp(wz_words_countries[i].code, code) == 0)
            return &wz_words_countries[i];
    }
    return NULL;
}

size_t wz_fake_country_count(void)
{
    return wz_words_country_count;
}

const char *wz_fake_country_code(size_t i)
{
    return i < wz_words_country_count ? wz_words_countries[i].code : NULL;
}

const char *wz_fake_country_name(const char *code)
{
    const struct wz_words_country *c = find_country(code);
    return c ? c->name : NULL;
}

const char *wz_fake_country(struct wz_rng *r)
{
    unsigned weights[16];
    size_t n = wz_words_country_count < 16 ? wz_words_country_count : 16;
    for (size_t i = 0; i < n; i++)
        weights[i] = wz_words_countries[i].weight;
    return wz_words_countries[wz_rng_weighted(r, weights, n)].code;
}

int wz_fake_vat_percent(const char *country)
{
    /* The EU standard rates of the countries wz_fake_country draws (2025); the others are
     * outside the EU, so a sale there is an export without VAT. */
    static const struct {
        const char code[3];
        int percent;
    } rates[] = {{"LU", 17}, {"DE", 19}, {"FR", 20}, {"BE", 21},
                 {"NL", 21}, {"ES", 21}, {"PL", 23}};
    for (size_t i = 0; country && i < sizeof(rates) / sizeof(rates[0]); i++)
        if (strcmp(rates[i].code, country) == 0)
            return rates[i].percent;
    return 0;
}

/* Copies s into a fixed field; false when it does not fit. */
static bool copy_field(char *dst, size_t size, const char *s)
{
    size_t n = strlen(s);
    if (n >= size)
        return false;
    memcpy(dst, s, n + 1);
    return true;
}

int wz_fake_address(struct wz_rng *r, const char *country, struct wz_fake_address *out)
{
    const struct wz_words_country *c = find_country(country);
    memset(out, 0, sizeof(*out));
    if (!c)
        return WZ_EUSAGE;

    /* Low house numbers are more common than high ones: the smaller of two draws. */
    int64_t a = wz_rng_range(r, 1, c->max_house_number);
    int64_t b = wz_rng_range(r, 1, c->max_house_number);
    int64_t number = a < b ? a : b;
    const char *name = pick(r, &c->street_names);
    const char *type = pick(r, &c->street_types);
    const struct wz_words_city *city = &c->cities[wz_rng_pick(r, c->city_count)];
    struct out o;

    out_init(&o, out->street, sizeof(out->street));
    for (const char *f = c->street_format; *f; f++) {
        if (*f == 'N') {
            out_uint(&o, (uint64_t)number, 0);
        } else if (*f == 'S') {
            out_str(&o, name);
        } else if (*f == 'T') {
            out_str(&o, type);
        } else if (*f == 'U') {
            out_char(&o, upper(type[0]));
            out_str(&o, type + (type[0] ? 1 : 0));
        } else {
            out_char(&o, *f);
        }
    }
    int rc = out_done(&o);
    if (rc >= 0) {
        out_init(&o, out->postcode, sizeof(out->postcode));
        out_pattern(&o, r, city->postcode);
        rc = out_done(&o);
    }
    if (rc >= 0 && !(copy_field(out->city, sizeof(out->city), city->name) &&
                     copy_field(out->region, sizeof(out->region), city->region) &&
                     copy_field(out->country, sizeof(out->country), c->code)))
        rc = WZ_EFAIL;
    if (rc < 0) {
        memset(out, 0, sizeof(*out));
        return rc;
    }
    return 0;
}

int wz_fake_phone(struct wz_rng *r, const char *country, char *buf, size_t size)
{
    const struct wz_words_country *c = find_country(country);
    struct out o;

    out_init(&o, buf, size);
    if (!c)
        return WZ_EUSAGE;
    out_pattern(&o, r, pick(r, &c->phones));
    return out_done(&o);
}

int wz_fake_company_name(struct wz_rng *r, const char *country, char *buf, size_t size)
{
    const struct wz_words_country *c = find_country(country);
    struct out o;

    out_init(&o, buf, size);
    if (!c)
        return WZ_EUSAGE;
    const char *a = wz_fake_last_name(r);
    out_str(&o, a);
    out_char(&o, ' ');
    if (wz_rng_chance(r, 50)) {
        const char *b = wz_fake_last_name(r);
        if (strcmp(a, b) == 0) /* "Weber & Weber" reads as a typo */
            out_str(&o, pick(r, &wz_words_company_words));
        else {
            out_str(&o, "& ");
            out_str(&o, b);
        }
    } else {
        out_str(&o, pick(r, &wz_words_company_words));
    }
    out_char(&o, ' ');
    out_str(&o, c->company_suffix);
    return out_done(&o);
}

/* ---- Catalogue --------------------------------------------------------------------------- */

static const struct wz_words_category *category(enum wz_fake_category cat)
{
    if ((int)cat < 0 || (size_t)cat >= wz_words_category_count)
        return NULL;
    return &wz_words_categories[cat];
}

const char *wz_fake_category_name(enum wz_fake_category cat)
{
    const struct wz_words_category *c = category(cat);
    return c ? c->name : NULL;
}

const char *wz_fake_category_code(enum wz_fake_category cat)
{
    const struct wz_words_category *c = category(cat);
    return c ? c->code : NULL;
}

int wz_fake_category_from_name(const char *name)
{
    for (size_t i = 0; name && i < wz_words_category_count; i++) {
        if (strcmp(wz_words_categories[i].name, name) == 0)
            return (int)i;
    }
    return -1;
}

static const struct wz_fake_item_type *item_type(enum wz_fake_category cat, size_t type)
{
    if ((int)cat < 0 || (int)cat >= WZ_FAKE_CATEGORY_COUNT || type >= wz_fake_catalogue[cat].count)
        return NULL;
    return &wz_fake_catalogue[cat].items[type];
}

size_t wz_fake_item_type(struct wz_rng *r, enum wz_fake_category cat)
{
    if ((int)cat < 0 || (int)cat >= WZ_FAKE_CATEGORY_COUNT)
        return 0;
    return wz_rng_pick(r, wz_fake_catalogue[cat].count);
}

int wz_fake_item_title(struct wz_rng *r, enum wz_fake_category cat, size_t type, char *buf,
                       size_t size)
{
    const struct wz_words_category *c = category(cat);
    const struct wz_fake_item_type *t = item_type(cat, type);
    struct out o;

    out_init(&o, buf, size);
    if (!c || !t)
        return WZ_EUSAGE;
    out_str(&o, pick(r, &c->adjectives));
    out_char(&o, ' ');
    /* the k-th of the '|'-separated features */
    size_t nfeatures = 1;
    for (const char *p = t->features; *p; p++)
        nfeatures += *p == '|';
    size_t k = wz_rng_pick(r, nfeatures);
    const char *f = t->features;
    for (; k > 0; k--)
        f = strchr(f, '|') + 1;
    const char *end = strchr(f, '|');
    out_mem(&o, f, end ? (size_t)(end - f) : strlen(f));
    out_char(&o, ' ');
    out_str(&o, t->noun);
    return out_done(&o);
}

int wz_fake_product_title(struct wz_rng *r, enum wz_fake_category cat, char *buf, size_t size)
{
    size_t type = wz_fake_item_type(r, cat);
    return wz_fake_item_title(r, cat, type, buf, size);
}

int wz_fake_product_description(struct wz_rng *r, enum wz_fake_category cat, char *buf, size_t size)
{
    const struct wz_words_category *c = category(cat);
    struct out o;

    out_init(&o, buf, size);
    if (!c)
        return WZ_EUSAGE;
    /* Two different category sentences, then a general one. */
    size_t first = wz_rng_pick(r, c->details.count);
    size_t second = wz_rng_pick(r, c->details.count - 1);
    if (second >= first)
        second++;
    out_str(&o, c->details.items[first]);
    out_char(&o, ' ');
    out_str(&o, c->details.items[second]);
    out_char(&o, ' ');
    out_str(&o, pick(r, &wz_words_product_general));
    return out_done(&o);
}

int wz_fake_sku(const char *store_code, enum wz_fake_category cat, uint64_t n, char *buf,
                size_t size)
{
    const struct wz_words_category *c = category(cat);
    struct out o;

    out_init(&o, buf, size);
    if (!c)
        return WZ_EUSAGE;
    out_str(&o, store_code ? store_code : "");
    out_char(&o, '-');
    out_str(&o, c->code);
    out_char(&o, '-');
    out_uint(&o, n, 6);
    return out_done(&o);
}

int wz_fake_price_range(enum wz_fake_category cat, int64_t *min_cents, int64_t *max_cents)
{
    const struct wz_words_category *c = category(cat);
    if (!c)
        return WZ_EUSAGE;
    *min_cents = c->price_min;
    *max_cents = c->price_max;
    return 0;
}

/* A shop price in [lo, hi] cents: the smaller of two uniform draws of whole units (cheap
 * items are more common than expensive ones, without floating point, whose pow/log may differ
 * between C libraries), then a usual ending. */
static int64_t shop_price(struct wz_rng *r, int64_t lo, int64_t hi)
{
    static const unsigned ending_weights[] = {50, 15, 10, 5, 20};
    static const int64_t endings[] = {99, 95, 49, 50, 0};
    int64_t whole = INT64_MAX;
    for (int i = 0; i < 2; i++) {
        int64_t v = wz_rng_range(r, lo / 100, hi / 100);
        if (v < whole)
            whole = v;
    }
    int64_t price = whole * 100 + endings[wz_rng_weighted(r, ending_weights, 5)];
    return price < lo ? lo : price > hi ? hi : price;
}

int64_t wz_fake_price_cents(struct wz_rng *r, enum wz_fake_category cat)
{
    const struct wz_words_category *c = category(cat);
    return c ? shop_price(r, c->price_min, c->price_max) : -1;
}

int64_t wz_fake_item_price_cents(struct wz_rng *r, enum wz_fake_category cat, size_t type)
{
    const struct wz_fake_item_type *t = item_type(cat, type);
    return t ? shop_price(r, t->min_cents, t->max_cents) : -1;
}

int64_t wz_fake_stock(struct wz_rng *r)
{
    static const unsigned weights[] = {5, 12, 83};
    switch (wz_rng_weighted(r, weights, 3)) {
    case 0:
        return 0;
    case 1:
        return wz_rng_range(r, 1, 9);
    default: {
        int64_t a = wz_rng_range(r, 10, 500);
        int64_t b = wz_rng_range(r, 10, 500);
        return a < b ? a : b;
    }
    }
}

const char *wz_fake_product_status(struct wz_rng *r)
{
    static const char *const statuses[] = {"active", "draft", "archived"};
    static const unsigned weights[] = {85, 10, 5};
    return statuses[wz_rng_weighted(r, weights, 3)];
}

/* ---- Dates ------------------------------------------------------------------------------- */

/* Howard Hinnant's days_from_civil / civil_from_days: exact proleptic Gregorian arithmetic,
 * no time zone, no libc (timegm is not in C17 and gmtime_r not everywhere). */
static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

static void civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = (int64_t)yoe + era * 400 + (*m <= 2);
}

static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

static unsigned days_in_month(int64_t y, unsigned m)
{
    static const unsigned days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : days[m - 1];
}

/* The same wall time `months` calendar months earlier, the day clamped to the month's length
 * (31 March minus one month is 28/29 February). */
static int64_t months_before(int64_t epoch, int months)
{
    int64_t day = floor_div(epoch, 86400);
    int64_t secs = epoch - day * 86400;
    int64_t y;
    unsigned m, d;

    civil_from_days(day, &y, &m, &d);
    int64_t total = y * 12 + (int64_t)(m - 1) - months;
    y = floor_div(total, 12);
    m = (unsigned)(total - y * 12) + 1;
    if (d > days_in_month(y, m))
        d = days_in_month(y, m);
    return days_from_civil(y, m, d) * 86400 + secs;
}

int64_t wz_fake_past_epoch(struct wz_rng *r, int64_t now_epoch, int months)
{
    /* Relative order volume per UTC hour: quiet at night, peaks at lunch and in the evening. */
    static const unsigned hour_weights[24] = {3, 2, 1, 1, 1, 1, 2, 4,  6,  7,  8, 8,
                                              9, 9, 8, 8, 8, 8, 9, 10, 11, 10, 7, 4};
    if (months <= 0)
        return now_epoch;
    if (months > 1200)
        months = 1200;

    int64_t start = months_before(now_epoch, months);
    int64_t first_day = floor_div(start, 86400);
    int64_t last_day = floor_div(now_epoch, 86400);

    /* Rejection keeps the days uniform; only the partial first and last days reject, so a
     * window of at least a month accepts almost every try. */
    for (int tries = 0; tries < 64; tries++) {
        int64_t day = wz_rng_range(r, first_day, last_day);
        int64_t t = day * 86400 + (int64_t)wz_rng_weighted(r, hour_weights, 24) * 3600 +
                    wz_rng_range(r, 0, 3599);
        if (t >= start && t <= now_epoch)
            return t;
    }
    return wz_rng_range(r, start, now_epoch);
}

int wz_fake_epoch_year(int64_t epoch)
{
    int64_t y;
    unsigned m, d;
    civil_from_days(floor_div(epoch, 86400), &y, &m, &d);
    if (y > INT_MAX)
        return INT_MAX;
    if (y < INT_MIN)
        return INT_MIN;
    return (int)y;
}

int wz_fake_iso8601(int64_t epoch, char *buf, size_t size)
{
    /* Years 0000..9999: beyond, the four-digit form does not hold, and extreme epochs would
     * overflow the day arithmetic. */
    static const int64_t min_epoch = INT64_C(-62167219200); /* 0000-01-01T00:00:00Z */
    static const int64_t max_epoch = INT64_C(253402300799); /* 9999-12-31T23:59:59Z */
    struct out o;

    out_init(&o, buf, size);
    if (epoch < min_epoch || epoch > max_epoch)
        return WZ_EUSAGE;
    int64_t day = floor_div(epoch, 86400);
    int64_t secs = epoch - day * 86400;
    int64_t y;
    unsigned m, d;
    civil_from_days(day, &y, &m, &d);

    out_uint(&o, (uint64_t)y, 4);
    out_char(&o, '-');
    out_uint(&o, m, 2);
    out_char(&o, '-');
    out_uint(&o, d, 2);
    out_char(&o, 'T');
    out_uint(&o, (uint64_t)(secs / 3600), 2);
    out_char(&o, ':');
    out_uint(&o, (uint64_t)(secs / 60 % 60), 2);
    out_char(&o, ':');
    out_uint(&o, (uint64_t)(secs % 60), 2);
    out_char(&o, 'Z');
    return out_done(&o);
}

/* ---- Orders ------------------------------------------------------------------------------ */

const char *wz_fake_order_status(struct wz_rng *r, int64_t age_seconds)
{
    static const char *const statuses[] = {"pending",   "paid",      "shipped",
                                           "delivered", "cancelled", "refunded"};
    /* pending, paid, shipped, delivered, cancelled, refunded */
    static const unsigned day[] = {40, 45, 5, 0, 10, 0};   /* placed today */
    static const unsigned days3[] = {8, 37, 45, 0, 8, 2};  /* under three days */
    static const unsigned days10[] = {0, 4, 36, 50, 6, 4}; /* under ten days */
    static const unsigned settled[] = {0, 0, 0, 86, 7, 7}; /* older: every parcel has arrived */
    const unsigned *w = age_seconds < 86400        ? day
                        : age_seconds < 3 * 86400  ? days3
                        : age_seconds < 10 * 86400 ? days10
                                                   : settled;
    return statuses[wz_rng_weighted(r, w, 6)];
}

int wz_fake_order_number(int year, uint64_t n, char *buf, size_t size)
{
    struct out o;

    out_init(&o, buf, size);
    if (year < 0 || year > 9999)
        return WZ_EUSAGE;
    out_str(&o, "ORD-");
    out_uint(&o, (uint64_t)year, 4);
    out_char(&o, '-');
    out_uint(&o, n, 6);
    return out_done(&o);
}

int wz_fake_order_item_count(struct wz_rng *r)
{
    static const unsigned weights[] = {40, 28, 17, 10, 5};
    return (int)wz_rng_weighted(r, weights, 5) + 1;
}

int wz_fake_quantity(struct wz_rng *r)
{
    static const unsigned weights[] = {70, 18, 7, 3, 2};
    return (int)wz_rng_weighted(r, weights, 5) + 1;
}

/* ---- Stores ------------------------------------------------------------------------------ */

int wz_fake_store_name(struct wz_rng *r, enum wz_fake_category cat, char *buf, size_t size)
{
    static const unsigned style_weights[] = {70, 15, 15};
    const struct wz_words_category *c = category(cat);
    struct out o;

    out_init(&o, buf, size);
    if (!c)
        return WZ_EUSAGE;
    switch (wz_rng_weighted(r, style_weights, 3)) {
    case 0: /* Urban Threads */
        out_str(&o, pick(r, &wz_words_store_prefixes));
        break;
    case 1: /* The Copper Pantry */
        out_str(&o, "The ");
        out_str(&o, pick(r, &wz_words_store_prefixes));
        break;
    default: { /* Garcia & Weber Books */
        const char *a = wz_fake_last_name(r);
        const char *b = wz_fake_last_name(r);
        out_str(&o, a);
        if (strcmp(a, b) != 0) {
            out_str(&o, " & ");
            out_str(&o, b);
        }
        break;
    }
    }
    out_char(&o, ' ');
    out_str(&o, pick(r, &c->store_words));
    return out_done(&o);
}

int wz_fake_store_description(struct wz_rng *r, enum wz_fake_category cat, const char *name,
                              char *buf, size_t size)
{
    const struct wz_words_category *c = category(cat);
    struct out o;

    out_init(&o, buf, size);
    if (!c)
        return WZ_EUSAGE;
    const char *tpl = pick(r, &wz_words_store_templates);
    const char *what = pick(r, &c->offers);
    for (const char *p = tpl; *p; p++) {
        if (strncmp(p, "{name}", 6) == 0) {
            out_str(&o, name ? name : "");
            p += 5;
        } else if (strncmp(p, "{what}", 6) == 0) {
            out_str(&o, what);
            p += 5;
        } else {
            out_char(&o, *p);
        }
    }
    return out_done(&o);
}

int wz_fake_store_code(const char *name, uint64_t n, char *buf, size_t size)
{
    struct out o;
    size_t letters = 0;

    out_init(&o, buf, size);
    if (!name)
        name = "";
    /* "The Copper Pantry" -> "COPPER": the article would start half the codes alike. */
    if (strncmp(name, "The ", 4) == 0)
        name += 4;
    /* Letters only, so the trailing digits always read back as n. */
    char one[2];
    for (const char *p = name; *p && letters < 6;) {
        for (const char *a = ascii_of(&p, one); *a && letters < 6; a++) {
            char c = upper(*a);
            if (is_upper((unsigned char)c)) {
                out_char(&o, c);
                letters++;
            }
        }
    }
    if (letters == 0)
        out_str(&o, "STORE");
    if (n != 0)
        out_uint(&o, n, 0);
    return out_done(&o);
}

int wz_fake_subdomain(const char *name, uint64_t n, char *buf, size_t size)
{
    enum { LABEL_MAX = 63 };
    char label[LABEL_MAX + 1];
    char suffix[24];
    struct out o;
    size_t suffix_len = 0;

    if (n != 0) {
        out_init(&o, suffix, sizeof(suffix));
        out_char(&o, '-');
        out_uint(&o, n, 0);
        suffix_len = (size_t)out_done(&o); /* at most 21 characters: always fits */
    }
    size_t room = LABEL_MAX - suffix_len;
    size_t len = 0;
    bool gap = false;
    char one[2];
    bool full = false;
    for (const char *p = name ? name : ""; *p && !full;) {
        if (*p == '\'') { /* "O'Brien's" -> "obriens", not "o-brien-s" */
            p++;
            continue;
        }
        const char *a = ascii_of(&p, one);
        if (*a == '\0')
            continue; /* a character with no ASCII letter: dropped, not a word break */
        for (; *a && !full; a++) {
            char c = lower(*a);
            if (is_lower((unsigned char)c) || is_digit((unsigned char)c)) {
                if (len >= room || (gap && len > 0 && len + 1 >= room)) {
                    full = true;
                    break;
                }
                if (gap && len > 0)
                    label[len++] = '-';
                gap = false;
                label[len++] = c;
            } else {
                gap = true;
            }
        }
    }
    while (len > 0 && label[len - 1] == '-')
        len--;
    if (len == 0) {
        memcpy(label, "store", 5);
        len = 5;
    }

    out_init(&o, buf, size);
    out_mem(&o, label, len);
    if (suffix_len > 0)
        out_mem(&o, suffix, suffix_len);
    return out_done(&o);
}

int wz_fake_custom_domain(struct wz_rng *r, const char *subdomain, char *buf, size_t size)
{
    struct out o;

    out_init(&o, buf, size);
    out_str(&o, subdomain ? subdomain : "store");
    out_char(&o, '.');
    out_str(&o, pick(r, &wz_words_custom_domains));
    return out_done(&o);
}

const char *wz_fake_theme_preset(struct wz_rng *r)
{
    static const char *const presets[] = {"modern", "classic", "vibrant"};
    return presets[wz_rng_pick(r, 3)];
}

/* HSL (h degrees, s and l percent) to 8-bit RGB in integers: the same bytes everywhere. */
static void hsl_to_rgb(int h, int s, int l, unsigned rgb[3])
{
    /* Values scaled by 10000 (= 1.0). */
    int chroma = (100 - (2 * l - 100 < 0 ? 100 - 2 * l : 2 * l - 100)) * s;
    int x_part = 60 - (h % 120 - 60 < 0 ? 60 - h % 120 : h % 120 - 60);
    int x = chroma * x_part / 60;
    int m = l * 100 - chroma / 2;
    int r1 = 0, g1 = 0, b1 = 0;

    switch (h / 60) {
    case 0:
        r1 = chroma, g1 = x;
        break;
    case 1:
        r1 = x, g1 = chroma;
        break;
    case 2:
        g1 = chroma, b1 = x;
        break;
    case 3:
        g1 = x, b1 = chroma;
        break;
    case 4:
        r1 = x, b1 = chroma;
        break;
    default:
        r1 = chroma, b1 = x;
        break;
    }
    int v[3] = {r1 + m, g1 + m, b1 + m};
    for (int i = 0; i < 3; i++) {
        int c = (v[i] * 255 + 5000) / 10000;
        rgb[i] = (unsigned)(c < 0 ? 0 : c > 255 ? 255 : c);
    }
}

int wz_fake_hex_color(struct wz_rng *r, const char *preset, char *buf, size_t size)
{
    /* Navy, burgundy, forest green, old gold, chocolate: the hues of a traditional shop. */
    static const int classic_hues[] = {220, 345, 140, 45, 25};
    static const char hex[] = "0123456789abcdef";
    int h, s, l;
    unsigned rgb[3];
    struct out o;

    if (preset && strcmp(preset, "modern") == 0) {
        h = (int)wz_rng_range(r, 0, 359);
        s = (int)wz_rng_range(r, 10, 40);
        l = (int)wz_rng_range(r, 20, 45);
    } else if (preset && strcmp(preset, "classic") == 0) {
        h = classic_hues[wz_rng_pick(r, 5)] + (int)wz_rng_range(r, -8, 8);
        h = (h + 360) % 360;
        s = (int)wz_rng_range(r, 35, 65);
        l = (int)wz_rng_range(r, 18, 35);
    } else if (preset && strcmp(preset, "vibrant") == 0) {
        h = (int)wz_rng_range(r, 0, 359);
        s = (int)wz_rng_range(r, 75, 95);
        l = (int)wz_rng_range(r, 45, 58);
    } else {
        h = (int)wz_rng_range(r, 0, 359);
        s = (int)wz_rng_range(r, 35, 75);
        l = (int)wz_rng_range(r, 30, 60);
    }
    hsl_to_rgb(h, s, l, rgb);

    out_init(&o, buf, size);
    out_char(&o, '#');
    for (int i = 0; i < 3; i++) {
        out_char(&o, hex[rgb[i] >> 4]);
        out_char(&o, hex[rgb[i] & 15]);
    }
    return out_done(&o);
}
