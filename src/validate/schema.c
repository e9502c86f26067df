/*
 * schema: the live database's tables, columns, keys, indexes and checks against the models
 * (src/schema/models.c). A difference means a migration is missing or the database was
 * changed by hand: either way the code and the database disagree.
 */
#include "validate/validate.h"

#include "schema/diff.h"

static int run(const struct wz_validate_ctx *ctx, struct wz_finding_sink *sink, struct wz_err *err)
{
    struct wz_schema_diff diff;
    int rc = wz_schema_drift(ctx->db, wz_models(), &diff, err);
    for (int i = 0; i < diff.n && rc == WZ_OK; i++) {
        const struct wz_change *c = &diff.items[i];
        rc = wz_finding_emit(sink, wz_validator_schema.name, c->table,
                             c->object != NULL ? c->object : "", "%s", c->text);
    }
    wz_schema_diff_release(&diff);
    return rc;
}

const struct wz_validator wz_validator_schema = {
    .name = "schema",
    .group = WZ_VALIDATE_SCHEMA,
    .needs_db = true,
    .summary = "the live schema equals the models",
    .run = run,
};
