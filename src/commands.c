/*
 * THE table of commands, and the generic argument parsing and help over it. A command is
 * one row here, one handler in src/cmd/, its help text, and its tests (docs/adding.md).
 */
#include "commands.h"

#include <stdio.h>
#include <string.h>

#include "cmd/cmd.h"

static const struct wz_opt_spec json_opt[] = {
    {"json", 0, false, NULL, "print JSON for scripts"},
    {0},
};

static const struct wz_opt_spec db_backup_opts[] = {
    {"output", 'o', true, "PATH", "write to PATH (a new file, or a folder) instead of BACKUP_DIR"},
    {0},
};

static const struct wz_opt_spec db_restore_opts[] = {
    {"yes", 'y', false, NULL, "do not ask for confirmation"},
    {"force", 0, false, NULL, "allow the restore in production"},
    {0},
};

const struct wz_command wz_commands[] = {
    {
        .name = "config",
        .sub = "show",
        .run = cmd_config_show,
        .flags = 0,
        .opts = json_opt,
        .synopsis = "[--json]",
        .summary = "show every setting, its value and its source, secrets masked",
        .help = "Prints the environment and every setting with where its value came from:\n"
                "the process environment, the .env file (path:line) or the default.\n"
                "Passwords, the JWT secret and a password inside DATABASE_URL are masked.",
    },
    {
        .name = "config",
        .sub = "validate",
        .run = cmd_config_validate,
        .flags = 0,
        .synopsis = "",
        .summary = "production checks; exit 1 on any warning in production",
        .help = "Checks the settings an operator must change before production: the default\n"
                "admin password and JWT secret, DEBUG, a wildcard in ALLOWED_HOSTS, a weak admin\n"
                "password, SQLite as the production database, a .env readable by other users.\n"
                "In production any warning exits 1; elsewhere the checks are shown, exit 0.",
    },
    {
        .name = "db",
        .sub = "backup",
        .run = cmd_db_backup,
        .flags = WZ_CMD_SETTINGS | WZ_CMD_DB,
        .opts = db_backup_opts,
        .synopsis = "[--output PATH]",
        .summary = "back up the database into BACKUP_DIR (make backup-db)",
        .help = "SQLite: a consistent copy through SQLite's online backup API, even while\n"
                "other processes write; PostgreSQL: pg_dump --format=custom (credentials\n"
                "passed through the environment, never the command line). The file is\n"
                "created with mode 0600 as BACKUP_DIR/<db>-YYYYmmddTHHMMSSZ.sqlite (.dump),\n"
                "checked after writing (PRAGMA integrity_check / pg_restore --list), and only\n"
                "the BACKUP_KEEP newest backups are kept (never removing the newest\n"
                "pre-migrate one). Prints the path and the size.",
    },
    {
        .name = "db",
        .sub = "restore",
        .run = cmd_db_restore,
        .flags = WZ_CMD_SETTINGS | WZ_CMD_DB | WZ_CMD_NOT_IN_PROD | WZ_CMD_FORCE_IN_PROD,
        .min_pos = 1,
        .max_pos = 1,
        .opts = db_restore_opts,
        .synopsis = "PATH [--yes] [--force]",
        .summary = "replace the database's content with a backup",
        .help = "Checks the file first (a SQLite database passing PRAGMA integrity_check, or a\n"
                "dump pg_restore can read, holding the wizamart_migrations table), asks for\n"
                "confirmation, backs up the current database into BACKUP_DIR, then restores in\n"
                "one transaction: the database is either fully restored or unchanged.\n"
                "In production --force is needed as well.",
        .refusal = "refusing to restore over a production database",
    },
    {0},
};

const struct wz_command *wz_command_find(const char *name, const char *sub)
{
    for (const struct wz_command *c = wz_commands; c->name != NULL; c++) {
        if (strcmp(c->name, name) != 0)
            continue;
        if (sub == NULL && c->sub == NULL)
            return c;
        if (sub != NULL && c->sub != NULL && strcmp(c->sub, sub) == 0)
            return c;
    }
    return NULL;
}

bool wz_command_has_subs(const char *name)
{
    for (const struct wz_command *c = wz_commands; c->name != NULL; c++)
        if (strcmp(c->name, name) == 0 && c->sub != NULL)
            return true;
    return false;
}

static int opt_index(const struct wz_command *cmd, const char *name, size_t len, char shortname)
{
    if (cmd->opts == NULL)
        return -1;
    for (int i = 0; i < WZ_MAX_OPTS && cmd->opts[i].name != NULL; i++) {
        const struct wz_opt_spec *o = &cmd->opts[i];
        if (shortname != 0 ? o->shortname == shortname
                           : strlen(o->name) == len && strncmp(o->name, name, len) == 0)
            return i;
    }
    return -1;
}

static const char *full_name(const struct wz_command *cmd, char *buf, size_t size)
{
    snprintf(buf, size, "%s%s%s", cmd->name, cmd->sub ? " " : "", cmd->sub ? cmd->sub : "");
    return buf;
}

int wz_args_parse(const struct wz_command *cmd, int argc, char **argv, struct wz_args *out,
                  bool *help_wanted, struct wz_err *err)
{
    char name[64];
    memset(out, 0, sizeof(*out));
    out->cmd = cmd;
    out->pos = argv; /* positionals are compacted in place, in order */
    *help_wanted = false;
    bool only_pos = false;
    for (int i = 0; i < argc; i++) {
        char *a = argv[i];
        if (!only_pos && strcmp(a, "--") == 0) {
            only_pos = true;
            continue;
        }
        if (only_pos || a[0] != '-' || a[1] == '\0' || (a[1] >= '0' && a[1] <= '9')) {
            out->pos[out->npos++] = a;
            continue;
        }
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            *help_wanted = true;
            return WZ_OK;
        }
        int idx;
        const char *value = NULL;
        if (a[1] == '-') {
            const char *eq = strchr(a + 2, '=');
            size_t len = eq != NULL ? (size_t)(eq - (a + 2)) : strlen(a + 2);
            idx = opt_index(cmd, a + 2, len, 0);
            if (eq != NULL)
                value = eq + 1;
        } else {
            idx = a[2] == '\0' ? opt_index(cmd, NULL, 0, a[1]) : -1;
        }
        if (idx < 0)
            return wz_err_set(err, WZ_EUSAGE,
                              "unknown option '%s' for 'wizamart %s'; see "
                              "'wizamart %s --help'",
                              a, full_name(cmd, name, sizeof(name)), name);
        const struct wz_opt_spec *o = &cmd->opts[idx];
        if (o->takes_value && value == NULL) {
            if (i + 1 >= argc)
                return wz_err_set(err, WZ_EUSAGE, "option '--%s' needs a value (%s)", o->name,
                                  o->value != NULL ? o->value : "VALUE");
            value = argv[++i];
        } else if (!o->takes_value && value != NULL) {
            return wz_err_set(err, WZ_EUSAGE, "option '--%s' takes no value", o->name);
        }
        out->present[idx] = true;
        out->values[idx] = value;
    }
    full_name(cmd, name, sizeof(name));
    if (out->npos < cmd->min_pos)
        return wz_err_set(err, WZ_EUSAGE, "'wizamart %s' needs %s argument%s: wizamart %s %s", name,
                          cmd->min_pos == 1 ? "an" : "more", cmd->min_pos == 1 ? "" : "s", name,
                          cmd->synopsis);
    if (out->npos > cmd->max_pos)
        return wz_err_set(err, WZ_EUSAGE,
                          "unexpected argument '%s' for 'wizamart %s'; usage: "
                          "wizamart %s %s",
                          out->pos[cmd->max_pos], name, name, cmd->synopsis);
    return WZ_OK;
}

bool wz_args_has(const struct wz_args *args, const char *name)
{
    const struct wz_command *cmd = args->cmd;
    int idx = opt_index(cmd, name, strlen(name), 0);
    return idx >= 0 && args->present[idx];
}

const char *wz_args_get(const struct wz_args *args, const char *name)
{
    const struct wz_command *cmd = args->cmd;
    int idx = opt_index(cmd, name, strlen(name), 0);
    return idx >= 0 && args->present[idx] ? args->values[idx] : NULL;
}

void wz_command_print_help(const struct wz_command *cmd, bool to_stdout)
{
    FILE *f = to_stdout ? stdout : stderr;
    char name[64];
    fprintf(f, "usage: wizamart [--env-file PATH] %s %s\n\n%s\n",
            full_name(cmd, name, sizeof(name)), cmd->synopsis, cmd->summary);
    if (cmd->help != NULL)
        fprintf(f, "\n%s\n", cmd->help);
    if (cmd->opts != NULL && cmd->opts[0].name != NULL) {
        fprintf(f, "\noptions:\n");
        for (const struct wz_opt_spec *o = cmd->opts; o->name != NULL; o++) {
            char left[64];
            if (o->shortname)
                snprintf(left, sizeof(left), "-%c, --%s%s%s", o->shortname, o->name,
                         o->takes_value ? " " : "", o->takes_value ? o->value : "");
            else
                snprintf(left, sizeof(left), "    --%s%s%s", o->name, o->takes_value ? " " : "",
                         o->takes_value ? o->value : "");
            fprintf(f, "  %-26s %s\n", left, o->help);
        }
    }
    fprintf(f, "  %-26s %s\n", "-h, --help", "show this help");
}

void wz_commands_print_list(const char *name, bool to_stdout)
{
    FILE *f = to_stdout ? stdout : stderr;
    if (name == NULL) {
        fprintf(f, "usage: wizamart [--env-file PATH] COMMAND [OPTIONS]\n"
                   "       wizamart --version | --help\n\ncommands:\n");
    } else {
        fprintf(f, "usage: wizamart [--env-file PATH] %s COMMAND [OPTIONS]\n\ncommands:\n", name);
    }
    for (const struct wz_command *c = wz_commands; c->name != NULL; c++) {
        if (name != NULL && strcmp(c->name, name) != 0)
            continue;
        char full[64], left[128];
        snprintf(left, sizeof(left), "%s %s", full_name(c, full, sizeof(full)), c->synopsis);
        fprintf(f, "  %-40s %s\n", left, c->summary);
    }
    fprintf(f, "\nRun 'wizamart COMMAND --help' for a command's options.\n");
}
