/*
 * The runner's books: the two bookkeeping tables (wizamart_migrations, one row per applied
 * revision; wizamart_migration_steps, one row per statement of a `transaction: false` revision
 * that ran), the applied state read from them against the revision graph, and the checks of
 * that record (applied files that changed or vanished, revisions stopped half-way). Used by
 * the runner's files only (runner.c, run.c, offline.c, status.c); the rest of the engine goes
 * through runner.h.
 */
#ifndef WZ_MIGRATE_BOOKS_H
#define WZ_MIGRATE_BOOKS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "db/db.h"
#include "migrate/graph.h"
#include "migrate/runner.h"

#define WZ_BOOKS_STEPS_TABLE "wizamart_migration_steps"

/* The tables' DDL, portable (TEXT and BIGINT mean the same on SQLite and PostgreSQL); the
 * offline script prints the same statements. */
extern const char *const wz_books_ddl[];
extern const size_t wz_books_nddl;

/* One row of wizamart_migrations. */
struct wz_applied_row {
    char *revision, *checksum, *filename, *message, *applied_at;
    int64_t ms;
};

/* The revision graph of a folder and what the database records of it. Owns everything. */
struct wz_books {
    struct wz_graph *g;
    bool tables; /* wizamart_migrations exists */
    struct wz_applied_row *rows;
    size_t nrows;
    bool *applied; /* per node */
    long *row_of;  /* per node: index into rows, or -1 */
};

/* Loads the revision files of dir (wz_graph_load) with nothing marked applied. */
int wz_books_load_graph(const char *dir, struct wz_books *st, struct wz_err *err);
/* Reads wizamart_migrations (when present) again and marks the applied nodes. */
int wz_books_read(struct wz_db *db, struct wz_books *st, struct wz_err *err);
void wz_books_release(struct wz_books *st);

/* *both: wizamart_migrations and the steps table both exist. */
int wz_books_tables_exist(struct wz_db *db, bool *both, struct wz_err *err);
/* Creates the tables that are missing; inside the caller's transaction. */
int wz_books_ensure_tables(struct wz_db *db, struct wz_err *err);

/* The current time as the books write it: UTC ISO 8601 with milliseconds. */
void wz_books_now(char *buf, size_t size);

/* Records rev as applied (ms: its execution time). */
int wz_books_insert(struct wz_db *db, const struct wz_revision *rev, int64_t ms,
                    struct wz_err *err);
/* Forgets revision id: its row and its recorded statements. */
int wz_books_delete(struct wz_db *db, const char *id, struct wz_err *err);
/* Forgets the recorded statements of revision id (it finished). */
int wz_books_clear_steps(struct wz_db *db, const char *id, struct wz_err *err);
/* How many statements of rev an earlier run recorded in direction ("up"/"down"), each
 * checked against the file's (stmts[n]): continuing after them is only right when they are
 * still the same statements. */
int wz_books_recorded_steps(struct wz_db *db, const struct wz_revision *rev, const char *direction,
                            const struct wz_statement *const *stmts, size_t n, size_t *done,
                            struct wz_err *err);
/* Records that statement index (1-based) of rev ran in direction. */
int wz_books_record_step(struct wz_db *db, const struct wz_revision *rev, const char *direction,
                         size_t index, const struct wz_statement *s, struct wz_err *err);

/* Adds the applied files that changed or vanished to ps; < 0 only when out of memory. */
int wz_books_integrity_problems(const struct wz_books *st, struct wz_problems *ps);
/* Adds the `transaction: false` revisions stopped half-way (rows in the steps table). */
int wz_books_partial_problems(struct wz_db *db, const struct wz_books *st, struct wz_problems *ps,
                              struct wz_err *err);

#endif
