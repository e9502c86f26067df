/* The catalog routes and the public shop: see store.h. */
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "api/store.h"
#include "platform/catalog.h"

/* A product's members, written into the object w is in. */
static void product_fields(struct wz_jw *w, const struct wz_product *p)
{
    wz_jw_kint(w, "id", p->id);
    wz_jw_kstring(w, "sku", p->sku);
    wz_jw_kstring(w, "title", p->title);
    wz_jw_kstring(w, "description", p->description);
    wz_jw_kint(w, "price_amount", p->price_amount);
    wz_jw_kstring(w, "currency", p->currency);
    wz_jw_kint(w, "stock_quantity", p->stock_quantity);
    wz_jw_kstring(w, "status", p->status);
    wz_jw_kstring(w, "created_at", p->created_at);
    wz_jw_kstring(w, "updated_at", p->updated_at);
}

/* A page being written: the writer and the last id it wrote (the next cursor). */
struct page_out {
    struct wz_jw *w;
    int64_t last;
};

static int add_product(void *ctx, const struct wz_product *p)
{
    struct page_out *pg = ctx;
    wz_jw_object_begin(pg->w);
    product_fields(pg->w, p);
    wz_jw_object_end(pg->w);
    pg->last = p->id;
    return 0;
}

/* The product as the API shows it, 404 when it is not one of the store's. */
static int answer_product(struct wz_req *req, struct wz_resp *resp, int64_t id, int status)
{
    struct wz_err err = {0};
    struct wz_jw w;
    struct page_out pg = {&w, 0};
    wz_resp_json_begin(resp, status, &w);
    int rc = wz_product_get(req->db, req->who.store_id, id, add_product, &pg, &err);
    if (rc != WZ_OK)
        return wz_api_answer(req, resp, rc, NULL, &err);
    return wz_resp_json_end(resp);
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
    struct wz_jw w;
    struct page_out pg = {&w, 0};
    bool more = false;
    struct wz_err err = {0};
    wz_api_list_begin(resp, &w);
    int rc = wz_products_list(req->db, req->who.store_id, &f, add_product, &pg, &more, &err);
    if (rc != WZ_OK)
        return wz_api_answer(req, resp, rc, NULL, &err);
    return wz_api_list_end(resp, &w, more, pg.last);
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

static int add_shop_product(void *ctx, const struct wz_shop_product *p)
{
    struct page_out *pg = ctx;
    struct wz_jw *w = pg->w;
    wz_jw_object_begin(w);
    wz_jw_kstring(w, "sku", p->sku);
    wz_jw_kstring(w, "title", p->title);
    wz_jw_kstring(w, "description", p->description);
    wz_jw_kint(w, "price_amount", p->price_amount);
    wz_jw_kstring(w, "currency", p->currency);
    wz_jw_kbool(w, "in_stock", p->in_stock);
    wz_jw_object_end(w);
    pg->last = p->id;
    return 0;
}

int wz_h_shop_products(struct wz_req *req, struct wz_resp *resp)
{
    struct wz_page page;
    if (!wz_api_page(req, resp, &page))
        return resp->status;
    struct wz_jw w;
    struct page_out pg = {&w, 0};
    bool more = false;
    struct wz_err err = {0};
    wz_api_list_begin(resp, &w);
    int rc = wz_shop_products(req->db, req->params[0], page.after, page.limit, add_shop_product,
                              &pg, &more, &err);
    if (rc != WZ_OK)
        return wz_api_answer(req, resp, rc, NULL, &err);
    return wz_api_list_end(resp, &w, more, pg.last);
}
