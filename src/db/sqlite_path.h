/* SQLite file names and SQLite's failures in words a user can act on, shared by the driver and
 * the backup and restore code that calls sqlite3 directly, so each failure reads the same
 * wherever it happens. */
#ifndef WZ_DB_SQLITE_PATH_H
#define WZ_DB_SQLITE_PATH_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>

/* path as a name sqlite3_open_v2 reads as a plain file name: SQLite reads a name starting
 * with "file:" as a URI (mode=, vfs=, %-escapes: another file) when URI names are enabled, as
 * Debian builds it, so such a name becomes "./file:..." in buf. Other names are returned as
 * they are. NULL when buf is too small. */
const char *wz_sqlite_plain_path(const char *path, char *buf, size_t size);

/* When the database file at path, or the folder SQLite creates its -journal and -wal files
 * in, is not writable for this process, writes one sentence naming it and what to do into
 * buf and returns true; false when both are writable (the cause is elsewhere). */
bool wz_sqlite_readonly_reason(const char *path, char *buf, size_t size);

/* When rc (a result code h just returned) is an I/O error or a full disk, writes the system's
 * reason and what to do about the disk holding place (a file or folder being written),
 * starting with " (": SQLite's own "disk I/O error" says neither. Returns false, buf "", for
 * any other code. */
bool wz_sqlite_disk_hint(sqlite3 *h, int rc, const char *place, char *buf, size_t size);

/* SQLite's message msg for rc on h, for the database file at path: replaced by
 * wz_sqlite_readonly_reason for a read-only or unopenable file, completed by
 * wz_sqlite_disk_hint for an I/O error or a full disk, else msg. Returns buf. */
const char *wz_sqlite_explain(sqlite3 *h, int rc, const char *msg, const char *path, char *buf,
                              size_t size);

#endif
