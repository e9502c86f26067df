/*
 * The PostgreSQL driver's parts in separate files (src/db/ only: the engine goes through db.h,
 * where these are the driver's create, open_empty, backup, backup_check and restore methods):
 * creating the database a URL names, so `migrate up` can bring up a fresh server the way
 * dbmate and Rails do, and reading a missing database as an empty one.
 *
 * Opening a URL whose database does not exist fails with WZ_ENOENT (other connection failures
 * give WZ_EFAIL), which is how a caller tells "create it first" from "cannot connect".
 */
#ifndef WZ_DB_POSTGRES_H
#define WZ_DB_POSTGRES_H

#include <libpq-fe.h>

#include "db/db.h"

/* Used when the URL sets no connect_timeout: a firewalled host must not hang for minutes
 * (the driver's connections and the tools of pgtool.h alike). */
#define WZ_PG_DEFAULT_CONNECT_TIMEOUT "10"

/* Calls fn for each query parameter of url with libpq's description of it (its keyword and
 * environment variable), in order; a parameter libpq does not know is WZ_EUSAGE with a
 * message naming it. Loads libpq when there are parameters. Stops at fn's first error. */
int wz_postgres_each_param(const struct wz_db_url *url,
                           int (*fn)(const struct wz_db_param *param, const PQconninfoOption *opt,
                                     void *arg, struct wz_err *err),
                           void *arg, struct wz_err *err);

/* Creates the database url->dbname, connecting to the "postgres" maintenance database (or
 * "template1" when that is missing) with the URL's credentials and parameters. The name is
 * quoted as an identifier, so any name is safe. A database that already exists is success
 * (another process may have created it first). WZ_EFAIL with a message when the server is
 * unreachable, the credentials are refused or the role may not create databases; WZ_EUSAGE
 * when the URL names no database. */
int wz_postgres_create_database(const struct wz_db_url *url, struct wz_err *err);

/* Opens a stand-in for url's database when it does not exist yet, so that the commands that
 * only read (migrate status, any --sql) show it as an empty database on PostgreSQL as they do
 * for a SQLite file not created yet, and print PostgreSQL's SQL: a connection to the server's
 * "postgres" maintenance database (or "template1") with the URL's credentials, an empty
 * search_path (no table of any schema is seen; table_exists answers 0) and read-only
 * transactions (nothing can be written). The connection keeps url as its own. Close with
 * wz_db_close. */
int wz_postgres_open_empty(const struct wz_db_url *url, const struct wz_db_options *opt,
                           struct wz_db **out, struct wz_err *err);

/* The driver's backup, backup_check and restore methods (backup_postgres.c). */
int wz_postgres_backup(struct wz_db *db, const char *path, const struct wz_db_backup_opts *o,
                       const char **checked, struct wz_err *err);
int wz_postgres_backup_check(struct wz_db *db, const char *path, const char *table,
                             struct wz_db **snapshot, struct wz_err *err);
int wz_postgres_restore(struct wz_db *db, const char *path, struct wz_db *snapshot,
                        const struct wz_db_restore_opts *o, struct wz_err *err);

#endif
