/* A store's customers: see customers.h. */
#include "platform/customers.h"

#include "db/db.h"
#include "platform/platform_util.h"

#define CUSTOMER_COLS                                                                              \
    "id, email, first_name, last_name, phone, CASE WHEN accepts_marketing THEN 1 ELSE 0 END, "     \
    "CASE WHEN is_active THEN 1 ELSE 0 END, {ts:created_at}"

static const char *const q_list_tmpl =
    "SELECT " CUSTOMER_COLS " FROM customers WHERE store_id = $1 AND id > $2 "
    "AND (CAST($3 AS TEXT) IS NULL OR email LIKE lower($3) ESCAPE '\\' "
    "OR lower(coalesce(first_name, '') || ' ' || coalesce(last_name, '')) "
    "LIKE lower($3) ESCAPE '\\') ORDER BY id LIMIT $4";
static const char *const q_get_tmpl =
    "SELECT " CUSTOMER_COLS " FROM customers WHERE store_id = $1 AND id = $2";
static _Thread_local char q_list[1024];
static _Thread_local char q_get[1024];
static const char *const q_addresses =
    "SELECT id, kind, full_name, line1, line2, city, postcode, region, country_code, phone, "
    "CASE WHEN is_default THEN 1 ELSE 0 END FROM customer_addresses WHERE store_id = $1 AND "
    "customer_id = $2 ORDER BY is_default DESC, id";

static void read_customer(struct wz_stmt *st, struct wz_customer *c)
{
    c->id = wz_stmt_column_int64(st, 0);
    c->email = wz_stmt_column_text(st, 1);
    c->first_name = WZ_COL_NSTR(st, 2);
    c->last_name = WZ_COL_NSTR(st, 3);
    c->phone = WZ_COL_NSTR(st, 4);
    c->accepts_marketing = WZ_COL_BOOL(st, 5);
    c->is_active = WZ_COL_BOOL(st, 6);
    c->created_at = wz_stmt_column_text(st, 7);
}

/* One row of a list page, read and handed to the caller's function. */
struct customer_row {
    wz_customer_fn fn;
    void *ctx;
};

static int customer_row(void *ctx, struct wz_stmt *st)
{
    struct customer_row *r = ctx;
    struct wz_customer item;
    read_customer(st, &item);
    return r->fn(r->ctx, &item);
}

int wz_customers_list(struct wz_db *db, int64_t store_id, const struct wz_list_filter *filter,
                      wz_customer_fn fn, void *ctx, bool *more, struct wz_err *err)
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
    wz_stmt_bind_text(st, 3, filter->q != NULL ? like : NULL);
    wz_stmt_bind_int64(st, 4, filter->limit + 1);
    struct customer_row r = {fn, ctx};
    return wz_tenant_page(st, filter->limit, customer_row, &r, more, err);
}

int wz_customer_get(struct wz_db *db, int64_t store_id, int64_t id, wz_customer_fn fn, void *ctx,
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
        struct wz_customer c;
        read_customer(st, &c);
        rc = fn(ctx, &c);
    } else if (rc == WZ_DONE) {
        rc = wz_err_set(err, WZ_ENOENT, "no such customer");
    }
    wz_stmt_reset(st);
    return rc;
}

int wz_customer_addresses(struct wz_db *db, int64_t store_id, int64_t customer_id, wz_address_fn fn,
                          void *ctx, struct wz_err *err)
{
    struct wz_stmt *st = NULL;
    int rc = wz_db_prepare_cached(db, q_addresses, &st, err);
    if (rc != WZ_OK)
        return rc;
    wz_stmt_bind_int64(st, 1, store_id);
    wz_stmt_bind_int64(st, 2, customer_id);
    while ((rc = wz_stmt_step(st, err)) == WZ_ROW) {
        struct wz_address a = {
            .id = wz_stmt_column_int64(st, 0),
            .kind = wz_stmt_column_text(st, 1),
            .full_name = WZ_COL_NSTR(st, 2),
            .line1 = wz_stmt_column_text(st, 3),
            .line2 = WZ_COL_NSTR(st, 4),
            .city = wz_stmt_column_text(st, 5),
            .postcode = WZ_COL_NSTR(st, 6),
            .region = WZ_COL_NSTR(st, 7),
            .country_code = wz_stmt_column_text(st, 8),
            .phone = WZ_COL_NSTR(st, 9),
            .is_default = WZ_COL_BOOL(st, 10),
        };
        if ((rc = fn(ctx, &a)) != 0)
            break;
    }
    wz_stmt_reset(st);
    return rc == WZ_DONE ? WZ_OK : rc;
}
