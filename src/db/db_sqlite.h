/* The SQLite driver's parts in separate files (src/db/ only: the engine goes through db.h):
 * backups, their checks and restores over SQLite's online backup API. */
#ifndef WZ_DB_SQLITE_H
#define WZ_DB_SQLITE_H

#include <sqlite3.h>

#include "db/db.h"

/* The native handle of a SQLite connection; NULL when db is not a SQLite connection. The
 * handle stays owned by db. */
sqlite3 *wz_sqlite_handle(struct wz_db *db);

/* A read-only connection to the database file at path, with none of open's set-up (which
 * would write to it). Close with wz_db_close. The message on failure is SQLite's. */
int wz_sqlite_open_readonly(const char *path, struct wz_db **out, struct wz_err *err);

/* The driver's backup, backup_check and restore methods (backup_sqlite.c). */
int wz_sqlite_backup(struct wz_db *db, const char *path, const struct wz_db_backup_opts *o,
                     const char **checked, struct wz_err *err);
int wz_sqlite_backup_check(struct wz_db *db, const char *path, const char *table,
                           struct wz_db **snapshot, struct wz_err *err);
int wz_sqlite_restore(struct wz_db *db, const char *path, struct wz_db *snapshot,
                      const struct wz_db_restore_opts *o, struct wz_err *err);

/* check_sqlite.c. Runs the check on the "main" database of h: WZ_DB_CHECK_QUICK is PRAGMA
 * quick_check with the CHECK constraints not evaluated (they are about values, not pages:
 * every row passed them when it was written, and a row that did not is in the source just
 * as in the copy, where `validate` and the full check find it; evaluating them was three
 * quarters of quick_check's time); WZ_DB_CHECK_FULL is PRAGMA integrity_check, which also
 * matches every index against its table. WZ_OK when SQLite answers "ok"; else WZ_EFAIL with
 * SQLite's first complaint in the message. */
int wz_sqlite_check(sqlite3 *h, enum wz_db_check check, struct wz_err *err);
/* The pragma's name: "quick_check" or "integrity_check". */
const char *wz_sqlite_check_name(enum wz_db_check check);

/* Copies every page of b's source in one sqlite3_backup_step, waiting up to busy_timeout_ms
 * while the source or destination is busy, then finishes b. Returns SQLite's last step code:
 * SQLITE_DONE on success. One step means one read transaction on the source (a consistent
 * copy) and one write transaction on the destination (all or nothing). */
int wz_sqlite_backup_all(sqlite3_backup *b, int64_t busy_timeout_ms);

#endif
