/*
 * seed-demo: realistic multi-tenant demo data (the guide's seed_demo.py), deterministic,
 * idempotent and additive, in one transaction. Every row it creates carries is_demo = true.
 *
 * What a run writes comes from its mode (seed_modes.h: the counts, from the SEED_* settings
 * or fixed) and whether it resets: a reset deletes every demo row first (children before
 * parents; a demo row still referenced by data the seeder did not make is kept), in the same
 * transaction.
 * A second run creates nothing; raising a count creates only what is missing. Rows are
 * generated as a stream (demo_rows.h): memory holds one batch of stores' id maps, never the run.
 *
 * The engine prints nothing: it returns counts per table, and reports progress through a
 * callback, so src/cmd/cmd_seed_demo.c can draw a bar and the summary.
 */
#ifndef WZ_SEED_DEMO_H
#define WZ_SEED_DEMO_H

#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"
#include "core/settings.h"
#include "db/db.h"
#include "seed/seed_modes.h"

/* Reports rows written so far out of an estimate of the run's total. */
typedef void (*wz_seed_progress_fn)(void *ctx, uint64_t done, uint64_t total);

struct wz_seed_options {
    bool reset;                                  /* delete every demo row first */
    int64_t stores, customers, products, orders; /* per store; from the mode and settings */
    uint64_t seed;
    const char *reference_date;      /* "YYYY-MM-DD" or "" */
    const char *currency;            /* ISO 4217 of every demo store */
    const char *migrations_dir;      /* for the at-head prerequisite */
    enum wz_environment environment; /* stamped into the database in the transaction */
    wz_seed_progress_fn progress;    /* may be NULL */
    void *progress_ctx;
};

/* Fills opts for mode (a row of wz_seed_modes[]): its counts, each a number or its SEED_*
 * setting, and the other settings. The strings point into s. */
void wz_seed_options_init(struct wz_seed_options *opts, const struct wz_settings *s,
                          const struct wz_seed_mode_def *mode);

/* The tables the seeder writes, parents before children. */
#define WZ_SEED_NTABLES 11
extern const char *const wz_seed_tables[WZ_SEED_NTABLES];

struct wz_seed_count {
    const char *table;
    const char *step; /* what the run is creating when it writes the table: "customers" */
    int64_t created;  /* rows this run inserted */
    int64_t present;  /* demo rows that were already there */
    int64_t deleted;  /* reset: demo rows deleted */
    int64_t kept;     /* reset: demo rows kept because data the seeder did not make uses them */
};

/* What a reset kept: rows the seeder did not make, per table (every table of the models). */
struct wz_seed_kept {
    const char *table;
    int64_t rows;
};

struct wz_seed_result {
    struct wz_seed_count tables[WZ_SEED_NTABLES];
    int64_t stores_seeded;       /* stores 1..N looked at */
    int64_t passwords_hashed;    /* demo users hashed (each salted on its own) */
    char reference_date[11];     /* the date the demo dates count back from */
    bool reference_date_stored;  /* it came from the database (an earlier seeding) */
    bool reference_date_ignored; /* SEED_REFERENCE_DATE differed from the stored one */
    /* reset only */
    bool reset;
    struct wz_seed_kept kept[32];
    int nkept;
    char admin_email[320]; /* the platform admin found by the prerequisite check */
};

/* Checks the prerequisites without writing: the database at head (else WZ_EFAIL naming
 * `make migrate-up`), an active platform admin and the role templates (else WZ_EFAIL naming
 * `make init-prod`). Fills res->admin_email. */
int wz_seed_check_prerequisites(struct wz_db *db, const struct wz_seed_options *opts,
                                struct wz_seed_result *res, struct wz_err *err);

/* Runs the seeding (prerequisites first, then one transaction). On any failure nothing is
 * left behind. res is zeroed first. Bad options (an unparsable reference date, orders without
 * customers or products) are WZ_EUSAGE before anything is touched. */
/* Checks the options alone (counts, currency, reference date) without a database:
 * WZ_EUSAGE with the setting to change. wz_seed_demo runs it first; callers that do
 * destructive work before seeding (db reset) run it before that work. */
int wz_seed_options_validate(const struct wz_seed_options *opts, struct wz_err *err);

int wz_seed_demo(struct wz_db *db, const struct wz_seed_options *opts, struct wz_seed_result *res,
                 struct wz_err *err);

#endif
