/*
 * The PostgreSQL driver's backups and restores, through PostgreSQL's own tools (db/pgtool.h):
 * a custom-format dump is the one PostgreSQL backup every operator can read back.
 *   - backup: pg_dump (one snapshot for the whole dump), then `pg_restore --list` reads its
 *     table of contents back;
 *   - backup_check: `pg_restore --list` (a dump holding the migration table) and a read of
 *     every data block into /dev/null, so a damaged dump is found before anything is asked;
 *   - restore: the SQL that empties the live schema and the dump's SQL, in one psql
 *     transaction that rolls everything back on the first error.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "core/strbuf.h"
#include "db/db_postgres.h"
#include "db/pgtool.h"

/* The first line of a tool's stderr, for a one-line error message. */
static const char *first_line(char *text)
{
    text[strcspn(text, "\n")] = '\0';
    return text[0] != '\0' ? text : "(no message)";
}

int wz_postgres_backup(struct wz_db *db, const char *path, const struct wz_db_backup_opts *o,
                       const char **checked, struct wz_err *err)
{
    char **env = NULL;
    char errbuf[2048];
    int status;
    struct wz_strbuf listing = WZ_STRBUF_INIT;
    int fd = -1;
    int rc = wz_pgtool_env(&db->url, &env, err);
    if (rc != WZ_OK)
        goto cleanup;
    fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
    if (fd < 0) {
        rc = wz_db_write_error(err, "cannot open a backup file", o->dir, errno);
        goto cleanup;
    }
    /* pg_dump takes one snapshot for the whole dump; --no-password: fail, never prompt. */
    const char *dump_argv[] = {"pg_dump", "--format=custom", "--no-password", NULL};
    struct wz_pgtool_run dump = {.argv = dump_argv, .env = env, .stdout_fd = fd};
    rc = wz_pgtool_exec(&dump, NULL, errbuf, sizeof(errbuf), &status, err);
    if (rc != WZ_OK)
        goto cleanup;
    if (status != 0) {
        rc = wz_err_set(err, WZ_EFAIL, "pg_dump failed (exit %d): %s", status, first_line(errbuf));
        goto cleanup;
    }
    int sync_errno = fsync(fd) == 0 ? 0 : errno;
    int close_errno = close(fd) == 0 ? 0 : errno;
    fd = -1;
    if (sync_errno != 0 || close_errno != 0) {
        rc = wz_db_write_error(err, "cannot write the backup", o->dir,
                               sync_errno != 0 ? sync_errno : close_errno);
        goto cleanup;
    }
    /* Reading the table of contents back proves the archive is complete and readable. */
    const char *list_argv[] = {"pg_restore", "--list", path, NULL};
    struct wz_pgtool_run list = {.argv = list_argv, .env = env, .stdout_fd = -1};
    rc = wz_pgtool_exec(&list, &listing, errbuf, sizeof(errbuf), &status, err);
    if (rc != WZ_OK)
        goto cleanup;
    if (status != 0)
        rc = wz_err_set(err, WZ_EFAIL,
                        "the dump '%s' cannot be read back (pg_restore --list, "
                        "exit %d): %s",
                        path, status, first_line(errbuf));
    else
        *checked = "pg_restore --list";

cleanup:
    if (fd >= 0)
        close(fd);
    wz_strbuf_release(&listing);
    wz_pgtool_env_free(env);
    return rc;
}

/* True when a `pg_restore --list` line lists the table: "N; OID OID TABLE schema <table>
 * owner". */
static bool listing_has_table(const char *listing, const char *table)
{
    char name[256];
    snprintf(name, sizeof(name), " %s ", table);
    for (const char *line = listing; *line != '\0';) {
        size_t len = strcspn(line, "\n");
        if (line[0] != ';') {
            const char *t = strstr(line, " TABLE ");
            const char *m = strstr(line, name);
            if (t != NULL && m != NULL && t < line + len && m < line + len && t < m)
                return true;
        }
        line += len;
        if (*line == '\n')
            line++;
    }
    return false;
}

int wz_postgres_backup_check(struct wz_db *db, const char *path, const char *table,
                             struct wz_db **snapshot, struct wz_err *err)
{
    (void)db;
    *snapshot = NULL; /* a dump is not a database one can query */
    struct wz_strbuf listing = WZ_STRBUF_INIT;
    char errbuf[1024];
    int status;
    const char *argv[] = {"pg_restore", "--list", path, NULL};
    struct wz_pgtool_run run = {.argv = argv, .env = NULL, .stdout_fd = -1};
    int rc = wz_pgtool_exec(&run, &listing, errbuf, sizeof(errbuf), &status, err);
    if (rc != WZ_OK)
        goto cleanup;
    if (status != 0) {
        errbuf[strcspn(errbuf, "\n")] = '\0';
        rc = wz_err_set(err, WZ_EFAIL,
                        "'%s' is not a dump pg_restore can read (%s); nothing was restored. "
                        "Backups made by `make backup-db` on PostgreSQL end in .dump",
                        path, errbuf);
        goto cleanup;
    }
    if (!listing_has_table(wz_strbuf_str(&listing), table)) {
        rc = wz_err_set(err, WZ_EFAIL,
                        "'%s' is not a Wizamart database: it has no %s table; nothing was "
                        "restored",
                        path, table);
        goto cleanup;
    }
    /* The listing reads the table of contents only. Reading every data block as well (into
     * /dev/null) finds a damaged dump now, before the safety backup and the confirmation,
     * as PRAGMA integrity_check does for a SQLite file. */
    const char *read_argv[] = {"pg_restore", "--file=/dev/null", path, NULL};
    struct wz_pgtool_run read_all = {.argv = read_argv, .env = NULL, .stdout_fd = -1};
    rc = wz_pgtool_exec(&read_all, NULL, errbuf, sizeof(errbuf), &status, err);
    if (rc != WZ_OK)
        goto cleanup;
    if (status != 0) {
        errbuf[strcspn(errbuf, "\n")] = '\0';
        rc = wz_err_set(err, WZ_EFAIL, "'%s' is damaged (%s); nothing was restored", path, errbuf);
        goto cleanup;
    }

cleanup:
    wz_strbuf_release(&listing);
    return rc;
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
static int drop_script(struct wz_db *db, struct wz_strbuf *sb, struct wz_err *err)
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

/* A file with no name in dir (O_TMPFILE) holding text: the kernel frees it when the last
 * descriptor closes, so a restore killed at any point leaves no plaintext SQL behind. */
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

int wz_postgres_restore(struct wz_db *db, const char *path, struct wz_db *snapshot,
                        const struct wz_db_restore_opts *o, struct wz_err *err)
{
    (void)snapshot;
    struct wz_strbuf drop = WZ_STRBUF_INIT;
    char **env = NULL;
    int drop_fd = -1, sql_fd = -1;
    char errbuf[2048];
    int status, devnull = -1;
    int rc = drop_script(db, &drop, err);
    if (rc != WZ_OK)
        goto cleanup;
    rc = nameless_file(o->tmp_dir, wz_strbuf_str(&drop), &drop_fd, err);
    if (rc != WZ_OK)
        goto cleanup;
    rc = nameless_file(o->tmp_dir, "", &sql_fd, err);
    if (rc != WZ_OK)
        goto cleanup;
    rc = wz_pgtool_env(&db->url, &env, err);
    if (rc != WZ_OK)
        goto cleanup;
    /* The dump as SQL, into the nameless file. --no-owner/--no-privileges: the objects belong
     * to the restoring role, so a dump taken under another role name still restores. */
    const char *conv_argv[] = {"pg_restore", "--no-owner", "--no-privileges",
                               "--file=-",   path,         NULL};
    struct wz_pgtool_run conv = {.argv = conv_argv, .env = env, .stdout_fd = sql_fd};
    rc = wz_pgtool_exec(&conv, NULL, errbuf, sizeof(errbuf), &status, err);
    if (rc != WZ_OK)
        goto cleanup;
    if (status != 0) {
        errbuf[strcspn(errbuf, "\n")] = '\0';
        rc = wz_err_set(err, WZ_EFAIL,
                        "cannot read the dump '%s' (pg_restore, exit %d): %s; nothing was "
                        "restored",
                        path, status, errbuf);
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
