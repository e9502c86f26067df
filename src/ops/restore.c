/*
 * Restoring a backup: see restore.h for the steps and the promise that a database is never
 * left half-restored.
 */
#include "ops/restore.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "migrate/meta.h"
#include "migrate/runner.h"

void wz_restore_source_release(struct wz_restore_source *src)
{
    if (src == NULL)
        return;
    wz_db_close(src->snapshot);
    free(src->path);
    free(src->revision);
    free(src->environment);
    memset(src, 0, sizeof(*src));
}

/* The first column of sql's first row on db as a new string in *out (NULL when no row). */
static int query_text(struct wz_db *db, const char *sql, char **out, struct wz_err *err)
{
    struct wz_stmt *st = NULL;
    *out = NULL;
    int rc = wz_db_prepare(db, sql, &st, err);
    if (rc != WZ_OK)
        return rc;
    rc = wz_stmt_step(st, err);
    if (rc == WZ_ROW) {
        rc = WZ_OK;
        if ((*out = strdup(wz_stmt_column_text(st, 0))) == NULL)
            rc = wz_err_set(err, WZ_ENOMEM, "out of memory");
    }
    wz_stmt_finalize(st);
    return rc < 0 ? rc : WZ_OK;
}

/* What the backup says about itself, when it can be read as a database: its applied
 * revisions and the environment it was stamped with. */
static int read_snapshot(struct wz_restore_source *src, struct wz_err *err)
{
    struct wz_db *snap = src->snapshot;
    struct wz_err e;
    wz_err_clear(&e);
    if (wz_db_query_int64(snap, "SELECT count(*) FROM " WZ_MIGRATE_TABLE, NULL, 0, &src->nrevisions,
                          &e) < 0 ||
        query_text(snap,
                   "SELECT revision FROM " WZ_MIGRATE_TABLE
                   " ORDER BY applied_at DESC, revision DESC LIMIT 1",
                   &src->revision, &e) != WZ_OK)
        return wz_err_set(err, WZ_EFAIL, "cannot read the migration table of '%s': %s", src->path,
                          e.msg);
    /* The environment stamp is informative: a file without wizamart_meta has none. */
    if (query_text(snap, "SELECT value FROM " WZ_META_TABLE " WHERE key = 'environment'",
                   &src->environment, NULL) != WZ_OK)
        src->environment = NULL;
    return WZ_OK;
}

int wz_restore_open(struct wz_db *db, const char *path, struct wz_restore_source *src,
                    struct wz_err *err)
{
    memset(src, 0, sizeof(*src));
    struct stat st;
    if (stat(path, &st) != 0)
        return wz_err_set(err, errno == ENOENT ? WZ_ENOENT : WZ_EFAIL, "cannot read '%s': %s", path,
                          strerror(errno));
    if (!S_ISREG(st.st_mode))
        return wz_err_set(err, WZ_EFAIL, "'%s' is not a file", path);
    src->path = strdup(path);
    if (src->path == NULL)
        return wz_err_set(err, WZ_ENOMEM, "out of memory");
    src->drv = db->drv;
    src->size = (int64_t)st.st_size;
    src->nrevisions = -1;
    int rc = wz_db_backup_check(db, path, WZ_MIGRATE_TABLE, &src->snapshot, err);
    if (rc == WZ_OK && src->snapshot != NULL)
        rc = read_snapshot(src, err);
    if (rc != WZ_OK)
        wz_restore_source_release(src);
    return rc;
}

int wz_restore_apply(struct wz_db *db, const struct wz_settings *s,
                     const struct wz_restore_source *src, struct wz_backup_result *safety,
                     struct wz_err *err)
{
    memset(safety, 0, sizeof(*safety));
    if (src->drv != db->drv)
        return wz_err_set(err, WZ_EUSAGE, "the backup '%s' is for another kind of database",
                          src->path);
    /* No migration may run while the content is replaced underneath it. */
    int rc = wz_db_lock(db, WZ_MIGRATE_LOCK, (int)(s->migrate_lock_timeout * 1000), err);
    if (rc != WZ_OK)
        return rc;
    rc = wz_backup_create_protecting(db, s, "pre-restore", src->path, safety, err);
    if (rc != WZ_OK) {
        wz_err_wrap(err, "cannot back up the current database first, so nothing was restored");
        goto cleanup;
    }
    /* BACKUP_DIR exists (the safety backup was just written there) and is private. */
    const struct wz_db_restore_opts ro = {.tmp_dir = s->backup_dir,
                                          .busy_timeout_ms = s->db_busy_timeout};
    rc = wz_db_restore(db, src->path, src->snapshot, &ro, err);

cleanup:
    wz_db_unlock(db);
    return rc;
}
