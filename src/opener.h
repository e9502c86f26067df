/*
 * The one way a command opens DATABASE_URL: how is decided by its row's flags in the command
 * table (src/commands.h), here, for main (WZ_CMD_DB, before the handler runs) and for the
 * handlers that open it themselves (WZ_CMD_CONNECTS: verify, validate). No dialect is named:
 * what differs (creating a database, the stand-in for a missing one) is the driver's.
 */
#ifndef WZ_OPENER_H
#define WZ_OPENER_H

#include "commands.h"

/* Opens DATABASE_URL for args->cmd, retrying a server that is still starting for --wait
 * seconds:
 *   - WZ_CMD_CREATE_DB (without --sql): a missing database is created (SQLite: the file, by
 *     opening it; PostgreSQL: CREATE DATABASE, with a note "Created database 'NAME'");
 *   - WZ_CMD_MISSING_IS_EMPTY, or --sql: a missing database reads as an empty one, and a
 *     note says so; nothing is created;
 *   - WZ_CMD_CONNECTS: the database must exist; a missing file is "no database at ...; run
 *     `make db-setup`" (a check's answer, not a crash);
 *   - else a missing database is the driver's WZ_ENOENT, naming what creates it.
 * Nothing is written to an existing database that the command may not create. *out: close
 * with wz_db_close. */
int wz_open_db(const struct wz_args *args, const struct wz_settings *s, struct wz_db **out,
               struct wz_err *err);

#endif
