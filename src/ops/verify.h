/*
 * The setup checklist (make verify-setup, wizamart verify): the guide's "Verify setup" step
 * and its "Debugging Commands" in one place. Each check says what it found and, when it
 * fails, the command or change that fixes it. The command opens the database (without
 * creating it) and hands over the connection or why there is none, so "is the database
 * there?" is one of the answers rather than a crash; the engine prints nothing
 * (src/cmd/cmd_verify.c does).
 */
#ifndef WZ_VERIFY_H
#define WZ_VERIFY_H

#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"
#include "core/settings.h"
#include "db/db.h"

enum wz_verify_status {
    WZ_VERIFY_OK,
    WZ_VERIFY_FAIL,
    WZ_VERIFY_WARN,    /* worth a look, never fails the verification */
    WZ_VERIFY_SKIPPED, /* could not be checked (the database is unreachable) */
};

struct wz_verify_check {
    const char *id;    /* stable, for scripts: "settings", "database", "migrations", ... */
    const char *title; /* "Migrations at head, checksums matching" */
    enum wz_verify_status status;
    bool required;    /* a FAIL or SKIPPED here fails the verification */
    char detail[768]; /* what was found */
    char fix[384];    /* what to do, for FAIL, WARN and SKIPPED; "" otherwise */
};

#define WZ_VERIFY_MAX_CHECKS 12

struct wz_verify_report {
    struct wz_verify_check checks[WZ_VERIFY_MAX_CHECKS];
    size_t n;
    bool ok; /* every required check holds */
};

/* Runs every check, in order: settings valid; database reachable; migrations at head with
 * matching checksums; live schema equal to the models; platform admin present and active;
 * every admin setting present; every permission and role template present; production
 * settings (required in production); demo data (development: the counts the SEED_* settings
 * ask for; production: none at all). Fails only on out of memory: every other problem is a
 * check's result. */
/* db: the open database (the caller closes it), or NULL with open_err saying why it could
 * not be opened (WZ_ENOENT: it does not exist). */
int wz_verify_run(const struct wz_settings *s, struct wz_db *db, const struct wz_err *open_err,
                  struct wz_verify_report *r, struct wz_err *err);

const char *wz_verify_status_name(enum wz_verify_status st);

#endif
