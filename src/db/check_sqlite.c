/* PRAGMA quick_check and integrity_check for backups and restores: see db_sqlite.h. A copy
 * is only trusted after SQLite itself has read every page of it. */
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "db/db_sqlite.h"

const char *wz_sqlite_check_name(enum wz_db_check check)
{
    return check == WZ_DB_CHECK_FULL ? "integrity_check" : "quick_check";
}

/* Whether a complaint is SQLite running out of memory rather than a damaged page: 3.40
 * answers a page it cannot load for want of memory with "unable to get the page. error
 * code=7" (SQLITE_NOMEM) as a row of the result, not as an error of the statement. */
static bool is_shortage(const char *line)
{
    const char *code = strstr(line, "error code=");
    if (code == NULL)
        return false;
    long n = strtol(code + strlen("error code="), NULL, 10);
    return n == SQLITE_NOMEM || n == SQLITE_IOERR_NOMEM;
}

/* Runs one pragma that answers "ok" or its complaints. */
static int run_check(sqlite3 *h, const char *sql, const char *name, struct wz_err *err)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(h, sql, -1, &st, NULL);
    if (rc != SQLITE_OK)
        return wz_err_set(err, rc == SQLITE_NOMEM ? WZ_ENOMEM : WZ_EFAIL, "%s failed: %s", name,
                          sqlite3_errmsg(h));
    rc = sqlite3_step(st);
    int ret = WZ_OK;
    if (rc != SQLITE_ROW) {
        ret = wz_err_set(err, sqlite3_errcode(h) == SQLITE_NOMEM ? WZ_ENOMEM : WZ_EFAIL,
                         "%s failed: %s", name, sqlite3_errmsg(h));
    } else {
        const unsigned char *first = sqlite3_column_text(st, 0);
        if (first == NULL && sqlite3_errcode(h) == SQLITE_NOMEM) {
            ret = wz_err_set(err, WZ_ENOMEM, "%s failed: out of memory", name);
        } else if (first == NULL || sqlite3_stricmp((const char *)first, "ok") != 0) {
            ret = wz_err_set(err, WZ_EFAIL, "%s failed: %s", name,
                             first != NULL ? (const char *)first : "no answer");
            /* A shortage anywhere in the answer leaves the rest unproven: the copy is not
             * known to be damaged, only unchecked. */
            for (; rc == SQLITE_ROW; rc = sqlite3_step(st)) {
                const unsigned char *line = sqlite3_column_text(st, 0);
                if (line != NULL && is_shortage((const char *)line)) {
                    ret = wz_err_set(err, WZ_ENOMEM, "%s failed: out of memory", name);
                    break;
                }
            }
            if (rc != SQLITE_ROW && rc != SQLITE_DONE && sqlite3_errcode(h) == SQLITE_NOMEM)
                ret = wz_err_set(err, WZ_ENOMEM, "%s failed: out of memory", name);
        }
    }
    sqlite3_finalize(st);
    return ret;
}

/* 1 when h ignores CHECK constraints, 0 when not, -1 when it cannot tell. */
static int ignoring_checks(sqlite3 *h)
{
    sqlite3_stmt *st = NULL;
    int on = -1;
    if (sqlite3_prepare_v2(h, "PRAGMA ignore_check_constraints", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        on = sqlite3_column_int(st, 0) != 0;
    sqlite3_finalize(st);
    return on;
}

int wz_sqlite_check(sqlite3 *h, enum wz_db_check check, struct wz_err *err)
{
    const char *name = wz_sqlite_check_name(check);
    if (check == WZ_DB_CHECK_FULL)
        return run_check(h, "PRAGMA integrity_check", name, err);
    /* quick_check evaluates every CHECK constraint on every row, about three quarters of its
     * time; ignore_check_constraints makes it skip them (db_sqlite.h says why that is
     * safe for a page-by-page copy). The connection's own setting is put back. */
    int was = ignoring_checks(h);
    if (was < 0)
        return wz_err_set(err, WZ_EFAIL, "%s failed: %s", name, sqlite3_errmsg(h));
    if (!was &&
        sqlite3_exec(h, "PRAGMA ignore_check_constraints = ON", NULL, NULL, NULL) != SQLITE_OK)
        return wz_err_set(err, WZ_EFAIL, "%s failed: %s", name, sqlite3_errmsg(h));
    int ret = run_check(h, "PRAGMA quick_check", name, err);
    if (!was &&
        sqlite3_exec(h, "PRAGMA ignore_check_constraints = OFF", NULL, NULL, NULL) != SQLITE_OK &&
        ret == WZ_OK)
        ret = wz_err_set(err, WZ_EFAIL, "%s failed: %s", name, sqlite3_errmsg(h));
    return ret;
}

int wz_sqlite_backup_all(sqlite3_backup *b, int64_t busy_timeout_ms)
{
    int rc;
    int64_t waited = 0;
    for (;;) {
        rc = sqlite3_backup_step(b, -1);
        if ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && waited < busy_timeout_ms) {
            sqlite3_sleep(25);
            waited += 25;
            continue;
        }
        break;
    }
    sqlite3_backup_finish(b);
    return rc;
}
