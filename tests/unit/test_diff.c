/*
 * The schema comparison on small fixture schemas: each kind of difference is found once,
 * with the text a person reads, and what must not count as a difference (column order,
 * constraint names, a generated id's default, PostgreSQL's rewritten CHECK text) does not.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "schema/diff.h"
#include "schema/model.h"

/* Each fixture is the base table with a few fields overridden: that is what ITEMS() does. */
#pragma GCC diagnostic ignored "-Woverride-init"

static const struct wz_column base_cols[] = {
    {.name = "id", .type = WZ_TYPE_INTEGER, .identity = true},
    {.name = "store_id", .type = WZ_TYPE_INTEGER},
    {.name = "sku", .type = WZ_TYPE_TEXT},
    {.name = "price", .type = WZ_TYPE_INTEGER, .def = "0"},
};
static const struct wz_unique base_uniques[] = {{.cols = {"store_id", "sku"}}};
static const struct wz_index base_indexes[] = {{"ix_items_price", {"price"}, false}};
static const struct wz_fk base_fks[] = {
    {.cols = {"store_id"}, .ref_table = "shops", .ref_cols = {"id"}, .on_delete = WZ_FK_CASCADE}};
static const struct wz_check base_checks[] = {{"items_price_check", "price >= 0"}};
static const struct wz_column shop_cols[] = {
    {.name = "id", .type = WZ_TYPE_INTEGER, .identity = true}};

#define SHOPS                                                                                      \
    {                                                                                              \
        .name = "shops", .cols = shop_cols, .ncols = 1, .pk = { "id" }                             \
    }
#define ITEMS(...)                                                                                 \
    {                                                                                              \
        .name = "items", .cols = base_cols, .ncols = 4, .pk = {"store_id", "id"},                  \
        .uniques = base_uniques, .nuniques = 1, .indexes = base_indexes, .nindexes = 1,            \
        .fks = base_fks, .nfks = 1, .checks = base_checks, .nchecks = 1, __VA_ARGS__               \
    }

static const struct wz_table base_tables[] = {SHOPS, ITEMS(.name = "items")};
static const struct wz_schema base = {.tables = base_tables, .ntables = 2};

static struct wz_schema_diff compare(const struct wz_schema *from, const struct wz_schema *to)
{
    struct wz_schema_diff d;
    struct wz_err err = {0};
    assert_int_equal(wz_schema_compare(from, to, &d, &err), 0);
    return d;
}

static void expect_one(const struct wz_schema *from, const struct wz_schema *to,
                       enum wz_change_kind kind, const char *text)
{
    struct wz_schema_diff d = compare(from, to);
    for (int i = 0; i < d.n; i++)
        fprintf(stderr, "# %s\n", d.items[i].text);
    assert_int_equal(d.n, 1);
    assert_int_equal(d.items[0].kind, kind);
    if (strcmp(d.items[0].text, text) != 0)
        fail_msg("text: '%s', expected '%s'", d.items[0].text, text);
    wz_schema_diff_release(&d);
}

static void test_identical_and_reordered_are_equal(void **state)
{
    (void)state;
    struct wz_schema_diff d = compare(&base, &base);
    assert_int_equal(d.n, 0);
    wz_schema_diff_release(&d);
    /* Column order and constraint names do not matter. */
    static const struct wz_column reordered[] = {base_cols[3], base_cols[2], base_cols[1],
                                                 base_cols[0]};
    static const struct wz_unique named[] = {{.name = "whatever", .cols = {"store_id", "sku"}}};
    static const struct wz_table t[] = {SHOPS, ITEMS(.cols = reordered, .uniques = named)};
    static const struct wz_schema other = {.tables = t, .ntables = 2};
    d = compare(&base, &other);
    assert_int_equal(d.n, 0);
    wz_schema_diff_release(&d);
}

static void test_tables(void **state)
{
    (void)state;
    static const struct wz_table only_shops[] = {SHOPS};
    static const struct wz_schema small = {.tables = only_shops, .ntables = 1};
    expect_one(&small, &base, WZ_CHANGE_ADD_TABLE,
               "table 'items' is in the models but not in the database");
    expect_one(&base, &small, WZ_CHANGE_DROP_TABLE,
               "table 'items' is in the database but not in the models");
}

static void test_columns(void **state)
{
    (void)state;
    static const struct wz_column three[] = {base_cols[0], base_cols[1], base_cols[2]};
    static const struct wz_table t3[] = {SHOPS, ITEMS(.cols = three, .ncols = 3)};
    static const struct wz_schema s3 = {.tables = t3, .ntables = 2};
    expect_one(&s3, &base, WZ_CHANGE_ADD_COLUMN,
               "column 'items.price' is in the models but not in the database");
    expect_one(&base, &s3, WZ_CHANGE_DROP_COLUMN,
               "column 'items.price' is in the database but not in the models");

    static const struct wz_column changed[] = {
        base_cols[0],
        base_cols[1],
        base_cols[2],
        {.name = "price", .type = WZ_TYPE_TEXT, .nullable = true}};
    static const struct wz_table tc[] = {SHOPS, ITEMS(.cols = changed)};
    static const struct wz_schema sc = {.tables = tc, .ntables = 2};
    expect_one(&base, &sc, WZ_CHANGE_ALTER_COLUMN,
               "column 'items.price' differs: the database has integer not null default 0, "
               "the models have text null");
}

static void test_keys_and_constraints(void **state)
{
    (void)state;
    static const struct wz_table tpk[] = {SHOPS, ITEMS(.pk = {"id"})};
    static const struct wz_schema spk = {.tables = tpk, .ntables = 2};
    expect_one(&base, &spk, WZ_CHANGE_ALTER_PK,
               "primary key of 'items' differs: the database has (store_id, id), the models "
               "have (id)");

    static const struct wz_table tu[] = {SHOPS, ITEMS(.nuniques = 0)};
    static const struct wz_schema su = {.tables = tu, .ntables = 2};
    expect_one(&su, &base, WZ_CHANGE_ADD_UNIQUE,
               "unique constraint 'items_store_id_sku_key' (store_id, sku) on 'items' is in the "
               "models but not in the database");
    expect_one(&base, &su, WZ_CHANGE_DROP_UNIQUE,
               "unique constraint 'items_store_id_sku_key' (store_id, sku) on 'items' is in the "
               "database but not in the models");

    static const struct wz_table tf[] = {SHOPS, ITEMS(.nfks = 0)};
    static const struct wz_schema sf = {.tables = tf, .ntables = 2};
    expect_one(&sf, &base, WZ_CHANGE_ADD_FK,
               "foreign key 'items_store_id_fkey' (store_id) -> shops (id) on delete cascade on "
               "'items' is in the models but not in the database");
    /* Another ON DELETE is another foreign key: one dropped, one added. */
    static const struct wz_fk restrict_fk[] = {{.cols = {"store_id"},
                                                .ref_table = "shops",
                                                .ref_cols = {"id"},
                                                .on_delete = WZ_FK_RESTRICT}};
    static const struct wz_table tr[] = {SHOPS, ITEMS(.fks = restrict_fk)};
    static const struct wz_schema sr = {.tables = tr, .ntables = 2};
    struct wz_schema_diff d = compare(&base, &sr);
    assert_int_equal(d.n, 2);
    assert_int_equal(d.items[0].kind, WZ_CHANGE_ADD_FK);
    assert_int_equal(d.items[1].kind, WZ_CHANGE_DROP_FK);
    wz_schema_diff_release(&d);
}

static void test_indexes_and_checks(void **state)
{
    (void)state;
    static const struct wz_table ti[] = {SHOPS, ITEMS(.nindexes = 0)};
    static const struct wz_schema si = {.tables = ti, .ntables = 2};
    expect_one(&si, &base, WZ_CHANGE_ADD_INDEX,
               "index 'ix_items_price' on 'items' is in the models but not in the database");
    expect_one(&base, &si, WZ_CHANGE_DROP_INDEX,
               "index 'ix_items_price' on 'items' is in the database but not in the models");
    static const struct wz_index wider[] = {{"ix_items_price", {"price", "sku"}, true}};
    static const struct wz_table tw[] = {SHOPS, ITEMS(.indexes = wider)};
    static const struct wz_schema sw = {.tables = tw, .ntables = 2};
    expect_one(&base, &sw, WZ_CHANGE_ALTER_INDEX,
               "index 'ix_items_price' on 'items' differs: the database has (price), the models "
               "have unique (price, sku)");

    static const struct wz_table tc[] = {SHOPS, ITEMS(.nchecks = 0)};
    static const struct wz_schema sc = {.tables = tc, .ntables = 2};
    expect_one(&sc, &base, WZ_CHANGE_ADD_CHECK,
               "check constraint 'items_price_check' on 'items' is in the models but not in the "
               "database");
    static const struct wz_check other_expr[] = {{"items_price_check", "price > 0"}};
    static const struct wz_table te[] = {SHOPS, ITEMS(.checks = other_expr)};
    static const struct wz_schema se = {.tables = te, .ntables = 2};
    expect_one(&base, &se, WZ_CHANGE_ALTER_CHECK,
               "check constraint 'items_price_check' on 'items' differs: the database has "
               "(price >= 0), the models have (price > 0)");
    /* PostgreSQL rewrites CHECK text: read from it, checks compare by name only. */
    static const struct wz_schema pg = {.tables = te, .ntables = 2, .dialect = WZ_DIALECT_POSTGRES};
    struct wz_schema_diff d = compare(&pg, &base);
    assert_int_equal(d.n, 0);
    wz_schema_diff_release(&d);
}

static void test_copy_and_sort(void **state)
{
    (void)state;
    /* Children listed first come out parents first; a copy compares equal. */
    static const struct wz_table rev[] = {ITEMS(.name = "items"), SHOPS};
    static const struct wz_schema reversed = {.tables = rev, .ntables = 2};
    struct wz_schema copy;
    assert_int_equal(wz_schema_copy(&reversed, &copy), 0);
    wz_schema_sort(&copy);
    assert_string_equal(copy.tables[0].name, "shops");
    assert_string_equal(copy.tables[1].name, "items");
    struct wz_schema_diff d = compare(&copy, &base);
    assert_int_equal(d.n, 0);
    wz_schema_diff_release(&d);
    wz_schema_release(&copy);
    wz_schema_release(&copy); /* twice is harmless */
    wz_schema_diff_release(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_identical_and_reordered_are_equal),
        cmocka_unit_test(test_tables),
        cmocka_unit_test(test_columns),
        cmocka_unit_test(test_keys_and_constraints),
        cmocka_unit_test(test_indexes_and_checks),
        cmocka_unit_test(test_copy_and_sort),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
