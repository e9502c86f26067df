/*
 * data.customer_emails: two customers of one store whose emails differ only in case
 * (Ann@x.com and ann@x.com). The unique constraint (store_id, email) compares exactly, and the
 * lowercase CHECK that makes it case-insensitive can be bypassed by hand; the store then has
 * two accounts for one person. Every duplicate after the first (lowest id) is a finding.
 */
#include "validate/validate.h"

#include <stdio.h>

static int on_row(struct wz_stmt *st, void *arg, struct wz_err *err)
{
    (void)err;
    char row[32];
    snprintf(row, sizeof(row), "id=%lld", (long long)wz_stmt_column_int64(st, 0));
    return wz_finding_emit(arg, wz_validator_data_customer_emails.name, "customers", row,
                           "email '%s' duplicates customer id=%lld of the same store %lld "
                           "(emails compare without case); merge the two customers",
                           wz_stmt_column_text(st, 2), (long long)wz_stmt_column_int64(st, 3),
                           (long long)wz_stmt_column_int64(st, 1));
}

static int run(const struct wz_validate_ctx *ctx, struct wz_finding_sink *sink, struct wz_err *err)
{
    /* The duplicate groups are found once per page by the database (a sort, not a query per
     * customer); the page then lists the customers of those groups after the first. */
    return wz_validate_paged(
        ctx->db,
        "SELECT c.id, c.store_id, c.email, d.first_id FROM customers c JOIN (SELECT store_id, "
        "lower(email) AS email_key, MIN(id) AS first_id FROM customers GROUP BY store_id, "
        "lower(email) HAVING COUNT(*) > 1) d ON d.store_id = c.store_id AND d.email_key = "
        "lower(c.email) WHERE c.id > $1 AND c.id <> d.first_id ORDER BY c.id "
        "LIMIT " WZ_VALIDATE_PAGE_SQL,
        1, NULL, 0, on_row, sink, err);
}

const struct wz_validator wz_validator_data_customer_emails = {
    .name = "data.customer_emails",
    .group = WZ_VALIDATE_DATA,
    .needs_db = true,
    .summary = "no two customers of a store share an email (ignoring case)",
    .run = run,
};
