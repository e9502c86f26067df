/*
 * Driver-independent parts of the database layer: picking the driver for a URL, the
 * transaction wrappers that keep in_transaction true to the connection, and two small
 * query helpers that every engine module would otherwise write again.
 */
#include "db/db.h"

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int wz_db_open(const struct wz_db_url *url, const struct wz_db_options *opt, struct wz_db **out,
               struct wz_err *err)
{
    *out = NULL;
    static const struct wz_db_options defaults = {.busy_timeout_ms = 5000, .connect_wait_s = 0};
    if (opt == NULL)
        opt = &defaults;
    const struct wz_db_driver *drv = wz_db_driver_for(url);
    if (drv == NULL)
        return wz_err_set(err, WZ_EUSAGE, "unknown database dialect");
    return drv->open(url, opt, out, err);
}

const struct wz_db_driver *wz_db_driver_for(const struct wz_db_url *url)
{
    switch (url->dialect) {
    case WZ_DIALECT_SQLITE:
        return &wz_sqlite_driver;
    case WZ_DIALECT_POSTGRES:
        return &wz_postgres_driver;
    }
    return NULL;
}

int wz_db_open_empty(const struct wz_db_url *url, const struct wz_db_options *opt,
                     struct wz_db **out, struct wz_err *err)
{
    *out = NULL;
    const struct wz_db_driver *drv = wz_db_driver_for(url);
    if (drv == NULL)
        return wz_err_set(err, WZ_EUSAGE, "unknown database dialect");
    if (drv->open_empty == NULL)
        return wz_err_set(err, WZ_EUSAGE, "%s has no stand-in for a missing database", drv->name);
    return drv->open_empty(url, opt, out, err);
}

bool wz_db_can_create(const struct wz_db_url *url)
{
    const struct wz_db_driver *drv = wz_db_driver_for(url);
    return drv != NULL && drv->create != NULL;
}

int wz_db_create(const struct wz_db_url *url, struct wz_err *err)
{
    const struct wz_db_driver *drv = wz_db_driver_for(url);
    if (drv == NULL || drv->create == NULL)
        return wz_err_set(err, WZ_EUSAGE, "this kind of database is created by opening it");
    return drv->create(url, err);
}

int wz_db_reserve_ids(struct wz_db *db, const char *table, const char *column, int64_t n,
                      int64_t *ids, struct wz_err *err)
{
    if (db->drv->reserve_ids == NULL)
        return wz_err_set(err, WZ_EUSAGE, "%s has no id generator to reserve ids from",
                          db->drv->name);
    return db->drv->reserve_ids(db, table, column, n, ids, err);
}

int wz_db_reset_ids(struct wz_db *db, const char *table, const char *column, struct wz_err *err)
{
    return db->drv->reset_ids != NULL ? db->drv->reset_ids(db, table, column, err) : WZ_OK;
}

int wz_db_fk_suspend(struct wz_db *db, bool *suspended, struct wz_err *err)
{
    *suspended = false;
    return db->drv->fk_suspend != NULL ? db->drv->fk_suspend(db, suspended, err) : WZ_OK;
}

int64_t wz_db_fk_violations(struct wz_db *db, struct wz_err *err)
{
    return db->drv->fk_violations != NULL ? db->drv->fk_violations(db, err) : 0;
}

int wz_db_fk_resume(struct wz_db *db, struct wz_err *err)
{
    return db->drv->fk_resume != NULL ? db->drv->fk_resume(db, err) : WZ_OK;
}

int wz_db_write_error(struct wz_err *err, const char *what, const char *dir, int e)
{
    if (e == ENOSPC || e == EFBIG || e == EDQUOT)
        return wz_err_set(err, WZ_EFAIL,
                          "%s in '%s': %s: free space on the disk holding '%s', or raise the file "
                          "size limit",
                          what, dir, strerror(e), dir);
    return wz_err_set(err, WZ_EFAIL, "%s in '%s': %s", what, dir, strerror(e));
}

int wz_db_backup(struct wz_db *db, const char *path, const struct wz_db_backup_opts *o,
                 const char **checked, struct wz_err *err)
{
    *checked = NULL;
    if (db->drv->backup == NULL)
        return wz_err_set(err, WZ_EUSAGE, "%s databases cannot be backed up", db->drv->name);
    return db->drv->backup(db, path, o, checked, err);
}

int wz_db_backup_check(struct wz_db *db, const char *path, const char *table,
                       struct wz_db **snapshot, struct wz_err *err)
{
    *snapshot = NULL;
    if (db->drv->backup_check == NULL)
        return wz_err_set(err, WZ_EUSAGE, "%s databases cannot be restored", db->drv->name);
    return db->drv->backup_check(db, path, table, snapshot, err);
}

int wz_db_restore(struct wz_db *db, const char *path, struct wz_db *snapshot,
                  const struct wz_db_restore_opts *o, struct wz_err *err)
{
    if (db->drv->restore == NULL)
        return wz_err_set(err, WZ_EUSAGE, "%s databases cannot be restored", db->drv->name);
    return db->drv->restore(db, path, snapshot, o, err);
}

int wz_db_open_url(const char *url, const struct wz_db_options *opt, struct wz_db **out,
                   struct wz_err *err)
{
    struct wz_db_url parsed;
    *out = NULL;
    int rc = wz_db_url_parse(url, &parsed, err);
    if (rc != WZ_OK)
        return rc;
    rc = wz_db_open(&parsed, opt, out, err);
    wz_db_url_release(&parsed);
    return rc;
}

void wz_db_close(struct wz_db *db)
{
    if (db == NULL)
        return;
    for (size_t i = 0; i < db->ncache; i++)
        wz_stmt_finalize(db->cache[i].st);
    free(db->cache);
    db->cache = NULL;
    db->ncache = 0;
    db->drv->close(db);
}

int wz_db_prepare_cached(struct wz_db *db, const char *sql, struct wz_stmt **out,
                         struct wz_err *err)
{
    *out = NULL;
    for (size_t i = 0; i < db->ncache; i++) {
        if (db->cache[i].sql == sql) {
            wz_stmt_reset(db->cache[i].st);
            *out = db->cache[i].st;
            return WZ_OK;
        }
    }
    if (db->cache == NULL) {
        db->cache = calloc(WZ_DB_CACHE_MAX, sizeof(*db->cache));
        if (db->cache == NULL)
            return wz_err_set(err, WZ_ENOMEM, "out of memory");
    }
    struct wz_stmt *st = NULL;
    int rc = wz_db_prepare(db, sql, &st, err);
    if (rc != WZ_OK)
        return rc;
    /* Full: the last slot turns over, so a runaway caller cannot grow the cache. */
    size_t slot = db->ncache < WZ_DB_CACHE_MAX ? db->ncache++ : WZ_DB_CACHE_MAX - 1;
    if (db->cache[slot].st != NULL)
        wz_stmt_finalize(db->cache[slot].st);
    db->cache[slot].sql = sql;
    db->cache[slot].st = st;
    *out = st;
    return WZ_OK;
}

int wz_db_begin(struct wz_db *db, struct wz_err *err)
{
    if (db->read_only)
        return wz_err_set(err, WZ_EUSAGE,
                          "cannot write inside a read-only snapshot (a reading request tried "
                          "to change the database)");
    int rc = db->drv->begin(db, err);
    if (rc == WZ_OK)
        db->in_transaction = true;
    return rc;
}

int wz_db_begin_read(struct wz_db *db, struct wz_err *err)
{
    int rc = db->drv->begin_read(db, err);
    if (rc == WZ_OK) {
        db->in_transaction = true;
        db->read_only = true;
    }
    return rc;
}

void wz_db_end_read(struct wz_db *db)
{
    if (db == NULL || !db->read_only)
        return;
    wz_db_rollback(db);
}

int wz_db_commit(struct wz_db *db, struct wz_err *err)
{
    int rc = db->drv->commit(db, err);
    if (rc == WZ_OK) {
        db->in_transaction = false;
        db->read_only = false;
    }
    return rc;
}

void wz_db_rollback(struct wz_db *db)
{
    if (db == NULL || !db->in_transaction)
        return;
    db->drv->rollback(db, NULL);
    db->in_transaction = false;
    db->read_only = false;
}

int wz_stmt_bind_error(const struct wz_stmt *st, struct wz_err *err)
{
    if (st->bind_rc == WZ_ENOMEM)
        return wz_err_set(err, WZ_ENOMEM, "out of memory binding parameter %d", st->bind_idx);
    return wz_err_set(err, st->bind_rc, "cannot bind parameter %d", st->bind_idx);
}

static int prepare_bound(struct wz_db *db, const char *sql, const char *const *params, int nparams,
                         struct wz_stmt **st, struct wz_err *err)
{
    int rc = wz_db_prepare(db, sql, st, err);
    if (rc != WZ_OK)
        return rc;
    for (int i = 0; i < nparams; i++) {
        rc = wz_stmt_bind_text(*st, i + 1, params[i]);
        if (rc != WZ_OK) {
            wz_stmt_finalize(*st);
            *st = NULL;
            /* "out of memory" first: a long statement is cut at the end of the message. */
            if (rc == WZ_ENOMEM)
                return wz_err_set(err, rc, "out of memory binding parameter %d of: %s", i + 1, sql);
            return wz_err_set(err, rc, "cannot bind parameter %d of: %s", i + 1, sql);
        }
    }
    return WZ_OK;
}

int wz_db_query_int64(struct wz_db *db, const char *sql, const char *const *params, int nparams,
                      int64_t *out, struct wz_err *err)
{
    struct wz_stmt *st = NULL;
    *out = 0;
    int rc = prepare_bound(db, sql, params, nparams, &st, err);
    if (rc != WZ_OK)
        return rc;
    rc = wz_stmt_step(st, err);
    if (rc == WZ_ROW) {
        *out = wz_stmt_column_int64(st, 0);
        rc = 1;
    } else if (rc == WZ_DONE) {
        rc = 0;
    }
    wz_stmt_finalize(st);
    return rc;
}

int wz_db_exec_params(struct wz_db *db, const char *sql, const char *const *params, int nparams,
                      struct wz_err *err)
{
    struct wz_stmt *st = NULL;
    int rc = prepare_bound(db, sql, params, nparams, &st, err);
    if (rc != WZ_OK)
        return rc;
    do {
        rc = wz_stmt_step(st, err);
    } while (rc == WZ_ROW);
    wz_stmt_finalize(st);
    return rc < 0 ? rc : WZ_OK;
}

const char *wz_db_timestamp_sql(const struct wz_db *db, const char *column, char *buf, size_t size)
{
    int n =
        wz_db_dialect(db) == WZ_DIALECT_POSTGRES
            ? snprintf(buf, size,
                       "to_char(%s AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')", column)
            : snprintf(buf, size, "%s", column);
    return n >= 0 && (size_t)n < size ? buf : NULL;
}
