/*
 * Driver-independent parts of the database layer: picking the driver for a URL, the
 * transaction wrappers that keep in_transaction true to the connection, and two small
 * query helpers that every engine module would otherwise write again.
 */
#include "db/db.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

int wz_db_open(const struct wz_db_url *url, const struct wz_db_options *opt, struct wz_db **out,
               struct wz_err *err)
{
    *out = NULL;
    static const struct wz_db_options defaults = {.busy_timeout_ms = 5000, .connect_wait_s = 0};
    if (opt == NULL)
        opt = &defaults;
    switch (url->dialect) {
    case WZ_DIALECT_SQLITE:
        return wz_sqlite_driver.open(url, opt, out, err);
    case WZ_DIALECT_POSTGRES:
        return wz_postgres_driver.open(url, opt, out, err);
    }
    return wz_err_set(err, WZ_EUSAGE, "unknown database dialect");
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
    int rc = db->drv->begin(db, err);
    if (rc == WZ_OK)
        db->in_transaction = true;
    return rc;
}

int wz_db_commit(struct wz_db *db, struct wz_err *err)
{
    int rc = db->drv->commit(db, err);
    if (rc == WZ_OK)
        db->in_transaction = false;
    return rc;
}

void wz_db_rollback(struct wz_db *db)
{
    if (db == NULL || !db->in_transaction)
        return;
    db->drv->rollback(db, NULL);
    db->in_transaction = false;
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
