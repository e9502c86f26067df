/*
 * The canonical export (wizamart db export): every model table's rows as text that is the same
 * on SQLite and PostgreSQL for the same data, so two databases can be compared with cmp(1) or
 * diff(1) whatever their dialect, page order or physical layout. docs/export.md describes the
 * format. Tables come in model order (wz_models(): parents before children), rows in primary
 * key order, columns in model order, each value in one canonical form (booleans true/false,
 * timestamps YYYY-MM-DDTHH:MM:SSZ in UTC, JSON re-encoded with sorted keys, NULL as \N).
 *
 * The rows are read page by page inside one read-only snapshot (SQLite: a read transaction;
 * PostgreSQL: REPEATABLE READ), so the export is consistent while others write, and memory
 * stays flat however large the tables are.
 */
#ifndef WZ_EXPORT_H
#define WZ_EXPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/err.h"
#include "db/db.h"

/* The export format's version, written on its first line. */
#define WZ_EXPORT_FORMAT 1

struct wz_export_options {
    /* Leave out the row bookkeeping times (created_at, updated_at): the columns whose value is
     * the clock at the moment a row was written (wz_export_column_is_creation_time). */
    bool exclude_timestamps;
};

struct wz_export_result {
    size_t tables;
    int64_t rows;
};

/* True when --exclude-timestamps leaves the column out. */
bool wz_export_column_is_creation_time(const char *column);

/* Writes the export of db to out (not closed; the caller checks ferror and closes it). On
 * failure part of the export may have been written already. */
int wz_export_stream(struct wz_db *db, const struct wz_export_options *opt, FILE *out,
                     struct wz_export_result *res, struct wz_err *err);

/* Writes the export into path (mode 0600: it holds password hashes), replacing an existing
 * file only once the export is complete: on failure the previous file, if any, is untouched
 * and nothing new is left behind. */
int wz_export_to_file(struct wz_db *db, const struct wz_export_options *opt, const char *path,
                      struct wz_export_result *res, struct wz_err *err);

#endif
