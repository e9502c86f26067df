/*
 * The offline SQL script of `migrate up --sql` / `migrate down --sql` (src/migrate/offline.c):
 * what a run of the plan would execute, with its bookkeeping, built without touching the
 * database. Used by run.c only.
 */
#ifndef WZ_MIGRATE_OFFLINE_H
#define WZ_MIGRATE_OFFLINE_H

#include <stdbool.h>

#include "core/err.h"
#include "db/db.h"
#include "migrate/books.h"
#include "migrate/runner.h"

/* Writes the script into res->sql (the result's to free). */
int wz_offline_script(struct wz_db *db, const struct wz_books *st, const struct wz_plan *plan,
                      bool up, struct wz_migrate_result *res, struct wz_err *err);

#endif
