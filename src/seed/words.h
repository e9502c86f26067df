/*
 * The word lists behind the fake data generators (seed/fake.c), kept apart from the code so
 * that extending the vocabulary is a data edit. Internal to src/seed/: callers use fake.h.
 * Appending to a list changes which word a given draw lands on, so it changes demo data for
 * existing seeds (as any vocabulary change must); the unit tests pin a few values to notice.
 */
#ifndef WZ_WORDS_H
#define WZ_WORDS_H

#include <stddef.h>
#include <stdint.h>

/* A fixed list of strings in static storage. */
struct wz_words {
    const char *const *items;
    size_t count;
};

#define WZ_WORDS(array)                                                                            \
    {                                                                                              \
        (array), sizeof(array) / sizeof((array)[0])                                                \
    }

extern const struct wz_words wz_words_first_names;
extern const struct wz_words wz_words_last_names;
extern const struct wz_words wz_words_email_domains;
extern const struct wz_words wz_words_custom_domains;
extern const struct wz_words wz_words_store_prefixes;
extern const struct wz_words wz_words_store_templates;
extern const struct wz_words wz_words_company_words;
extern const struct wz_words wz_words_product_general;

/* The vocabulary and prices of one catalogue category (index = enum wz_fake_category). */
struct wz_words_category {
    const char *name;            /* "fashion" */
    const char *code;            /* "FAS", in SKUs */
    int64_t price_min;           /* cents, inclusive */
    int64_t price_max;           /* cents, inclusive */
    struct wz_words adjectives;  /* "Classic" */
    struct wz_words materials;   /* "Merino Wool": material or feature */
    struct wz_words nouns;       /* "Sweater" */
    struct wz_words store_words; /* "Threads", the second word of a store name */
    struct wz_words offers;      /* "everyday clothing and accessories", in store descriptions */
    struct wz_words details;     /* sentences for product descriptions */
};

extern const struct wz_words_category wz_words_categories[];
extern const size_t wz_words_category_count;

/* A city and the postcode pattern of its area. Patterns: '#' a digit 0-9, '%' a digit 1-9,
 * '@' a letter from an alphabet valid in both GB inward codes and NL postcodes; anything else
 * is literal. */
struct wz_words_city {
    const char *name;
    const char *postcode;
    const char *region; /* US state code, "" elsewhere */
};

/* Everything the address and phone generators know about one country. */
struct wz_words_country {
    const char *code; /* ISO 3166-1 alpha-2 */
    const char *name;
    unsigned weight; /* relative frequency in wz_fake_country */
    /* The street line: 'N' house number, 'S' street name, 'T' street type as listed, 'U' the
     * type with its first letter upper case; other characters are literal. */
    const char *street_format;
    unsigned max_house_number;
    struct wz_words street_names;
    struct wz_words street_types;
    const struct wz_words_city *cities;
    size_t city_count;
    struct wz_words phones; /* patterns as for postcodes ('#', '%') */
    const char *company_suffix;
};

extern const struct wz_words_country wz_words_countries[];
extern const size_t wz_words_country_count;

#endif
