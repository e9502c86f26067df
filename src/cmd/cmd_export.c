/* wizamart db export: the canonical text of every model table (src/ops/export.h), to stdout or
 * into a file, for comparing two databases whatever their dialect. */
#include <stdio.h>

#include "cmd/cmd.h"
#include "core/out.h"
#include "ops/export.h"

int cmd_db_export(struct wz_ctx *ctx, const struct wz_args *args)
{
    struct wz_err err;
    wz_err_clear(&err);
    struct wz_export_options opt = {.exclude_timestamps = wz_args_has(args, "exclude-timestamps")};
    struct wz_export_result res;
    const char *path = wz_args_get(args, "output");
    int rc;
    if (path != NULL && *path != '\0') {
        rc = wz_export_to_file(ctx->db, &opt, path, &res, &err);
    } else {
        /* stdout carries the data alone; wz_out_finish reports a failed write */
        rc = wz_export_stream(ctx->db, &opt, stdout, &res, &err);
    }
    if (rc != WZ_OK) {
        wz_out_error("cannot export %s: %s", ctx->settings->db_url.redacted, err.msg);
        return 1;
    }
    if (path != NULL && *path != '\0')
        wz_out_ok("Exported %lld rows of %zu tables to %s", (long long)res.rows, res.tables, path);
    return 0;
}
