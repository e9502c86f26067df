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
    /* A group of two or more has a member whose email is not in lowercase, or two members
     * with the very same email: one ordered pass over the (store_id, email) key finds those
     * spellings (cand) without sorting every customer by lower(email). Each group is then
     * read through the same key: its members spelled like a candidate, and the one spelled
     * in lowercase (members). That is every member, so the groups' sizes and first ids are
     * those of all the store's customers with that email. */
    return wz_validate_paged(
        ctx->db,
        "WITH cand AS (SELECT store_id, email, lower(email) AS k FROM customers GROUP BY "
        "store_id, email HAVING COUNT(*) > 1 OR email <> lower(email)), "
        "members AS (SELECT c.id, c.store_id, cand.k, c.email FROM cand JOIN customers c ON "
        "c.store_id = cand.store_id AND c.email = cand.email UNION SELECT c.id, c.store_id, "
        "cand.k, c.email FROM cand JOIN customers c ON c.store_id = cand.store_id AND c.email = "
        "cand.k), "
        "grp AS (SELECT store_id, k, MIN(id) AS first_id FROM members GROUP BY store_id, k "
        "HAVING COUNT(*) > 1) "
        "SELECT m.id, m.store_id, m.email, g.first_id FROM members m JOIN grp g ON g.store_id = "
        "m.store_id AND g.k = m.k WHERE m.id > $1 AND m.id <> g.first_id ORDER BY m.id "
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
