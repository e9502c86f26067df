/*
 * The demo seeder on real databases: a fresh SQLite file per case (and a fresh PostgreSQL
 * database when WZ_PG_URL names a server), migrated with a revision rendered from the models,
 * with the platform admin and role templates that init-prod would create. The cases check
 * what a developer relies on: exact counts, a second run that creates nothing, additive
 * counts, identical data from identical settings, totals that add up, no reference across
 * stores, reset keeping what the seeder did not make, and the row writer's contract.
 */
#include <inttypes.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/password.h"
#include "core/strbuf.h"
#include "db/db.h"
#include "db/db_postgres.h"
#include "migrate/runner.h"
#include "schema/ddl.h"
#include "schema/model.h"
#include "seed/demo_rows.h"
#include "seed/demo_stores.h"
#include "seed/rowwriter.h"
#include "seed/seed_demo.h"

static char tmpdir[256];
static char migdir[300];
static const char *pg_url;
static int pg_counter;

struct target {
    struct wz_db *db;
    bool pg;
    char name[64];
    char path[512];
};

static void write_revision(void)
{
    struct wz_strbuf sb = WZ_STRBUF_INIT;
    wz_strbuf_append(&sb, "-- wizamart revision\n-- revision: 0001models\n-- down_revision: none\n"
                          "-- message: the models\n\n-- +upgrade sqlite\n");
    wz_ddl_create_schema(&sb, WZ_DIALECT_SQLITE, wz_models());
    wz_strbuf_append(&sb, "\n-- +upgrade postgresql\n");
    wz_ddl_create_schema(&sb, WZ_DIALECT_POSTGRES, wz_models());
    wz_strbuf_append(&sb, "\n-- +downgrade\nSELECT 1;\n");
    assert_false(sb.failed);
    char path[400];
    snprintf(path, sizeof(path), "%s/0001models_models.sql", migdir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(wz_strbuf_str(&sb), f);
    fclose(f);
    wz_strbuf_release(&sb);
}

static void exec_ok(struct wz_db *db, const char *sql)
{
    struct wz_err err = {0};
    if (wz_db_exec(db, sql, &err) != WZ_OK)
        fail_msg("%s: %s", sql, err.msg);
}

static int64_t q64(struct wz_db *db, const char *sql)
{
    struct wz_err err = {0};
    int64_t v = -1;
    if (wz_db_query_int64(db, sql, NULL, 0, &v, &err) < 0)
        fail_msg("%s: %s", sql, err.msg);
    return v;
}

/* A migrated database with what init-prod creates; with_admin false leaves the admin out. */
static void open_target(struct target *t, bool pg, bool migrate, bool with_admin)
{
    memset(t, 0, sizeof(*t));
    struct wz_err err = {0};
    t->pg = pg;
    if (pg) {
        struct wz_db_url url;
        assert_int_equal(wz_db_url_parse(pg_url, &url, &err), WZ_OK);
        snprintf(t->name, sizeof(t->name), "wz_seed_%d_%d", (int)getpid(), ++pg_counter);
        free(url.dbname);
        url.dbname = strdup(t->name);
        if (wz_postgres_create_database(&url, &err) != WZ_OK)
            fail_msg("create database: %s", err.msg);
        if (wz_db_open(&url, &(struct wz_db_options){0}, &t->db, &err) != WZ_OK)
            fail_msg("open: %s", err.msg);
        wz_db_url_release(&url);
    } else {
        snprintf(t->path, sizeof(t->path), "%s/t%d.db", tmpdir, ++pg_counter);
        char url[600];
        snprintf(url, sizeof(url), "sqlite:///%s", t->path);
        if (wz_db_open_url(url, &(struct wz_db_options){0}, &t->db, &err) != WZ_OK)
            fail_msg("open: %s", err.msg);
    }
    if (!migrate)
        return;
    if (wz_migrate_apply_all(t->db, migdir, &err) != WZ_OK)
        fail_msg("migrate: %s", err.msg);
    exec_ok(t->db, "INSERT INTO roles (name) VALUES ('owner'), ('manager'), ('staff'), "
                   "('support'), ('viewer')");
    exec_ok(t->db, "INSERT INTO admin_settings (key, value) VALUES ('platform_name', 'Wizamart')");
    if (with_admin)
        exec_ok(t->db, "INSERT INTO users (email, username, password_hash, role) VALUES "
                       "('admin@wizamart.com', 'admin', 'x', 'admin')");
}

static void close_target(struct target *t)
{
    wz_db_close(t->db);
    t->db = NULL;
    if (t->pg) {
        struct wz_err err = {0};
        struct wz_db *db = NULL;
        if (wz_db_open_url(pg_url, &(struct wz_db_options){0}, &db, &err) == WZ_OK) {
            char sql[128];
            snprintf(sql, sizeof(sql), "DROP DATABASE IF EXISTS %s", t->name);
            wz_db_exec(db, sql, &err);
            wz_db_close(db);
        }
    } else {
        unlink(t->path);
        char side[600];
        snprintf(side, sizeof(side), "%s-wal", t->path);
        unlink(side);
        snprintf(side, sizeof(side), "%s-shm", t->path);
        unlink(side);
    }
}

static void opts_for(struct wz_seed_options *o, bool reset, int64_t stores, int64_t c, int64_t p,
                     int64_t n)
{
    memset(o, 0, sizeof(*o));
    o->reset = reset;
    o->stores = stores;
    o->customers = c;
    o->products = p;
    o->orders = n;
    o->seed = 42;
    o->reference_date = "2026-06-15";
    o->currency = "EUR";
    o->migrations_dir = migdir;
    o->environment = 0;
}

static void seed_ok(struct target *t, const struct wz_seed_options *o, struct wz_seed_result *res)
{
    struct wz_err err = {0};
    int rc = wz_seed_demo(t->db, o, res, &err);
    if (rc != WZ_OK)
        fail_msg("seed: %s", err.msg);
}

static int64_t created(const struct wz_seed_result *res, const char *table)
{
    for (int i = 0; i < WZ_SEED_NTABLES; i++)
        if (strcmp(res->tables[i].table, table) == 0)
            return res->tables[i].created;
    fail_msg("no table %s in the result", table);
    return -1;
}

static int64_t present(const struct wz_seed_result *res, const char *table)
{
    for (int i = 0; i < WZ_SEED_NTABLES; i++)
        if (strcmp(res->tables[i].table, table) == 0)
            return res->tables[i].present;
    return -1;
}

static int64_t count(struct wz_db *db, const char *table)
{
    char sql[128];
    snprintf(sql, sizeof(sql), "SELECT count(*) FROM %s WHERE is_demo", table);
    return q64(db, sql);
}

/* Every order's totals and every line add up; 0 violations expected. */
static int64_t total_violations(struct wz_db *db)
{
    return q64(db, "SELECT count(*) FROM orders o WHERE o.subtotal_amount <> (SELECT "
                   "coalesce(sum(i.line_total_amount), 0) FROM order_items i WHERE i.store_id = "
                   "o.store_id AND i.order_id = o.id) OR o.total_amount <> o.subtotal_amount + "
                   "o.shipping_amount + o.tax_amount OR NOT EXISTS (SELECT 1 FROM order_items i "
                   "WHERE i.order_id = o.id)") +
           q64(db, "SELECT count(*) FROM order_items WHERE line_total_amount <> quantity * "
                   "unit_price_amount");
}

/* References that leave their store; 0 expected. */
static int64_t cross_store(struct wz_db *db)
{
    return q64(db, "SELECT "
                   "(SELECT count(*) FROM orders o JOIN customers c ON c.id = o.customer_id "
                   "  WHERE c.store_id <> o.store_id) + "
                   "(SELECT count(*) FROM order_items i JOIN orders o ON o.id = i.order_id "
                   "  WHERE o.store_id <> i.store_id) + "
                   "(SELECT count(*) FROM order_items i JOIN products p ON p.id = i.product_id "
                   "  WHERE p.store_id <> i.store_id) + "
                   "(SELECT count(*) FROM customer_addresses a JOIN customers c ON c.id = "
                   "  a.customer_id WHERE c.store_id <> a.store_id) + "
                   "(SELECT count(*) FROM marketplace_products m JOIN products p ON p.id = "
                   "  m.product_id WHERE p.store_id <> m.store_id) + "
                   "(SELECT count(*) FROM orders o JOIN customers c ON c.id = o.customer_id "
                   "  WHERE c.email <> o.customer_email)");
}

static int cmp_line(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A digest of every business column of every seeded table (creation times left out), each
 * table's rows sorted. with_ids false also leaves out ids and references, to compare data
 * whose ids differ (a reset database with a fresh one). */
static void digest(struct wz_db *db, struct wz_strbuf *out, bool with_ids)
{
    for (int t = 0; t < WZ_SEED_NTABLES; t++) {
        const struct wz_table *m = wz_model_table(wz_seed_tables[t]);
        struct wz_strbuf sql = WZ_STRBUF_INIT;
        wz_strbuf_append(&sql, "SELECT ");
        int n = 0;
        for (int c = 0; c < m->ncols; c++) {
            const char *name = m->cols[c].name;
            size_t len = strlen(name);
            if (strcmp(name, "created_at") == 0 || strcmp(name, "updated_at") == 0)
                continue;
            if (!with_ids &&
                (strcmp(name, "id") == 0 || (len > 3 && strcmp(name + len - 3, "_id") == 0)))
                continue;
            wz_strbuf_appendf(&sql, "%s%s", n++ > 0 ? ", " : "", name);
        }
        wz_strbuf_appendf(&sql, " FROM %s WHERE is_demo", m->name);
        struct wz_stmt *st = NULL;
        struct wz_err err = {0};
        if (wz_db_prepare(db, wz_strbuf_str(&sql), &st, &err) != WZ_OK)
            fail_msg("%s: %s", wz_strbuf_str(&sql), err.msg);
        char **lines = NULL;
        size_t nlines = 0;
        while (wz_stmt_step(st, &err) == WZ_ROW) {
            struct wz_strbuf line = WZ_STRBUF_INIT;
            for (int c = 0; c < n; c++) {
                const char *v = wz_stmt_column_is_null(st, c) ? "NULL" : wz_stmt_column_text(st, c);
                /* booleans read back as t/f on PostgreSQL and 1/0 on SQLite */
                if (strcmp(v, "t") == 0)
                    v = "1";
                else if (strcmp(v, "f") == 0)
                    v = "0";
                wz_strbuf_appendf(&line, "%s|", v);
            }
            lines = realloc(lines, (nlines + 1) * sizeof(*lines));
            assert_non_null(lines);
            lines[nlines++] = wz_strbuf_detach(&line);
        }
        wz_stmt_finalize(st);
        qsort(lines, nlines, sizeof(*lines), cmp_line);
        wz_strbuf_appendf(out, "== %s %zu\n", m->name, nlines);
        for (size_t i = 0; i < nlines; i++) {
            wz_strbuf_appendf(out, "%s\n", lines[i]);
            free(lines[i]);
        }
        free(lines);
        wz_strbuf_release(&sql);
    }
}

/* ---- cases, each run on SQLite and (with WZ_PG_URL) PostgreSQL ---- */

static void check_normal_counts(bool pg)
{
    struct target t;
    open_target(&t, pg, true, true);
    struct wz_seed_options o;
    struct wz_seed_result res;
    opts_for(&o, false, 3, 15, 20, 10);
    seed_ok(&t, &o, &res);
    assert_int_equal(count(t.db, "stores"), 3);
    assert_int_equal(count(t.db, "customers"), 45);
    assert_int_equal(count(t.db, "products"), 60);
    assert_int_equal(count(t.db, "orders"), 30);
    /* the three stores are the first of the DEMO_STORES list: their listed users */
    int64_t listed = 0, domains = 0;
    for (size_t s = 0; s < 3 && s < wz_demo_store_count; s++) {
        domains += wz_demo_stores[s].custom_domain != NULL;
        for (size_t u = 0; u < wz_demo_store_user_count; u++)
            listed += strcmp(wz_demo_store_users[u].store_code, wz_demo_stores[s].store_code) == 0;
    }
    assert_true(wz_demo_store_count >= 3);
    assert_int_equal(count(t.db, "users"), listed);
    assert_int_equal(count(t.db, "store_users"), listed);
    assert_int_equal(count(t.db, "store_themes"), 3);
    assert_int_equal(count(t.db, "store_domains"), domains);
    int64_t addr = count(t.db, "customer_addresses");
    assert_true(addr >= 45 && addr <= 90);
    int64_t items = count(t.db, "order_items");
    assert_true(items >= 30 && items <= 150);
    assert_true(count(t.db, "marketplace_products") > 0);
    assert_int_equal(created(&res, "customers"), 45);
    assert_int_equal(created(&res, "order_items"), items);
    assert_int_equal(created(&res, "customer_addresses"), addr);
    assert_int_equal(total_violations(t.db), 0);
    assert_int_equal(cross_store(t.db), 0);
    /* every row is marked; the admin is not */
    assert_int_equal(q64(t.db, "SELECT count(*) FROM users WHERE NOT is_demo"), 1);
    /* the documented logins */
    assert_int_equal(q64(t.db, "SELECT count(*) FROM users u JOIN stores s ON s.owner_user_id = "
                               "u.id WHERE u.email IN ('store1@example.com', "
                               "'store2@example.com', 'store3@example.com')"),
                     3);
    assert_int_equal(q64(t.db, "SELECT count(*) FROM store_users su JOIN roles r ON r.id = "
                               "su.role_id JOIN stores s ON s.id = su.store_id AND "
                               "s.owner_user_id = su.user_id WHERE r.name = 'owner'"),
                     3);
    assert_int_equal(q64(t.db, "SELECT count(*) FROM stores WHERE code = 'TECHHUB' AND "
                               "subdomain = 'techhub'"),
                     1);
    /* order dates before the reference date, within six months */
    assert_int_equal(q64(t.db, "SELECT count(*) FROM orders WHERE placed_at >= "
                               "'2026-06-15T00:00:00Z' OR placed_at < '2025-12-15T00:00:00Z'"),
                     0);
    close_target(&t);
}

static void check_second_run_and_additive(bool pg)
{
    struct target t;
    open_target(&t, pg, true, true);
    struct wz_seed_options o;
    struct wz_seed_result res;
    opts_for(&o, false, 3, 15, 20, 10);
    seed_ok(&t, &o, &res);
    struct wz_strbuf before = WZ_STRBUF_INIT, after = WZ_STRBUF_INIT;
    digest(t.db, &before, true);
    int64_t items = count(t.db, "order_items");

    seed_ok(&t, &o, &res);
    for (int i = 0; i < WZ_SEED_NTABLES; i++)
        assert_int_equal(res.tables[i].created, 0);
    assert_int_equal(present(&res, "customers"), 45);
    assert_int_equal(present(&res, "order_items"), items);
    assert_int_equal(present(&res, "stores"), 3);
    digest(t.db, &after, true);
    assert_string_equal(wz_strbuf_str(&after), wz_strbuf_str(&before));

    /* raising the store count adds exactly the missing stores, each with its data */
    opts_for(&o, false, 5, 15, 20, 10);
    seed_ok(&t, &o, &res);
    assert_int_equal(created(&res, "stores"), 2);
    assert_int_equal(created(&res, "customers"), 30);
    assert_int_equal(created(&res, "products"), 40);
    assert_int_equal(created(&res, "orders"), 20);
    assert_int_equal(present(&res, "customers"), 45);
    assert_int_equal(count(t.db, "stores"), 5);
    /* raising the customers adds only them */
    opts_for(&o, false, 5, 17, 20, 12);
    seed_ok(&t, &o, &res);
    assert_int_equal(created(&res, "customers"), 10);
    assert_int_equal(created(&res, "orders"), 10);
    assert_int_equal(created(&res, "products"), 0);
    assert_int_equal(total_violations(t.db), 0);
    assert_int_equal(cross_store(t.db), 0);
    wz_strbuf_release(&before);
    wz_strbuf_release(&after);
    close_target(&t);
}

static void check_deterministic(bool pg)
{
    struct target a, b, c;
    open_target(&a, pg, true, true);
    open_target(&b, pg, true, true);
    open_target(&c, pg, true, true);
    struct wz_seed_options o;
    struct wz_seed_result res;
    opts_for(&o, false, 4, 12, 15, 9);
    seed_ok(&a, &o, &res);
    seed_ok(&b, &o, &res);
    struct wz_strbuf da = WZ_STRBUF_INIT, db = WZ_STRBUF_INIT, dc = WZ_STRBUF_INIT;
    digest(a.db, &da, true);
    digest(b.db, &db, true);
    assert_string_equal(wz_strbuf_str(&da), wz_strbuf_str(&db));

    /* c: three stores first, then four: the additive path lands on the same values (ids may
     * differ: PostgreSQL spends a sequence value on every conflicting insert) */
    opts_for(&o, false, 3, 12, 15, 9);
    seed_ok(&c, &o, &res);
    opts_for(&o, false, 4, 12, 15, 9);
    seed_ok(&c, &o, &res);
    wz_strbuf_reset(&da);
    digest(a.db, &da, false);
    digest(c.db, &dc, false);
    assert_string_equal(wz_strbuf_str(&da), wz_strbuf_str(&dc));

    /* another seed gives other data */
    close_target(&b);
    open_target(&b, pg, true, true);
    o.seed = 7;
    seed_ok(&b, &o, &res);
    wz_strbuf_reset(&db);
    digest(b.db, &db, false);
    assert_string_not_equal(wz_strbuf_str(&da), wz_strbuf_str(&db));
    wz_strbuf_release(&da);
    wz_strbuf_release(&db);
    wz_strbuf_release(&dc);
    close_target(&a);
    close_target(&b);
    close_target(&c);
}

static void check_reset_keeps_foreign_rows(bool pg)
{
    struct target t;
    open_target(&t, pg, true, true);
    struct wz_seed_options o;
    struct wz_seed_result res;
    opts_for(&o, false, 2, 5, 6, 4);
    seed_ok(&t, &o, &res);
    /* data the seeder did not make: a customer in demo store 1, and a store of its own */
    exec_ok(t.db, "INSERT INTO customers (store_id, email) SELECT id, 'real@shop.example' FROM "
                  "stores WHERE code = 'TECHHUB'");
    exec_ok(t.db, "INSERT INTO users (email, username, password_hash) VALUES "
                  "('owner@real.example', 'realowner', 'x')");
    exec_ok(t.db, "INSERT INTO stores (code, name, subdomain, owner_user_id) SELECT 'REAL', "
                  "'Real', 'real', id FROM users WHERE username = 'realowner'");
    exec_ok(t.db, "UPDATE customers SET first_name = 'Changed' WHERE email <> "
                  "'real@shop.example' AND store_id = (SELECT id FROM stores WHERE code = "
                  "'URBANTHREADS') AND id = (SELECT min(id) FROM customers WHERE store_id = "
                  "(SELECT id FROM stores WHERE code = 'URBANTHREADS'))");
    struct wz_strbuf fresh = WZ_STRBUF_INIT;
    {
        struct target f;
        open_target(&f, pg, true, true);
        seed_ok(&f, &o, &res);
        digest(f.db, &fresh, false);
        close_target(&f);
    }

    /* what the seeder did not make, counted from the fixture rather than restated */
    int64_t roles = q64(t.db, "SELECT count(*) FROM roles");
    int64_t settings = q64(t.db, "SELECT count(*) FROM admin_settings");
    o.reset = true;
    seed_ok(&t, &o, &res);
    assert_true(res.reset);
    /* store 1 is still used by the real customer: kept, the rest of its demo data remade */
    assert_int_equal(q64(t.db, "SELECT count(*) FROM customers WHERE email = "
                               "'real@shop.example'"),
                     1);
    assert_int_equal(q64(t.db, "SELECT count(*) FROM stores WHERE code = 'REAL'"), 1);
    assert_int_equal(q64(t.db, "SELECT count(*) FROM users WHERE role = 'admin'"), 1);
    assert_int_equal(q64(t.db, "SELECT count(*) FROM roles"), roles);
    assert_int_equal(q64(t.db, "SELECT count(*) FROM admin_settings"), settings);
    assert_int_equal(q64(t.db, "SELECT count(*) FROM customers WHERE first_name = 'Changed'"), 0);
    assert_int_equal(count(t.db, "stores"), 2);
    assert_int_equal(count(t.db, "customers"), 10);
    int64_t kept_customers = -1, kept_stores = -1;
    for (int i = 0; i < res.nkept; i++) {
        if (strcmp(res.kept[i].table, "customers") == 0)
            kept_customers = res.kept[i].rows;
        if (strcmp(res.kept[i].table, "stores") == 0)
            kept_stores = res.kept[i].rows;
    }
    assert_int_equal(kept_customers, 1);
    assert_int_equal(kept_stores, 1);
    assert_int_equal(res.tables[1].kept, 1); /* demo store 1, used by the real customer */
    assert_int_equal(total_violations(t.db), 0);
    assert_int_equal(cross_store(t.db), 0);
    /* minus the kept rows, the reseeded data equals a fresh seeding */
    exec_ok(t.db, "DELETE FROM customers WHERE email = 'real@shop.example'");
    exec_ok(t.db, "DELETE FROM stores WHERE code = 'REAL'");
    exec_ok(t.db, "DELETE FROM users WHERE username = 'realowner'");
    struct wz_strbuf again = WZ_STRBUF_INIT;
    digest(t.db, &again, false);
    assert_string_equal(wz_strbuf_str(&again), wz_strbuf_str(&fresh));
    assert_int_equal(count(t.db, "orders"), 8);
    wz_strbuf_release(&fresh);
    wz_strbuf_release(&again);
    close_target(&t);
}

static void check_prerequisites(bool pg)
{
    struct target t;
    struct wz_seed_options o;
    struct wz_seed_result res;
    struct wz_err err = {0};
    opts_for(&o, false, 1, 2, 2, 1);
    open_target(&t, pg, false, false);
    assert_int_equal(wz_seed_demo(t.db, &o, &res, &err), WZ_EFAIL);
    assert_non_null(strstr(err.msg, "make migrate-up"));
    close_target(&t);

    open_target(&t, pg, true, false);
    assert_int_equal(wz_seed_demo(t.db, &o, &res, &err), WZ_EFAIL);
    assert_non_null(strstr(err.msg, "make init-prod"));
    assert_int_equal(q64(t.db, "SELECT count(*) FROM stores"), 0);
    close_target(&t);

    open_target(&t, pg, true, true);
    o.orders = 3;
    o.customers = 0;
    assert_int_equal(wz_seed_demo(t.db, &o, &res, &err), WZ_EUSAGE);
    opts_for(&o, false, 1, 2, 2, 1);
    o.reference_date = "2026-02-30";
    assert_int_equal(wz_seed_demo(t.db, &o, &res, &err), WZ_EUSAGE);
    assert_non_null(strstr(err.msg, "SEED_REFERENCE_DATE"));
    assert_int_equal(q64(t.db, "SELECT count(*) FROM stores"), 0);
    close_target(&t);
}

static void check_failure_rolls_back(bool pg)
{
    struct target t;
    open_target(&t, pg, true, true);
    /* a user the seeder did not make holds store 2's owner username: the run must fail
     * part-way and leave nothing */
    exec_ok(t.db, "INSERT INTO users (email, username, password_hash) VALUES "
                  "('someone@else.example', 'store2', 'x')");
    struct wz_seed_options o;
    struct wz_seed_result res;
    struct wz_err err = {0};
    opts_for(&o, false, 3, 4, 4, 2);
    assert_int_equal(wz_seed_demo(t.db, &o, &res, &err), WZ_EFAIL);
    assert_non_null(strstr(err.msg, "store2@example.com"));
    assert_int_equal(q64(t.db, "SELECT count(*) FROM stores"), 0);
    assert_int_equal(q64(t.db, "SELECT count(*) FROM users"), 2);
    close_target(&t);
}

#define BOTH(name)                                                                                 \
    static void test_sqlite_##name(void **state)                                                   \
    {                                                                                              \
        (void)state;                                                                               \
        check_##name(false);                                                                       \
    }                                                                                              \
    static void test_pg_##name(void **state)                                                       \
    {                                                                                              \
        (void)state;                                                                               \
        if (pg_url == NULL)                                                                        \
            skip();                                                                                \
        check_##name(true);                                                                        \
    }

BOTH(normal_counts)
BOTH(second_run_and_additive)
BOTH(deterministic)
BOTH(reset_keeps_foreign_rows)
BOTH(prerequisites)
BOTH(failure_rolls_back)

/* ---- pure parts ---- */

static void test_demo_hash_is_reproducible_and_verifies(void **state)
{
    (void)state;
    unsigned char salt[WZ_PASSWORD_SALT_BYTES];
    memset(salt, 7, sizeof(salt));
    char a[WZ_PASSWORD_HASH_MAX], b[WZ_PASSWORD_HASH_MAX];
    struct wz_err err = {0};
    assert_int_equal(wz_password_hash_salted("password123", salt, a, &err), WZ_OK);
    assert_int_equal(wz_password_hash_salted("password123", salt, b, &err), WZ_OK);
    assert_string_equal(a, b);
    assert_true(wz_password_verify(a, "password123"));
    assert_false(wz_password_verify(a, "password124"));
    assert_true(wz_password_hash_is_valid(a));
    assert_int_equal(strncmp(a, "$argon2id$v=19$m=19456,t=2,p=1$", 31), 0);
    salt[0] = 8;
    assert_int_equal(wz_password_hash_salted("password123", salt, b, &err), WZ_OK);
    assert_string_not_equal(a, b);
}

static void test_orders_add_up_and_emails_are_unique(void **state)
{
    (void)state;
    struct wz_demo_gen g;
    int64_t ref = 0;
    assert_int_equal(wz_demo_parse_date("2026-06-15", &ref), 0);
    wz_demo_gen_init(&g, 42, ref, "EUR");
    for (int64_t k = 1; k <= 8; k++) {
        struct wz_demo_store s;
        assert_int_equal(wz_demo_store(&g, k, &s), WZ_OK);
        assert_true(s.nusers >= 2 && s.nusers <= WZ_DEMO_MAX_TEAM);
        for (int64_t i = 1; i <= 300; i++) {
            struct wz_demo_order o;
            assert_int_equal(wz_demo_order(&g, &s, i, 50, 3, &o), WZ_OK);
            int64_t sum = 0;
            for (int l = 0; l < o.nlines; l++) {
                assert_int_equal(o.lines[l].line_total,
                                 o.lines[l].quantity * o.lines[l].unit_price);
                assert_true(o.lines[l].product_no >= 1 && o.lines[l].product_no <= 3);
                for (int m = 0; m < l; m++)
                    assert_true(o.lines[m].product_no != o.lines[l].product_no);
                sum += o.lines[l].line_total;
            }
            assert_true(o.nlines >= 1 && o.nlines <= 3);
            assert_int_equal(o.subtotal, sum);
            assert_int_equal(o.total, o.subtotal + o.shipping + o.tax);
            assert_true(o.placed_epoch < ref && o.placed_epoch > ref - 200 * 86400);
        }
    }
    /* customer emails are unique within a store */
    struct wz_demo_customer c;
    char(*emails)[128] = calloc(2000, 128);
    assert_non_null(emails);
    for (int64_t i = 1; i <= 2000; i++) {
        assert_int_equal(wz_demo_customer(&g, 4, i, &c), WZ_OK);
        memcpy(emails[i - 1], c.email, 128);
        assert_non_null(strchr(c.email, '@'));
    }
    qsort(emails, 2000, 128, (int (*)(const void *, const void *))strcmp);
    for (int i = 1; i < 2000; i++)
        assert_string_not_equal(emails[i - 1], emails[i]);
    free(emails);
    /* bad dates */
    assert_int_equal(wz_demo_parse_date("2026-13-01", &ref), -1);
    assert_int_equal(wz_demo_parse_date("2025-02-29", &ref), -1);
    assert_int_equal(wz_demo_parse_date("2024-02-29", &ref), 0);
    assert_int_equal(wz_demo_parse_date("1970-01-02", &ref), 0);
    assert_int_equal(ref, 86400);
}

static void test_demo_store_list_is_consistent(void **state)
{
    (void)state;
    for (size_t i = 0; i < wz_demo_store_count; i++) {
        int owners = 0;
        for (size_t u = 0; u < wz_demo_store_user_count; u++) {
            const struct wz_demo_user_def *d = &wz_demo_store_users[u];
            if (strcmp(d->store_code, wz_demo_stores[i].store_code) != 0)
                continue;
            if (strcmp(d->role, "owner") == 0) {
                owners++;
                char want[64];
                snprintf(want, sizeof(want), "store%zu@example.com", i + 1);
                assert_string_equal(d->email, want);
            }
        }
        assert_int_equal(owners, 1);
        assert_true(wz_fake_category_from_name(wz_demo_stores[i].category) >= 0);
        for (size_t j = 0; j < i; j++) {
            assert_string_not_equal(wz_demo_stores[i].store_code, wz_demo_stores[j].store_code);
            assert_string_not_equal(wz_demo_stores[i].subdomain, wz_demo_stores[j].subdomain);
        }
    }
    for (size_t u = 0; u < wz_demo_store_user_count; u++)
        for (size_t v = 0; v < u; v++) {
            assert_string_not_equal(wz_demo_store_users[u].email, wz_demo_store_users[v].email);
            assert_string_not_equal(wz_demo_store_users[u].username,
                                    wz_demo_store_users[v].username);
        }
}

static void test_rowwriter_checks_columns_against_the_models(void **state)
{
    (void)state;
    struct target t;
    open_target(&t, false, true, true);
    struct wz_rowwriter w;
    struct wz_err err = {0};
    const char *bad[] = {"code", "no_such_column"};
    assert_int_equal(wz_rowwriter_open(&w, t.db, "stores", bad, 2, 0, &err), WZ_EUSAGE);
    assert_non_null(strstr(err.msg, "stores.no_such_column"));
    wz_rowwriter_close(&w);
    const char *id[] = {"id"};
    assert_int_equal(wz_rowwriter_open(&w, t.db, "stores", id, 1, 0, &err), WZ_EUSAGE);
    wz_rowwriter_close(&w);
    assert_int_equal(wz_rowwriter_open(&w, t.db, "no_table", id, 1, 0, &err), WZ_EUSAGE);
    wz_rowwriter_close(&w);

    const char *cols[] = {"name", "description"};
    assert_int_equal(wz_rowwriter_open(&w, t.db, "roles", cols, 2,
                                       WZ_RW_IGNORE_CONFLICT | WZ_RW_RETURNING_ID, &err),
                     WZ_OK);
    int64_t id1 = 0, id2 = -1;
    wz_rowwriter_text(&w, 0, "auditor");
    wz_rowwriter_null(&w, 1);
    bool inserted = false;
    assert_int_equal(wz_rowwriter_insert(&w, &id1, &inserted, &err), WZ_OK);
    assert_true(inserted);
    assert_true(id1 > 0);
    wz_rowwriter_text(&w, 0, "auditor");
    wz_rowwriter_text(&w, 1, "again");
    assert_int_equal(wz_rowwriter_insert(&w, &id2, &inserted, &err), WZ_OK);
    assert_false(inserted);
    assert_int_equal(id2, 0);
    wz_rowwriter_close(&w);
    assert_int_equal(q64(t.db, "SELECT count(*) FROM roles WHERE name = 'auditor' AND "
                               "description IS NULL"),
                     1);
    close_target(&t);
}

int main(void)
{
    snprintf(tmpdir, sizeof(tmpdir), "/tmp/wz_seed_test_XXXXXX");
    if (mkdtemp(tmpdir) == NULL)
        return 1;
    snprintf(migdir, sizeof(migdir), "%s/versions", tmpdir);
    char cmd[600];
    snprintf(cmd, sizeof(cmd), "mkdir -p '%s'", migdir);
    if (system(cmd) != 0)
        return 1;
    write_revision();
    pg_url = getenv("WZ_PG_URL");
    if (pg_url != NULL && pg_url[0] == '\0')
        pg_url = NULL;
    if (pg_url == NULL)
        printf("# PostgreSQL cases skipped: WZ_PG_URL is not set\n");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_demo_hash_is_reproducible_and_verifies),
        cmocka_unit_test(test_orders_add_up_and_emails_are_unique),
        cmocka_unit_test(test_demo_store_list_is_consistent),
        cmocka_unit_test(test_rowwriter_checks_columns_against_the_models),
        cmocka_unit_test(test_sqlite_normal_counts),
        cmocka_unit_test(test_sqlite_second_run_and_additive),
        cmocka_unit_test(test_sqlite_deterministic),
        cmocka_unit_test(test_sqlite_reset_keeps_foreign_rows),
        cmocka_unit_test(test_sqlite_prerequisites),
        cmocka_unit_test(test_sqlite_failure_rolls_back),
        cmocka_unit_test(test_pg_normal_counts),
        cmocka_unit_test(test_pg_second_run_and_additive),
        cmocka_unit_test(test_pg_deterministic),
        cmocka_unit_test(test_pg_reset_keeps_foreign_rows),
        cmocka_unit_test(test_pg_prerequisites),
        cmocka_unit_test(test_pg_failure_rolls_back),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0)
        return 1;
    return failed;
}
