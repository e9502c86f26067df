/*
 * Checks on a SQLite database file that backups and restores share: a copy is only trusted
 * after SQLite itself has read every page of it (PRAGMA integrity_check).
 */
#ifndef WZ_SQLITE_CHECK_H
#define WZ_SQLITE_CHECK_H

#include <sqlite3.h>
#include <stdint.h>

#include "core/err.h"

/* Runs PRAGMA integrity_check on the "main" database of h. WZ_OK when SQLite answers "ok";
 * else WZ_EFAIL with SQLite's first complaint in the message. */
int wz_sqlite_integrity_check(sqlite3 *h, struct wz_err *err);

/* Copies every page of b's source in one sqlite3_backup_step, waiting up to busy_timeout_ms
 * while the source or destination is busy, then finishes b. Returns SQLite's last step code:
 * SQLITE_DONE on success. One step means one read transaction on the source (a consistent
 * copy) and one write transaction on the destination (all or nothing). */
int wz_sqlite_backup_all(sqlite3_backup *b, int64_t busy_timeout_ms);

#endif
