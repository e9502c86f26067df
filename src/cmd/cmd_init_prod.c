/* wizamart init-prod: the platform's essentials, idempotent and safe in every environment. */
#include <string.h>

#include "cmd/cmd.h"
#include "core/out.h"
#include "seed/init_production.h"

int cmd_init_prod(struct wz_ctx *ctx, const struct wz_args *args)
{
    const struct wz_settings *s = ctx->settings;
    struct wz_err err;
    wz_err_clear(&err);
    wz_out_heading("Initializing %s production essentials (environment: %s, database: %s)",
                   s->project_name, wz_environment_name(s->environment), s->db_url.redacted);
    if (!wz_settings_is_production(s) && strcmp(s->admin_password, WZ_DEFAULT_ADMIN_PASSWORD) == 0)
        wz_out_caution("Using the default admin password: fine for %s, change ADMIN_PASSWORD "
                       "before production",
                       wz_environment_name(s->environment));

    struct wz_init_result res;
    int rc = wz_init_production(ctx->db, s, &res, &err);
    if (rc != WZ_OK) {
        wz_out_error("%s", err.msg);
        wz_out_fail("Nothing was changed");
        wz_init_result_release(&res);
        return 1;
    }
    int step = 0;
    bool verbose = wz_args_has(args, "verbose");
    for (size_t i = 0; i < res.nevents; i++) {
        const struct wz_init_event *e = &res.events[i];
        if (e->step != step) {
            step = e->step;
            wz_out_step(step, "%s...", wz_init_steps[step]);
            /* A step where everything was already there is one line on a re-run; -v lists
             * each item. Created rows and warnings are always shown. */
            size_t same = 0, quiet = 0;
            for (size_t j = i; j < res.nevents && res.events[j].step == step; j++, same++)
                if (res.events[j].kind == WZ_INIT_PRESENT || res.events[j].kind == WZ_INIT_CHECKED)
                    quiet++;
            if (!verbose && same > 1 && quiet == same) {
                wz_out_ok("Nothing left to do (%zu item%s already present)", same,
                          same == 1 ? "" : "s");
                i += same - 1;
                continue;
            }
        }
        if (e->kind == WZ_INIT_CREATED)
            wz_out_ok("%s", e->text);
        else if (e->kind == WZ_INIT_CHECKED)
            wz_out_ok("%s", e->text);
        else
            wz_out_caution("%s", e->text);
    }
    wz_out_ok("All changes committed");
    wz_out_line("Summary: %zu created, %zu already present, %zu kept as the database has them",
                res.created, res.present, res.kept);
    if (res.created == 0)
        wz_out_line("Nothing to do: the platform essentials were already in place");
    wz_init_result_release(&res);
    return 0;
}
