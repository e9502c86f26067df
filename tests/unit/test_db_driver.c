/*
 * The driver conformance suite: one set of cases, run against every driver, so the engine can
 * trust that SQLite and PostgreSQL behave alike behind db.h. It always runs on a temporary
 * SQLite file, and on PostgreSQL when WZ_PG_URL names a server (tests/run.sh starts a
 * throwaway one with tests/pg/pg_server.sh and sets it). PostgreSQL-only cases cover what only
 * a server has: connection errors, creating a database, the failed-transaction commit.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "db/db.h"
#include "db/db_postgres.h"
#include "db/pq_loader.h"
#include "db/sqlite_path.h"

struct target {
    const char *label;
    char url[1024];
    bool is_pg;
};

struct fixture {
    const struct target *t;
    struct wz_db *db;
    struct wz_err err;
};

/* Text that breaks naive quoting or COPY escaping: quotes, backslashes, tabs, newlines, CR,
 * a "\N" that must stay text, and characters outside ASCII. */
static const char *const tricky[] = {
    "it's \"quoted\" and 'single'",
    "back\\slash \\N and \\\\ double",
    "tab\there\nnew line\r\nCRLF",
    "unicode: Grüße, 日本語, ✓, 🎉",
    "",
    "; DROP TABLE items; --",
};
#define NTRICKY ((int)(sizeof(tricky) / sizeof(tricky[0])))

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static struct wz_db *open_or_fail(const struct target *t)
{
    struct wz_db *db = NULL;
    struct wz_err err = {0};
    int rc = wz_db_open_url(t->url, NULL, &db, &err);
    if (rc != WZ_OK)
        fail_msg("cannot open %s: %s", t->label, err.msg);
    return db;
}

static void exec_or_fail(struct wz_db *db, const char *sql)
{
    struct wz_err err = {0};
    if (wz_db_exec(db, sql, &err) != WZ_OK)
        fail_msg("exec failed: %s: %s", sql, err.msg);
}

static int64_t count_rows(struct wz_db *db, const char *table)
{
    char sql[128];
    struct wz_err err = {0};
    int64_t n = -1;
    snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM %s", table);
    if (wz_db_query_int64(db, sql, NULL, 0, &n, &err) < 0)
        fail_msg("count failed: %s", err.msg);
    return n;
}

static int setup(void **state)
{
    const struct target *t = *state;
    struct fixture *f = calloc(1, sizeof(*f));
    assert_non_null(f);
    f->t = t;
    f->db = open_or_fail(t);
    exec_or_fail(f->db, "DROP TABLE IF EXISTS items; DROP TABLE IF EXISTS other; "
                        "DROP TABLE IF EXISTS copied");
    exec_or_fail(f->db, "CREATE TABLE items (id BIGINT PRIMARY KEY, name TEXT, qty BIGINT)");
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    wz_db_close(f->db);
    *state = (void *)f->t;
    free(f);
    return 0;
}

static void insert_item(struct wz_db *db, int64_t id, const char *name, int64_t qty)
{
    struct wz_stmt *st = NULL;
    struct wz_err err = {0};
    assert_int_equal(
        wz_db_prepare(db, "INSERT INTO items (id, name, qty) VALUES ($1, $2, $3)", &st, &err),
        WZ_OK);
    assert_int_equal(wz_stmt_bind_int64(st, 1, id), WZ_OK);
    assert_int_equal(wz_stmt_bind_text(st, 2, name), WZ_OK);
    assert_int_equal(wz_stmt_bind_int64(st, 3, qty), WZ_OK);
    if (wz_stmt_step(st, &err) != WZ_DONE)
        fail_msg("insert failed: %s", err.msg);
    wz_stmt_finalize(st);
}

static void test_exec_ddl_and_table_exists(void **state)
{
    struct fixture *f = *state;
    assert_int_equal(wz_db_table_exists(f->db, "items", &f->err), 1);
    assert_int_equal(wz_db_table_exists(f->db, "other", &f->err), 0);
    assert_int_equal(wz_db_exec(f->db,
                                "CREATE TABLE other (id BIGINT PRIMARY KEY, note TEXT);\n"
                                "CREATE INDEX other_note ON other (note);",
                                &f->err),
                     WZ_OK);
    assert_int_equal(wz_db_table_exists(f->db, "other", &f->err), 1);
    assert_int_equal(wz_db_exec(f->db, "DROP TABLE other", &f->err), WZ_OK);
    assert_int_equal(wz_db_table_exists(f->db, "other", &f->err), 0);
    /* a name that only exists as an index is not a table */
    assert_int_equal(wz_db_exec(f->db, "CREATE INDEX items_name ON items (name)", &f->err), WZ_OK);
    assert_int_equal(wz_db_table_exists(f->db, "items_name", &f->err), 0);
}

static void test_bind_and_read_back(void **state)
{
    struct fixture *f = *state;
    struct wz_stmt *ins = NULL, *sel = NULL;

    assert_int_equal(wz_db_prepare(f->db, "INSERT INTO items (id, name, qty) VALUES ($1, $2, $3)",
                                   &ins, &f->err),
                     WZ_OK);
    for (int i = 0; i < NTRICKY; i++) {
        assert_int_equal(wz_stmt_bind_int64(ins, 1, i + 1), WZ_OK);
        assert_int_equal(wz_stmt_bind_text(ins, 2, tricky[i]), WZ_OK);
        assert_int_equal(wz_stmt_bind_null(ins, 3), WZ_OK);
        assert_int_equal(wz_stmt_step(ins, &f->err), WZ_DONE);
        assert_int_equal(wz_stmt_reset(ins), WZ_OK);
    }
    /* the extremes of int64, and NULL through bind_text(NULL) */
    assert_int_equal(wz_stmt_bind_int64(ins, 1, INT64_MAX), WZ_OK);
    assert_int_equal(wz_stmt_bind_text(ins, 2, NULL), WZ_OK);
    assert_int_equal(wz_stmt_bind_int64(ins, 3, INT64_MIN), WZ_OK);
    assert_int_equal(wz_stmt_step(ins, &f->err), WZ_DONE);
    wz_stmt_finalize(ins);

    assert_int_equal(
        wz_db_prepare(f->db, "SELECT name, qty FROM items WHERE id = $1", &sel, &f->err), WZ_OK);
    for (int i = 0; i < NTRICKY; i++) {
        assert_int_equal(wz_stmt_bind_int64(sel, 1, i + 1), WZ_OK);
        assert_int_equal(wz_stmt_step(sel, &f->err), WZ_ROW);
        assert_false(wz_stmt_column_is_null(sel, 0));
        assert_string_equal(wz_stmt_column_text(sel, 0), tricky[i]);
        assert_true(wz_stmt_column_is_null(sel, 1));
        assert_string_equal(wz_stmt_column_text(sel, 1), "");
        assert_int_equal(wz_stmt_step(sel, &f->err), WZ_DONE);
        assert_int_equal(wz_stmt_reset(sel), WZ_OK);
    }
    assert_int_equal(wz_stmt_bind_int64(sel, 1, INT64_MAX), WZ_OK);
    assert_int_equal(wz_stmt_step(sel, &f->err), WZ_ROW);
    assert_true(wz_stmt_column_is_null(sel, 0));
    assert_false(wz_stmt_column_is_null(sel, 1));
    assert_true(wz_stmt_column_int64(sel, 1) == INT64_MIN);
    wz_stmt_finalize(sel);

    /* a value compared in SQL, not only stored: the parameter reached the server intact */
    int64_t n = 0;
    const char *params[] = {tricky[1]};
    assert_int_equal(
        wz_db_query_int64(f->db, "SELECT id FROM items WHERE name = $1", params, 1, &n, &f->err),
        1);
    assert_int_equal(n, 2);
}

static void test_step_over_rows(void **state)
{
    struct fixture *f = *state;
    struct wz_stmt *st = NULL;
    static const char *const names[] = {"alpha", "beta", "gamma", "delta", "epsilon"};
    int rows = 0;

    for (int i = 0; i < 5; i++)
        insert_item(f->db, i + 1, names[i], (i + 1) * 10);
    assert_int_equal(wz_db_prepare(f->db,
                                   "SELECT id, name, qty FROM items WHERE qty >= $1 ORDER BY id",
                                   &st, &f->err),
                     WZ_OK);
    assert_int_equal(wz_stmt_column_count(st), 3);
    assert_string_equal(wz_stmt_column_name(st, 0), "id");
    assert_string_equal(wz_stmt_column_name(st, 2), "qty");
    assert_int_equal(wz_stmt_bind_int64(st, 1, 20), WZ_OK);
    int rc;
    while ((rc = wz_stmt_step(st, &f->err)) == WZ_ROW) {
        assert_int_equal(wz_stmt_column_int64(st, 0), rows + 2);
        assert_string_equal(wz_stmt_column_text(st, 1), names[rows + 1]);
        assert_int_equal(wz_stmt_column_int64(st, 2), (rows + 2) * 10);
        assert_string_equal(wz_stmt_column_name(st, 1), "name");
        rows++;
    }
    assert_int_equal(rc, WZ_DONE);
    assert_int_equal(rows, 4);
    wz_stmt_finalize(st);
}

static void test_reset_rebinds_and_clears(void **state)
{
    struct fixture *f = *state;
    struct wz_stmt *ins = NULL, *sel = NULL;

    assert_int_equal(wz_db_prepare(f->db, "INSERT INTO items (id, name, qty) VALUES ($1, $2, $3)",
                                   &ins, &f->err),
                     WZ_OK);
    assert_int_equal(wz_stmt_bind_int64(ins, 1, 1), WZ_OK);
    assert_int_equal(wz_stmt_bind_text(ins, 2, "first"), WZ_OK);
    assert_int_equal(wz_stmt_bind_int64(ins, 3, 7), WZ_OK);
    assert_int_equal(wz_stmt_step(ins, &f->err), WZ_DONE);
    assert_int_equal(wz_stmt_reset(ins), WZ_OK);
    /* after reset only the id is bound again: the others must be NULL, not the old values */
    assert_int_equal(wz_stmt_bind_int64(ins, 1, 2), WZ_OK);
    assert_int_equal(wz_stmt_step(ins, &f->err), WZ_DONE);
    wz_stmt_finalize(ins);

    assert_int_equal(
        wz_db_prepare(f->db, "SELECT name, qty FROM items WHERE id = $1", &sel, &f->err), WZ_OK);
    assert_int_equal(wz_stmt_bind_int64(sel, 1, 1), WZ_OK);
    assert_int_equal(wz_stmt_step(sel, &f->err), WZ_ROW);
    assert_string_equal(wz_stmt_column_text(sel, 0), "first");
    assert_int_equal(wz_stmt_column_int64(sel, 1), 7);
    assert_int_equal(wz_stmt_reset(sel), WZ_OK);
    assert_int_equal(wz_stmt_bind_int64(sel, 1, 2), WZ_OK);
    assert_int_equal(wz_stmt_step(sel, &f->err), WZ_ROW);
    assert_true(wz_stmt_column_is_null(sel, 0));
    assert_true(wz_stmt_column_is_null(sel, 1));
    assert_int_equal(wz_stmt_step(sel, &f->err), WZ_DONE);
    /* reset without binding: id = NULL matches nothing */
    assert_int_equal(wz_stmt_reset(sel), WZ_OK);
    assert_int_equal(wz_stmt_step(sel, &f->err), WZ_DONE);
    wz_stmt_finalize(sel);
}

/* A bind that fails (here: a parameter the statement does not have; out of memory in real
 * life) is kept by the statement: the step reports it instead of inserting the row with that
 * value missing, and a reset forgets it. */
static void test_failed_bind_stops_the_step(void **state)
{
    struct fixture *f = *state;
    struct wz_stmt *ins = NULL;

    assert_int_equal(wz_db_prepare(f->db, "INSERT INTO items (id, name, qty) VALUES ($1, $2, $3)",
                                   &ins, &f->err),
                     WZ_OK);
    assert_int_equal(wz_stmt_bind_int64(ins, 1, 1), WZ_OK);
    assert_true(wz_stmt_bind_text(ins, 9, "nowhere") < 0);
    assert_int_equal(wz_stmt_bind_text(ins, 2, "first"), WZ_OK);
    assert_int_equal(wz_stmt_bind_int64(ins, 3, 7), WZ_OK);
    assert_true(wz_stmt_step(ins, &f->err) < 0);
    assert_string_equal(f->err.msg, "cannot bind parameter 9");
    assert_int_equal(count_rows(f->db, "items"), 0);

    assert_int_equal(wz_stmt_reset(ins), WZ_OK);
    assert_int_equal(wz_stmt_bind_int64(ins, 1, 1), WZ_OK);
    assert_int_equal(wz_stmt_bind_text(ins, 2, "first"), WZ_OK);
    assert_int_equal(wz_stmt_bind_int64(ins, 3, 7), WZ_OK);
    assert_int_equal(wz_stmt_step(ins, &f->err), WZ_DONE);
    wz_stmt_finalize(ins);
    assert_int_equal(count_rows(f->db, "items"), 1);
}

static void test_changes_count(void **state)
{
    struct fixture *f = *state;
    struct wz_stmt *st = NULL;

    assert_int_equal(wz_db_exec(f->db,
                                "INSERT INTO items (id, name, qty) VALUES "
                                "(1, 'a', 1), (2, 'b', 2), (3, 'c', 3)",
                                &f->err),
                     WZ_OK);
    assert_int_equal(wz_db_changes(f->db), 3);
    assert_int_equal(
        wz_db_prepare(f->db, "UPDATE items SET qty = qty + 1 WHERE id >= $1", &st, &f->err), WZ_OK);
    assert_int_equal(wz_stmt_bind_int64(st, 1, 2), WZ_OK);
    assert_int_equal(wz_stmt_step(st, &f->err), WZ_DONE);
    assert_int_equal(wz_db_changes(f->db), 2);
    wz_stmt_finalize(st);
    /* a query changes nothing and leaves the count of the last change alone */
    assert_int_equal(count_rows(f->db, "items"), 3);
    assert_int_equal(wz_db_changes(f->db), 2);
    assert_int_equal(wz_db_exec(f->db, "DELETE FROM items WHERE id = 42", &f->err), WZ_OK);
    assert_int_equal(wz_db_changes(f->db), 0);
    assert_int_equal(wz_db_exec(f->db, "DELETE FROM items", &f->err), WZ_OK);
    assert_int_equal(wz_db_changes(f->db), 3);
}

static void test_rollback_leaves_nothing(void **state)
{
    struct fixture *f = *state;

    assert_false(f->db->in_transaction);
    assert_int_equal(wz_db_begin(f->db, &f->err), WZ_OK);
    assert_true(f->db->in_transaction);
    insert_item(f->db, 1, "gone", 1);
    exec_or_fail(f->db, "CREATE TABLE other (id BIGINT)");
    assert_int_equal(count_rows(f->db, "items"), 1);
    wz_db_rollback(f->db);
    assert_false(f->db->in_transaction);
    assert_int_equal(count_rows(f->db, "items"), 0);
    /* DDL is transactional on both databases */
    assert_int_equal(wz_db_table_exists(f->db, "other", &f->err), 0);
}

static void test_commit_persists(void **state)
{
    struct fixture *f = *state;
    struct wz_db *other = open_or_fail(f->t);

    assert_int_equal(wz_db_begin(f->db, &f->err), WZ_OK);
    insert_item(f->db, 1, "kept", 5);
    insert_item(f->db, 2, "kept too", 6);
    /* not visible to another connection before the commit */
    assert_int_equal(count_rows(other, "items"), 0);
    assert_int_equal(wz_db_commit(f->db, &f->err), WZ_OK);
    assert_false(f->db->in_transaction);
    assert_int_equal(count_rows(other, "items"), 2);
    wz_db_close(other);

    other = open_or_fail(f->t);
    assert_int_equal(count_rows(other, "items"), 2);
    wz_db_close(other);
}

static void test_read_snapshot(void **state)
{
    struct fixture *f = *state;
    struct wz_db *other = open_or_fail(f->t);

    insert_item(f->db, 1, "before", 1);
    assert_int_equal(wz_db_begin_read(f->db, &f->err), WZ_OK);
    assert_true(f->db->in_transaction);
    assert_int_equal(count_rows(f->db, "items"), 1);
    /* another connection's commit is not seen inside the snapshot */
    insert_item(other, 2, "during", 2);
    assert_int_equal(count_rows(f->db, "items"), 1);
    /* a write transaction cannot start inside it: a caller's bug, refused out loud */
    assert_int_equal(wz_db_begin(f->db, &f->err), WZ_EUSAGE);
    assert_non_null(strstr(f->err.msg, "read-only snapshot"));
    wz_db_end_read(f->db);
    assert_false(f->db->in_transaction);
    assert_int_equal(count_rows(f->db, "items"), 2);
    /* and the connection writes again afterwards */
    assert_int_equal(wz_db_begin(f->db, &f->err), WZ_OK);
    insert_item(f->db, 3, "after", 3);
    assert_int_equal(wz_db_commit(f->db, &f->err), WZ_OK);
    assert_int_equal(count_rows(other, "items"), 3);
    wz_db_close(other);
}

static void test_sql_errors_have_messages(void **state)
{
    struct fixture *f = *state;
    struct wz_stmt *st = NULL;

    assert_true(wz_db_exec(f->db, "SELECT * FROM no_such_table", &f->err) < 0);
    assert_non_null(strstr(f->err.msg, "no_such_table"));

    memset(&f->err, 0, sizeof(f->err));
    assert_true(wz_db_prepare(f->db, "SELEC 1", &st, &f->err) < 0);
    assert_null(st);
    assert_non_null(strstr(f->err.msg, "syntax error"));
    assert_non_null(strstr(f->err.msg, "SELEC"));

    /* a constraint failure surfaces at step */
    insert_item(f->db, 1, "one", 1);
    memset(&f->err, 0, sizeof(f->err));
    assert_int_equal(wz_db_prepare(f->db, "INSERT INTO items (id) VALUES ($1)", &st, &f->err),
                     WZ_OK);
    assert_int_equal(wz_stmt_bind_int64(st, 1, 1), WZ_OK);
    assert_true(wz_stmt_step(st, &f->err) < 0);
    assert_non_null(strcasestr(f->err.msg, "unique"));
    wz_stmt_finalize(st);

    /* binding a parameter the statement does not have is refused */
    assert_int_equal(wz_db_prepare(f->db, "SELECT name FROM items WHERE id = $1", &st, &f->err),
                     WZ_OK);
    assert_true(wz_stmt_bind_int64(st, 2, 1) < 0);
    wz_stmt_finalize(st);

    /* the connection still works */
    assert_int_equal(count_rows(f->db, "items"), 1);
}

/* A unique or primary-key violation is WZ_ECONFLICT (the API's 409 for a race it lost), on
 * a prepared statement and through exec; other constraint failures stay WZ_EFAIL. */
static void test_unique_violation_is_conflict(void **state)
{
    struct fixture *f = *state;
    struct wz_stmt *st = NULL;

    insert_item(f->db, 1, "one", 1);
    exec_or_fail(f->db, "CREATE UNIQUE INDEX items_name_key ON items (name)");

    assert_int_equal(
        wz_db_prepare(f->db, "INSERT INTO items (id, name) VALUES ($1, $2)", &st, &f->err), WZ_OK);
    assert_int_equal(wz_stmt_bind_int64(st, 1, 1), WZ_OK);
    assert_int_equal(wz_stmt_bind_text(st, 2, "other"), WZ_OK);
    assert_int_equal(wz_stmt_step(st, &f->err), WZ_ECONFLICT);
    assert_int_equal(f->err.code, WZ_ECONFLICT);
    assert_non_null(strcasestr(f->err.msg, "unique"));
    wz_stmt_reset(st);
    assert_int_equal(wz_stmt_bind_int64(st, 1, 2), WZ_OK);
    assert_int_equal(wz_stmt_bind_text(st, 2, "one"), WZ_OK);
    assert_int_equal(wz_stmt_step(st, &f->err), WZ_ECONFLICT);
    wz_stmt_finalize(st);

    memset(&f->err, 0, sizeof(f->err));
    assert_int_equal(wz_db_exec(f->db, "INSERT INTO items (id, name) VALUES (3, 'one')", &f->err),
                     WZ_ECONFLICT);

    exec_or_fail(f->db, "CREATE TABLE other (id BIGINT NOT NULL CHECK (id > 0))");
    assert_int_equal(wz_db_exec(f->db, "INSERT INTO other (id) VALUES (-1)", &f->err), WZ_EFAIL);
    assert_int_equal(wz_db_exec(f->db, "INSERT INTO other (id) VALUES (NULL)", &f->err), WZ_EFAIL);
    assert_int_equal(count_rows(f->db, "items"), 1);
}

static void test_statements_interleave(void **state)
{
    struct fixture *f = *state;
    struct wz_stmt *sel = NULL, *ins = NULL;
    int rows = 0;

    for (int i = 1; i <= 3; i++)
        insert_item(f->db, i, "x", i);
    exec_or_fail(f->db, "CREATE TABLE other (id BIGINT PRIMARY KEY, note TEXT)");
    assert_int_equal(wz_db_prepare(f->db, "SELECT id FROM items ORDER BY id", &sel, &f->err),
                     WZ_OK);
    assert_int_equal(
        wz_db_prepare(f->db, "INSERT INTO other (id, note) VALUES ($1, $2)", &ins, &f->err), WZ_OK);
    while (wz_stmt_step(sel, &f->err) == WZ_ROW) {
        assert_int_equal(wz_stmt_bind_int64(ins, 1, wz_stmt_column_int64(sel, 0) * 100), WZ_OK);
        assert_int_equal(wz_stmt_bind_text(ins, 2, "copied"), WZ_OK);
        assert_int_equal(wz_stmt_step(ins, &f->err), WZ_DONE);
        assert_int_equal(wz_stmt_reset(ins), WZ_OK);
        rows++;
    }
    assert_int_equal(rows, 3);
    wz_stmt_finalize(ins);
    wz_stmt_finalize(sel);
    assert_int_equal(count_rows(f->db, "other"), 3);
    /* many statements prepared and finalized in turn stay usable */
    for (int i = 0; i < 100; i++) {
        int64_t n = 0;
        assert_int_equal(
            wz_db_query_int64(f->db, "SELECT COUNT(*) FROM other", NULL, 0, &n, &f->err), 1);
        assert_int_equal(n, 3);
    }
}

static void test_lock_excludes_other_connection(void **state)
{
    struct fixture *f = *state;
    struct wz_db *other = open_or_fail(f->t);
    struct wz_err err = {0};

    assert_int_equal(wz_db_lock(f->db, "wizamart_migrations", 1000, &f->err), WZ_OK);
    /* taking it again on the same connection is fine */
    assert_int_equal(wz_db_lock(f->db, "wizamart_migrations", 1000, &f->err), WZ_OK);
    int64_t start = now_ms();
    assert_int_equal(wz_db_lock(other, "wizamart_migrations", 200, &err), WZ_EBUSY);
    int64_t waited = now_ms() - start;
    assert_true(waited >= 150);
    assert_true(waited < 2000);
    assert_non_null(strstr(err.msg, "another migration holds the lock"));

    wz_db_unlock(f->db);
    assert_int_equal(wz_db_lock(other, "wizamart_migrations", 200, &err), WZ_OK);
    assert_int_equal(wz_db_lock(f->db, "wizamart_migrations", 0, &err), WZ_EBUSY);
    wz_db_unlock(other);

    /* a holder that goes away frees the lock */
    assert_int_equal(wz_db_lock(other, "wizamart_migrations", 200, &err), WZ_OK);
    wz_db_close(other);
    assert_int_equal(wz_db_lock(f->db, "wizamart_migrations", 200, &err), WZ_OK);
    wz_db_unlock(f->db);
}

static void test_copy_rows(void **state)
{
    struct fixture *f = *state;
    const struct wz_db_driver *drv = f->db->drv;
    static const char *const cols[] = {"id", "name", "note"};
    char id[16];
    struct wz_stmt *st = NULL;

    exec_or_fail(f->db, "CREATE TABLE copied (id BIGINT PRIMARY KEY, name TEXT, note TEXT)");
    assert_int_equal(drv->copy_begin(f->db, "copied", cols, 3, &f->err), WZ_OK);
    for (int i = 0; i < NTRICKY; i++) {
        snprintf(id, sizeof(id), "%d", i + 1);
        const char *row[] = {id, tricky[i], i % 2 == 0 ? NULL : "\\N"};
        if (drv->copy_row(f->db, row, &f->err) != WZ_OK)
            fail_msg("copy_row: %s", f->err.msg);
    }
    if (drv->copy_end(f->db, &f->err) != WZ_OK)
        fail_msg("copy_end: %s", f->err.msg);
    assert_int_equal(wz_db_changes(f->db), NTRICKY);

    assert_int_equal(
        wz_db_prepare(f->db, "SELECT id, name, note FROM copied ORDER BY id", &st, &f->err), WZ_OK);
    for (int i = 0; i < NTRICKY; i++) {
        assert_int_equal(wz_stmt_step(st, &f->err), WZ_ROW);
        assert_int_equal(wz_stmt_column_int64(st, 0), i + 1);
        assert_string_equal(wz_stmt_column_text(st, 1), tricky[i]);
        if (i % 2 == 0) {
            assert_true(wz_stmt_column_is_null(st, 2));
        } else {
            assert_false(wz_stmt_column_is_null(st, 2));
            assert_string_equal(wz_stmt_column_text(st, 2), "\\N");
        }
    }
    assert_int_equal(wz_stmt_step(st, &f->err), WZ_DONE);
    wz_stmt_finalize(st);

    /* bad data fails at the end, with the server's reason; the connection recovers */
    assert_int_equal(drv->copy_begin(f->db, "copied", cols, 3, &f->err), WZ_OK);
    const char *bad[] = {"not a number", "x", NULL};
    assert_int_equal(drv->copy_row(f->db, bad, &f->err), WZ_OK);
    assert_true(drv->copy_end(f->db, &f->err) < 0);
    assert_non_null(strstr(f->err.msg, "not a number"));
    assert_int_equal(count_rows(f->db, "copied"), NTRICKY);

    /* a missing table is reported at the start */
    memset(&f->err, 0, sizeof(f->err));
    assert_true(drv->copy_begin(f->db, "no_such_table", cols, 3, &f->err) < 0);
    assert_non_null(strstr(f->err.msg, "no_such_table"));

    /* an abandoned COPY does not wedge the connection */
    assert_int_equal(drv->copy_begin(f->db, "copied", cols, 3, &f->err), WZ_OK);
    const char *good[] = {"100", "y", NULL};
    assert_int_equal(drv->copy_row(f->db, good, &f->err), WZ_OK);
    assert_int_equal(count_rows(f->db, "copied"), NTRICKY);
}

/* ---- PostgreSQL only ---- */

/* Parses the target's URL and replaces one field. Caller releases. */
static void pg_url_with(const struct target *t, char **field_of(struct wz_db_url *),
                        const char *value, struct wz_db_url *out)
{
    struct wz_err err = {0};
    if (wz_db_url_parse(t->url, out, &err) != WZ_OK)
        fail_msg("cannot parse WZ_PG_URL: %s", err.msg);
    char **field = field_of(out);
    free(*field);
    *field = value != NULL ? strdup(value) : NULL;
}

static char **field_port(struct wz_db_url *u)
{
    return &u->port;
}
static char **field_password(struct wz_db_url *u)
{
    return &u->password;
}
static char **field_dbname(struct wz_db_url *u)
{
    return &u->dbname;
}
/* The target's URL with a query string, parsed as DATABASE_URL would be. */
static void pg_url_with_query(const struct target *t, const char *query, struct wz_db_url *out)
{
    char text[1024];
    struct wz_err err = {0};
    if (strlen(t->url) + strlen(query) + 2 > sizeof(text))
        fail_msg("test URL too long");
    memcpy(text, t->url, strlen(t->url));
    text[strlen(t->url)] = '?';
    memcpy(text + strlen(t->url) + 1, query, strlen(query) + 1);
    if (wz_db_url_parse(text, out, &err) != WZ_OK)
        fail_msg("cannot parse '%s': %s", text, err.msg);
}

/* Opens url and expects failure with rc; returns the message in err. */
static void expect_open_fails(const struct wz_db_url *url, int wait_s, int rc, struct wz_err *err)
{
    struct wz_db *db = NULL;
    struct wz_db_options opt = {.busy_timeout_ms = 1000, .connect_wait_s = wait_s};
    assert_int_equal(wz_db_open(url, &opt, &db, err), rc);
    assert_null(db);
    assert_null(strstr(err->msg, "wzpass"));
    assert_null(strstr(err->msg, "wrong-secret"));
}

static void test_pg_unreachable_server(void **state)
{
    struct fixture *f = *state;
    struct wz_db_url url;
    struct wz_err err = {0};

    pg_url_with(f->t, field_port, "1", &url);
    expect_open_fails(&url, 0, WZ_EFAIL, &err);
    assert_string_equal(err.msg, "cannot connect to PostgreSQL at 127.0.0.1:1: connection "
                                 "refused; is the server running?");

    /* connect_wait_s keeps trying for that long, then says so */
    int64_t start = now_ms();
    expect_open_fails(&url, 1, WZ_EFAIL, &err);
    int64_t waited = now_ms() - start;
    assert_true(waited >= 900);
    assert_true(waited < 5000);
    assert_non_null(strstr(err.msg, "connection refused (waited 1 s)"));
    wz_db_url_release(&url);
}

static void test_pg_wrong_password(void **state)
{
    struct fixture *f = *state;
    struct wz_db_url url;
    struct wz_err err = {0};

    pg_url_with(f->t, field_password, "wrong-secret", &url);
    expect_open_fails(&url, 0, WZ_EFAIL, &err);
    assert_string_equal(err.msg,
                        "password authentication failed for user 'wz'; check DATABASE_URL");
    wz_db_url_release(&url);

    pg_url_with(f->t, field_password, NULL, &url);
    expect_open_fails(&url, 0, WZ_EFAIL, &err);
    assert_non_null(strstr(err.msg, "wants a password for user 'wz'"));
    wz_db_url_release(&url);
}

static void test_pg_missing_database(void **state)
{
    struct fixture *f = *state;
    struct wz_db_url url;
    struct wz_err err = {0};

    pg_url_with(f->t, field_dbname, "wz_no_such_db", &url);
    expect_open_fails(&url, 0, WZ_ENOENT, &err);
    assert_string_equal(err.msg, "database 'wz_no_such_db' does not exist; run `make "
                                 "migrate-up` to create it, or create it with createdb");
    wz_db_url_release(&url);
}

static void test_pg_create_database(void **state)
{
    struct fixture *f = *state;
    /* quotes and a space: the name must reach CREATE DATABASE as one quoted identifier */
    static const char name[] = "wz created \"db\"; x";
    struct wz_db_url url;
    struct wz_db *db = NULL;
    struct wz_err err = {0};

    exec_or_fail(f->db, "DROP DATABASE IF EXISTS \"wz created \"\"db\"\"; x\"");
    pg_url_with(f->t, field_dbname, name, &url);
    if (wz_postgres_create_database(&url, &err) != WZ_OK)
        fail_msg("create database: %s", err.msg);
    /* a second call finds it there and is content */
    assert_int_equal(wz_postgres_create_database(&url, &err), WZ_OK);
    if (wz_db_open(&url, NULL, &db, &err) != WZ_OK)
        fail_msg("open created database: %s", err.msg);
    assert_int_equal(wz_db_table_exists(db, "items", &err), 0);
    exec_or_fail(db, "CREATE TABLE t (id BIGINT)");
    assert_int_equal(wz_db_table_exists(db, "t", &err), 1);
    wz_db_close(db);
    exec_or_fail(f->db, "DROP DATABASE \"wz created \"\"db\"\"; x\"");
    wz_db_url_release(&url);

    /* the same credential checks as opening */
    pg_url_with(f->t, field_password, "wrong-secret", &url);
    assert_int_equal(wz_postgres_create_database(&url, &err), WZ_EFAIL);
    assert_string_equal(err.msg,
                        "password authentication failed for user 'wz'; check DATABASE_URL");
    wz_db_url_release(&url);
}

static void test_pg_url_parameters(void **state)
{
    struct fixture *f = *state;
    struct wz_db_url url;
    struct wz_db *db = NULL;
    struct wz_stmt *st = NULL;
    struct wz_err err = {0};

    pg_url_with_query(f->t, "sslmode=disable&application_name=wz%20test&connect_timeout=5", &url);
    if (wz_db_open(&url, NULL, &db, &err) != WZ_OK)
        fail_msg("open with parameters: %s", err.msg);
    assert_int_equal(wz_db_prepare(db,
                                   "SELECT current_setting('application_name'), "
                                   "current_setting('TimeZone'), "
                                   "current_setting('client_encoding')",
                                   &st, &err),
                     WZ_OK);
    assert_int_equal(wz_stmt_step(st, &err), WZ_ROW);
    assert_string_equal(wz_stmt_column_text(st, 0), "wz test");
    assert_string_equal(wz_stmt_column_text(st, 1), "UTC");
    assert_string_equal(wz_stmt_column_text(st, 2), "UTF8");
    wz_stmt_finalize(st);
    wz_db_close(db);
    wz_db_url_release(&url);

    pg_url_with_query(f->t, "sslmode=disable&colour=blue", &url);
    expect_open_fails(&url, 0, WZ_EUSAGE, &err);
    assert_non_null(strstr(err.msg, "unknown parameter 'colour' in DATABASE_URL"));
    wz_db_url_release(&url);
}

static void test_pg_failed_transaction_commit(void **state)
{
    struct fixture *f = *state;

    assert_int_equal(wz_db_begin(f->db, &f->err), WZ_OK);
    insert_item(f->db, 1, "lost", 1);
    assert_true(wz_db_exec(f->db, "SELECT * FROM no_such_table", &f->err) < 0);
    assert_true(f->db->in_transaction);
    assert_true(wz_db_commit(f->db, &f->err) < 0);
    assert_non_null(strstr(f->err.msg, "rolled back"));
    assert_false(f->db->in_transaction);
    assert_int_equal(count_rows(f->db, "items"), 0);
}

static void test_pg_error_line_and_sqlstate(void **state)
{
    struct fixture *f = *state;

    assert_true(wz_db_exec(f->db, "CREATE TABLE other (id BIGINT);\nSELEC 1;", &f->err) < 0);
    assert_string_equal(f->err.msg, "syntax error at or near \"SELEC\" at line 2 (SQLSTATE 42601)");
    /* the whole script failed as one: the first statement did not stay */
    assert_int_equal(wz_db_table_exists(f->db, "other", &f->err), 0);
    /* catalog tables are not the engine's tables */
    assert_int_equal(wz_db_table_exists(f->db, "pg_class", &f->err), 0);
}

/* ---- SQLite's file failures in words (db/sqlite_path.h) ---- */

static void remove_dir(const char *dir);

/* A folder of this case's own next to the driver's database, for files it makes unwritable. */
static void case_dir(const struct target *t, const char *name, char *dir, size_t size)
{
    const char *path = t->url + strlen("sqlite:///");
    const char *slash = strrchr(path, '/');
    snprintf(dir, size, "%.*s/%s", (int)(slash - path), path, name);
    mkdir(dir, 0755);
    chmod(dir, 0755);
}

/* "file:..." is a URI to SQLite built with URI names (Debian): such a name gets "./". */
static void test_sqlite_plain_path(void **state)
{
    struct fixture *f = *state;
    if (f->t->is_pg)
        return;
    char buf[32];
    assert_string_equal(wz_sqlite_plain_path("file:x.db", buf, sizeof(buf)), "./file:x.db");
    assert_string_equal(wz_sqlite_plain_path("file:d/x?mode=ro", buf, sizeof(buf)),
                        "./file:d/x?mode=ro");
    assert_string_equal(wz_sqlite_plain_path("x.db", buf, sizeof(buf)), "x.db");
    assert_string_equal(wz_sqlite_plain_path("/srv/file:x.db", buf, sizeof(buf)), "/srv/file:x.db");
    assert_string_equal(wz_sqlite_plain_path("./file:x.db", buf, sizeof(buf)), "./file:x.db");
    assert_null(wz_sqlite_plain_path("file:a-name-longer-than-the-buffer.db", buf, 16));
}

/* A full disk says what to do about which place; other failures add nothing. */
static void test_sqlite_disk_hint(void **state)
{
    struct fixture *f = *state;
    if (f->t->is_pg)
        return;
    char buf[256];
    assert_true(wz_sqlite_disk_hint(NULL, SQLITE_FULL, "/srv/db", buf, sizeof(buf)));
    assert_string_equal(buf,
                        ": free space on the disk holding '/srv/db', or raise the file size limit");
    assert_false(wz_sqlite_disk_hint(NULL, SQLITE_CONSTRAINT_UNIQUE, "/srv/db", buf, sizeof(buf)));
    assert_string_equal(buf, "");
    /* an I/O error without the system's errno (no handle) keeps SQLite's own words */
    assert_false(wz_sqlite_disk_hint(NULL, SQLITE_IOERR_WRITE, "/srv/db", buf, sizeof(buf)));
    char out[256];
    assert_string_equal(
        wz_sqlite_explain(NULL, SQLITE_FULL, "database or disk is full", "/srv/t.db", out,
                          sizeof(out)),
        "database or disk is full: free space on the disk holding '/srv/t.db', or raise the "
        "file size limit");
}

/* A commit past RLIMIT_FSIZE (the stand-in for a full disk) fails with EFBIG on the WAL;
 * SQLite says "disk I/O error" and nothing more, the driver adds the reason, the file and
 * what to do. */
static void test_sqlite_file_size_limit_says_why(void **state)
{
    struct fixture *f = *state;
    if (f->t->is_pg)
        return;
    char dir[1024], url[1200], path[1100];
    case_dir(f->t, "fsize", dir, sizeof(dir));
    snprintf(path, sizeof(path), "%s/big.db", dir);
    snprintf(url, sizeof(url), "sqlite:///%s", path);
    struct wz_db *db = NULL;
    struct wz_err err = {0};
    assert_int_equal(wz_db_open_url(url, NULL, &db, &err), WZ_OK);
    assert_int_equal(wz_db_exec(db, "CREATE TABLE pad (x TEXT)", &err), WZ_OK);

    struct rlimit saved, small;
    assert_int_equal(getrlimit(RLIMIT_FSIZE, &saved), 0);
    small = saved;
    small.rlim_cur = 128 * 1024;
    void (*old_handler)(int) = signal(SIGXFSZ, SIG_IGN);
    /* Nothing is printed while the limit holds: stdout may be a file. */
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
    int rc = wz_db_begin(db, &err);
    if (rc == WZ_OK)
        rc = wz_db_exec(db,
                        "INSERT INTO pad WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 "
                        "FROM c WHERE n < 5000) SELECT printf('%080d', n) FROM c",
                        &err);
    if (rc == WZ_OK)
        rc = wz_db_commit(db, &err);
    setrlimit(RLIMIT_FSIZE, &saved);
    signal(SIGXFSZ, old_handler);

    assert_true(rc < 0);
    if (strstr(err.msg, strerror(EFBIG)) == NULL || strstr(err.msg, path) == NULL ||
        strstr(err.msg, "raise the file size limit") == NULL)
        fail_msg("the error does not say why, where and what to do: %s", err.msg);
    wz_db_rollback(db);
    /* Room again: the same transaction commits. */
    assert_int_equal(wz_db_begin(db, &err), WZ_OK);
    assert_int_equal(wz_db_exec(db, "INSERT INTO pad VALUES ('x')", &err), WZ_OK);
    assert_int_equal(wz_db_commit(db, &err), WZ_OK);
    wz_db_close(db);
    remove_dir(dir);
}

/* What wz_sqlite_readonly_reason says about path, asked as an ordinary user: root passes
 * every mode check, so as root the question is asked by a child running as nobody. */
static void readonly_reason_as_user(const char *path, char *out, size_t size)
{
    out[0] = '\0';
    if (geteuid() != 0) {
        if (!wz_sqlite_readonly_reason(path, out, size))
            snprintf(out, size, "(writable)");
        return;
    }
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(fds[0]);
        char text[1024] = "(writable)";
        if (setgid(65534) != 0 || setuid(65534) != 0)
            snprintf(text, sizeof(text), "(cannot become nobody)");
        else
            wz_sqlite_readonly_reason(path, text, sizeof(text));
        ssize_t w = write(fds[1], text, strlen(text));
        _exit(w < 0);
    }
    close(fds[1]);
    size_t got = 0;
    ssize_t n;
    while (got + 1 < size && (n = read(fds[0], out + got, size - 1 - got)) > 0)
        got += (size_t)n;
    out[got] = '\0';
    close(fds[0]);
    waitpid(pid, NULL, 0);
}

/* A read-only database file, or a folder SQLite cannot create its -journal and -wal files
 * in, is named with what to do; a writable one, or a missing folder, is not a read-only
 * case. */
static void test_sqlite_readonly_reason(void **state)
{
    struct fixture *f = *state;
    if (f->t->is_pg)
        return;
    char dir[1024], path[1100], parent[1024], msg[1024], want[2300];
    /* nobody must reach the case's folder through the suite's private (0700) one */
    snprintf(parent, sizeof(parent), "%s", f->t->url + strlen("sqlite:///"));
    *strrchr(parent, '/') = '\0';
    chmod(parent, 0711);
    case_dir(f->t, "ro", dir, sizeof(dir));
    snprintf(path, sizeof(path), "%s/t.db", dir);
    int fd = open(path, O_CREAT | O_WRONLY, 0644);
    assert_true(fd >= 0);
    close(fd);
    if (geteuid() == 0) {
        assert_int_equal(chown(dir, 65534, 65534), 0);
        assert_int_equal(chown(path, 65534, 65534), 0);
    }

    readonly_reason_as_user(path, msg, sizeof(msg));
    assert_string_equal(msg, "(writable)");

    chmod(path, 0444);
    readonly_reason_as_user(path, msg, sizeof(msg));
    snprintf(want, sizeof(want),
             "database file '%s' is read-only for this user: make it writable (chmod u+w, or "
             "chown to this user)",
             path);
    assert_string_equal(msg, want);

    chmod(path, 0644);
    chmod(dir, 0555);
    readonly_reason_as_user(path, msg, sizeof(msg));
    snprintf(want, sizeof(want),
             "folder '%s' is not writable for this user: SQLite creates t.db-journal / t.db-wal "
             "there; make it writable or move the database",
             dir);
    assert_string_equal(msg, want);
    chmod(dir, 0755);

    snprintf(path, sizeof(path), "%s/no-such-folder/t.db", dir);
    assert_false(wz_sqlite_readonly_reason(path, msg, sizeof(msg)));
    assert_false(wz_sqlite_readonly_reason(":memory:", msg, sizeof(msg)));
    chmod(parent, 0700);
    remove_dir(dir);
}

/* ---- running ---- */

enum { RUN_ALL, RUN_PG, RUN_COPY };

struct test_case {
    const char *name;
    CMUnitTestFunction fn;
    int when;
};

static const struct test_case cases[] = {
    {"exec_ddl_and_table_exists", test_exec_ddl_and_table_exists, RUN_ALL},
    {"bind_and_read_back", test_bind_and_read_back, RUN_ALL},
    {"step_over_rows", test_step_over_rows, RUN_ALL},
    {"reset_rebinds_and_clears", test_reset_rebinds_and_clears, RUN_ALL},
    {"failed_bind_stops_the_step", test_failed_bind_stops_the_step, RUN_ALL},
    {"changes_count", test_changes_count, RUN_ALL},
    {"rollback_leaves_nothing", test_rollback_leaves_nothing, RUN_ALL},
    {"commit_persists", test_commit_persists, RUN_ALL},
    {"read_snapshot", test_read_snapshot, RUN_ALL},
    {"sql_errors_have_messages", test_sql_errors_have_messages, RUN_ALL},
    {"unique_violation_is_conflict", test_unique_violation_is_conflict, RUN_ALL},
    {"statements_interleave", test_statements_interleave, RUN_ALL},
    {"lock_excludes_other_connection", test_lock_excludes_other_connection, RUN_ALL},
    {"copy_rows", test_copy_rows, RUN_COPY},
    {"unreachable_server", test_pg_unreachable_server, RUN_PG},
    {"wrong_password", test_pg_wrong_password, RUN_PG},
    {"missing_database", test_pg_missing_database, RUN_PG},
    {"create_database", test_pg_create_database, RUN_PG},
    {"url_parameters", test_pg_url_parameters, RUN_PG},
    {"failed_transaction_commit", test_pg_failed_transaction_commit, RUN_PG},
    {"error_line_and_sqlstate", test_pg_error_line_and_sqlstate, RUN_PG},
    {"sqlite_plain_path", test_sqlite_plain_path, RUN_ALL},
    {"sqlite_disk_hint", test_sqlite_disk_hint, RUN_ALL},
    {"sqlite_file_size_limit_says_why", test_sqlite_file_size_limit_says_why, RUN_ALL},
    {"sqlite_readonly_reason", test_sqlite_readonly_reason, RUN_ALL},
};
#define NCASES (sizeof(cases) / sizeof(cases[0]))

static int run_target(struct target *t, const struct wz_db_driver *drv)
{
    struct CMUnitTest tests[NCASES];
    static char names[NCASES][96];
    size_t n = 0;

    for (size_t i = 0; i < NCASES; i++) {
        if (cases[i].when == RUN_PG && !t->is_pg)
            continue;
        if (cases[i].when == RUN_COPY && drv->copy_begin == NULL)
            continue;
        snprintf(names[n], sizeof(names[n]), "%s: %s", t->label, cases[i].name);
        tests[n] = (struct CMUnitTest){.name = names[n],
                                       .test_func = cases[i].fn,
                                       .setup_func = setup,
                                       .teardown_func = teardown,
                                       .initial_state = t};
        n++;
    }
    return _cmocka_run_group_tests(t->label, tests, n, NULL, NULL);
}

/* Removes the temporary folder and whatever the SQLite driver left in it (WAL, lock file). */
static void remove_dir(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char path[1024];

    if (d == NULL)
        return;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
        unlink(path);
    }
    closedir(d);
    rmdir(dir);
}

/* Without libpq installed, a postgresql:// URL fails with one line that names the package,
 * and the table is left untouched. */
static void test_pq_loader_missing_library(void **state)
{
    (void)state;
    struct wz_pq_api api;
    memset(&api, 0, sizeof(api));
    struct wz_err err;
    wz_err_clear(&err);
    assert_int_equal(wz_pq_load_from("libpq-wz-missing.so.5", &api, &err), WZ_EFAIL);
    assert_string_equal(err.msg, "the PostgreSQL client library libpq-wz-missing.so.5 is not "
                                 "installed: apt-get install libpq5 (make deps)");
    assert_null(api.PQexec);
    assert_null(strchr(err.msg, '\n'));
}

/* The real library resolves every function of the table, and loading twice is harmless. */
static void test_pq_loader_loads(void **state)
{
    (void)state;
    struct wz_err err;
    wz_err_clear(&err);
    assert_int_equal(wz_pq_load(&err), WZ_OK);
    assert_int_equal(wz_pq_load(&err), WZ_OK);
    assert_non_null(wz_pq.PQconnectdbParams);
    assert_non_null(wz_pq.PQuser);
}

int main(void)
{
    char dir[] = "/tmp/wz-test-db-driver-XXXXXX";
    struct target sqlite = {.label = "sqlite", .is_pg = false};
    struct target pg = {.label = "postgresql", .is_pg = true};
    const char *pg_url = getenv("WZ_PG_URL");
    int failed = 0;

    if (mkdtemp(dir) == NULL) {
        perror("mkdtemp");
        return 1;
    }
    const struct CMUnitTest loader_tests[] = {
        cmocka_unit_test(test_pq_loader_missing_library),
        cmocka_unit_test(test_pq_loader_loads),
    };
    failed += cmocka_run_group_tests_name("pq_loader", loader_tests, NULL, NULL);
    snprintf(sqlite.url, sizeof(sqlite.url), "sqlite:///%s/driver.db", dir);
    failed += run_target(&sqlite, &wz_sqlite_driver);
    remove_dir(dir);

    if (pg_url != NULL && pg_url[0] != '\0') {
        snprintf(pg.url, sizeof(pg.url), "%s", pg_url);
        failed += run_target(&pg, &wz_postgres_driver);
    } else {
        printf("# PostgreSQL cases not run: WZ_PG_URL is not set (tests/run.sh starts a "
               "throwaway server and sets it)\n");
    }
    return failed == 0 ? 0 : 1;
}
