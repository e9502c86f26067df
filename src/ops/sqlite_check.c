/* PRAGMA integrity_check for backups and restores: see sqlite_check.h. */
#include "ops/sqlite_check.h"

#include <stddef.h>

int wz_sqlite_integrity_check(sqlite3 *h, struct wz_err *err)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(h, "PRAGMA integrity_check", -1, &st, NULL);
    if (rc != SQLITE_OK)
        return wz_err_set(err, WZ_EFAIL, "integrity check failed: %s", sqlite3_errmsg(h));
    rc = sqlite3_step(st);
    int ret = WZ_OK;
    if (rc != SQLITE_ROW) {
        ret = wz_err_set(err, WZ_EFAIL, "integrity check failed: %s", sqlite3_errmsg(h));
    } else {
        const unsigned char *first = sqlite3_column_text(st, 0);
        if (first == NULL || sqlite3_stricmp((const char *)first, "ok") != 0)
            ret = wz_err_set(err, WZ_EFAIL, "integrity check failed: %s",
                             first != NULL ? (const char *)first : "no answer");
    }
    sqlite3_finalize(st);
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
