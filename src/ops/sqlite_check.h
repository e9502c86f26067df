/*
 * Checks on a SQLite database file that backups and restores share: a copy is only trusted
 * after SQLite itself has read every page of it.
 *   - quick (a backup's default): PRAGMA quick_check with CHECK constraints not evaluated. It
 *     reads every page and checks every b-tree's structure, the free list, every record's
 *     format and the NOT NULL columns: what damages a page-by-page copy (a torn or
 *     overwritten page, a bad pointer, a truncated file) fails it. CHECK constraints are about
 *     values, not pages: every row passed them when it was written, and a row that did not
 *     (written with checks off) is in the source just as in the copy, where `validate` and the
 *     full check find it. Evaluating them was about three quarters of quick_check's time.
 *   - full (--verify=full, and a restore before it replaces anything): PRAGMA integrity_check,
 *     which also evaluates the CHECK constraints and matches every index against its table.
 */
#ifndef WZ_SQLITE_CHECK_H
#define WZ_SQLITE_CHECK_H

#include <sqlite3.h>
#include <stdint.h>

#include "core/err.h"

enum wz_sqlite_check {
    WZ_SQLITE_QUICK_CHECK,     /* PRAGMA quick_check, CHECK constraints not evaluated */
    WZ_SQLITE_INTEGRITY_CHECK, /* PRAGMA integrity_check */
};

/* The pragma's name: "quick_check" or "integrity_check". */
const char *wz_sqlite_check_name(enum wz_sqlite_check check);

/* Reads a --verify value: NULL or "quick" is the quick check, "full" the integrity check;
 * anything else is WZ_EUSAGE. */
int wz_sqlite_check_parse(const char *text, enum wz_sqlite_check *out, struct wz_err *err);

/* Runs the check on the "main" database of h. WZ_OK when SQLite answers "ok"; else WZ_EFAIL
 * with SQLite's first complaint in the message. */
int wz_sqlite_check(sqlite3 *h, enum wz_sqlite_check check, struct wz_err *err);

/* wz_sqlite_check with WZ_SQLITE_INTEGRITY_CHECK. */
int wz_sqlite_integrity_check(sqlite3 *h, struct wz_err *err);

/* Copies every page of b's source in one sqlite3_backup_step, waiting up to busy_timeout_ms
 * while the source or destination is busy, then finishes b. Returns SQLite's last step code:
 * SQLITE_DONE on success. One step means one read transaction on the source (a consistent
 * copy) and one write transaction on the destination (all or nothing). */
int wz_sqlite_backup_all(sqlite3_backup *b, int64_t busy_timeout_ms);

#endif
