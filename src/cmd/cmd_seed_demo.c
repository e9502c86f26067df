/*
 * wizamart seed-demo [--mode MODE] [--yes]: demo stores, teams, customers, products and
 * orders for development (never production: main refuses it before this runs). The modes
 * are the rows of src/seed/seed_modes.c; their section of --help is printed here. Prints the
 * guide's numbered steps, a progress bar on a terminal, and a summary table.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "core/out.h"
#include "seed/demo_stores.h"
#include "seed/seed_demo.h"

/* Runs long enough to deserve a bar: an estimate of rows. */
#define PROGRESS_MIN_ROWS 20000

struct bar {
    struct timespec start;
    bool drawn;
};

static double seconds_since(const struct timespec *start)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - start->tv_sec) + (double)(now.tv_nsec - start->tv_nsec) / 1e9;
}

static void draw_bar(void *ctx, uint64_t done, uint64_t total)
{
    struct bar *b = ctx;
    if (total < PROGRESS_MIN_ROWS)
        return;
    double secs = seconds_since(&b->start);
    double rate = secs > 0 ? (double)done / secs : 0;
    int pct = total > 0 ? (int)(done * 100 / total) : 100;
    if (pct > 100)
        pct = 100;
    char cells[31];
    int fill = pct * 30 / 100;
    for (int i = 0; i < 30; i++)
        cells[i] = i < fill ? '#' : '.';
    cells[30] = '\0';
    /* progress is no result: stderr, and only on a terminal (the caller checks) */
    fprintf(stderr, "\r  [%s] %3d%%  %llu rows  %.0f rows/s ", cells, pct, (unsigned long long)done,
            rate);
    fflush(stderr);
    b->drawn = true;
}

/* A step that created nothing is one line (a re-run of `make db-setup` stays short); the
 * per-table lines come with -v, or when something was created. */
static void print_counts(const struct wz_seed_result *res, int from, int to, bool verbose)
{
    long long created = 0, present = 0;
    for (int t = from; t <= to; t++) {
        created += res->tables[t].created;
        present += res->tables[t].present;
    }
    if (created == 0 && !verbose) {
        wz_out_ok("Nothing left to do (%lld rows already present)", present);
        return;
    }
    for (int t = from; t <= to; t++) {
        const struct wz_seed_count *c = &res->tables[t];
        if (c->created > 0)
            wz_out_ok("Created %lld %s", (long long)c->created, c->table);
        if (c->present > 0)
            wz_out_caution("%lld %s already present", (long long)c->present, c->table);
        if (c->created == 0 && c->present == 0)
            wz_out_line("  no %s to create", c->table);
    }
}

static void print_reset(const struct wz_seed_result *res)
{
    long long deleted = 0;
    for (int t = 0; t < WZ_SEED_NTABLES; t++)
        deleted += res->tables[t].deleted;
    wz_out_ok("Deleted %lld demo rows", deleted);
    for (int t = 0; t < WZ_SEED_NTABLES; t++)
        if (res->tables[t].kept > 0)
            wz_out_caution("Kept %lld demo %s still used by data the seeder did not make",
                           (long long)res->tables[t].kept, res->tables[t].table);
    wz_out_line("  Kept (not made by the seeder):");
    for (int i = 0; i < res->nkept; i++) {
        const struct wz_seed_kept *k = &res->kept[i];
        if (strcmp(k->table, "users") == 0)
            wz_out_ok("users: %lld (platform admin %s included)", (long long)k->rows,
                      res->admin_email);
        else if (k->rows > 0 || strcmp(k->table, "admin_settings") == 0 ||
                 strcmp(k->table, "roles") == 0)
            wz_out_ok("%s: %lld", k->table, (long long)k->rows);
    }
}

static void print_summary(const struct wz_seed_result *res, double secs, bool verbose)
{
    long long created = 0, present = 0;
    for (int t = 0; t < WZ_SEED_NTABLES; t++)
        created += res->tables[t].created;
    if (created == 0 && !verbose) {
        wz_out_line("Nothing to do: the demo data was already in place");
        return;
    }
    created = 0;
    wz_out_raw("\n");
    wz_out_line("%-22s %10s %10s", "Table", "Created", "Present");
    for (int t = 0; t < WZ_SEED_NTABLES; t++) {
        const struct wz_seed_count *c = &res->tables[t];
        wz_out_line("%-22s %10lld %10lld", c->table, (long long)c->created, (long long)c->present);
        created += c->created;
        present += c->present;
    }
    wz_out_line("%-22s %10lld %10lld", "total", created, present);
    wz_out_raw("\n");
    wz_out_line("%lld rows created in %.2f s (%.0f rows/s); reference date %s", created, secs,
                secs > 0 ? (double)created / secs : 0.0, res->reference_date);
    if (created == 0)
        wz_out_line("Nothing to do: the demo data was already in place");
}

int cmd_seed_demo(struct wz_ctx *ctx, const struct wz_args *args)
{
    const struct wz_settings *s = ctx->settings;
    struct wz_err err;
    wz_err_clear(&err);
    const struct wz_seed_mode_def *mode = &wz_seed_modes[0];
    const char *mode_text = wz_args_get(args, "mode");
    if (mode_text != NULL && (mode = wz_seed_mode_find(mode_text)) == NULL) {
        wz_seed_mode_unknown(mode_text, &err);
        wz_out_error("%s", err.msg);
        return 2;
    }
    struct wz_seed_options opts;
    wz_seed_options_init(&opts, s, mode);
    struct wz_seed_result res;
    memset(&res, 0, sizeof(res));

    wz_out_heading("Seeding %s demo data (mode: %s, environment: %s, database: %s)",
                   s->project_name, mode->name, wz_environment_name(s->environment),
                   s->db_url.redacted);
    if (wz_settings_is_staging(s))
        wz_out_caution("Running demo seeding in staging: demo stores and logins will be visible "
                       "there");

    int step = 1;
    wz_out_step(step++, "Checking prerequisites...");
    int rc = wz_seed_check_prerequisites(ctx->db, &opts, &res, &err);
    if (rc != WZ_OK) {
        wz_out_error("%s", err.msg);
        wz_out_fail("Nothing was changed");
        return 1;
    }
    wz_out_ok("Database schema is at the latest migration");
    wz_out_ok("Platform admin present: %s", res.admin_email);
    wz_out_ok("Role templates present");

    if (mode->reset && !wz_args_has(args, "yes")) {
        enum wz_confirm answer =
            wz_out_confirm("This deletes every demo row (stores, users, customers, products, "
                           "orders) and seeds again.");
        if (answer == WZ_CONFIRM_NO_TTY) {
            wz_out_error("refusing to reset demo data without confirmation: pass --yes (make "
                         "%s YES=1)",
                         mode->make_target);
            wz_out_fail("Nothing was changed");
            return 1;
        }
        if (answer == WZ_CONFIRM_NO) {
            wz_out_error("reset not confirmed; nothing was changed");
            return 1;
        }
    }

    struct bar bar = {.drawn = false};
    clock_gettime(CLOCK_MONOTONIC, &bar.start);
    if (wz_out_stderr_is_tty()) {
        opts.progress = draw_bar;
        opts.progress_ctx = &bar;
    }
    rc = wz_seed_demo(ctx->db, &opts, &res, &err);
    double secs = seconds_since(&bar.start);
    if (bar.drawn)
        fputs("\n", stderr);
    if (rc != WZ_OK) {
        wz_out_error("%s", err.msg);
        wz_out_fail("Nothing was changed: the demo data was rolled back");
        return wz_err_exit_code(rc);
    }

    bool verbose = wz_args_has(args, "verbose");
    if (res.reset) {
        wz_out_step(step++, "Deleting demo data...");
        print_reset(&res);
    }
    if (res.reference_date_ignored)
        wz_out_caution("Kept the reference date %s of the existing demo data "
                       "(SEED_REFERENCE_DATE=%s is used by a reset: make seed-demo-reset)",
                       res.reference_date, s->seed_reference_date);
    /* a step per run of tables the engine writes in the same step */
    for (int from = 0; from < WZ_SEED_NTABLES;) {
        int to = from;
        while (to + 1 < WZ_SEED_NTABLES &&
               strcmp(res.tables[to + 1].step, res.tables[from].step) == 0)
            to++;
        wz_out_step(step++, "Creating %s...", res.tables[from].step);
        print_counts(&res, from, to, verbose);
        from = to + 1;
    }
    wz_out_ok("All changes committed");
    print_summary(&res, secs, verbose);

    if (res.stores_seeded > 0) {
        wz_out_raw("\n");
        wz_out_line("Demo logins (password %s, intentionally insecure):", WZ_DEMO_PASSWORD);
        int64_t shown = res.stores_seeded < 3 ? res.stores_seeded : 3;
        for (int64_t k = 1; k <= shown; k++)
            wz_out_line("  Store %lld: store%lld@example.com / %s", (long long)k, (long long)k,
                        WZ_DEMO_PASSWORD);
        if (res.stores_seeded > shown)
            wz_out_line("  ... up to store%lld@example.com", (long long)res.stores_seeded);
    }
    return 0;
}

/* The modes section of `seed-demo --help`, from the table: docs/seeding.md's table is
 * compared with it (tests/cli/t_seed_modes.sh), so keep its shape: a line "  NAME[ (the
 * default)]: make TARGET", the summary under it, then "- writes ..." (or "- deletes ..."). */
void cmd_seed_demo_help(FILE *f)
{
    fprintf(f, "\nmodes (--mode NAME, or make TARGET):\n");
    for (size_t i = 0; i < wz_seed_mode_count; i++) {
        const struct wz_seed_mode_def *m = &wz_seed_modes[i];
        char what[400];
        wz_seed_mode_describe(m, what, sizeof(what));
        fprintf(f, "  %s%s: make %s\n", m->name, i == 0 ? " (the default)" : "", m->make_target);
        wz_help_row(f, "   ", m->summary, 6);
        wz_help_row(f, "    -", what, 8);
    }
}
