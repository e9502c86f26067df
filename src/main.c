/*
 * wizamart: load the settings once, find the command in the table, check its preconditions,
 * run it, flush stdout, and map the result to the contract's exit code (docs/cli.md).
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "core/out.h"
#include "core/settings.h"
#include "core/spell.h"
#include "migrate/meta.h"
#include "migrate/runner.h"
#include "opener.h"

#ifndef WZ_VERSION
#define WZ_VERSION "0.1.0"
#endif

extern char **environ;

#define GENERAL_USAGE "usage: wizamart [--env-file PATH] COMMAND [OPTIONS]\nsee 'wizamart --help'\n"

static const char *process_getenv(const char *name, void *ctx)
{
    (void)ctx;
    return getenv(name);
}

/* The closest command name (or subcommand of parent) within two edits, or NULL. */
static const char *nearest_command(const char *word, const char *parent)
{
    const char *best = NULL;
    size_t best_d = 3;
    for (const struct wz_command *c = wz_commands; c->name != NULL; c++) {
        if (parent != NULL && (c->sub == NULL || strcmp(c->name, parent) != 0))
            continue;
        const char *cand = parent != NULL ? c->sub : c->name;
        size_t d = wz_spell_distance(word, cand);
        if (d < best_d) {
            best_d = d;
            best = cand;
        }
    }
    return best;
}

/*
 * A variable one letter away from a setting (DATABSE_URL) is almost always a typo that leaves
 * the setting at its default, silently. Only names shaped like ours (uppercase, with '_') are
 * compared, and only the name is printed: the value may be a password.
 */
static void warn_near_miss_variables(void)
{
    size_t n;
    const struct wz_setting_def *table = wz_settings_table(&n);
    for (char **e = environ; e != NULL && *e != NULL; e++) {
        const char *eq = strchr(*e, '=');
        size_t len = eq != NULL ? (size_t)(eq - *e) : strlen(*e);
        char name[64];
        if (len == 0 || len >= sizeof(name))
            continue;
        memcpy(name, *e, len);
        name[len] = '\0';
        if (strchr(name, '_') == NULL ||
            strspn(name, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") != len ||
            wz_settings_find(name) != NULL)
            continue;
        for (size_t i = 0; i < n; i++) {
            if (wz_spell_within(name, table[i].name, 1)) {
                wz_out_warning("the environment variable %s is not a setting; did you mean %s?",
                               name, table[i].name);
                break;
            }
        }
    }
}

/* A usage error: the message, the command's usage line and where the full help is. */
static int usage_error(const struct wz_command *cmd, const char *msg)
{
    wz_out_error("%s", msg);
    char name[64];
    snprintf(name, sizeof(name), "%s%s%s", cmd->name, cmd->sub ? " " : "",
             cmd->sub ? cmd->sub : "");
    fprintf(stderr, "usage: wizamart [--env-file PATH] %s%s%s\nsee 'wizamart %s --help'\n", name,
            cmd->synopsis[0] != '\0' ? " " : "", cmd->synopsis, name);
    return 2;
}

/* Refuses a production-only-by-force or never-in-production command. Returns 0 to go on.
 * "Production" here is already the stricter of the settings and the database's stamp. */
static int check_production(const struct wz_command *cmd, const struct wz_args *args,
                            const struct wz_settings *s)
{
    if (!(cmd->flags & WZ_CMD_NOT_IN_PROD) || !wz_settings_is_production(s))
        return 0;
    const char *why = wz_settings_production_reason(s);
    if ((cmd->flags & WZ_CMD_FORCE_IN_PROD) && wz_args_has(args, "force")) {
        wz_out_warning("running '%s %s' in production because --force was given", cmd->name,
                       cmd->sub != NULL ? cmd->sub : "");
        return 0;
    }
    const char *refusal = cmd->refusal != NULL ? cmd->refusal : "refused in production";
    if (cmd->flags & WZ_CMD_FORCE_IN_PROD)
        wz_out_error("%s (%s); nothing was changed. Add --force if you really mean it", refusal,
                     why);
    else
        wz_out_error("%s (%s); nothing was changed", refusal, why);
    return 1;
}

/*
 * The steps of a run. Each that can end it returns whether to go on, and otherwise the exit
 * code in *code (0 after --help or --version, 2 for bad usage), having printed why.
 */

/* The options before the command: --env-file, --version, --help. */
static bool parse_global_options(int argc, char **argv, int *i, const char **env_file, int *code)
{
    for (; *i < argc && argv[*i][0] == '-'; (*i)++) {
        const char *arg = argv[*i];
        if (strcmp(arg, "--version") == 0) {
            printf("wizamart %s\n", WZ_VERSION);
            *code = 0;
            return false;
        }
        if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
            wz_commands_print_list(NULL, true);
            *code = 0;
            return false;
        }
        if (strncmp(arg, "--env-file=", 11) == 0) {
            *env_file = arg + 11;
        } else if (strcmp(arg, "--env-file") == 0) {
            if (*i + 1 >= argc) {
                wz_out_error("option '--env-file' needs a path");
                *code = 2;
                return false;
            }
            *env_file = argv[++(*i)];
        } else {
            wz_out_error("unknown option '%s'", arg);
            fprintf(stderr, "%s", GENERAL_USAGE);
            *code = 2;
            return false;
        }
        if ((*env_file)[0] == '\0') {
            wz_out_error("option '--env-file' needs a non-empty path");
            *code = 2;
            return false;
        }
    }
    return true;
}

/* The command's row, from its name and, for a group (`migrate up`), its subcommand; a
 * group without one, or with --help, lists the group's commands. */
static bool find_command(int argc, char **argv, int *i, const struct wz_command **cmd, int *code)
{
    *code = 2;
    if (*i >= argc) {
        wz_commands_print_list(NULL, false);
        return false;
    }
    const char *name = argv[(*i)++];
    if (!wz_command_has_subs(name)) {
        *cmd = wz_command_find(name, NULL);
        if (*cmd != NULL)
            return true;
        const char *near = nearest_command(name, NULL);
        if (near != NULL)
            wz_out_error("unknown command '%s'; did you mean '%s'?", name, near);
        else
            wz_out_error("unknown command '%s'", name);
        fprintf(stderr, "%s", GENERAL_USAGE);
        return false;
    }
    if (*i >= argc || strcmp(argv[*i], "--help") == 0 || strcmp(argv[*i], "-h") == 0) {
        bool asked = *i < argc;
        wz_commands_print_list(name, asked);
        *code = asked ? 0 : 2;
        return false;
    }
    const char *sub = argv[*i];
    *cmd = wz_command_find(name, sub);
    if (*cmd != NULL) {
        (*i)++;
        return true;
    }
    const char *near = nearest_command(sub, name);
    if (near != NULL)
        wz_out_error("unknown command 'wizamart %s %s'; did you mean 'wizamart %s %s'?", name, sub,
                     name, near);
    else
        wz_out_error("unknown command 'wizamart %s %s'", name, sub);
    fprintf(stderr,
            "usage: wizamart [--env-file PATH] %s COMMAND [OPTIONS]\nsee 'wizamart %s --help'\n",
            name, name);
    return false;
}

/* The command's own options and arguments, checked against its row; --help prints its help. */
static bool parse_command_args(const struct wz_command *cmd, int argc, char **argv,
                               struct wz_args *args, int *code)
{
    struct wz_err err;
    wz_err_clear(&err);
    bool help = false;
    if (wz_args_parse(cmd, argc, argv, args, &help, &err) != WZ_OK) {
        *code = usage_error(cmd, err.msg);
        return false;
    }
    if (help) {
        wz_command_print_help(cmd, true);
        *code = 0;
        return false;
    }
    return true;
}

/* The settings, once: the environment over the env file over the defaults, validated. A bad
 * value exits 2, out of memory 1. */
static bool load_settings(const char *env_file, struct wz_settings *settings, int *code)
{
    struct wz_err err;
    wz_err_clear(&err);
    warn_near_miss_variables();
    int rc = wz_settings_load(settings, env_file, process_getenv, NULL, &err);
    if (rc == WZ_OK)
        return true;
    wz_out_error("%s", err.msg);
    wz_settings_release(settings);
    *code = wz_err_exit_code(rc) == 1 ? 1 : 2;
    return false;
}

/* What the command's row asks for before it runs: its revision files checked, the database
 * opened (src/opener.c) and its environment stamp applied to the settings. Returns the exit
 * code, 0 to go on; *db is the caller's to close either way. */
static int prepare_context(const struct wz_command *cmd, const struct wz_args *args,
                           struct wz_settings *settings, struct wz_db **db)
{
    struct wz_err err;
    wz_err_clear(&err);
    if ((cmd->flags & WZ_CMD_CHECK_REVISIONS) && !wz_args_has(args, "sql")) {
        int rc = wz_migrate_check_dir(settings->migrations_dir, &err);
        if (rc != WZ_OK) {
            wz_out_error("%s", err.msg);
            return wz_err_exit_code(rc);
        }
    }
    if (cmd->flags & WZ_CMD_DB) {
        int rc = wz_open_db(args, settings, db, &err);
        if (rc != WZ_OK) {
            wz_out_error("%s", err.msg);
            return wz_err_exit_code(rc);
        }
    }
    if (*db != NULL) {
        if (wz_meta_apply_stamp(*db, settings, &err) != WZ_OK) {
            wz_out_error("%s", err.msg);
            return 1;
        }
        if (settings->env_from_stamp)
            wz_out_warning("the database is stamped as a production database: acting as "
                           "production although ENVIRONMENT is not production");
    }
    return 0;
}

static int run(int argc, char **argv)
{
    int i = 1;
    int code = 0;
    const char *env_file = NULL;
    const struct wz_command *cmd = NULL;
    struct wz_args args;
    if (!parse_global_options(argc, argv, &i, &env_file, &code) ||
        !find_command(argc, argv, &i, &cmd, &code) ||
        !parse_command_args(cmd, argc - i, argv + i, &args, &code))
        return code;
    struct wz_settings settings;
    if (!load_settings(env_file, &settings, &code))
        return code;
    struct wz_ctx ctx = {.settings = &settings, .db = NULL};
    code = prepare_context(cmd, &args, &settings, &ctx.db);
    if (code == 0)
        code = check_production(cmd, &args, &settings);
    if (code == 0)
        code = cmd->run(&ctx, &args);
    wz_db_close(ctx.db);
    wz_settings_release(&settings);
    return code;
}

int main(int argc, char **argv)
{
    /* A write past the file size limit (a full disk's stand-in) must fail as an error the
     * command reports and cleans up after, not kill the process mid-file. */
    signal(SIGXFSZ, SIG_IGN);
    wz_out_init(getenv("NO_COLOR") != NULL && getenv("NO_COLOR")[0] != '\0');
    int code = run(argc, argv);
    int out = wz_out_finish();
    if (out == WZ_ENOMEM) {
        fprintf(stderr, "error: out of memory: some output could not be masked and was left "
                        "out\n");
        if (code == 0)
            code = 1;
    } else if (out != 0) {
        fprintf(stderr, "error: cannot write the output: the disk may be full or the pipe "
                        "closed\n");
        if (code == 0)
            code = 1;
    }
    wz_out_release();
    return code;
}
