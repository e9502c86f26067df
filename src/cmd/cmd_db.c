/*
 * wizamart db backup | restore | reset: the guide's "Database Utilities" (make backup-db,
 * make db-reset) and the way back from a bad day. The work is in src/ops/; this file asks for
 * confirmation and prints.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "core/out.h"
#include "migrate/meta.h"
#include "migrate/runner.h"
#include "ops/backup.h"
#include "ops/restore.h"
#include "seed/init_production.h"
#include "seed/seed_demo.h"

/* Asks a yes/no question on the terminal. Without --yes and without a terminal to ask on the
 * answer is no: a script must say --yes explicitly. */
static bool confirm(const char *question, bool yes)
{
    if (yes)
        return true;
    switch (wz_out_confirm(question)) {
    case WZ_CONFIRM_YES:
        return true;
    case WZ_CONFIRM_NO_TTY:
        wz_out_error("confirmation needed and stdin is not a terminal: add --yes (make: YES=1) "
                     "to confirm; nothing was changed");
        return false;
    case WZ_CONFIRM_NO:
        break;
    }
    wz_out_error("not confirmed (answer was not 'yes'); nothing was changed");
    return false;
}

/* A backup is only useful if `db restore` accepts it, and restore requires the migration
 * table: an empty or foreign database is refused here rather than at restore time. */
static int check_backup_source(struct wz_ctx *ctx)
{
    struct wz_err err;
    wz_err_clear(&err);
    int exists = wz_db_table_exists(ctx->db, WZ_MIGRATE_TABLE, &err);
    if (exists < 0) {
        wz_out_error("cannot read the database %s: %s", ctx->settings->db_url.redacted, err.msg);
        return 1;
    }
    if (exists == 0) {
        wz_out_error("nothing to back up: the database %s has no wizamart_migrations table; "
                     "run `make db-setup` (or `make migrate-up`) first",
                     ctx->settings->db_url.redacted);
        return 1;
    }
    return 0;
}

static void print_backup(const char *what, const struct wz_backup_result *res,
                         const struct wz_settings *s)
{
    char size[32];
    wz_out_ok("%s: %s (%s; %s ok)", what, res->path,
              wz_backup_size_text(res->size, size, sizeof(size)), res->checked);
    if (res->pruned > 0)
        wz_out_line("  removed %zu older backup%s (BACKUP_KEEP=%lld)", res->pruned,
                    res->pruned == 1 ? "" : "s", (long long)s->backup_keep);
    if (res->warning[0] != '\0')
        wz_out_warning("%s", res->warning);
}

int cmd_db_backup(struct wz_ctx *ctx, const struct wz_args *args)
{
    int code = check_backup_source(ctx);
    if (code != 0)
        return code;
    struct wz_err err;
    wz_err_clear(&err);
    char risk[768];
    if (wz_args_get(args, "output") == NULL &&
        wz_settings_backup_dir_risk(ctx->settings, risk, sizeof(risk)) != NULL)
        wz_out_warning("%s", risk);
    struct wz_backup_result res;
    enum wz_db_check check;
    int rc = wz_backup_check_parse(wz_args_get(args, "verify"), &check, &err);
    if (rc == WZ_OK)
        rc = wz_backup_create_checked(ctx->db, ctx->settings, NULL, wz_args_get(args, "output"),
                                      check, &res, &err);
    if (rc != WZ_OK) {
        wz_out_error("backup failed: %s", err.msg);
        return wz_err_exit_code(rc);
    }
    print_backup("Backup written", &res, ctx->settings);
    return 0;
}

int cmd_db_restore(struct wz_ctx *ctx, const struct wz_args *args)
{
    const struct wz_settings *s = ctx->settings;
    const char *path = args->pos[0];
    struct wz_err err;
    wz_err_clear(&err);
    struct wz_restore_source src;
    int rc = wz_restore_open(ctx->db, path, &src, &err);
    if (rc != WZ_OK) {
        wz_out_error("%s", err.msg);
        return wz_err_exit_code(rc);
    }
    char size[32], detail[256] = "";
    if (src.nrevisions >= 0)
        snprintf(detail, sizeof(detail), ", %lld applied revision%s%s%s", (long long)src.nrevisions,
                 src.nrevisions == 1 ? "" : "s", src.revision != NULL ? ", latest " : "",
                 src.revision != NULL ? src.revision : "");
    wz_out_line("Backup %s: %s%s%s%s", path, wz_backup_size_text(src.size, size, sizeof(size)),
                detail, src.environment != NULL ? ", stamped " : "",
                src.environment != NULL ? src.environment : "");
    wz_out_ok("the file is a readable Wizamart backup (checked)");

    char question[512];
    snprintf(question, sizeof(question),
             "This replaces every row of %s with the content of %s.\n"
             "The current database is backed up first into %s.",
             s->db_url.redacted, path, s->backup_dir);
    int code = 1;
    if (!confirm(question, wz_args_has(args, "yes")))
        goto cleanup;

    /* A production database stays production whatever the backup says (it may be a copy
     * of a development database). */
    bool was_production = false;
    if (wz_meta_is_production(ctx->db, &was_production, &err) != WZ_OK) {
        wz_out_error("cannot read the database's environment stamp: %s", err.msg);
        goto cleanup;
    }
    struct wz_backup_result safety;
    rc = wz_restore_apply(ctx->db, s, &src, &safety, &err);
    if (safety.path[0] != '\0')
        print_backup("Current database backed up", &safety, s);
    if (rc != WZ_OK) {
        wz_out_error("%s", err.msg);
        code = wz_err_exit_code(rc);
        goto cleanup;
    }
    /* The restored rows carry the backup's stamp; the current ENVIRONMENT and a production
     * stamp the database had before promote it, so it stays protected from then on. */
    if (wz_meta_stamp_environment(ctx->db, s->environment, &err) != WZ_OK ||
        (was_production && wz_meta_stamp_environment(ctx->db, WZ_ENV_PRODUCTION, &err) != WZ_OK))
        wz_out_warning("restored, but cannot stamp the database's environment: %s", err.msg);
    wz_out_ok("Restored %s into %s", path, s->db_url.redacted);
    wz_out_line("  next: `make verify-setup` checks the result; `make migrate-up` applies "
                "revisions newer than the backup");
    code = 0;

cleanup:
    wz_restore_source_release(&src);
    return code;
}

/* A reset that failed after its first destructive step: the database is in between, so
 * the way back is the backup taken first. Always exit 1: something was touched. */
static int reset_failed(const struct wz_err *err, const char *backup_path)
{
    wz_out_error("%s", err->msg);
    if (backup_path[0] != '\0')
        wz_out_fail("The reset stopped part-way; restore the previous database with: "
                    "wizamart db restore %s",
                    backup_path);
    else
        wz_out_fail("The reset stopped part-way; fix the error and run it again");
    return 1;
}

/* The four steps of a reset, under the migration lock the caller holds. */
static int reset_locked(struct wz_ctx *ctx, const struct wz_seed_options *sopts)
{
    const struct wz_settings *s = ctx->settings;
    struct wz_err err;
    wz_err_clear(&err);
    int rc;
    int step = 1;
    char backup_path[PATH_MAX] = "";
    int exists = wz_db_table_exists(ctx->db, WZ_MIGRATE_TABLE, &err);
    if (exists < 0) {
        wz_out_error("cannot read the database %s: %s", s->db_url.redacted, err.msg);
        return 1;
    }
    if (exists == 1) {
        wz_out_step(step++, "Backing up the current database...");
        struct wz_backup_result backup;
        rc = wz_backup_create(ctx->db, s, "pre-reset", NULL, &backup, &err);
        if (rc != WZ_OK) {
            wz_out_error("cannot back up the database first, so nothing was reset: %s", err.msg);
            return wz_err_exit_code(rc);
        }
        print_backup("Backup written", &backup, s);
        snprintf(backup_path, sizeof(backup_path), "%s", backup.path);
    }

    /* The lock is held by the caller: the runner takes none of its own. */
    struct wz_migrate_opts mopts = {.lock_timeout_ms = -1, .offline = false};
    struct wz_migrate_result mres;
    wz_out_step(step++, "Rolling back every migration...");
    rc = wz_migrate_down(ctx->db, s->migrations_dir, "base", &mopts, &mres, &err);
    size_t reverted = mres.n;
    wz_migrate_result_release(&mres);
    if (rc != WZ_OK) {
        return reset_failed(&err, backup_path);
    }
    wz_out_ok("Reverted %zu revision%s", reverted, reverted == 1 ? "" : "s");

    wz_out_step(step++, "Applying every migration...");
    rc = wz_migrate_up(ctx->db, s->migrations_dir, NULL, &mopts, &mres, &err);
    size_t applied = mres.n;
    char at[128];
    snprintf(at, sizeof(at), "%s", mres.at != NULL ? mres.at : "base");
    wz_migrate_result_release(&mres);
    if (rc != WZ_OK) {
        return reset_failed(&err, backup_path);
    }
    wz_out_ok("Applied %zu revision%s; the database is at %s", applied, applied == 1 ? "" : "s",
              at);

    wz_out_step(step++, "Initializing production essentials...");
    struct wz_init_result ires;
    rc = wz_init_production_locked(ctx->db, s, &ires, &err);
    size_t created = ires.created;
    wz_init_result_release(&ires);
    if (rc != WZ_OK) {
        return reset_failed(&err, backup_path);
    }
    wz_out_ok("Admin user, admin settings, permissions and roles created (%zu rows)", created);

    wz_out_step(step++, "Seeding demo data...");
    struct wz_seed_result sres;
    rc = wz_seed_demo(ctx->db, sopts, &sres, &err);
    if (rc != WZ_OK) {
        return reset_failed(&err, backup_path);
    }
    int64_t rows = 0;
    for (int t = 0; t < WZ_SEED_NTABLES; t++)
        rows += sres.tables[t].created;
    wz_out_ok("Created %lld demo rows in %lld stores", (long long)rows,
              (long long)sres.stores_seeded);
    wz_out_ok("Database reset: %s", s->db_url.redacted);
    return 0;
}

/* The guide's "nuclear option": every revision reverted, applied again, the platform's
 * essentials and the demo data created again. Refused in production by main (the row's
 * WZ_CMD_NOT_IN_PROD) before this runs. */
int cmd_db_reset(struct wz_ctx *ctx, const struct wz_args *args)
{
    const struct wz_settings *s = ctx->settings;
    struct wz_err err;
    wz_err_clear(&err);
    char question[512];
    snprintf(question, sizeof(question),
             "This deletes every row and table of %s and rebuilds it: migrate down to base,\n"
             "migrate up, init-prod, seed-demo. A backup is taken first into %s.",
             s->db_url.redacted, s->backup_dir);
    /* Everything that can be known to fail before the first destructive step is checked
     * first: a reset that stops half-way leaves an empty database. */
    struct wz_seed_options sopts;
    wz_seed_options_init(&sopts, s, &wz_seed_modes[0]); /* the default mode */
    if (wz_seed_options_validate(&sopts, &err) != WZ_OK ||
        wz_init_check_settings(s, &err) != WZ_OK) {
        wz_out_error("%s; nothing was reset", err.msg);
        return wz_err_exit_code(err.code);
    }
    if (!confirm(question, wz_args_has(args, "yes")))
        return 1;

    /* One lock for the four steps: a second reset (or a migrate up) must not run its own
     * `down base` in the middle of this one. */
    int rc = wz_db_lock(ctx->db, WZ_MIGRATE_LOCK, (int)(s->migrate_lock_timeout * 1000), &err);
    if (rc != WZ_OK) {
        wz_out_error("%s; nothing was reset", err.msg);
        return wz_err_exit_code(rc);
    }
    int code = reset_locked(ctx, &sopts);
    wz_db_unlock(ctx->db);
    return code;
}
