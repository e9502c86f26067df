/*
 * wizamart migrate check: exit 1 when the models have changes that no revision captures
 * (Alembic's `alembic check`), for CI and pre-commit hooks. Needs no database.
 */
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "core/out.h"
#include "migrate/autogen.h"

int cmd_migrate_check(struct wz_ctx *ctx, const struct wz_args *args)
{
    (void)args;
    const char *dir = ctx->settings->migrations_dir;
    struct wz_err err = {0};
    char *report = NULL;
    int rc = wz_autogen_check(dir, &report, &err);
    if (rc != WZ_OK) {
        wz_out_error("%s", err.msg);
        return wz_err_exit_code(rc);
    }
    if (report == NULL) {
        wz_out_ok("the models match the revisions in '%s'", dir);
        return 0;
    }
    wz_out_fail("the models have changes that no revision in '%s' captures:", dir);
    char *save = NULL;
    for (char *line = strtok_r(report, "\n", &save); line != NULL;
         line = strtok_r(NULL, "\n", &save))
        wz_out_line("  %s", line);
    wz_out_line("Generate a revision for them: make migrate-create message=\"...\"");
    free(report);
    return 1;
}
