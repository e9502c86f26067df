/*
 * migrations: the database's record of applied revisions against the files in MIGRATIONS_DIR.
 * Findings: a revision not applied yet, an applied file that was edited or deleted since, any
 * problem with the files themselves (unparsable, duplicate ids, several heads, ...), and a
 * database that was never migrated.
 */
#include "validate/validate.h"

#include "migrate/runner.h"

static int run(const struct wz_validate_ctx *ctx, struct wz_finding_sink *sink, struct wz_err *err)
{
    const char *rule = wz_validator_migrations.name;
    const char *dir = ctx->settings->migrations_dir;
    struct wz_migrate_status st;
    int rc = wz_migrate_status(ctx->db, dir, &st, err);
    if (rc != WZ_OK)
        return rc;
    if (!st.tables)
        rc = wz_finding_emit(sink, rule, WZ_MIGRATE_TABLE, "",
                             "the database was never migrated (no bookkeeping tables); run "
                             "`make migrate-up`");
    for (size_t i = 0; i < st.problems.n && rc == WZ_OK; i++) {
        const struct wz_problem *p = &st.problems.v[i];
        rc = wz_finding_emit(sink, rule, WZ_MIGRATE_TABLE,
                             p->revision != NULL ? p->revision
                             : p->file != NULL   ? p->file
                                                 : "",
                             "%s: %s", wz_problem_kind_name(p->kind), p->message);
    }
    for (size_t i = 0; i < st.npending && rc == WZ_OK; i++) {
        const struct wz_status_rev *r = &st.pending[i];
        rc = wz_finding_emit(sink, rule, WZ_MIGRATE_TABLE, r->revision,
                             "pending: '%s' is not applied; run `make migrate-up`",
                             r->message != NULL ? r->message : "");
    }
    wz_migrate_status_release(&st);
    return rc;
}

const struct wz_validator wz_validator_migrations = {
    .name = "migrations",
    .group = WZ_VALIDATE_MIGRATIONS,
    .needs_db = true,
    .summary = "every revision applied, every applied file unchanged",
    .run = run,
};
