/*
 * The registry of validators and what they share: emitting findings and reading a query page
 * by page. Adding a validator is one file in src/validate/, one line in the list below, and
 * one test that plants the defect it finds (docs/operations.md).
 */
#include "validate/validate.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static const struct wz_validator *const registry[] = {
    &wz_validator_config_production,
    &wz_validator_migrations,
    &wz_validator_schema,
    &wz_validator_data_order_totals,
    &wz_validator_data_cross_store,
    &wz_validator_data_orphans,
    &wz_validator_data_customer_emails,
    &wz_validator_data_password_hashes,
    &wz_validator_data_expired_invitations,
    &wz_validator_data_team_size,
    &wz_validator_data_stores_per_user,
};

const struct wz_validator *const *wz_validators(size_t *n)
{
    *n = sizeof(registry) / sizeof(registry[0]);
    return registry;
}

static const struct {
    const char *name;
    unsigned group;
} groups[] = {
    {"config", WZ_VALIDATE_CONFIG},
    {"migrations", WZ_VALIDATE_MIGRATIONS},
    {"schema", WZ_VALIDATE_SCHEMA},
    {"data", WZ_VALIDATE_DATA},
};

unsigned wz_validate_group_parse(const char *text)
{
    if (strcmp(text, "all") == 0)
        return WZ_VALIDATE_CONFIG | WZ_VALIDATE_MIGRATIONS | WZ_VALIDATE_SCHEMA | WZ_VALIDATE_DATA;
    for (size_t i = 0; i < sizeof(groups) / sizeof(groups[0]); i++)
        if (strcmp(text, groups[i].name) == 0)
            return groups[i].group;
    return 0;
}

const char *wz_validate_group_name(unsigned group)
{
    for (size_t i = 0; i < sizeof(groups) / sizeof(groups[0]); i++)
        if (groups[i].group == group)
            return groups[i].name;
    return "all";
}

const char *wz_validate_now(char *buf, size_t size)
{
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

int wz_finding_emit(struct wz_finding_sink *sink, const char *rule, const char *table,
                    const char *row, const char *fmt, ...)
{
    char message[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof(message), fmt, ap);
    va_end(ap);
    struct wz_finding f = {
        .rule = rule, .table = table, .row = row != NULL ? row : "", .message = message};
    sink->count++;
    return sink->emit(sink->ctx, &f);
}

int wz_validate_paged(struct wz_db *db, const char *sql, int nkeys, const struct wz_param *extra,
                      int nextra, int (*on_row)(struct wz_stmt *st, void *arg, struct wz_err *err),
                      void *arg, struct wz_err *err)
{
    if (nkeys < 1 || nkeys > 4)
        return wz_err_set(err, WZ_EFAIL, "a paged query needs 1 to 4 key columns");
    int64_t last[4] = {INT64_MIN, INT64_MIN, INT64_MIN, INT64_MIN};
    struct wz_stmt *st = NULL;
    int rc = wz_db_prepare(db, sql, &st, err);
    if (rc != WZ_OK)
        return rc;
    for (;;) {
        /* A parameter that failed to bind (a text's copy: out of memory) would run the page
         * with NULL in its place and find nothing: a wrong verdict, not an error. */
        rc = WZ_OK;
        for (int k = 0; k < nkeys && rc == WZ_OK; k++)
            rc = wz_stmt_bind_int64(st, k + 1, last[k]);
        for (int p = 0; p < nextra && rc == WZ_OK; p++) {
            if (extra[p].is_text)
                rc = wz_stmt_bind_text(st, nkeys + p + 1, extra[p].s);
            else
                rc = wz_stmt_bind_int64(st, nkeys + p + 1, extra[p].i);
        }
        if (rc != WZ_OK) {
            rc = wz_err_set(err, rc, rc == WZ_ENOMEM ? "out of memory" : "cannot bind a parameter");
            goto cleanup;
        }
        int rows = 0;
        while ((rc = wz_stmt_step(st, err)) == WZ_ROW) {
            rows++;
            for (int k = 0; k < nkeys; k++)
                last[k] = wz_stmt_column_int64(st, k);
            rc = on_row(st, arg, err);
            if (rc < 0)
                goto cleanup;
        }
        if (rc < 0)
            goto cleanup;
        if (rows < WZ_VALIDATE_PAGE)
            break;
        wz_stmt_reset(st);
    }
    rc = WZ_OK;

cleanup:
    wz_stmt_finalize(st);
    return rc;
}
