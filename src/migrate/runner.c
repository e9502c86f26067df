/*
 * The migration runner's entry points: see runner.h for its promises. The flow of every
 * command that writes is the same: load and validate the files, take the lock, read the
 * applied state (again: another runner may have finished while we waited), check integrity,
 * plan (here), then run one revision at a time, each in its own transaction with its
 * bookkeeping row (run.c; offline.c for --sql). The bookkeeping tables (books.c) are created
 * inside the first write transaction (DDL is transactional on both dialects), so a run that
 * fails or is killed before its first commit leaves the database exactly as it found it.
 * `migrate status` reads the same books in status.c.
 */
#include "migrate/runner.h"

#include <stdlib.h>
#include <string.h>

#include "core/strbuf.h"
#include "migrate/books.h"
#include "migrate/run.h"

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
 * transaction (wz_run_prepare_write, stamp). */
static int begin_run(struct wz_db *db, const char *dir, const struct wz_migrate_opts *opt,
                     struct wz_books *st, bool *locked, struct wz_migrate_result *res,
                     struct wz_err *err)
{
    *locked = false;
    int rc = wz_books_load_graph(dir, st, err);
    if (rc != WZ_OK)
        return rc;
    res->empty = st->g->n == 0 && st->g->problems.n == 0;
    rc = wz_graph_check(st->g, err);
    if (rc != WZ_OK)
        return rc;
    if (!opt->offline && opt->lock_timeout_ms >= 0) {
        rc = wz_db_lock(db, WZ_MIGRATE_LOCK, opt->lock_timeout_ms, err);
        if (rc != WZ_OK)
            return rc;
        *locked = true;
    }
    return wz_books_read(db, st, err);
}

int wz_migrate_check_dir(const char *dir, struct wz_err *err)
{
    struct wz_graph *g = NULL;
    int rc = wz_graph_load(dir, &g, err);
    if (rc == WZ_OK)
        rc = wz_graph_check(g, err);
    wz_graph_free(g);
    return rc;
}

/* What `up TARGET` applies (NULL, "heads" or "head": up to the single head), refused when an
 * applied file changed or vanished. */
static int up_plan(const struct wz_books *st, const char *target, struct wz_plan *plan,
                   struct wz_err *err)
{
    struct wz_problems ps = {0};
    int rc = wz_books_integrity_problems(st, &ps);
    if (rc != WZ_OK)
        rc = wz_err_set(err, WZ_ENOMEM, "out of memory");
    else if (ps.n > 0)
        rc = problems_error(&ps, "refusing to migrate", err);
    wz_problems_release(&ps);
    if (rc != WZ_OK)
        return rc;
    long target_idx = -1;
    if (target != NULL && strcmp(target, "heads") != 0 && strcmp(target, "head") != 0) {
        size_t idx;
        rc = wz_graph_resolve(st->g, target, &idx, err);
        if (rc != WZ_OK)
            return rc;
        target_idx = (long)idx;
    }
    return wz_graph_plan_up(st->g, st->applied, target_idx, plan, err);
}

int wz_migrate_up(struct wz_db *db, const char *dir, const char *target,
                  const struct wz_migrate_opts *opt, struct wz_migrate_result *res,
                  struct wz_err *err)
{
    memset(res, 0, sizeof(*res));
    if (opt == NULL)
        opt = &default_opts;
    struct wz_books st = {0};
    struct wz_plan plan = {0};
    bool locked = false;
    int rc = begin_run(db, dir, opt, &st, &locked, res, err);
    if (rc == WZ_OK)
        rc = up_plan(&st, target, &plan, err);
    if (rc == WZ_OK)
        rc = wz_run_plan(db, &st, &plan, true, opt, res, err);
    if (st.g != NULL && wz_run_set_at(res, &st) != WZ_OK && rc == WZ_OK)
        rc = wz_err_set(err, WZ_ENOMEM, "out of memory");
    if (locked)
        wz_db_unlock(db);
    free(plan.v);
    wz_books_release(&st);
    return rc;
}

/* What `down TARGET` reverts: target NULL is one step, "base" all, a number N steps, else a
 * revision to keep; more steps than are applied is refused. */
static int down_plan(const struct wz_books *st, const char *target, struct wz_plan *plan,
                     struct wz_err *err)
{
    long target_idx = -1;
    long steps = 1;
    if (target == NULL) {
        steps = 1;
    } else if (strcmp(target, "base") == 0) {
        steps = -1;
    } else if (wz_graph_find(st->g, target) < 0 && all_digits(target)) {
        char *end = NULL;
        steps = strtol(target, &end, 10);
        if (steps <= 0 || steps > 1000000)
            return wz_err_set(err, WZ_EUSAGE,
                              "invalid step count '%s': give a positive number, a revision or "
                              "'base'",
                              target);
    } else {
        size_t idx;
        int rc = wz_graph_resolve(st->g, target, &idx, err);
        if (rc != WZ_OK)
            return rc;
        target_idx = (long)idx;
    }
    int rc = wz_graph_plan_down(st->g, st->applied, target_idx, steps, plan, err);
    if (rc != WZ_OK)
        return rc;
    size_t napplied = 0;
    for (size_t i = 0; i < st->g->n; i++)
        napplied += st->applied[i] ? 1 : 0;
    if (target_idx < 0 && steps > 0 && (size_t)steps > napplied && napplied > 0)
        return wz_err_set(err, WZ_EFAIL,
                          "cannot go down %ld steps: only %zu revision%s applied; use `wizamart "
                          "migrate down base` to revert them all",
                          steps, napplied, napplied == 1 ? " is" : "s are");
    return 0;
}

/* Integrity before a rollback: a vanished file leaves the plan unsure; an edited one in the
 * plan would revert with SQL that is not what was applied. Problems elsewhere do not block. */
static int down_integrity(const struct wz_books *st, const struct wz_plan *plan, struct wz_err *err)
{
    struct wz_problems ps = {0};
    struct wz_problems blocking = {0};
    int rc = wz_books_integrity_problems(st, &ps);
    for (size_t i = 0; i < ps.n && rc == WZ_OK; i++) {
        bool relevant = ps.v[i].kind == WZ_PROBLEM_MISSING_FILE;
        for (size_t k = 0; k < plan->n && !relevant; k++)
            relevant = strcmp(ps.v[i].revision, st->g->nodes[plan->v[k]].rev->id) == 0;
        if (relevant)
            rc = wz_problems_add(&blocking, ps.v[i].kind, ps.v[i].revision, ps.v[i].file, "%s",
                                 ps.v[i].message);
    }
    if (rc != WZ_OK)
        rc = wz_err_set(err, WZ_ENOMEM, "out of memory");
    else if (blocking.n > 0)
        rc = problems_error(&blocking, "refusing to roll back", err);
    wz_problems_release(&ps);
    wz_problems_release(&blocking);
    return rc;
}

int wz_migrate_down(struct wz_db *db, const char *dir, const char *target,
                    const struct wz_migrate_opts *opt, struct wz_migrate_result *res,
                    struct wz_err *err)
{
    memset(res, 0, sizeof(*res));
    if (opt == NULL)
        opt = &default_opts;
    struct wz_books st = {0};
    struct wz_plan plan = {0};
    bool locked = false;
    int rc = begin_run(db, dir, opt, &st, &locked, res, err);
    if (rc == WZ_OK)
        rc = down_plan(&st, target, &plan, err);
    if (rc == WZ_OK)
        rc = down_integrity(&st, &plan, err);
    if (rc == WZ_OK)
        rc = wz_run_plan(db, &st, &plan, false, opt, res, err);
    if (st.g != NULL && wz_run_set_at(res, &st) != WZ_OK && rc == WZ_OK)
        rc = wz_err_set(err, WZ_ENOMEM, "out of memory");
    if (locked)
        wz_db_unlock(db);
    free(plan.v);
    wz_books_release(&st);
    return rc;
}

/* Which revisions stay recorded after stamping target (keep[], per node): none for base; else
 * the target's ancestors, and every applied revision outside its lineage (another branch),
 * forgetting its applied descendants, as Alembic's stamp does. */
static int stamp_keep(const struct wz_books *st, const char *target, bool base, bool *keep,
                      struct wz_err *err)
{
    if (base)
        return 0;
    size_t idx;
    if (strcmp(target, "heads") == 0 || strcmp(target, "head") == 0) {
        if (st->g->nheads != 1)
            return wz_err_set(err, WZ_EFAIL, "%s",
                              st->g->nheads == 0 ? "there is no revision to stamp"
                                                 : "the revisions have several heads; name "
                                                   "the revision to stamp");
        idx = st->g->heads[0];
    } else {
        int rc = wz_graph_resolve(st->g, target, &idx, err);
        if (rc != WZ_OK)
            return rc;
    }
    bool *desc = calloc(st->g->n + 1, sizeof(*desc));
    if (desc == NULL)
        return wz_err_set(err, WZ_ENOMEM, "out of memory");
    wz_graph_mark_descendants(st->g, idx, desc);
    for (size_t i = 0; i < st->g->n; i++)
        keep[i] = st->applied[i] && !desc[i];
    free(desc);
    wz_graph_mark_ancestors(st->g, idx, keep);
    return 0;
}

/* Writes keep[] into the books in one transaction (stamping base also forgets rows whose files
 * are gone); res lists the rows added and removed, and nothing when it fails. */
static int stamp_write(struct wz_db *db, const struct wz_books *st, const bool *keep, bool base,
                       const struct wz_migrate_opts *opt, struct wz_migrate_result *res,
                       struct wz_err *err)
{
    struct wz_err e;
    wz_err_clear(&e);
    int rc = wz_db_begin(db, &e);
    if (rc == WZ_OK)
        rc = wz_run_prepare_write(db, true, opt, &e);
    for (size_t i = 0; i < st->g->n && rc == WZ_OK; i++) {
        const struct wz_revision *rev = st->g->nodes[i].rev;
        if (keep[i] == st->applied[i])
            continue;
        rc = keep[i] ? wz_books_insert(db, rev, 0, &e) : wz_books_delete(db, rev->id, &e);
        if (rc == WZ_OK && wz_run_push_step(res, rev, !keep[i]) == NULL)
            rc = wz_err_set(&e, WZ_ENOMEM, "out of memory");
    }
    if (rc == WZ_OK && base)
        rc = wz_db_exec(db, "DELETE FROM " WZ_MIGRATE_TABLE, &e);
    if (rc == WZ_OK && base)
        rc = wz_db_exec(db, "DELETE FROM " WZ_BOOKS_STEPS_TABLE, &e);
    if (rc == WZ_OK)
        rc = wz_db_commit(db, &e);
    if (rc != WZ_OK) {
        wz_db_rollback(db);
        for (size_t i = 0; i < res->n; i++) {
            free(res->steps[i].revision);
            free(res->steps[i].message);
            free(res->steps[i].file);
        }
        res->n = 0;
        return wz_err_set(err, rc, "cannot stamp the database: %s", e.msg);
    }
    return 0;
}

int wz_migrate_stamp(struct wz_db *db, const char *dir, const char *target,
                     const struct wz_migrate_opts *opt, struct wz_migrate_result *res,
                     struct wz_err *err)
{
    memset(res, 0, sizeof(*res));
    struct wz_migrate_opts online = opt != NULL ? *opt : default_opts;
    online.offline = false;
    struct wz_books st = {0};
    bool *keep = NULL;
    bool locked = false;
    bool base = target == NULL || strcmp(target, "base") == 0;
    int rc = begin_run(db, dir, &online, &st, &locked, res, err);
    if (rc == WZ_OK) {
        keep = calloc(st.g->n + 1, sizeof(*keep));
        if (keep == NULL)
            rc = wz_err_set(err, WZ_ENOMEM, "out of memory");
    }
    if (rc == WZ_OK)
        rc = stamp_keep(&st, target, base, keep, err);
    if (rc == WZ_OK)
        rc = stamp_write(db, &st, keep, base, &online, res, err);
    if (rc == WZ_OK)
        memcpy(st.applied, keep, st.g->n * sizeof(*keep));
    if (st.g != NULL && wz_run_set_at(res, &st) != WZ_OK && rc == WZ_OK)
        rc = wz_err_set(err, WZ_ENOMEM, "out of memory");
    if (locked)
        wz_db_unlock(db);
    free(keep);
    wz_books_release(&st);
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
