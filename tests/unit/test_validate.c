/*
 * The validators' machinery on real SQLite files: the pager visits every row exactly once in
 * key order, with one key or several, across page boundaries and on exact multiples of a page;
 * the registry is complete and its names unique; and a data rule reading 200,000 rows with a
 * finding on each keeps the process's memory flat (the "streams through the tables" promise).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "db/db.h"
#include "migrate/runner.h"
#include "validate/validate.h"
#include "tmpdb.h"

static int setup(void **state)
{
    return tmpdb_setup(state, "wz_validate_");
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
        fprintf(stderr, "%s\n", err.msg);
    assert_int_equal(rc, 0);
}

struct visit {
    int64_t n;
    int64_t last[2];
    int nkeys;
    bool ordered;
};

static int on_row(struct wz_stmt *st, void *arg, struct wz_err *err)
{
    (void)err;
    struct visit *v = arg;
    int64_t k[2] = {wz_stmt_column_int64(st, 0), v->nkeys > 1 ? wz_stmt_column_int64(st, 1) : 0};
    if (v->n > 0 && !(k[0] > v->last[0] || (k[0] == v->last[0] && k[1] > v->last[1])))
        v->ordered = false;
    v->last[0] = k[0];
    v->last[1] = k[1];
    v->n++;
    return 0;
}

static void check_pairs(struct wz_db *db, int64_t rows)
{
    char sql[256];
    exec_ok(db, "DROP TABLE IF EXISTS pairs; CREATE TABLE pairs (a INTEGER, b INTEGER, "
                "PRIMARY KEY (a, b))");
    snprintf(sql, sizeof(sql),
             "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < %lld) "
             "INSERT INTO pairs SELECT i %% 7, i FROM n",
             (long long)rows - 1);
    exec_ok(db, sql);
    struct wz_err err = {0};
    struct visit v = {.nkeys = 2, .ordered = true};
    int rc = wz_validate_paged(db,
                               "SELECT a, b FROM pairs WHERE (a, b) > ($1, $2) ORDER BY a, b "
                               "LIMIT " WZ_VALIDATE_PAGE_SQL,
                               2, NULL, 0, on_row, &v, &err);
    assert_int_equal(rc, 0);
    assert_int_equal(v.n, rows);
    assert_true(v.ordered);

    struct visit one = {.nkeys = 1, .ordered = true};
    struct wz_param min = {.i = 10};
    rc = wz_validate_paged(
        db, "SELECT b FROM pairs WHERE b > $1 AND b >= $2 ORDER BY b LIMIT " WZ_VALIDATE_PAGE_SQL,
        1, &min, 1, on_row, &one, &err);
    assert_int_equal(rc, 0);
    assert_int_equal(one.n, rows > 10 ? rows - 10 : 0);
    assert_true(one.ordered);
}

static void test_pager_visits_each_row_once(void **state)
{
    struct tmpdb *f = *state;
    check_pairs(f->db, 1);
    check_pairs(f->db, 499);
    check_pairs(f->db, 500);
    check_pairs(f->db, 1000);
    check_pairs(f->db, 1234);
}

static void test_pager_reports_a_bad_query(void **state)
{
    struct tmpdb *f = *state;
    struct wz_err err = {0};
    struct visit v = {.nkeys = 1};
    int rc = wz_validate_paged(f->db, "SELECT id FROM no_such_table WHERE id > $1", 1, NULL, 0,
                               on_row, &v, &err);
    assert_true(rc < 0);
    assert_non_null(strstr(err.msg, "no_such_table"));
}

static void test_registry_names_are_unique_and_grouped(void **state)
{
    (void)state;
    size_t n;
    const struct wz_validator *const *all = wz_validators(&n);
    assert_int_equal(n, 11);
    for (size_t i = 0; i < n; i++) {
        assert_non_null(all[i]->run);
        assert_non_null(all[i]->summary);
        assert_string_not_equal(wz_validate_group_name(all[i]->group), "all");
        if (all[i]->group == WZ_VALIDATE_DATA)
            assert_int_equal(strncmp(all[i]->name, "data.", 5), 0);
        for (size_t j = i + 1; j < n; j++)
            assert_string_not_equal(all[i]->name, all[j]->name);
    }
    assert_int_equal(wz_validate_group_parse("data"), WZ_VALIDATE_DATA);
    assert_int_equal(wz_validate_group_parse("nope"), 0);
}

static int count_only(void *ctx, const struct wz_finding *f)
{
    (void)f;
    (*(int64_t *)ctx)++;
    return 0;
}

static long peak_rss_kb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

static void test_data_rule_memory_stays_flat(void **state)
{
    struct tmpdb *f = *state;
    const char *root = getenv("WZ_ROOT");
    char dir[512];
    snprintf(dir, sizeof(dir), "%s/migrations/versions", root != NULL ? root : ".");
    struct wz_err err = {0};
    assert_int_equal(wz_migrate_apply_all(f->db, dir, &err), 0);
    /* 200,000 users whose 400-byte hashes are all wrong: 80 MB if anything held them. */
    exec_ok(f->db, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < "
                   "200000) INSERT INTO users (email, username, password_hash) SELECT 'u' || i || "
                   "'@example.com', 'u' || i, hex(zeroblob(200)) FROM n");
    long before = peak_rss_kb();
    int64_t found = 0;
    struct wz_finding_sink sink = {.emit = count_only, .ctx = &found};
    struct wz_settings s;
    memset(&s, 0, sizeof(s));
    struct wz_validate_ctx ctx = {.db = f->db, .settings = &s, .now = "2026-01-01T00:00:00Z"};
    assert_int_equal(wz_validator_data_password_hashes.run(&ctx, &sink, &err), 0);
    assert_int_equal(found, 200000);
    assert_int_equal(sink.count, 200000);
    long growth = peak_rss_kb() - before;
#if defined(__SANITIZE_ADDRESS__)
    (void)growth; /* ASan's quarantine keeps freed memory: the figure means nothing there */
#else
    if (growth >= 16 * 1024)
        fprintf(stderr, "peak RSS grew by %ld KiB\n", growth);
    assert_true(growth < 16 * 1024);
#endif
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_pager_visits_each_row_once, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pager_reports_a_bad_query, setup, teardown),
        cmocka_unit_test(test_registry_names_are_unique_and_grouped),
        cmocka_unit_test_setup_teardown(test_data_rule_memory_stays_flat, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
