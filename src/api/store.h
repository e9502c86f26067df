/*
 * The store users' API (src/api/store*.c): the handlers of the rows in
 * src/api/routes_store.inc, and what they share. The table file must see this header before
 * the table (src/api/routes.c includes it); until it does, routes_store.inc adds no row (it
 * tests WZ_API_STORE_H), so the build never breaks.
 *
 * Every store route's first path parameter is {store_id}: its access check (WZ_ACCESS_STORE)
 * has established that the caller is an active member of that active store, with the row's
 * permission, and set req->who.store_id, which every handler passes to the engine
 * (src/platform/), whose statements all name it: another store's id is a 404.
 */
#ifndef WZ_API_STORE_H
#ifndef __ASSEMBLER__
#define WZ_API_STORE_H

#include <jansson.h>

#include "core/err.h"
#include "http/http.h"

#define WZ_STORE_HANDLER(name) int name(struct wz_req *req, struct wz_resp *resp)

/* My stores and one store (store.c). */
WZ_STORE_HANDLER(wz_h_my_stores);
WZ_STORE_HANDLER(wz_h_store_get);
/* The team (store.c). */
WZ_STORE_HANDLER(wz_h_team_get);
WZ_STORE_HANDLER(wz_h_team_invite);
WZ_STORE_HANDLER(wz_h_team_remove);
/* The catalog and the public shop (store_catalog.c). */
WZ_STORE_HANDLER(wz_h_products_list);
WZ_STORE_HANDLER(wz_h_product_get);
WZ_STORE_HANDLER(wz_h_product_create);
WZ_STORE_HANDLER(wz_h_product_update);
WZ_STORE_HANDLER(wz_h_product_deactivate);
WZ_STORE_HANDLER(wz_h_shop_products);
/* Customers and orders (store_sales.c). */
WZ_STORE_HANDLER(wz_h_customers_list);
WZ_STORE_HANDLER(wz_h_customer_get);
WZ_STORE_HANDLER(wz_h_orders_list);
WZ_STORE_HANDLER(wz_h_order_get);

/* A JSON string, or null for NULL. */
json_t *wz_store_api_nstr(const char *s);

/* Reads ?q (NULL when absent or empty) and ?status (NULL when absent; checked with valid,
 * whose accepted values `allowed` lists for the message) besides the page. False with a 400
 * written when one is invalid. valid NULL: the route takes no status. */
struct wz_list_filter;
bool wz_store_api_filter(struct wz_req *req, struct wz_resp *resp, bool (*valid)(const char *),
                         const char *allowed, struct wz_list_filter *f);

#endif
#endif
