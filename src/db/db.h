/*
 * The driver interface: one small table of function pointers per database (SQLite's VFS
 * pattern, redis's connection types). Drivers talk to one database each; ordering,
 * transactions policy, SQL generation and parsing stay in the engine.
 *
 * Conventions for every method:
 *   - returns 0 (WZ_OK) or a negative WZ_E* code with a message in err (err may be NULL);
 *   - SQL placeholders are written $1, $2, ... on every dialect (the SQLite driver maps them);
 *     every value reaches SQL through a bound parameter, never by string formatting;
 *   - text results are valid until the next step/reset/finalize on that statement;
 *   - destructors accept NULL.
 */
#ifndef WZ_DB_H
#define WZ_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "db/url.h"

struct wz_db_options {
    int busy_timeout_ms; /* how long to wait on a locked database (SQLite) */
    int connect_wait_s;  /* keep retrying a refused connection this long (PostgreSQL) */
    /* SQLite: when false, a missing database file is WZ_ENOENT instead of being created, so
     * a read or a refusal never leaves an empty file behind. (PostgreSQL never creates a
     * database on open: see wz_postgres_create_database.) */
    bool no_create;
};

struct wz_db;
struct wz_stmt;

enum {
    WZ_DONE = 0, /* step: no more rows */
    WZ_ROW = 1,  /* step: a row is ready */
};

struct wz_db_driver {
    const char *name; /* "sqlite", "postgresql" */
    enum wz_dialect dialect;

    int (*open)(const struct wz_db_url *url, const struct wz_db_options *opt, struct wz_db **out,
                struct wz_err *err);
    void (*close)(struct wz_db *db);

    /* Runs one or more statements that take no parameters and return no rows of interest. */
    int (*exec)(struct wz_db *db, const char *sql, struct wz_err *err);

    int (*prepare)(struct wz_db *db, const char *sql, struct wz_stmt **out, struct wz_err *err);
    int (*bind_null)(struct wz_stmt *st, int idx);
    int (*bind_int64)(struct wz_stmt *st, int idx, int64_t v);
    int (*bind_text)(struct wz_stmt *st, int idx, const char *v); /* v is copied */
    int (*step)(struct wz_stmt *st, struct wz_err *err);          /* WZ_ROW, WZ_DONE or < 0 */
    int (*column_count)(struct wz_stmt *st);
    const char *(*column_name)(struct wz_stmt *st, int col);
    bool (*column_is_null)(struct wz_stmt *st, int col);
    int64_t (*column_int64)(struct wz_stmt *st, int col);
    const char *(*column_text)(struct wz_stmt *st, int col); /* "" for NULL */
    int (*reset)(struct wz_stmt *st);                        /* also clears bindings */
    void (*finalize)(struct wz_stmt *st);
    int64_t (*changes)(struct wz_db *db); /* rows changed by the last finished statement */

    int (*begin)(struct wz_db *db, struct wz_err *err);
    int (*commit)(struct wz_db *db, struct wz_err *err);
    int (*rollback)(struct wz_db *db, struct wz_err *err);

    /* The migration lock: held by this connection until unlock or close, waits at most
     * timeout_ms (WZ_EBUSY then). A crashed holder releases it (SQLite: flock on a sidecar
     * file; PostgreSQL: a session advisory lock). */
    int (*lock)(struct wz_db *db, int timeout_ms, struct wz_err *err);
    void (*unlock)(struct wz_db *db);

    /* 1 when the table exists, 0 when not, < 0 on error. */
    int (*table_exists)(struct wz_db *db, const char *table, struct wz_err *err);

    /* Optional bulk loading (PostgreSQL COPY). NULL: the engine uses prepared INSERTs.
     * values[i] == NULL is SQL NULL. */
    int (*copy_begin)(struct wz_db *db, const char *table, const char *const *columns, int ncols,
                      struct wz_err *err);
    int (*copy_row)(struct wz_db *db, const char *const *values, struct wz_err *err);
    int (*copy_end)(struct wz_db *db, struct wz_err *err);
};

/* One entry of a connection's statement cache (wz_db_prepare_cached). */
struct wz_db_cached_stmt {
    const char *sql; /* the key: the caller's string literal, compared by address */
    struct wz_stmt *st;
};

/* The base of every connection: drivers embed it as their first member (zeroed). */
struct wz_db {
    const struct wz_db_driver *drv;
    struct wz_db_url url; /* a copy, owned by the connection */
    bool in_transaction;
    struct wz_db_cached_stmt *cache; /* owned; allocated on first use, finalized by close */
    size_t ncache;
};

/* The base of every statement: drivers embed it as their first member. */
struct wz_stmt {
    struct wz_db *db;
};

/* Opens the database a URL names, with the driver its dialect selects. */
int wz_db_open(const struct wz_db_url *url, const struct wz_db_options *opt, struct wz_db **out,
               struct wz_err *err);
/* Parses the URL and opens it. */
int wz_db_open_url(const char *url, const struct wz_db_options *opt, struct wz_db **out,
                   struct wz_err *err);
void wz_db_close(struct wz_db *db);

/* A long-lived connection's prepared statement for sql, prepared on first use and reused
 * after (the server's request threads: parsing and planning once per thread, not per
 * request). sql must be a string literal or otherwise outlive the connection: its address is
 * the key. The statement comes back reset with no bindings; the connection owns it, so never
 * finalize it. At most WZ_DB_CACHE_MAX statements are cached; past that each call prepares
 * a statement that the next call for the same sql finalizes. */
#define WZ_DB_CACHE_MAX 96
int wz_db_prepare_cached(struct wz_db *db, const char *sql, struct wz_stmt **out,
                         struct wz_err *err);

static inline enum wz_dialect wz_db_dialect(const struct wz_db *db)
{
    return db->drv->dialect;
}
static inline const char *wz_db_dialect_name(const struct wz_db *db)
{
    return db->drv->name;
}
static inline int wz_db_exec(struct wz_db *db, const char *sql, struct wz_err *err)
{
    return db->drv->exec(db, sql, err);
}
static inline int wz_db_prepare(struct wz_db *db, const char *sql, struct wz_stmt **out,
                                struct wz_err *err)
{
    return db->drv->prepare(db, sql, out, err);
}
static inline int wz_stmt_bind_null(struct wz_stmt *st, int idx)
{
    return st->db->drv->bind_null(st, idx);
}
static inline int wz_stmt_bind_int64(struct wz_stmt *st, int idx, int64_t v)
{
    return st->db->drv->bind_int64(st, idx, v);
}
static inline int wz_stmt_bind_text(struct wz_stmt *st, int idx, const char *v)
{
    return v == NULL ? st->db->drv->bind_null(st, idx) : st->db->drv->bind_text(st, idx, v);
}
static inline int wz_stmt_step(struct wz_stmt *st, struct wz_err *err)
{
    return st->db->drv->step(st, err);
}
static inline int wz_stmt_column_count(struct wz_stmt *st)
{
    return st->db->drv->column_count(st);
}
static inline const char *wz_stmt_column_name(struct wz_stmt *st, int col)
{
    return st->db->drv->column_name(st, col);
}
static inline bool wz_stmt_column_is_null(struct wz_stmt *st, int col)
{
    return st->db->drv->column_is_null(st, col);
}
static inline int64_t wz_stmt_column_int64(struct wz_stmt *st, int col)
{
    return st->db->drv->column_int64(st, col);
}
static inline const char *wz_stmt_column_text(struct wz_stmt *st, int col)
{
    return st->db->drv->column_text(st, col);
}
static inline int wz_stmt_reset(struct wz_stmt *st)
{
    return st->db->drv->reset(st);
}
static inline void wz_stmt_finalize(struct wz_stmt *st)
{
    if (st != NULL)
        st->db->drv->finalize(st);
}
static inline int64_t wz_db_changes(struct wz_db *db)
{
    return db->drv->changes(db);
}
int wz_db_begin(struct wz_db *db, struct wz_err *err);
int wz_db_commit(struct wz_db *db, struct wz_err *err);
/* Rolls back when a transaction is open; a no-op otherwise. Never fails loudly: it is the
 * cleanup path, and the first error is the one worth reporting. */
void wz_db_rollback(struct wz_db *db);
static inline int wz_db_lock(struct wz_db *db, int timeout_ms, struct wz_err *err)
{
    return db->drv->lock(db, timeout_ms, err);
}
static inline void wz_db_unlock(struct wz_db *db)
{
    db->drv->unlock(db);
}
static inline int wz_db_table_exists(struct wz_db *db, const char *table, struct wz_err *err)
{
    return db->drv->table_exists(db, table, err);
}

/* Convenience: runs sql with the given text parameters (NULL entries bind NULL) and stores
 * the first column of the first row as an integer in *out (0 when there is no row).
 * Returns 1 when a row was found, 0 when none, < 0 on error. */
int wz_db_query_int64(struct wz_db *db, const char *sql, const char *const *params, int nparams,
                      int64_t *out, struct wz_err *err);

/* A SQL expression giving the timestamp column `column` (a WZ_TYPE_TIMESTAMP of the models)
 * as text in the models' one form, YYYY-MM-DDTHH:MM:SSZ in UTC to the second, on db's
 * dialect: SQLite stores exactly that; PostgreSQL's TIMESTAMPTZ would print
 * "2026-01-08 00:00:00+00". Written into buf; returns buf, or NULL when it does not fit.
 * column is an identifier of the models (never user input). */
const char *wz_db_timestamp_sql(const struct wz_db *db, const char *column, char *buf, size_t size);

/* Convenience: runs sql with the given text parameters, discarding rows. */
int wz_db_exec_params(struct wz_db *db, const char *sql, const char *const *params, int nparams,
                      struct wz_err *err);

extern const struct wz_db_driver wz_sqlite_driver;
extern const struct wz_db_driver wz_postgres_driver;

#endif
