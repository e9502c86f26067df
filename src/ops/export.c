/*
 * The canonical export: see export.h for the promises and docs/export.md for the format.
 * Each dialect is asked for its values in the form that needs least work to make canonical:
 * PostgreSQL formats its timestamps itself (wz_db_timestamp_sql: UTC, whole seconds, as
 * SQLite stores them); booleans and JSON are made canonical here, the same way for both.
 */
#include "ops/export.h"

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "core/strbuf.h"
#include "schema/model.h"

/* Rows per page: what the PostgreSQL driver holds at once. */
#define EXPORT_PAGE     1000
#define EXPORT_PAGE_SQL "1000"

bool wz_export_column_is_creation_time(const char *column)
{
    return strcmp(column, "created_at") == 0 || strcmp(column, "updated_at") == 0;
}

static bool column_exported(const struct wz_column *c, const struct wz_export_options *opt)
{
    return !(opt->exclude_timestamps && c->type == WZ_TYPE_TIMESTAMP &&
             wz_export_column_is_creation_time(c->name));
}

/* Writes s with the COPY text escapes, so that a value never contains a tab or a line break
 * of its own and "\N" stays distinct from NULL. */
static void put_escaped(FILE *out, const char *s)
{
    const char *run = s;
    for (const char *p = s; *p != '\0'; p++) {
        const char *esc = NULL;
        switch (*p) {
        case '\\':
            esc = "\\\\";
            break;
        case '\t':
            esc = "\\t";
            break;
        case '\n':
            esc = "\\n";
            break;
        case '\r':
            esc = "\\r";
            break;
        default:
            continue;
        }
        fwrite(run, 1, (size_t)(p - run), out);
        fputs(esc, out);
        run = p + 1;
    }
    fputs(run, out);
}

/* The SELECT that reads one page of t: its key columns first (for the next page's start),
 * then the exported columns. $1..$nkeys are the last key read. Caller frees. */
static char *page_sql(const struct wz_db *db, const struct wz_table *t,
                      const struct wz_export_options *opt, int nkeys)
{
    struct wz_strbuf sb = WZ_STRBUF_INIT;
    struct wz_strbuf key = WZ_STRBUF_INIT;
    struct wz_strbuf params = WZ_STRBUF_INIT;

    for (int k = 0; k < nkeys; k++) {
        wz_strbuf_appendf(&key, "%s\"%s\"", k > 0 ? ", " : "", t->pk[k]);
        wz_strbuf_appendf(&params, "%s$%d", k > 0 ? ", " : "", k + 1);
    }
    wz_strbuf_appendf(&sb, "SELECT %s", wz_strbuf_str(&key));
    for (int i = 0; i < t->ncols; i++) {
        const struct wz_column *c = &t->cols[i];
        if (!column_exported(c, opt))
            continue;
        char quoted[80], expr[200];
        snprintf(quoted, sizeof(quoted), "\"%s\"", c->name);
        const char *e = c->type == WZ_TYPE_TIMESTAMP
                            ? wz_db_timestamp_sql(db, quoted, expr, sizeof(expr))
                            : quoted;
        wz_strbuf_appendf(&sb, ", %s", e != NULL ? e : quoted);
    }
    if (nkeys == 1)
        wz_strbuf_appendf(&sb, " FROM \"%s\" WHERE %s > %s", t->name, wz_strbuf_str(&key),
                          wz_strbuf_str(&params));
    else
        wz_strbuf_appendf(&sb, " FROM \"%s\" WHERE (%s) > (%s)", t->name, wz_strbuf_str(&key),
                          wz_strbuf_str(&params));
    wz_strbuf_appendf(&sb, " ORDER BY %s LIMIT " EXPORT_PAGE_SQL, wz_strbuf_str(&key));
    wz_strbuf_release(&key);
    wz_strbuf_release(&params);
    return wz_strbuf_detach(&sb);
}

/* Writes one value of column c in its canonical form. */
static int put_value(FILE *out, const struct wz_table *t, const struct wz_column *c,
                     struct wz_stmt *st, int col, struct wz_err *err)
{
    if (wz_stmt_column_is_null(st, col)) {
        fputs("\\N", out);
        return WZ_OK;
    }
    const char *v = wz_stmt_column_text(st, col);
    if (c->type == WZ_TYPE_BOOLEAN) {
        /* SQLite stores 1/0, PostgreSQL prints t/f */
        if (strcmp(v, "1") == 0 || strcmp(v, "t") == 0 || strcmp(v, "true") == 0)
            fputs("true", out);
        else if (strcmp(v, "0") == 0 || strcmp(v, "f") == 0 || strcmp(v, "false") == 0)
            fputs("false", out);
        else
            return wz_err_set(err, WZ_EFAIL, "column %s.%s holds '%s', which is not a boolean",
                              t->name, c->name, v);
        return WZ_OK;
    }
    if (c->type == WZ_TYPE_JSON) {
        json_error_t jerr;
        json_t *doc = json_loads(v, JSON_DECODE_ANY, &jerr);
        if (doc == NULL)
            return wz_err_set(err, WZ_EFAIL, "column %s.%s holds invalid JSON: %s", t->name,
                              c->name, jerr.text);
        char *text = json_dumps(doc, JSON_SORT_KEYS | JSON_COMPACT | JSON_ENCODE_ANY);
        json_decref(doc);
        if (text == NULL)
            return wz_err_set(err, WZ_ENOMEM, "out of memory");
        put_escaped(out, text);
        free(text);
        return WZ_OK;
    }
    put_escaped(out, v);
    return WZ_OK;
}

/* Writes table t: its header, then its rows page by page in key order. */
static int export_table(struct wz_db *db, const struct wz_table *t,
                        const struct wz_export_options *opt, FILE *out, int64_t *rows,
                        struct wz_err *err)
{
    int nkeys = wz_cols_count(t->pk);
    for (int k = 0; k < nkeys; k++) {
        const struct wz_column *c = wz_table_column(t, t->pk[k]);
        if (c == NULL || c->type != WZ_TYPE_INTEGER)
            return wz_err_set(err, WZ_EFAIL,
                              "cannot export table '%s': its primary key column '%s' is not an "
                              "integer",
                              t->name, t->pk[k]);
    }
    if (nkeys == 0)
        return wz_err_set(err, WZ_EFAIL, "cannot export table '%s': it has no primary key",
                          t->name);

    fprintf(out, "\n[%s]\n", t->name);
    bool first = true;
    for (int i = 0; i < t->ncols; i++) {
        if (!column_exported(&t->cols[i], opt))
            continue;
        fprintf(out, "%s%s", first ? "" : "\t", t->cols[i].name);
        first = false;
    }
    fputc('\n', out);

    char *sql = page_sql(db, t, opt, nkeys);
    if (sql == NULL)
        return wz_err_set(err, WZ_ENOMEM, "out of memory");
    struct wz_stmt *st = NULL;
    int rc = wz_db_prepare(db, sql, &st, err);
    free(sql);
    if (rc != WZ_OK)
        return wz_err_wrap(err, "cannot read table '%s'", t->name);

    int64_t last[WZ_KEY_MAX] = {INT64_MIN, INT64_MIN, INT64_MIN, INT64_MIN};
    for (;;) {
        for (int k = 0; k < nkeys; k++)
            wz_stmt_bind_int64(st, k + 1, last[k]);
        int n = 0;
        while ((rc = wz_stmt_step(st, err)) == WZ_ROW) {
            n++;
            for (int k = 0; k < nkeys; k++)
                last[k] = wz_stmt_column_int64(st, k);
            int col = nkeys;
            first = true;
            for (int i = 0; i < t->ncols; i++) {
                const struct wz_column *c = &t->cols[i];
                if (!column_exported(c, opt))
                    continue;
                if (!first)
                    fputc('\t', out);
                first = false;
                rc = put_value(out, t, c, st, col++, err);
                if (rc != WZ_OK)
                    goto cleanup;
            }
            fputc('\n', out);
        }
        if (rc < 0) {
            wz_err_wrap(err, "cannot read table '%s'", t->name);
            goto cleanup;
        }
        *rows += n;
        if (ferror(out)) {
            rc = wz_err_set(err, WZ_EFAIL, "cannot write the export: %s", strerror(errno));
            goto cleanup;
        }
        if (n < EXPORT_PAGE)
            break;
        wz_stmt_reset(st);
    }
    rc = WZ_OK;

cleanup:
    wz_stmt_finalize(st);
    return rc;
}

int wz_export_stream(struct wz_db *db, const struct wz_export_options *opt, FILE *out,
                     struct wz_export_result *res, struct wz_err *err)
{
    const struct wz_schema *models = wz_models();
    memset(res, 0, sizeof(*res));

    /* One snapshot for every table. */
    int rc = wz_db_begin_read(db, err);
    if (rc != WZ_OK)
        return wz_err_wrap(err, "cannot start a read transaction");

    /* Every table first, so a database that is not migrated writes nothing. */
    for (int i = 0; i < models->ntables; i++) {
        rc = wz_db_table_exists(db, models->tables[i].name, err);
        if (rc < 0)
            goto cleanup;
        if (rc == 0) {
            rc = wz_err_set(err, WZ_EFAIL,
                            "table '%s' does not exist: the database is not migrated; run "
                            "`make migrate-up` first",
                            models->tables[i].name);
            goto cleanup;
        }
    }

    fprintf(out, "# wizamart db export, format %d\n", WZ_EXPORT_FORMAT);
    if (opt->exclude_timestamps)
        fputs("# left out: created_at, updated_at (--exclude-timestamps)\n", out);
    for (int i = 0; i < models->ntables; i++) {
        rc = export_table(db, &models->tables[i], opt, out, &res->rows, err);
        if (rc != WZ_OK)
            goto cleanup;
        res->tables++;
    }
    rc = WZ_OK;

cleanup:
    /* Nothing was written: ending the snapshot cannot lose anything. */
    wz_db_end_read(db);
    return rc;
}

int wz_export_to_file(struct wz_db *db, const struct wz_export_options *opt, const char *path,
                      struct wz_export_result *res, struct wz_err *err)
{
    char tmp[PATH_MAX];
    memset(res, 0, sizeof(*res));
    if (snprintf(tmp, sizeof(tmp), "%s.tmp-XXXXXX", path) >= (int)sizeof(tmp))
        return wz_err_set(err, WZ_EFAIL, "the output path '%s' is too long", path);
    struct stat sb;
    if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode))
        return wz_err_set(err, WZ_EFAIL, "'%s' is a folder; give a file name with --output", path);

    /* mkstemp creates the file with mode 0600: the export holds password hashes. */
    int fd = mkstemp(tmp);
    if (fd < 0)
        return wz_err_set(err, WZ_EFAIL, "cannot create '%s': %s", tmp, strerror(errno));
    FILE *out = fdopen(fd, "w");
    if (out == NULL) {
        int e = errno;
        close(fd);
        unlink(tmp);
        return wz_err_set(err, WZ_EFAIL, "cannot write '%s': %s", tmp, strerror(e));
    }
    int rc = wz_export_stream(db, opt, out, res, err);
    if (rc == WZ_OK && (fflush(out) != 0 || ferror(out) || fsync(fileno(out)) != 0))
        rc = wz_err_set(err, WZ_EFAIL, "cannot write '%s': %s", path, strerror(errno));
    if (fclose(out) != 0 && rc == WZ_OK)
        rc = wz_err_set(err, WZ_EFAIL, "cannot write '%s': %s", path, strerror(errno));
    if (rc == WZ_OK && rename(tmp, path) != 0)
        rc = wz_err_set(err, WZ_EFAIL, "cannot move the export to '%s': %s", path, strerror(errno));
    if (rc != WZ_OK) {
        unlink(tmp);
        memset(res, 0, sizeof(*res));
    }
    return rc;
}
