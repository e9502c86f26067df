/*
 * THE seeding modes of `wizamart seed-demo` (the guide's "Creating Custom Seeding Modes"):
 * one row each in wz_seed_modes[] (src/seed/seed_modes.c). `--mode NAME`, the modes section
 * of `seed-demo --help`, the unknown-mode error, the make targets (scripts/seed_modes.sh
 * reads the rows for the Makefile and `make help`) and docs/seeding.md's table, which a test
 * compares with the help, all come from it. Adding a mode is one row (docs/extending.md).
 */
#ifndef WZ_SEED_MODES_H
#define WZ_SEED_MODES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

/* A count taken from its SEED_* setting (SEED_DEMO_STORES, SEED_CUSTOMERS_PER_STORE, ...). */
#define WZ_SEED_FROM_SETTINGS (-1)

/* The minimal mode's handful: one store with these counts (make verify-setup accepts them). */
#define WZ_SEED_MINIMAL_CUSTOMERS 5
#define WZ_SEED_MINIMAL_PRODUCTS  8
#define WZ_SEED_MINIMAL_ORDERS    5

/* Keep each string on one line of its own (`.name = "...",`): scripts/seed_modes.sh reads
 * name, make_target and summary from the source, where no binary is built yet. */
struct wz_seed_mode_def {
    const char *name;        /* --mode NAME */
    const char *make_target; /* the make target that runs it: seed-demo-NAME */
    const char *summary;     /* one line for --help, make help and docs/seeding.md */
    /* stores, and customers, products and orders per store: a number, or
     * WZ_SEED_FROM_SETTINGS */
    int64_t stores, customers, products, orders;
    /* deletes every demo row first, in the same transaction; asks first (--yes confirms),
     * and takes SEED_REFERENCE_DATE (or today) anew */
    bool reset;
};

/* The table, the default mode (what plain `seed-demo` runs) first. */
extern const struct wz_seed_mode_def wz_seed_modes[];
extern const size_t wz_seed_mode_count;

/* The row named name (any case), or NULL. */
const struct wz_seed_mode_def *wz_seed_mode_find(const char *name);

/* The unknown-mode error: WZ_EUSAGE naming the modes, with a "did you mean" when name is
 * near one. */
int wz_seed_mode_unknown(const char *name, struct wz_err *err);

/* What a mode writes, as one sentence without the final period ("writes 1 store with 5
 * customers, ...", "deletes every demo row first, then writes ..."). Returns snprintf's. */
int wz_seed_mode_describe(const struct wz_seed_mode_def *m, char *buf, size_t size);

#endif
