/*
 * The migration runner: applies and reverts revisions on a database and keeps the books
 * (wizamart_migrations, wizamart_migration_steps). Its promises, from docs/migrations.md:
 * nothing half-done (a revision and its bookkeeping row commit together, and the bookkeeping
 * tables themselves with the first revision), integrity (an
 * applied file that changed or vanished blocks `up`), one runner at a time (the migration
 * lock, with the applied state read again once it is held), and an offline mode that builds
 * the SQL without touching the database. It prints nothing: results and problems come back
 * as data for src/cmd/cmd_migrate.c to show. Only portable SQL lives here (TEXT, BIGINT,
 * $N parameters); dialect differences stay in the drivers.
 */
#ifndef WZ_RUNNER_H
#define WZ_RUNNER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/settings.h"
#include "db/db.h"
#include "migrate/graph.h"

/* The table that records the applied revisions. */
#define WZ_MIGRATE_TABLE "wizamart_migrations"
/* The name of the migration lock every run and every restore takes (wz_db_lock): the
 * table's, so PostgreSQL's advisory lock key (a hash of the name) is the one every earlier
 * version took. */
#define WZ_MIGRATE_LOCK WZ_MIGRATE_TABLE

/* The lock timeout of the entry points that take no options (the MIGRATE_LOCK_TIMEOUT
 * default). */
#define WZ_MIGRATE_DEFAULT_LOCK_TIMEOUT_MS 60000

struct wz_migrate_step;

struct wz_migrate_opts {
    int lock_timeout_ms; /* how long to wait for another runner; < 0: take no lock */
    bool offline;        /* --sql: build the script into result->sql, touch nothing */
    /* Called by `up` and `down` under the lock, after planning and before the first revision
     * runs, only when there is something to do (the pre-migration backup). A negative return
     * stops the run with nothing changed. NULL: nothing is called. */
    int (*before_apply)(struct wz_db *db, size_t npending, void *arg, struct wz_err *err);
    void *before_apply_arg;
    /* Called by `up` and `down` right after each revision is committed and recorded (a
     * `transaction: false` revision: once its last statement is recorded), with the step as
     * it is also appended to the result, so a caller can report it before the next revision
     * runs: a run killed later has still shown everything it committed. NULL: nothing is
     * called. */
    void (*after_step)(const struct wz_migrate_step *step, void *arg);
    void *after_step_arg;
    /* Stamp the database's environment (src/migrate/meta.h) inside the first write
     * transaction, so a run that is refused or changes nothing writes nothing at all. */
    bool stamp;
    enum wz_environment environment;
};

/* One revision applied, reverted, stamped or unstamped. */
struct wz_migrate_step {
    char *revision;
    char *message;
    char *file;         /* the revision's path */
    int64_t ms;         /* execution time */
    bool removed;       /* down, or stamp removing a row */
    size_t resumed;     /* statements skipped because an earlier run recorded them */
    size_t nstatements; /* statements that ran in this run */
};

struct wz_migrate_result {
    struct wz_migrate_step *steps; /* filled even when a later revision fails */
    size_t n;
    char *sql;  /* offline: the script */
    char *at;   /* afterwards: the current revision ids joined by ", ", or NULL at base */
    bool empty; /* the directory holds no revision at all */
};

void wz_migrate_result_release(struct wz_migrate_result *res);

/* Applies the pending revisions up to target (NULL, "heads" or "head": the single head; else
 * a revision id or a unique prefix of 4+ characters). Refuses (WZ_EFAIL, nothing run) when the
 * files have problems, an applied file changed or vanished, or there are several heads. On a
 * failing statement the revisions before it stay applied and *res lists them. */
int wz_migrate_up(struct wz_db *db, const char *dir, const char *target,
                  const struct wz_migrate_opts *opt, struct wz_migrate_result *res,
                  struct wz_err *err);

/* Reverts: target NULL = 1 step; "base" = everything; a number N = N steps; else a revision
 * (id or unique prefix of 4+) that stays applied while its applied descendants are reverted.
 * A revision without downgrade statements for the dialect (other than a merge) is refused. */
int wz_migrate_down(struct wz_db *db, const char *dir, const char *target,
                    const struct wz_migrate_opts *opt, struct wz_migrate_result *res,
                    struct wz_err *err);

/* Marks the database as being at target ("heads", "base", or a revision): records target and
 * its ancestors as applied and forgets its applied descendants, running no revision SQL. */
int wz_migrate_stamp(struct wz_db *db, const char *dir, const char *target,
                     const struct wz_migrate_opts *opt, struct wz_migrate_result *res,
                     struct wz_err *err);

struct wz_status_rev {
    char *revision;
    char *message;    /* may be NULL for an applied revision whose file is gone */
    char *file;       /* the path, or NULL when the file is gone */
    char *applied_at; /* NULL when pending */
    int64_t execution_ms;
};

struct wz_migrate_status {
    const char *dialect;
    bool tables; /* the bookkeeping tables exist */
    size_t nrevisions;
    struct wz_status_rev *applied; /* in topological order; gone files last */
    size_t napplied;
    struct wz_status_rev *pending; /* in the order `up` would apply them */
    size_t npending;
    char **current; /* ids; none means base */
    size_t ncurrent;
    char **heads;
    size_t nheads;
    struct wz_problems problems;
};

/* Checks the revision files of dir (present, readable, one graph without problems) without a
 * database: what `migrate up` must know before it creates or touches one. 0 or < 0 with the
 * reason in err (a missing folder is WZ_ENOENT). */
int wz_migrate_check_dir(const char *dir, struct wz_err *err);

/* Reads the state without writing anything (no lock, no tables created). */
int wz_migrate_status(struct wz_db *db, const char *dir, struct wz_migrate_status *st,
                      struct wz_err *err);
void wz_migrate_status_release(struct wz_migrate_status *st);

/* Applies every pending revision of dir up to the single head, no output, used on scratch
 * databases (no lock). */
int wz_migrate_apply_all(struct wz_db *db, const char *dir, struct wz_err *err);

/* *at_head: the database is at head with nothing pending and no checksum problem; when it is
 * not, *why (caller frees; NULL when there was no memory to say it) says what to run. WZ_OK, or
 * the error that kept the status from being read. Used by init-prod, seed-demo, serve, /readyz
 * and the dashboard. */
int wz_migrate_at_head(struct wz_db *db, const char *dir, bool *at_head, char **why,
                       struct wz_err *err);

#endif
