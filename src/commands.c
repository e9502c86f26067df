/*
 * THE table of commands, and the generic argument parsing and help over it. A command is
 * one row here, one handler in src/cmd/, its help text, and its tests (docs/extending.md,
 * "A command").
 */
#include "commands.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "ops/backup.h"
#include "seed/seed_demo.h"

static const struct wz_opt_spec json_opt[] = {
    {"json", 0, false, NULL, "print JSON for scripts"},
    {0},
};

static const struct wz_opt_spec db_backup_opts[] = {
    {"output", 'o', true, "PATH", "write to PATH (a new file, or a folder) instead of BACKUP_DIR"},
    {"verify", 0, true, "LEVEL", "check the SQLite copy: quick (default) or full (every index)"},
    {0},
};

static const struct wz_opt_spec db_export_opts[] = {
    {"output", 'o', true, "PATH", "write into PATH (replaced when complete) instead of stdout"},
    {"exclude-timestamps", 0, false, NULL, "leave out created_at and updated_at"},
    {0},
};

static const struct wz_opt_spec db_reset_opts[] = {
    {"yes", 'y', false, NULL, "do not ask for confirmation"},
    {0},
};

static const struct wz_opt_spec db_restore_opts[] = {
    {"yes", 'y', false, NULL, "do not ask for confirmation"},
    {"force", 0, false, NULL, "allow the restore in production"},
    {0},
};

static const struct wz_opt_spec migrate_up_opts[] = {
    {"sql", 0, false, NULL, "print the SQL that would run; touch nothing"},
    {0},
};

static const struct wz_opt_spec migrate_stamp_opts[] = {
    {"force", 0, false, NULL, "allow it on a production database"},
    {0},
};

static const struct wz_opt_spec migrate_down_opts[] = {
    {"sql", 0, false, NULL, "print the SQL that would run; touch nothing"},
    {"force", 0, false, NULL, "allow the rollback on a production database"},
    {0},
};

static const struct wz_opt_spec migrate_status_opts[] = {
    {"json", 0, false, NULL, "print JSON for scripts"},
    {"exit-code", 0, false, NULL, "exit 1 when a revision is pending (deploy gates)"},
    {0},
};

static const struct wz_opt_spec migrate_create_opts[] = {
    {"message", 'm', true, "MSG", "what the revision does (one line)"},
    {"empty", 0, false, NULL, "write an empty template instead of autogenerating"},
    {0},
};

static const struct wz_opt_spec migrate_merge_opts[] = {
    {"message", 'm', true, "MSG", "what the merge revision says"},
    {0},
};

static const struct wz_opt_spec seed_demo_opts[] = {
    {"mode", 0, true, "MODE", "one of the modes above (default: the first)"},
    {"yes", 'y', false, NULL, "confirm a reset without asking"},
    {"verbose", 'v', false, NULL, "list every table, also when nothing was left to do"},
    {0},
};

static const struct wz_opt_spec serve_opts[] = {
    {"host", 0, true, "HOST", "listen address (default: SERVER_HOST)"},
    {"port", 'p', true, "PORT", "listen port, 0 for any free one (default: SERVER_PORT)"},
    {"threads", 0, true, "N", "request threads (default: SERVER_THREADS, 0 = one per core)"},
    {0},
};

static int check_seed_demo(const struct wz_args *a, struct wz_err *err);
static int check_migrate_down(const struct wz_args *a, struct wz_err *err);
static int check_db_backup(const struct wz_args *a, struct wz_err *err);

static const struct wz_opt_spec init_prod_opts[] = {
    {"verbose", 'v', false, NULL, "list every item, also when nothing was left to do"},
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
        .name = "migrate",
        .sub = "up",
        .run = cmd_migrate_up,
        .flags = WZ_CMD_DB | WZ_CMD_CREATE_DB | WZ_CMD_CHECK_REVISIONS,
        .min_pos = 0,
        .max_pos = 1,
        .opts = migrate_up_opts,
        .synopsis = "[TARGET] [--sql]",
        .summary = "apply pending revisions (TARGET: a revision or \"heads\")",
        .help = "Applies the pending revisions of MIGRATIONS_DIR in order, up to the single\n"
                "head (or up to TARGET, a revision id or a unique prefix of 4+ characters).\n"
                "Each revision runs in one transaction with its bookkeeping row: a failure\n"
                "leaves the database as it was before that revision. Refused when a revision\n"
                "file has a problem, an applied file was edited or deleted, or there are\n"
                "several heads (join them with `migrate merge`). One run at a time: a second\n"
                "one waits up to MIGRATE_LOCK_TIMEOUT seconds. --sql prints the SQL instead.",
    },
    {
        .name = "migrate",
        .sub = "down",
        .run = cmd_migrate_down,
        .flags = WZ_CMD_DB | WZ_CMD_NOT_IN_PROD | WZ_CMD_FORCE_IN_PROD,
        .min_pos = 0,
        .max_pos = 1,
        .opts = migrate_down_opts,
        .check = check_migrate_down,
        .synopsis = "[N|REV|base] [--sql] [--force]",
        .summary = "roll back (default: 1 step; --force in production)",
        .help = "Reverts the last applied revision, or N of them, or every revision applied\n"
                "after REV (REV stays), or everything (base), newest first, each in one\n"
                "transaction. A revision without downgrade statements is refused before\n"
                "anything runs. --sql prints the SQL instead.",
        .refusal = "refusing to roll back migrations on a production database",
    },
    {
        .name = "migrate",
        .sub = "status",
        .run = cmd_migrate_status,
        .flags = WZ_CMD_DB | WZ_CMD_MISSING_IS_EMPTY,
        .min_pos = 0,
        .max_pos = 0,
        .opts = migrate_status_opts,
        .synopsis = "[--json] [--exit-code]",
        .summary = "current, heads, pending, problems",
        .help = "Shows the database's current revision(s), the head(s), the applied and\n"
                "pending revisions, and every problem: unreadable files, duplicate ids,\n"
                "missing parents, cycles, applied files edited or deleted, several heads.\n"
                "Exits 1 when there is a problem; with --exit-code also when a revision is\n"
                "pending. Writes nothing.",
    },
    {
        .name = "migrate",
        .sub = "history",
        .run = cmd_migrate_history,
        .flags = 0,
        .min_pos = 0,
        .max_pos = 0,
        .opts = json_opt,
        .synopsis = "[--json]",
        .summary = "the revision graph, newest first",
        .help =
            "Lists the revisions of MIGRATIONS_DIR newest first as \"parents -> id, message\",\n"
            "marking heads, branch points and merge points. Needs no database.",
    },
    {
        .name = "migrate",
        .sub = "create",
        .run = cmd_migrate_create,
        .flags = 0,
        .min_pos = 0,
        .max_pos = 0,
        .opts = migrate_create_opts,
        .synopsis = "-m MSG [--empty]",
        .summary = "autogenerate from the models / empty template",
        .help = "Writes MIGRATIONS_DIR/<id>_<slug>.sql whose parent is the current head.\n"
                "With --empty the file is a template to fill in (docs/migrations.md).",
    },
    {
        .name = "migrate",
        .sub = "merge",
        .run = cmd_migrate_merge,
        .flags = 0,
        .min_pos = 0,
        .max_pos = 0,
        .opts = migrate_merge_opts,
        .synopsis = "-m MSG",
        .summary = "a revision that joins several heads",
        .help = "Writes a revision whose down_revision lists every head, so that the graph has\n"
                "one head again and `migrate up` can run.",
    },
    {
        .name = "migrate",
        .sub = "stamp",
        .run = cmd_migrate_stamp,
        .flags = WZ_CMD_DB | WZ_CMD_NOT_IN_PROD | WZ_CMD_FORCE_IN_PROD,
        .min_pos = 1,
        .max_pos = 1,
        .opts = migrate_stamp_opts,
        .refusal = "refusing to rewrite the migration history of a production database",
        .synopsis = "REV|heads|base [--force]",
        .summary = "mark the database as at REV without running anything",
        .help = "Records REV and its ancestors as applied, and forgets applied revisions that\n"
                "descend from REV, without running their SQL: for a database whose schema was\n"
                "built another way. `base` forgets every applied revision.",
    },
    {
        .name = "migrate",
        .sub = "check",
        .run = cmd_migrate_check,
        .flags = 0,
        .synopsis = "",
        .summary = "exit 1 when the models have changes no revision captures",
        .help = "Applies the revisions in MIGRATIONS_DIR to a scratch in-memory SQLite database,\n"
                "compares the schema they build with the models (src/schema/models.c) and lists\n"
                "every difference. Exit 0 when there is none, 1 when there are (create the\n"
                "revision with `make migrate-create message=\"...\"`). No database is opened.",
    },
    {
        .name = "init-prod",
        .run = cmd_init_prod,
        .flags = WZ_CMD_DB,
        .opts = init_prod_opts,
        .synopsis = "[-v]",
        .summary = "admin user, admin settings, roles and permissions (safe everywhere)",
        .help =
            "Creates what the platform needs to run, when missing: the platform admin from\n"
            "the ADMIN_* settings (password hashed with Argon2id), the essential admin\n"
            "settings, the permissions and the role templates; then verifies RBAC. All in one\n"
            "transaction; a second run changes nothing. An existing admin's password and\n"
            "settings an administrator changed are never overwritten. In production it refuses\n"
            "the default ADMIN_PASSWORD or JWT_SECRET_KEY and a weak admin password.\n"
            "Needs the database at head: run 'make migrate-up' first.",
    },
    {
        .name = "seed-demo",
        .sub = NULL,
        .run = cmd_seed_demo,
        .flags = WZ_CMD_DB | WZ_CMD_NOT_IN_PROD,
        .min_pos = 0,
        .max_pos = 0,
        .opts = seed_demo_opts,
        .check = check_seed_demo,
        .synopsis = "[--mode MODE] [--yes] [-v]",
        .summary = "create demo stores, teams, customers, products and orders (not in production)",
        .help = "The first stores are the DEMO_STORES list (store1@example.com / password123,\n"
                "...). A reset asks first (--yes confirms). Idempotent and additive: a second\n"
                "run creates nothing, a raised count adds only what is missing. The same\n"
                "settings and SEED_RANDOM_SEED give the same data. Needs `make migrate-up` and\n"
                "`make init-prod` first; refused in production.",
        .more_help = cmd_seed_demo_help,
        .refusal = "Cannot run demo seeding in production!",
    },
    {
        .name = "db",
        .sub = "backup",
        .run = cmd_db_backup,
        .flags = WZ_CMD_DB,
        .opts = db_backup_opts,
        .check = check_db_backup,
        .synopsis = "[--output PATH] [--verify=quick|full]",
        .summary = "back up the database into BACKUP_DIR (make backup-db)",
        .help = "SQLite: a consistent copy through SQLite's online backup API, even while\n"
                "other processes write; PostgreSQL: pg_dump --format=custom (credentials\n"
                "passed through the environment, never the command line). The file is\n"
                "created with mode 0600 as BACKUP_DIR/<db>-YYYYmmddTHHMMSSZ.sqlite (.dump),\n"
                "checked after writing (PRAGMA quick_check, or integrity_check with\n"
                "--verify=full / pg_restore --list), fsynced, then named; only the\n"
                "BACKUP_KEEP newest backups are kept (never removing the newest pre-migrate\n"
                "one). Prints the path and the size.",
    },
    {
        .name = "db",
        .sub = "restore",
        .run = cmd_db_restore,
        .flags = WZ_CMD_DB | WZ_CMD_NOT_IN_PROD | WZ_CMD_FORCE_IN_PROD | WZ_CMD_CREATE_DB,
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
    {
        .name = "db",
        .sub = "reset",
        .run = cmd_db_reset,
        .flags = WZ_CMD_DB | WZ_CMD_NOT_IN_PROD | WZ_CMD_CREATE_DB,
        .min_pos = 0,
        .max_pos = 0,
        .opts = db_reset_opts,
        .synopsis = "[--yes]",
        .summary = "rebuild the database: down to base, up, init-prod, seed-demo (not in "
                   "production)",
        .help = "The guide's nuclear option (make db-reset). Asks first (--yes, or make db-reset\n"
                "YES=1, confirms), backs the database up into BACKUP_DIR, reverts every\n"
                "revision, applies them all again, then runs init-prod and seed-demo. Refused\n"
                "when ENVIRONMENT or the database's own stamp says production.",
        .refusal = "refusing to reset a production database",
    },
    {
        .name = "db",
        .sub = "export",
        .run = cmd_db_export,
        .flags = WZ_CMD_DB,
        .min_pos = 0,
        .max_pos = 0,
        .opts = db_export_opts,
        .synopsis = "[--output PATH] [--exclude-timestamps]",
        .summary = "every table's rows as canonical text, the same on SQLite and PostgreSQL",
        .help = "Writes every model table in model order, rows in primary key order, columns in\n"
                "model order, each value in one form on both dialects (booleans true/false,\n"
                "timestamps YYYY-MM-DDTHH:MM:SSZ in UTC, JSON with sorted keys, NULL as \\N),\n"
                "from one consistent snapshot. Two databases holding the same data give\n"
                "byte-identical exports: compare them with cmp or diff. --exclude-timestamps\n"
                "leaves out created_at and updated_at, the times rows were written. The file\n"
                "is created with mode 0600 (it holds password hashes). docs/export.md.",
    },
    {
        .name = "verify",
        .run = cmd_verify,
        .flags = WZ_CMD_CONNECTS,
        .min_pos = 0,
        .max_pos = 0,
        .opts = json_opt,
        .synopsis = "[--json]",
        .summary = "the setup checklist, one line per check with its fix (make verify-setup)",
        .help = "Checks: settings valid; database reachable (never created); migrations at head\n"
                "with matching checksums; live schema equal to the models; platform admin\n"
                "present and active; every admin setting, permission and role template present;\n"
                "production settings (required in production); demo data: in development the\n"
                "counts the SEED_* settings ask for, in production none at all.\n"
                "Exit 0 only when every required check holds.",
    },
    {
        .name = "serve",
        .run = cmd_serve,
        .flags = WZ_CMD_DB,
        .min_pos = 0,
        .max_pos = 0,
        .opts = serve_opts,
        .check = cmd_serve_check,
        .synopsis = "[--host HOST] [--port PORT] [--threads N]",
        .summary = "the platform server: the API, /docs, the admin and store panels (make dev)",
        .help = "Serves the JSON API under /api/v1, its OpenAPI document at /openapi.json,\n"
                "Swagger UI at /docs, the admin panel at /admin/login and the store panel at\n"
                "/store/login, with /healthz and /readyz for load balancers. Refuses to start\n"
                "(exit 1) when the database is missing, not at head or has no active platform\n"
                "admin, and in production when a setting is insecure. SIGINT or SIGTERM stop\n"
                "it gracefully: no new connections, the requests in flight finish, exit 0.\n"
                "One access-log line per request on stderr. docs/server.md.",
    },
    {
        .name = "validate",
        .run = cmd_validate,
        .flags = WZ_CMD_CONNECTS,
        .min_pos = 0,
        .max_pos = 1,
        .opts = json_opt,
        .synopsis = "[config|migrations|schema|data|all|RULE] [--json]",
        .summary = "find what no constraint can: unsafe settings, migration, schema and data "
                   "problems",
        .help = "Runs the validators (default: all) and prints each finding with its table, row\n"
                "and rule. Rules: config.production; migrations; schema; data.order_totals,\n"
                "data.cross_store, data.orphans, data.customer_emails, data.password_hashes,\n"
                "data.expired_invitations, data.team_size, data.stores_per_user (give one name\n"
                "to run only that rule). The data rules read each table page by page, so memory\n"
                "stays flat on any size of database. Exit 1 when anything is found.",
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

/* "migrate up [TARGET] [--sql]", without a trailing space when there is no synopsis. */
static const char *name_and_synopsis(const struct wz_command *cmd, char *buf, size_t size)
{
    char name[64];
    snprintf(buf, size, "%s%s%s", full_name(cmd, name, sizeof(name)),
             cmd->synopsis[0] != '\0' ? " " : "", cmd->synopsis);
    return buf;
}

/*
 * Value checks that need no database, run by the parser so that a usage error is exit 2 even
 * when the database is missing or unreachable (docs: "nothing was touched"). Option values
 * with a fixed set are checked by the engine's own parser, so the set lives in one place.
 */
static int check_seed_demo(const struct wz_args *a, struct wz_err *err)
{
    const char *mode = wz_args_get(a, "mode");
    if (mode != NULL && wz_seed_mode_find(mode) == NULL)
        return wz_seed_mode_unknown(mode, err);
    return WZ_OK;
}

/* A step count is a positive number: "-5" or "0" is a usage error, not a revision name. */
static int check_migrate_down(const struct wz_args *a, struct wz_err *err)
{
    if (a->npos == 0)
        return WZ_OK;
    const char *t = a->pos[0];
    const char *d = t[0] == '-' || t[0] == '+' ? t + 1 : t;
    bool digits = *d != '\0';
    for (const char *p = d; *p != '\0'; p++)
        digits = digits && *p >= '0' && *p <= '9';
    bool zero = digits && strspn(d, "0") == strlen(d);
    if ((digits && (d != t || zero)) || t[0] == '-')
        return wz_err_set(err, WZ_EUSAGE,
                          "invalid step count '%s' for 'wizamart migrate down': give a positive "
                          "number of steps, a revision or 'base'",
                          t);
    return WZ_OK;
}

static int check_db_backup(const struct wz_args *a, struct wz_err *err)
{
    enum wz_db_check check;
    return wz_backup_check_parse(wz_args_get(a, "verify"), &check, err);
}

static int check_values(const struct wz_command *cmd, const struct wz_args *a, struct wz_err *err)
{
    return cmd->check != NULL ? cmd->check(a, err) : WZ_OK;
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
        if ((cmd->flags & (WZ_CMD_DB | WZ_CMD_CONNECTS)) && strncmp(a, "--wait", 6) == 0 &&
            (a[6] == '\0' || a[6] == '=')) {
            const char *v = a[6] == '=' ? a + 7 : (i + 1 < argc ? argv[++i] : NULL);
            char *end = NULL;
            long secs = v != NULL ? strtol(v, &end, 10) : -1;
            if (v == NULL || *v == '\0' || *end != '\0' || secs < 0 || secs > 3600)
                return wz_err_set(err, WZ_EUSAGE,
                                  "option '--wait' needs a number of seconds from 0 to 3600");
            out->wait_s = (int)secs;
            continue;
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
            return wz_err_set(err, WZ_EUSAGE, "unknown option '%s' for 'wizamart %s'", a,
                              full_name(cmd, name, sizeof(name)));
        const struct wz_opt_spec *o = &cmd->opts[idx];
        if (o->takes_value && value == NULL) {
            if (i + 1 >= argc)
                return wz_err_set(err, WZ_EUSAGE, "option '--%s' needs a value (%s)", o->name,
                                  o->value != NULL ? o->value : "VALUE");
            value = argv[++i];
        } else if (!o->takes_value && value != NULL) {
            return wz_err_set(err, WZ_EUSAGE, "option '--%s' takes no value", o->name);
        }
        /* No option means anything by an empty value: --output '' is a typo or an unset
         * shell variable, never "the current folder". */
        if (o->takes_value && value[0] == '\0')
            return wz_err_set(err, WZ_EUSAGE, "option '--%s' needs a non-empty value (%s)", o->name,
                              o->value != NULL ? o->value : "VALUE");
        out->present[idx] = true;
        out->values[idx] = value;
    }
    full_name(cmd, name, sizeof(name));
    if (out->npos < cmd->min_pos)
        return wz_err_set(err, WZ_EUSAGE, "'wizamart %s' needs %s argument%s", name,
                          cmd->min_pos == 1 ? "an" : "more", cmd->min_pos == 1 ? "" : "s");
    if (out->npos > cmd->max_pos)
        return wz_err_set(err, WZ_EUSAGE, "unexpected argument '%s' for 'wizamart %s'",
                          out->pos[cmd->max_pos], name);
    return check_values(cmd, out, err);
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

#define HELP_WIDTH 80

/* "  LEFT  text" with text wrapped at HELP_WIDTH under its own column (which starts at col),
 * and LEFT alone on its line when it is too wide for the column: a table that stays a table. */
void wz_help_row(FILE *f, const char *left, const char *text, int col)
{
    int used = fprintf(f, "  %s", left);
    if (used + 1 > col) {
        fputc('\n', f);
        used = 0;
    }
    const char *p = text;
    bool first = true;
    while (*p != '\0') {
        int room = HELP_WIDTH - col;
        size_t n = strlen(p);
        if ((int)n > room) {
            n = (size_t)room;
            while (n > 0 && p[n] != ' ')
                n--;
            if (n == 0)
                n = strcspn(p, " ");
        }
        fprintf(f, "%*s%.*s\n", first ? col - used : col, "", (int)n, p);
        first = false;
        p += n;
        while (*p == ' ')
            p++;
    }
    if (first)
        fputc('\n', f);
}

void wz_command_print_help(const struct wz_command *cmd, bool to_stdout)
{
    FILE *f = to_stdout ? stdout : stderr;
    char usage[256];
    fprintf(f, "usage: wizamart [--env-file PATH] %s\n\n%s\n",
            name_and_synopsis(cmd, usage, sizeof(usage)), cmd->summary);
    if (cmd->help != NULL)
        fprintf(f, "\n%s\n", cmd->help);
    if (cmd->more_help != NULL)
        cmd->more_help(f);
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
            wz_help_row(f, left, o->help, 29);
        }
    }
    if (cmd->flags & (WZ_CMD_DB | WZ_CMD_CONNECTS))
        wz_help_row(f, "    --wait SECONDS", "retry a database that is still starting", 29);
    wz_help_row(f, "-h, --help", "show this help", 29);
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
        char left[128];
        wz_help_row(f, name_and_synopsis(c, left, sizeof(left)), c->summary, 43);
    }
    fprintf(f, "\nRun 'wizamart COMMAND --help' for a command's options.\n");
}
