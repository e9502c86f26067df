/*
 * The migration runner: see runner.h for its promises. The flow of every command that writes
 * is the same: load and validate the files, take the lock, read the applied state (again:
 * another runner may have finished while we waited), check integrity, plan, then run one
 * revision at a time, each in its own transaction with its bookkeeping row. The bookkeeping
 * tables are created inside the first write transaction (DDL is transactional on both
 * dialects), so a run that fails or is killed before its first commit leaves the database
 * exactly as it found it.
 */
#include "migrate/runner.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/strbuf.h"
#include "migrate/meta.h"

#define T_MIGRATIONS WZ_MIGRATE_TABLE
#define T_STEPS      "wizamart_migration_steps"

/* Portable DDL: TEXT and BIGINT mean the same on SQLite and PostgreSQL. */
static const char *const bookkeeping_ddl[] = {
    "CREATE TABLE IF NOT EXISTS " T_MIGRATIONS " ("
    " revision TEXT PRIMARY KEY,"
    " checksum TEXT NOT NULL,"
    " filename TEXT NOT NULL,"
    " message TEXT NOT NULL,"
    " applied_at TEXT NOT NULL,"
    " execution_ms BIGINT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS " T_STEPS " ("
    " revision TEXT NOT NULL,"
    " direction TEXT NOT NULL,"
    " statement_index BIGINT NOT NULL,"
    " checksum TEXT NOT NULL,"
    " applied_at TEXT NOT NULL,"
    " PRIMARY KEY (revision, direction, statement_index))",
};

struct applied_row {
    char *revision, *checksum, *filename, *message, *applied_at;
    int64_t ms;
};

struct state {
    struct wz_graph *g;
    bool tables;
    struct applied_row *rows;
    size_t nrows;
    bool *applied; /* per node */
    long *row_of;  /* per node: index into rows, or -1 */
};

static void state_release(struct state *st)
{
    for (size_t i = 0; i < st->nrows; i++) {
        free(st->rows[i].revision);
        free(st->rows[i].checksum);
        free(st->rows[i].filename);
        free(st->rows[i].message);
        free(st->rows[i].applied_at);
    }
    free(st->rows);
    free(st->applied);
    free(st->row_of);
    wz_graph_free(st->g);
    memset(st, 0, sizeof(*st));
}

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* UTC ISO 8601 with milliseconds. */
static void now_iso(char *buf, size_t size)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    struct tm tm;
    gmtime_r(&ts.tv_sec, &tm);
    size_t n = strftime(buf, size, "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(buf + n, size - n, ".%03dZ", (int)(ts.tv_nsec / 1000000) % 1000);
}

static char *xstrdup(const char *s)
{
    return s != NULL ? strdup(s) : NULL;
}

/* ---------------------------------------------------------------- reading */

static int load_graph(const char *dir, struct state *st, struct wz_err *err)
{
    int rc = wz_graph_load(dir, &st->g, err);
    if (rc < 0)
        return rc;
    st->applied = calloc(st->g->n + 1, sizeof(*st->applied));
    st->row_of = malloc((st->g->n + 1) * sizeof(*st->row_of));
    if (st->applied == NULL || st->row_of == NULL)
        return wz_err_set(err, WZ_ENOMEM, "out of memory");
    for (size_t i = 0; i < st->g->n; i++)
        st->row_of[i] = -1;
    return 0;
}

static int tables_exist(struct wz_db *db, bool *both, struct wz_err *err)
{
    int a = wz_db_table_exists(db, T_MIGRATIONS, err);
    if (a < 0)
        return a;
    int b = wz_db_table_exists(db, T_STEPS, err);
    if (b < 0)
        return b;
    *both = a == 1 && b == 1;
    return a;
}

static int ensure_tables(struct wz_db *db, struct wz_err *err)
{
    bool both = false;
    int rc = tables_exist(db, &both, err);
    if (rc < 0 || both)
        return rc < 0 ? rc : 0;
    for (size_t i = 0; i < sizeof(bookkeeping_ddl) / sizeof(bookkeeping_ddl[0]); i++) {
        rc = wz_db_exec(db, bookkeeping_ddl[i], err);
        if (rc < 0)
            return wz_err_wrap(err, "cannot create the migration bookkeeping tables");
    }
    return 0;
}

/* Reads wizamart_migrations (when present) and marks the applied nodes. */
static int read_state(struct wz_db *db, struct state *st, struct wz_err *err)
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
    for (size_t i = 0; i < st->g->n; i++) {
        st->applied[i] = false;
        st->row_of[i] = -1;
    }
    int exists = wz_db_table_exists(db, T_MIGRATIONS, err);
    if (exists < 0)
        return exists;
    st->tables = exists == 1;
    if (!st->tables)
        return 0;
    struct wz_stmt *q = NULL;
    int rc = wz_db_prepare(db,
                           "SELECT revision, checksum, filename, message, applied_at, "
                           "execution_ms FROM " T_MIGRATIONS " ORDER BY applied_at, revision",
                           &q, err);
    if (rc < 0)
        return rc;
    while ((rc = wz_stmt_step(q, err)) == WZ_ROW) {
        struct applied_row *grown = realloc(st->rows, (st->nrows + 1) * sizeof(*grown));
        if (grown == NULL) {
            rc = wz_err_set(err, WZ_ENOMEM, "out of memory");
            break;
        }
        st->rows = grown;
        struct applied_row *r = &st->rows[st->nrows];
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
    if (rc < 0)
        return wz_err_wrap(err, "cannot read " T_MIGRATIONS);
    return 0;
}

/* Applied files that changed or vanished. */
static int integrity_problems(const struct state *st, struct wz_problems *ps)
{
    for (size_t i = 0; i < st->nrows; i++) {
        const struct applied_row *r = &st->rows[i];
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
        if (rc < 0)
            return rc;
    }
    return 0;
}

/* Non-transactional revisions stopped half-way (rows in the steps table). */
static int partial_problems(struct wz_db *db, const struct state *st, struct wz_problems *ps,
                            struct wz_err *err)
{
    int exists = wz_db_table_exists(db, T_STEPS, err);
    if (exists <= 0)
        return exists;
    struct wz_stmt *q = NULL;
    int rc =
        wz_db_prepare(db,
                      "SELECT revision, direction, COUNT(*), MAX(statement_index) FROM " T_STEPS
                      " GROUP BY revision, direction ORDER BY revision, direction",
                      &q, err);
    if (rc < 0)
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
        if (rc < 0) {
            rc = wz_err_set(err, WZ_ENOMEM, "out of memory");
            break;
        }
    }
    wz_stmt_finalize(q);
    return rc < 0 ? rc : 0;
}

static int problems_error(const struct wz_problems *ps, const char *what, struct wz_err *err)
{
    if (ps->n == 1)
        return wz_err_set(err, WZ_EFAIL, "%s: %s", what, ps->v[0].message);
    struct wz_strbuf sb = WZ_STRBUF_INIT;
    wz_strbuf_appendf(&sb, "%s: %zu problems with the applied revisions:", what, ps->n);
    for (size_t i = 0; i < ps->n; i++)
        wz_strbuf_appendf(&sb, "\n  %s", ps->v[i].message);
    wz_err_set(err, WZ_EFAIL, "%s", wz_strbuf_str(&sb));
    wz_strbuf_release(&sb);
    return WZ_EFAIL;
}

/* ---------------------------------------------------------------- results */

void wz_migrate_result_release(struct wz_migrate_result *res)
{
    if (res == NULL)
        return;
    for (size_t i = 0; i < res->n; i++) {
        free(res->steps[i].revision);
        free(res->steps[i].message);
        free(res->steps[i].file);
    }
    free(res->steps);
    free(res->sql);
    free(res->at);
    memset(res, 0, sizeof(*res));
}

static struct wz_migrate_step *push_step(struct wz_migrate_result *res,
                                         const struct wz_revision *rev, bool removed)
{
    struct wz_migrate_step *grown = realloc(res->steps, (res->n + 1) * sizeof(*grown));
    if (grown == NULL)
        return NULL;
    res->steps = grown;
    struct wz_migrate_step *s = &res->steps[res->n];
    memset(s, 0, sizeof(*s));
    s->revision = strdup(rev->id);
    s->message = strdup(rev->message);
    s->file = strdup(rev->path);
    s->removed = removed;
    if (s->revision == NULL || s->message == NULL || s->file == NULL) {
        free(s->revision);
        free(s->message);
        free(s->file);
        return NULL;
    }
    res->n++;
    return s;
}

static int set_at(struct wz_migrate_result *res, const struct state *st)
{
    struct wz_plan cur;
    if (wz_graph_current(st->g, st->applied, &cur) < 0)
        return WZ_ENOMEM;
    struct wz_strbuf sb = WZ_STRBUF_INIT;
    for (size_t i = 0; i < cur.n; i++)
        wz_strbuf_appendf(&sb, "%s%s", i > 0 ? ", " : "", st->g->nodes[cur.v[i]].rev->id);
    free(cur.v);
    free(res->at);
    res->at = NULL;
    if (cur.n > 0) {
        res->at = wz_strbuf_detach(&sb);
        if (res->at == NULL)
            return WZ_ENOMEM;
    }
    wz_strbuf_release(&sb);
    return 0;
}

/* ---------------------------------------------------------------- running */

static void statement_head(const char *sql, char *buf, size_t size)
{
    size_t n = strcspn(sql, "\n");
    if (n > 72) {
        snprintf(buf, size, "%.72s...", sql);
        return;
    }
    snprintf(buf, size, "%.*s", (int)n, sql);
}

static int statement_error(struct wz_err *err, const char *verb, const struct wz_revision *rev,
                           size_t index, const struct wz_statement *s, const char *dbmsg,
                           const char *after)
{
    char head[96];
    statement_head(s->sql, head, sizeof(head));
    return wz_err_set(err, WZ_EFAIL,
                      "cannot %s '%s': statement %zu: %s\n  statement %zu (line %d): %s%s%s", verb,
                      rev->path, index, dbmsg, index, s->line, head, after != NULL ? "\n  " : "",
                      after != NULL ? after : "");
}

static int insert_row(struct wz_db *db, const struct wz_revision *rev, int64_t ms,
                      struct wz_err *err)
{
    char at[40];
    now_iso(at, sizeof(at));
    struct wz_stmt *q = NULL;
    int rc = wz_db_prepare(db,
                           "INSERT INTO " T_MIGRATIONS " (revision, checksum, filename, message, "
                           "applied_at, execution_ms) VALUES ($1, $2, $3, $4, $5, $6)",
                           &q, err);
    if (rc < 0)
        return rc;
    wz_stmt_bind_text(q, 1, rev->id);
    wz_stmt_bind_text(q, 2, rev->checksum);
    wz_stmt_bind_text(q, 3, rev->filename);
    wz_stmt_bind_text(q, 4, rev->message);
    wz_stmt_bind_text(q, 5, at);
    wz_stmt_bind_int64(q, 6, ms);
    rc = wz_stmt_step(q, err);
    wz_stmt_finalize(q);
    return rc < 0 ? rc : 0;
}

static int delete_rows(struct wz_db *db, const char *id, struct wz_err *err)
{
    const char *p[] = {id};
    int rc = wz_db_exec_params(db, "DELETE FROM " T_MIGRATIONS " WHERE revision = $1", p, 1, err);
    if (rc == 0)
        rc = wz_db_exec_params(db, "DELETE FROM " T_STEPS " WHERE revision = $1", p, 1, err);
    return rc;
}

/* The statements an earlier run of a non-transactional revision recorded, checked against the
 * file: continuing after them is only right when they are still the same statements. */
static int recorded_steps(struct wz_db *db, const struct wz_revision *rev, const char *direction,
                          const struct wz_statement *const *stmts, size_t n, size_t *done,
                          struct wz_err *err)
{
    *done = 0;
    struct wz_stmt *q = NULL;
    int rc = wz_db_prepare(db,
                           "SELECT statement_index, checksum FROM " T_STEPS
                           " WHERE revision = $1 AND direction = $2 ORDER BY statement_index",
                           &q, err);
    if (rc < 0)
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
                            rev->path, T_STEPS, n);
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
    return rc < 0 ? rc : 0;
}

static int record_step(struct wz_db *db, const struct wz_revision *rev, const char *direction,
                       size_t index, const struct wz_statement *s, struct wz_err *err)
{
    char sum[WZ_CHECKSUM_HEX_LEN + 1];
    char at[40];
    wz_checksum_bytes(s->sql, strlen(s->sql), sum);
    now_iso(at, sizeof(at));
    struct wz_stmt *q = NULL;
    int rc = wz_db_prepare(db,
                           "INSERT INTO " T_STEPS " (revision, direction, statement_index, "
                           "checksum, applied_at) VALUES ($1, $2, $3, $4, $5)",
                           &q, err);
    if (rc < 0)
        return rc;
    wz_stmt_bind_text(q, 1, rev->id);
    wz_stmt_bind_text(q, 2, direction);
    wz_stmt_bind_int64(q, 3, (int64_t)index);
    wz_stmt_bind_text(q, 4, sum);
    wz_stmt_bind_text(q, 5, at);
    rc = wz_stmt_step(q, err);
    wz_stmt_finalize(q);
    return rc < 0 ? rc : 0;
}

/* Runs one revision up or down and keeps the books; see docs/migrations.md. */
/* Stamps the environment when the options ask for it; called inside a write transaction,
 * or just before the first autocommitted statement of a non-transactional revision. */
static int stamp_if_asked(struct wz_db *db, const struct wz_migrate_opts *opt, struct wz_err *err)
{
    if (opt == NULL || !opt->stamp)
        return 0;
    return wz_meta_stamp_environment(db, opt->environment, err);
}

/* What every write transaction of a run does first: the bookkeeping tables when the database
 * has none yet (need_tables), then the environment stamp. */
static int prepare_write(struct wz_db *db, bool need_tables, const struct wz_migrate_opts *opt,
                         struct wz_err *err)
{
    if (need_tables) {
        int rc = ensure_tables(db, err);
        if (rc < 0)
            return rc;
    }
    if (stamp_if_asked(db, opt, err) < 0)
        return wz_err_wrap(err, "cannot stamp the environment");
    return 0;
}

static int run_revision(struct wz_db *db, const struct wz_revision *rev, bool up, bool need_tables,
                        const struct wz_migrate_opts *opt, struct wz_migrate_step *step,
                        struct wz_err *err)
{
    const char *verb = up ? "apply" : "revert";
    const char *direction = up ? "up" : "down";
    const struct wz_statement **stmts = NULL;
    size_t n = 0;
    struct wz_err e;
    bool fk_was_on = false;
    wz_err_clear(&e);
    int rc = wz_revision_statements(rev, up, wz_db_dialect(db), &stmts, &n);
    if (rc < 0)
        return wz_err_set(err, WZ_ENOMEM, "out of memory");
    int64_t t0 = now_ms();

    if (rev->transactional) {
        /* Statements may rebuild a table: the driver's foreign-key procedure for it (db.h). */
        rc = wz_db_fk_suspend(db, &fk_was_on, &e);
        if (rc < 0) {
            rc = wz_err_set(err, rc, "cannot %s '%s': cannot switch off foreign keys: %s", verb,
                            rev->path, e.msg);
            goto cleanup;
        }
        rc = wz_db_begin(db, &e);
        if (rc < 0) {
            rc = wz_err_set(err, rc, "cannot %s '%s': cannot begin a transaction: %s", verb,
                            rev->path, e.msg);
            goto cleanup;
        }
        rc = prepare_write(db, need_tables, opt, &e);
        if (rc < 0) {
            wz_db_rollback(db);
            rc = wz_err_set(err, rc, "cannot %s '%s': %s", verb, rev->path, e.msg);
            goto cleanup;
        }
        for (size_t i = 0; i < n; i++) {
            rc = wz_db_exec(db, stmts[i]->sql, &e);
            if (rc < 0) {
                wz_db_rollback(db);
                statement_error(err, verb, rev, i + 1, stmts[i], e.msg, NULL);
                rc = WZ_EFAIL;
                goto cleanup;
            }
        }
        int64_t bad = fk_was_on ? wz_db_fk_violations(db, &e) : 0;
        if (bad != 0) {
            wz_db_rollback(db);
            if (bad < 0)
                rc = wz_err_set(err, WZ_EFAIL, "cannot %s '%s': PRAGMA foreign_key_check: %s", verb,
                                rev->path, e.msg);
            else
                rc = wz_err_set(err, WZ_EFAIL,
                                "cannot %s '%s': it would leave %lld rows whose foreign key "
                                "points at no row (PRAGMA foreign_key_check); nothing was changed",
                                verb, rev->path, (long long)bad);
            goto cleanup;
        }
        step->nstatements = n;
        step->ms = now_ms() - t0;
        rc = up ? insert_row(db, rev, step->ms, &e) : delete_rows(db, rev->id, &e);
        if (rc < 0) {
            wz_db_rollback(db);
            rc = wz_err_set(err, WZ_EFAIL, "cannot %s '%s': cannot record it in %s: %s", verb,
                            rev->path, T_MIGRATIONS, e.msg);
            goto cleanup;
        }
        rc = wz_db_commit(db, &e);
        if (rc < 0) {
            wz_db_rollback(db);
            rc = wz_err_set(err, WZ_EFAIL, "cannot %s '%s': cannot commit it: %s", verb, rev->path,
                            e.msg);
        }
        goto cleanup;
    }

    /* transaction: false: each statement commits alone and is recorded as it does, so the
     * tables that record them must be committed first. */
    rc = wz_db_begin(db, &e);
    if (rc == 0)
        rc = prepare_write(db, need_tables, opt, &e);
    if (rc == 0)
        rc = wz_db_commit(db, &e);
    if (rc < 0) {
        wz_db_rollback(db);
        rc = wz_err_set(err, rc, "cannot %s '%s': %s", verb, rev->path, e.msg);
        goto cleanup;
    }
    size_t done = 0;
    rc = recorded_steps(db, rev, direction, stmts, n, &done, err);
    if (rc < 0)
        goto cleanup;
    step->resumed = done;
    for (size_t i = done; i < n; i++) {
        rc = wz_db_exec(db, stmts[i]->sql, &e);
        if (rc < 0) {
            char after[200];
            if (i == 0)
                snprintf(after, sizeof(after), "no statement of it ran (transaction: false)");
            else
                snprintf(after, sizeof(after),
                         "statements 1 to %zu ran and are recorded (transaction: false); run "
                         "`wizamart migrate %s` again to continue with statement %zu",
                         i, direction, i + 1);
            statement_error(err, verb, rev, i + 1, stmts[i], e.msg, after);
            rc = WZ_EFAIL;
            goto cleanup;
        }
        rc = record_step(db, rev, direction, i + 1, stmts[i], &e);
        if (rc < 0) {
            rc = wz_err_set(err, WZ_EFAIL,
                            "cannot %s '%s': statement %zu ran but cannot be recorded in %s: %s",
                            verb, rev->path, i + 1, T_STEPS, e.msg);
            goto cleanup;
        }
        step->nstatements++;
    }
    step->ms = now_ms() - t0;
    rc = wz_db_begin(db, &e);
    if (rc == 0) {
        const char *p[] = {rev->id};
        rc = up ? insert_row(db, rev, step->ms, &e) : delete_rows(db, rev->id, &e);
        if (rc == 0 && up)
            rc = wz_db_exec_params(db, "DELETE FROM " T_STEPS " WHERE revision = $1", p, 1, &e);
        if (rc == 0)
            rc = wz_db_commit(db, &e);
    }
    if (rc < 0) {
        wz_db_rollback(db);
        rc = wz_err_set(err, WZ_EFAIL,
                        "cannot %s '%s': its statements ran but it cannot be "
                        "recorded in %s: %s",
                        verb, rev->path, T_MIGRATIONS, e.msg);
    }
cleanup:
    if (fk_was_on && wz_db_fk_resume(db, &e) < 0 && rc == 0)
        rc = wz_err_set(err, WZ_EFAIL, "cannot switch foreign keys back on: %s", e.msg);
    free(stmts);
    return rc;
}

/* Refuses a plan containing a revision that has nothing to run for the dialect (an unfilled
 * template, or a missing downgrade): caught before anything runs. */
static int check_statements(struct wz_db *db, const struct state *st, const struct wz_plan *plan,
                            bool up, struct wz_err *err)
{
    for (size_t k = 0; k < plan->n; k++) {
        const struct wz_revision *rev = st->g->nodes[plan->v[k]].rev;
        if (wz_revision_is_merge(rev))
            continue;
        const struct wz_statement **stmts = NULL;
        size_t n = 0;
        if (wz_revision_statements(rev, up, wz_db_dialect(db), &stmts, &n) < 0)
            return wz_err_set(err, WZ_ENOMEM, "out of memory");
        free(stmts);
        if (n > 0)
            continue;
        if (up)
            return wz_err_set(err, WZ_EFAIL,
                              "cannot apply '%s': it has no upgrade statements for %s; write "
                              "them under '-- +upgrade' (or '-- +upgrade %s'); nothing was run",
                              rev->path, wz_db_dialect_name(db), wz_db_dialect_name(db));
        return wz_err_set(err, WZ_EFAIL,
                          "cannot revert '%s': it has no downgrade statements for %s; write "
                          "them under '-- +downgrade' (a no-op such as 'SELECT 1;' if nothing "
                          "needs undoing); nothing was run",
                          rev->path, wz_db_dialect_name(db));
    }
    return 0;
}

/* ---------------------------------------------------------------- offline SQL */

static void sql_literal(struct wz_strbuf *sb, const char *s)
{
    wz_strbuf_putc(sb, '\'');
    for (; *s != '\0'; s++) {
        if (*s == '\'')
            wz_strbuf_putc(sb, '\'');
        wz_strbuf_putc(sb, *s);
    }
    wz_strbuf_putc(sb, '\'');
}

static int offline_script(struct wz_db *db, const struct state *st, const struct wz_plan *plan,
                          bool up, struct wz_migrate_result *res, struct wz_err *err)
{
    struct wz_strbuf sb = WZ_STRBUF_INIT;
    char at[40];
    now_iso(at, sizeof(at));
    wz_strbuf_appendf(&sb, "-- wizamart migrate %s --sql: what would run on %s (%zu revision%s)\n",
                      up ? "up" : "down", wz_db_dialect_name(db), plan->n, plan->n == 1 ? "" : "s");
    /* As online: the bookkeeping tables belong to the first revision's transaction. */
    bool need_tables = up && !st->tables;
    for (size_t k = 0; k < plan->n; k++) {
        const struct wz_revision *rev = st->g->nodes[plan->v[k]].rev;
        const struct wz_statement **stmts = NULL;
        size_t n = 0;
        if (wz_revision_statements(rev, up, wz_db_dialect(db), &stmts, &n) < 0) {
            wz_strbuf_release(&sb);
            return wz_err_set(err, WZ_ENOMEM, "out of memory");
        }
        wz_strbuf_appendf(&sb, "\n-- %s %s: %s (%s)%s\n", up ? "apply" : "revert", rev->id,
                          rev->message, rev->path,
                          rev->transactional ? "" : ", transaction: false");
        if (rev->transactional)
            wz_strbuf_append(&sb, "BEGIN;\n");
        for (size_t i = 0; need_tables && i < sizeof(bookkeeping_ddl) / sizeof(bookkeeping_ddl[0]);
             i++)
            wz_strbuf_appendf(&sb, "%s;\n", bookkeeping_ddl[i]);
        need_tables = false;
        for (size_t i = 0; i < n; i++)
            wz_strbuf_appendf(&sb, "%s;\n", stmts[i]->sql);
        free(stmts);
        if (up) {
            wz_strbuf_append(&sb, "INSERT INTO " T_MIGRATIONS " (revision, checksum, filename, "
                                  "message, applied_at, execution_ms) VALUES (");
            sql_literal(&sb, rev->id);
            wz_strbuf_append(&sb, ", ");
            sql_literal(&sb, rev->checksum);
            wz_strbuf_append(&sb, ", ");
            sql_literal(&sb, rev->filename);
            wz_strbuf_append(&sb, ", ");
            sql_literal(&sb, rev->message);
            wz_strbuf_append(&sb, ", ");
            sql_literal(&sb, at);
            wz_strbuf_append(&sb, ", 0);\n");
        } else {
            wz_strbuf_append(&sb, "DELETE FROM " T_MIGRATIONS " WHERE revision = ");
            sql_literal(&sb, rev->id);
            wz_strbuf_append(&sb, ";\n");
        }
        if (rev->transactional)
            wz_strbuf_append(&sb, "COMMIT;\n");
    }
    res->sql = wz_strbuf_detach(&sb);
    if (res->sql == NULL)
        return wz_err_set(err, WZ_ENOMEM, "out of memory");
    return 0;
}

/* ---------------------------------------------------------------- commands */

static bool all_digits(const char *s)
{
    if (*s == '\0')
        return false;
    for (; *s != '\0'; s++)
        if (*s < '0' || *s > '9')
            return false;
    return true;
}

static const struct wz_migrate_opts default_opts = {
    .lock_timeout_ms = WZ_MIGRATE_DEFAULT_LOCK_TIMEOUT_MS,
    .offline = false,
};

/* The common start of up, down and stamp: files valid, lock held (online), applied state read
 * after the lock. The bookkeeping tables are not created here but in the first write
 * transaction (prepare_write, stamp). */
static int begin_run(struct wz_db *db, const char *dir, const struct wz_migrate_opts *opt,
                     struct state *st, bool *locked, struct wz_migrate_result *res,
                     struct wz_err *err)
{
    *locked = false;
    int rc = load_graph(dir, st, err);
    if (rc < 0)
        return rc;
    res->empty = st->g->n == 0 && st->g->problems.n == 0;
    rc = wz_graph_check(st->g, err);
    if (rc < 0)
        return rc;
    if (!opt->offline && opt->lock_timeout_ms >= 0) {
        rc = wz_db_lock(db, WZ_MIGRATE_LOCK, opt->lock_timeout_ms, err);
        if (rc < 0)
            return rc;
        *locked = true;
    }
    return read_state(db, st, err);
}

/* Runs a plan in one direction: every revision's statements are checked first, then either
 * the offline script is written, or each revision runs in its own transaction and is recorded
 * as it completes, so revisions before a failure stay applied. */
static int execute_plan(struct wz_db *db, struct state *st, struct wz_plan *plan, bool upgrade,
                        const struct wz_migrate_opts *opt, struct wz_migrate_result *res,
                        struct wz_err *err)
{
    int rc = check_statements(db, st, plan, upgrade, err);
    if (rc < 0)
        return rc;
    if (opt->offline)
        return offline_script(db, st, plan, upgrade, res, err);
    if (plan->n == 0)
        return 0;
    if (opt->before_apply != NULL) {
        rc = opt->before_apply(db, plan->n, opt->before_apply_arg, err);
        if (rc < 0)
            return rc;
    }
    bool both = false;
    rc = tables_exist(db, &both, err);
    if (rc < 0)
        return rc;
    bool need_tables = !both;
    for (size_t k = 0; k < plan->n; k++) {
        const struct wz_revision *rev = st->g->nodes[plan->v[k]].rev;
        struct wz_migrate_step step = {0};
        rc = run_revision(db, rev, upgrade, need_tables, opt, &step, err);
        if (rc < 0)
            return rc;
        need_tables = false;
        st->tables = true;
        struct wz_migrate_step *s = push_step(res, rev, !upgrade);
        if (s == NULL)
            return wz_err_set(err, WZ_ENOMEM, "out of memory");
        s->ms = step.ms;
        s->resumed = step.resumed;
        s->nstatements = step.nstatements;
        st->applied[plan->v[k]] = upgrade;
        if (opt->after_step != NULL)
            opt->after_step(s, opt->after_step_arg);
    }
    return 0;
}

int wz_migrate_check_dir(const char *dir, struct wz_err *err)
{
    struct wz_graph *g = NULL;
    int rc = wz_graph_load(dir, &g, err);
    if (rc == 0)
        rc = wz_graph_check(g, err);
    wz_graph_free(g);
    return rc;
}

int wz_migrate_up(struct wz_db *db, const char *dir, const char *target,
                  const struct wz_migrate_opts *opt, struct wz_migrate_result *res,
                  struct wz_err *err)
{
    memset(res, 0, sizeof(*res));
    if (opt == NULL)
        opt = &default_opts;
    struct state st = {0};
    struct wz_plan plan = {0};
    struct wz_problems ps = {0};
    bool locked = false;
    int rc = begin_run(db, dir, opt, &st, &locked, res, err);
    if (rc < 0)
        goto cleanup;
    if (integrity_problems(&st, &ps) < 0) {
        rc = wz_err_set(err, WZ_ENOMEM, "out of memory");
        goto cleanup;
    }
    if (ps.n > 0) {
        rc = problems_error(&ps, "refusing to migrate", err);
        goto cleanup;
    }
    long target_idx = -1;
    if (target != NULL && strcmp(target, "heads") != 0 && strcmp(target, "head") != 0) {
        size_t idx;
        rc = wz_graph_resolve(st.g, target, &idx, err);
        if (rc < 0)
            goto cleanup;
        target_idx = (long)idx;
    }
    rc = wz_graph_plan_up(st.g, st.applied, target_idx, &plan, err);
    if (rc < 0)
        goto cleanup;
    rc = execute_plan(db, &st, &plan, true, opt, res, err);
cleanup:
    if (st.g != NULL && set_at(res, &st) < 0 && rc == 0)
        rc = wz_err_set(err, WZ_ENOMEM, "out of memory");
    if (locked)
        wz_db_unlock(db);
    free(plan.v);
    wz_problems_release(&ps);
    state_release(&st);
    return rc;
}

int wz_migrate_down(struct wz_db *db, const char *dir, const char *target,
                    const struct wz_migrate_opts *opt, struct wz_migrate_result *res,
                    struct wz_err *err)
{
    memset(res, 0, sizeof(*res));
    if (opt == NULL)
        opt = &default_opts;
    struct state st = {0};
    struct wz_plan plan = {0};
    struct wz_problems ps = {0};
    struct wz_problems blocking = {0};
    bool locked = false;
    int rc = begin_run(db, dir, opt, &st, &locked, res, err);
    if (rc < 0)
        goto cleanup;

    long target_idx = -1;
    long steps = 1;
    if (target == NULL) {
        steps = 1;
    } else if (strcmp(target, "base") == 0) {
        steps = -1;
    } else if (wz_graph_find(st.g, target) < 0 && all_digits(target)) {
        char *end = NULL;
        steps = strtol(target, &end, 10);
        if (steps <= 0 || steps > 1000000) {
            rc = wz_err_set(err, WZ_EUSAGE,
                            "invalid step count '%s': give a positive number, a revision or "
                            "'base'",
                            target);
            goto cleanup;
        }
    } else {
        size_t idx;
        rc = wz_graph_resolve(st.g, target, &idx, err);
        if (rc < 0)
            goto cleanup;
        target_idx = (long)idx;
    }
    rc = wz_graph_plan_down(st.g, st.applied, target_idx, steps, &plan, err);
    if (rc < 0)
        goto cleanup;
    size_t napplied = 0;
    for (size_t i = 0; i < st.g->n; i++)
        napplied += st.applied[i] ? 1 : 0;
    if (target_idx < 0 && steps > 0 && (size_t)steps > napplied && napplied > 0) {
        rc = wz_err_set(err, WZ_EFAIL,
                        "cannot go down %ld steps: only %zu revision%s applied; use `wizamart "
                        "migrate down base` to revert them all",
                        steps, napplied, napplied == 1 ? " is" : "s are");
        goto cleanup;
    }
    /* Integrity: a vanished file leaves the plan unsure; an edited one would revert with SQL
     * that is not what was applied. */
    if (integrity_problems(&st, &ps) < 0) {
        rc = wz_err_set(err, WZ_ENOMEM, "out of memory");
        goto cleanup;
    }
    for (size_t i = 0; i < ps.n; i++) {
        bool relevant = ps.v[i].kind == WZ_PROBLEM_MISSING_FILE;
        for (size_t k = 0; k < plan.n && !relevant; k++)
            relevant = strcmp(ps.v[i].revision, st.g->nodes[plan.v[k]].rev->id) == 0;
        if (relevant && wz_problems_add(&blocking, ps.v[i].kind, ps.v[i].revision, ps.v[i].file,
                                        "%s", ps.v[i].message) < 0) {
            rc = wz_err_set(err, WZ_ENOMEM, "out of memory");
            goto cleanup;
        }
    }
    if (blocking.n > 0) {
        rc = problems_error(&blocking, "refusing to roll back", err);
        goto cleanup;
    }
    rc = execute_plan(db, &st, &plan, false, opt, res, err);
cleanup:
    if (st.g != NULL && set_at(res, &st) < 0 && rc == 0)
        rc = wz_err_set(err, WZ_ENOMEM, "out of memory");
    if (locked)
        wz_db_unlock(db);
    free(plan.v);
    wz_problems_release(&ps);
    wz_problems_release(&blocking);
    state_release(&st);
    return rc;
}

int wz_migrate_stamp(struct wz_db *db, const char *dir, const char *target,
                     const struct wz_migrate_opts *opt, struct wz_migrate_result *res,
                     struct wz_err *err)
{
    memset(res, 0, sizeof(*res));
    struct wz_migrate_opts online = opt != NULL ? *opt : default_opts;
    online.offline = false;
    struct state st = {0};
    bool *keep = NULL;
    bool locked = false;
    struct wz_err e;
    wz_err_clear(&e);
    int rc = begin_run(db, dir, &online, &st, &locked, res, err);
    if (rc < 0)
        goto cleanup;
    keep = calloc(st.g->n + 1, sizeof(*keep));
    if (keep == NULL) {
        rc = wz_err_set(err, WZ_ENOMEM, "out of memory");
        goto cleanup;
    }
    bool base = target == NULL || strcmp(target, "base") == 0;
    if (!base) {
        size_t idx;
        if (strcmp(target, "heads") == 0 || strcmp(target, "head") == 0) {
            if (st.g->nheads != 1) {
                rc = wz_err_set(err, WZ_EFAIL, "%s",
                                st.g->nheads == 0 ? "there is no revision to stamp"
                                                  : "the revisions have several heads; name "
                                                    "the revision to stamp");
                goto cleanup;
            }
            idx = st.g->heads[0];
        } else {
            rc = wz_graph_resolve(st.g, target, &idx, err);
            if (rc < 0)
                goto cleanup;
        }
        /* Keep the target's ancestors, and every applied revision outside its lineage (another
         * branch); forget its applied descendants, as Alembic's stamp does. */
        bool *desc = calloc(st.g->n + 1, sizeof(*desc));
        if (desc == NULL) {
            rc = wz_err_set(err, WZ_ENOMEM, "out of memory");
            goto cleanup;
        }
        wz_graph_mark_descendants(st.g, idx, desc);
        for (size_t i = 0; i < st.g->n; i++)
            keep[i] = st.applied[i] && !desc[i];
        free(desc);
        wz_graph_mark_ancestors(st.g, idx, keep);
    }
    rc = wz_db_begin(db, &e);
    if (rc == 0)
        rc = prepare_write(db, true, &online, &e);
    for (size_t i = 0; i < st.g->n && rc == 0; i++) {
        const struct wz_revision *rev = st.g->nodes[i].rev;
        if (keep[i] == st.applied[i])
            continue;
        rc = keep[i] ? insert_row(db, rev, 0, &e) : delete_rows(db, rev->id, &e);
        if (rc == 0 && push_step(res, rev, !keep[i]) == NULL)
            rc = wz_err_set(&e, WZ_ENOMEM, "out of memory");
    }
    /* Stamping base also forgets rows whose files are gone. */
    if (rc == 0 && base)
        rc = wz_db_exec(db, "DELETE FROM " T_MIGRATIONS, &e);
    if (rc == 0 && base)
        rc = wz_db_exec(db, "DELETE FROM " T_STEPS, &e);
    if (rc == 0)
        rc = wz_db_commit(db, &e);
    if (rc < 0) {
        wz_db_rollback(db);
        for (size_t i = 0; i < res->n; i++) {
            free(res->steps[i].revision);
            free(res->steps[i].message);
            free(res->steps[i].file);
        }
        res->n = 0;
        rc = wz_err_set(err, rc, "cannot stamp the database: %s", e.msg);
        goto cleanup;
    }
    for (size_t i = 0; i < st.g->n; i++)
        st.applied[i] = keep[i];
cleanup:
    if (st.g != NULL && set_at(res, &st) < 0 && rc == 0)
        rc = wz_err_set(err, WZ_ENOMEM, "out of memory");
    if (locked)
        wz_db_unlock(db);
    free(keep);
    state_release(&st);
    return rc;
}

/* ---------------------------------------------------------------- status */

static int status_rev(struct wz_status_rev *out, const struct wz_revision *rev,
                      const struct applied_row *row)
{
    memset(out, 0, sizeof(*out));
    /* One of rev (the file) and row (the database's record) is always given. */
    const char *id = rev != NULL ? rev->id : row != NULL ? row->revision : NULL;
    const char *message = rev != NULL ? rev->message : row != NULL ? row->message : NULL;
    out->revision = xstrdup(id);
    out->message = xstrdup(message);
    out->file = rev != NULL ? xstrdup(rev->path) : NULL;
    if (row != NULL) {
        out->applied_at = xstrdup(row->applied_at);
        out->execution_ms = row->ms;
    }
    if (out->revision == NULL || out->message == NULL || (rev != NULL && out->file == NULL) ||
        (row != NULL && out->applied_at == NULL))
        return WZ_ENOMEM;
    return 0;
}

static void status_rev_release(struct wz_status_rev *r)
{
    free(r->revision);
    free(r->message);
    free(r->file);
    free(r->applied_at);
}

void wz_migrate_status_release(struct wz_migrate_status *st)
{
    if (st == NULL)
        return;
    for (size_t i = 0; i < st->napplied; i++)
        status_rev_release(&st->applied[i]);
    free(st->applied);
    for (size_t i = 0; i < st->npending; i++)
        status_rev_release(&st->pending[i]);
    free(st->pending);
    for (size_t i = 0; i < st->ncurrent; i++)
        free(st->current[i]);
    free(st->current);
    for (size_t i = 0; i < st->nheads; i++)
        free(st->heads[i]);
    free(st->heads);
    wz_problems_release(&st->problems);
    memset(st, 0, sizeof(*st));
}

static int status_fill(struct wz_db *db, struct state *st, struct wz_migrate_status *out,
                       struct wz_err *err)
{
    struct wz_graph *g = st->g;
    out->dialect = wz_db_dialect_name(db);
    out->tables = st->tables;
    out->nrevisions = g->n;
    out->applied = calloc(st->nrows + 1, sizeof(*out->applied));
    out->pending = calloc(g->n + 1, sizeof(*out->pending));
    out->heads = calloc(g->nheads + 1, sizeof(*out->heads));
    if (out->applied == NULL || out->pending == NULL || out->heads == NULL)
        goto nomem;
    for (size_t i = 0; i < g->n; i++) {
        const struct wz_revision *rev = g->nodes[i].rev;
        if (st->applied[i]) {
            if (status_rev(&out->applied[out->napplied++], rev, &st->rows[st->row_of[i]]) < 0)
                goto nomem;
        } else {
            if (status_rev(&out->pending[out->npending++], rev, NULL) < 0)
                goto nomem;
        }
    }
    for (size_t r = 0; r < st->nrows; r++) {
        if (wz_graph_find(g, st->rows[r].revision) >= 0)
            continue;
        if (status_rev(&out->applied[out->napplied++], NULL, &st->rows[r]) < 0)
            goto nomem;
    }
    for (size_t h = 0; h < g->nheads; h++) {
        if ((out->heads[h] = strdup(g->nodes[g->heads[h]].rev->id)) == NULL)
            goto nomem;
        out->nheads++;
    }
    struct wz_plan cur;
    if (wz_graph_current(g, st->applied, &cur) < 0)
        goto nomem;
    out->current = calloc(cur.n + 1, sizeof(*out->current));
    if (out->current == NULL) {
        free(cur.v);
        goto nomem;
    }
    for (size_t i = 0; i < cur.n; i++) {
        if ((out->current[i] = strdup(g->nodes[cur.v[i]].rev->id)) == NULL) {
            free(cur.v);
            goto nomem;
        }
        out->ncurrent++;
    }
    free(cur.v);

    /* Problems: the files, then the database's record, then what blocks the next `up`. */
    struct wz_problems *ps = &out->problems;
    for (size_t i = 0; i < g->problems.n; i++) {
        const struct wz_problem *p = &g->problems.v[i];
        if (wz_problems_add(ps, p->kind, p->revision, p->file, "%s", p->message) < 0)
            goto nomem;
    }
    if (integrity_problems(st, ps) < 0)
        goto nomem;
    int rc = partial_problems(db, st, ps, err);
    if (rc < 0)
        return rc;
    if (g->nheads > 1) {
        struct wz_strbuf sb = WZ_STRBUF_INIT;
        for (size_t h = 0; h < g->nheads; h++) {
            const struct wz_revision *rev = g->nodes[g->heads[h]].rev;
            wz_strbuf_appendf(&sb, "%s%s (%s)", h > 0 ? ", " : "", rev->id, rev->filename);
        }
        rc = wz_problems_add(ps, WZ_PROBLEM_MULTIPLE_HEADS, NULL, NULL,
                             "the revisions have %zu heads: %s; join them with `wizamart "
                             "migrate merge -m \"merge heads\"`",
                             g->nheads, wz_strbuf_str(&sb));
        wz_strbuf_release(&sb);
        if (rc < 0)
            goto nomem;
    }
    for (size_t i = 0; i < g->n; i++) {
        const struct wz_revision *rev = g->nodes[i].rev;
        if (st->applied[i] || wz_revision_is_merge(rev))
            continue;
        const struct wz_statement **stmts = NULL;
        size_t n = 0;
        if (wz_revision_statements(rev, true, wz_db_dialect(db), &stmts, &n) < 0)
            goto nomem;
        free(stmts);
        if (n == 0 && wz_problems_add(ps, WZ_PROBLEM_NO_STATEMENTS, rev->id, rev->path,
                                      "'%s' has no upgrade statements for %s: write them under "
                                      "'-- +upgrade'",
                                      rev->path, out->dialect) < 0)
            goto nomem;
    }
    return 0;
nomem:
    return wz_err_set(err, WZ_ENOMEM, "out of memory");
}

int wz_migrate_status(struct wz_db *db, const char *dir, struct wz_migrate_status *out,
                      struct wz_err *err)
{
    memset(out, 0, sizeof(*out));
    struct state st = {0};
    int rc = load_graph(dir, &st, err);
    if (rc == 0)
        rc = read_state(db, &st, err);
    if (rc == 0)
        rc = status_fill(db, &st, out, err);
    if (rc < 0)
        wz_migrate_status_release(out);
    state_release(&st);
    return rc;
}

int wz_migrate_apply_all(struct wz_db *db, const char *dir, struct wz_err *err)
{
    struct wz_migrate_opts opt = {.lock_timeout_ms = -1, .offline = false};
    struct wz_migrate_result res;
    int rc = wz_migrate_up(db, dir, NULL, &opt, &res, err);
    wz_migrate_result_release(&res);
    return rc;
}

int wz_migrate_at_head(struct wz_db *db, const char *dir, char **why, struct wz_err *err)
{
    if (why != NULL)
        *why = NULL;
    struct wz_migrate_status st;
    int rc = wz_migrate_status(db, dir, &st, err);
    if (rc < 0)
        return rc;
    char *text = NULL;
    int res = 1;
    if (st.problems.n > 0) {
        res = 0;
        if (asprintf(&text, "%s", st.problems.v[0].message) < 0)
            text = NULL;
    } else if (st.npending > 0) {
        res = 0;
        if (asprintf(&text, "%zu revision%s pending (first: %s %s): run `make migrate-up`",
                     st.npending, st.npending == 1 ? " is" : "s are", st.pending[0].revision,
                     st.pending[0].message) < 0)
            text = NULL;
    }
    if (why != NULL)
        *why = text;
    else
        free(text);
    wz_migrate_status_release(&st);
    return res;
}
