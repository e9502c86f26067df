/*
 * The deterministic generators behind seed-demo: the same key must give the same value on every
 * run and machine (pinned values catch any change to the algorithm or the word lists), streams
 * must not influence each other, and every generated value must pass the checks a shop's own
 * validation would apply (email shape, postcode format, unique SKUs and order numbers, prices
 * in range, well-formed dates) without ever overflowing a caller's buffer.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/err.h"
#include "seed/fake.h"
#include "seed/words.h"

#define SEED UINT64_C(20260101)
#define NOW  INT64_C(1767225600) /* 2026-01-01T00:00:00Z */

static struct wz_rng rng(uint64_t seed, const char *table, uint64_t row, const char *field)
{
    struct wz_rng r;
    wz_rng_init(&r, seed, table, row, field);
    return r;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Sorts n strings in place and fails the test on the first duplicate. */
static void assert_all_distinct(char **items, size_t n)
{
    qsort(items, n, sizeof(items[0]), cmp_str);
    for (size_t i = 1; i < n; i++) {
        if (strcmp(items[i - 1], items[i]) == 0)
            fail_msg("duplicate value '%s'", items[i]);
    }
}

/* The shape of a string: digits become '9', capitals 'A', small letters 'a'. */
static void shape(const char *s, char *out, size_t size)
{
    size_t i = 0;
    for (; s[i] && i + 1 < size; i++) {
        char c = s[i];
        out[i] = c >= '0' && c <= '9'   ? '9'
                 : c >= 'A' && c <= 'Z' ? 'A'
                 : c >= 'a' && c <= 'z' ? 'a'
                                        : c;
    }
    out[i] = '\0';
}

static bool in_list(const char *s, const char *const *list)
{
    for (; *list; list++) {
        if (strcmp(s, *list) == 0)
            return true;
    }
    return false;
}

/* ---- Streams ----------------------------------------------------------------------------- */

/* Values computed by hand from the algorithm documented at the top of fake.c (an independent
 * re-implementation agreed); a change here changes every demo database ever seeded. */
static void test_pinned_stream_values(void **state)
{
    (void)state;
    struct wz_rng r;

    assert_int_equal(wz_rng_key(42, "customers", "email"), UINT64_C(0xe460776b958ceeb8));
    wz_rng_init(&r, 42, "customers", 7, "email");
    assert_int_equal(wz_rng_next_u64(&r), UINT64_C(0x5f53e15a583f82ce));
    assert_int_equal(wz_rng_next_u64(&r), UINT64_C(0xaa736cc9c93a8f7e));
}

/* Pinned generator outputs: catch a change to the word lists or the way generators draw. */
static void test_pinned_generator_values(void **state)
{
    (void)state;
    char buf[128];
    struct wz_rng r;

    r = rng(42, "customers", 1, "first_name");
    assert_string_equal(wz_fake_first_name(&r), "Nina");
    r = rng(42, "customers", 1, "last_name");
    assert_string_equal(wz_fake_last_name(&r), "Fischer");
    r = rng(42, "customers", 1, "email");
    assert_int_equal(wz_fake_email(&r, "Nina", "Fischer", 1, buf, sizeof(buf)), 30);
    assert_string_equal(buf, "fischer.nina1@mail.example.com");

    r = rng(42, "customer_addresses", 1, "country");
    assert_string_equal(wz_fake_country(&r), "LU");
    struct wz_fake_address a;
    r = rng(42, "customer_addresses", 1, "address");
    assert_int_equal(wz_fake_address(&r, "LU", &a), 0);
    assert_string_equal(a.street, "138, boulevard de Strasbourg");
    assert_string_equal(a.postcode, "L-9599");
    assert_string_equal(a.city, "Wiltz");

    r = rng(42, "products", 1, "title");
    assert_true(wz_fake_product_title(&r, WZ_FAKE_ELECTRONICS, buf, sizeof(buf)) > 0);
    assert_string_equal(buf, "Everyday Lightning Cable");

    assert_int_equal(wz_fake_int(42, "orders", 3, "total_items", 1, 1000), 822);
}

static void test_init_key_matches_init(void **state)
{
    (void)state;
    uint64_t key = wz_rng_key(SEED, "orders", "status");
    for (uint64_t row = 0; row < 1000; row++) {
        struct wz_rng a = rng(SEED, "orders", row, "status");
        struct wz_rng b;
        wz_rng_init_key(&b, key, row);
        for (int i = 0; i < 4; i++)
            assert_int_equal(wz_rng_next_u64(&a), wz_rng_next_u64(&b));
    }
}

static void test_same_key_same_values(void **state)
{
    (void)state;
    for (uint64_t row = 0; row < 100; row++) {
        struct wz_rng a = rng(SEED, "products", row, "price");
        struct wz_rng b = rng(SEED, "products", row, "price");
        for (int i = 0; i < 16; i++)
            assert_int_equal(wz_rng_next_u64(&a), wz_rng_next_u64(&b));
        assert_int_equal(wz_fake_int(SEED, "products", row, "stock", 0, 500),
                         wz_fake_int(SEED, "products", row, "stock", 0, 500));
    }
}

/* Each part of the key matters, and splitting the same bytes differently between table and
 * field is a different key. */
static void test_every_key_part_changes_the_stream(void **state)
{
    (void)state;
    struct wz_rng r = rng(SEED, "customers", 5, "email");
    uint64_t base = wz_rng_next_u64(&r);
    struct wz_rng variants[] = {
        rng(SEED + 1, "customers", 5, "email"), rng(SEED, "customer", 5, "email"),
        rng(SEED, "customers", 6, "email"),     rng(SEED, "customers", 5, "emails"),
        rng(SEED, "customers", 5, "Email"),     rng(SEED, "customersemail", 5, ""),
        rng(SEED, "", 5, "customersemail"),     rng(SEED, NULL, 5, "email"),
    };
    for (size_t i = 0; i < sizeof(variants) / sizeof(variants[0]); i++)
        assert_int_not_equal(wz_rng_next_u64(&variants[i]), base);

    /* ("ab", "c") and ("a", "bc") */
    struct wz_rng x = rng(SEED, "ab", 0, "c");
    struct wz_rng y = rng(SEED, "a", 0, "bc");
    assert_int_not_equal(wz_rng_next_u64(&x), wz_rng_next_u64(&y));

    /* an empty table with field "email" is not table "email" with an empty field */
    struct wz_rng e1 = rng(SEED, "", 0, "email");
    struct wz_rng e2 = rng(SEED, "email", 0, "");
    assert_int_not_equal(wz_rng_next_u64(&e1), wz_rng_next_u64(&e2));

    /* NULL is documented as "" */
    struct wz_rng n1 = rng(SEED, NULL, 3, NULL);
    struct wz_rng n2 = rng(SEED, "", 3, "");
    assert_int_equal(wz_rng_next_u64(&n1), wz_rng_next_u64(&n2));
}

/* Generating a row's fields in another order, or with an extra field in between, gives the
 * same values: the stability seed-demo relies on when a column is added later. */
static void test_field_order_does_not_matter(void **state)
{
    (void)state;
    for (uint64_t row = 0; row < 200; row++) {
        struct wz_rng r;
        r = rng(SEED, "customers", row, "first_name");
        const char *first_a = wz_fake_first_name(&r);
        r = rng(SEED, "customers", row, "last_name");
        const char *last_a = wz_fake_last_name(&r);
        r = rng(SEED, "customers", row, "phone");
        char phone_a[64];
        assert_true(wz_fake_phone(&r, "DE", phone_a, sizeof(phone_a)) > 0);

        r = rng(SEED, "customers", row, "phone");
        char phone_b[64];
        assert_true(wz_fake_phone(&r, "DE", phone_b, sizeof(phone_b)) > 0);
        r = rng(SEED, "customers", row, "loyalty_points"); /* a column added later */
        (void)wz_rng_range(&r, 0, 10000);
        r = rng(SEED, "customers", row, "last_name");
        const char *last_b = wz_fake_last_name(&r);
        r = rng(SEED, "customers", row, "first_name");
        const char *first_b = wz_fake_first_name(&r);

        assert_string_equal(first_a, first_b);
        assert_string_equal(last_a, last_b);
        assert_string_equal(phone_a, phone_b);
    }
}

/* Streams of neighbouring rows are not shifted copies of each other. */
static void test_neighbouring_rows_are_unrelated(void **state)
{
    (void)state;
    struct wz_rng a = rng(SEED, "orders", 10, "x");
    struct wz_rng b = rng(SEED, "orders", 11, "x");
    uint64_t va[8], vb[8];
    for (int i = 0; i < 8; i++) {
        va[i] = wz_rng_next_u64(&a);
        vb[i] = wz_rng_next_u64(&b);
    }
    for (int i = 0; i < 8; i++) {
        for (int j = 0; j < 8; j++)
            assert_int_not_equal(va[i], vb[j]);
    }
}

static void test_range_bounds(void **state)
{
    (void)state;
    struct {
        int64_t lo, hi;
    } cases[] = {
        {0, 0},
        {0, 1},
        {-5, 5},
        {1, 6},
        {-1000000, -999990},
        {0, 99},
        {INT64_MAX - 3, INT64_MAX},
        {INT64_MIN, INT64_MIN + 2},
        {INT64_MIN, INT64_MAX},
        {-1, 1},
    };
    struct wz_rng r = rng(SEED, "t", 0, "range");
    for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
        bool seen_lo = false, seen_hi = false;
        for (int i = 0; i < 5000; i++) {
            int64_t v = wz_rng_range(&r, cases[c].lo, cases[c].hi);
            assert_true(v >= cases[c].lo && v <= cases[c].hi);
            seen_lo |= v == cases[c].lo;
            seen_hi |= v == cases[c].hi;
        }
        if ((uint64_t)cases[c].hi - (uint64_t)cases[c].lo < 100) {
            assert_true(seen_lo);
            assert_true(seen_hi);
        }
    }
    assert_int_equal(wz_rng_range(&r, 7, 3), 7); /* lo > hi: documented to return lo */
    assert_int_equal(wz_rng_pick(&r, 0), 0);
    for (int i = 0; i < 1000; i++)
        assert_true(wz_rng_pick(&r, 3) < 3);
}

/* 100000 draws over 10 values: chi-square with 9 degrees of freedom stays below 27.88
 * (p = 0.001). */
static void test_range_is_uniform(void **state)
{
    (void)state;
    enum { DRAWS = 100000, BUCKETS = 10 };
    long counts[BUCKETS] = {0};
    struct wz_rng r = rng(SEED, "t", 1, "uniform");
    for (int i = 0; i < DRAWS; i++)
        counts[wz_rng_range(&r, 0, BUCKETS - 1)]++;
    double expected = (double)DRAWS / BUCKETS, chi2 = 0;
    for (int b = 0; b < BUCKETS; b++)
        chi2 += (counts[b] - expected) * (counts[b] - expected) / expected;
    if (chi2 > 27.88)
        fail_msg("chi-square %.2f over 10 buckets exceeds 27.88", chi2);
}

/* With span 3 * 2^62, plain `x % span` would put half of all draws in the lowest third (values
 * below 2^62 have two preimages); an unbiased method puts a third there. */
static void test_range_has_no_modulo_bias(void **state)
{
    (void)state;
    enum { DRAWS = 100000 };
    uint64_t span = UINT64_C(3) << 62;
    int64_t hi = (int64_t)(span - 1 - (UINT64_C(1) << 63)); /* lo = INT64_MIN */
    int64_t third = INT64_MIN + (int64_t)(UINT64_C(1) << 62);
    long low = 0;
    struct wz_rng r = rng(SEED, "t", 2, "bias");
    for (int i = 0; i < DRAWS; i++) {
        if (wz_rng_range(&r, INT64_MIN, hi) < third)
            low++;
    }
    double share = (double)low / DRAWS;
    if (share < 0.323 || share > 0.343)
        fail_msg("lowest third got %.4f of draws, expected 0.333", share);
}

static void test_chance_and_weighted(void **state)
{
    (void)state;
    struct wz_rng r = rng(SEED, "t", 3, "chance");
    long hits = 0;
    for (int i = 0; i < 100000; i++) {
        assert_false(wz_rng_chance(&r, 0));
        assert_true(wz_rng_chance(&r, 100));
        hits += wz_rng_chance(&r, 30);
    }
    if (hits < 29300 || hits > 30700)
        fail_msg("chance(30) hit %ld of 100000", hits);

    static const unsigned w[] = {0, 3, 0, 1};
    long counts[4] = {0};
    for (int i = 0; i < 40000; i++)
        counts[wz_rng_weighted(&r, w, 4)]++;
    assert_int_equal(counts[0], 0);
    assert_int_equal(counts[2], 0);
    assert_true(counts[1] > 29000 && counts[1] < 31000);
    static const unsigned zeros[] = {0, 0};
    assert_int_equal(wz_rng_weighted(&r, zeros, 2), 0);
}

/* ---- People ------------------------------------------------------------------------------ */

/* Well-formed UTF-8 (at most 4-byte sequences, no overlong 2-byte forms) without control
 * characters: what a name or a place may hold. */
static bool is_utf8_text(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        int n = *p < 0x80             ? 0
                : (*p & 0xe0) == 0xc0 ? 1
                : (*p & 0xf0) == 0xe0 ? 2
                : (*p & 0xf8) == 0xf0 ? 3
                                      : -1;
        if (n < 0 || *p < 0x20 || *p == 0x7f || *p == 0xc0 || *p == 0xc1)
            return false;
        p++;
        for (int i = 0; i < n; i++, p++)
            if ((*p & 0xc0) != 0x80)
                return false;
    }
    return true;
}

static void check_list(const struct wz_words *w, size_t min_count)
{
    assert_true(w->count >= min_count);
    char **copy = calloc(w->count, sizeof(char *));
    assert_non_null(copy);
    for (size_t i = 0; i < w->count; i++) {
        assert_true(w->items[i][0] != '\0');
        if (!is_utf8_text(w->items[i]))
            fail_msg("'%s' is not UTF-8 text", w->items[i]);
        copy[i] = (char *)w->items[i];
    }
    assert_all_distinct(copy, w->count);
    free(copy);
}

static void test_word_lists(void **state)
{
    (void)state;
    check_list(&wz_words_first_names, 150);
    check_list(&wz_words_last_names, 150);
    assert_int_equal(wz_words_category_count, WZ_FAKE_CATEGORY_COUNT);
    for (size_t i = 0; i < wz_words_category_count; i++) {
        const struct wz_words_category *c = &wz_words_categories[i];
        check_list(&c->adjectives, 5);
        /* materials and nouns belong to the item types (test_catalogue) */
        check_list(&c->store_words, 3);
        check_list(&c->offers, 2);
        check_list(&c->details, 2);
        assert_int_equal(wz_fake_category_from_name(c->name), (int)i);
        assert_string_equal(wz_fake_category_name((enum wz_fake_category)i), c->name);
        assert_int_equal(strlen(wz_fake_category_code((enum wz_fake_category)i)), 3);
    }
    assert_int_equal(wz_fake_category_from_name("weapons"), -1);
    assert_null(wz_fake_category_name(WZ_FAKE_CATEGORY_COUNT));
    for (size_t i = 0; i < wz_words_country_count; i++) {
        const struct wz_words_country *c = &wz_words_countries[i];
        check_list(&c->street_names, 5);
        check_list(&c->street_types, 1); /* Poland: "ul." alone */
        for (size_t j = 0; j < c->city_count; j++)
            assert_true(is_utf8_text(c->cities[j].name));
    }
    /* names and places keep their accents */
    static const char *const spelt[] = {"Liège", "Zürich", "Kraków", "München", NULL};
    for (int i = 0; spelt[i] != NULL; i++) {
        bool found = false;
        for (size_t c = 0; c < wz_words_country_count; c++)
            for (size_t j = 0; j < wz_words_countries[c].city_count; j++)
                found = found || !strcmp(wz_words_countries[c].cities[j].name, spelt[i]);
        if (!found)
            fail_msg("no city '%s'", spelt[i]);
    }
}

/* Accented names turn into ASCII where ASCII is needed, letter for letter. */
static void test_transliteration(void **state)
{
    (void)state;
    char buf[128];
    struct wz_rng r = rng(SEED, "customers", 1, "email");
    /* style and domain vary with the stream: look at the letters only */
    assert_true(wz_fake_email(&r, "Łukasz", "Müller-Wiśniewski", 7, buf, sizeof(buf)) > 0);
    assert_true(strstr(buf, "lukasz") != NULL || buf[0] == 'l' || strstr(buf, "muller") != NULL);
    for (const char *p = buf; *p; p++)
        assert_true((unsigned char)*p < 0x80);
    assert_int_equal(wz_fake_subdomain("Müller & Søren Straße", 4, buf, sizeof(buf)), 22);
    assert_string_equal(buf, "muller-soren-strasse-4");
    assert_int_equal(wz_fake_store_code("Ænima Café", 2, buf, sizeof(buf)), 7);
    assert_string_equal(buf, "AENIMA2");
    assert_int_equal(wz_fake_subdomain("Zoë × Łódź", 0, buf, sizeof(buf)), 8);
    assert_string_equal(buf, "zoe-lodz");
}

/* 10000 customers of one store: every email distinct, one '@', lowercase ASCII, a reserved
 * example domain, and built from the customer's own name. */
static void test_emails_unique_and_valid(void **state)
{
    (void)state;
    enum { N = 10000 };
    static const char *const domains[] = {"example.com", "example.org", "example.net",
                                          "mail.example.com", NULL};
    char **emails = calloc(N, sizeof(char *));
    assert_non_null(emails);
    for (uint64_t row = 1; row <= N; row++) {
        struct wz_rng rf = rng(SEED, "customers", row, "first_name");
        struct wz_rng rl = rng(SEED, "customers", row, "last_name");
        struct wz_rng re = rng(SEED, "customers", row, "email");
        const char *first = wz_fake_first_name(&rf);
        const char *last = wz_fake_last_name(&rl);
        char buf[128];
        int len = wz_fake_email(&re, first, last, row, buf, sizeof(buf));
        assert_int_equal(len, (int)strlen(buf));

        const char *at = strchr(buf, '@');
        assert_non_null(at);
        assert_null(strchr(at + 1, '@'));
        assert_true(at > buf);
        assert_true(in_list(at + 1, domains));
        for (const char *p = buf; p < at; p++) {
            if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '.' || *p == '_'))
                fail_msg("'%s' has '%c' in its local part", buf, *p);
        }
        assert_true(buf[0] >= 'a' && buf[0] <= 'z');
        /* the trailing number is the row */
        char number[24];
        snprintf(number, sizeof(number), "%llu@", (unsigned long long)row);
        assert_non_null(strstr(buf, number));
        /* the local part starts with the first or last name's first letter (an accented one
         * is transliterated, so only an ASCII initial is checked) */
        char f0 = (char)(first[0] | 0x20), l0 = (char)(last[0] | 0x20);
        if ((unsigned char)first[0] < 0x80 && (unsigned char)last[0] < 0x80)
            assert_true(buf[0] == f0 || buf[0] == l0);
        emails[row - 1] = strdup(buf);
        assert_non_null(emails[row - 1]);
    }
    assert_all_distinct(emails, N);
    for (int i = 0; i < N; i++)
        free(emails[i]);
    free(emails);
}

static void test_email_from_names_without_letters(void **state)
{
    (void)state;
    char buf[64];
    struct wz_rng r = rng(SEED, "customers", 1, "email");
    assert_true(wz_fake_email(&r, "", "'-", 9, buf, sizeof(buf)) > 0);
    assert_true(strncmp(buf, "user", 4) == 0 || strncmp(buf, "demo", 4) == 0 ||
                strncmp(buf, "udemo", 5) == 0);
}

static void test_full_name(void **state)
{
    (void)state;
    char buf[64];
    struct wz_rng r = rng(SEED, "stores", 1, "contact_name");
    int len = wz_fake_full_name(&r, buf, sizeof(buf));
    assert_true(len > 3);
    assert_non_null(strchr(buf, ' '));
}

/* ---- Places ------------------------------------------------------------------------------ */

static bool postcode_ok(const char *country, const char *pc)
{
    char s[32];
    shape(pc, s, sizeof(s));
    if (!strcmp(country, "DE") || !strcmp(country, "FR") || !strcmp(country, "US") ||
        !strcmp(country, "ES"))
        return !strcmp(s, "99999");
    if (!strcmp(country, "BE") || !strcmp(country, "CH"))
        return !strcmp(s, "9999") && pc[0] != '0';
    if (!strcmp(country, "PL"))
        return !strcmp(s, "99-999");
    if (!strcmp(country, "LU"))
        return !strncmp(pc, "L-", 2) && !strcmp(s, "A-9999");
    if (!strcmp(country, "NL")) {
        /* 1000-9999, two letters, never SA, SD or SS */
        return !strcmp(s, "9999 AA") && pc[0] != '0' && pc[5] != 'S';
    }
    if (!strcmp(country, "GB")) {
        static const char *const shapes[] = {"A9 9AA",  "A99 9AA",  "AA9 9AA", "AA99 9AA",
                                             "A9A 9AA", "AA9A 9AA", NULL};
        /* inward-code letters never include C I K M O V */
        const char *inward = strchr(pc, ' ');
        return in_list(s, shapes) && inward && !strpbrk(inward + 2, "CIKMOV");
    }
    return false;
}

static bool is_digit_char(char c)
{
    return c >= '0' && c <= '9';
}

/* The house number sits where the country puts it: "12 Oak Street", "Lindenstrasse 12",
 * "12 rue de la Gare", "12, rue du Fort", "Rue de la Loi 12", "Calle Mayor, 12". */
static bool street_style_ok(const char *cc, const char *street)
{
    size_t n = strlen(street);
    bool starts_number = is_digit_char(street[0]);
    bool ends_number = is_digit_char(street[n - 1]);
    bool capital_word =
        street[0] >= 'A' && street[0] <= 'Z' &&
        ((street[1] >= 'a' && street[1] <= 'z') || (unsigned char)street[1] >= 0x80);
    size_t digits = strspn(street, "0123456789");

    if (!strcmp(cc, "US") || !strcmp(cc, "GB"))
        return starts_number && street[digits] == ' ' && street[digits + 1] >= 'A' &&
               street[digits + 1] <= 'Z';
    if (!strcmp(cc, "FR"))
        return starts_number && street[digits] == ' ' && street[digits + 1] >= 'a' &&
               street[digits + 1] <= 'z';
    if (!strcmp(cc, "LU"))
        return starts_number && !strncmp(street + digits, ", ", 2);
    if (!strcmp(cc, "DE") || !strcmp(cc, "NL") || !strcmp(cc, "CH"))
        return capital_word && ends_number && !strchr(street, ',');
    if (!strcmp(cc, "PL"))
        return !strncmp(street, "ul. ", 4) && ends_number;
    if (!strcmp(cc, "BE"))
        return capital_word && ends_number && !strchr(street, ',');
    if (!strcmp(cc, "ES"))
        return capital_word && ends_number && strstr(street, ", ") != NULL;
    return false;
}

static void test_addresses_per_country(void **state)
{
    (void)state;
    assert_int_equal(wz_fake_country_count(), wz_words_country_count);
    assert_null(wz_fake_country_code(wz_words_country_count));
    for (size_t i = 0; i < wz_fake_country_count(); i++) {
        const char *cc = wz_fake_country_code(i);
        assert_non_null(wz_fake_country_name(cc));
        for (uint64_t row = 0; row < 2000; row++) {
            struct wz_rng r = rng(SEED, "customer_addresses", row, "address");
            struct wz_fake_address a;
            assert_int_equal(wz_fake_address(&r, cc, &a), 0);
            assert_string_equal(a.country, cc);
            if (!postcode_ok(cc, a.postcode))
                fail_msg("%s postcode '%s' (city %s) has the wrong format", cc, a.postcode, a.city);
            assert_true(a.city[0] != '\0');
            assert_true(strpbrk(a.street, "0123456789") != NULL);
            assert_true(strlen(a.street) > 5);
            assert_true(is_utf8_text(a.street) && is_utf8_text(a.city));
            if (!street_style_ok(cc, a.street))
                fail_msg("%s street '%s' is not in the local style", cc, a.street);
            if (!strcmp(cc, "US"))
                assert_int_equal(strlen(a.region), 2);
            else
                assert_string_equal(a.region, "");
        }
    }
}

/* A city belongs to its country: Berlin is never in France. */
static void test_city_consistent_with_country(void **state)
{
    (void)state;
    for (uint64_t row = 0; row < 3000; row++) {
        struct wz_rng r = rng(SEED, "customer_addresses", row, "address");
        struct wz_fake_address a;
        assert_int_equal(wz_fake_address(&r, "FR", &a), 0);
        assert_string_not_equal(a.city, "Berlin");
        assert_string_not_equal(a.city, "Luxembourg");
        r = rng(SEED, "customer_addresses", row, "address");
        assert_int_equal(wz_fake_address(&r, "DE", &a), 0);
        if (!strcmp(a.city, "Berlin"))
            assert_true(a.postcode[0] == '1');
        if (!strcmp(a.city, "Muenchen"))
            assert_true(!strncmp(a.postcode, "80", 2));
    }
}

static void test_unknown_country(void **state)
{
    (void)state;
    struct wz_rng r = rng(SEED, "customer_addresses", 1, "address");
    struct wz_fake_address a;
    memset(&a, 'x', sizeof(a));
    assert_int_equal(wz_fake_address(&r, "ZZ", &a), WZ_EUSAGE);
    assert_string_equal(a.street, "");
    assert_string_equal(a.country, "");
    assert_int_equal(wz_fake_address(&r, NULL, &a), WZ_EUSAGE);
    char buf[32];
    assert_int_equal(wz_fake_phone(&r, "lu", buf, sizeof(buf)), WZ_EUSAGE);
    assert_int_equal(wz_fake_company_name(&r, "XX", buf, sizeof(buf)), WZ_EUSAGE);
    assert_null(wz_fake_country_name("XX"));
}

static void test_countries_weighted_to_home_market(void **state)
{
    (void)state;
    long lu = 0, known = 0;
    for (uint64_t row = 0; row < 10000; row++) {
        struct wz_rng r = rng(SEED, "customer_addresses", row, "country");
        const char *cc = wz_fake_country(&r);
        known += wz_fake_country_name(cc) != NULL;
        lu += !strcmp(cc, "LU");
    }
    assert_int_equal(known, 10000);
    assert_true(lu > 2000 && lu < 4000); /* weight 30 of 100 */
}

static void test_phones_per_country(void **state)
{
    (void)state;
    static const struct {
        const char *cc, *prefix;
    } cases[] = {{"LU", "+352 "}, {"DE", "+49 "}, {"FR", "+33 "}, {"BE", "+32 "}, {"NL", "+31 "},
                 {"GB", "+44 "},  {"US", "+1 "},  {"ES", "+34 "}, {"CH", "+41 "}, {"PL", "+48 "}};
    /* every country has its case */
    assert_int_equal(sizeof(cases) / sizeof(cases[0]), wz_fake_country_count());
    for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
        for (uint64_t row = 0; row < 1000; row++) {
            struct wz_rng r = rng(SEED, "customers", row, "phone");
            char buf[32];
            int len = wz_fake_phone(&r, cases[c].cc, buf, sizeof(buf));
            assert_true(len >= 10);
            assert_true(!strncmp(buf, cases[c].prefix, strlen(cases[c].prefix)));
            assert_int_equal(strspn(buf + 1, "0123456789 -"), (size_t)len - 1);
            if (!strcmp(cases[c].cc, "US"))
                assert_non_null(strstr(buf, "-555-01"));
            if (!strcmp(cases[c].cc, "GB"))
                assert_true(strstr(buf, "7700 900") || strstr(buf, "20 7946 0") ||
                            strstr(buf, "161 496 0"));
        }
    }
}

static void test_company_names(void **state)
{
    (void)state;
    char buf[96];
    for (uint64_t row = 0; row < 500; row++) {
        struct wz_rng r = rng(SEED, "stores", row, "company_name");
        assert_true(wz_fake_company_name(&r, "DE", buf, sizeof(buf)) > 0);
        size_t n = strlen(buf);
        assert_true(n > 5 && !strcmp(buf + n - 5, " GmbH"));
    }
}

/* ---- Catalogue --------------------------------------------------------------------------- */

static bool ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && !strcmp(s + a - b, suffix);
}

/* A fashion store sells clothes: every title ends with one of its category's item nouns and
 * contains no noun of another category. */
static void test_titles_follow_category(void **state)
{
    (void)state;
    for (int cat = 0; cat < WZ_FAKE_CATEGORY_COUNT; cat++) {
        const struct wz_fake_item_types *types = &wz_fake_catalogue[cat];
        for (uint64_t row = 0; row < 500; row++) {
            struct wz_rng r = rng(SEED, "products", row, "title");
            char buf[128];
            assert_true(wz_fake_product_title(&r, (enum wz_fake_category)cat, buf, sizeof(buf)) >
                        0);
            bool ok = false;
            for (size_t i = 0; i < types->count; i++)
                ok |= ends_with(buf, types->items[i].noun);
            if (!ok)
                fail_msg("'%s' does not end with a %s noun", buf,
                         wz_fake_category_name((enum wz_fake_category)cat));
            if (cat == WZ_FAKE_FASHION)
                assert_null(strstr(buf, "Headphones"));
            if (cat == WZ_FAKE_ELECTRONICS)
                assert_null(strstr(buf, "Sweater"));

            r = rng(SEED, "products", row, "description");
            assert_true(
                wz_fake_product_description(&r, (enum wz_fake_category)cat, buf, sizeof(buf)) > 20);
            assert_true(ends_with(buf, "."));
        }
    }
    char buf[64];
    struct wz_rng r = rng(SEED, "products", 0, "title");
    assert_int_equal(wz_fake_product_title(&r, WZ_FAKE_CATEGORY_COUNT, buf, sizeof(buf)),
                     WZ_EUSAGE);
}

/* The catalogue: every category has item types, each with a sane price range inside the
 * category's, a noun of its own and features; an item's title names it, its prices stay in
 * its range, and the title's first draw tells the type (what keeps a product's title and
 * price in agreement). */
static void test_catalogue(void **state)
{
    (void)state;
    for (int cat = 0; cat < WZ_FAKE_CATEGORY_COUNT; cat++) {
        const struct wz_fake_item_types *types = &wz_fake_catalogue[cat];
        int64_t lo, hi;
        assert_int_equal(wz_fake_price_range((enum wz_fake_category)cat, &lo, &hi), 0);
        assert_true(types->count >= 5);
        int64_t span_lo = INT64_MAX, span_hi = 0;
        for (size_t t = 0; t < types->count; t++) {
            const struct wz_fake_item_type *it = &types->items[t];
            assert_true(it->min_cents > 0 && it->min_cents < it->max_cents);
            /* no item spans more than a factor of 25: "Earbuds" from 29 to 249, not to 1500 */
            assert_true(it->max_cents <= it->min_cents * 25);
            assert_true(it->features[0] != '\0' && strstr(it->features, "||") == NULL);
            assert_true(is_utf8_text(it->noun) && is_utf8_text(it->features));
            span_lo = it->min_cents < span_lo ? it->min_cents : span_lo;
            span_hi = it->max_cents > span_hi ? it->max_cents : span_hi;
            for (size_t u = 0; u < t; u++)
                assert_string_not_equal(types->items[u].noun, it->noun);
            for (uint64_t row = 0; row < 300; row++) {
                struct wz_rng r = rng(SEED, "products", row, "title");
                char buf[128];
                assert_true(
                    wz_fake_item_title(&r, (enum wz_fake_category)cat, t, buf, sizeof(buf)) > 0);
                assert_true(ends_with(buf, it->noun));
                r = rng(SEED, "products", row, "price_amount");
                int64_t p = wz_fake_item_price_cents(&r, (enum wz_fake_category)cat, t);
                if (p < it->min_cents || p > it->max_cents)
                    fail_msg("%s at %lld outside [%lld, %lld]", it->noun, (long long)p,
                             (long long)it->min_cents, (long long)it->max_cents);
            }
        }
        assert_int_equal(span_lo, lo);
        assert_int_equal(span_hi, hi);
        for (uint64_t row = 0; row < 300; row++) {
            struct wz_rng a = rng(SEED, "products", row, "title");
            struct wz_rng b = rng(SEED, "products", row, "title");
            size_t t = wz_fake_item_type(&a, (enum wz_fake_category)cat);
            char buf[128];
            assert_true(wz_fake_product_title(&b, (enum wz_fake_category)cat, buf, sizeof(buf)) >
                        0);
            assert_true(ends_with(buf, types->items[t].noun));
        }
        char buf[32];
        struct wz_rng r = rng(SEED, "products", 0, "title");
        assert_int_equal(
            wz_fake_item_title(&r, (enum wz_fake_category)cat, types->count, buf, sizeof(buf)),
            WZ_EUSAGE);
        assert_int_equal(wz_fake_item_price_cents(&r, (enum wz_fake_category)cat, types->count),
                         -1);
    }
}

/* Tax by the shipping country: the EU rates, nothing on exports. */
static void test_vat_rates(void **state)
{
    (void)state;
    assert_int_equal(wz_fake_vat_percent("LU"), 17);
    assert_int_equal(wz_fake_vat_percent("DE"), 19);
    assert_int_equal(wz_fake_vat_percent("PL"), 23);
    assert_int_equal(wz_fake_vat_percent("US"), 0);
    assert_int_equal(wz_fake_vat_percent("GB"), 0);
    assert_int_equal(wz_fake_vat_percent("CH"), 0);
    assert_int_equal(wz_fake_vat_percent("XX"), 0);
    assert_int_equal(wz_fake_vat_percent(NULL), 0);
    for (size_t i = 0; i < wz_fake_country_count(); i++) {
        int v = wz_fake_vat_percent(wz_fake_country_code(i));
        assert_true(v == 0 || (v >= 15 && v <= 27)); /* the EU's standard rates */
    }
}

static void test_skus_unique_and_shaped(void **state)
{
    (void)state;
    enum { N = 10000 };
    char **skus = calloc(N, sizeof(char *));
    assert_non_null(skus);
    for (uint64_t row = 1; row <= N; row++) {
        char buf[64], s[64];
        assert_int_equal(wz_fake_sku("TECHHUB", WZ_FAKE_ELECTRONICS, row, buf, sizeof(buf)), 18);
        assert_true(!strncmp(buf, "TECHHUB-ELE-", 12));
        shape(buf + 12, s, sizeof(s));
        assert_string_equal(s, "999999");
        assert_int_equal(strtoull(buf + 12, NULL, 10), row);
        skus[row - 1] = strdup(buf);
        assert_non_null(skus[row - 1]);
    }
    assert_all_distinct(skus, N);
    for (int i = 0; i < N; i++)
        free(skus[i]);
    free(skus);

    char buf[64];
    assert_int_equal(wz_fake_sku("FASHION", WZ_FAKE_FASHION, 1234567, buf, sizeof(buf)), 19);
    assert_string_equal(buf, "FASHION-FAS-1234567");
}

static void test_prices_within_category_range(void **state)
{
    (void)state;
    for (int cat = 0; cat < WZ_FAKE_CATEGORY_COUNT; cat++) {
        int64_t lo, hi;
        assert_int_equal(wz_fake_price_range((enum wz_fake_category)cat, &lo, &hi), 0);
        assert_true(lo > 0 && lo < hi);
        int64_t sum = 0;
        for (uint64_t row = 0; row < 10000; row++) {
            struct wz_rng r = rng(SEED, "products", row, "price");
            int64_t p = wz_fake_price_cents(&r, (enum wz_fake_category)cat);
            if (p < lo || p > hi)
                fail_msg("price %lld outside [%lld, %lld]", (long long)p, (long long)lo,
                         (long long)hi);
            int64_t cents = p % 100;
            assert_true(cents == 99 || cents == 95 || cents == 49 || cents == 50 || cents == 0);
            sum += p;
        }
        /* skewed towards cheap: the mean sits in the lower half of the range */
        assert_true(sum / 10000 < lo + (hi - lo) / 2);
    }
    int64_t lo, hi;
    assert_int_equal(wz_fake_price_range(WZ_FAKE_CATEGORY_COUNT, &lo, &hi), WZ_EUSAGE);
    struct wz_rng r = rng(SEED, "products", 0, "price");
    assert_int_equal(wz_fake_price_cents(&r, WZ_FAKE_CATEGORY_COUNT), -1);
}

static void test_stock_status_quantities(void **state)
{
    (void)state;
    static const char *const statuses[] = {"active", "draft", "archived", NULL};
    long active = 0, zero = 0;
    for (uint64_t row = 0; row < 10000; row++) {
        struct wz_rng r = rng(SEED, "products", row, "stock");
        int64_t stock = wz_fake_stock(&r);
        assert_true(stock >= 0 && stock <= 500);
        zero += stock == 0;
        r = rng(SEED, "products", row, "status");
        const char *s = wz_fake_product_status(&r);
        assert_true(in_list(s, statuses));
        active += !strcmp(s, "active");
        r = rng(SEED, "order_items", row, "quantity");
        int q = wz_fake_quantity(&r);
        assert_true(q >= 1 && q <= 5);
        r = rng(SEED, "orders", row, "item_count");
        int n = wz_fake_order_item_count(&r);
        assert_true(n >= 1 && n <= 5);
    }
    assert_true(active > 8000 && active < 9000);
    assert_true(zero > 300 && zero < 700);
}

/* ---- Orders ------------------------------------------------------------------------------ */

static int64_t to_epoch(int y, int mo, int d, int h, int mi, int s)
{
    struct tm tm = {.tm_year = y - 1900,
                    .tm_mon = mo - 1,
                    .tm_mday = d,
                    .tm_hour = h,
                    .tm_min = mi,
                    .tm_sec = s};
    return (int64_t)timegm(&tm);
}

/* gmtime_r is the oracle for the library's own calendar arithmetic. */
static void expected_iso(int64_t epoch, char *buf, size_t size)
{
    time_t t = (time_t)epoch;
    struct tm tm;
    assert_non_null(gmtime_r(&t, &tm));
    char tmp[96]; /* room for any int values, so the compiler sees no truncation */
    snprintf(tmp, sizeof(tmp), "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900, tm.tm_mon + 1,
             tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
    assert_true(strlen(tmp) < size);
    memcpy(buf, tmp, strlen(tmp) + 1);
}

static void test_iso8601(void **state)
{
    (void)state;
    char buf[32], want[32];
    assert_int_equal(wz_fake_iso8601(0, buf, sizeof(buf)), 20);
    assert_string_equal(buf, "1970-01-01T00:00:00Z");
    assert_int_equal(wz_fake_iso8601(-1, buf, sizeof(buf)), 20);
    assert_string_equal(buf, "1969-12-31T23:59:59Z");
    assert_int_equal(wz_fake_iso8601(951782400, buf, sizeof(buf)), 20);
    assert_string_equal(buf, "2000-02-29T00:00:00Z");
    assert_int_equal(wz_fake_iso8601(NOW, buf, sizeof(buf)), 20);
    assert_string_equal(buf, "2026-01-01T00:00:00Z");
    assert_int_equal(wz_fake_iso8601(INT64_C(253402300799), buf, sizeof(buf)), 20);
    assert_string_equal(buf, "9999-12-31T23:59:59Z");
    assert_int_equal(wz_fake_iso8601(INT64_C(253402300800), buf, sizeof(buf)), WZ_EUSAGE);
    assert_int_equal(wz_fake_iso8601(INT64_C(-62167219201), buf, sizeof(buf)), WZ_EUSAGE);
    assert_int_equal(wz_fake_iso8601(INT64_MIN, buf, sizeof(buf)), WZ_EUSAGE);

    struct wz_rng r = rng(SEED, "t", 4, "epochs");
    for (int i = 0; i < 20000; i++) {
        int64_t e = wz_rng_range(&r, INT64_C(-62167219200), INT64_C(253402300799));
        assert_int_equal(wz_fake_iso8601(e, buf, sizeof(buf)), 20);
        expected_iso(e, want, sizeof(want));
        assert_string_equal(buf, want);
        assert_int_equal(wz_fake_epoch_year(e), atoi(want));
    }
}

/* Orders fall in the last N calendar months before the caller's "now", are well-formed, and
 * use the whole window. */
static void test_order_dates_within_window(void **state)
{
    (void)state;
    static const struct {
        int64_t now;
        int months;
        int64_t start;
    } cases[] = {
        {NOW, 6, INT64_C(1751328000)},                  /* 2025-07-01 */
        {INT64_C(1711886400), 1, INT64_C(1709208000)},  /* 2024-03-31T12:00 -> 2024-02-29T12:00 */
        {INT64_C(1704067199), 12, INT64_C(1672531199)}, /* 2023-12-31T23:59:59 -> 2022-... */
    };
    assert_int_equal(cases[1].now, to_epoch(2024, 3, 31, 12, 0, 0));
    assert_int_equal(cases[1].start, to_epoch(2024, 2, 29, 12, 0, 0));
    assert_int_equal(cases[2].start, to_epoch(2022, 12, 31, 23, 59, 59));
    assert_int_equal(cases[0].start, to_epoch(2025, 7, 1, 0, 0, 0));

    for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
        int64_t min = INT64_MAX, max = INT64_MIN;
        long night = 0;
        for (uint64_t row = 0; row < 10000; row++) {
            struct wz_rng r = rng(SEED, "orders", row, "created_at");
            int64_t t = wz_fake_past_epoch(&r, cases[c].now, cases[c].months);
            if (t < cases[c].start || t > cases[c].now)
                fail_msg("order time %lld outside [%lld, %lld]", (long long)t,
                         (long long)cases[c].start, (long long)cases[c].now);
            min = t < min ? t : min;
            max = t > max ? t : max;
            char buf[32], want[32];
            assert_int_equal(wz_fake_iso8601(t, buf, sizeof(buf)), 20);
            expected_iso(t, want, sizeof(want));
            assert_string_equal(buf, want);
            int hour = atoi(buf + 11);
            night += hour >= 2 && hour < 6;
        }
        int64_t window = cases[c].now - cases[c].start;
        assert_true(min - cases[c].start < window / 20);
        assert_true(cases[c].now - max < window / 20);
        assert_true(night < 10000 / 24 * 4 / 2); /* quieter than uniform at night */
    }
    struct wz_rng r = rng(SEED, "orders", 1, "created_at");
    assert_int_equal(wz_fake_past_epoch(&r, NOW, 0), NOW);
}

static void test_order_status_by_age(void **state)
{
    (void)state;
    static const char *const statuses[] = {"pending",   "paid",     "shipped", "delivered",
                                           "cancelled", "refunded", NULL};
    long delivered_old = 0, delivered_fresh = 0, pending_fresh = 0;
    for (uint64_t row = 0; row < 10000; row++) {
        struct wz_rng r = rng(SEED, "orders", row, "status");
        const char *s = wz_fake_order_status(&r, 90 * 86400);
        assert_true(in_list(s, statuses));
        delivered_old += !strcmp(s, "delivered");
        r = rng(SEED, "orders", row, "status");
        s = wz_fake_order_status(&r, 3600);
        assert_true(in_list(s, statuses));
        delivered_fresh += !strcmp(s, "delivered");
        pending_fresh += !strcmp(s, "pending");
    }
    assert_true(delivered_old > 7500);
    assert_int_equal(delivered_fresh, 0);
    assert_true(pending_fresh > 3000);
    /* settled orders are never still open; fresh ones never refunded */
    for (uint64_t row = 0; row < 10000; row++) {
        struct wz_rng r = rng(SEED, "orders", row, "status");
        const char *s = wz_fake_order_status(&r, 11 * 86400);
        assert_true(!strcmp(s, "delivered") || !strcmp(s, "cancelled") || !strcmp(s, "refunded"));
        r = rng(SEED, "orders", row, "status");
        s = wz_fake_order_status(&r, 3600);
        assert_true(strcmp(s, "refunded") != 0);
    }
}

static void test_order_numbers_unique_and_shaped(void **state)
{
    (void)state;
    enum { N = 10000 };
    char **numbers = calloc(N, sizeof(char *));
    assert_non_null(numbers);
    for (uint64_t row = 1; row <= N; row++) {
        struct wz_rng r = rng(SEED, "orders", row, "created_at");
        int year = wz_fake_epoch_year(wz_fake_past_epoch(&r, NOW, 12));
        char buf[32], s[32];
        assert_int_equal(wz_fake_order_number(year, row, buf, sizeof(buf)), 15);
        shape(buf, s, sizeof(s));
        assert_string_equal(s, "AAA-9999-999999");
        assert_true(!strncmp(buf, "ORD-2025-", 9) || !strncmp(buf, "ORD-2026-", 9));
        numbers[row - 1] = strdup(buf);
        assert_non_null(numbers[row - 1]);
    }
    assert_all_distinct(numbers, N);
    for (int i = 0; i < N; i++)
        free(numbers[i]);
    free(numbers);

    char buf[32];
    assert_int_equal(wz_fake_order_number(2026, 42, buf, sizeof(buf)), 15);
    assert_string_equal(buf, "ORD-2026-000042");
    assert_int_equal(wz_fake_order_number(10000, 1, buf, sizeof(buf)), WZ_EUSAGE);
}

/* ---- Stores ------------------------------------------------------------------------------ */

static bool valid_label(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > 63 || s[0] == '-' || s[n - 1] == '-' || strstr(s, "--"))
        return false;
    return strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-") == n;
}

static void test_subdomains(void **state)
{
    (void)state;
    char buf[80];
    assert_int_equal(wz_fake_subdomain("Your Shop Name", 0, buf, sizeof(buf)), 14);
    assert_string_equal(buf, "your-shop-name");
    assert_true(wz_fake_subdomain("  Oak & Ivy -- Home!! ", 7, buf, sizeof(buf)) > 0);
    assert_string_equal(buf, "oak-ivy-home-7");
    assert_true(wz_fake_subdomain("O'Brien's Books", 0, buf, sizeof(buf)) > 0);
    assert_string_equal(buf, "obriens-books");
    assert_true(wz_fake_subdomain("!!!", 3, buf, sizeof(buf)) > 0);
    assert_string_equal(buf, "store-3");
    assert_true(wz_fake_subdomain("Caf\xc3\xa9 Lumi\xc3\xa8re", 0, buf, sizeof(buf)) > 0);
    assert_true(valid_label(buf));
    /* a long name is cut to leave room for the suffix, never to 64+ characters */
    char longname[200];
    for (int i = 0; i < 199; i++)
        longname[i] = i % 10 == 9 ? ' ' : 'a';
    longname[199] = '\0';
    assert_true(wz_fake_subdomain(longname, 123456, buf, sizeof(buf)) > 0);
    assert_true(valid_label(buf));
    assert_true(ends_with(buf, "-123456"));
    assert_int_equal(strlen(buf), 63);

    enum { N = 2000 };
    char **labels = calloc(N, sizeof(char *));
    assert_non_null(labels);
    for (uint64_t row = 1; row <= N; row++) {
        struct wz_rng r = rng(SEED, "stores", row, "name");
        char name[96];
        assert_true(wz_fake_store_name(&r, (enum wz_fake_category)(row % WZ_FAKE_CATEGORY_COUNT),
                                       name, sizeof(name)) > 0);
        assert_true(wz_fake_subdomain(name, row, buf, sizeof(buf)) > 0);
        if (!valid_label(buf))
            fail_msg("'%s' from '%s' is not a valid DNS label", buf, name);
        labels[row - 1] = strdup(buf);
        assert_non_null(labels[row - 1]);

        char code[32];
        assert_true(wz_fake_store_code(name, row, code, sizeof(code)) > 0);
        assert_int_equal(strspn(code, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"), strlen(code));
        assert_true(strncmp(code, "THE", 3) != 0 || strncmp(name, "The ", 4) != 0);

        char domain[128];
        r = rng(SEED, "stores", row, "custom_domain");
        assert_true(wz_fake_custom_domain(&r, buf, domain, sizeof(domain)) > 0);
        assert_true(ends_with(domain, ".example.com") || ends_with(domain, ".example.net") ||
                    ends_with(domain, ".example.org"));

        char desc[256];
        r = rng(SEED, "stores", row, "description");
        assert_true(wz_fake_store_description(&r,
                                              (enum wz_fake_category)(row % WZ_FAKE_CATEGORY_COUNT),
                                              name, desc, sizeof(desc)) > 0);
        assert_non_null(strstr(desc, name));
        assert_null(strchr(desc, '{'));
    }
    assert_all_distinct(labels, N);
    for (int i = 0; i < N; i++)
        free(labels[i]);
    free(labels);
}

static void test_store_codes(void **state)
{
    (void)state;
    char buf[32];
    assert_true(wz_fake_store_code("The Copper Pantry", 12, buf, sizeof(buf)) > 0);
    assert_string_equal(buf, "COPPER12");
    assert_true(wz_fake_store_code("Tech Hub 2000", 0, buf, sizeof(buf)) > 0);
    assert_string_equal(buf, "TECHHU");
    assert_true(wz_fake_store_code("123", 4, buf, sizeof(buf)) > 0);
    assert_string_equal(buf, "STORE4");
    /* "AB" + 12 and "AB1" + 2 cannot collide: digits never come from the name */
    char other[32];
    assert_true(wz_fake_store_code("AB", 12, buf, sizeof(buf)) > 0);
    assert_true(wz_fake_store_code("AB1", 2, other, sizeof(other)) > 0);
    assert_string_not_equal(buf, other);
}

static void channels(const char *hex, int rgb[3])
{
    for (int i = 0; i < 3; i++) {
        char part[3] = {hex[1 + 2 * i], hex[2 + 2 * i], '\0'};
        rgb[i] = (int)strtol(part, NULL, 16);
    }
}

static int spread(const int rgb[3])
{
    int mx = rgb[0], mn = rgb[0];
    for (int i = 1; i < 3; i++) {
        mx = rgb[i] > mx ? rgb[i] : mx;
        mn = rgb[i] < mn ? rgb[i] : mn;
    }
    return mx - mn;
}

static void test_hex_colors(void **state)
{
    (void)state;
    static const char *const presets[] = {"modern", "classic", "vibrant", NULL};
    long total_spread[4] = {0};
    for (uint64_t row = 0; row < 2000; row++) {
        struct wz_rng r = rng(SEED, "store_themes", row, "theme_preset");
        assert_true(in_list(wz_fake_theme_preset(&r), presets));
        for (int p = 0; p < 4; p++) {
            char buf[16];
            r = rng(SEED, "store_themes", row, "primary_color");
            assert_int_equal(wz_fake_hex_color(&r, presets[p], buf, sizeof(buf)), 7);
            assert_int_equal(buf[0], '#');
            assert_int_equal(strspn(buf + 1, "0123456789abcdef"), 6);
            int rgb[3];
            channels(buf, rgb);
            total_spread[p] += spread(rgb);
        }
    }
    /* vibrant colours are far more saturated than modern ones */
    assert_true(total_spread[2] / 2000 > 150);
    assert_true(total_spread[0] / 2000 < 70);
}

/* ---- Buffers ----------------------------------------------------------------------------- */

typedef int (*gen_fn)(char *buf, size_t size);

static int gen_full_name(char *buf, size_t size)
{
    struct wz_rng r = rng(1, "t", 1, "name");
    return wz_fake_full_name(&r, buf, size);
}
static int gen_email(char *buf, size_t size)
{
    struct wz_rng r = rng(1, "t", 1, "email");
    return wz_fake_email(&r, "Anne-Marie", "de Vries", 12345, buf, size);
}
static int gen_phone(char *buf, size_t size)
{
    struct wz_rng r = rng(1, "t", 1, "phone");
    return wz_fake_phone(&r, "LU", buf, size);
}
static int gen_company(char *buf, size_t size)
{
    struct wz_rng r = rng(1, "t", 1, "company");
    return wz_fake_company_name(&r, "NL", buf, size);
}
static int gen_title(char *buf, size_t size)
{
    struct wz_rng r = rng(1, "t", 1, "title");
    return wz_fake_product_title(&r, WZ_FAKE_BOOKS, buf, size);
}
static int gen_description(char *buf, size_t size)
{
    struct wz_rng r = rng(1, "t", 1, "description");
    return wz_fake_product_description(&r, WZ_FAKE_HOME, buf, size);
}
static int gen_sku(char *buf, size_t size)
{
    return wz_fake_sku("SHOP", WZ_FAKE_FOOD, 77, buf, size);
}
static int gen_iso(char *buf, size_t size)
{
    return wz_fake_iso8601(NOW, buf, size);
}
static int gen_order_number(char *buf, size_t size)
{
    return wz_fake_order_number(2026, 42, buf, size);
}
static int gen_store_name(char *buf, size_t size)
{
    struct wz_rng r = rng(1, "t", 1, "store");
    return wz_fake_store_name(&r, WZ_FAKE_SPORTS, buf, size);
}
static int gen_store_description(char *buf, size_t size)
{
    struct wz_rng r = rng(1, "t", 1, "store_description");
    return wz_fake_store_description(&r, WZ_FAKE_BEAUTY, "Glow Up", buf, size);
}
static int gen_store_code(char *buf, size_t size)
{
    return wz_fake_store_code("Urban Threads", 9, buf, size);
}
static int gen_subdomain(char *buf, size_t size)
{
    return wz_fake_subdomain("Urban Threads", 9, buf, size);
}
static int gen_custom_domain(char *buf, size_t size)
{
    struct wz_rng r = rng(1, "t", 1, "domain");
    return wz_fake_custom_domain(&r, "urban-threads-9", buf, size);
}
static int gen_color(char *buf, size_t size)
{
    struct wz_rng r = rng(1, "t", 1, "color");
    return wz_fake_hex_color(&r, "classic", buf, size);
}

/* Every size from 0 to the value's length fails with WZ_EFAIL, leaves "" and writes nothing
 * past the buffer; one more byte succeeds with the full value. */
static void test_truncation_is_an_error(void **state)
{
    (void)state;
    static const gen_fn gens[] = {
        gen_full_name,         gen_email,      gen_phone,     gen_company,       gen_title,
        gen_description,       gen_sku,        gen_iso,       gen_order_number,  gen_store_name,
        gen_store_description, gen_store_code, gen_subdomain, gen_custom_domain, gen_color};
    for (size_t g = 0; g < sizeof(gens) / sizeof(gens[0]); g++) {
        char full[512];
        int len = gens[g](full, sizeof(full));
        assert_true(len > 0);
        assert_int_equal(len, (int)strlen(full));
        for (size_t size = 0; size <= (size_t)len + 1; size++) {
            char area[520];
            memset(area, '#', sizeof(area));
            int rc = gens[g](area, size);
            if (size <= (size_t)len) {
                assert_int_equal(rc, WZ_EFAIL);
                if (size > 0)
                    assert_int_equal(area[0], '\0');
            } else {
                assert_int_equal(rc, len);
                assert_string_equal(area, full);
            }
            for (size_t i = size; i < sizeof(area); i++)
                assert_int_equal(area[i], '#');
        }
        assert_int_equal(gens[g](NULL, 0), WZ_EFAIL);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pinned_stream_values),
        cmocka_unit_test(test_pinned_generator_values),
        cmocka_unit_test(test_init_key_matches_init),
        cmocka_unit_test(test_same_key_same_values),
        cmocka_unit_test(test_every_key_part_changes_the_stream),
        cmocka_unit_test(test_field_order_does_not_matter),
        cmocka_unit_test(test_neighbouring_rows_are_unrelated),
        cmocka_unit_test(test_range_bounds),
        cmocka_unit_test(test_range_is_uniform),
        cmocka_unit_test(test_range_has_no_modulo_bias),
        cmocka_unit_test(test_chance_and_weighted),
        cmocka_unit_test(test_word_lists),
        cmocka_unit_test(test_emails_unique_and_valid),
        cmocka_unit_test(test_email_from_names_without_letters),
        cmocka_unit_test(test_full_name),
        cmocka_unit_test(test_addresses_per_country),
        cmocka_unit_test(test_city_consistent_with_country),
        cmocka_unit_test(test_unknown_country),
        cmocka_unit_test(test_countries_weighted_to_home_market),
        cmocka_unit_test(test_phones_per_country),
        cmocka_unit_test(test_company_names),
        cmocka_unit_test(test_titles_follow_category),
        cmocka_unit_test(test_skus_unique_and_shaped),
        cmocka_unit_test(test_prices_within_category_range),
        cmocka_unit_test(test_catalogue),
        cmocka_unit_test(test_vat_rates),
        cmocka_unit_test(test_transliteration),
        cmocka_unit_test(test_stock_status_quantities),
        cmocka_unit_test(test_iso8601),
        cmocka_unit_test(test_order_dates_within_window),
        cmocka_unit_test(test_order_status_by_age),
        cmocka_unit_test(test_order_numbers_unique_and_shaped),
        cmocka_unit_test(test_subdomains),
        cmocka_unit_test(test_store_codes),
        cmocka_unit_test(test_hex_colors),
        cmocka_unit_test(test_truncation_is_an_error),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
