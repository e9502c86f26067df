/*
 * data.cross_store: a row of one store that references a row of another store (an order item
 * of store 2 pointing at an order of store 1). The composite foreign keys forbid it while they
 * are enforced; this finds it in a database where they were not (references.h).
 */
#include "validate/references.h"

static int run(const struct wz_validate_ctx *ctx, struct wz_finding_sink *sink, struct wz_err *err)
{
    return wz_validate_references(ctx, sink, &wz_validator_data_cross_store, WZ_REF_CROSS_STORE,
                                  err);
}

const struct wz_validator wz_validator_data_cross_store = {
    .name = "data.cross_store",
    .group = WZ_VALIDATE_DATA,
    .needs_db = true,
    .summary = "no row references another store's rows",
    .run = run,
};
