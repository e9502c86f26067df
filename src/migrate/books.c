/*
 * The runner's books: see books.h. Every value is bound; the table names are the only text
 * pasted into the SQL, and they are constants.
 */
#include "migrate/books.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

const char *const wz_books_ddl[] = {
    "CREATE TABLE IF NOT EXISTS " WZ_MIGRATE_TABLE " ("
    " revision TEXT PRIMARY KEY,"
    " checksum TEXT NOT NULL,"
    " filename TEXT NOT NULL,"
    " message TEXT NOT NULL,"
    " applied_at TEXT NOT NULL,"
    " execution_ms BIGINT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS " WZ_BOOKS_STEPS_TABLE " ("
    " revision TEXT NOT NULL,"
    " direction TEXT NOT NULL,"
    " statement_index BIGINT NOT NULL,"
    " checksum TEXT NOT NULL,"
    " applied_at TEXT NOT NULL,"
    " PRIMARY KEY (revision, direction, statement_index))",
};

const size_t wz_books_nddl = sizeof(wz_books_ddl) / sizeof(wz_books_ddl[0]);

static void free_rows(struct wz_books *st)
{
    for (size_t i = 0; i < st->nrows; i++) {
        free(st->rows[i].revision);
        free(st->rows[i].checksum);
        free(st->rows[i].filename);
        free(st->rows[i].message);
        free(st->rows[i].applied_at);
    }
    free(st->rows);
    st->rows = NULL;
    st->nrows = 0;
}

void wz_books_release(struct wz_books *st)
{
    free_rows(st);
    free(st->applied);
    free(st->row_of);
    wz_graph_free(st->g);
    memset(st, 0, sizeof(*st));
}

void wz_books_now(char *buf, size_t size)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    struct tm tm;
    gmtime_r(&ts.tv_sec, &tm);
    size_t n = strftime(buf, size, "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(buf + n, size - n, ".%03dZ", (int)(ts.tv_nsec / 1000000) % 1000);
}

int wz_books_load_graph(const char *dir, struct wz_books *st, struct wz_err *err)
{
    int rc = wz_graph_load(dir, &st->g, err);
    if (rc != WZ_OK)
        return rc;
    st->applied = calloc(st->g->n + 1, sizeof(*st->applied));
    st->row_of = malloc((st->g->n + 1) * sizeof(*st->row_of));
    if (st->applied == NULL || st->row_of == NULL)
        return wz_err_set(err, WZ_ENOMEM, "out of memory");
    for (size_t i = 0; i < st->g->n; i++)
        st->row_of[i] = -1;
    return 0;
}

int wz_books_tables_exist(struct wz_db *db, bool *both, struct wz_err *err)
{
    *both = false;
    int a = wz_db_table_exists(db, WZ_MIGRATE_TABLE, err);
    if (a < 0)
        return a;
    int b = wz_db_table_exists(db, WZ_BOOKS_STEPS_TABLE, err);
    if (b < 0)
        return b;
    *both = a == 1 && b == 1;
    return WZ_OK;
}

int wz_books_ensure_tables(struct wz_db *db, struct wz_err *err)
{
    bool both = false;
    int rc = wz_books_tables_exist(db, &both, err);
    if (rc != WZ_OK || both)
        return rc;
    for (size_t i = 0; i < wz_books_nddl; i++) {
        rc = wz_db_exec(db, wz_books_ddl[i], err);
        if (rc != WZ_OK)
            return wz_err_wrap(err, "cannot create the migration bookkeeping tables");
    }
    return 0;
}

int wz_books_read(struct wz_db *db, struct wz_books *st, struct wz_err *err)
{
    free_rows(st);
    for (size_t i = 0; i < st->g->n; i++) {
        st->applied[i] = false;
        st->row_of[i] = -1;
    }
    int exists = wz_db_table_exists(db, WZ_MIGRATE_TABLE, err);
    if (exists < 0)
        return exists;
    st->tables = exists == 1;
    if (!st->tables)
        return 0;
    struct wz_stmt *q = NULL;
    int rc = wz_db_prepare(db,
                           "SELECT revision, checksum, filename, message, applied_at, "
                           "execution_ms FROM " WZ_MIGRATE_TABLE " ORDER BY applied_at, revision",
                           &q, err);
    if (rc != WZ_OK)
        return rc;
    while ((rc = wz_stmt_step(q, err)) == WZ_ROW) {
        struct wz_applied_row *grown = realloc(st->rows, (st->nrows + 1) * sizeof(*grown));
        if (grown == NULL) {
            rc = wz_err_set(err, WZ_ENOMEM, "out of memory");
            break;
        }
        st->rows = grown;
        struct wz_applied_row *r = &st->rows[st->nrows];
        r->revision = strdup(wz_stmt_column_text(q, 0));
        r->checksum = strdup(wz_stmt_column_text(q, 1));
        r->filename = strdup(wz_stmt_column_text(q, 2));
        r->message = strdup(wz_stmt_column_text(q, 3));
        r->applied_at = strdup(wz_stmt_column_text(q, 4));
        r->ms = wz_stmt_column_int64(q, 5);
        st->nrows++;
        if (r->revision == NULL || r->checksum == NULL || r->filename == NULL ||
            r->message == NULL || r->applied_at == NULL) {
            rc = wz_err_set(err, WZ_ENOMEM, "out of memory");
            break;
        }
        long idx = wz_graph_find(st->g, r->revision);
        if (idx >= 0) {
            st->applied[idx] = true;
            st->row_of[idx] = (long)(st->nrows - 1);
        }
    }
    wz_stmt_finalize(q);
    if (rc != WZ_DONE)
        return wz_err_wrap(err, "cannot read " WZ_MIGRATE_TABLE);
    return 0;
}

int wz_books_integrity_problems(const struct wz_books *st, struct wz_problems *ps)
{
    for (size_t i = 0; i < st->nrows; i++) {
        const struct wz_applied_row *r = &st->rows[i];
        long idx = wz_graph_find(st->g, r->revision);
        int rc = 0;
        if (idx < 0) {
            if (wz_graph_lookup_any(st->g, r->revision) != NULL)
                continue; /* the file exists; its graph problem says what is wrong */
            rc = wz_problems_add(ps, WZ_PROBLEM_MISSING_FILE, r->revision, NULL,
                                 "applied revision '%s' ('%s', applied %s) has no file in '%s': "
                                 "restore the file from version control",
                                 r->revision, r->filename, r->applied_at, st->g->dir);
        } else {
            const struct wz_revision *rev = st->g->nodes[idx].rev;
            if (strcmp(rev->checksum, r->checksum) != 0)
                rc = wz_problems_add(
                    ps, WZ_PROBLEM_CHECKSUM, rev->id, rev->path,
                    "'%s' was edited after it was applied: checksum recorded %s, file now %s; "
                    "restore the applied version (put new changes in a new revision)",
                    rev->path, r->checksum, rev->checksum);
        }
        if (rc != WZ_OK)
            return rc;
    }
    return 0;
}

int wz_books_partial_problems(struct wz_db *db, const struct wz_books *st, struct wz_problems *ps,
                              struct wz_err *err)
{
    int exists = wz_db_table_exists(db, WZ_BOOKS_STEPS_TABLE, err);
    if (exists <= 0)
        return exists;
    struct wz_stmt *q = NULL;
    int rc = wz_db_prepare(
        db,
        "SELECT revision, direction, COUNT(*), MAX(statement_index) FROM " WZ_BOOKS_STEPS_TABLE
        " GROUP BY revision, direction ORDER BY revision, direction",
        &q, err);
    if (rc != WZ_OK)
        return rc;
    while ((rc = wz_stmt_step(q, err)) == WZ_ROW) {
        const char *id = wz_stmt_column_text(q, 0);
        bool up = strcmp(wz_stmt_column_text(q, 1), "up") == 0;
        int64_t last = wz_stmt_column_int64(q, 3);
        const struct wz_revision *rev = wz_graph_lookup_any(st->g, id);
        const char *path = rev != NULL ? rev->path : id;
        if (up)
            rc = wz_problems_add(ps, WZ_PROBLEM_PARTIAL, id, rev != NULL ? rev->path : NULL,
                                 "'%s' was partly applied (transaction: false): statements 1 to "
                                 "%lld ran; fix the next one if needed and run `make migrate-up` "
                                 "to continue after statement %lld",
                                 path, (long long)last, (long long)last);
        else
            rc = wz_problems_add(ps, WZ_PROBLEM_PARTIAL, id, rev != NULL ? rev->path : NULL,
                                 "'%s' was partly reverted (transaction: false): downgrade "
                                 "statements 1 to %lld ran; run `make migrate-down` again to "
                                 "continue after statement %lld",
                                 path, (long long)last, (long long)last);
        if (rc != WZ_OK) {
            rc = wz_err_set(err, WZ_ENOMEM, "out of memory");
            break;
        }
    }
    wz_stmt_finalize(q);
    return rc == WZ_DONE ? WZ_OK : rc;
}

int wz_books_insert(struct wz_db *db, const struct wz_revision *rev, int64_t ms, struct wz_err *err)
{
    char at[40];
    wz_books_now(at, sizeof(at));
    struct wz_stmt *q = NULL;
    int rc =
        wz_db_prepare(db,
                      "INSERT INTO " WZ_MIGRATE_TABLE " (revision, checksum, filename, message, "
                      "applied_at, execution_ms) VALUES ($1, $2, $3, $4, $5, $6)",
                      &q, err);
    if (rc != WZ_OK)
        return rc;
    wz_stmt_bind_text(q, 1, rev->id);
    wz_stmt_bind_text(q, 2, rev->checksum);
    wz_stmt_bind_text(q, 3, rev->filename);
    wz_stmt_bind_text(q, 4, rev->message);
    wz_stmt_bind_text(q, 5, at);
    wz_stmt_bind_int64(q, 6, ms);
    rc = wz_stmt_step(q, err);
    wz_stmt_finalize(q);
    return rc == WZ_DONE ? WZ_OK : rc;
}

int wz_books_delete(struct wz_db *db, const char *id, struct wz_err *err)
{
    const char *p[] = {id};
    int rc =
        wz_db_exec_params(db, "DELETE FROM " WZ_MIGRATE_TABLE " WHERE revision = $1", p, 1, err);
    if (rc == WZ_OK)
        rc = wz_books_clear_steps(db, id, err);
    return rc;
}

int wz_books_clear_steps(struct wz_db *db, const char *id, struct wz_err *err)
{
    const char *p[] = {id};
    return wz_db_exec_params(db, "DELETE FROM " WZ_BOOKS_STEPS_TABLE " WHERE revision = $1", p, 1,
                             err);
}

int wz_books_recorded_steps(struct wz_db *db, const struct wz_revision *rev, const char *direction,
                            const struct wz_statement *const *stmts, size_t n, size_t *done,
                            struct wz_err *err)
{
    *done = 0;
    struct wz_stmt *q = NULL;
    int rc = wz_db_prepare(db,
                           "SELECT statement_index, checksum FROM " WZ_BOOKS_STEPS_TABLE
                           " WHERE revision = $1 AND direction = $2 ORDER BY statement_index",
                           &q, err);
    if (rc != WZ_OK)
        return rc;
    wz_stmt_bind_text(q, 1, rev->id);
    wz_stmt_bind_text(q, 2, direction);
    while ((rc = wz_stmt_step(q, err)) == WZ_ROW) {
        int64_t idx = wz_stmt_column_int64(q, 0);
        const char *sum = wz_stmt_column_text(q, 1);
        if (idx != (int64_t)*done + 1 || (size_t)idx > n) {
            rc = wz_err_set(err, WZ_EFAIL,
                            "cannot continue '%s': the recorded statements of an earlier run "
                            "(%s) do not match the file's %zu statements; check the database "
                            "by hand, then clear them with `build/wizamart migrate stamp`",
                            rev->path, WZ_BOOKS_STEPS_TABLE, n);
            break;
        }
        char now[WZ_CHECKSUM_HEX_LEN + 1];
        wz_checksum_bytes(stmts[idx - 1]->sql, strlen(stmts[idx - 1]->sql), now);
        if (strcmp(now, sum) != 0) {
            rc = wz_err_set(err, WZ_EFAIL,
                            "cannot continue '%s': statement %lld (line %d) already ran but has "
                            "been edited since; restore it, or check the database by hand",
                            rev->path, (long long)idx, stmts[idx - 1]->line);
            break;
        }
        (*done)++;
    }
    wz_stmt_finalize(q);
    return rc == WZ_DONE ? WZ_OK : rc;
}

int wz_books_record_step(struct wz_db *db, const struct wz_revision *rev, const char *direction,
                         size_t index, const struct wz_statement *s, struct wz_err *err)
{
    char sum[WZ_CHECKSUM_HEX_LEN + 1];
    char at[40];
    wz_checksum_bytes(s->sql, strlen(s->sql), sum);
    wz_books_now(at, sizeof(at));
    struct wz_stmt *q = NULL;
    int rc =
        wz_db_prepare(db,
                      "INSERT INTO " WZ_BOOKS_STEPS_TABLE " (revision, direction, statement_index, "
                      "checksum, applied_at) VALUES ($1, $2, $3, $4, $5)",
                      &q, err);
    if (rc != WZ_OK)
        return rc;
    wz_stmt_bind_text(q, 1, rev->id);
    wz_stmt_bind_text(q, 2, direction);
    wz_stmt_bind_int64(q, 3, (int64_t)index);
    wz_stmt_bind_text(q, 4, sum);
    wz_stmt_bind_text(q, 5, at);
    rc = wz_stmt_step(q, err);
    wz_stmt_finalize(q);
    return rc == WZ_DONE ? WZ_OK : rc;
}
