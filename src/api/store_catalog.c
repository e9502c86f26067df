/* The catalog routes and the public shop: see store.h. */
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "api/store.h"
#include "platform/catalog.h"

static json_t *product_json(const struct wz_product *p)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(p->id));
    json_object_set_new(o, "sku", json_string(p->sku));
    json_object_set_new(o, "title", json_string(p->title));
    json_object_set_new(o, "description", wz_store_api_nstr(p->description));
    json_object_set_new(o, "price_amount", json_integer(p->price_amount));
    json_object_set_new(o, "currency", json_string(p->currency));
    json_object_set_new(o, "stock_quantity", json_integer(p->stock_quantity));
    json_object_set_new(o, "status", json_string(p->status));
    json_object_set_new(o, "created_at", json_string(p->created_at));
    json_object_set_new(o, "updated_at", json_string(p->updated_at));
    return o;
}

static int add_product(void *ctx, const struct wz_product *p)
{
    json_array_append_new(ctx, product_json(p));
    return 0;
}

static int one_product(void *ctx, const struct wz_product *p)
{
    *(json_t **)ctx = product_json(p);
    return 0;
}

/* The product as the API shows it, 404 when it is not one of the store's. */
static int answer_product(struct wz_req *req, struct wz_resp *resp, int64_t id, int status)
{
    struct wz_err err = {0};
    json_t *o = NULL;
    int rc = wz_product_get(req->db, req->who.store_id, id, one_product, &o, &err);
    if (rc != WZ_OK)
        return wz_api_answer(req, resp, rc, NULL, &err);
    return wz_resp_json(resp, status, o);
}

static bool product_id(struct wz_req *req, int64_t *id)
{
    return wz_req_param_id(req, 1, id);
}

int wz_h_products_list(struct wz_req *req, struct wz_resp *resp)
{
    struct wz_list_filter f;
    if (!wz_store_api_filter(req, resp, wz_product_status_valid, "draft, active or archived", &f))
        return resp->status;
    json_t *items = json_array();
    bool more = false;
    struct wz_err err = {0};
    int rc = wz_products_list(req->db, req->who.store_id, &f, add_product, items, &more, &err);
    if (rc != WZ_OK) {
        json_decref(items);
        return wz_api_answer(req, resp, rc, NULL, &err);
    }
    size_t n = json_array_size(items);
    int64_t last =
        n > 0 ? json_integer_value(json_object_get(json_array_get(items, n - 1), "id")) : 0;
    return wz_api_list(resp, items, more, last);
}

int wz_h_product_get(struct wz_req *req, struct wz_resp *resp)
{
    int64_t id;
    if (!product_id(req, &id))
        return wz_resp_problem(resp, 404, "no such product");
    return answer_product(req, resp, id, 200);
}

/* Reads the product fields of a body; their rules are the engine's (catalog.h). The
 * lengths here only bound what is read: the engine names each rule that is broken. */
static void read_input(json_t *body, struct wz_product_input *in, struct wz_field_errors *fe)
{
    static const char *const known[] = {"sku",      "title",          "description", "price_amount",
                                        "currency", "stock_quantity", "status",      NULL};
    wz_api_only(body, known, fe);
    in->sku = wz_api_str(body, "sku", false, 1024, fe);
    in->title = wz_api_str(body, "title", false, 4096, fe);
    in->description = wz_api_str(body, "description", false, 65536, fe);
    /* null clears the description, as "" does */
    if (json_is_null(json_object_get(body, "description")))
        in->description = "";
    in->currency = wz_api_str(body, "currency", false, 64, fe);
    in->status = wz_api_str(body, "status", false, 64, fe);
    in->has_price =
        wz_api_int(body, "price_amount", false, INT64_MIN, INT64_MAX, &in->price_amount, fe);
    in->has_stock =
        wz_api_int(body, "stock_quantity", false, INT64_MIN, INT64_MAX, &in->stock_quantity, fe);
}

int wz_h_product_create(struct wz_req *req, struct wz_resp *resp)
{
    json_t *body = wz_api_body(req, resp);
    if (body == NULL)
        return resp->status;
    struct wz_field_errors fe = {0};
    struct wz_product_input in = {0};
    read_input(body, &in, &fe);
    struct wz_err err = {0};
    int64_t id = 0;
    int rc = wz_product_create(req->db, req->who.store_id, &in, &fe, &id, &err);
    json_decref(body);
    if (rc != WZ_OK)
        return wz_api_answer(req, resp, rc, &fe, &err);
    char loc[96];
    snprintf(loc, sizeof(loc), "/api/v1/stores/%lld/products/%lld", (long long)req->who.store_id,
             (long long)id);
    wz_resp_header(resp, "Location", loc);
    return answer_product(req, resp, id, 201);
}

int wz_h_product_update(struct wz_req *req, struct wz_resp *resp)
{
    int64_t id;
    if (!product_id(req, &id))
        return wz_resp_problem(resp, 404, "no such product");
    json_t *body = wz_api_body(req, resp);
    if (body == NULL)
        return resp->status;
    struct wz_field_errors fe = {0};
    struct wz_product_input in = {0};
    read_input(body, &in, &fe);
    struct wz_err err = {0};
    int rc = wz_product_update(req->db, req->who.store_id, id, &in, &fe, &err);
    json_decref(body);
    if (rc != WZ_OK)
        return wz_api_answer(req, resp, rc, &fe, &err);
    return answer_product(req, resp, id, 200);
}

int wz_h_product_deactivate(struct wz_req *req, struct wz_resp *resp)
{
    int64_t id;
    if (!product_id(req, &id))
        return wz_resp_problem(resp, 404, "no such product");
    struct wz_err err = {0};
    int rc = wz_product_deactivate(req->db, req->who.store_id, id, &err);
    if (rc != WZ_OK)
        return wz_api_answer(req, resp, rc, NULL, &err);
    return answer_product(req, resp, id, 200);
}

/* ---- the public catalog */

struct shop_page {
    json_t *items;
    int64_t last;
};

static int add_shop_product(void *ctx, const struct wz_shop_product *p)
{
    struct shop_page *pg = ctx;
    json_t *o = json_object();
    json_object_set_new(o, "sku", json_string(p->sku));
    json_object_set_new(o, "title", json_string(p->title));
    json_object_set_new(o, "description", wz_store_api_nstr(p->description));
    json_object_set_new(o, "price_amount", json_integer(p->price_amount));
    json_object_set_new(o, "currency", json_string(p->currency));
    json_object_set_new(o, "in_stock", json_boolean(p->in_stock));
    json_array_append_new(pg->items, o);
    pg->last = p->id;
    return 0;
}

int wz_h_shop_products(struct wz_req *req, struct wz_resp *resp)
{
    struct wz_page page;
    if (!wz_api_page(req, resp, &page))
        return resp->status;
    struct shop_page pg = {json_array(), 0};
    bool more = false;
    struct wz_err err = {0};
    int rc = wz_shop_products(req->db, req->params[0], page.after, page.limit, add_shop_product,
                              &pg, &more, &err);
    if (rc != WZ_OK) {
        json_decref(pg.items);
        return wz_api_answer(req, resp, rc, NULL, &err);
    }
    return wz_api_list(resp, pg.items, more, pg.last);
}
