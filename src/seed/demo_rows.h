/*
 * What each demo row holds: pure functions from (seed, reference date, store number, row
 * number) to the values of one row, built on the keyed generators of fake.h. Nothing here
 * touches a database, allocates or prints, so the seeder (seed_demo.c) and the benchmark's
 * floor program (bench/seed_floor.c) write exactly the same rows, and any row can be
 * regenerated on demand instead of being kept in memory: an order copies its customer's email
 * and address and its products' SKUs, titles and prices by regenerating them.
 *
 * Row identity: store k (1-based), and within a store customer i, product i, order i
 * (1-based), team member j (0 = the owner), address a and order line l (0-based). Every value
 * comes from the stream (seed, table, row identity, field), so adding a store, raising a
 * count or adding a field never changes a row that already exists.
 */
#ifndef WZ_DEMO_ROWS_H
#define WZ_DEMO_ROWS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "seed/fake.h"

/* The per-run state: the seed, the reference time, and every column's precomputed key. */
enum wz_demo_stream {
    WZ_DS_STORE_CATEGORY,
    WZ_DS_STORE_NAME,
    WZ_DS_STORE_DESCRIPTION,
    WZ_DS_STORE_VERIFIED,
    WZ_DS_STORE_TEAM,
    WZ_DS_DOMAIN_HAS,
    WZ_DS_DOMAIN_NAME,
    WZ_DS_DOMAIN_VERIFIED,
    WZ_DS_DOMAIN_VERIFIED_AT,
    WZ_DS_THEME_PRESET,
    WZ_DS_THEME_PRIMARY,
    WZ_DS_THEME_SECONDARY,
    WZ_DS_THEME_ACCENT,
    WZ_DS_THEME_FONT,
    WZ_DS_USER_FIRST,
    WZ_DS_USER_LAST,
    WZ_DS_USER_EMAIL,
    WZ_DS_USER_ROLE,
    WZ_DS_USER_JOINED,
    WZ_DS_CUST_FIRST,
    WZ_DS_CUST_LAST,
    WZ_DS_CUST_EMAIL,
    WZ_DS_CUST_COUNTRY,
    WZ_DS_CUST_PHONE,
    WZ_DS_CUST_MARKETING,
    WZ_DS_CUST_ACTIVE,
    WZ_DS_CUST_ADDRESSES,
    WZ_DS_ADDR_STREET,
    WZ_DS_ADDR_LINE2,
    WZ_DS_PROD_TITLE,
    WZ_DS_PROD_DESCRIPTION,
    WZ_DS_PROD_PRICE,
    WZ_DS_PROD_STOCK,
    WZ_DS_PROD_STATUS,
    WZ_DS_PROD_LISTED,
    WZ_DS_MP_MARKETPLACE,
    WZ_DS_MP_STATUS,
    WZ_DS_MP_EXTERNAL_ID,
    WZ_DS_MP_LISTED_AT,
    WZ_DS_ORDER_PLACED,
    WZ_DS_ORDER_STATUS,
    WZ_DS_ORDER_CUSTOMER,
    WZ_DS_ORDER_LINES,
    WZ_DS_ITEM_PRODUCT,
    WZ_DS_ITEM_QUANTITY,
    WZ_DS_ORDER_SLOT,
    WZ_DS_ORDER_GUEST,
    WZ_DS_GUEST_FIRST,
    WZ_DS_GUEST_LAST,
    WZ_DS_GUEST_EMAIL,
    WZ_DS_GUEST_ADDRESS,
    WZ_DS_COUNT
};

struct wz_demo_gen {
    uint64_t seed;
    int64_t ref_epoch; /* the reference date at 00:00 UTC: every demo date is before it */
    char currency[4];  /* every demo store's currency (ISO 4217) */
    uint64_t keys[WZ_DS_COUNT];
};

/* Computes the keys. currency is copied (at most 3 characters). */
void wz_demo_gen_init(struct wz_demo_gen *g, uint64_t seed, int64_t ref_epoch,
                      const char *currency);

/* Orders are spread over the six months (182 days) before the reference date, more of them
 * recent than old, as in a growing shop: a tenth in the last 3 days, a fifth in the 11 before,
 * 30 % in the 46 before and 40 % earlier; between 06:00 and 22:00 UTC. */
#define WZ_DEMO_ORDER_MONTHS 6
#define WZ_DEMO_ORDER_DAYS   182
/* At most this many orders per store: each has its own time slot in the window. */
#define WZ_DEMO_MAX_ORDERS (INT64_C(1) << 20)
/* Order pricing: VAT on the subtotal at the shipping country's rate (wz_fake_vat_percent,
 * rounded half up), flat shipping under the threshold. */
#define WZ_DEMO_GUEST_PERCENT       15
#define WZ_DEMO_SHIPPING_CENTS      495
#define WZ_DEMO_FREE_SHIPPING_CENTS 5000
#define WZ_DEMO_MAX_LINES           5
#define WZ_DEMO_MAX_TEAM            4 /* owner + up to three members */

struct wz_demo_store {
    int64_t k;
    enum wz_fake_category category;
    char code[40];
    char name[96];
    char subdomain[64];
    char description[400];
    char contact_email[128];
    bool is_verified;
    int nusers; /* owner + members */
    /* theme */
    const char *preset;
    char primary[8], secondary[8], accent[8];
    const char *font_family;
    /* custom domain */
    bool has_domain;
    char domain[128];
    bool domain_verified;
    char domain_verified_at[24];
};

/* Store k: from the DEMO_STORES list for k <= its length, generated beyond. 0 or WZ_EFAIL
 * (a generated value did not fit). */
int wz_demo_store(const struct wz_demo_gen *g, int64_t k, struct wz_demo_store *out);

struct wz_demo_user {
    char email[128];
    char username[96];
    char first_name[48];
    char last_name[48];
    const char *password;
    const char *role; /* role template name */
    char joined_at[24];
};

/* Team member j of store s (0 <= j < s->nusers; 0 is the owner, storeK@example.com). */
int wz_demo_user(const struct wz_demo_gen *g, const struct wz_demo_store *s, int j,
                 struct wz_demo_user *out);

struct wz_demo_customer {
    char email[128];
    char first_name[48];
    char last_name[48];
    char phone[40];
    const char *country;
    bool accepts_marketing;
    bool is_active;
    int naddresses; /* 1 (shipping) or 2 (shipping and billing) */
};

int wz_demo_customer(const struct wz_demo_gen *g, int64_t k, int64_t i,
                     struct wz_demo_customer *out);

struct wz_demo_address {
    const char *kind; /* "shipping" (a == 0) or "billing" */
    char full_name[100];
    struct wz_fake_address addr;
    char line2[24]; /* "" for none */
    bool is_default;
};

/* Address a (0 or 1) of customer i of store k, whose row c is. */
int wz_demo_address(const struct wz_demo_gen *g, int64_t k, int64_t i,
                    const struct wz_demo_customer *c, int a, struct wz_demo_address *out);

/* The customer's shipping address as the JSON object orders keep. */
int wz_demo_address_json(const struct wz_demo_address *a, char *buf, size_t size);

struct wz_demo_product {
    char sku[64];
    char title[128];
    char description[640];
    int64_t price;
    int64_t stock;
    const char *status;
    /* the marketplace listing, when listed */
    bool listed;
    const char *marketplace;
    const char *mp_status;
    char external_id[32];
    bool has_listed_at;
    char listed_at[24];
};

/* Product i of store s. */
int wz_demo_product(const struct wz_demo_gen *g, const struct wz_demo_store *s, int64_t i,
                    struct wz_demo_product *out);
/* Single fields of product i, for order lines. */
int64_t wz_demo_product_price(const struct wz_demo_gen *g, const struct wz_demo_store *s,
                              int64_t i);
int wz_demo_product_sku(const struct wz_demo_store *s, int64_t i, char *buf, size_t size);
int wz_demo_product_title(const struct wz_demo_gen *g, const struct wz_demo_store *s, int64_t i,
                          char *buf, size_t size);

struct wz_demo_line {
    int64_t product_no;
    int64_t quantity;
    int64_t unit_price;
    int64_t line_total;
};

struct wz_demo_order {
    char number[32]; /* "ORD-<year>-<7 digits>": in the same order as placed_at within a store */
    int64_t customer_no; /* the customer; for a guest, whose country the guest ships to */
    bool guest;          /* checked out without an account: customer_id NULL */
    char customer_email[128];
    char guest_name[100]; /* a guest's "First Last"; "" for a customer */
    const char *country;  /* the shipping country */
    int vat_percent;      /* its rate: tax = subtotal x vat_percent / 100 */
    const char *status;
    int64_t placed_epoch;
    char placed_at[24];
    int nlines;
    struct wz_demo_line lines[WZ_DEMO_MAX_LINES];
    int64_t subtotal, shipping, tax, total;
};

/* Order i of store s (1 <= i <= WZ_DEMO_MAX_ORDERS), choosing among ncustomers customers and
 * nproducts products (both >= 1): distinct active products per order, a status fitting its
 * age, totals that add up (subtotal = sum of lines, total = subtotal + shipping + tax). Its
 * placed_at and number depend on (seed, reference date, store, i) only, not on the counts,
 * and the numbers of a store sort as their placed_at do. A guest order (guest) has no
 * customer row: write customer_id NULL, customer_email, and wz_demo_order_address_json. */
int wz_demo_order(const struct wz_demo_gen *g, const struct wz_demo_store *s, int64_t i,
                  int64_t ncustomers, int64_t nproducts, struct wz_demo_order *out);

/* Order o's shipping address as the JSON object orders keep: the customer's shipping address,
 * or the guest's. The length, or WZ_EFAIL. */
int wz_demo_order_address_json(const struct wz_demo_gen *g, const struct wz_demo_store *s,
                               int64_t i, const struct wz_demo_order *o, char *buf, size_t size);

/* Product i's status ("active", "draft", "archived"); product 1 of a store is always active,
 * so every order has a product to sell. */
const char *wz_demo_product_status(const struct wz_demo_gen *g, const struct wz_demo_store *s,
                                   int64_t i);

/* The Argon2id PHC hash of demo user email's password, salted with a value derived from
 * (seed, email, password): each user's hash is its own (two users with password123 do not
 * share one), and databases seeded alike hold the same hashes; wz_password_verify accepts
 * them. Costs one Argon2id computation (about 19 MiB, tens of milliseconds) per user. out must
 * hold WZ_PASSWORD_HASH_MAX bytes. 0 or a negative WZ_E* code. */
int wz_demo_user_password_hash(uint64_t seed, const char *email, const char *password, char *out,
                               struct wz_err *err);

/* The same salted from (seed, password) alone: one hash shared by every user with that
 * password. Kept for callers that hash per password, not per user. */
int wz_demo_password_hash(uint64_t seed, const char *password, char *out, struct wz_err *err);

/* Parses "YYYY-MM-DD" into the epoch of 00:00 UTC that day. 0 or -1 (not such a date). */
int wz_demo_parse_date(const char *text, int64_t *epoch);

#endif
