/*
 * Database backups (make backup-db, wizamart db backup, and the backup `migrate up` takes in
 * staging and production). A backup is only worth something if it is consistent, private and
 * known to be readable, so every backup is:
 *   - consistent while other processes write: the driver's backup method (src/db/backup_*.c:
 *     SQLite's online backup API, one read snapshot for the whole copy; pg_dump, one snapshot
 *     as well);
 *   - private: created with O_CREAT|O_EXCL and mode 0600 before anything is written into it;
 *   - checked after writing: PRAGMA quick_check on a SQLite copy (every page read, every
 *     b-tree and record checked; integrity_check, which also matches every index against its
 *     table, with wz_backup_create_checked), `pg_restore --list` on a PostgreSQL dump; a copy
 *     that fails the check is removed and the backup fails;
 *   - named BACKUP_DIR/<db>-YYYYmmddTHHMMSSZ[-<kind>].sqlite (.dump for PostgreSQL), so names
 *     sort by time, and pruned to the BACKUP_KEEP newest of that database, never removing the
 *     newest pre-migrate backup (the one to go back to when a migration went wrong).
 */
#ifndef WZ_BACKUP_H
#define WZ_BACKUP_H

#include <limits.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/settings.h"
#include "db/db.h"

#define WZ_BACKUP_KIND_PRE_MIGRATE "pre-migrate"

struct wz_backup_result {
    char path[PATH_MAX]; /* the file written */
    int64_t size;        /* its size in bytes */
    size_t pruned;       /* older backups removed to keep BACKUP_KEEP */
    const char *checked; /* the check the copy passed: "quick_check", "integrity_check" or
                            "pg_restore --list" (static text) */
    char warning[512];   /* set when the backup is good but pruning failed: print it */
};

/* Backs up the database db is connected to. kind: NULL for a plain backup, or a label of
 * lowercase letters and '-' that ends the file name ("pre-migrate", "pre-restore"). output:
 * NULL to write into BACKUP_DIR (created 0700 when missing) and prune it afterwards; else a
 * file path that must not exist yet, or an existing folder to write the usual name into (no
 * pruning then). On failure nothing is left behind and *res is zeroed. */
int wz_backup_create(struct wz_db *db, const struct wz_settings *s, const char *kind,
                     const char *output, struct wz_backup_result *res, struct wz_err *err);

/* Reads a --verify value: NULL or "quick" is WZ_DB_CHECK_QUICK, "full" WZ_DB_CHECK_FULL;
 * anything else is WZ_EUSAGE. */
int wz_backup_check_parse(const char *text, enum wz_db_check *out, struct wz_err *err);

/* As wz_backup_create, with the check of a SQLite copy chosen (wz_backup_create quick-checks
 * it); ignored for PostgreSQL. */
int wz_backup_create_checked(struct wz_db *db, const struct wz_settings *s, const char *kind,
                             const char *output, enum wz_db_check check,
                             struct wz_backup_result *res, struct wz_err *err);

/* As wz_backup_create into BACKUP_DIR, but pruning never removes the file `protect` (the file a
 * restore is reading from). protect may be NULL. */
int wz_backup_create_protecting(struct wz_db *db, const struct wz_settings *s, const char *kind,
                                const char *protect, struct wz_backup_result *res,
                                struct wz_err *err);

/* "12.3 MiB" style size text into buf. */
const char *wz_backup_size_text(int64_t size, char *buf, size_t bufsize);

#endif
