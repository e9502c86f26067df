/*
 * The command table (git's builtin table, tmux's cmd entries): each row names a command, its
 * handler, its arguments and options, and the preconditions main checks before the handler
 * runs, so that a refusal touches nothing. Handlers live in src/cmd/, one file per command.
 */
#ifndef WZ_COMMANDS_H
#define WZ_COMMANDS_H

#include <stdbool.h>
#include <stdio.h>

#include "core/settings.h"
#include "db/db.h"

#define WZ_MAX_OPTS 12

struct wz_opt_spec {
    const char *name;  /* long name without "--" */
    char shortname;    /* 0 for none */
    bool takes_value;  /* --name VALUE or --name=VALUE */
    const char *value; /* the value's name in help, e.g. "PATH" */
    const char *help;
};

struct wz_command;

/* Parsed arguments: positionals in order, options by their spec name. Strings point into
 * argv and live as long as the process. */
struct wz_args {
    const struct wz_command *cmd;
    int npos;
    char **pos;
    bool present[WZ_MAX_OPTS];
    const char *values[WZ_MAX_OPTS];
    int wait_s; /* --wait SECONDS, accepted by every command that connects (WZ_CMD_DB,
                   WZ_CMD_CONNECTS) */
};

/* True when the option was given (flag or valued). */
bool wz_args_has(const struct wz_args *args, const char *name);
/* The option's value, or NULL when absent. */
const char *wz_args_get(const struct wz_args *args, const char *name);

/* What a handler receives: read-only settings, and the open database when it asked for one. */
struct wz_ctx {
    const struct wz_settings *settings;
    struct wz_db *db; /* owned by main; NULL unless the command has WZ_CMD_DB */
};

enum wz_cmd_flags {
    WZ_CMD_DB = 1 << 1, /* main opens DATABASE_URL before the handler runs */
    /* Refused in production (exit 1, nothing touched) when the settings or the database's
     * stamp say production, unless the row also has WZ_CMD_FORCE_IN_PROD and --force was
     * given. The row's `refusal` text is the message. */
    WZ_CMD_NOT_IN_PROD = 1 << 3,
    WZ_CMD_FORCE_IN_PROD = 1 << 4,
    /* The command may create a missing database: a SQLite file, or a PostgreSQL database
     * (when the role may, as dbmate and Rails do). Other commands report it missing. */
    WZ_CMD_CREATE_DB = 1 << 5,
    /* Reads only: a missing database (a SQLite file, or a PostgreSQL database) reads as an
     * empty one (status of a database not created yet). The same holds for any command run
     * with --sql. */
    WZ_CMD_MISSING_IS_EMPTY = 1 << 6,
    /* The revision files are checked before the database is opened (or created): a missing
     * or broken MIGRATIONS_DIR touches nothing, not even a new PostgreSQL database. */
    WZ_CMD_CHECK_REVISIONS = 1 << 7,
    /* Opens the database itself (verify, validate: "is it there?" is one of their checks),
     * so main does not, but it connects: --wait applies. */
    WZ_CMD_CONNECTS = 1 << 8,
};

struct wz_command {
    const char *name; /* "migrate" */
    const char *sub;  /* "up", or NULL for a command without subcommands */
    int (*run)(struct wz_ctx *ctx, const struct wz_args *args); /* returns the exit code */
    unsigned flags;
    int min_pos, max_pos;
    const struct wz_opt_spec *opts; /* terminated by a zeroed entry; NULL for none */
    const char *synopsis;           /* arguments after the command name, for usage lines */
    const char *summary;            /* one line */
    const char *help;               /* a paragraph or more, may be NULL */
    const char *refusal;            /* WZ_CMD_NOT_IN_PROD: why it is refused in production */
    /* Checks option values that need no database (a fixed set, a number), run by the parser
     * so that a usage error is exit 2 even when the database is missing; NULL: none. */
    int (*check)(const struct wz_args *args, struct wz_err *err);
    /* Prints a section of the help generated from a table (seed-demo's modes) after the
     * help text; NULL: none. */
    void (*more_help)(FILE *f);
};

/* The table, terminated by a zeroed row. */
extern const struct wz_command wz_commands[];

/* Finds the row for name (and sub, which may be NULL). */
const struct wz_command *wz_command_find(const char *name, const char *sub);

/* True when some row has name with a subcommand (e.g. "migrate"). */
bool wz_command_has_subs(const char *name);

/* Parses argv (the words after the command and subcommand) against the row's options and
 * arity. On a usage error returns WZ_EUSAGE with the message in err. --help is reported
 * through *help_wanted. */
int wz_args_parse(const struct wz_command *cmd, int argc, char **argv, struct wz_args *out,
                  bool *help_wanted, struct wz_err *err);

/* Prints the usage of one command (to stdout when to_stdout, else stderr). */
void wz_command_print_help(const struct wz_command *cmd, bool to_stdout);
/* "  LEFT  text", text wrapped at 80 columns under its own column, which starts at col: the
 * rows of every help page. */
void wz_help_row(FILE *f, const char *left, const char *text, int col);
/* Prints the list of commands (all, or the subcommands of name). */
void wz_commands_print_list(const char *name, bool to_stdout);

#endif
