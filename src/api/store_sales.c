/* The customers and orders routes: see store.h. */
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/store.h"
#include "platform/customers.h"
#include "platform/orders.h"

/* A page or document being written: the writer and the last id it wrote (the next cursor). */
struct page_out {
    struct wz_jw *w;
    int64_t last;
    int64_t customer_id; /* an order's, for its detail (0: a guest) */
};

/* ---- customers */

static void customer_fields(struct wz_jw *w, const struct wz_customer *c)
{
    wz_jw_kint(w, "id", c->id);
    wz_jw_kstring(w, "email", c->email);
    wz_jw_kstring(w, "first_name", c->first_name);
    wz_jw_kstring(w, "last_name", c->last_name);
    wz_jw_kstring(w, "phone", c->phone);
    wz_jw_kbool(w, "accepts_marketing", c->accepts_marketing);
    wz_jw_kbool(w, "is_active", c->is_active);
    wz_jw_kstring(w, "created_at", c->created_at);
}

static int add_customer(void *ctx, const struct wz_customer *c)
{
    struct page_out *pg = ctx;
    wz_jw_object_begin(pg->w);
    customer_fields(pg->w, c);
    wz_jw_object_end(pg->w);
    pg->last = c->id;
    return 0;
}

/* The customer's members, left open for their addresses. */
static int open_customer(void *ctx, const struct wz_customer *c)
{
    struct page_out *pg = ctx;
    wz_jw_object_begin(pg->w);
    customer_fields(pg->w, c);
    return 0;
}

static int add_address(void *ctx, const struct wz_address *a)
{
    struct wz_jw *w = ((struct page_out *)ctx)->w;
    wz_jw_object_begin(w);
    wz_jw_kint(w, "id", a->id);
    wz_jw_kstring(w, "kind", a->kind);
    wz_jw_kstring(w, "full_name", a->full_name);
    wz_jw_kstring(w, "line1", a->line1);
    wz_jw_kstring(w, "line2", a->line2);
    wz_jw_kstring(w, "city", a->city);
    wz_jw_kstring(w, "postcode", a->postcode);
    wz_jw_kstring(w, "region", a->region);
    wz_jw_kstring(w, "country_code", a->country_code);
    wz_jw_kstring(w, "phone", a->phone);
    wz_jw_kbool(w, "is_default", a->is_default);
    wz_jw_object_end(w);
    return 0;
}

int wz_h_customers_list(struct wz_req *req, struct wz_resp *resp)
{
    struct wz_list_filter f;
    if (!wz_store_api_filter(req, resp, NULL, NULL, &f))
        return resp->status;
    struct wz_jw w;
    struct page_out pg = {&w, 0, 0};
    bool more = false;
    struct wz_err err = {0};
    wz_api_list_begin(resp, &w);
    int rc = wz_customers_list(req->db, req->who.store_id, &f, add_customer, &pg, &more, &err);
    if (rc != WZ_OK)
        return wz_api_answer(req, resp, rc, NULL, &err);
    return wz_api_list_end(resp, &w, more, pg.last);
}

/* Writes the customer with their addresses; 0, or the status written when it failed. */
static int customer_detail(struct wz_req *req, struct wz_resp *resp, struct wz_jw *w, int64_t id)
{
    struct wz_err err = {0};
    struct page_out pg = {w, 0, 0};
    int rc = wz_customer_get(req->db, req->who.store_id, id, open_customer, &pg, &err);
    if (rc != WZ_OK)
        return wz_api_answer(req, resp, rc, NULL, &err);
    wz_jw_key(w, "addresses");
    wz_jw_array_begin(w);
    rc = wz_customer_addresses(req->db, req->who.store_id, id, add_address, &pg, &err);
    if (rc != WZ_OK)
        return wz_api_answer(req, resp, rc, NULL, &err);
    wz_jw_array_end(w);
    wz_jw_object_end(w);
    return 0;
}

int wz_h_customer_get(struct wz_req *req, struct wz_resp *resp)
{
    int64_t id;
    if (!wz_req_param_id(req, 1, &id))
        return wz_resp_problem(resp, 404, "no such customer");
    struct wz_jw w;
    wz_resp_json_begin(resp, 200, &w);
    int status = customer_detail(req, resp, &w, id);
    return status != 0 ? status : wz_resp_json_end(resp);
}

/* ---- orders */

static void order_fields(struct wz_jw *w, const struct wz_order *o)
{
    wz_jw_kint(w, "id", o->id);
    wz_jw_kstring(w, "order_number", o->order_number);
    wz_jw_key(w, "customer_id");
    if (o->customer_id > 0)
        wz_jw_int(w, o->customer_id);
    else
        wz_jw_null(w);
    wz_jw_kstring(w, "customer_email", o->customer_email);
    wz_jw_kstring(w, "status", o->status);
    wz_jw_kstring(w, "currency", o->currency);
    wz_jw_kint(w, "subtotal_amount", o->subtotal_amount);
    wz_jw_kint(w, "shipping_amount", o->shipping_amount);
    wz_jw_kint(w, "tax_amount", o->tax_amount);
    wz_jw_kint(w, "total_amount", o->total_amount);
    wz_jw_kstring(w, "placed_at", o->placed_at);
}

static int add_order(void *ctx, const struct wz_order *o)
{
    struct page_out *pg = ctx;
    wz_jw_object_begin(pg->w);
    order_fields(pg->w, o);
    wz_jw_object_end(pg->w);
    pg->last = o->id;
    return 0;
}

/* The order's members and its shipping address, left open for its items and customer. */
static int open_order(void *ctx, const struct wz_order *o)
{
    struct page_out *pg = ctx;
    wz_jw_object_begin(pg->w);
    order_fields(pg->w, o);
    /* Stored as a JSON object's text by whoever placed the order; shown as that object
     * (re-serialized, so text that is not an object cannot reach the page). */
    json_t *addr = o->shipping_address != NULL ? json_loads(o->shipping_address, 0, NULL) : NULL;
    char *text = json_is_object(addr) ? json_dumps(addr, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
    json_decref(addr);
    wz_jw_key(pg->w, "shipping_address");
    if (text != NULL)
        wz_jw_raw(pg->w, text);
    else
        wz_jw_null(pg->w);
    free(text);
    pg->customer_id = o->customer_id;
    return 0;
}

static int add_item(void *ctx, const struct wz_order_item *i)
{
    struct wz_jw *w = ((struct page_out *)ctx)->w;
    wz_jw_object_begin(w);
    wz_jw_kint(w, "id", i->id);
    wz_jw_kint(w, "product_id", i->product_id);
    wz_jw_kstring(w, "sku", i->sku);
    wz_jw_kstring(w, "title", i->title);
    wz_jw_kint(w, "quantity", i->quantity);
    wz_jw_kint(w, "unit_price_amount", i->unit_price_amount);
    wz_jw_kint(w, "line_total_amount", i->line_total_amount);
    wz_jw_object_end(w);
    return 0;
}

int wz_h_orders_list(struct wz_req *req, struct wz_resp *resp)
{
    struct wz_list_filter f;
    if (!wz_store_api_filter(req, resp, wz_order_status_valid,
                             "pending, paid, shipped, delivered, cancelled or refunded", &f))
        return resp->status;
    struct wz_jw w;
    struct page_out pg = {&w, 0, 0};
    bool more = false;
    struct wz_err err = {0};
    wz_api_list_begin(resp, &w);
    int rc = wz_orders_list(req->db, req->who.store_id, &f, add_order, &pg, &more, &err);
    if (rc != WZ_OK)
        return wz_api_answer(req, resp, rc, NULL, &err);
    return wz_api_list_end(resp, &w, more, pg.last);
}

int wz_h_order_get(struct wz_req *req, struct wz_resp *resp)
{
    int64_t id;
    if (!wz_req_param_id(req, 1, &id))
        return wz_resp_problem(resp, 404, "no such order");
    struct wz_err err = {0};
    struct wz_jw w;
    struct page_out pg = {&w, 0, 0};
    wz_resp_json_begin(resp, 200, &w);
    int rc = wz_order_get(req->db, req->who.store_id, id, open_order, &pg, &err);
    if (rc != WZ_OK)
        return wz_api_answer(req, resp, rc, NULL, &err);
    wz_jw_key(&w, "items");
    wz_jw_array_begin(&w);
    rc = wz_order_items(req->db, req->who.store_id, id, add_item, &pg, &err);
    if (rc != WZ_OK)
        return wz_api_answer(req, resp, rc, NULL, &err);
    wz_jw_array_end(&w);
    /* The customer, with their addresses (a guest order has none). */
    wz_jw_key(&w, "customer");
    if (pg.customer_id > 0) {
        int status = customer_detail(req, resp, &w, pg.customer_id);
        if (status != 0)
            return status;
    } else {
        wz_jw_null(&w);
    }
    wz_jw_object_end(&w);
    return wz_resp_json_end(resp);
}
