/*
 * Running a plan (src/migrate/run.c): each revision in its own transaction with its
 * bookkeeping row, or statement by statement for a `transaction: false` revision, and the
 * result that lists what ran. The runner's entry points (runner.c) decide the plan; this file
 * carries it out. Used by the runner's files only.
 */
#ifndef WZ_MIGRATE_RUN_H
#define WZ_MIGRATE_RUN_H

#include <stdbool.h>

#include "core/err.h"
#include "db/db.h"
#include "migrate/books.h"
#include "migrate/graph.h"
#include "migrate/runner.h"

/* Runs a plan in one direction: every revision's statements are checked first, then either
 * the offline script is written (opt->offline), or opt->before_apply is called and each
 * revision runs in its own transaction and is recorded as it completes, so revisions before a
 * failure stay applied (and are in res, and marked in st). */
int wz_run_plan(struct wz_db *db, struct wz_books *st, const struct wz_plan *plan, bool upgrade,
                const struct wz_migrate_opts *opt, struct wz_migrate_result *res,
                struct wz_err *err);

/* What every write transaction of a run does first: the bookkeeping tables when the database
 * has none yet (need_tables), then the environment stamp when opt asks for it. */
int wz_run_prepare_write(struct wz_db *db, bool need_tables, const struct wz_migrate_opts *opt,
                         struct wz_err *err);

/* Appends a step for rev to res; NULL when out of memory. */
struct wz_migrate_step *wz_run_push_step(struct wz_migrate_result *res,
                                         const struct wz_revision *rev, bool removed);
/* Sets res->at from the applied revisions of st; < 0 when out of memory. */
int wz_run_set_at(struct wz_migrate_result *res, const struct wz_books *st);

#endif
