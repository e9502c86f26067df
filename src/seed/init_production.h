/*
 * init-prod: the platform's essentials — the admin user, the admin settings, permissions and
 * role templates — created when missing, never overwritten, in one transaction. Safe in every
 * environment and idempotent (the guide's init_production.py). The engine prints nothing: it
 * returns the list of what it found and did, and cmd_init_prod.c prints it.
 */
#ifndef WZ_INIT_PRODUCTION_H
#define WZ_INIT_PRODUCTION_H

#include <stddef.h>

#include "core/settings.h"
#include "db/db.h"

enum wz_init_kind {
    WZ_INIT_CREATED, /* a row was created */
    WZ_INIT_PRESENT, /* already there, as configured */
    WZ_INIT_KEPT,    /* already there with a value that differs from the configuration: kept */
    WZ_INIT_WARNING, /* something an operator should look at */
    WZ_INIT_CHECKED, /* a verification that held */
};

struct wz_init_event {
    int step; /* 1..5, the numbered steps of the output */
    enum wz_init_kind kind;
    char text[300];
};

struct wz_init_result {
    struct wz_init_event *events; /* owned; release with wz_init_result_release */
    size_t nevents;
    size_t created, present, kept;
};

/* The step titles, indexed by step number (1-based). */
extern const char *const wz_init_steps[];
#define WZ_INIT_NSTEPS 5

/* Refuses production with insecure settings: WZ_EFAIL with a message that says exactly what
 * to change; WZ_OK otherwise. Reads nothing from the database. */
int wz_init_check_settings(const struct wz_settings *s, struct wz_err *err);

/* Runs the whole initialization in one transaction, under the migration lock (two init-prod
 * at once would both find no admin and both insert one). Prerequisites first (database at
 * head: otherwise WZ_EFAIL naming `make migrate-up`). On any failure nothing is left behind. */
int wz_init_production(struct wz_db *db, const struct wz_settings *s, struct wz_init_result *res,
                       struct wz_err *err);
/* The same for a caller that already holds the migration lock (db reset). */
int wz_init_production_locked(struct wz_db *db, const struct wz_settings *s,
                              struct wz_init_result *res, struct wz_err *err);

void wz_init_result_release(struct wz_init_result *res);

#endif
