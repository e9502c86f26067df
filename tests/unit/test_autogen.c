/*
 * Autogenerate with fixture models (not the platform's): each step changes the models, writes
 * a revision with wz_autogen_create_from into a temp folder, applies it to a real SQLite
 * file with the migration runner, and checks what a user would: the revision says what it does,
 * `check` is then clean, the database equals the models, the rows survive, and the downgrade gives
 * back exactly the schema before. Steps: create from nothing; add a table, a column (plain ALTER
 * and table rebuild), an index, a unique constraint and a foreign key; remove each of them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db/db.h"
#include "migrate/autogen.h"
#include "migrate/revision.h"
#include "migrate/runner.h"
#include "schema/diff.h"
#include "schema/introspect.h"
#include "schema/model.h"

/* ---- the fixture models ---- */

#define ID                                                                                         \
    {                                                                                              \
        .name = "id", .type = WZ_TYPE_INTEGER, .identity = true                                    \
    }
#define TEXT(n)                                                                                    \
    {                                                                                              \
        .name = n, .type = WZ_TYPE_TEXT                                                            \
    }
#define TEXT_NULL(n)                                                                               \
    {                                                                                              \
        .name = n, .type = WZ_TYPE_TEXT, .nullable = true                                          \
    }
#define FK_SHOP                                                                                    \
    {                                                                                              \
        .cols = {"store_id"}, .ref_table = "shops", .ref_cols = {"id"}, .on_delete = WZ_FK_CASCADE \
    }

/* v1: shops, goods (a tenant table), legacy. */
static const struct wz_column shops_cols[] = {ID, TEXT("code"), TEXT("name")};
static const struct wz_unique shops_uniques[] = {{.cols = {"code"}}};

static const struct wz_column goods_v1_cols[] = {
    ID,
    {.name = "store_id", .type = WZ_TYPE_INTEGER},
    TEXT("sku"),
    {.name = "price", .type = WZ_TYPE_INTEGER, .def = "0"},
    TEXT_NULL("note"),
};
static const struct wz_unique goods_uniques[] = {{.cols = {"store_id", "sku"}}};
static const struct wz_index goods_v1_indexes[] = {{"ix_goods_price", {"price"}, false}};
static const struct wz_fk goods_v1_fks[] = {FK_SHOP};
static const struct wz_check goods_checks[] = {{"goods_price_check", "price >= 0"}};

static const struct wz_column legacy_cols[] = {ID, TEXT_NULL("body")};

static const struct wz_table v1_tables[] = {
    {.name = "shops",
     .cols = shops_cols,
     .ncols = 3,
     .pk = {"id"},
     .uniques = shops_uniques,
     .nuniques = 1},
    {.name = "goods",
     .cols = goods_v1_cols,
     .ncols = WZ_LEN(goods_v1_cols),
     .pk = {"store_id", "id"},
     .uniques = goods_uniques,
     .nuniques = 1,
     .indexes = goods_v1_indexes,
     .nindexes = 1,
     .fks = goods_v1_fks,
     .nfks = 1,
     .checks = goods_checks,
     .nchecks = 1},
    {.name = "legacy", .cols = legacy_cols, .ncols = 2, .pk = {"id"}},
};
static const struct wz_schema v1 = {.tables = v1_tables, .ntables = 3};

/* v2 adds: table tags; columns goods.weight (NOT NULL DEFAULT: a plain ALTER),
 * goods.tag_id and goods.added_at (a default SQLite's ALTER refuses: a rebuild); index
 * ix_goods_sku_weight; unique (store_id, tag_id, sku); foreign key (store_id, tag_id) -> tags. */
static const struct wz_column tags_cols[] = {
    ID, {.name = "store_id", .type = WZ_TYPE_INTEGER}, TEXT("label")};
static const struct wz_fk tags_fks[] = {FK_SHOP};

static const struct wz_column goods_v2_cols[] = {
    ID,
    {.name = "store_id", .type = WZ_TYPE_INTEGER},
    TEXT("sku"),
    {.name = "price", .type = WZ_TYPE_INTEGER, .def = "0"},
    TEXT_NULL("note"),
    {.name = "weight", .type = WZ_TYPE_INTEGER, .def = "0"},
    {.name = "tag_id", .type = WZ_TYPE_INTEGER, .nullable = true},
    {.name = "added_at", .type = WZ_TYPE_TIMESTAMP, .def = "now"},
    {.name = "is_hidden", .type = WZ_TYPE_BOOLEAN, .def = "false"},
};
static const struct wz_unique goods_v2_uniques[] = {
    {.cols = {"store_id", "sku"}},
    {.cols = {"store_id", "tag_id", "sku"}},
};
static const struct wz_index goods_v2_indexes[] = {
    {"ix_goods_price", {"price"}, false},
    {"ix_goods_sku_weight", {"sku", "weight"}, false},
};
static const struct wz_fk goods_v2_fks[] = {
    FK_SHOP,
    {.cols = {"store_id", "tag_id"},
     .ref_table = "tags",
     .ref_cols = {"store_id", "id"},
     .on_delete = WZ_FK_NO_ACTION},
};

static const struct wz_table v2_tables[] = {
    v1_tables[0],
    {.name = "tags",
     .cols = tags_cols,
     .ncols = 3,
     .pk = {"store_id", "id"},
     .fks = tags_fks,
     .nfks = 1},
    {.name = "goods",
     .cols = goods_v2_cols,
     .ncols = WZ_LEN(goods_v2_cols),
     .pk = {"store_id", "id"},
     .uniques = goods_v2_uniques,
     .nuniques = 2,
     .indexes = goods_v2_indexes,
     .nindexes = 2,
     .fks = goods_v2_fks,
     .nfks = 2,
     .checks = goods_checks,
     .nchecks = 1},
    v1_tables[2],
};
static const struct wz_schema v2 = {.tables = v2_tables, .ntables = 4};

/* v3 removes: table legacy; column goods.note; index ix_goods_price; the unique
 * constraint on shops.code; the foreign key goods -> tags (and the unique that used it). */
static const struct wz_column goods_v3_cols[] = {
    ID,
    {.name = "store_id", .type = WZ_TYPE_INTEGER},
    TEXT("sku"),
    {.name = "price", .type = WZ_TYPE_INTEGER, .def = "0"},
    {.name = "weight", .type = WZ_TYPE_INTEGER, .def = "0"},
    {.name = "tag_id", .type = WZ_TYPE_INTEGER, .nullable = true},
    {.name = "added_at", .type = WZ_TYPE_TIMESTAMP, .def = "now"},
    {.name = "is_hidden", .type = WZ_TYPE_BOOLEAN, .def = "false"},
};
static const struct wz_index goods_v3_indexes[] = {
    {"ix_goods_sku_weight", {"sku", "weight"}, false},
};

static const struct wz_table v3_tables[] = {
    {.name = "shops", .cols = shops_cols, .ncols = 3, .pk = {"id"}},
    v2_tables[1],
    {.name = "goods",
     .cols = goods_v3_cols,
     .ncols = WZ_LEN(goods_v3_cols),
     .pk = {"store_id", "id"},
     .uniques = goods_uniques,
     .nuniques = 1,
     .indexes = goods_v3_indexes,
     .nindexes = 1,
     .fks = goods_v1_fks,
     .nfks = 1,
     .checks = goods_checks,
     .nchecks = 1},
};
static const struct wz_schema v3 = {.tables = v3_tables, .ntables = 3};

/* ---- helpers ---- */

struct fixture {
    char dir[64];
    char db_path[96];
    struct wz_db *db;
    bool pg;
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof(*f));
    snprintf(f->dir, sizeof(f->dir), "/tmp/wz_autogen_XXXXXX");
    if (mkdtemp(f->dir) == NULL)
        return -1;
    snprintf(f->db_path, sizeof(f->db_path), "%s/test.db", f->dir);
    char url[128];
    snprintf(url, sizeof(url), "sqlite:///%s", f->db_path);
    struct wz_err err = {0};
    if (wz_db_open_url(url, NULL, &f->db, &err) != 0)
        return -1;
    *state = f;
    return 0;
}

/* The same on PostgreSQL (WZ_PG_URL, which tests/run.sh provides), in a schema of its own. */
static int setup_pg(void **state)
{
    const char *url = getenv("WZ_PG_URL");
    *state = NULL;
    if (url == NULL || url[0] == '\0')
        return 0; /* the test skips itself, saying why */
    struct fixture *f = calloc(1, sizeof(*f));
    snprintf(f->dir, sizeof(f->dir), "/tmp/wz_autogen_XXXXXX");
    if (mkdtemp(f->dir) == NULL)
        return -1;
    struct wz_err err = {0};
    if (wz_db_open_url(url, NULL, &f->db, &err) != 0) {
        fprintf(stderr, "%s\n", err.msg);
        return -1;
    }
    f->pg = true;
    if (wz_db_exec(f->db,
                   "DROP SCHEMA IF EXISTS wz_autogen_test CASCADE; CREATE SCHEMA wz_autogen_test;"
                   " SET search_path TO wz_autogen_test",
                   &err) != 0) {
        fprintf(stderr, "%s\n", err.msg);
        return -1;
    }
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    if (f == NULL)
        return 0;
    struct wz_err err = {0};
    if (f->pg && wz_db_exec(f->db, "DROP SCHEMA wz_autogen_test CASCADE", &err) != 0)
        return -1;
    wz_db_close(f->db);
    char cmd[160];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", f->dir);
    if (system(cmd) != 0)
        return -1;
    free(f);
    return 0;
}

static char *read_text(const char *path)
{
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    fseek(fp, 0, SEEK_END);
    long n = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    char *text = calloc(1, (size_t)n + 1);
    assert_int_equal(fread(text, 1, (size_t)n, fp), (size_t)n);
    fclose(fp);
    return text;
}

/* Writes the revision for models; returns its path (caller frees). */
static char *create(struct fixture *f, const struct wz_schema *models, const char *msg)
{
    struct wz_err err = {0};
    char *path = NULL, *report = NULL;
    int rc = wz_autogen_create_from(models, f->dir, msg, &path, &report, &err);
    if (rc != WZ_OK)
        fail_msg("autogen returned %d: %s", rc, err.msg);
    assert_non_null(path);
    assert_non_null(report);
    free(report);
    return path;
}

static void expect_clean(struct fixture *f, const struct wz_schema *models)
{
    struct wz_err err = {0};
    char *report = NULL;
    int rc = wz_autogen_check_from(models, f->dir, &report, &err);
    if (rc != WZ_OK)
        fail_msg("check returned %d: %s%s", rc, err.msg, report ? report : "");
    assert_null(report);
    /* And create writes nothing. */
    char *path = NULL;
    assert_int_equal(wz_autogen_create_from(models, f->dir, "nothing", &path, NULL, &err), WZ_OK);
    assert_null(path);
}

/* Applies (up to the head) or reverts (one step) with the migration runner, and checks that
 * the revision it ran is the file at path. */
static void apply(struct fixture *f, const char *path, bool upgrade)
{
    struct wz_err err = {0};
    struct wz_migrate_result res = {0};
    const struct wz_migrate_opts opt = {.lock_timeout_ms = -1};
    int rc = upgrade ? wz_migrate_up(f->db, f->dir, NULL, &opt, &res, &err)
                     : wz_migrate_down(f->db, f->dir, NULL, &opt, &res, &err);
    if (rc != 0)
        fail_msg("migrate %s: %s", upgrade ? "up" : "down", err.msg);
    assert_int_equal(res.n, 1);
    assert_string_equal(res.steps[0].file, path);
    wz_migrate_result_release(&res);
}

static void expect_schema(struct fixture *f, const struct wz_schema *models)
{
    struct wz_schema_diff d;
    struct wz_err err = {0};
    assert_int_equal(wz_schema_drift(f->db, models, &d, &err), 0);
    for (int i = 0; i < d.n; i++)
        fprintf(stderr, "# unexpected: %s\n", d.items[i].text);
    int n = d.n;
    wz_schema_diff_release(&d);
    assert_int_equal(n, 0);
}

static int64_t count(struct fixture *f, const char *sql)
{
    struct wz_err err = {0};
    int64_t v = -1;
    if (wz_db_query_int64(f->db, sql, NULL, 0, &v, &err) < 0)
        fail_msg("%s: %s", sql, err.msg);
    return v;
}

static void exec_ok(struct fixture *f, const char *sql)
{
    struct wz_err err = {0};
    if (wz_db_exec(f->db, sql, &err) != 0)
        fail_msg("%s: %s", sql, err.msg);
}

static void expect_text(const char *path, const char *needle)
{
    char *text = read_text(path);
    if (strstr(text, needle) == NULL)
        fail_msg("'%s' lacks:\n%s\n---- file ----\n%s", path, needle, text);
    free(text);
}

/* ---- tests ---- */

static void test_no_revisions_and_no_models_is_clean(void **state)
{
    struct fixture *f = *state;
    static const struct wz_schema empty = {0};
    expect_clean(f, &empty);
}

static void test_initial_revision_creates_everything(void **state)
{
    struct fixture *f = *state;
    char *r1 = create(f, &v1, "initial");
    expect_text(r1, "-- down_revision: none");
    expect_text(r1, "-- +upgrade sqlite");
    expect_text(r1, "-- +upgrade postgresql");
    expect_text(r1, "id BIGINT GENERATED BY DEFAULT AS IDENTITY");
    expect_text(r1, "CONSTRAINT goods_pkey PRIMARY KEY (store_id, id)");
    expect_text(r1, "CONSTRAINT goods_pkey UNIQUE (store_id, id)");
    expect_text(r1, "DROP TABLE goods;");
    expect_clean(f, &v1);
    apply(f, r1, true);
    expect_schema(f, &v1);
    apply(f, r1, false);
    expect_schema(f, &(struct wz_schema){0});
    free(r1);
}

static void add_then_remove_each_kind(struct fixture *f)
{
    char *r1 = create(f, &v1, "initial");
    apply(f, r1, true);
    exec_ok(f, "INSERT INTO shops (id, code, name) VALUES (1, 'A', 'Shop A'), (2, 'B', 'Shop B');"
               "INSERT INTO goods (store_id, sku, price, note) VALUES (1, 'S1', 100, 'n1'),"
               " (1, 'S2', 200, NULL), (2, 'S1', 300, 'n3');");

    /* Additions. */
    char *r2 = create(f, &v2, "add things");
    expect_text(r2, "table 'tags' is in the models but not in the database");
    expect_text(r2, "CREATE TABLE tags (");
    expect_text(r2, "CREATE INDEX ix_goods_sku_weight ON goods (sku, weight);");
    expect_text(r2, "INSERT INTO _wz_new_goods (id, store_id, sku, price, note)");
    expect_text(r2, "ALTER TABLE _wz_new_goods RENAME TO goods;");
    expect_text(r2, "ALTER TABLE goods ADD COLUMN weight BIGINT NOT NULL DEFAULT 0;");
    expect_text(r2, "ALTER TABLE goods ADD CONSTRAINT goods_store_id_tag_id_sku_key UNIQUE "
                    "(store_id, tag_id, sku);");
    expect_text(r2, "ALTER TABLE goods ADD CONSTRAINT goods_store_id_tag_id_fkey FOREIGN KEY "
                    "(store_id, tag_id) REFERENCES tags (store_id, id);");
    expect_text(r2, "ALTER TABLE goods DROP CONSTRAINT goods_store_id_tag_id_fkey;");
    expect_text(r2, "ALTER TABLE goods DROP COLUMN added_at;");
    expect_clean(f, &v2);
    apply(f, r2, true);
    expect_schema(f, &v2);
    assert_int_equal(count(f, f->pg ? "SELECT count(*) FROM goods WHERE weight = 0 AND NOT "
                                      "is_hidden AND added_at > now() - interval '1 hour'"
                                    : "SELECT count(*) FROM goods WHERE weight = 0 AND "
                                      "is_hidden = 0 AND added_at LIKE '____-__-__T__:__:__Z'"),
                     3);
    assert_int_equal(count(f, "SELECT price FROM goods WHERE store_id = 2 AND sku = 'S1'"), 300);
    /* The new composite key holds: a tag of shop 2 cannot label goods of shop 1. */
    exec_ok(f, "INSERT INTO tags (id, store_id, label) VALUES (7, 2, 'sale')");
    struct wz_err err = {0};
    assert_true(wz_db_exec(f->db, "UPDATE goods SET tag_id = 7 WHERE store_id = 1", &err) < 0);
    assert_non_null(
        strstr(err.msg, f->pg ? "violates foreign key constraint \"goods_store_id_tag_id_fkey\""
                              : "FOREIGN KEY constraint failed"));
    exec_ok(f, "UPDATE goods SET tag_id = 7 WHERE store_id = 2");

    /* Downgrade gives v1 back, with the rows. */
    exec_ok(f, "UPDATE goods SET tag_id = NULL");
    apply(f, r2, false);
    expect_schema(f, &v1);
    assert_int_equal(count(f, "SELECT count(*) FROM goods"), 3);
    apply(f, r2, true);
    expect_schema(f, &v2);

    /* Removals. */
    char *r3 = create(f, &v3, "remove things");
    expect_text(r3, "table 'legacy' is in the database but not in the models");
    expect_text(r3, "DROP TABLE legacy;");
    expect_text(r3, "DROP INDEX ix_goods_price;");
    expect_text(r3, "ALTER TABLE shops DROP CONSTRAINT shops_code_key;");
    expect_text(r3, "ALTER TABLE goods DROP COLUMN note;");
    expect_text(r3, "ALTER TABLE goods DROP CONSTRAINT goods_store_id_tag_id_fkey;");
    expect_clean(f, &v3);
    apply(f, r3, true);
    expect_schema(f, &v3);
    assert_int_equal(count(f, "SELECT count(*) FROM goods"), 3);
    assert_int_equal(count(f, "SELECT count(*) FROM shops"), 2);
    /* shops.code is no longer unique. */
    exec_ok(f, "INSERT INTO shops (id, code, name) VALUES (3, 'A', 'Another A')");
    exec_ok(f, "DELETE FROM shops WHERE name = 'Another A'");
    apply(f, r3, false);
    expect_schema(f, &v2);
    assert_int_equal(count(f, "SELECT count(*) FROM goods WHERE note IS NULL"), 3);
    free(r1);
    free(r2);
    free(r3);
}

static void test_add_then_remove_each_kind(void **state)
{
    add_then_remove_each_kind(*state);
}

/* The same revisions, generated from SQLite's scratch database, run on PostgreSQL: its ALTERs
 * must reach the same schemas, read back from pg_catalog. */
static void test_add_then_remove_each_kind_postgres(void **state)
{
    if (*state == NULL)
        skip(); /* WZ_PG_URL unset: run through tests/run.sh, which starts a server */
    add_then_remove_each_kind(*state);
}

static void test_rebuild_keeps_child_rows(void **state)
{
    /* Rebuilding a parent (shops loses its unique) must not cascade-delete its children:
     * the foreign key procedure of the SQLite docs. */
    struct fixture *f = *state;
    char *r1 = create(f, &v1, "initial");
    apply(f, r1, true);
    exec_ok(f, "INSERT INTO shops (id, code, name) VALUES (1, 'A', 'Shop A');"
               "INSERT INTO goods (store_id, sku) VALUES (1, 'S1'), (1, 'S2');");
    static const struct wz_table tables[] = {
        {.name = "shops", .cols = shops_cols, .ncols = 3, .pk = {"id"}},
        v1_tables[1],
        v1_tables[2],
    };
    static const struct wz_schema models = {.tables = tables, .ntables = 3};
    char *r2 = create(f, &models, "shops code not unique");
    expect_text(r2, "DROP TABLE shops;");
    apply(f, r2, true);
    expect_schema(f, &models);
    assert_int_equal(count(f, "SELECT count(*) FROM goods"), 2);
    free(r1);
    free(r2);
}

static void test_several_heads_are_refused(void **state)
{
    struct fixture *f = *state;
    struct wz_err err = {0};
    char *path = NULL;
    const struct wz_revision_body body = {.upgrade = "CREATE TABLE a (x INTEGER);",
                                          .downgrade = "DROP TABLE a;"};
    assert_int_equal(wz_revision_write(f->dir, "one", NULL, 0, &body, &path, &err), 0);
    free(path);
    const struct wz_revision_body body2 = {.upgrade = "CREATE TABLE b (x INTEGER);",
                                           .downgrade = "DROP TABLE b;"};
    assert_int_equal(wz_revision_write(f->dir, "two", NULL, 0, &body2, &path, &err), 0);
    free(path);
    char *report = NULL;
    assert_true(wz_autogen_create_from(&v1, f->dir, "x", &path, &report, &err) < 0);
    assert_non_null(strstr(err.msg, "2 heads"));
    assert_non_null(strstr(err.msg, "migrate merge"));
    assert_null(path);
}

/* ---- column type changes: every ordered pair of the model's types, on rows ---- */

static const enum wz_type conv_types[5] = {WZ_TYPE_INTEGER, WZ_TYPE_TEXT, WZ_TYPE_BOOLEAN,
                                           WZ_TYPE_TIMESTAMP, WZ_TYPE_JSON};
/* A default for each type: PostgreSQL cannot cast most of them with the column. */
static const char *const conv_defaults[5] = {"0", "'x'", "false", "now", "'{}'"};
static const char *const conv_names[5] = {"c0", "c1", "c2", "c3", "c4"};

/* One ordered pair: two values of the first type (SQL literals), what they read as once
 * converted (up), and what they read as when converted back (down). */
struct conv_pair {
    enum wz_type from, to;
    const char *ins[2], *up[2], *down[2];
};

#define I   WZ_TYPE_INTEGER
#define T   WZ_TYPE_TEXT
#define B   WZ_TYPE_BOOLEAN
#define S   WZ_TYPE_TIMESTAMP
#define J   WZ_TYPE_JSON
#define TS1 "2024-01-02T03:04:05Z"
#define TS2 "1999-12-31T23:59:59Z"
static const struct conv_pair conv_pairs[] = {
    {I, T, {"42", "-7"}, {"42", "-7"}, {"42", "-7"}},
    {I, B, {"1", "0"}, {"true", "false"}, {"1", "0"}},
    {I, S, {"1704164645", "0"}, {TS1, "1970-01-01T00:00:00Z"}, {"1704164645", "0"}},
    {I, J, {"42", "-7"}, {"42", "-7"}, {"42", "-7"}},
    {T, I, {"'42'", "'-7'"}, {"42", "-7"}, {"42", "-7"}},
    {T, B, {"'true'", "'false'"}, {"true", "false"}, {"true", "false"}},
    {T, S, {"'" TS1 "'", "'" TS2 "'"}, {TS1, TS2}, {TS1, TS2}},
    {T, J, {"'[1, 2]'", "'\"a\"'"}, {"[1, 2]", "\"a\""}, {"[1, 2]", "\"a\""}},
    {B, I, {"true", "false"}, {"1", "0"}, {"true", "false"}},
    {B, T, {"true", "false"}, {"true", "false"}, {"true", "false"}},
    {B, S, {"true", "false"}, {"1970-01-01T00:00:01Z", "1970-01-01T00:00:00Z"}, {"true", "false"}},
    {B, J, {"true", "false"}, {"true", "false"}, {"true", "false"}},
    {S,
     I,
     {"'" TS1 "'", "'1970-01-01T00:00:00Z'"},
     {"1704164645", "0"},
     {TS1, "1970-01-01T00:00:00Z"}},
    {S, T, {"'" TS1 "'", "'" TS2 "'"}, {TS1, TS2}, {TS1, TS2}},
    {S,
     B,
     {"'1970-01-01T00:00:01Z'", "'1970-01-01T00:00:00Z'"},
     {"true", "false"},
     {"1970-01-01T00:00:01Z", "1970-01-01T00:00:00Z"}},
    {S, J, {"'" TS1 "'", "'" TS2 "'"}, {"\"" TS1 "\"", "\"" TS2 "\""}, {TS1, TS2}},
    {J, I, {"'42'", "'-7'"}, {"42", "-7"}, {"42", "-7"}},
    {J, T, {"'[1, 2]'", "'\"a\"'"}, {"[1, 2]", "\"a\""}, {"[1, 2]", "\"a\""}},
    {J, B, {"'true'", "'false'"}, {"true", "false"}, {"true", "false"}},
    {J, S, {"'\"" TS1 "\"'", "'\"" TS2 "\"'"}, {TS1, TS2}, {"\"" TS1 "\"", "\"" TS2 "\""}},
};
#undef I
#undef T
#undef B
#undef S
#undef J

static const struct conv_pair *conv_pair(enum wz_type from, enum wz_type to)
{
    for (size_t i = 0; i < sizeof(conv_pairs) / sizeof(conv_pairs[0]); i++)
        if (conv_pairs[i].from == from && conv_pairs[i].to == to)
            return &conv_pairs[i];
    fail_msg("no values for the pair %d -> %d", (int)from, (int)to);
    return NULL;
}

/* The column as text, the same on both dialects. */
static void conv_read(char *buf, size_t n, bool pg, enum wz_type t, const char *col)
{
    switch (t) {
    case WZ_TYPE_BOOLEAN:
        snprintf(buf, n, "CASE WHEN %s THEN 'true' WHEN NOT %s THEN 'false' END", col, col);
        break;
    case WZ_TYPE_TIMESTAMP:
        if (pg)
            snprintf(buf, n, "to_char(%s AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')",
                     col);
        else
            snprintf(buf, n, "%s", col);
        break;
    case WZ_TYPE_TEXT:
        snprintf(buf, n, "%s", col);
        break;
    default:
        snprintf(buf, n, "CAST(%s AS TEXT)", col);
        break;
    }
}

static void conv_expect(struct fixture *f, int row, int col, enum wz_type t, const char *want)
{
    char rd[256], sql[512];
    conv_read(rd, sizeof(rd), f->pg, t, conv_names[col]);
    if (want == NULL)
        snprintf(sql, sizeof(sql), "SELECT count(*) FROM conv WHERE id = %d AND %s IS NULL", row,
                 conv_names[col]);
    else
        snprintf(sql, sizeof(sql), "SELECT count(*) FROM conv WHERE id = %d AND %s = '%s'", row, rd,
                 want);
    if (count(f, sql) != 1) {
        char got[600];
        snprintf(got, sizeof(got), "SELECT count(*) FROM conv WHERE id = %d AND %s IS NULL", row,
                 conv_names[col]);
        fail_msg("%s (column of type %s): row %d is not '%s' (%s)", conv_names[col],
                 wz_type_name(t), row, want ? want : "NULL",
                 count(f, got) == 1 ? "it is NULL" : "it differs");
    }
}

static void type_changes(struct fixture *f)
{
    /* Shift k gives column i the type conv_types[(i + k) % 5]: shifts 1..4 from shift 0 and
     * back cover every ordered pair twice, up and down, on rows and a NULL. */
    static struct wz_column cols[5][6];
    static struct wz_table tables[5];
    static struct wz_schema schemas[5];
    for (int k = 0; k < 5; k++) {
        cols[k][0] = (struct wz_column){.name = "id", .type = WZ_TYPE_INTEGER, .identity = true};
        for (int i = 0; i < 5; i++)
            cols[k][i + 1] = (struct wz_column){.name = conv_names[i],
                                                .type = conv_types[(i + k) % 5],
                                                .nullable = true,
                                                .def = conv_defaults[(i + k) % 5]};
        tables[k] = (struct wz_table){.name = "conv", .cols = cols[k], .ncols = 6, .pk = {"id"}};
        schemas[k] = (struct wz_schema){.tables = &tables[k], .ntables = 1};
    }
    char *r0 = create(f, &schemas[0], "conv");
    apply(f, r0, true);
    for (int k = 1; k < 5; k++) {
        const struct conv_pair *p[5];
        for (int i = 0; i < 5; i++)
            p[i] = conv_pair(conv_types[i], conv_types[(i + k) % 5]);
        for (int row = 0; row < 2; row++) {
            char sql[512];
            snprintf(sql, sizeof(sql),
                     "INSERT INTO conv (id, c0, c1, c2, c3, c4) VALUES (%d, %s, %s, %s, %s, %s)",
                     row + 1, p[0]->ins[row], p[1]->ins[row], p[2]->ins[row], p[3]->ins[row],
                     p[4]->ins[row]);
            exec_ok(f, sql);
        }
        exec_ok(f, "INSERT INTO conv (id, c0, c1, c2, c3, c4) VALUES (3, NULL, NULL, NULL, NULL, "
                   "NULL)");
        char *rk = create(f, &schemas[k], "retype");
        expect_text(rk, "ALTER TABLE conv ALTER COLUMN c0 DROP DEFAULT;");
        expect_text(rk, "INSERT INTO _wz_new_conv (id, c0, c1, c2, c3, c4)");
        apply(f, rk, true);
        expect_schema(f, &schemas[k]);
        for (int i = 0; i < 5; i++) {
            for (int row = 0; row < 2; row++)
                conv_expect(f, row + 1, i, p[i]->to, p[i]->up[row]);
            conv_expect(f, 3, i, p[i]->to, NULL);
        }
        apply(f, rk, false);
        expect_schema(f, &schemas[0]);
        for (int i = 0; i < 5; i++) {
            for (int row = 0; row < 2; row++)
                conv_expect(f, row + 1, i, p[i]->from, p[i]->down[row]);
            conv_expect(f, 3, i, p[i]->from, NULL);
        }
        /* The defaults came back with their types: a row of defaults is accepted. */
        exec_ok(f, "INSERT INTO conv (id) VALUES (4)");
        exec_ok(f, "DELETE FROM conv");
        assert_int_equal(unlink(rk), 0);
        free(rk);
    }
    free(r0);
}

/* Models that cannot work get no revision: the rule is the model check's (model.h). */
static void test_tenant_fk_set_null_gets_no_revision(void **state)
{
    struct fixture *f = *state;
    static const struct wz_fk fks[] = {{.cols = {"store_id", "tag_id"},
                                        .ref_table = "tags",
                                        .ref_cols = {"store_id", "id"},
                                        .on_delete = WZ_FK_SET_NULL}};
    struct wz_table tables[4];
    memcpy(tables, v2_tables, sizeof(tables));
    tables[2].fks = fks;
    tables[2].nfks = 1;
    const struct wz_schema models = {.tables = tables, .ntables = 4};
    struct wz_err err = {0};
    char *path = NULL, *report = NULL;
    assert_int_equal(wz_autogen_create_from(&models, f->dir, "x", &path, &report, &err), WZ_EFAIL);
    assert_non_null(strstr(err.msg, "ON DELETE SET NULL can never work"));
    assert_null(path);
    assert_int_equal(wz_autogen_check_from(&models, f->dir, &report, &err), WZ_EFAIL);
    assert_null(report);
}

static void test_type_changes(void **state)
{
    type_changes(*state);
}

static void test_type_changes_postgres(void **state)
{
    if (*state == NULL)
        skip(); /* WZ_PG_URL unset: run through tests/run.sh, which starts a server */
    type_changes(*state);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_no_revisions_and_no_models_is_clean, setup, teardown),
        cmocka_unit_test_setup_teardown(test_initial_revision_creates_everything, setup, teardown),
        cmocka_unit_test_setup_teardown(test_add_then_remove_each_kind, setup, teardown),
        cmocka_unit_test_setup_teardown(test_add_then_remove_each_kind_postgres, setup_pg,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_rebuild_keeps_child_rows, setup, teardown),
        cmocka_unit_test_setup_teardown(test_several_heads_are_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tenant_fk_set_null_gets_no_revision, setup, teardown),
        cmocka_unit_test_setup_teardown(test_type_changes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_type_changes_postgres, setup_pg, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
