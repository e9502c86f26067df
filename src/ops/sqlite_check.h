/*
 * Checks on a SQLite database file that backups and restores share: a copy is only trusted
 * after SQLite itself has read every page of it (PRAGMA integrity_check).
 */
#ifndef WZ_SQLITE_CHECK_H
#define WZ_SQLITE_CHECK_H

#include <sqlite3.h>

#include "core/err.h"

/* Runs PRAGMA integrity_check on the "main" database of h. WZ_OK when SQLite answers "ok";
 * else WZ_EFAIL with SQLite's first complaint in the message. */
int wz_sqlite_integrity_check(sqlite3 *h, struct wz_err *err);

#endif
