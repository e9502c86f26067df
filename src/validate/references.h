/*
 * What data.cross_store and data.orphans share: per table of the models, one query asking
 * whether any row has a reference with no target in the row's store (all its foreign keys in
 * one pass, through a covering index where SQLite has one), and only for a table where one
 * has, one paged query that lists those rows. A tenant reference whose target row exists in
 * another store is a cross-store reference; one whose target exists nowhere is an orphan. Both
 * are impossible while foreign keys are enforced, and both appear in a database edited with
 * PRAGMA foreign_keys=OFF, loaded from a dump without its constraints, or restored from a copy
 * made elsewhere. Both rules read the same rows, so when they run one after the other on the
 * same connection (validate data, validate all) the second skips the tables the first found
 * without a broken reference: on a sound database the second costs nothing.
 */
#ifndef WZ_VALIDATE_REFERENCES_H
#define WZ_VALIDATE_REFERENCES_H

#include "validate/validate.h"

enum wz_ref_mode {
    WZ_REF_CROSS_STORE,
    WZ_REF_ORPHANS,
};

/* Runs the check of mode over every foreign key of the models, emitting findings under the
 * validator's rule. */
int wz_validate_references(const struct wz_validate_ctx *ctx, struct wz_finding_sink *sink,
                           const struct wz_validator *v, enum wz_ref_mode mode, struct wz_err *err);

#endif
