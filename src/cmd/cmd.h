/* The handlers of src/cmd/, one entry per row of the command table in src/commands.c.
 * Each returns the process exit code: 0 done, 1 failed or refused, 2 usage or configuration. */
#ifndef WZ_CMD_H
#define WZ_CMD_H

#include <stdio.h>

#include "commands.h"

int cmd_config_show(struct wz_ctx *ctx, const struct wz_args *args);
int cmd_config_validate(struct wz_ctx *ctx, const struct wz_args *args);
int cmd_migrate_up(struct wz_ctx *ctx, const struct wz_args *args);
int cmd_migrate_down(struct wz_ctx *ctx, const struct wz_args *args);
int cmd_migrate_status(struct wz_ctx *ctx, const struct wz_args *args);
int cmd_migrate_history(struct wz_ctx *ctx, const struct wz_args *args);
int cmd_migrate_create(struct wz_ctx *ctx, const struct wz_args *args);
int cmd_migrate_merge(struct wz_ctx *ctx, const struct wz_args *args);
int cmd_migrate_stamp(struct wz_ctx *ctx, const struct wz_args *args);
int cmd_migrate_check(struct wz_ctx *ctx, const struct wz_args *args);

int cmd_init_prod(struct wz_ctx *ctx, const struct wz_args *args);
int cmd_db_export(struct wz_ctx *ctx, const struct wz_args *args);
int cmd_seed_demo(struct wz_ctx *ctx, const struct wz_args *args);
/* The modes section of `seed-demo --help` (the command row's more_help). */
void cmd_seed_demo_help(FILE *f);
int cmd_db_backup(struct wz_ctx *ctx, const struct wz_args *args);
int cmd_db_restore(struct wz_ctx *ctx, const struct wz_args *args);
int cmd_db_reset(struct wz_ctx *ctx, const struct wz_args *args);
int cmd_validate(struct wz_ctx *ctx, const struct wz_args *args);
int cmd_verify(struct wz_ctx *ctx, const struct wz_args *args);
int cmd_serve(struct wz_ctx *ctx, const struct wz_args *args);
/* serve's option values (a port, a thread count, an address), before any database. */
int cmd_serve_check(const struct wz_args *args, struct wz_err *err);

#endif
