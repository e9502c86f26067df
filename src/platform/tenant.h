/*
 * What the store-scoped engine modules (catalog, customers, orders, team, mystores) share.
 * Every function of those modules takes the store's id and names it in the WHERE clause of
 * each statement, so an id of another store's row is "not found", whatever the caller does.
 *
 * Return codes, on top of core/err.h: WZ_OK; WZ_ENOENT (no such row in this store, a 404);
 * WZ_EUSAGE (the input broke a rule: each broken rule is an entry of the field errors, a 422);
 * WZ_ECONFLICT (a uniqueness rule refused the write, err says which, a 409); anything else is
 * a database failure with err set (the platform engine's convention: invitations.h).
 *
 * Rows are handed to a callback one at a time; the strings of a row are valid only during
 * the call. List functions deliver at most `limit` rows ordered by id after `after` and set
 * *more when a further row exists (they fetch limit + 1).
 */
#ifndef WZ_PLATFORM_TENANT_H
#define WZ_PLATFORM_TENANT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "http/http.h"

struct wz_db;

/* Keyset page and simple filters of a list. */
struct wz_list_filter {
    const char *q;      /* case-insensitive substring, or NULL */
    const char *status; /* exact status, or NULL */
    int64_t after;      /* rows with a greater id */
    int limit;          /* 1..100 */
};

/* Characters (code points) of a valid UTF-8 string. */
size_t wz_tenant_utf8_len(const char *s);

/* True when fe already names field (a type error found while reading it). */
bool wz_tenant_has_error(const struct wz_field_errors *fe, const char *field);

/* Expands each "{ts:column}" of tmpl into db's expression for that timestamp column as
 * YYYY-MM-DDTHH:MM:SSZ, into buf. Statements are cached by their text's address, so callers
 * build into a zeroed _Thread_local buffer: the first call of a thread fills it, later calls
 * return it as it is. Returns buf, or NULL (buf left empty) when it does not fit. */
const char *wz_tenant_sql(const struct wz_db *db, char *buf, size_t size, const char *tmpl);

/* wz_tenant_sql, then wz_db_prepare_cached on the result. */
struct wz_stmt;
int wz_tenant_prepare(struct wz_db *db, char *buf, size_t size, const char *tmpl,
                      struct wz_stmt **st, struct wz_err *err);

/* Steps through a list statement bound to fetch limit + 1 rows: calls row(ctx, st) for each of
 * the first limit rows (a non-zero return stops and is returned), sets *more when the extra
 * row is there, and resets st. The keyset pages of every list share this. */
int wz_tenant_page(struct wz_stmt *st, int limit, int (*row)(void *ctx, struct wz_stmt *st),
                   void *ctx, bool *more, struct wz_err *err);

/* Maps an int column that holds 0/1 (CASE WHEN ... THEN 1 ELSE 0 END) to a bool. */
#define WZ_COL_BOOL(st, i) (wz_stmt_column_int64((st), (i)) != 0)
/* A nullable text column: NULL, or its text. */
#define WZ_COL_NSTR(st, i)                                                                         \
    (wz_stmt_column_is_null((st), (i)) ? NULL : wz_stmt_column_text((st), (i)))

#endif
