/* A store's orders: see orders.h. */
#include "platform/orders.h"

#include <string.h>

#include "db/db.h"
#include "platform/platform_util.h"

#define ORDER_COLS                                                                                 \
    "id, order_number, customer_id, customer_email, status, currency, subtotal_amount, "           \
    "shipping_amount, tax_amount, total_amount, {ts:placed_at}"

static const char *const q_list_tmpl =
    "SELECT " ORDER_COLS " FROM orders WHERE store_id = $1 AND id > $2 "
    "AND (CAST($3 AS TEXT) IS NULL OR status = $3) "
    "AND (CAST($4 AS TEXT) IS NULL OR lower(order_number) LIKE lower($4) ESCAPE '\\' "
    "OR customer_email LIKE lower($4) ESCAPE '\\') ORDER BY id LIMIT $5";
static const char *const q_get_tmpl =
    "SELECT " ORDER_COLS ", shipping_address FROM orders WHERE store_id = $1 AND id = $2";
static _Thread_local char q_list[1024];
static _Thread_local char q_get[1024];
static const char *const q_items =
    "SELECT id, product_id, sku, title, quantity, unit_price_amount, line_total_amount FROM "
    "order_items WHERE store_id = $1 AND order_id = $2 ORDER BY id";

bool wz_order_status_valid(const char *status)
{
    static const char *const all[] = {"pending",   "paid",      "shipped",
                                      "delivered", "cancelled", "refunded"};
    for (size_t i = 0; status != NULL && i < sizeof(all) / sizeof(all[0]); i++)
        if (strcmp(status, all[i]) == 0)
            return true;
    return false;
}

static void read_order(struct wz_stmt *st, struct wz_order *o, bool detail)
{
    o->id = wz_stmt_column_int64(st, 0);
    o->order_number = wz_stmt_column_text(st, 1);
    o->customer_id = wz_stmt_column_is_null(st, 2) ? 0 : wz_stmt_column_int64(st, 2);
    o->customer_email = WZ_COL_NSTR(st, 3);
    o->status = wz_stmt_column_text(st, 4);
    o->currency = wz_stmt_column_text(st, 5);
    o->subtotal_amount = wz_stmt_column_int64(st, 6);
    o->shipping_amount = wz_stmt_column_int64(st, 7);
    o->tax_amount = wz_stmt_column_int64(st, 8);
    o->total_amount = wz_stmt_column_int64(st, 9);
    o->placed_at = wz_stmt_column_text(st, 10);
    o->shipping_address = detail ? WZ_COL_NSTR(st, 11) : NULL;
}

/* One row of a list page, read and handed to the caller's function. */
struct order_row {
    wz_order_fn fn;
    void *ctx;
};

static int order_row(void *ctx, struct wz_stmt *st)
{
    struct order_row *r = ctx;
    struct wz_order item;
    read_order(st, &item, false);
    return r->fn(r->ctx, &item);
}

int wz_orders_list(struct wz_db *db, int64_t store_id, const struct wz_list_filter *filter,
                   wz_order_fn fn, void *ctx, bool *more, struct wz_err *err)
{
    char like[512];
    *more = false;
    if (filter->q != NULL && !wz_pf_like(filter->q, like, sizeof(like)))
        return wz_err_set(err, WZ_EUSAGE, "the search text is too long");
    struct wz_stmt *st = NULL;
    int rc = wz_tenant_prepare(db, q_list, sizeof(q_list), q_list_tmpl, &st, err);
    if (rc != WZ_OK)
        return rc;
    wz_stmt_bind_int64(st, 1, store_id);
    wz_stmt_bind_int64(st, 2, filter->after);
    wz_stmt_bind_text(st, 3, filter->status);
    wz_stmt_bind_text(st, 4, filter->q != NULL ? like : NULL);
    wz_stmt_bind_int64(st, 5, filter->limit + 1);
    struct order_row r = {fn, ctx};
    return wz_tenant_page(st, filter->limit, order_row, &r, more, err);
}

int wz_order_get(struct wz_db *db, int64_t store_id, int64_t id, wz_order_fn fn, void *ctx,
                 struct wz_err *err)
{
    struct wz_stmt *st = NULL;
    int rc = wz_tenant_prepare(db, q_get, sizeof(q_get), q_get_tmpl, &st, err);
    if (rc != WZ_OK)
        return rc;
    wz_stmt_bind_int64(st, 1, store_id);
    wz_stmt_bind_int64(st, 2, id);
    rc = wz_stmt_step(st, err);
    if (rc == WZ_ROW) {
        struct wz_order o;
        read_order(st, &o, true);
        rc = fn(ctx, &o);
    } else if (rc == WZ_DONE) {
        rc = wz_err_set(err, WZ_ENOENT, "no such order");
    }
    wz_stmt_reset(st);
    return rc;
}

int wz_order_items(struct wz_db *db, int64_t store_id, int64_t order_id, wz_order_item_fn fn,
                   void *ctx, struct wz_err *err)
{
    struct wz_stmt *st = NULL;
    int rc = wz_db_prepare_cached(db, q_items, &st, err);
    if (rc != WZ_OK)
        return rc;
    wz_stmt_bind_int64(st, 1, store_id);
    wz_stmt_bind_int64(st, 2, order_id);
    while ((rc = wz_stmt_step(st, err)) == WZ_ROW) {
        struct wz_order_item i = {
            .id = wz_stmt_column_int64(st, 0),
            .product_id = wz_stmt_column_int64(st, 1),
            .sku = wz_stmt_column_text(st, 2),
            .title = wz_stmt_column_text(st, 3),
            .quantity = wz_stmt_column_int64(st, 4),
            .unit_price_amount = wz_stmt_column_int64(st, 5),
            .line_total_amount = wz_stmt_column_int64(st, 6),
        };
        if ((rc = fn(ctx, &i)) != 0)
            break;
    }
    wz_stmt_reset(st);
    return rc == WZ_DONE ? WZ_OK : rc;
}
