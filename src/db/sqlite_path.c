/* SQLite file names and failures: see sqlite_path.h. */
#include "db/sqlite_path.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

const char *wz_sqlite_plain_path(const char *path, char *buf, size_t size)
{
    bool uri_like = strncmp(path, "file:", 5) == 0;
    if (!uri_like)
        return path;
    int n = snprintf(buf, size, "./%s", path);
    return n >= 0 && (size_t)n < size ? buf : NULL;
}

/* A refusal the user can change with chmod, chown or a remount (not a missing file). */
static bool denied(int e)
{
    return e == EACCES || e == EPERM || e == EROFS;
}

bool wz_sqlite_readonly_reason(const char *path, char *buf, size_t size)
{
    if (strcmp(path, ":memory:") == 0 || path[0] == '\0')
        return false;
    /* access() asks with the real user id, the one setpriv or a service manager sets: root
     * passes (a read-only mount aside), as it does when SQLite opens the file. */
    if (access(path, R_OK | W_OK) != 0 && denied(errno)) {
        if (errno == EROFS)
            snprintf(buf, size,
                     "database file '%s' is on a read-only file system: remount it read-write "
                     "or move the database",
                     path);
        else if (access(path, R_OK) != 0)
            snprintf(buf, size,
                     "database file '%s' is not readable for this user: make it readable and "
                     "writable (chmod u+rw, or chown to this user)",
                     path);
        else
            snprintf(buf, size,
                     "database file '%s' is read-only for this user: make it writable (chmod "
                     "u+w, or chown to this user)",
                     path);
        return true;
    }
    char dir[PATH_MAX];
    const char *slash = strrchr(path, '/');
    const char *name = slash != NULL ? slash + 1 : path;
    if (slash == NULL)
        snprintf(dir, sizeof(dir), ".");
    else if (slash == path)
        snprintf(dir, sizeof(dir), "/");
    else
        snprintf(dir, sizeof(dir), "%.*s", (int)(slash - path), path);
    if (access(dir, W_OK | X_OK) == 0 || !denied(errno))
        return false;
    snprintf(buf, size,
             "folder '%s' is %s: SQLite creates %s-journal / %s-wal there; make it writable "
             "or move the database",
             dir, errno == EROFS ? "on a read-only file system" : "not writable for this user",
             name, name);
    return true;
}

/* The errno of the last failed system call on the database file or its journal or WAL: SQLite
 * keeps it there when the failure came at COMMIT, where sqlite3_system_errno stays 0. */
static int file_errno(sqlite3 *h)
{
    int e = 0;
    if (sqlite3_file_control(h, "main", SQLITE_FCNTL_LAST_ERRNO, &e) == SQLITE_OK && e != 0)
        return e;
    sqlite3_file *journal = NULL;
    e = 0;
    if (sqlite3_file_control(h, "main", SQLITE_FCNTL_JOURNAL_POINTER, &journal) == SQLITE_OK &&
        journal != NULL && journal->pMethods != NULL &&
        journal->pMethods->xFileControl(journal, SQLITE_FCNTL_LAST_ERRNO, &e) == SQLITE_OK)
        return e;
    return 0;
}

bool wz_sqlite_disk_hint(sqlite3 *h, int rc, const char *place, char *buf, size_t size)
{
    buf[0] = '\0';
    int primary = rc & 0xff;
    if (primary != SQLITE_IOERR && primary != SQLITE_FULL)
        return false;
    /* SQLite records the system's errno with an I/O error only (not with SQLITE_FULL, whose
     * cause its name says): a value next to a full disk is a stale one. */
    int sys = 0;
    if (h != NULL && primary == SQLITE_IOERR) {
        sys = sqlite3_system_errno(h);
        if (sys == 0)
            sys = file_errno(h);
    }
    bool space = primary == SQLITE_FULL || sys == ENOSPC || sys == EFBIG || sys == EDQUOT;
    if (sys == 0 && !space)
        return false;
    if (space)
        snprintf(
            buf, size, "%s%s%sfree space on the disk holding '%s', or raise the file size limit",
            sys != 0 ? " (" : "", sys != 0 ? strerror(sys) : "", sys != 0 ? "): " : ": ", place);
    else
        snprintf(buf, size, " (%s)", strerror(sys));
    return true;
}

const char *wz_sqlite_explain(sqlite3 *h, int rc, const char *msg, const char *path, char *buf,
                              size_t size)
{
    int primary = rc & 0xff;
    if ((primary == SQLITE_READONLY || primary == SQLITE_CANTOPEN) &&
        wz_sqlite_readonly_reason(path, buf, size))
        return buf;
    char hint[PATH_MAX + 160];
    wz_sqlite_disk_hint(h, rc, path, hint, sizeof(hint));
    snprintf(buf, size, "%s%s", msg, hint);
    return buf;
}
