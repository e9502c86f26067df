/*
 * data.orphans: a row whose reference points at a row that does not exist (an order item of a
 * deleted order, a membership of a deleted user), for every foreign key of the models
 * (references.h).
 */
#include "validate/references.h"

static int run(const struct wz_validate_ctx *ctx, struct wz_finding_sink *sink, struct wz_err *err)
{
    return wz_validate_references(ctx, sink, &wz_validator_data_orphans, WZ_REF_ORPHANS, err);
}

const struct wz_validator wz_validator_data_orphans = {
    .name = "data.orphans",
    .group = WZ_VALIDATE_DATA,
    .needs_db = true,
    .summary = "every reference points at an existing row",
    .run = run,
};
