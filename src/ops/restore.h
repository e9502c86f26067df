/*
 * Restoring a backup (wizamart db restore). A restore replaces every row of the live database,
 * so it is built to be safe to get wrong:
 *   1. the file is checked before anything is asked or touched (the driver's backup_check):
 *      a SQLite file must carry SQLite's header, pass PRAGMA integrity_check and hold this
 *      project's migration table; a PostgreSQL dump must be readable by pg_restore and hold
 *      that table too;
 *   2. the command asks for confirmation (between wz_restore_open and wz_restore_apply);
 *   3. the current database is backed up first ("pre-restore"), and the restore stops if that
 *      fails;
 *   4. the replacement is one atomic step (the driver's restore): SQLite's backup API writes every
 * page inside one write transaction of the live connection; PostgreSQL's runs as one transaction in
 * psql (the live tables are dropped and the dump's objects created in that same transaction).
 *      Either the whole backup is in place or the database is as it was.
 */
#ifndef WZ_RESTORE_H
#define WZ_RESTORE_H

#include <stdint.h>

#include "core/err.h"
#include "core/settings.h"
#include "db/db.h"
#include "ops/backup.h"

/* A backup file that passed the checks, kept open until it is applied. */
struct wz_restore_source {
    char *path;
    const struct wz_db_driver *drv; /* the driver that checked it */
    int64_t size;                   /* bytes */
    int64_t nrevisions;             /* rows of wizamart_migrations; -1 when not known (a dump) */
    char *revision;                 /* the most recently applied revision, or NULL */
    char *environment;              /* the file's environment stamp, or NULL */
    struct wz_db *snapshot;         /* a read-only connection to the file when it can be read as a
                                       database (SQLite), else NULL; owned */
};

/* Checks path as a backup for the database db is connected to (see above). On failure the
 * message says what is wrong with the file, and *src needs no release. The file may not be the
 * live database itself. */
int wz_restore_open(struct wz_db *db, const char *path, struct wz_restore_source *src,
                    struct wz_err *err);
void wz_restore_source_release(struct wz_restore_source *src);

/* Backs up the live database into BACKUP_DIR (kind "pre-restore"; pruning never removes the
 * source file), then replaces its content with src in one atomic step, holding the migration
 * lock throughout. *safety describes the backup taken first (zeroed when none was written). */
int wz_restore_apply(struct wz_db *db, const struct wz_settings *s,
                     const struct wz_restore_source *src, struct wz_backup_result *safety,
                     struct wz_err *err);

#endif
