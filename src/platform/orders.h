/*
 * A store's orders and their items, read-only here. Amounts are integer cents in the
 * order's currency. Return codes and callbacks: platform/tenant.h.
 */
#ifndef WZ_PLATFORM_ORDERS_H
#define WZ_PLATFORM_ORDERS_H

#include <stdbool.h>
#include <stdint.h>

#include "platform/tenant.h"

struct wz_order {
    int64_t id;
    const char *order_number;
    int64_t customer_id;        /* 0 for a guest order */
    const char *customer_email; /* NULL when none */
    const char *status;
    const char *currency;
    int64_t subtotal_amount;
    int64_t shipping_amount;
    int64_t tax_amount;
    int64_t total_amount;
    const char *placed_at;
    /* wz_order_get only (NULL in lists): the address as stored (a JSON object's text). */
    const char *shipping_address;
};
typedef int (*wz_order_fn)(void *ctx, const struct wz_order *o);

struct wz_order_item {
    int64_t id;
    int64_t product_id;
    const char *sku;
    const char *title;
    int64_t quantity;
    int64_t unit_price_amount;
    int64_t line_total_amount;
};
typedef int (*wz_order_item_fn)(void *ctx, const struct wz_order_item *i);

/* True for pending, paid, shipped, delivered, cancelled and refunded. */
bool wz_order_status_valid(const char *status);

/* filter->q searches the order number and the customer's email; filter->status must be
 * valid or NULL. */
int wz_orders_list(struct wz_db *db, int64_t store_id, const struct wz_list_filter *filter,
                   wz_order_fn fn, void *ctx, bool *more, struct wz_err *err);
int wz_order_get(struct wz_db *db, int64_t store_id, int64_t id, wz_order_fn fn, void *ctx,
                 struct wz_err *err);
int wz_order_items(struct wz_db *db, int64_t store_id, int64_t order_id, wz_order_item_fn fn,
                   void *ctx, struct wz_err *err);

#endif
