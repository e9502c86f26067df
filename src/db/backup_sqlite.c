/*
 * The SQLite driver's backups and restores, both over SQLite's online backup API (db.h says
 * what each method promises; src/ops/backup.c and restore.c are the engine around them):
 *   - backup: every page copied in one step, under one read transaction on the source, so the
 *     copy is the database as it was at one instant whatever others commit meanwhile (WAL lets
 *     them go on writing); then PRAGMA quick_check (or integrity_check) on the copy;
 *   - backup_check: SQLite's header, PRAGMA integrity_check and the migration table, on a
 *     read-only connection the engine goes on reading through;
 *   - restore: every page written inside one write transaction of the live connection,
 *     committed at the end; a failure at any page leaves it uncommitted and
 *     sqlite3_backup_finish rolls it back.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db/db_sqlite.h"
#include "db/sqlite_path.h"

int wz_sqlite_backup(struct wz_db *db, const char *path, const struct wz_db_backup_opts *o,
                     const char **checked, struct wz_err *err)
{
    sqlite3 *src = wz_sqlite_handle(db);
    sqlite3 *dst = NULL;
    sqlite3_backup *b = NULL;
    int ret = WZ_OK;
    char hint[PATH_MAX + 160];
    /* A name starting with "file:" would be read as a URI: another file. */
    char plain[PATH_MAX];
    const char *open_path = wz_sqlite_plain_path(path, plain, sizeof(plain));
    if (open_path == NULL)
        return wz_err_set(err, WZ_EUSAGE, "the backup path under '%s' is too long", o->dir);
    int rc = sqlite3_open_v2(open_path, &dst, SQLITE_OPEN_READWRITE, NULL);
    if (rc != SQLITE_OK) {
        wz_sqlite_disk_hint(dst, rc, o->dir, hint, sizeof(hint));
        ret = wz_err_set(err, WZ_EFAIL, "cannot open a backup file in '%s': %s%s", o->dir,
                         dst != NULL ? sqlite3_errmsg(dst) : "out of memory", hint);
        goto cleanup;
    }
    b = sqlite3_backup_init(dst, "main", src, "main");
    if (b == NULL) {
        ret = wz_err_set(err, WZ_EFAIL, "cannot start the backup: %s", sqlite3_errmsg(dst));
        goto cleanup;
    }
    /* One step: the copy is one snapshot. A busy source (a checkpoint, a rollback-journal
     * writer) is waited for as long as DB_BUSY_TIMEOUT allows. */
    rc = wz_sqlite_backup_all(b, o->busy_timeout_ms);
    b = NULL;
    if (rc != SQLITE_DONE) {
        bool busy = rc == SQLITE_BUSY || rc == SQLITE_LOCKED;
        /* A write that failed is the copy's: its handle holds the system's reason. */
        wz_sqlite_disk_hint(dst, rc, o->dir, hint, sizeof(hint));
        ret = wz_err_set(err, busy ? WZ_EBUSY : WZ_EFAIL, "cannot copy the database: %s%s",
                         sqlite3_errstr(rc),
                         busy ? " (another process held the database longer than "
                                "DB_BUSY_TIMEOUT); try again"
                              : hint);
        goto cleanup;
    }
    /* The copy carries the source's WAL flag; a backup is one self-contained file. */
    char *msg = NULL;
    rc = sqlite3_exec(dst, "PRAGMA journal_mode = DELETE", NULL, NULL, &msg);
    if (rc != SQLITE_OK) {
        wz_sqlite_disk_hint(dst, rc, o->dir, hint, sizeof(hint));
        ret = wz_err_set(err, WZ_EFAIL, "cannot finish the backup in '%s': %s%s", o->dir,
                         msg != NULL ? msg : sqlite3_errmsg(dst), hint);
        sqlite3_free(msg);
        goto cleanup;
    }
    ret = wz_sqlite_check(dst, o->check, err);
    if (ret == WZ_ENOMEM)
        wz_err_wrap(err, "cannot check the copy '%s'", open_path);
    else if (ret != WZ_OK)
        wz_err_wrap(err,
                    "the copy '%s' is damaged; the source database may be damaged too "
                    "(check it with: sqlite3 %s 'PRAGMA integrity_check')",
                    open_path, db->url.path);
    else
        *checked = wz_sqlite_check_name(o->check);

cleanup:
    if (b != NULL)
        sqlite3_backup_finish(b);
    if (dst != NULL && sqlite3_close(dst) != SQLITE_OK && ret == WZ_OK)
        ret = wz_err_set(err, WZ_EFAIL, "cannot close the backup written in '%s'", o->dir);
    return ret;
}

int wz_sqlite_backup_check(struct wz_db *db, const char *path, const char *table,
                           struct wz_db **snapshot, struct wz_err *err)
{
    struct wz_db *src = NULL;
    *snapshot = NULL;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return wz_err_set(err, errno == ENOENT ? WZ_ENOENT : WZ_EFAIL, "cannot read '%s': %s", path,
                          strerror(errno));
    unsigned char header[100];
    ssize_t got = read(fd, header, sizeof(header));
    close(fd);
    if (got != (ssize_t)sizeof(header) ||
        memcmp(header, db->drv->backup_magic, db->drv->backup_magic_len) != 0)
        return wz_err_set(err, WZ_EFAIL,
                          "'%s' is not a SQLite database (it does not start with SQLite's "
                          "header); nothing was restored. Backups made by `make backup-db` "
                          "end in .sqlite",
                          path);
    struct stat a, b;
    if (stat(path, &a) == 0 && stat(db->url.path, &b) == 0 && a.st_dev == b.st_dev &&
        a.st_ino == b.st_ino)
        return wz_err_set(err, WZ_EUSAGE, "'%s' is the live database itself; give a backup file",
                          path);
    int rc = wz_sqlite_open_readonly(path, &src, err);
    if (rc == WZ_EFAIL) {
        char why[sizeof(err->msg)];
        snprintf(why, sizeof(why), "%s", err->msg);
        return wz_err_set(err, WZ_EFAIL, "cannot open '%s': %s; nothing was restored", path, why);
    }
    if (rc != WZ_OK)
        return rc;
    /* The full check, not the quick one a backup gets: a file may have been copied, moved or
     * edited since it was written, and it is about to replace every row. */
    rc = wz_sqlite_check(wz_sqlite_handle(src), WZ_DB_CHECK_FULL, err);
    if (rc == WZ_ENOMEM) {
        wz_err_wrap(err, "cannot check '%s'; nothing was restored", path);
        goto cleanup;
    }
    if (rc != WZ_OK) {
        wz_err_wrap(err, "'%s' is damaged; nothing was restored", path);
        goto cleanup;
    }
    if (wz_db_table_exists(src, table, NULL) != 1) {
        rc = wz_err_set(err, WZ_EFAIL,
                        "'%s' is not a Wizamart database: it has no %s table; nothing was "
                        "restored",
                        path, table);
        goto cleanup;
    }
    *snapshot = src;
    src = NULL;

cleanup:
    wz_db_close(src);
    return rc;
}

/* Runs a one-value query on a SQLite handle; *out is a new string or NULL when no row. */
static int sqlite_text(sqlite3 *h, const char *sql, char **out)
{
    sqlite3_stmt *st = NULL;
    *out = NULL;
    if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
        return WZ_EFAIL;
    int rc = sqlite3_step(st);
    int ret = WZ_OK;
    if (rc == SQLITE_ROW) {
        const unsigned char *t = sqlite3_column_text(st, 0);
        if (t != NULL && (*out = strdup((const char *)t)) == NULL)
            ret = WZ_ENOMEM;
    } else if (rc != SQLITE_DONE) {
        ret = WZ_EFAIL;
    }
    sqlite3_finalize(st);
    return ret;
}

/* The restore proper: the backup API from the source into the live connection. */
static int copy_into(sqlite3 *live, const char *live_path, sqlite3 *src,
                     const struct wz_db_restore_opts *o, struct wz_err *err)
{
    sqlite3_backup *b = sqlite3_backup_init(live, "main", src, "main");
    if (b == NULL)
        return wz_err_set(err, WZ_EFAIL, "cannot start the restore: %s", sqlite3_errmsg(live));
    int rc = wz_sqlite_backup_all(b, o->busy_timeout_ms);
    if (rc == SQLITE_DONE)
        return WZ_OK;
    /* A full disk, the file size limit or a read-only file are the live database's: say which
     * and what to do, as the driver does for every other write. */
    char why[sizeof(err->msg)];
    return wz_err_set(err, rc == SQLITE_BUSY || rc == SQLITE_LOCKED ? WZ_EBUSY : WZ_EFAIL,
                      "the restore failed and was rolled back, the database is unchanged: %s",
                      wz_sqlite_explain(live, rc, sqlite3_errstr(rc), live_path, why, sizeof(why)));
}

int wz_sqlite_restore(struct wz_db *db, const char *path, struct wz_db *snapshot,
                      const struct wz_db_restore_opts *o, struct wz_err *err)
{
    (void)path;
    sqlite3 *live = wz_sqlite_handle(db);
    sqlite3 *src = wz_sqlite_handle(snapshot);
    if (src == NULL)
        return wz_err_set(err, WZ_EUSAGE, "the backup '%s' is for another kind of database", path);
    char *live_mode = NULL, *live_page = NULL, *src_page = NULL;
    bool back_to_wal = false;
    int ret = WZ_OK;
    /* SQLite cannot change a WAL database's page size: a backup with another page size (taken
     * on another machine) is restored in rollback-journal mode, which needs the database to
     * ourselves for a moment, and WAL is switched on again afterwards. */
    if (sqlite_text(live, "PRAGMA journal_mode", &live_mode) != WZ_OK ||
        sqlite_text(live, "PRAGMA page_size", &live_page) != WZ_OK ||
        sqlite_text(src, "PRAGMA page_size", &src_page) != WZ_OK) {
        ret = wz_err_set(err, WZ_EFAIL, "cannot read the page sizes: %s", sqlite3_errmsg(live));
        goto cleanup;
    }
    if (live_mode != NULL && strcmp(live_mode, "wal") == 0 && live_page != NULL &&
        src_page != NULL && strcmp(live_page, src_page) != 0) {
        char *mode = NULL;
        if (sqlite_text(live, "PRAGMA journal_mode = DELETE", &mode) != WZ_OK || mode == NULL ||
            strcmp(mode, "delete") != 0) {
            free(mode);
            ret = wz_err_set(err, WZ_EBUSY,
                             "the backup's page size (%s bytes) differs from the database's (%s), "
                             "which needs the database to ourselves for a moment: stop the other "
                             "processes using it and try again; nothing was restored",
                             src_page, live_page);
            goto cleanup;
        }
        free(mode);
        back_to_wal = true;
    }
    ret = copy_into(live, db->url.path, src, o, err);

cleanup:
    if (back_to_wal)
        sqlite3_exec(live, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
    free(live_mode);
    free(live_page);
    free(src_page);
    return ret;
}
