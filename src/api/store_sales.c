/* The customers and orders routes: see store.h. */
#include <string.h>

#include "api/api.h"
#include "api/store.h"
#include "platform/customers.h"
#include "platform/orders.h"

/* ---- customers */

static json_t *customer_json(const struct wz_customer *c)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(c->id));
    json_object_set_new(o, "email", json_string(c->email));
    json_object_set_new(o, "first_name", wz_store_api_nstr(c->first_name));
    json_object_set_new(o, "last_name", wz_store_api_nstr(c->last_name));
    json_object_set_new(o, "phone", wz_store_api_nstr(c->phone));
    json_object_set_new(o, "accepts_marketing", json_boolean(c->accepts_marketing));
    json_object_set_new(o, "is_active", json_boolean(c->is_active));
    json_object_set_new(o, "created_at", json_string(c->created_at));
    return o;
}

static int add_customer(void *ctx, const struct wz_customer *c)
{
    json_array_append_new(ctx, customer_json(c));
    return 0;
}

static int one_customer(void *ctx, const struct wz_customer *c)
{
    *(json_t **)ctx = customer_json(c);
    return 0;
}

static int add_address(void *ctx, const struct wz_address *a)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(a->id));
    json_object_set_new(o, "kind", json_string(a->kind));
    json_object_set_new(o, "full_name", wz_store_api_nstr(a->full_name));
    json_object_set_new(o, "line1", json_string(a->line1));
    json_object_set_new(o, "line2", wz_store_api_nstr(a->line2));
    json_object_set_new(o, "city", json_string(a->city));
    json_object_set_new(o, "postcode", wz_store_api_nstr(a->postcode));
    json_object_set_new(o, "region", wz_store_api_nstr(a->region));
    json_object_set_new(o, "country_code", json_string(a->country_code));
    json_object_set_new(o, "phone", wz_store_api_nstr(a->phone));
    json_object_set_new(o, "is_default", json_boolean(a->is_default));
    json_array_append_new(ctx, o);
    return 0;
}

static int64_t last_id(json_t *items)
{
    size_t n = json_array_size(items);
    return n > 0 ? json_integer_value(json_object_get(json_array_get(items, n - 1), "id")) : 0;
}

int wz_h_customers_list(struct wz_req *req, struct wz_resp *resp)
{
    struct wz_list_filter f;
    if (!wz_store_api_filter(req, resp, NULL, NULL, &f))
        return resp->status;
    json_t *items = json_array();
    bool more = false;
    struct wz_err err = {0};
    int rc = wz_customers_list(req->db, req->who.store_id, &f, add_customer, items, &more, &err);
    if (rc != WZ_OK) {
        json_decref(items);
        return wz_api_answer(req, resp, rc, NULL, &err);
    }
    return wz_api_list(resp, items, more, last_id(items));
}

/* The customer with their addresses into *out, or the status written. */
static int customer_detail(struct wz_req *req, struct wz_resp *resp, int64_t id, json_t **out)
{
    struct wz_err err = {0};
    json_t *o = NULL;
    int rc = wz_customer_get(req->db, req->who.store_id, id, one_customer, &o, &err);
    if (rc != WZ_OK)
        return wz_api_answer(req, resp, rc, NULL, &err);
    json_t *addresses = json_array();
    json_object_set_new(o, "addresses", addresses);
    rc = wz_customer_addresses(req->db, req->who.store_id, id, add_address, addresses, &err);
    if (rc != WZ_OK) {
        json_decref(o);
        return wz_api_answer(req, resp, rc, NULL, &err);
    }
    *out = o;
    return 0;
}

int wz_h_customer_get(struct wz_req *req, struct wz_resp *resp)
{
    int64_t id;
    if (!wz_req_param_id(req, 1, &id))
        return wz_resp_problem(resp, 404, "no such customer");
    json_t *o = NULL;
    int status = customer_detail(req, resp, id, &o);
    return status != 0 ? status : wz_resp_json(resp, 200, o);
}

/* ---- orders */

static json_t *order_json(const struct wz_order *o)
{
    json_t *j = json_object();
    json_object_set_new(j, "id", json_integer(o->id));
    json_object_set_new(j, "order_number", json_string(o->order_number));
    json_object_set_new(j, "customer_id",
                        o->customer_id > 0 ? json_integer(o->customer_id) : json_null());
    json_object_set_new(j, "customer_email", wz_store_api_nstr(o->customer_email));
    json_object_set_new(j, "status", json_string(o->status));
    json_object_set_new(j, "currency", json_string(o->currency));
    json_object_set_new(j, "subtotal_amount", json_integer(o->subtotal_amount));
    json_object_set_new(j, "shipping_amount", json_integer(o->shipping_amount));
    json_object_set_new(j, "tax_amount", json_integer(o->tax_amount));
    json_object_set_new(j, "total_amount", json_integer(o->total_amount));
    json_object_set_new(j, "placed_at", json_string(o->placed_at));
    return j;
}

static int add_order(void *ctx, const struct wz_order *o)
{
    json_array_append_new(ctx, order_json(o));
    return 0;
}

static int one_order(void *ctx, const struct wz_order *o)
{
    json_t *j = order_json(o);
    /* Stored as a JSON object's text by whoever placed the order; shown as that object. */
    json_t *addr = o->shipping_address != NULL ? json_loads(o->shipping_address, 0, NULL) : NULL;
    if (addr != NULL && !json_is_object(addr)) {
        json_decref(addr);
        addr = NULL;
    }
    json_object_set_new(j, "shipping_address", addr != NULL ? addr : json_null());
    *(json_t **)ctx = j;
    return 0;
}

static int add_item(void *ctx, const struct wz_order_item *i)
{
    json_array_append_new(ctx, json_pack("{s:I,s:I,s:s,s:s,s:I,s:I,s:I}", "id", (json_int_t)i->id,
                                         "product_id", (json_int_t)i->product_id, "sku", i->sku,
                                         "title", i->title, "quantity", (json_int_t)i->quantity,
                                         "unit_price_amount", (json_int_t)i->unit_price_amount,
                                         "line_total_amount", (json_int_t)i->line_total_amount));
    return 0;
}

int wz_h_orders_list(struct wz_req *req, struct wz_resp *resp)
{
    struct wz_list_filter f;
    if (!wz_store_api_filter(req, resp, wz_order_status_valid,
                             "pending, paid, shipped, delivered, cancelled or refunded", &f))
        return resp->status;
    json_t *items = json_array();
    bool more = false;
    struct wz_err err = {0};
    int rc = wz_orders_list(req->db, req->who.store_id, &f, add_order, items, &more, &err);
    if (rc != WZ_OK) {
        json_decref(items);
        return wz_api_answer(req, resp, rc, NULL, &err);
    }
    return wz_api_list(resp, items, more, last_id(items));
}

int wz_h_order_get(struct wz_req *req, struct wz_resp *resp)
{
    int64_t id;
    if (!wz_req_param_id(req, 1, &id))
        return wz_resp_problem(resp, 404, "no such order");
    struct wz_err err = {0};
    json_t *o = NULL;
    int rc = wz_order_get(req->db, req->who.store_id, id, one_order, &o, &err);
    if (rc != WZ_OK)
        return wz_api_answer(req, resp, rc, NULL, &err);
    json_t *items = json_array();
    json_object_set_new(o, "items", items);
    rc = wz_order_items(req->db, req->who.store_id, id, add_item, items, &err);
    if (rc != WZ_OK) {
        json_decref(o);
        return wz_api_answer(req, resp, rc, NULL, &err);
    }
    /* The customer, with their addresses (a guest order has none). */
    json_t *customer = json_null();
    json_t *cid = json_object_get(o, "customer_id");
    if (json_is_integer(cid)) {
        int status = customer_detail(req, resp, json_integer_value(cid), &customer);
        if (status != 0) {
            json_decref(o);
            return status;
        }
    }
    json_object_set_new(o, "customer", customer);
    return wz_resp_json(resp, 200, o);
}
