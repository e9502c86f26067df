/*
 * data.order_totals: an order's subtotal is the sum of its items' line totals. CHECKs keep
 * each row consistent in itself (line = quantity x unit price, total = subtotal + shipping +
 * tax), but no constraint can compare a row with the sum of other rows: an item deleted or
 * edited by hand leaves the order claiming money it does not contain.
 */
#include "validate/validate.h"

#include <stdio.h>

#define ITEMS_SUM                                                                                  \
    "(SELECT COALESCE(SUM(i.line_total_amount), 0) FROM order_items i WHERE i.store_id = "         \
    "o.store_id AND i.order_id = o.id)"

static int on_row(struct wz_stmt *st, void *arg, struct wz_err *err)
{
    (void)err;
    char row[32];
    snprintf(row, sizeof(row), "id=%lld", (long long)wz_stmt_column_int64(st, 0));
    return wz_finding_emit(arg, wz_validator_data_order_totals.name, "orders", row,
                           "order %s of store %lld: subtotal_amount is %lld but its %lld "
                           "item(s) add up to %lld (%s)",
                           wz_stmt_column_text(st, 2), (long long)wz_stmt_column_int64(st, 1),
                           (long long)wz_stmt_column_int64(st, 3),
                           (long long)wz_stmt_column_int64(st, 5),
                           (long long)wz_stmt_column_int64(st, 4), wz_stmt_column_text(st, 6));
}

static int run(const struct wz_validate_ctx *ctx, struct wz_finding_sink *sink, struct wz_err *err)
{
    return wz_validate_paged(
        ctx->db,
        "SELECT o.id, o.store_id, o.order_number, o.subtotal_amount, " ITEMS_SUM
        ", (SELECT count(*) FROM order_items i WHERE i.store_id = o.store_id "
        "AND i.order_id = o.id), o.currency FROM orders o WHERE o.id > $1 "
        "AND o.subtotal_amount <> " ITEMS_SUM " ORDER BY o.id LIMIT " WZ_VALIDATE_PAGE_SQL,
        1, NULL, 0, on_row, sink, err);
}

const struct wz_validator wz_validator_data_order_totals = {
    .name = "data.order_totals",
    .group = WZ_VALIDATE_DATA,
    .needs_db = true,
    .summary = "every order's subtotal equals the sum of its items",
    .run = run,
};
