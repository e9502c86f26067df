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
 *   - a bind that fails is remembered by the statement until its next reset, and the next
 *     step returns that failure instead of running with the parameter unset, so a caller may
 *     leave a bind's result unchecked;
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
     * database on open: see the driver's create method.) */
    bool no_create;
};

struct wz_db;
struct wz_stmt;

/* How a backup is read back after it is written (wz_db_backup). */
enum wz_db_check {
    WZ_DB_CHECK_QUICK, /* every page read, every structure checked (SQLite: quick_check) */
    WZ_DB_CHECK_FULL,  /* and every index matched against its table (integrity_check) */
};

struct wz_db_backup_opts {
    const char *dir;         /* the folder the file is in, as messages name it */
    enum wz_db_check check;  /* SQLite; a dump is always listed back whole */
    int64_t busy_timeout_ms; /* how long a busy database may hold the copy up */
};

struct wz_db_restore_opts {
    const char *tmp_dir;     /* a private folder for nameless temporary files */
    int64_t busy_timeout_ms; /* how long a busy database may hold the restore up */
};

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
    /* A read-only transaction on one snapshot of the whole database, which takes no write
     * lock; ended with a ROLLBACK through exec. */
    int (*begin_read)(struct wz_db *db, struct wz_err *err);
    int (*commit)(struct wz_db *db, struct wz_err *err);
    int (*rollback)(struct wz_db *db, struct wz_err *err);

    /* A named lock between processes (the migration lock): held by this connection until
     * unlock or close, waits at most timeout_ms (WZ_EBUSY then). A crashed holder releases it.
     * name is the engine's (every process that must exclude the others passes the same);
     * SQLite: an flock on the sidecar file <database>-migrate.lock, one lock per database
     * file, so the name is not needed; PostgreSQL: a session advisory lock keyed by a hash of
     * the name. */
    int (*lock)(struct wz_db *db, const char *name, int timeout_ms, struct wz_err *err);
    void (*unlock)(struct wz_db *db);

    /* 1 when the table exists, 0 when not, < 0 on error. */
    int (*table_exists)(struct wz_db *db, const char *table, struct wz_err *err);

    /*
     * Optional methods: NULL when the database does not need or have them. The engine calls
     * them through the wz_db_* wrappers below, which say what NULL means, never by testing
     * the dialect.
     */

    /* Opening. open_empty: a stand-in for url's database when it does not exist yet (open
     * gave WZ_ENOENT), which reads as an empty database and writes nothing (SQLite: an
     * in-memory database; PostgreSQL: a read-only session on the maintenance database that
     * sees no schema). create: creates the database url names; NULL when open creates it
     * (SQLite creates a missing file unless no_create). A database that already exists is
     * success. */
    int (*open_empty)(const struct wz_db_url *url, const struct wz_db_options *opt,
                      struct wz_db **out, struct wz_err *err);
    int (*create)(const struct wz_db_url *url, struct wz_err *err);

    /* Ids of inserted rows. last_insert_id: the id the last INSERT that changed a row
     * generated on this connection; NULL: the engine appends RETURNING to the INSERT instead
     * (SQLite has both, and its RETURNING costs more than the insert). reserve_ids: n ids of
     * table.column's generator, ascending, that no other session or later default takes
     * (PostgreSQL's identity sequence), so rows loaded in bulk can carry their ids; NULL:
     * none to reserve from. reset_ids: the generator goes back to just after the largest id
     * in the table (after deleting rows, so new rows get the ids a fresh database gives
     * them); NULL: the database does that by itself (SQLite's rowid). */
    int64_t (*last_insert_id)(struct wz_db *db);
    int (*reserve_ids)(struct wz_db *db, const char *table, const char *column, int64_t n,
                       int64_t *ids, struct wz_err *err);
    int (*reset_ids)(struct wz_db *db, const char *table, const char *column, struct wz_err *err);

    /* Bulk loading (PostgreSQL COPY). NULL: the engine uses prepared INSERTs. values[i] ==
     * NULL is SQL NULL. Only one bulk load may be open on a connection, and no other
     * statement may run during it. */
    int (*copy_begin)(struct wz_db *db, const char *table, const char *const *columns, int ncols,
                      struct wz_err *err);
    int (*copy_row)(struct wz_db *db, const char *const *values, struct wz_err *err);
    int (*copy_end)(struct wz_db *db, struct wz_err *err);

    /* Schema changes that rebuild a table (create the new one, copy, drop the old, rename:
     * https://sqlite.org/lang_altertable.html#otheralter). fk_suspend, outside a
     * transaction: foreign keys stop being enforced, so dropping a parent neither fails nor
     * cascades into its children; *suspended tells whether fk_resume must switch them back.
     * fk_violations, inside the transaction before its commit: the rows whose foreign key
     * points at no row (< 0 on error). NULL: the database checks foreign keys by itself at
     * commit, and a rebuild needs nothing (PostgreSQL). */
    int (*fk_suspend)(struct wz_db *db, bool *suspended, struct wz_err *err);
    int64_t (*fk_violations)(struct wz_db *db, struct wz_err *err);
    int (*fk_resume)(struct wz_db *db, struct wz_err *err);

    /* Backups (src/db/backup_<driver>.c). A backup file is backup_ext's and starts with the
     * backup_magic_len bytes of backup_magic. backup: writes a consistent copy of the whole
     * database (one snapshot, while others write) into path, an empty private file the engine
     * created, then reads it back with the check asked for; *checked names the check the copy
     * passed (static text). The engine names, syncs, publishes and prunes the file.
     * NULL: the database cannot be backed up. */
    const char *backup_ext;
    const char *backup_magic;
    size_t backup_magic_len;
    int (*backup)(struct wz_db *db, const char *path, const struct wz_db_backup_opts *o,
                  const char **checked, struct wz_err *err);

    /* Restores. backup_check: the integrity check of a backup file before anything is asked
     * or touched: that it is one of this database's backups, undamaged (read whole), not the
     * live database itself, and holds `table` (the engine's migration table). When the file
     * can be read as a database (SQLite), *snapshot is a read-only connection to it that the
     * caller queries and closes; else NULL. restore: replaces the content of db with the
     * backup at path (snapshot: backup_check's) in one atomic step: all of it or nothing. */
    int (*backup_check)(struct wz_db *db, const char *path, const char *table,
                        struct wz_db **snapshot, struct wz_err *err);
    int (*restore)(struct wz_db *db, const char *path, struct wz_db *snapshot,
                   const struct wz_db_restore_opts *o, struct wz_err *err);
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
    bool read_only;                  /* the open transaction is a wz_db_begin_read snapshot */
    struct wz_db_cached_stmt *cache; /* owned; allocated on first use, finalized by close */
    size_t ncache;
};

/* The base of every statement: drivers embed it as their first member. */
struct wz_stmt {
    struct wz_db *db;
    int bind_rc;  /* the first failed bind's code since the last reset; WZ_OK when none */
    int bind_idx; /* and its parameter */
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
/* Keeps the first failed bind for step to report (the convention above). */
static inline int wz_stmt_bound(struct wz_stmt *st, int idx, int rc)
{
    if (rc != WZ_OK && st->bind_rc == WZ_OK) {
        st->bind_rc = rc;
        st->bind_idx = idx;
    }
    return rc;
}
static inline int wz_stmt_bind_null(struct wz_stmt *st, int idx)
{
    return wz_stmt_bound(st, idx, st->db->drv->bind_null(st, idx));
}
static inline int wz_stmt_bind_int64(struct wz_stmt *st, int idx, int64_t v)
{
    return wz_stmt_bound(st, idx, st->db->drv->bind_int64(st, idx, v));
}
static inline int wz_stmt_bind_text(struct wz_stmt *st, int idx, const char *v)
{
    return wz_stmt_bound(
        st, idx, v == NULL ? st->db->drv->bind_null(st, idx) : st->db->drv->bind_text(st, idx, v));
}
/* The error for a statement whose bind failed: "out of memory" for WZ_ENOMEM. */
int wz_stmt_bind_error(const struct wz_stmt *st, struct wz_err *err);
static inline int wz_stmt_step(struct wz_stmt *st, struct wz_err *err)
{
    if (st->bind_rc != WZ_OK)
        return wz_stmt_bind_error(st, err);
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
    st->bind_rc = WZ_OK;
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
/* A write transaction. Inside a read snapshot it fails (WZ_EUSAGE) instead of nesting. */
int wz_db_begin(struct wz_db *db, struct wz_err *err);
/* A read snapshot: every statement until wz_db_end_read sees the same data, and on SQLite
 * the file's locks are taken once for all of them rather than once per statement. Writing
 * in it is a caller's bug: wz_db_begin refuses, and PostgreSQL refuses the statement. */
int wz_db_begin_read(struct wz_db *db, struct wz_err *err);
/* Ends a read snapshot (a no-op without one). Nothing was written, so it cannot fail in a way
 * that loses anything. */
void wz_db_end_read(struct wz_db *db);
int wz_db_commit(struct wz_db *db, struct wz_err *err);
/* Rolls back when a transaction is open; a no-op otherwise. Never fails loudly: it is the
 * cleanup path, and the first error is the one worth reporting. */
void wz_db_rollback(struct wz_db *db);
static inline int wz_db_lock(struct wz_db *db, const char *name, int timeout_ms, struct wz_err *err)
{
    return db->drv->lock(db, name, timeout_ms, err);
}
static inline void wz_db_unlock(struct wz_db *db)
{
    db->drv->unlock(db);
}
static inline int wz_db_table_exists(struct wz_db *db, const char *table, struct wz_err *err)
{
    return db->drv->table_exists(db, table, err);
}

/* The optional methods (see struct wz_db_driver), with what their absence means. */

/* The driver for url's dialect. */
const struct wz_db_driver *wz_db_driver_for(const struct wz_db_url *url);
/* Opens the stand-in for a missing database (open gave WZ_ENOENT): see open_empty. */
int wz_db_open_empty(const struct wz_db_url *url, const struct wz_db_options *opt,
                     struct wz_db **out, struct wz_err *err);
/* True when wz_db_create makes a missing database; false when opening makes it (SQLite). */
bool wz_db_can_create(const struct wz_db_url *url);
int wz_db_create(const struct wz_db_url *url, struct wz_err *err);

/* True when inserted rows' ids come from wz_db_last_insert_id rather than RETURNING. */
static inline bool wz_db_has_last_insert_id(const struct wz_db *db)
{
    return db->drv->last_insert_id != NULL;
}
static inline int64_t wz_db_last_insert_id(struct wz_db *db)
{
    return db->drv->last_insert_id(db);
}
/* True when ids can be reserved (wz_db_reserve_ids) and rows loaded in bulk (wz_db_copy_*). */
static inline bool wz_db_can_reserve_ids(const struct wz_db *db)
{
    return db->drv->reserve_ids != NULL;
}
/* WZ_EUSAGE when the database has no generator to reserve from. */
int wz_db_reserve_ids(struct wz_db *db, const char *table, const char *column, int64_t n,
                      int64_t *ids, struct wz_err *err);
/* A no-op where the database does it by itself. */
int wz_db_reset_ids(struct wz_db *db, const char *table, const char *column, struct wz_err *err);

static inline bool wz_db_can_copy(const struct wz_db *db)
{
    return db->drv->copy_begin != NULL;
}
static inline int wz_db_copy_begin(struct wz_db *db, const char *table, const char *const *columns,
                                   int ncols, struct wz_err *err)
{
    return db->drv->copy_begin(db, table, columns, ncols, err);
}
static inline int wz_db_copy_row(struct wz_db *db, const char *const *values, struct wz_err *err)
{
    return db->drv->copy_row(db, values, err);
}
static inline int wz_db_copy_end(struct wz_db *db, struct wz_err *err)
{
    return db->drv->copy_end(db, err);
}

/* Around a revision whose statements may rebuild tables: wz_db_fk_suspend before its
 * transaction (*suspended: call wz_db_fk_resume afterwards), wz_db_fk_violations before its
 * commit. No-ops (false, 0) where the database needs none. */
int wz_db_fk_suspend(struct wz_db *db, bool *suspended, struct wz_err *err);
int64_t wz_db_fk_violations(struct wz_db *db, struct wz_err *err);
int wz_db_fk_resume(struct wz_db *db, struct wz_err *err);

/* A failed write of a file in dir (errno e), for the engine's backup files and the drivers'
 * alike: "<what> in '<dir>': <reason>", and for a full disk or the file size limit what to
 * do. Returns WZ_EFAIL. */
int wz_db_write_error(struct wz_err *err, const char *what, const char *dir, int e);

/* Backups and restores: WZ_EUSAGE when the driver has none. */
int wz_db_backup(struct wz_db *db, const char *path, const struct wz_db_backup_opts *o,
                 const char **checked, struct wz_err *err);
int wz_db_backup_check(struct wz_db *db, const char *path, const char *table,
                       struct wz_db **snapshot, struct wz_err *err);
int wz_db_restore(struct wz_db *db, const char *path, struct wz_db *snapshot,
                  const struct wz_db_restore_opts *o, struct wz_err *err);

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
