/*
 * A store's customers and their addresses, read-only here. Return codes and callbacks:
 * platform/tenant.h.
 */
#ifndef WZ_PLATFORM_CUSTOMERS_H
#define WZ_PLATFORM_CUSTOMERS_H

#include <stdbool.h>
#include <stdint.h>

#include "platform/tenant.h"

struct wz_customer {
    int64_t id;
    const char *email;
    const char *first_name; /* NULL when none, as every nullable field below */
    const char *last_name;
    const char *phone;
    bool accepts_marketing;
    bool is_active;
    const char *created_at;
};
typedef int (*wz_customer_fn)(void *ctx, const struct wz_customer *c);

struct wz_address {
    int64_t id;
    const char *kind; /* shipping, billing */
    const char *full_name;
    const char *line1;
    const char *line2;
    const char *city;
    const char *postcode;
    const char *region;
    const char *country_code;
    const char *phone;
    bool is_default;
};
typedef int (*wz_address_fn)(void *ctx, const struct wz_address *a);

/* filter->q searches the email and the full name; filter->status is ignored. */
int wz_customers_list(struct wz_db *db, int64_t store_id, const struct wz_list_filter *filter,
                      wz_customer_fn fn, void *ctx, bool *more, struct wz_err *err);
int wz_customer_get(struct wz_db *db, int64_t store_id, int64_t id, wz_customer_fn fn, void *ctx,
                    struct wz_err *err);
/* The customer's addresses, default ones first. */
int wz_customer_addresses(struct wz_db *db, int64_t store_id, int64_t customer_id, wz_address_fn fn,
                          void *ctx, struct wz_err *err);

#endif
