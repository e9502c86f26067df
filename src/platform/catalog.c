/* A store's catalog: see catalog.h. */
#include "platform/catalog.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/timefmt.h"
#include "db/db.h"
#include "platform/platform_util.h"

#define PRODUCT_COLS                                                                               \
    "id, sku, title, description, price_amount, currency, stock_quantity, status, "                \
    "{ts:created_at}, {ts:updated_at}"

static const char *const q_list_tmpl =
    "SELECT " PRODUCT_COLS " FROM products WHERE store_id = $1 AND id > $2 "
    "AND (CAST($3 AS TEXT) IS NULL OR status = $3) "
    "AND (CAST($4 AS TEXT) IS NULL OR lower(title) LIKE lower($4) ESCAPE '\\' "
    "OR lower(sku) LIKE lower($4) ESCAPE '\\') ORDER BY id LIMIT $5";
static const char *const q_get_tmpl =
    "SELECT " PRODUCT_COLS " FROM products WHERE store_id = $1 AND id = $2";
static _Thread_local char q_list[1024];
static _Thread_local char q_get[1024];

static const char *const q_store_currency = "SELECT default_currency FROM stores WHERE id = $1";
static const char *const q_sku_taken =
    "SELECT id FROM products WHERE store_id = $1 AND sku = $2 AND id <> $3";
static const char *const q_insert =
    "INSERT INTO products (store_id, sku, title, description, price_amount, currency, "
    "stock_quantity, status, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
    "$9) RETURNING id";
static const char *const q_current = "SELECT sku, title, description, price_amount, currency, "
                                     "stock_quantity, status FROM products WHERE store_id = $1 "
                                     "AND id = $2";
static const char *const q_update =
    "UPDATE products SET sku = $3, title = $4, description = $5, price_amount = $6, "
    "currency = $7, stock_quantity = $8, status = $9, updated_at = $10 "
    "WHERE store_id = $1 AND id = $2";
static const char *const q_archive =
    "UPDATE products SET status = 'archived', updated_at = $3 WHERE store_id = $1 AND id = $2 "
    "AND status <> 'archived'";
static const char *const q_exists = "SELECT 1 FROM products WHERE store_id = $1 AND id = $2";

/* The public catalog. A LEFT JOIN so that one statement tells an unknown store (no row)
 * from an active store without active products (one row of NULLs). */
static const char *const q_shop =
    "SELECT p.id, p.sku, p.title, p.description, p.price_amount, p.currency, "
    "CASE WHEN p.stock_quantity > 0 THEN 1 ELSE 0 END FROM stores s LEFT JOIN products p ON "
    "p.store_id = s.id AND p.status = 'active' AND p.id > $2 WHERE s.code = $1 AND s.is_active "
    "ORDER BY p.id LIMIT $3";

bool wz_product_status_valid(const char *status)
{
    return status != NULL && (strcmp(status, "draft") == 0 || strcmp(status, "active") == 0 ||
                              strcmp(status, "archived") == 0);
}

static void read_product(struct wz_stmt *st, struct wz_product *p)
{
    p->id = wz_stmt_column_int64(st, 0);
    p->sku = wz_stmt_column_text(st, 1);
    p->title = wz_stmt_column_text(st, 2);
    p->description = WZ_COL_NSTR(st, 3);
    p->price_amount = wz_stmt_column_int64(st, 4);
    p->currency = wz_stmt_column_text(st, 5);
    p->stock_quantity = wz_stmt_column_int64(st, 6);
    p->status = wz_stmt_column_text(st, 7);
    p->created_at = wz_stmt_column_text(st, 8);
    p->updated_at = wz_stmt_column_text(st, 9);
}

/* One row of a list page, read and handed to the caller's function. */
struct product_row {
    wz_product_fn fn;
    void *ctx;
};

static int product_row(void *ctx, struct wz_stmt *st)
{
    struct product_row *r = ctx;
    struct wz_product item;
    read_product(st, &item);
    return r->fn(r->ctx, &item);
}

int wz_products_list(struct wz_db *db, int64_t store_id, const struct wz_list_filter *filter,
                     wz_product_fn fn, void *ctx, bool *more, struct wz_err *err)
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
    struct product_row r = {fn, ctx};
    return wz_tenant_page(st, filter->limit, product_row, &r, more, err);
}

int wz_product_get(struct wz_db *db, int64_t store_id, int64_t id, wz_product_fn fn, void *ctx,
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
        struct wz_product p;
        read_product(st, &p);
        rc = fn(ctx, &p);
    } else if (rc == WZ_DONE) {
        rc = wz_err_set(err, WZ_ENOENT, "no such product");
    }
    wz_stmt_reset(st);
    return rc;
}

/* ---- validation */

static bool sku_valid(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > WZ_PRODUCT_SKU_MAX)
        return false;
    for (const char *p = s; *p; p++)
        if (!isalnum((unsigned char)*p) && *p != '-' && *p != '_' && *p != '.')
            return false;
    return true;
}

static bool currency_valid(const char *s)
{
    return strlen(s) == 3 && isupper((unsigned char)s[0]) && isupper((unsigned char)s[1]) &&
           isupper((unsigned char)s[2]);
}

static bool blank(const char *s)
{
    for (; *s; s++)
        if (!isspace((unsigned char)*s))
            return false;
    return true;
}

/* Checks every given field (and, on create, that the required ones are given). */
static void validate(const struct wz_product_input *in, bool create, struct wz_field_errors *fe)
{
    if (in->sku != NULL) {
        if (!sku_valid(in->sku))
            wz_field_error(fe, "sku", "must be 1 to %d letters, digits, '-', '_' or '.'",
                           WZ_PRODUCT_SKU_MAX);
    } else if (create && !wz_tenant_has_error(fe, "sku")) {
        wz_field_error(fe, "sku", "is required");
    }
    if (in->title != NULL) {
        size_t n = wz_tenant_utf8_len(in->title);
        if (n == 0 || blank(in->title) || n > WZ_PRODUCT_TITLE_MAX)
            wz_field_error(fe, "title", "must be 1 to %d characters, not only spaces",
                           WZ_PRODUCT_TITLE_MAX);
    } else if (create && !wz_tenant_has_error(fe, "title")) {
        wz_field_error(fe, "title", "is required");
    }
    if (in->description != NULL && wz_tenant_utf8_len(in->description) > WZ_PRODUCT_DESCRIPTION_MAX)
        wz_field_error(fe, "description", "must be at most %d characters",
                       WZ_PRODUCT_DESCRIPTION_MAX);
    if (in->has_price) {
        if (in->price_amount < 0 || in->price_amount > WZ_PRODUCT_PRICE_MAX)
            wz_field_error(fe, "price_amount", "must be an amount in cents from 0 to %lld",
                           (long long)WZ_PRODUCT_PRICE_MAX);
    } else if (create && !wz_tenant_has_error(fe, "price_amount")) {
        wz_field_error(fe, "price_amount", "is required");
    }
    if (in->currency != NULL && !currency_valid(in->currency))
        wz_field_error(fe, "currency", "must be an ISO 4217 code: three capital letters");
    if (in->has_stock && (in->stock_quantity < 0 || in->stock_quantity > WZ_PRODUCT_STOCK_MAX))
        wz_field_error(fe, "stock_quantity", "must be from 0 to %lld",
                       (long long)WZ_PRODUCT_STOCK_MAX);
    if (in->status != NULL && !wz_product_status_valid(in->status))
        wz_field_error(fe, "status", "must be draft, active or archived");
}

/* 1 when another product of the store (not exclude_id) has the SKU, 0 when not, < 0. */
static int sku_taken(struct wz_db *db, int64_t store_id, const char *sku, int64_t exclude_id,
                     struct wz_err *err)
{
    struct wz_stmt *st = NULL;
    int rc = wz_db_prepare_cached(db, q_sku_taken, &st, err);
    if (rc != WZ_OK)
        return rc;
    wz_stmt_bind_int64(st, 1, store_id);
    wz_stmt_bind_text(st, 2, sku);
    wz_stmt_bind_int64(st, 3, exclude_id);
    rc = wz_stmt_step(st, err);
    wz_stmt_reset(st);
    return rc == WZ_ROW ? 1 : rc;
}

static int taken(struct wz_db *db, const char *sku, struct wz_err *err)
{
    wz_db_rollback(db);
    return wz_err_set(err, WZ_ECONFLICT, "a product with SKU '%s' already exists in this store",
                      sku);
}

static int failed(struct wz_db *db, int rc)
{
    wz_db_rollback(db);
    return rc;
}

int wz_product_create(struct wz_db *db, int64_t store_id, const struct wz_product_input *in,
                      struct wz_field_errors *fe, int64_t *id, struct wz_err *err)
{
    validate(in, true, fe);
    if (fe->n > 0)
        return wz_err_set(err, WZ_EUSAGE, "the product is not valid");
    int rc = wz_db_begin(db, err);
    if (rc != WZ_OK)
        return rc;
    char currency[8];
    snprintf(currency, sizeof(currency), "%s", in->currency != NULL ? in->currency : "");
    struct wz_stmt *st = NULL;
    if (in->currency == NULL) {
        if ((rc = wz_db_prepare_cached(db, q_store_currency, &st, err)) != WZ_OK)
            return failed(db, rc);
        wz_stmt_bind_int64(st, 1, store_id);
        rc = wz_stmt_step(st, err);
        if (rc == WZ_ROW)
            snprintf(currency, sizeof(currency), "%s", wz_stmt_column_text(st, 0));
        wz_stmt_reset(st);
        if (rc != WZ_ROW)
            return failed(db, rc < 0 ? rc : wz_err_set(err, WZ_ENOENT, "no such store"));
    }
    if ((rc = sku_taken(db, store_id, in->sku, 0, err)) != 0)
        return rc > 0 ? taken(db, in->sku, err) : failed(db, rc);
    char now[21];
    wz_time_iso(time(NULL), now);
    if ((rc = wz_db_prepare_cached(db, q_insert, &st, err)) != WZ_OK)
        return failed(db, rc);
    wz_stmt_bind_int64(st, 1, store_id);
    wz_stmt_bind_text(st, 2, in->sku);
    wz_stmt_bind_text(st, 3, in->title);
    wz_stmt_bind_text(
        st, 4, in->description != NULL && in->description[0] != '\0' ? in->description : NULL);
    wz_stmt_bind_int64(st, 5, in->price_amount);
    wz_stmt_bind_text(st, 6, currency);
    wz_stmt_bind_int64(st, 7, in->has_stock ? in->stock_quantity : 0);
    wz_stmt_bind_text(st, 8, in->status != NULL ? in->status : "draft");
    wz_stmt_bind_text(st, 9, now);
    rc = wz_stmt_step(st, err);
    if (rc == WZ_ROW)
        *id = wz_stmt_column_int64(st, 0);
    wz_stmt_reset(st);
    if (rc == WZ_ECONFLICT) /* a concurrent insert of the SKU passed the check above */
        return taken(db, in->sku, err);
    if (rc != WZ_ROW)
        return failed(db, rc < 0 ? rc : wz_err_set(err, WZ_EFAIL, "the product was not inserted"));
    return wz_db_commit(db, err);
}

int wz_product_update(struct wz_db *db, int64_t store_id, int64_t id,
                      const struct wz_product_input *in, struct wz_field_errors *fe,
                      struct wz_err *err)
{
    int rc = wz_db_begin(db, err);
    if (rc != WZ_OK)
        return rc;
    struct wz_stmt *st = NULL;
    if ((rc = wz_db_prepare_cached(db, q_current, &st, err)) != WZ_OK)
        return failed(db, rc);
    wz_stmt_bind_int64(st, 1, store_id);
    wz_stmt_bind_int64(st, 2, id);
    rc = wz_stmt_step(st, err);
    if (rc != WZ_ROW) {
        wz_stmt_reset(st);
        return failed(db, rc < 0 ? rc : wz_err_set(err, WZ_ENOENT, "no such product"));
    }
    /* The merged product: the given fields over the current ones. */
    char sku[WZ_PRODUCT_SKU_MAX + 1], currency[8], status[16];
    snprintf(sku, sizeof(sku), "%s", wz_stmt_column_text(st, 0));
    snprintf(currency, sizeof(currency), "%s", wz_stmt_column_text(st, 4));
    snprintf(status, sizeof(status), "%s", wz_stmt_column_text(st, 6));
    struct wz_strbuf title = WZ_STRBUF_INIT, desc = WZ_STRBUF_INIT;
    wz_strbuf_append(&title, wz_stmt_column_text(st, 1));
    bool had_desc = !wz_stmt_column_is_null(st, 2);
    wz_strbuf_append(&desc, wz_stmt_column_text(st, 2));
    int64_t price = wz_stmt_column_int64(st, 3), stock = wz_stmt_column_int64(st, 5);
    wz_stmt_reset(st);

    validate(in, false, fe);
    if (fe->n > 0) {
        rc = wz_err_set(err, WZ_EUSAGE, "the product is not valid");
        goto out;
    }
    bool given = in->sku != NULL || in->title != NULL || in->description != NULL ||
                 in->currency != NULL || in->status != NULL || in->has_price || in->has_stock;
    if (!given)
        goto out; /* nothing to change: not even updated_at */
    if (in->sku != NULL && strcmp(in->sku, sku) != 0) {
        if ((rc = sku_taken(db, store_id, in->sku, id, err)) != 0) {
            rc = rc > 0 ? WZ_ECONFLICT : rc;
            if (rc == WZ_ECONFLICT)
                wz_err_set(err, WZ_ECONFLICT,
                           "a product with SKU '%s' already exists in this store", in->sku);
            goto out;
        }
    }
    if (title.failed || desc.failed) {
        rc = wz_err_set(err, WZ_ENOMEM, "out of memory");
        goto out;
    }
    const char *new_desc = in->description != NULL ? in->description
                           : had_desc              ? wz_strbuf_str(&desc)
                                                   : NULL;
    char now[21];
    wz_time_iso(time(NULL), now);
    if ((rc = wz_db_prepare_cached(db, q_update, &st, err)) != WZ_OK)
        goto out;
    wz_stmt_bind_int64(st, 1, store_id);
    wz_stmt_bind_int64(st, 2, id);
    wz_stmt_bind_text(st, 3, in->sku != NULL ? in->sku : sku);
    wz_stmt_bind_text(st, 4, in->title != NULL ? in->title : wz_strbuf_str(&title));
    wz_stmt_bind_text(st, 5, new_desc != NULL && new_desc[0] != '\0' ? new_desc : NULL);
    wz_stmt_bind_int64(st, 6, in->has_price ? in->price_amount : price);
    wz_stmt_bind_text(st, 7, in->currency != NULL ? in->currency : currency);
    wz_stmt_bind_int64(st, 8, in->has_stock ? in->stock_quantity : stock);
    wz_stmt_bind_text(st, 9, in->status != NULL ? in->status : status);
    wz_stmt_bind_text(st, 10, now);
    rc = wz_stmt_step(st, err);
    wz_stmt_reset(st);
    if (rc == WZ_ECONFLICT) /* a concurrent write took the SKU after the check above */
        wz_err_set(err, WZ_ECONFLICT, "a product with SKU '%s' already exists in this store",
                   in->sku);
    rc = rc == WZ_DONE ? WZ_OK : rc < 0 ? rc : wz_err_set(err, WZ_EFAIL, "unexpected row");
out:
    wz_strbuf_release(&title);
    wz_strbuf_release(&desc);
    if (rc != WZ_OK)
        return failed(db, rc);
    return wz_db_commit(db, err);
}

int wz_product_deactivate(struct wz_db *db, int64_t store_id, int64_t id, struct wz_err *err)
{
    int rc = wz_db_begin(db, err);
    if (rc != WZ_OK)
        return rc;
    struct wz_stmt *st = NULL;
    if ((rc = wz_db_prepare_cached(db, q_exists, &st, err)) != WZ_OK)
        return failed(db, rc);
    wz_stmt_bind_int64(st, 1, store_id);
    wz_stmt_bind_int64(st, 2, id);
    rc = wz_stmt_step(st, err);
    wz_stmt_reset(st);
    if (rc != WZ_ROW)
        return failed(db, rc < 0 ? rc : wz_err_set(err, WZ_ENOENT, "no such product"));
    char now[21];
    wz_time_iso(time(NULL), now);
    if ((rc = wz_db_prepare_cached(db, q_archive, &st, err)) != WZ_OK)
        return failed(db, rc);
    wz_stmt_bind_int64(st, 1, store_id);
    wz_stmt_bind_int64(st, 2, id);
    wz_stmt_bind_text(st, 3, now);
    rc = wz_stmt_step(st, err);
    wz_stmt_reset(st);
    if (rc < 0)
        return failed(db, rc);
    return wz_db_commit(db, err);
}

int wz_shop_products(struct wz_db *db, const char *store_code, int64_t after, int limit,
                     wz_shop_product_fn fn, void *ctx, bool *more, struct wz_err *err)
{
    char code[64];
    size_t n = strlen(store_code);
    *more = false;
    if (n == 0 || n >= sizeof(code))
        return wz_err_set(err, WZ_ENOENT, "no such store");
    for (size_t i = 0; i <= n; i++)
        code[i] = (char)toupper((unsigned char)store_code[i]);
    struct wz_stmt *st = NULL;
    int rc = wz_db_prepare_cached(db, q_shop, &st, err);
    if (rc != WZ_OK)
        return rc;
    wz_stmt_bind_text(st, 1, code);
    wz_stmt_bind_int64(st, 2, after);
    wz_stmt_bind_int64(st, 3, limit + 1);
    int rows = 0;
    bool store = false;
    while ((rc = wz_stmt_step(st, err)) == WZ_ROW) {
        store = true;
        if (wz_stmt_column_is_null(st, 0))
            break; /* the store has no (more) active products */
        if (rows++ == limit) {
            *more = true;
            break;
        }
        struct wz_shop_product p = {
            .id = wz_stmt_column_int64(st, 0),
            .sku = wz_stmt_column_text(st, 1),
            .title = wz_stmt_column_text(st, 2),
            .description = WZ_COL_NSTR(st, 3),
            .price_amount = wz_stmt_column_int64(st, 4),
            .currency = wz_stmt_column_text(st, 5),
            .in_stock = WZ_COL_BOOL(st, 6),
        };
        if ((rc = fn(ctx, &p)) != 0)
            break;
    }
    wz_stmt_reset(st);
    if (rc < 0)
        return rc;
    if (!store)
        return wz_err_set(err, WZ_ENOENT, "no such store");
    return rc == WZ_ROW || rc == WZ_DONE ? WZ_OK : rc;
}
