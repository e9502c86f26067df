/*
 * Reads a live database's schema back into the descriptors of model.h, so it can be compared
 * with the models (drift, autogenerate). Works through the db.h interface only and dispatches
 * on the connection's dialect: SQLite through sqlite_master and the pragma table functions,
 * PostgreSQL through pg_catalog (the current schema only).
 *
 * The result is logical, as the models are: SQL types map back to enum wz_type, defaults to
 * their logical form, SQLite's rowid-plus-UNIQUE (store_id, id) back to the tenant key
 * (store_id, id). Names of SQLite constraints (which its pragmas do not report) and CHECK
 * constraints are read from the CREATE TABLE text: only named ones (CONSTRAINT name ...)
 * are seen, which is how ddl.c writes every one. The migration tool's own tables
 * (wizamart_*) and SQLite's internal ones are left out.
 */
#ifndef WZ_SCHEMA_INTROSPECT_H
#define WZ_SCHEMA_INTROSPECT_H

#include "core/err.h"
#include "db/db.h"
#include "schema/model.h"

/* Fills *out (zeroed first; an owned schema, tables parents before children). Caller
 * releases with wz_schema_release, also after a failure. */
int wz_introspect(struct wz_db *db, struct wz_schema *out, struct wz_err *err);

/* The logical form of a default as the dialect prints it for a column of type t; NULL for
 * none. Caller frees. Exposed for tests. */
char *wz_introspect_default(enum wz_dialect d, enum wz_type t, const char *raw);

#endif
