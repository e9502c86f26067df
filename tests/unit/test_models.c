/*
 * The rules written at the top of src/schema/models.c, checked on every platform table, so
 * a model change that breaks tenancy, sharding or indexing fails here with the table named.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "schema/ddl.h"
#include "schema/model.h"

static void test_appendix_b_tables_and_platform_needs_exist(void **state)
{
    (void)state;
    const char *names[] = {"users",
                           "admin_settings",
                           "roles",
                           "stores",
                           "store_users",
                           "store_themes",
                           "store_domains",
                           "customers",
                           "customer_addresses",
                           "products",
                           "marketplace_products",
                           "orders",
                           "order_items",
                           "permissions",
                           "role_permissions",
                           "store_invitations"};
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        if (wz_model_table(names[i]) == NULL)
            fail_msg("table '%s' is missing from the models", names[i]);
    /* more tables may follow (docs/extending.md: a table): these are the ones that must be */
    assert_null(wz_model_table("nonexistent"));
    const struct wz_table *inv = wz_model_table("store_invitations");
    assert_non_null(wz_table_column(inv, "expires_at"));
}

static bool valid_name(const char *s)
{
    if (s == NULL || strlen(s) == 0 || strlen(s) > 63 || strncmp(s, "wizamart_", 9) == 0)
        return false;
    for (const char *p = s; *p; p++)
        if (!(islower((unsigned char)*p) || isdigit((unsigned char)*p) || *p == '_'))
            return false;
    return !isdigit((unsigned char)s[0]);
}

static void test_names_fit_postgres(void **state)
{
    (void)state;
    const struct wz_schema *s = wz_models();
    char name[128];
    for (int i = 0; i < s->ntables; i++) {
        const struct wz_table *t = &s->tables[i];
        if (!valid_name(t->name))
            fail_msg("bad table name '%s'", t->name);
        for (int j = 0; j < t->ncols; j++)
            if (!valid_name(t->cols[j].name))
                fail_msg("bad column name '%s.%s'", t->name, t->cols[j].name);
        for (int j = 0; j < t->nuniques; j++) {
            wz_ddl_unique_name(t, &t->uniques[j], name, sizeof(name));
            if (!valid_name(name))
                fail_msg("unique name '%s' on '%s' is invalid or too long", name, t->name);
        }
        for (int j = 0; j < t->nfks; j++) {
            wz_ddl_fk_name(t, &t->fks[j], name, sizeof(name));
            if (!valid_name(name))
                fail_msg("foreign key name '%s' on '%s' is invalid or too long", name, t->name);
        }
        for (int j = 0; j < t->nindexes; j++)
            if (!valid_name(t->indexes[j].name))
                fail_msg("index name '%s' on '%s'", t->indexes[j].name, t->name);
        for (int j = 0; j < t->nchecks; j++)
            if (!valid_name(t->checks[j].name))
                fail_msg("check name '%s' on '%s'", t->checks[j].name, t->name);
    }
}

static bool starts_with_store_id(const char *const cols[WZ_KEY_MAX])
{
    return cols[0] != NULL && strcmp(cols[0], "store_id") == 0;
}

static void test_tenant_tables_are_keyed_by_store(void **state)
{
    (void)state;
    const struct wz_schema *s = wz_models();
    int tenants = 0;
    for (int i = 0; i < s->ntables; i++) {
        const struct wz_table *t = &s->tables[i];
        if (!wz_table_is_tenant(t))
            continue;
        tenants++;
        const struct wz_column *store = wz_table_column(t, "store_id");
        if (store == NULL || store->nullable || store->type != WZ_TYPE_INTEGER)
            fail_msg("tenant table '%s' needs store_id integer not null", t->name);
        if (wz_table_column(t, "is_demo") == NULL)
            fail_msg("tenant table '%s' has no is_demo", t->name);
        /* Sharding: every unique key includes store_id (and starts with it). */
        for (int j = 0; j < t->nuniques; j++)
            if (!starts_with_store_id(t->uniques[j].cols))
                fail_msg("unique constraint %d of tenant table '%s' lacks store_id", j, t->name);
        for (int j = 0; j < t->nindexes; j++)
            if (t->indexes[j].unique && !wz_cols_has(t->indexes[j].cols, "store_id"))
                fail_msg("unique index '%s' lacks store_id", t->indexes[j].name);
        bool to_store = false;
        for (int j = 0; j < t->nfks; j++) {
            const struct wz_fk *fk = &t->fks[j];
            if (strcmp(fk->ref_table, "stores") == 0 && strcmp(fk->cols[0], "store_id") == 0)
                to_store = fk->on_delete == WZ_FK_CASCADE;
            /* No cross-store reference: a key into another tenant table names store_id on
             * both sides. */
            const struct wz_table *parent = wz_model_table(fk->ref_table);
            if (parent != NULL && wz_table_is_tenant(parent) &&
                (!starts_with_store_id(fk->cols) || !starts_with_store_id(fk->ref_cols)))
                fail_msg("foreign key %d of '%s' into tenant table '%s' lacks store_id", j, t->name,
                         fk->ref_table);
        }
        if (!to_store)
            fail_msg("tenant table '%s' needs store_id -> stores ON DELETE CASCADE", t->name);
    }
    assert_true(tenants >= 9);
}

/* True when cols is a prefix of some key or index of t. */
static bool indexed(const struct wz_table *t, const char *const cols[WZ_KEY_MAX])
{
    int n = wz_cols_count(cols);
    const char *const *lists[64];
    int nl = 0;
    lists[nl++] = t->pk;
    for (int i = 0; i < t->nuniques && nl < 64; i++)
        lists[nl++] = t->uniques[i].cols;
    for (int i = 0; i < t->nindexes && nl < 64; i++)
        lists[nl++] = t->indexes[i].cols;
    for (int l = 0; l < nl; l++) {
        bool prefix = wz_cols_count(lists[l]) >= n;
        for (int i = 0; prefix && i < n; i++)
            prefix = strcmp(lists[l][i], cols[i]) == 0;
        if (prefix)
            return true;
    }
    return false;
}

static void test_foreign_keys_are_indexed_and_point_backwards(void **state)
{
    (void)state;
    const struct wz_schema *s = wz_models();
    for (int i = 0; i < s->ntables; i++) {
        const struct wz_table *t = &s->tables[i];
        for (int j = 0; j < t->nfks; j++) {
            const struct wz_fk *fk = &t->fks[j];
            if (!indexed(t, fk->cols))
                fail_msg("foreign key %d of '%s' (%s, ...) is not indexed", j, t->name,
                         fk->cols[0]);
            const struct wz_table *parent = NULL;
            for (int k = 0; k < i; k++)
                if (strcmp(s->tables[k].name, fk->ref_table) == 0)
                    parent = &s->tables[k];
            if (parent == NULL)
                fail_msg("'%s' references '%s', which is not listed before it", t->name,
                         fk->ref_table);
            /* The target is the parent's primary key (or a unique). */
            if (!wz_cols_equal(fk->ref_cols, parent->pk)) {
                bool unique = false;
                for (int k = 0; k < parent->nuniques; k++)
                    unique = unique || wz_cols_equal(fk->ref_cols, parent->uniques[k].cols);
                if (!unique)
                    fail_msg("'%s' references columns of '%s' that are not a key", t->name,
                             parent->name);
            }
            for (int c = 0; c < wz_cols_count(fk->cols); c++)
                if (wz_table_column(t, fk->cols[c]) == NULL)
                    fail_msg("foreign key column '%s.%s' does not exist", t->name, fk->cols[c]);
        }
    }
}

static void test_keys_and_types(void **state)
{
    (void)state;
    const struct wz_schema *s = wz_models();
    for (int i = 0; i < s->ntables; i++) {
        const struct wz_table *t = &s->tables[i];
        if (t->pk[0] == NULL)
            fail_msg("'%s' has no primary key", t->name);
        for (int c = 0; c < wz_cols_count(t->pk); c++)
            if (wz_table_column(t, t->pk[c]) == NULL)
                fail_msg("primary key column '%s.%s' does not exist", t->name, t->pk[c]);
        const struct wz_column *id = wz_table_identity(t);
        /* SQLite's rowid: the generated id ends the primary key. */
        if (id != NULL && strcmp(t->pk[wz_cols_count(t->pk) - 1], id->name) != 0)
            fail_msg("the generated id of '%s' must end its primary key", t->name);
        if (id == NULL && wz_cols_count(t->pk) == 1)
            fail_msg("'%s': a one-column key must be the generated id (SQLite rowid)", t->name);
        for (int j = 0; j < t->ncols; j++) {
            const struct wz_column *c = &t->cols[j];
            if (c->type == WZ_TYPE_OTHER)
                fail_msg("'%s.%s' has no logical type", t->name, c->name);
            size_t n = strlen(c->name);
            if (n > 7 && strcmp(c->name + n - 7, "_amount") == 0 && c->type != WZ_TYPE_INTEGER)
                fail_msg("money column '%s.%s' must be integer minor units", t->name, c->name);
            if (n > 3 && strcmp(c->name + n - 3, "_at") == 0 && c->type != WZ_TYPE_TIMESTAMP)
                fail_msg("'%s.%s' must be a timestamp", t->name, c->name);
        }
        /* Money comes with its currency. */
        bool money = false;
        for (int j = 0; j < t->ncols; j++) {
            size_t n = strlen(t->cols[j].name);
            money = money || (n > 7 && strcmp(t->cols[j].name + n - 7, "_amount") == 0);
        }
        if (money && wz_table_column(t, "currency") == NULL &&
            wz_table_column(t, "order_id") == NULL)
            fail_msg("'%s' has amounts but no currency", t->name);
    }
}

static void test_models_follow_the_rules(void **state)
{
    (void)state;
    struct wz_err err = {0};
    if (wz_schema_check_rules(wz_models(), &err) != 0)
        fail_msg("%s", err.msg);
}

/* TENANT_FK(..., SET_NULL) names store_id, part of the key: deleting the parent would null it. */
static void test_tenant_fk_set_null_is_refused(void **state)
{
    (void)state;
    static const struct wz_column cols[] = {
        {.name = "id", .type = WZ_TYPE_INTEGER, .identity = true},
        {.name = "store_id", .type = WZ_TYPE_INTEGER},
        {.name = "customer_id", .type = WZ_TYPE_INTEGER, .nullable = true},
        {.name = "code", .type = WZ_TYPE_INTEGER},
    };
    static struct wz_fk fks[] = {{.cols = {"store_id", "customer_id"},
                                  .ref_table = "customers",
                                  .ref_cols = {"store_id", "id"},
                                  .on_delete = WZ_FK_SET_NULL}};
    static const struct wz_table t = {.name = "orders",
                                      .cols = cols,
                                      .ncols = 4,
                                      .pk = {"store_id", "id"},
                                      .fks = fks,
                                      .nfks = 1};
    const struct wz_schema s = {.tables = &t, .ntables = 1};
    struct wz_err err = {0};
    assert_int_equal(wz_schema_check_rules(&s, &err), WZ_EFAIL);
    assert_non_null(strstr(err.msg, "table 'orders': the foreign key (store_id, customer_id) -> "
                                    "customers ON DELETE SET NULL can never work"));
    assert_non_null(strstr(err.msg, "store_id is part of the primary key"));
    /* A plain SET NULL on a nullable column is fine; on a NOT NULL one it is not. */
    fks[0] = (struct wz_fk){.cols = {"customer_id"},
                            .ref_table = "customers",
                            .ref_cols = {"id"},
                            .on_delete = WZ_FK_SET_NULL};
    assert_int_equal(wz_schema_check_rules(&s, &err), 0);
    fks[0].cols[0] = "code";
    assert_int_equal(wz_schema_check_rules(&s, &err), WZ_EFAIL);
    assert_non_null(strstr(err.msg, "code is NOT NULL"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_appendix_b_tables_and_platform_needs_exist),
        cmocka_unit_test(test_names_fit_postgres),
        cmocka_unit_test(test_tenant_tables_are_keyed_by_store),
        cmocka_unit_test(test_foreign_keys_are_indexed_and_point_backwards),
        cmocka_unit_test(test_keys_and_types),
        cmocka_unit_test(test_models_follow_the_rules),
        cmocka_unit_test(test_tenant_fk_set_null_is_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
