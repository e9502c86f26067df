/*
 * A store's catalog: list, read, create, change and archive products, and the public
 * catalog of a store's active products. The rules of a product live here once (the API and
 * the store panel both call these): SKU format and uniqueness per store, title and
 * description lengths, money as integer cents with an ISO 4217 code (the store's default
 * currency when none is given), stock and status. Return codes: platform/tenant.h.
 */
#ifndef WZ_PLATFORM_CATALOG_H
#define WZ_PLATFORM_CATALOG_H

#include <stdbool.h>
#include <stdint.h>

#include "platform/tenant.h"

#define WZ_PRODUCT_SKU_MAX         64
#define WZ_PRODUCT_TITLE_MAX       200                   /* characters */
#define WZ_PRODUCT_DESCRIPTION_MAX 5000                  /* characters */
#define WZ_PRODUCT_PRICE_MAX       INT64_C(100000000000) /* cents */
#define WZ_PRODUCT_STOCK_MAX       INT64_C(1000000000)

struct wz_product {
    int64_t id;
    const char *sku;
    const char *title;
    const char *description; /* NULL when none */
    int64_t price_amount;    /* cents */
    const char *currency;
    int64_t stock_quantity;
    const char *status; /* draft, active, archived */
    const char *created_at;
    const char *updated_at;
};
typedef int (*wz_product_fn)(void *ctx, const struct wz_product *p);

/* True for draft, active and archived. */
bool wz_product_status_valid(const char *status);

/* filter->q searches title and SKU; filter->status must be valid or NULL. */
int wz_products_list(struct wz_db *db, int64_t store_id, const struct wz_list_filter *filter,
                     wz_product_fn fn, void *ctx, bool *more, struct wz_err *err);
int wz_product_get(struct wz_db *db, int64_t store_id, int64_t id, wz_product_fn fn, void *ctx,
                   struct wz_err *err);

/* A product's fields as given; NULL strings and has_* false are "not given". */
struct wz_product_input {
    const char *sku;
    const char *title;
    const char *description; /* "" clears it */
    const char *currency;
    const char *status;
    bool has_price;
    int64_t price_amount;
    bool has_stock;
    int64_t stock_quantity;
};

/* Field names are the API's: sku, title, description, price_amount, currency,
 * stock_quantity, status. Entries fe already has (type errors found while reading the
 * input) are not repeated. */
int wz_product_create(struct wz_db *db, int64_t store_id, const struct wz_product_input *in,
                      struct wz_field_errors *fe, int64_t *id, struct wz_err *err);
/* Changes the given fields only; nothing given changes nothing. */
int wz_product_update(struct wz_db *db, int64_t store_id, int64_t id,
                      const struct wz_product_input *in, struct wz_field_errors *fe,
                      struct wz_err *err);
/* Archives the product (status archived); archiving an archived product changes nothing. */
int wz_product_deactivate(struct wz_db *db, int64_t store_id, int64_t id, struct wz_err *err);

/* The public catalog: what a shopper may see of an active store's active products. */
struct wz_shop_product {
    int64_t id;
    const char *sku;
    const char *title;
    const char *description; /* NULL when none */
    int64_t price_amount;
    const char *currency;
    bool in_stock;
};
typedef int (*wz_shop_product_fn)(void *ctx, const struct wz_shop_product *p);

/* WZ_ENOENT when no active store has that code (compared in upper case). One statement per
 * page: the store and its products in one join. */
int wz_shop_products(struct wz_db *db, const char *store_code, int64_t after, int limit,
                     wz_shop_product_fn fn, void *ctx, bool *more, struct wz_err *err);

#endif
