/*
 * Introspection against real SQLite files: the platform models rendered by ddl.c and read
 * back must equal the models (no difference at all), for every table; defaults, keys,
 * constraint names and CHECKs survive the trip; a database changed by hand shows up as
 * drift, one line per difference. The same on PostgreSQL (WZ_PG_URL).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/strbuf.h"
#include "db/db.h"
#include "schema/ddl.h"
#include "schema/diff.h"
#include "schema/introspect.h"
#include "schema/model.h"
#include "tmpdb.h"

static int setup(void **state)
{
    return tmpdb_setup(state, "wz_introspect_");
}

static int teardown(void **state)
{
    return tmpdb_teardown(state);
}

static void exec_ok(struct wz_db *db, const char *sql)
{
    struct wz_err err = {0};
    int rc = wz_db_exec(db, sql, &err);
    if (rc != 0)
        fail_msg("%s\n-- in --\n%s", err.msg, sql);
}

static void create_models(struct wz_db *db)
{
    struct wz_strbuf sb = WZ_STRBUF_INIT;
    assert_int_equal(wz_ddl_create_schema(&sb, WZ_DIALECT_SQLITE, wz_models()), 0);
    exec_ok(db, wz_strbuf_str(&sb));
    wz_strbuf_release(&sb);
}

/* Prints every difference (so a failure says what) and returns how many there are. */
static int drift_count(struct wz_db *db, const struct wz_schema *models, struct wz_schema_diff *d)
{
    struct wz_err err = {0};
    int rc = wz_schema_drift(db, models, d, &err);
    if (rc != 0)
        fail_msg("drift failed: %s", err.msg);
    for (int i = 0; i < d->n; i++)
        fprintf(stderr, "# drift: %s\n", d->items[i].text);
    return d->n;
}

static bool drift_has(const struct wz_schema_diff *d, enum wz_change_kind kind, const char *text)
{
    for (int i = 0; i < d->n; i++)
        if (d->items[i].kind == kind && strstr(d->items[i].text, text) != NULL)
            return true;
    return false;
}

static void test_platform_round_trip_has_no_drift(void **state)
{
    struct tmpdb *f = *state;
    create_models(f->db);
    struct wz_schema_diff d;
    assert_int_equal(drift_count(f->db, wz_models(), &d), 0);
    assert_int_equal(d.db.ntables, wz_models()->ntables);
    wz_schema_diff_release(&d);
}

static void test_read_back_keys_names_and_checks(void **state)
{
    struct tmpdb *f = *state;
    create_models(f->db);
    struct wz_schema s;
    struct wz_err err = {0};
    assert_int_equal(wz_introspect(f->db, &s, &err), 0);
    assert_int_equal(s.dialect, WZ_DIALECT_SQLITE);

    const struct wz_table *items = wz_schema_table(&s, "order_items");
    assert_non_null(items);
    /* The rowid + UNIQUE (store_id, id) folded back into the tenant key. */
    assert_string_equal(items->pk[0], "store_id");
    assert_string_equal(items->pk[1], "id");
    assert_null(items->pk[2]);
    assert_true(wz_table_identity(items) != NULL);
    assert_int_equal(items->nuniques, 0);
    /* Composite foreign keys, with the names ddl.c gave them. */
    bool found = false;
    for (int i = 0; i < items->nfks; i++) {
        const struct wz_fk *fk = &items->fks[i];
        if (strcmp(fk->ref_table, "orders") == 0) {
            found = true;
            assert_string_equal(fk->name, "order_items_store_id_order_id_fkey");
            assert_string_equal(fk->cols[0], "store_id");
            assert_string_equal(fk->cols[1], "order_id");
            assert_string_equal(fk->ref_cols[1], "id");
            assert_int_equal(fk->on_delete, WZ_FK_CASCADE);
        }
    }
    assert_true(found);
    const struct wz_column *qty = wz_table_column(items, "is_demo");
    assert_int_equal(qty->type, WZ_TYPE_BOOLEAN);
    assert_string_equal(qty->def, "false");
    assert_false(qty->nullable);
    const struct wz_column *created = wz_table_column(items, "created_at");
    assert_int_equal(created->type, WZ_TYPE_TIMESTAMP);
    assert_string_equal(created->def, "now");

    const struct wz_table *orders = wz_schema_table(&s, "orders");
    bool total = false;
    for (int i = 0; i < orders->nchecks; i++)
        if (strcmp(orders->checks[i].name, "orders_total_check") == 0) {
            total = true;
            assert_string_equal(orders->checks[i].expr,
                                "total_amount = subtotal_amount + shipping_amount + tax_amount");
        }
    assert_true(total);
    assert_int_equal(orders->nuniques, 1);
    assert_string_equal(orders->uniques[0].name, "orders_store_id_order_number_key");

    /* Parents before children. */
    int pos_orders = -1, pos_items = -1;
    for (int i = 0; i < s.ntables; i++) {
        if (strcmp(s.tables[i].name, "orders") == 0)
            pos_orders = i;
        if (strcmp(s.tables[i].name, "order_items") == 0)
            pos_items = i;
    }
    assert_true(pos_orders < pos_items);
    wz_schema_release(&s);
}

static void test_tool_tables_are_not_schema(void **state)
{
    struct tmpdb *f = *state;
    exec_ok(f->db, "CREATE TABLE wizamart_migrations (revision TEXT PRIMARY KEY);");
    struct wz_schema s;
    struct wz_err err = {0};
    assert_int_equal(wz_introspect(f->db, &s, &err), 0);
    assert_int_equal(s.ntables, 0);
    wz_schema_release(&s);
}

static void test_drift_lists_each_difference(void **state)
{
    struct tmpdb *f = *state;
    create_models(f->db);
    exec_ok(f->db, "PRAGMA foreign_keys = OFF;"
                   "DROP INDEX ix_orders_store_id_placed_at;"
                   "CREATE INDEX ix_customers_phone ON customers (phone);"
                   "ALTER TABLE customers ADD COLUMN nickname TEXT;"
                   "DROP TABLE marketplace_products;"
                   "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);");
    struct wz_schema_diff d;
    assert_int_equal(drift_count(f->db, wz_models(), &d), 5);
    assert_true(drift_has(&d, WZ_CHANGE_ADD_INDEX,
                          "index 'ix_orders_store_id_placed_at' on "
                          "'orders' is in the models but not in the "
                          "database"));
    assert_true(drift_has(&d, WZ_CHANGE_DROP_INDEX, "ix_customers_phone"));
    assert_true(drift_has(&d, WZ_CHANGE_DROP_COLUMN,
                          "column 'customers.nickname' is in the database but not in the models"));
    assert_true(drift_has(&d, WZ_CHANGE_ADD_TABLE, "table 'marketplace_products'"));
    assert_true(drift_has(&d, WZ_CHANGE_DROP_TABLE, "table 'notes'"));
    wz_schema_diff_release(&d);
}

static void test_drift_sees_changed_column_and_constraints(void **state)
{
    struct tmpdb *f = *state;
    create_models(f->db);
    /* Rebuild permissions by hand: code loses its UNIQUE and its NOT NULL, and a CHECK is
     * added. */
    exec_ok(f->db, "PRAGMA foreign_keys = OFF;"
                   "DROP TABLE permissions;"
                   "CREATE TABLE permissions (id INTEGER PRIMARY KEY, code TEXT, description TEXT,"
                   " created_at TIMESTAMP NOT NULL DEFAULT (" WZ_SQLITE_NOW "),"
                   " CONSTRAINT permissions_code_check CHECK (length(code) > 0));");
    struct wz_schema_diff d;
    assert_int_equal(drift_count(f->db, wz_models(), &d), 3);
    assert_true(drift_has(&d, WZ_CHANGE_ALTER_COLUMN,
                          "column 'permissions.code' differs: the database has text null, the "
                          "models have text not null"));
    assert_true(drift_has(&d, WZ_CHANGE_ADD_UNIQUE, "unique constraint 'permissions_code_key'"));
    assert_true(drift_has(&d, WZ_CHANGE_DROP_CHECK, "permissions_code_check"));
    wz_schema_diff_release(&d);
}

static void test_default_mapping(void **state)
{
    (void)state;
    struct {
        enum wz_dialect d;
        enum wz_type t;
        const char *raw, *want;
    } cases[] = {
        {WZ_DIALECT_SQLITE, WZ_TYPE_BOOLEAN, "0", "false"},
        {WZ_DIALECT_SQLITE, WZ_TYPE_BOOLEAN, "1", "true"},
        {WZ_DIALECT_SQLITE, WZ_TYPE_TIMESTAMP, WZ_SQLITE_NOW, "now"},
        {WZ_DIALECT_SQLITE, WZ_TYPE_TEXT, "'active'", "'active'"},
        {WZ_DIALECT_SQLITE, WZ_TYPE_INTEGER, "-1", "-1"},
        {WZ_DIALECT_SQLITE, WZ_TYPE_TEXT, "NULL", NULL},
        {WZ_DIALECT_POSTGRES, WZ_TYPE_BOOLEAN, "false", "false"},
        {WZ_DIALECT_POSTGRES, WZ_TYPE_TIMESTAMP, "now()", "now"},
        {WZ_DIALECT_POSTGRES, WZ_TYPE_TEXT, "'active'::text", "'active'"},
        {WZ_DIALECT_POSTGRES, WZ_TYPE_TEXT, "'it''s'::text", "'it''s'"},
        {WZ_DIALECT_POSTGRES, WZ_TYPE_JSON, "'{}'::jsonb", "'{}'"},
        {WZ_DIALECT_POSTGRES, WZ_TYPE_INTEGER, "'-1'::integer", "-1"},
        {WZ_DIALECT_POSTGRES, WZ_TYPE_INTEGER, "0", "0"},
        {WZ_DIALECT_POSTGRES, WZ_TYPE_TEXT, "upper('x'::text)", "upper('x'::text)"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char *got = wz_introspect_default(cases[i].d, cases[i].t, cases[i].raw);
        if (cases[i].want == NULL)
            assert_null(got);
        else
            assert_string_equal(got, cases[i].want);
        free(got);
    }
}

/* ---- PostgreSQL (WZ_PG_URL, which tests/run.sh provides) ---- */

static int setup_pg(void **state)
{
    const char *url = getenv("WZ_PG_URL");
    *state = NULL;
    if (url == NULL || url[0] == '\0')
        return 0; /* the test skips itself */
    struct tmpdb *f = calloc(1, sizeof(*f));
    struct wz_err err = {0};
    if (wz_db_open_url(url, NULL, &f->db, &err) != 0) {
        fprintf(stderr, "%s\n", err.msg);
        return -1;
    }
    if (wz_db_exec(f->db,
                   "DROP SCHEMA IF EXISTS wz_introspect_test CASCADE;"
                   " CREATE SCHEMA wz_introspect_test; SET search_path TO wz_introspect_test",
                   &err) != 0) {
        fprintf(stderr, "%s\n", err.msg);
        return -1;
    }
    *state = f;
    return 0;
}

static int teardown_pg(void **state)
{
    struct tmpdb *f = *state;
    if (f == NULL)
        return 0;
    struct wz_err err = {0};
    int rc = wz_db_exec(f->db, "DROP SCHEMA wz_introspect_test CASCADE", &err);
    wz_db_close(f->db);
    free(f);
    return rc == 0 ? 0 : -1;
}

static void test_postgres_round_trip_drift_and_tenancy(void **state)
{
    struct tmpdb *f = *state;
    if (f == NULL)
        skip(); /* WZ_PG_URL unset: run through tests/run.sh, which starts a server */
    struct wz_strbuf sb = WZ_STRBUF_INIT;
    assert_int_equal(wz_ddl_create_schema(&sb, WZ_DIALECT_POSTGRES, wz_models()), 0);
    exec_ok(f->db, wz_strbuf_str(&sb));
    wz_strbuf_release(&sb);
    struct wz_schema_diff d;
    assert_int_equal(drift_count(f->db, wz_models(), &d), 0);
    assert_int_equal(d.db.dialect, WZ_DIALECT_POSTGRES);
    const struct wz_table *items = wz_schema_table(&d.db, "order_items");
    assert_string_equal(items->pk[0], "store_id");
    assert_string_equal(items->pk[1], "id");
    assert_true(wz_table_column(items, "id")->identity);
    wz_schema_diff_release(&d);

    /* A cross-store reference is refused by PostgreSQL too. */
    exec_ok(f->db, "INSERT INTO users (id, email, username, password_hash) VALUES"
                   " (1, 'o@example.com', 'o', 'x');"
                   "INSERT INTO stores (id, code, name, subdomain, owner_user_id) VALUES"
                   " (1, 'ONE', 'One', 'one', 1), (2, 'TWO', 'Two', 'two', 1);"
                   "INSERT INTO products (id, store_id, sku, title, price_amount, currency)"
                   " VALUES (5, 1, 'MUG', 'Mug', 1200, 'EUR');"
                   "INSERT INTO orders (id, store_id, order_number, currency, subtotal_amount,"
                   " total_amount) VALUES (7, 2, 'B-1', 'EUR', 1200, 1200);");
    struct wz_err err = {0};
    assert_true(wz_db_exec(f->db,
                           "INSERT INTO order_items (store_id, order_id, product_id, sku, title,"
                           " quantity, unit_price_amount, line_total_amount) VALUES"
                           " (2, 7, 5, 'MUG', 'Mug', 1, 1200, 1200)",
                           &err) < 0);
    assert_non_null(strstr(err.msg, "order_items_store_id_product_id_fkey"));

    /* Changes made by hand are drift, one line each. */
    exec_ok(f->db, "DROP INDEX ix_orders_store_id_placed_at;"
                   "ALTER TABLE customers ADD COLUMN nickname TEXT;"
                   "UPDATE products SET description = '';"
                   "ALTER TABLE products ALTER COLUMN description SET NOT NULL;"
                   "ALTER TABLE products ALTER COLUMN stock_quantity SET DEFAULT 5;"
                   "ALTER TABLE orders DROP CONSTRAINT orders_total_check;"
                   "ALTER TABLE store_users DROP CONSTRAINT store_users_role_id_fkey;");
    assert_int_equal(drift_count(f->db, wz_models(), &d), 6);
    assert_true(drift_has(&d, WZ_CHANGE_ADD_INDEX, "ix_orders_store_id_placed_at"));
    assert_true(drift_has(&d, WZ_CHANGE_DROP_COLUMN, "customers.nickname"));
    assert_true(drift_has(&d, WZ_CHANGE_ALTER_COLUMN,
                          "column 'products.description' differs: the database has text not "
                          "null, the models have text null"));
    assert_true(drift_has(&d, WZ_CHANGE_ALTER_COLUMN, "default 5"));
    assert_true(drift_has(&d, WZ_CHANGE_ADD_CHECK, "orders_total_check"));
    assert_true(drift_has(&d, WZ_CHANGE_ADD_FK, "store_users_role_id_fkey"));
    wz_schema_diff_release(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_platform_round_trip_has_no_drift, setup, teardown),
        cmocka_unit_test_setup_teardown(test_read_back_keys_names_and_checks, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tool_tables_are_not_schema, setup, teardown),
        cmocka_unit_test_setup_teardown(test_drift_lists_each_difference, setup, teardown),
        cmocka_unit_test_setup_teardown(test_drift_sees_changed_column_and_constraints, setup,
                                        teardown),
        cmocka_unit_test(test_default_mapping),
        cmocka_unit_test_setup_teardown(test_postgres_round_trip_drift_and_tenancy, setup_pg,
                                        teardown_pg),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
