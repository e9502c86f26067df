/*
 * Deterministic fake data for seed-demo. Every value comes from its own stream keyed by
 * (seed, table, row, field), so a value never depends on which other values were generated, or
 * in which order: adding a field, a table or a store later leaves every existing row unchanged,
 * and the same seed gives the same data on every machine, compiler and database backend.
 *
 * The stream algorithm is part of the contract (changing it changes every demo database; the
 * unit tests pin values): the key is hashed byte by byte with a SplitMix64 finalizer, no
 * pointer values, locale or floating point involved, and draws come from SplitMix64.
 *
 * Conventions for the generators (wz_fake_*):
 * - Random generators take a `struct wz_rng *` that the caller initialised for one
 *   (seed, table, row, field), usually the column name as field. One stream per stored column
 *   is what keeps rows stable; a generator may take several draws from its stream.
 * - Derived values (email, SKU, order number, subdomain, store code) take their inputs
 *   explicitly and are unique whenever the number `n` passed is unique (use the row).
 * - A value picked from a fixed list is returned as `const char *` to static storage: never
 *   freed, valid for the whole process.
 * - A composed value is written into the caller's buffer (buf, size): the return is its length
 *   (without the NUL), or a negative WZ_E* code. Truncation returns WZ_EFAIL and leaves ""
 *   in buf (when size > 0), never a partial value.
 * - Nothing here allocates, prints or reads global mutable state; every function is thread-safe.
 * - Names, places and titles are UTF-8 in their own spelling (José Müller, Liège, Kraków);
 *   emails, subdomains, store codes and SKUs are ASCII, transliterated from them ("jose.muller"),
 *   and emails and subdomains are lowercase.
 */
#ifndef WZ_FAKE_H
#define WZ_FAKE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- Keyed streams ---------------------------------------------------------------------- */

/* One stream of pseudo-random numbers. Plain value: copy it, keep it on the stack. */
struct wz_rng {
    uint64_t state;
};

/* Starts the stream for (seed, table, row, field). table and field are NUL-terminated byte
 * strings compared by content (NULL counts as ""). Equivalent to
 * wz_rng_init_key(r, wz_rng_key(seed, table, field), row). */
void wz_rng_init(struct wz_rng *r, uint64_t seed, const char *table, uint64_t row,
                 const char *field);

/* The hashed (seed, table, field) part of a key: compute it once per column, then start each
 * row's stream with wz_rng_init_key, which costs two multiplications instead of a string hash. */
uint64_t wz_rng_key(uint64_t seed, const char *table, const char *field);

/* Starts the stream for a precomputed key and a row. */
void wz_rng_init_key(struct wz_rng *r, uint64_t key, uint64_t row);

/* The next 64 uniformly distributed bits. */
uint64_t wz_rng_next_u64(struct wz_rng *r);

/* A uniform integer in [lo, hi], both inclusive, without modulo bias (Lemire's multiply and
 * reject). lo > hi returns lo. */
int64_t wz_rng_range(struct wz_rng *r, int64_t lo, int64_t hi);

/* True with probability percent/100 (0 never, 100 and above always). Takes one draw. */
bool wz_rng_chance(struct wz_rng *r, unsigned percent);

/* A uniform index in [0, n). n == 0 returns 0. */
size_t wz_rng_pick(struct wz_rng *r, size_t n);

/* An index in [0, n) chosen with probability weights[i] / sum(weights). All weights zero (or
 * n == 0) returns 0. */
size_t wz_rng_weighted(struct wz_rng *r, const unsigned *weights, size_t n);

/* A uniform integer in [lo, hi] from the stream (seed, table, row, field): the first draw of
 * wz_rng_range on a fresh stream. */
int64_t wz_fake_int(uint64_t seed, const char *table, uint64_t row, const char *field, int64_t lo,
                    int64_t hi);

/* ---- People ------------------------------------------------------------------------------ */

/* A first name / last name from international lists (UTF-8, may contain ' - or a space, as in
 * "Jean-Luc", "O'Brien", "de Vries", "Müller"). Static storage. */
const char *wz_fake_first_name(struct wz_rng *r);
const char *wz_fake_last_name(struct wz_rng *r);

/* "First Last" from one stream (for a contact whose parts are not stored apart). */
int wz_fake_full_name(struct wz_rng *r, char *buf, size_t size);

/* An email address built from the names, lowercase ASCII letters only from the names (accented
 * Latin letters transliterated: "Łukasz Müller" gives "lukasz", "muller"), then the
 * decimal n, then "@" and a reserved example domain (example.com, example.org, example.net,
 * mail.example.com; RFC 2606, never a real provider). The stream picks the local-part style
 * ("maria.garcia42", "mgarcia42", "garcia.maria42", ...) and the domain. Unique per store
 * whenever n is: names contribute no digits, so the trailing number always reads back as n. */
int wz_fake_email(struct wz_rng *r, const char *first, const char *last, uint64_t n, char *buf,
                  size_t size);

/* ---- Places ------------------------------------------------------------------------------ */

/* The supported countries, by ISO 3166-1 alpha-2 code: LU DE FR BE NL GB US ES CH PL. */
size_t wz_fake_country_count(void);
/* The i-th supported code, or NULL when i is out of range. */
const char *wz_fake_country_code(size_t i);
/* "Luxembourg" for "LU" (case-sensitive code), or NULL when the code is not supported. */
const char *wz_fake_country_name(const char *code);
/* A supported country code, weighted towards the platform's home market (LU, then the
 * neighbours). Static storage. */
const char *wz_fake_country(struct wz_rng *r);

/* The VAT percentage a shop in the EU (the demo stores are in Luxembourg) charges on a sale
 * shipped to country: that EU country's standard rate (LU 17, DE 19, FR 20, BE/NL/ES 21,
 * PL 23), 0 outside the EU (GB, US, CH: exports, where the store collects no VAT) and for an
 * unknown code. */
int wz_fake_vat_percent(const char *country);

struct wz_fake_address {
    char street[96];   /* house number, street name and type in the country's order */
    char postcode[16]; /* the country's format, consistent with the city */
    char city[48];
    char region[8];  /* US state code; "" elsewhere */
    char country[3]; /* ISO 3166-1 alpha-2 */
};

/* Fills *out with an address in country (a supported code): street in the local style
 * ("12 Oak Street", "Lindenstrasse 7", "8 rue de la Gare", "Calle Mayor, 3"), a city of that
 * country and a postcode in its format and range (DE/FR/US/ES 5 digits, BE 4 digits,
 * LU "L-1234", NL "1234 AB", GB "SW1A 1AB"-shaped). Returns 0, or WZ_EUSAGE for an unknown
 * country (out is then zeroed). */
int wz_fake_address(struct wz_rng *r, const char *country, struct wz_fake_address *out);

/* A phone number in international notation for the country ("+352 621 123 456",
 * "+49 151 12345678", "+44 7700 900123"); GB and US numbers come from the ranges reserved for
 * fiction. Returns the length, WZ_EUSAGE for an unknown country, or WZ_EFAIL on truncation. */
int wz_fake_phone(struct wz_rng *r, const char *country, char *buf, size_t size);

/* A company name with the country's legal suffix ("Weber & Martin S.a r.l.",
 * "Schmidt Trading GmbH"). WZ_EUSAGE for an unknown country. */
int wz_fake_company_name(struct wz_rng *r, const char *country, char *buf, size_t size);

/* ---- Catalogue --------------------------------------------------------------------------- */

/* What a store sells: decides its product titles, price range and store-name vocabulary. */
enum wz_fake_category {
    WZ_FAKE_FASHION,
    WZ_FAKE_ELECTRONICS,
    WZ_FAKE_HOME,
    WZ_FAKE_SPORTS,
    WZ_FAKE_BOOKS,
    WZ_FAKE_BEAUTY,
    WZ_FAKE_FOOD,
    WZ_FAKE_CATEGORY_COUNT
};

/* "fashion", "electronics", ... (lowercase); NULL for an out-of-range value. */
const char *wz_fake_category_name(enum wz_fake_category cat);
/* The three-letter SKU code: "FAS", "ELE", "HOM", "SPO", "BOO", "BEA", "FOO"; NULL when out of
 * range. */
const char *wz_fake_category_code(enum wz_fake_category cat);
/* The category named name (as wz_fake_category_name spells it), or -1. */
int wz_fake_category_from_name(const char *name);

/* One kind of item a category sells, with the shop price range that fits it (no earbuds at
 * 775.99, no smartwatch at 23.00) and the materials or features that suit it. */
struct wz_fake_item_type {
    const char *noun;     /* "Earbuds" */
    int64_t min_cents;    /* inclusive */
    int64_t max_cents;    /* inclusive */
    const char *features; /* '|'-separated: "Wireless|Noise-Cancelling|Sport" */
};
struct wz_fake_item_types {
    const struct wz_fake_item_type *items;
    size_t count;
};
/* THE catalogue: item types per category, index = enum wz_fake_category (data in words.c). */
extern const struct wz_fake_item_types wz_fake_catalogue[WZ_FAKE_CATEGORY_COUNT];

/* An item type of the category (an index into wz_fake_catalogue[cat]); one draw, the first of
 * the stream, so a title's stream tells its price which type it is. 0 for an out-of-range
 * category. */
size_t wz_fake_item_type(struct wz_rng *r, enum wz_fake_category cat);

/* A title for an item of that type: adjective + one of its features + its noun ("Classic
 * Merino Wool Sweater", "Compact Noise-Cancelling Earbuds"). WZ_EUSAGE for an out-of-range
 * category or type. */
int wz_fake_item_title(struct wz_rng *r, enum wz_fake_category cat, size_t type, char *buf,
                       size_t size);

/* A price in cents within the type's range, skewed towards its cheaper end and ending like a
 * shop price (.99, .95, .49, .50, .00). -1 for an out-of-range category or type. */
int64_t wz_fake_item_price_cents(struct wz_rng *r, enum wz_fake_category cat, size_t type);

/* wz_fake_item_type, then wz_fake_item_title from the same stream. */
int wz_fake_product_title(struct wz_rng *r, enum wz_fake_category cat, char *buf, size_t size);

/* Three sentences describing a product of the category (two about the category, one general). */
int wz_fake_product_description(struct wz_rng *r, enum wz_fake_category cat, char *buf,
                                size_t size);

/* "<STORECODE>-<CAT3>-<n, at least 6 digits>", e.g. "TECHHUB-ELE-000123": unique per store
 * whenever n is. store_code is copied as given. */
int wz_fake_sku(const char *store_code, enum wz_fake_category cat, uint64_t n, char *buf,
                size_t size);

/* The category's price range in minor units (cents), inclusive: the span of its item types.
 * Returns 0, or WZ_EUSAGE for an out-of-range category. */
int wz_fake_price_range(enum wz_fake_category cat, int64_t *min_cents, int64_t *max_cents);

/* A price in cents within the category's whole range, regardless of the item (use
 * wz_fake_item_price_cents for a product). Returns -1 for an out-of-range category. */
int64_t wz_fake_price_cents(struct wz_rng *r, enum wz_fake_category cat);

/* Units in stock, 0..500: about 5% sold out, 12% running low (1-9), the rest 10-500. */
int64_t wz_fake_stock(struct wz_rng *r);

/* "active" (85%), "draft" (10%) or "archived" (5%). Static storage. */
const char *wz_fake_product_status(struct wz_rng *r);

/* ---- Orders ------------------------------------------------------------------------------ */

/* A time in [now_epoch - months calendar months, now_epoch] (UTC seconds), uniform over days
 * and weighted towards shopping hours. months <= 0 returns now_epoch; months above 1200 count
 * as 1200. The caller passes now_epoch so that the data does not depend on the clock. */
int64_t wz_fake_past_epoch(struct wz_rng *r, int64_t now_epoch, int months);

/* The calendar year (UTC) of an epoch time. */
int wz_fake_epoch_year(int64_t epoch);

/* "YYYY-MM-DDTHH:MM:SSZ" (UTC) for an epoch time in years 0000..9999; WZ_EUSAGE outside. */
int wz_fake_iso8601(int64_t epoch, char *buf, size_t size);

/* An order status fitting the order's age in seconds: under a day "pending" or "paid" (a few
 * "shipped" or "cancelled"), under three days mostly "paid" or "shipped", under ten days
 * "shipped" or "delivered", older ones "delivered" with about one in seven "cancelled" or
 * "refunded"; never "pending", "paid" or "shipped" after ten days, never "delivered" or
 * "refunded" in the first day. Static storage. */
const char *wz_fake_order_status(struct wz_rng *r, int64_t age_seconds);

/* "ORD-<year>-<n, at least 6 digits>", e.g. "ORD-2026-000042": unique per store whenever n is. */
int wz_fake_order_number(int year, uint64_t n, char *buf, size_t size);

/* Lines in an order, 1..5, mostly 1 or 2. */
int wz_fake_order_item_count(struct wz_rng *r);

/* Quantity on an order line, 1..5, mostly 1. */
int wz_fake_quantity(struct wz_rng *r);

/* ---- Stores ------------------------------------------------------------------------------ */

/* A store name in the category's vocabulary ("Urban Threads", "The Copper Pantry",
 * "Garcia & Weber Books"). Not unique by itself: pair it with a number in the code and
 * subdomain. */
int wz_fake_store_name(struct wz_rng *r, enum wz_fake_category cat, char *buf, size_t size);

/* A sentence presenting the store named name and what it sells. */
int wz_fake_store_description(struct wz_rng *r, enum wz_fake_category cat, const char *name,
                              char *buf, size_t size);

/* An uppercase store code: the first letters (up to 6, A-Z only) of name after a leading
 * "The ", then n in decimal unless n == 0 ("URBANT12"); "STORE" when name has no letters.
 * Unique whenever n is. */
int wz_fake_store_code(const char *name, uint64_t n, char *buf, size_t size);

/* A DNS label from name: lowercase [a-z0-9-], words joined by single hyphens, no leading or
 * trailing hyphen, then "-<n>" unless n == 0, at most 63 characters (the name part is cut to
 * fit); "store" when name has no letters or digits. Unique whenever n is non-zero and unique. */
int wz_fake_subdomain(const char *name, uint64_t n, char *buf, size_t size);

/* "<subdomain>.example.com" (or .net/.org, picked by the stream): a custom domain that can
 * never resolve to a real shop. */
int wz_fake_custom_domain(struct wz_rng *r, const char *subdomain, char *buf, size_t size);

/* "modern", "classic" or "vibrant" (the guide's theme presets). Static storage. */
const char *wz_fake_theme_preset(struct wz_rng *r);

/* A colour "#rrggbb" (lowercase hex) suiting the preset: muted for "modern", deep traditional
 * hues for "classic", saturated for "vibrant"; anything else (or NULL) gives a balanced
 * colour. */
int wz_fake_hex_color(struct wz_rng *r, const char *preset, char *buf, size_t size);

#endif
