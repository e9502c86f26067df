/*
 * Restoring a backup: see restore.h for the steps and the promise that a database is never
 * left half-restored.
 */
#include "ops/restore.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/strbuf.h"
#include "db/db_sqlite.h"
#include "db/sqlite_path.h"
#include "ops/pgtool.h"
#include "ops/sqlite_check.h"

#define MIGRATIONS_TABLE "wizamart_migrations"

void wz_restore_source_release(struct wz_restore_source *src)
{
    if (src == NULL)
        return;
    if (src->handle != NULL)
        sqlite3_close((sqlite3 *)src->handle);
    free(src->path);
    free(src->revision);
    free(src->environment);
    memset(src, 0, sizeof(*src));
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

static int sqlite_open_source(struct wz_db *db, struct wz_restore_source *src, struct wz_err *err)
{
    const char *path = src->path;
    sqlite3 *h = NULL;
    char *text = NULL;
    int rc;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return wz_err_set(err, errno == ENOENT ? WZ_ENOENT : WZ_EFAIL, "cannot read '%s': %s", path,
                          strerror(errno));
    unsigned char header[100];
    ssize_t got = read(fd, header, sizeof(header));
    close(fd);
    if (got != (ssize_t)sizeof(header) || memcmp(header, "SQLite format 3", 16) != 0)
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
    /* open() above read the file of that name; SQLite must open the same one, not a URI. */
    char plain[PATH_MAX];
    const char *open_path = wz_sqlite_plain_path(path, plain, sizeof(plain));
    if (open_path == NULL)
        return wz_err_set(err, WZ_EUSAGE, "the backup path '%s' is too long", path);
    if (sqlite3_open_v2(open_path, &h, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        rc = wz_err_set(err, WZ_EFAIL, "cannot open '%s': %s; nothing was restored", path,
                        h != NULL ? sqlite3_errmsg(h) : "out of memory");
        goto cleanup;
    }
    /* The full check, not the quick one a backup gets: a file may have been copied, moved
     * or edited since it was written, and it is about to replace every row. */
    rc = wz_sqlite_check(h, WZ_SQLITE_INTEGRITY_CHECK, err);
    if (rc != WZ_OK) {
        wz_err_wrap(err, "'%s' is damaged; nothing was restored", path);
        goto cleanup;
    }
    rc = sqlite_text(h,
                     "SELECT name FROM sqlite_master WHERE type = 'table' AND name = "
                     "'" MIGRATIONS_TABLE "'",
                     &text);
    if (rc != WZ_OK || text == NULL) {
        rc = wz_err_set(err, WZ_EFAIL,
                        "'%s' is not a Wizamart database: it has no " MIGRATIONS_TABLE
                        " table; nothing was restored",
                        path);
        goto cleanup;
    }
    free(text);
    text = NULL;
    if (sqlite_text(h, "SELECT count(*) FROM " MIGRATIONS_TABLE, &text) != WZ_OK) {
        rc = wz_err_set(err, WZ_EFAIL, "cannot read the migration table of '%s': %s", path,
                        sqlite3_errmsg(h));
        goto cleanup;
    }
    src->nrevisions = text != NULL ? strtoll(text, NULL, 10) : 0;
    if (sqlite_text(h,
                    "SELECT revision FROM " MIGRATIONS_TABLE
                    " ORDER BY applied_at DESC, revision DESC LIMIT 1",
                    &src->revision) != WZ_OK) {
        rc = wz_err_set(err, WZ_EFAIL, "cannot read the migration table of '%s': %s", path,
                        sqlite3_errmsg(h));
        goto cleanup;
    }
    /* The environment stamp is informative: a file without wizamart_meta has none. */
    if (sqlite_text(h, "SELECT value FROM wizamart_meta WHERE key = 'environment'",
                    &src->environment) != WZ_OK)
        src->environment = NULL;
    src->handle = h;
    h = NULL;

cleanup:
    free(text);
    if (h != NULL)
        sqlite3_close(h);
    return rc;
}

/* True when a `pg_restore --list` line lists the migration table: "N; OID OID TABLE schema
 * wizamart_migrations owner". */
static bool listing_has_migrations(const char *listing)
{
    for (const char *line = listing; *line != '\0';) {
        size_t len = strcspn(line, "\n");
        if (line[0] != ';') {
            const char *t = strstr(line, " TABLE ");
            const char *m = strstr(line, " " MIGRATIONS_TABLE " ");
            if (t != NULL && m != NULL && t < line + len && m < line + len && t < m)
                return true;
        }
        line += len;
        if (*line == '\n')
            line++;
    }
    return false;
}

static int pg_open_source(struct wz_restore_source *src, struct wz_err *err)
{
    struct wz_strbuf listing = WZ_STRBUF_INIT;
    char errbuf[1024];
    int status;
    const char *argv[] = {"pg_restore", "--list", src->path, NULL};
    struct wz_pgtool_run run = {.argv = argv, .env = NULL, .stdout_fd = -1};
    int rc = wz_pgtool_exec(&run, &listing, errbuf, sizeof(errbuf), &status, err);
    if (rc != WZ_OK)
        goto cleanup;
    if (status != 0) {
        errbuf[strcspn(errbuf, "\n")] = '\0';
        rc = wz_err_set(err, WZ_EFAIL,
                        "'%s' is not a dump pg_restore can read (%s); nothing was restored. "
                        "Backups made by `make backup-db` on PostgreSQL end in .dump",
                        src->path, errbuf);
        goto cleanup;
    }
    if (!listing_has_migrations(wz_strbuf_str(&listing))) {
        rc = wz_err_set(err, WZ_EFAIL,
                        "'%s' is not a Wizamart database: it has no " MIGRATIONS_TABLE
                        " table; nothing was restored",
                        src->path);
        goto cleanup;
    }
    /* The listing reads the table of contents only. Reading every data block as well (into
     * /dev/null) finds a damaged dump now, before the safety backup and the confirmation,
     * as PRAGMA integrity_check does for a SQLite file. */
    const char *read_argv[] = {"pg_restore", "--file=/dev/null", src->path, NULL};
    struct wz_pgtool_run read_all = {.argv = read_argv, .env = NULL, .stdout_fd = -1};
    rc = wz_pgtool_exec(&read_all, NULL, errbuf, sizeof(errbuf), &status, err);
    if (rc != WZ_OK)
        goto cleanup;
    if (status != 0) {
        errbuf[strcspn(errbuf, "\n")] = '\0';
        rc = wz_err_set(err, WZ_EFAIL, "'%s' is damaged (%s); nothing was restored", src->path,
                        errbuf);
        goto cleanup;
    }
    src->nrevisions = -1;

cleanup:
    wz_strbuf_release(&listing);
    return rc;
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
    src->dialect = wz_db_dialect(db);
    src->size = (int64_t)st.st_size;
    int rc = src->dialect == WZ_DIALECT_SQLITE ? sqlite_open_source(db, src, err)
                                               : pg_open_source(src, err);
    if (rc != WZ_OK)
        wz_restore_source_release(src);
    return rc;
}

/* ---- applying ---- */

static int sqlite_copy_into(sqlite3 *live, const char *live_path, const struct wz_settings *s,
                            const struct wz_restore_source *src, struct wz_err *err);

static int sqlite_apply(struct wz_db *db, const struct wz_settings *s,
                        const struct wz_restore_source *src, struct wz_err *err)
{
    sqlite3 *live = wz_sqlite_handle(db);
    char *live_mode = NULL, *live_page = NULL, *src_page = NULL;
    bool back_to_wal = false;
    int ret = WZ_OK;
    /* SQLite cannot change a WAL database's page size: a backup with another page size (taken
     * on another machine) is restored in rollback-journal mode, which needs the database to
     * ourselves for a moment, and WAL is switched on again afterwards. */
    if (sqlite_text(live, "PRAGMA journal_mode", &live_mode) != WZ_OK ||
        sqlite_text(live, "PRAGMA page_size", &live_page) != WZ_OK ||
        sqlite_text((sqlite3 *)src->handle, "PRAGMA page_size", &src_page) != WZ_OK) {
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
    ret = sqlite_copy_into(live, db->url.path, s, src, err);

cleanup:
    if (back_to_wal)
        sqlite3_exec(live, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
    free(live_mode);
    free(live_page);
    free(src_page);
    return ret;
}

/* The restore proper: the backup API from the source into the live connection. */
static int sqlite_copy_into(sqlite3 *live, const char *live_path, const struct wz_settings *s,
                            const struct wz_restore_source *src, struct wz_err *err)
{
    sqlite3_backup *b = sqlite3_backup_init(live, "main", (sqlite3 *)src->handle, "main");
    if (b == NULL)
        return wz_err_set(err, WZ_EFAIL, "cannot start the restore: %s", sqlite3_errmsg(live));
    /* One step: every page is written inside one write transaction of the live connection,
     * committed at the end. A failure at any page leaves the transaction uncommitted, and
     * sqlite3_backup_finish rolls it back. */
    int rc = wz_sqlite_backup_all(b, s->db_busy_timeout);
    if (rc == SQLITE_DONE)
        return WZ_OK;
    /* A full disk, the file size limit or a read-only file are the live database's: say which
     * and what to do, as the driver does for every other write. */
    char why[sizeof(err->msg)];
    return wz_err_set(err, rc == SQLITE_BUSY || rc == SQLITE_LOCKED ? WZ_EBUSY : WZ_EFAIL,
                      "the restore failed and was rolled back, the database is unchanged: %s",
                      wz_sqlite_explain(live, rc, sqlite3_errstr(rc), live_path, why, sizeof(why)));
}

/* Appends a PostgreSQL identifier, double-quoted. */
static void quote_ident(struct wz_strbuf *sb, const char *name)
{
    wz_strbuf_putc(sb, '"');
    for (const char *c = name; *c != '\0'; c++) {
        if (*c == '"')
            wz_strbuf_putc(sb, '"');
        wz_strbuf_putc(sb, *c);
    }
    wz_strbuf_putc(sb, '"');
}

/* The SQL that empties the live schema, run in the same transaction as the dump's own SQL so
 * that tables a later migration created do not survive next to an older backup. */
static int pg_drop_script(struct wz_db *db, struct wz_strbuf *sb, struct wz_err *err)
{
    struct wz_stmt *st = NULL;
    wz_strbuf_append(sb, "SET client_min_messages = warning;\n");
    int rc =
        wz_db_prepare(db,
                      "SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON "
                      "n.oid = c.relnamespace WHERE n.nspname = current_schema() AND "
                      "c.relkind IN ('r', 'p', 'v', 'm', 'S') ORDER BY CASE c.relkind WHEN 'S' "
                      "THEN 1 ELSE 0 END, c.relname",
                      &st, err);
    if (rc != WZ_OK)
        return rc;
    while ((rc = wz_stmt_step(st, err)) == WZ_ROW) {
        const char *kind = wz_stmt_column_text(st, 1);
        const char *what = kind[0] == 'S'   ? "SEQUENCE"
                           : kind[0] == 'v' ? "VIEW"
                           : kind[0] == 'm' ? "MATERIALIZED VIEW"
                                            : "TABLE";
        wz_strbuf_appendf(sb, "DROP %s IF EXISTS ", what);
        quote_ident(sb, wz_stmt_column_text(st, 0));
        wz_strbuf_append(sb, " CASCADE;\n");
    }
    wz_stmt_finalize(st);
    if (rc < 0)
        return rc;
    if (sb->failed)
        return wz_err_set(err, WZ_ENOMEM, "out of memory");
    return WZ_OK;
}

/* Writes text into a new private temporary file in dir; *path (PATH_MAX) receives its name. */
/* A file with no name in dir (O_TMPFILE): the kernel frees it when the last descriptor
 * closes, so a restore killed at any point leaves no plaintext SQL behind. */
static int nameless_file(const char *dir, const char *text, int *fd_out, struct wz_err *err)
{
    int fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    if (fd < 0)
        return wz_err_set(err, WZ_EFAIL, "cannot create a temporary file in '%s': %s", dir,
                          strerror(errno));
    size_t len = strlen(text), off = 0;
    while (off < len) {
        ssize_t w = write(fd, text + off, len - off);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            int e = errno;
            close(fd);
            return wz_err_set(err, WZ_EFAIL, "cannot write a temporary file in '%s': %s", dir,
                              strerror(e));
        }
        off += (size_t)w;
    }
    *fd_out = fd;
    return WZ_OK;
}

static int pg_apply(struct wz_db *db, const struct wz_settings *s,
                    const struct wz_restore_source *src, struct wz_err *err)
{
    struct wz_strbuf drop = WZ_STRBUF_INIT;
    char **env = NULL;
    int drop_fd = -1, sql_fd = -1;
    char errbuf[2048];
    int status, devnull = -1;
    int rc = pg_drop_script(db, &drop, err);
    if (rc != WZ_OK)
        goto cleanup;
    /* BACKUP_DIR exists (the safety backup was just written there) and is private. */
    rc = nameless_file(s->backup_dir, wz_strbuf_str(&drop), &drop_fd, err);
    if (rc != WZ_OK)
        goto cleanup;
    rc = nameless_file(s->backup_dir, "", &sql_fd, err);
    if (rc != WZ_OK)
        goto cleanup;
    rc = wz_pgtool_env(&db->url, &env, err);
    if (rc != WZ_OK)
        goto cleanup;
    /* The dump as SQL, into the nameless file. --no-owner/--no-privileges: the objects belong
     * to the restoring role, so a dump taken under another role name still restores. */
    const char *conv_argv[] = {"pg_restore", "--no-owner", "--no-privileges",
                               "--file=-",   src->path,    NULL};
    struct wz_pgtool_run conv = {.argv = conv_argv, .env = env, .stdout_fd = sql_fd};
    rc = wz_pgtool_exec(&conv, NULL, errbuf, sizeof(errbuf), &status, err);
    if (rc != WZ_OK)
        goto cleanup;
    if (status != 0) {
        errbuf[strcspn(errbuf, "\n")] = '\0';
        rc = wz_err_set(err, WZ_EFAIL,
                        "cannot read the dump '%s' (pg_restore, exit %d): %s; nothing was "
                        "restored",
                        src->path, status, errbuf);
        goto cleanup;
    }
    devnull = open("/dev/null", O_WRONLY | O_CLOEXEC);
    if (devnull < 0) {
        rc = wz_err_set(err, WZ_EFAIL, "cannot open /dev/null: %s", strerror(errno));
        goto cleanup;
    }
    /* One transaction for both files: psql rolls everything back on the first error. It
     * opens /dev/fd/N anew, from the start of each file. */
    const char *psql_argv[] = {"psql",
                               "--no-psqlrc",
                               "--quiet",
                               "--no-password",
                               "--set=ON_ERROR_STOP=1",
                               "--single-transaction",
                               "--file=/dev/fd/3",
                               "--file=/dev/fd/4",
                               NULL};
    struct wz_pgtool_run apply = {
        .argv = psql_argv, .env = env, .stdout_fd = devnull, .pass_fds = {drop_fd, sql_fd}};
    rc = wz_pgtool_exec(&apply, NULL, errbuf, sizeof(errbuf), &status, err);
    if (rc != WZ_OK)
        goto cleanup;
    if (status != 0) {
        errbuf[strcspn(errbuf, "\n")] = '\0';
        rc = wz_err_set(err, WZ_EFAIL,
                        "the restore failed and was rolled back, the database is unchanged "
                        "(psql, exit %d): %s",
                        status, errbuf);
    }

cleanup:
    if (devnull >= 0)
        close(devnull);
    if (drop_fd >= 0)
        close(drop_fd);
    if (sql_fd >= 0)
        close(sql_fd);
    wz_pgtool_env_free(env);
    wz_strbuf_release(&drop);
    return rc;
}

int wz_restore_apply(struct wz_db *db, const struct wz_settings *s,
                     const struct wz_restore_source *src, struct wz_backup_result *safety,
                     struct wz_err *err)
{
    memset(safety, 0, sizeof(*safety));
    if (src->dialect != wz_db_dialect(db))
        return wz_err_set(err, WZ_EUSAGE, "the backup '%s' is for another kind of database",
                          src->path);
    /* No migration may run while the content is replaced underneath it. */
    int rc = wz_db_lock(db, (int)(s->migrate_lock_timeout * 1000), err);
    if (rc != WZ_OK)
        return rc;
    rc = wz_backup_create_protecting(db, s, "pre-restore", src->path, safety, err);
    if (rc != WZ_OK) {
        wz_err_wrap(err, "cannot back up the current database first, so nothing was restored");
        goto cleanup;
    }
    rc = src->dialect == WZ_DIALECT_SQLITE ? sqlite_apply(db, s, src, err)
                                           : pg_apply(db, s, src, err);

cleanup:
    wz_db_unlock(db);
    return rc;
}
