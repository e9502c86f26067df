/*
 * The decisions `migrate create --empty`, `migrate merge` and `migrate up` take before they
 * write anything: which parents a new revision gets, and whether a database predates the
 * migrations. They are the engine's, so the commands (src/cmd/cmd_migrate.c) only print.
 */
#ifndef WZ_MIGRATE_PLAN_H
#define WZ_MIGRATE_PLAN_H

#include "core/err.h"
#include "db/db.h"

/* Writes an empty revision whose parent is the single head (none for the first revision);
 * several heads are refused (their order is the author's to choose: `migrate merge`).
 * *path and *parent (NULL for the first) are the caller's to free. */
int wz_migrate_plan_create(const char *dir, const char *message, char **path, char **parent,
                           struct wz_err *err);

/* Writes a revision whose parents are every head; fewer than two heads is refused.
 * *path and *parents ("a, b", for the message) are the caller's to free. */
int wz_migrate_plan_merge(const char *dir, const char *message, char **path, char **parents,
                          struct wz_err *err);

/* A database built before the migrations existed (or by another tool) has the platform's
 * tables and no migration record: `up` would only fail on "table ... already exists". Sets
 * *table to the first such table (the caller's to free) when that is the case. */
int wz_migrate_plan_predates(struct wz_db *db, const char *dir, char **table, struct wz_err *err);

#endif
