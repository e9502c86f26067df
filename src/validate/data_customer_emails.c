/*
 * data.customer_emails: two customers of one store whose emails differ only in case
 * (Ann@x.com and ann@x.com). The unique constraint (store_id, email) compares exactly, and the
 * lowercase CHECK that makes it case-insensitive can be bypassed by hand; the store then has
 * two accounts for one person. Every duplicate after the first (lowest id) is a finding.
 */
#include "validate/validate.h"

#include <stdio.h>

#include "schema/introspect.h"

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

/* Where the live table keeps a UNIQUE constraint on exactly (store_id, email), no two
 * customers of a store share one spelling: a constraint (unlike an index) cannot be partial,
 * so this holds for every row. Any other schema (the constraint dropped, the table rebuilt
 * by hand) gets the grouped pass that also finds identical spellings. */
static int email_unique(struct wz_db *db, bool *unique, struct wz_err *err)
{
    struct wz_schema live;
    int rc = wz_introspect(db, &live, err);
    const struct wz_table *t = rc == WZ_OK ? wz_schema_table(&live, "customers") : NULL;
    *unique = false;
    for (int i = 0; t != NULL && i < t->nuniques && !*unique; i++) {
        const char *const *cols = t->uniques[i].cols;
        *unique =
            wz_cols_count(cols) == 2 && wz_cols_has(cols, "store_id") && wz_cols_has(cols, "email");
    }
    wz_schema_release(&live);
    return rc;
}

/* A group of two or more has a member whose email is not in lowercase, or two members with
 * the very same email. One pass over the (store_id, email) key finds those spellings (cand)
 * without sorting every customer by lower(email); each group is then read through the same
 * key: its members spelled like a candidate, and the one spelled in lowercase (members). That
 * is every member, so the groups' sizes and first ids are those of all the store's customers
 * with that email. */
#define CAND_UNIQUE                                                                                \
    "SELECT store_id, email, lower(email) AS k FROM customers WHERE email <> lower(email)"
#define CAND_GROUPED                                                                               \
    "SELECT store_id, email, lower(email) AS k FROM customers GROUP BY store_id, email HAVING "    \
    "COUNT(*) > 1 OR email <> lower(email)"
#define GROUPS                                                                                     \
    "), members AS (SELECT c.id, c.store_id, cand.k, c.email FROM cand JOIN customers c ON "       \
    "c.store_id = cand.store_id AND c.email = cand.email UNION SELECT c.id, c.store_id, cand.k, "  \
    "c.email FROM cand JOIN customers c ON c.store_id = cand.store_id AND c.email = cand.k), "     \
    "grp AS (SELECT store_id, k, MIN(id) AS first_id FROM members GROUP BY store_id, k HAVING "    \
    "COUNT(*) > 1) SELECT m.id, m.store_id, m.email, g.first_id FROM members m JOIN grp g ON "     \
    "g.store_id = m.store_id AND g.k = m.k WHERE m.id > $1 AND m.id <> g.first_id ORDER BY m.id "  \
    "LIMIT " WZ_VALIDATE_PAGE_SQL

static int run(const struct wz_validate_ctx *ctx, struct wz_finding_sink *sink, struct wz_err *err)
{
    bool unique;
    int rc = email_unique(ctx->db, &unique, err);
    if (rc != WZ_OK)
        return rc;
    return wz_validate_paged(ctx->db,
                             unique ? "WITH cand AS (" CAND_UNIQUE GROUPS
                                    : "WITH cand AS (" CAND_GROUPED GROUPS,
                             1, NULL, 0, on_row, sink, err);
}

const struct wz_validator wz_validator_data_customer_emails = {
    .name = "data.customer_emails",
    .group = WZ_VALIDATE_DATA,
    .needs_db = true,
    .summary = "no two customers of a store share an email (ignoring case)",
    .run = run,
};
