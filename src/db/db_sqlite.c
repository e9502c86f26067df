/*
 * The SQLite driver: the embedded default. Every connection runs with foreign keys on, WAL
 * journaling (for files) and a busy timeout, so concurrent commands wait instead of failing.
 * Placeholders are written $1..$N everywhere; SQLite reads "$1" as a named parameter, so
 * binding looks the index up by that name. The migration lock is an flock() on a sidecar
 * file: it covers processes that do not share a connection and vanishes with a crashed holder.
 */
#include "db/db_sqlite.h"

#include <errno.h>
#include <limits.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "db/sqlite_path.h"

struct sqlite_db {
    struct wz_db base; /* first: the driver interface casts between the two */
    sqlite3 *h;
    int lock_fd;
    /* BEGIN, COMMIT and ROLLBACK prepared once: the server brackets every reading request
     * in a snapshot, and parsing the three statements each time cost more than the locks
     * the snapshot saves. Finalized by sq_close. */
    sqlite3_stmt *txn[3];
};

enum { TXN_BEGIN_READ, TXN_COMMIT, TXN_ROLLBACK };

struct sqlite_stmt {
    struct wz_stmt base;
    sqlite3_stmt *st;
    /* pos[N]: SQLite's index of the parameter written $N, resolved once at prepare time (a
     * name lookup per bound value was a tenth of the seeder's time). NULL: no parameters. */
    int *pos;
    int npos; /* entries of pos, including the unused pos[0] */
};

static struct sqlite_db *to_db(struct wz_db *db)
{
    return (struct sqlite_db *)db;
}

static struct sqlite_stmt *to_st(struct wz_stmt *st)
{
    return (struct sqlite_stmt *)st;
}

/* SQLite 3.40's json_valid() answers false when it runs out of memory, so the CHECK on a JSON
 * column (src/schema/ddl.c) fails as if the value were not JSON, and nothing in the error
 * tells the two apart. SQLite's allocator is wrapped to count the allocations that failed on
 * this thread: a CHECK that fails while one did is reported as out of memory. */
static sqlite3_mem_methods base_mem;
static _Thread_local unsigned long alloc_failures;

static void *counting_malloc(int n)
{
    void *p = base_mem.xMalloc(n);
    if (p == NULL)
        alloc_failures++;
    return p;
}

static void *counting_realloc(void *p, int n)
{
    void *q = base_mem.xRealloc(p, n);
    if (q == NULL)
        alloc_failures++;
    return q;
}

/* Once, before SQLite initializes (its first open): afterwards sqlite3_config refuses, and
 * CHECK failures are then reported as they come. SQLite's memory statistics go off at the
 * same time: nothing reads them, and keeping them takes a process-wide mutex on every
 * allocation, which the server's threads contend for on every row they read. */
static void count_alloc_failures(void)
{
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    if (sqlite3_config(SQLITE_CONFIG_GETMALLOC, &base_mem) != SQLITE_OK)
        return;
    sqlite3_mem_methods m = base_mem;
    m.xMalloc = counting_malloc;
    m.xRealloc = counting_realloc;
    sqlite3_config(SQLITE_CONFIG_MALLOC, &m);
}

static pthread_once_t counting_once = PTHREAD_ONCE_INIT;

/* The WZ_E* code of a SQLite result code (extended codes are on: see sq_open). A unique or
 * primary-key violation is WZ_ECONFLICT, so the engine can answer a race it lost with a 409. */
static int map_code(int code)
{
    if (code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_PRIMARYKEY)
        return WZ_ECONFLICT;
    switch (code & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return WZ_EBUSY;
    case SQLITE_NOMEM:
        return WZ_ENOMEM;
    default:
        return WZ_EFAIL;
    }
}

/* SQLite's message for code, with what to do when it is about the file rather than the SQL:
 * "attempt to write a readonly database" and "disk I/O error" name neither the file nor the
 * cause (wz_sqlite_explain). */
static int set_error(struct sqlite_db *db, struct wz_err *err, int code, const char *msg)
{
    char text[sizeof(err->msg)];
    return wz_err_set(err, map_code(code), "%s",
                      wz_sqlite_explain(db->h, code, msg, db->base.url.path, text, sizeof(text)));
}

static int db_error(struct sqlite_db *db, struct wz_err *err)
{
    return set_error(db, err, sqlite3_extended_errcode(db->h), sqlite3_errmsg(db->h));
}

static void sq_close(struct wz_db *base)
{
    struct sqlite_db *db = to_db(base);
    if (db->lock_fd >= 0)
        close(db->lock_fd);
    for (size_t i = 0; i < sizeof(db->txn) / sizeof(db->txn[0]); i++)
        sqlite3_finalize(db->txn[i]);
    sqlite3_close_v2(db->h);
    wz_db_url_release(&db->base.url);
    free(db);
}

extern const struct wz_db_driver wz_sqlite_driver;

/* A new database file is created here, owner-only (it holds password hashes; SQLite gives
 * its -wal and -shm files the same mode). An existing file is left as it is. With no_create,
 * a missing file is WZ_ENOENT. */
static int create_private(const char *path, bool no_create, struct wz_err *err)
{
    struct stat st;
    if (stat(path, &st) == 0)
        return WZ_OK;
    if (errno != ENOENT)
        return wz_err_set(err, WZ_EFAIL, "cannot open SQLite database '%s': %s", path,
                          strerror(errno));
    if (no_create)
        return wz_err_set(err, WZ_ENOENT,
                          "the SQLite database '%s' does not exist; create it with `make "
                          "migrate-up` (or check DATABASE_URL)",
                          path);
    int fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0 && errno != EEXIST) {
        int e = errno;
        char why[PATH_MAX + 160];
        if ((e == EACCES || e == EROFS) && wz_sqlite_readonly_reason(path, why, sizeof(why)))
            return wz_err_set(err, WZ_EFAIL, "cannot create SQLite database '%s': %s", path, why);
        return wz_err_set(err, WZ_EFAIL, "cannot create SQLite database '%s': %s", path,
                          strerror(e));
    }
    if (fd >= 0)
        close(fd);
    return WZ_OK;
}

static int journal_is_wal(void *flag, int ncols, char **values, char **names)
{
    (void)names;
    if (ncols > 0 && values[0] != NULL && strcmp(values[0], "wal") == 0)
        *(bool *)flag = true;
    return 0;
}

/* Switches a file database to WAL unless it already is. Changing the journal mode needs an
 * exclusive lock, and SQLite reports BUSY there without calling the busy handler, so two
 * first commands on a new file would fail; wait for the other one within the busy timeout. */
static int enable_wal(sqlite3 *h, int timeout_ms, char **msg)
{
    for (int waited = 0;; waited += 20) {
        bool wal = false;
        sqlite3_free(*msg);
        *msg = NULL;
        int rc = sqlite3_exec(h, "PRAGMA journal_mode", journal_is_wal, &wal, msg);
        if (rc == SQLITE_OK && wal)
            return SQLITE_OK;
        if (rc == SQLITE_OK) {
            wal = false;
            rc = sqlite3_exec(h, "PRAGMA journal_mode = WAL", journal_is_wal, &wal, msg);
            /* A file system without WAL support answers with the mode it kept: still atomic. */
            if (rc == SQLITE_OK)
                return SQLITE_OK;
        }
        if ((rc & 0xff) != SQLITE_BUSY && (rc & 0xff) != SQLITE_LOCKED)
            return rc;
        if (waited >= timeout_ms)
            return rc;
        struct timespec nap = {0, 20 * 1000 * 1000};
        nanosleep(&nap, NULL);
    }
}

/* A database in a folder this user may not write opens, and then fails at its first write
 * of the -wal or -shm file with "attempt to write a readonly database", naming neither.
 * Returns WZ_ENOMEM for SQLite running out of memory, else WZ_EFAIL. */
static int open_failed(struct sqlite_db *db, int code, const char *msg, struct wz_err *err)
{
    char text[sizeof(err->msg)];
    const char *path = db->base.url.path;
    return wz_err_set(err, (code & 0xff) == SQLITE_NOMEM ? WZ_ENOMEM : WZ_EFAIL,
                      "cannot open SQLite database '%s': %s", path,
                      wz_sqlite_explain(db->h, code, msg, path, text, sizeof(text)));
}

/* A connection not yet opened, owning a copy of url; NULL when out of memory. */
static struct sqlite_db *new_db(const struct wz_db_url *url)
{
    pthread_once(&counting_once, count_alloc_failures);
    struct sqlite_db *db = calloc(1, sizeof(*db));
    if (db == NULL)
        return NULL;
    db->base.drv = &wz_sqlite_driver;
    db->lock_fd = -1;
    if (wz_db_url_copy(url, &db->base.url) != WZ_OK) {
        free(db);
        return NULL;
    }
    return db;
}

static int sq_open(const struct wz_db_url *url, const struct wz_db_options *opt, struct wz_db **out,
                   struct wz_err *err)
{
    *out = NULL;
    struct sqlite_db *db = new_db(url);
    if (db == NULL)
        return wz_err_set(err, WZ_ENOMEM, "out of memory");
    bool memory = strcmp(url->path, ":memory:") == 0;
    if (!memory) {
        int rc = create_private(url->path, opt->no_create, err);
        if (rc != WZ_OK) {
            sq_close(&db->base);
            return rc;
        }
    }
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
    int rc = sqlite3_open_v2(url->path, &db->h, flags, NULL);
    if (rc != SQLITE_OK) {
        rc = open_failed(db, rc, db->h != NULL ? sqlite3_errmsg(db->h) : sqlite3_errstr(rc), err);
        sq_close(&db->base);
        return rc;
    }
    sqlite3_extended_result_codes(db->h, 1);
    sqlite3_busy_timeout(db->h, opt->busy_timeout_ms > 0 ? opt->busy_timeout_ms : 5000);
    const char *setup = memory ? "PRAGMA foreign_keys = ON;"
                               : "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;";
    char *msg = NULL;
    int erc = sqlite3_exec(db->h, setup, NULL, NULL, &msg);
    /* Switching to WAL writes the file's header: not on an empty file that this command may
     * not create a database in (it can only read it, or refuse). */
    struct stat st;
    bool empty = !memory && stat(url->path, &st) == 0 && st.st_size == 0;
    if (erc == SQLITE_OK && !memory && !(empty && opt->no_create))
        erc = enable_wal(db->h, opt->busy_timeout_ms > 0 ? opt->busy_timeout_ms : 5000, &msg);
    if (erc != SQLITE_OK) {
        erc = open_failed(db, erc, msg != NULL ? msg : sqlite3_errmsg(db->h), err);
        sqlite3_free(msg);
        sq_close(&db->base);
        return erc;
    }
    *out = &db->base;
    return WZ_OK;
}

/* A CHECK constraint that failed while an allocation failed (see alloc_failures). */
static bool short_check(int rc, unsigned long failures_before)
{
    return rc == SQLITE_CONSTRAINT_CHECK && alloc_failures != failures_before;
}

static int short_check_error(struct wz_err *err, const char *msg)
{
    return wz_err_set(err, WZ_ENOMEM, "out of memory evaluating a constraint (SQLite: %s)", msg);
}

static int sq_exec(struct wz_db *base, const char *sql, struct wz_err *err)
{
    struct sqlite_db *db = to_db(base);
    char *msg = NULL;
    unsigned long failures = alloc_failures;
    int rc = sqlite3_exec(db->h, sql, NULL, NULL, &msg);
    if (rc != SQLITE_OK) {
        int code = short_check(sqlite3_extended_errcode(db->h), failures)
                       ? short_check_error(err, msg != NULL ? msg : sqlite3_errstr(rc))
                       : set_error(db, err, rc, msg != NULL ? msg : sqlite3_errstr(rc));
        sqlite3_free(msg);
        return code;
    }
    return WZ_OK;
}

static int sq_prepare(struct wz_db *base, const char *sql, struct wz_stmt **out, struct wz_err *err)
{
    struct sqlite_db *db = to_db(base);
    *out = NULL;
    struct sqlite_stmt *st = calloc(1, sizeof(*st));
    if (st == NULL)
        return wz_err_set(err, WZ_ENOMEM, "out of memory");
    st->base.db = base;
    if (sqlite3_prepare_v2(db->h, sql, -1, &st->st, NULL) != SQLITE_OK) {
        free(st);
        return db_error(db, err);
    }
    int count = sqlite3_bind_parameter_count(st->st);
    int highest = count;
    for (int i = 1; i <= count; i++) {
        const char *name = sqlite3_bind_parameter_name(st->st, i);
        if (name != NULL && name[0] == '$') {
            long n = strtol(name + 1, NULL, 10);
            if (n > highest && n < 100000)
                highest = (int)n;
        }
    }
    if (highest > 0) {
        st->pos = malloc(((size_t)highest + 1) * sizeof(*st->pos));
        if (st->pos == NULL) {
            sqlite3_finalize(st->st);
            free(st);
            return wz_err_set(err, WZ_ENOMEM, "out of memory");
        }
        st->npos = highest + 1;
        /* Plain '?' parameters keep their position; each $N goes where SQLite put it. */
        for (int k = 0; k <= highest; k++)
            st->pos[k] = k;
        for (int i = 1; i <= count; i++) {
            const char *name = sqlite3_bind_parameter_name(st->st, i);
            if (name != NULL && name[0] == '$') {
                long n = strtol(name + 1, NULL, 10);
                if (n >= 1 && n <= highest)
                    st->pos[n] = i;
            }
        }
    }
    *out = &st->base;
    return WZ_OK;
}

/* SQLite's parameter index of the 1-based $N. */
static int param_index(const struct sqlite_stmt *st, int idx)
{
    return idx >= 1 && idx < st->npos ? st->pos[idx] : idx;
}

static int bind_rc(int rc)
{
    if (rc == SQLITE_OK)
        return WZ_OK;
    return rc == SQLITE_NOMEM ? WZ_ENOMEM : WZ_EFAIL;
}

static int sq_bind_null(struct wz_stmt *base, int idx)
{
    struct sqlite_stmt *st = to_st(base);
    return bind_rc(sqlite3_bind_null(st->st, param_index(st, idx)));
}

static int sq_bind_int64(struct wz_stmt *base, int idx, int64_t v)
{
    struct sqlite_stmt *st = to_st(base);
    return bind_rc(sqlite3_bind_int64(st->st, param_index(st, idx), v));
}

static int sq_bind_text(struct wz_stmt *base, int idx, const char *v)
{
    struct sqlite_stmt *st = to_st(base);
    return bind_rc(sqlite3_bind_text(st->st, param_index(st, idx), v, -1, SQLITE_TRANSIENT));
}

static int sq_step(struct wz_stmt *base, struct wz_err *err)
{
    struct sqlite_stmt *st = to_st(base);
    unsigned long failures = alloc_failures;
    int rc = sqlite3_step(st->st);
    if (rc == SQLITE_ROW)
        return WZ_ROW;
    if (rc == SQLITE_DONE)
        return WZ_DONE;
    struct sqlite_db *db = to_db(base->db);
    if (short_check(sqlite3_extended_errcode(db->h), failures))
        return short_check_error(err, sqlite3_errmsg(db->h));
    return db_error(db, err);
}

static int sq_column_count(struct wz_stmt *base)
{
    return sqlite3_column_count(to_st(base)->st);
}

static const char *sq_column_name(struct wz_stmt *base, int col)
{
    return sqlite3_column_name(to_st(base)->st, col);
}

static bool sq_column_is_null(struct wz_stmt *base, int col)
{
    return sqlite3_column_type(to_st(base)->st, col) == SQLITE_NULL;
}

static int64_t sq_column_int64(struct wz_stmt *base, int col)
{
    return sqlite3_column_int64(to_st(base)->st, col);
}

static const char *sq_column_text(struct wz_stmt *base, int col)
{
    const unsigned char *t = sqlite3_column_text(to_st(base)->st, col);
    return t != NULL ? (const char *)t : "";
}

static int sq_reset(struct wz_stmt *base)
{
    sqlite3_stmt *st = to_st(base)->st;
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return WZ_OK;
}

static void sq_finalize(struct wz_stmt *base)
{
    if (base == NULL)
        return;
    sqlite3_finalize(to_st(base)->st);
    free(to_st(base)->pos);
    free(base);
}

static int64_t sq_changes(struct wz_db *base)
{
    return sqlite3_changes64(to_db(base)->h);
}

static int sq_begin(struct wz_db *base, struct wz_err *err)
{
    /* IMMEDIATE takes the write lock up front: a reader-turned-writer can deadlock with
     * another one, while waiting at BEGIN is covered by the busy timeout. */
    return sq_exec(base, "BEGIN IMMEDIATE", err);
}

/* Runs one of the transaction statements, prepared on its first use. */
static int sq_txn(struct wz_db *base, int which, const char *sql, struct wz_err *err)
{
    struct sqlite_db *db = to_db(base);
    if (db->txn[which] == NULL &&
        sqlite3_prepare_v2(db->h, sql, -1, &db->txn[which], NULL) != SQLITE_OK)
        return sq_exec(base, sql, err); /* reports why, the same way as any statement */
    int rc = sqlite3_step(db->txn[which]) == SQLITE_DONE ? WZ_OK : db_error(db, err);
    sqlite3_reset(db->txn[which]);
    return rc;
}

/* A deferred BEGIN: its first read takes the snapshot, and no write lock is taken (BEGIN
 * IMMEDIATE, what sq_begin runs, would take it). */
static int sq_begin_read(struct wz_db *base, struct wz_err *err)
{
    return sq_txn(base, TXN_BEGIN_READ, "BEGIN", err);
}

static int sq_commit(struct wz_db *base, struct wz_err *err)
{
    return sq_txn(base, TXN_COMMIT, "COMMIT", err);
}

static int sq_rollback(struct wz_db *base, struct wz_err *err)
{
    return sq_txn(base, TXN_ROLLBACK, "ROLLBACK", err);
}

/* The lock is per database file: the name (the same in every process) is not needed. */
static int sq_lock(struct wz_db *base, const char *name, int timeout_ms, struct wz_err *err)
{
    (void)name;
    struct sqlite_db *db = to_db(base);
    const char *path = db->base.url.path;
    if (strcmp(path, ":memory:") == 0 || db->lock_fd >= 0)
        return WZ_OK;
    char lockpath[4096];
    if (snprintf(lockpath, sizeof(lockpath), "%s-migrate.lock", path) >= (int)sizeof(lockpath))
        return wz_err_set(err, WZ_EFAIL, "database path too long for a lock file: '%s'", path);
    int fd = open(lockpath, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0)
        return wz_err_set(err, WZ_EFAIL, "cannot open lock file '%s': %s", lockpath,
                          strerror(errno));
    struct timespec start, now;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (;;) {
        if (flock(fd, LOCK_EX | LOCK_NB) == 0)
            break;
        if (errno != EWOULDBLOCK && errno != EINTR) {
            int e = errno;
            close(fd);
            return wz_err_set(err, WZ_EFAIL, "cannot lock '%s': %s", lockpath, strerror(e));
        }
        clock_gettime(CLOCK_MONOTONIC, &now);
        long elapsed = (now.tv_sec - start.tv_sec) * 1000 + (now.tv_nsec - start.tv_nsec) / 1000000;
        if (elapsed >= timeout_ms) {
            close(fd);
            return wz_err_set(err, WZ_EBUSY,
                              "another migration holds the lock on '%s' (waited %d ms); wait "
                              "for it to finish or raise MIGRATE_LOCK_TIMEOUT",
                              path, timeout_ms);
        }
        struct timespec nap = {0, 50 * 1000 * 1000};
        nanosleep(&nap, NULL);
    }
    db->lock_fd = fd;
    return WZ_OK;
}

static void sq_unlock(struct wz_db *base)
{
    struct sqlite_db *db = to_db(base);
    if (db->lock_fd < 0)
        return;
    flock(db->lock_fd, LOCK_UN);
    close(db->lock_fd);
    db->lock_fd = -1;
}

static int sq_table_exists(struct wz_db *base, const char *table, struct wz_err *err)
{
    const char *params[] = {table};
    int64_t found = 0;
    int rc =
        wz_db_query_int64(base, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = $1",
                          params, 1, &found, err);
    return rc;
}

/* A missing file reads as an empty database: an in-memory one, which writes nothing. */
static int sq_open_empty(const struct wz_db_url *url, const struct wz_db_options *opt,
                         struct wz_db **out, struct wz_err *err)
{
    (void)url;
    return wz_db_open_url("sqlite:///:memory:", opt, out, err);
}

/* sqlite3_last_insert_rowid: RETURNING goes through a temporary table opened and freed on
 * every row, which costs more than the insert itself. */
static int64_t sq_last_insert_id(struct wz_db *base)
{
    return sqlite3_last_insert_rowid(to_db(base)->h);
}

/* SQLite's procedure for schema changes (https://sqlite.org/lang_altertable.html#otheralter,
 * steps 1, 10 and 12): PRAGMA foreign_keys is a no-op inside a transaction, so it is switched
 * off before the revision's, and PRAGMA foreign_key_check must find nothing before its
 * commit. */
static int sq_fk_suspend(struct wz_db *base, bool *suspended, struct wz_err *err)
{
    int64_t on = 0;
    *suspended = false;
    int rc = wz_db_query_int64(base, "PRAGMA foreign_keys", NULL, 0, &on, err);
    if (rc < 0)
        return rc;
    *suspended = on != 0;
    return *suspended ? sq_exec(base, "PRAGMA foreign_keys = OFF", err) : WZ_OK;
}

static int64_t sq_fk_violations(struct wz_db *base, struct wz_err *err)
{
    int64_t n = 0;
    int rc =
        wz_db_query_int64(base, "SELECT count(*) FROM pragma_foreign_key_check", NULL, 0, &n, err);
    return rc < 0 ? rc : n;
}

static int sq_fk_resume(struct wz_db *base, struct wz_err *err)
{
    return sq_exec(base, "PRAGMA foreign_keys = ON", err);
}

int wz_sqlite_open_readonly(const char *path, struct wz_db **out, struct wz_err *err)
{
    *out = NULL;
    const struct wz_db_url url = {
        .dialect = WZ_DIALECT_SQLITE, .path = (char *)path, .redacted = (char *)path};
    struct sqlite_db *db = new_db(&url);
    if (db == NULL)
        return wz_err_set(err, WZ_ENOMEM, "out of memory");
    /* A name SQLite would read as a URI is made a plain file name: the file the caller
     * checked is the one opened. */
    char plain[PATH_MAX];
    const char *open_path = wz_sqlite_plain_path(path, plain, sizeof(plain));
    if (open_path == NULL) {
        sq_close(&db->base);
        return wz_err_set(err, WZ_EUSAGE, "the backup path '%s' is too long", path);
    }
    int rc = sqlite3_open_v2(open_path, &db->h, SQLITE_OPEN_READONLY, NULL);
    if (rc != SQLITE_OK) {
        rc = wz_err_set(err, (rc & 0xff) == SQLITE_NOMEM ? WZ_ENOMEM : WZ_EFAIL, "%s",
                        db->h != NULL ? sqlite3_errmsg(db->h) : sqlite3_errstr(rc));
        sq_close(&db->base);
        return rc;
    }
    *out = &db->base;
    return WZ_OK;
}

sqlite3 *wz_sqlite_handle(struct wz_db *db)
{
    if (db == NULL || db->drv != &wz_sqlite_driver)
        return NULL;
    return to_db(db)->h;
}

const struct wz_db_driver wz_sqlite_driver = {
    .name = "sqlite",
    .dialect = WZ_DIALECT_SQLITE,
    .open = sq_open,
    .close = sq_close,
    .exec = sq_exec,
    .prepare = sq_prepare,
    .bind_null = sq_bind_null,
    .bind_int64 = sq_bind_int64,
    .bind_text = sq_bind_text,
    .step = sq_step,
    .column_count = sq_column_count,
    .column_name = sq_column_name,
    .column_is_null = sq_column_is_null,
    .column_int64 = sq_column_int64,
    .column_text = sq_column_text,
    .reset = sq_reset,
    .finalize = sq_finalize,
    .changes = sq_changes,
    .begin = sq_begin,
    .begin_read = sq_begin_read,
    .commit = sq_commit,
    .rollback = sq_rollback,
    .lock = sq_lock,
    .unlock = sq_unlock,
    .table_exists = sq_table_exists,
    .open_empty = sq_open_empty,
    .create = NULL, /* open creates a missing file */
    .last_insert_id = sq_last_insert_id,
    .reserve_ids = NULL,
    .reset_ids = NULL, /* a new rowid is the largest one plus one */
    .copy_begin = NULL,
    .copy_row = NULL,
    .copy_end = NULL,
    .fk_suspend = sq_fk_suspend,
    .fk_violations = sq_fk_violations,
    .fk_resume = sq_fk_resume,
    .backup_ext = ".sqlite",
    .backup_magic = "SQLite format 3", /* with its NUL: 16 bytes */
    .backup_magic_len = 16,
    .backup = wz_sqlite_backup,
    .backup_check = wz_sqlite_backup_check,
    .restore = wz_sqlite_restore,
};
