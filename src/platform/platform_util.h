/*
 * What the platform engine's files share (src/platform/): running a cached statement with
 * its values bound in one call, timestamps in the models' one text form, and the format
 * rules several operations check (email addresses, host names). Internal to the engine.
 */
#ifndef WZ_PLATFORM_UTIL_H
#define WZ_PLATFORM_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

struct wz_db;
struct wz_stmt;

/*
 * Takes the connection's cached statement for sql (a string literal: wz_db_prepare_cached),
 * binds the values fmt describes ('i' an int64_t, 'I' an int64_t where 0 binds NULL, 't' a
 * const char * where NULL binds NULL)
 * and steps it once. Returns WZ_ROW (the caller reads *st, then wz_stmt_reset), WZ_DONE or a
 * negative code with err set (a unique violation is WZ_ECONFLICT).
 */
int wz_pf_query(struct wz_db *db, const char *sql, struct wz_stmt **st, struct wz_err *err,
                const char *fmt, ...);
/* The first column of the first row as an integer in *out (0 when no row); *found (may be
 * NULL) says whether there was a row. */
int wz_pf_int64(struct wz_db *db, const char *sql, int64_t *out, bool *found, struct wz_err *err,
                const char *fmt, ...);
/* Runs a statement that returns no rows; WZ_OK or < 0. */
int wz_pf_exec(struct wz_db *db, const char *sql, struct wz_err *err, const char *fmt, ...);

/* t (seconds since the epoch) as YYYY-MM-DDTHH:MM:SSZ, the form both dialects accept. */
void wz_pf_time(int64_t t, char out[24]);
/* A timestamp column's text on either dialect (SQLite's stored form, or PostgreSQL's
 * "2026-01-08 00:00:00+00" in the UTC session) as YYYY-MM-DDTHH:MM:SSZ; "" for "". */
void wz_pf_ts(const char *in, char out[24]);

/* A LIKE pattern matching q anywhere, case-insensitively (compare with lower(col) ...
 * ESCAPE '\\'): q lowercased inside %...%, its own %, _ and \\ escaped. False when it does
 * not fit. */
bool wz_pf_like(const char *q, char *out, size_t size);
/* in, lowercased (ASCII) into out; false when it does not fit. */
bool wz_pf_lower(const char *in, char *out, size_t size);
/* A plausible email address: local@domain.tld, printable ASCII without spaces, at most 320
 * bytes, one '@', a dot in the domain, no empty labels. */
bool wz_pf_email_ok(const char *email);
/* A lowercase host name: labels of a-z0-9 and inner '-', 1 to 63 each, at least two,
 * at most 253 bytes, the last not all digits. */
bool wz_pf_hostname_ok(const char *host);

/* 32 random bytes as 64 lowercase hex characters (libsodium). */
void wz_pf_random_hex(char out[65]);

/* Transaction helpers that join a transaction the caller already opened: begin returns
 * true in *own when this call opened it, and finish commits only what it owns. */
int wz_pf_begin(struct wz_db *db, bool *own, struct wz_err *err);
int wz_pf_commit(struct wz_db *db, bool own, struct wz_err *err);
void wz_pf_rollback(struct wz_db *db, bool own);

#endif
