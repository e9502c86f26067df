/*
 * Running a plan: see run.h. A transactional revision runs whole or not at all: its
 * statements, the foreign-key check and its bookkeeping row commit together. A
 * `transaction: false` revision commits statement by statement, each recorded in the steps
 * table as it does, so a run stopped half-way can continue where it stopped.
 */
#include "migrate/run.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/strbuf.h"
#include "migrate/meta.h"
#include "migrate/offline.h"

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
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

struct wz_migrate_step *wz_run_push_step(struct wz_migrate_result *res,
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

int wz_run_set_at(struct wz_migrate_result *res, const struct wz_books *st)
{
    /* A run that failed before the applied set was read (out of memory) has no position to
     * report; res->at stays as it was. */
    if (st->applied == NULL)
        return WZ_OK;
    struct wz_plan cur;
    if (wz_graph_current(st->g, st->applied, &cur) != WZ_OK)
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

/* ---------------------------------------------------------------- one revision */

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
int wz_run_prepare_write(struct wz_db *db, bool need_tables, const struct wz_migrate_opts *opt,
                         struct wz_err *err)
{
    if (need_tables) {
        int rc = wz_books_ensure_tables(db, err);
        if (rc != WZ_OK)
            return rc;
    }
    if (stamp_if_asked(db, opt, err) != WZ_OK)
        return wz_err_wrap(err, "cannot stamp the environment");
    return 0;
}

/* One revision being run, up or down: what each of its steps needs. */
struct revision_run {
    struct wz_db *db;
    const struct wz_revision *rev;
    bool up;
    const char *verb;      /* "apply" or "revert", for messages */
    const char *direction; /* "up" or "down", as the steps table records it */
    const struct wz_migrate_opts *opt;
    const struct wz_statement **stmts; /* its statements for the dialect (owned) */
    size_t n;
    int64_t t0;
    struct wz_migrate_step *step; /* filled as it runs */
    struct wz_err e;              /* the database's message, quoted in the caller's error */
};

/* ------------------------------------------------ a revision in one transaction */

/* Switches foreign keys off when the driver needs that for statements that rebuild a table
 * (db.h), then opens the transaction with the books and the stamp in it. */
static int begin_transaction(struct revision_run *r, bool need_tables, bool *fk_was_on,
                             struct wz_err *err)
{
    int rc = wz_db_fk_suspend(r->db, fk_was_on, &r->e);
    if (rc != WZ_OK)
        return wz_err_set(err, rc, "cannot %s '%s': cannot switch off foreign keys: %s", r->verb,
                          r->rev->path, r->e.msg);
    rc = wz_db_begin(r->db, &r->e);
    if (rc != WZ_OK)
        return wz_err_set(err, rc, "cannot %s '%s': cannot begin a transaction: %s", r->verb,
                          r->rev->path, r->e.msg);
    rc = wz_run_prepare_write(r->db, need_tables, r->opt, &r->e);
    if (rc != WZ_OK) {
        wz_db_rollback(r->db);
        return wz_err_set(err, rc, "cannot %s '%s': %s", r->verb, r->rev->path, r->e.msg);
    }
    return 0;
}

/* The statements, inside the open transaction; a failure rolls it back. */
static int exec_in_transaction(struct revision_run *r, struct wz_err *err)
{
    for (size_t i = 0; i < r->n; i++) {
        if (wz_db_exec(r->db, r->stmts[i]->sql, &r->e) != WZ_OK) {
            wz_db_rollback(r->db);
            statement_error(err, r->verb, r->rev, i + 1, r->stmts[i], r->e.msg, NULL);
            return WZ_EFAIL;
        }
    }
    return 0;
}

/* With foreign keys switched off, nothing stopped a statement from leaving rows that point at
 * no row: the driver counts them, and any rolls the revision back. */
static int check_foreign_keys(struct revision_run *r, bool fk_was_on, struct wz_err *err)
{
    int64_t bad = fk_was_on ? wz_db_fk_violations(r->db, &r->e) : 0;
    if (bad == 0)
        return 0;
    wz_db_rollback(r->db);
    if (bad < 0)
        return wz_err_set(err, WZ_EFAIL, "cannot %s '%s': PRAGMA foreign_key_check: %s", r->verb,
                          r->rev->path, r->e.msg);
    return wz_err_set(err, WZ_EFAIL,
                      "cannot %s '%s': it would leave %lld rows whose foreign key points at no "
                      "row (PRAGMA foreign_key_check); nothing was changed",
                      r->verb, r->rev->path, (long long)bad);
}

/* The bookkeeping row, committed with the statements. */
static int record_and_commit(struct revision_run *r, struct wz_err *err)
{
    int rc = r->up ? wz_books_insert(r->db, r->rev, r->step->ms, &r->e)
                   : wz_books_delete(r->db, r->rev->id, &r->e);
    if (rc != WZ_OK) {
        wz_db_rollback(r->db);
        return wz_err_set(err, WZ_EFAIL, "cannot %s '%s': cannot record it in %s: %s", r->verb,
                          r->rev->path, WZ_MIGRATE_TABLE, r->e.msg);
    }
    rc = wz_db_commit(r->db, &r->e);
    if (rc != WZ_OK) {
        wz_db_rollback(r->db);
        return wz_err_set(err, WZ_EFAIL, "cannot %s '%s': cannot commit it: %s", r->verb,
                          r->rev->path, r->e.msg);
    }
    return 0;
}

static int run_in_transaction(struct revision_run *r, bool need_tables, struct wz_err *err)
{
    bool fk_was_on = false;
    int rc = begin_transaction(r, need_tables, &fk_was_on, err);
    if (rc == WZ_OK)
        rc = exec_in_transaction(r, err);
    if (rc == WZ_OK)
        rc = check_foreign_keys(r, fk_was_on, err);
    if (rc == WZ_OK) {
        r->step->nstatements = r->n;
        r->step->ms = now_ms() - r->t0;
        rc = record_and_commit(r, err);
    }
    if (fk_was_on && wz_db_fk_resume(r->db, &r->e) != WZ_OK && rc == WZ_OK)
        rc = wz_err_set(err, WZ_EFAIL, "cannot switch foreign keys back on: %s", r->e.msg);
    return rc;
}

/* ------------------------------------------------ a revision statement by statement */

/* Each statement will commit alone and be recorded as it does, so the tables that record them
 * (and the stamp) are committed first. */
static int commit_books_first(struct revision_run *r, bool need_tables, struct wz_err *err)
{
    int rc = wz_db_begin(r->db, &r->e);
    if (rc == WZ_OK)
        rc = wz_run_prepare_write(r->db, need_tables, r->opt, &r->e);
    if (rc == WZ_OK)
        rc = wz_db_commit(r->db, &r->e);
    if (rc != WZ_OK) {
        wz_db_rollback(r->db);
        return wz_err_set(err, rc, "cannot %s '%s': %s", r->verb, r->rev->path, r->e.msg);
    }
    return 0;
}

/* The statements an earlier run did not record, each committed alone and recorded. */
static int exec_recorded(struct revision_run *r, struct wz_err *err)
{
    size_t done = 0;
    int rc = wz_books_recorded_steps(r->db, r->rev, r->direction, r->stmts, r->n, &done, err);
    if (rc != WZ_OK)
        return rc;
    r->step->resumed = done;
    for (size_t i = done; i < r->n; i++) {
        if (wz_db_exec(r->db, r->stmts[i]->sql, &r->e) != WZ_OK) {
            char after[200];
            if (i == 0)
                snprintf(after, sizeof(after), "no statement of it ran (transaction: false)");
            else
                snprintf(after, sizeof(after),
                         "statements 1 to %zu ran and are recorded (transaction: false); run "
                         "`wizamart migrate %s` again to continue with statement %zu",
                         i, r->direction, i + 1);
            statement_error(err, r->verb, r->rev, i + 1, r->stmts[i], r->e.msg, after);
            return WZ_EFAIL;
        }
        if (wz_books_record_step(r->db, r->rev, r->direction, i + 1, r->stmts[i], &r->e) != WZ_OK)
            return wz_err_set(err, WZ_EFAIL,
                              "cannot %s '%s': statement %zu ran but cannot be recorded in %s: %s",
                              r->verb, r->rev->path, i + 1, WZ_BOOKS_STEPS_TABLE, r->e.msg);
        r->step->nstatements++;
    }
    return 0;
}

/* The finished revision's row, and (applied) its statements' rows forgotten, in one
 * transaction. */
static int record_finished(struct revision_run *r, struct wz_err *err)
{
    int rc = wz_db_begin(r->db, &r->e);
    if (rc == WZ_OK) {
        rc = r->up ? wz_books_insert(r->db, r->rev, r->step->ms, &r->e)
                   : wz_books_delete(r->db, r->rev->id, &r->e);
        if (rc == WZ_OK && r->up)
            rc = wz_books_clear_steps(r->db, r->rev->id, &r->e);
        if (rc == WZ_OK)
            rc = wz_db_commit(r->db, &r->e);
    }
    if (rc != WZ_OK) {
        wz_db_rollback(r->db);
        return wz_err_set(err, WZ_EFAIL,
                          "cannot %s '%s': its statements ran but it cannot be recorded in %s: %s",
                          r->verb, r->rev->path, WZ_MIGRATE_TABLE, r->e.msg);
    }
    return 0;
}

static int run_statement_by_statement(struct revision_run *r, bool need_tables, struct wz_err *err)
{
    int rc = commit_books_first(r, need_tables, err);
    if (rc == WZ_OK)
        rc = exec_recorded(r, err);
    if (rc == WZ_OK) {
        r->step->ms = now_ms() - r->t0;
        rc = record_finished(r, err);
    }
    return rc;
}

/* Runs one revision up or down and keeps the books; see docs/migrations.md. */
static int run_revision(struct wz_db *db, const struct wz_revision *rev, bool up, bool need_tables,
                        const struct wz_migrate_opts *opt, struct wz_migrate_step *step,
                        struct wz_err *err)
{
    struct revision_run r = {
        .db = db,
        .rev = rev,
        .up = up,
        .verb = up ? "apply" : "revert",
        .direction = up ? "up" : "down",
        .opt = opt,
        .step = step,
    };
    wz_err_clear(&r.e);
    if (wz_revision_statements(rev, up, wz_db_dialect(db), &r.stmts, &r.n) != WZ_OK)
        return wz_err_set(err, WZ_ENOMEM, "out of memory");
    r.t0 = now_ms();
    int rc = rev->transactional ? run_in_transaction(&r, need_tables, err)
                                : run_statement_by_statement(&r, need_tables, err);
    free(r.stmts);
    return rc;
}

/* ---------------------------------------------------------------- a plan */

/* Refuses a plan containing a revision that has nothing to run for the dialect (an unfilled
 * template, or a missing downgrade): caught before anything runs. */
static int check_statements(struct wz_db *db, const struct wz_books *st, const struct wz_plan *plan,
                            bool up, struct wz_err *err)
{
    for (size_t k = 0; k < plan->n; k++) {
        const struct wz_revision *rev = st->g->nodes[plan->v[k]].rev;
        if (wz_revision_is_merge(rev))
            continue;
        const struct wz_statement **stmts = NULL;
        size_t n = 0;
        if (wz_revision_statements(rev, up, wz_db_dialect(db), &stmts, &n) != WZ_OK)
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

/* Runs a plan in one direction: every revision's statements are checked first, then either
 * the offline script is written, or each revision runs in its own transaction and is recorded
 * as it completes, so revisions before a failure stay applied. */
int wz_run_plan(struct wz_db *db, struct wz_books *st, const struct wz_plan *plan, bool upgrade,
                const struct wz_migrate_opts *opt, struct wz_migrate_result *res,
                struct wz_err *err)
{
    int rc = check_statements(db, st, plan, upgrade, err);
    if (rc != WZ_OK)
        return rc;
    if (opt->offline)
        return wz_offline_script(db, st, plan, upgrade, res, err);
    if (plan->n == 0)
        return 0;
    if (opt->before_apply != NULL) {
        rc = opt->before_apply(db, plan->n, opt->before_apply_arg, err);
        if (rc != WZ_OK)
            return rc;
    }
    bool both = false;
    rc = wz_books_tables_exist(db, &both, err);
    if (rc != WZ_OK)
        return rc;
    bool need_tables = !both;
    for (size_t k = 0; k < plan->n; k++) {
        const struct wz_revision *rev = st->g->nodes[plan->v[k]].rev;
        struct wz_migrate_step step = {0};
        rc = run_revision(db, rev, upgrade, need_tables, opt, &step, err);
        if (rc != WZ_OK)
            return rc;
        need_tables = false;
        st->tables = true;
        struct wz_migrate_step *s = wz_run_push_step(res, rev, !upgrade);
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
