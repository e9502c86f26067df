/*
 * The validators (wizamart validate; the guide's scripts/validate/ and its validators/
 * folder): one per file, each a row in the registry of validate.c. They find what the
 * constraints cannot see, or what a database changed by hand (or restored from elsewhere) no
 * longer enforces: settings unsafe for production, migrations not applied or edited after
 * they were, a live schema that differs from the models, and data that breaks the platform's
 * rules.
 *
 * Every finding names the table, the row and the rule, and goes to a sink the moment it is
 * found: nothing is collected, and each data rule is one SQL query read page by page
 * (wz_validate_paged), so memory stays flat however large the database is.
 */
#ifndef WZ_VALIDATE_H
#define WZ_VALIDATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/settings.h"
#include "db/db.h"

struct wz_finding {
    const char *rule;    /* the validator's name, "data.orphans" */
    const char *table;   /* the table, or what was checked: "settings", "wizamart_migrations" */
    const char *row;     /* the row's key as text, "id=42" or "role_id=1, permission_id=3";
                            a setting or revision name; "" when the finding is about a table */
    const char *message; /* one line: what is wrong, and what to do when that is not obvious */
};

/* Receives each finding as it is found; the strings are valid during the call only. emit
 * returns 0 to go on, < 0 to stop the validation (e.g. the output failed). */
struct wz_finding_sink {
    int (*emit)(void *ctx, const struct wz_finding *f);
    void *ctx;
    size_t count; /* findings emitted so far (wz_finding_emit counts) */
};

/* Formats and emits one finding; returns emit's result. */
int wz_finding_emit(struct wz_finding_sink *sink, const char *rule, const char *table,
                    const char *row, const char *fmt, ...) __attribute__((format(printf, 5, 6)));

struct wz_validate_ctx {
    struct wz_db *db; /* NULL for validators that do not need one */
    const struct wz_settings *settings;
    const char *now; /* the current UTC time, 'YYYY-MM-DDTHH:MM:SSZ', for time-based rules */
};

enum wz_validate_group {
    WZ_VALIDATE_CONFIG = 1 << 0,
    WZ_VALIDATE_MIGRATIONS = 1 << 1,
    WZ_VALIDATE_SCHEMA = 1 << 2,
    WZ_VALIDATE_DATA = 1 << 3,
};

struct wz_validator {
    const char *name; /* "data.orphans": the rule every finding carries */
    unsigned group;   /* one enum wz_validate_group */
    bool needs_db;
    const char *summary; /* what holds when there is no finding, one line */
    /* Emits findings; returns 0 (whatever it found) or < 0 when it could not run. */
    int (*run)(const struct wz_validate_ctx *ctx, struct wz_finding_sink *sink, struct wz_err *err);
};

/* The registry, in the order the validators run; *n receives its length. */
const struct wz_validator *const *wz_validators(size_t *n);

/* "config", "migrations", "schema", "data" -> the group; "all" -> every group. 0 if unknown. */
unsigned wz_validate_group_parse(const char *text);
const char *wz_validate_group_name(unsigned group);

/* The current UTC time in the timestamp form of the models, into buf (>= 21 bytes). */
const char *wz_validate_now(char *buf, size_t size);

/*
 * Reading a query page by page, so that no driver ever holds more than WZ_VALIDATE_PAGE rows
 * (the PostgreSQL driver reads a statement's rows whole). The query's first nkeys columns
 * (1 to 4) are the rows' integer key, unique and in ORDER BY order; it takes the last key seen
 * as $1..$nkeys (row-value comparison for several) and the extra parameters after them, and
 * ends with "ORDER BY <key> LIMIT " WZ_VALIDATE_PAGE_SQL. on_row is called for every row.
 */
#define WZ_VALIDATE_PAGE     500
#define WZ_VALIDATE_PAGE_SQL "500"

struct wz_param {
    bool is_text;
    int64_t i;
    const char *s;
};

int wz_validate_paged(struct wz_db *db, const char *sql, int nkeys, const struct wz_param *extra,
                      int nextra, int (*on_row)(struct wz_stmt *st, void *arg, struct wz_err *err),
                      void *arg, struct wz_err *err);

/* The validators, one per file in src/validate/. */
extern const struct wz_validator wz_validator_config_production;
extern const struct wz_validator wz_validator_migrations;
extern const struct wz_validator wz_validator_schema;
extern const struct wz_validator wz_validator_data_order_totals;
extern const struct wz_validator wz_validator_data_cross_store;
extern const struct wz_validator wz_validator_data_orphans;
extern const struct wz_validator wz_validator_data_customer_emails;
extern const struct wz_validator wz_validator_data_password_hashes;
extern const struct wz_validator wz_validator_data_expired_invitations;
extern const struct wz_validator wz_validator_data_team_size;
extern const struct wz_validator wz_validator_data_stores_per_user;

#endif
