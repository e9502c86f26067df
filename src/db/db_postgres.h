/*
 * What the PostgreSQL driver offers beyond the driver interface of db.h: creating the database
 * a URL names, so `migrate up` can bring up a fresh server the way dbmate and Rails do.
 *
 * Opening a URL whose database does not exist fails with WZ_ENOENT (other connection failures
 * give WZ_EFAIL), which is how a caller tells "create it first" from "cannot connect".
 */
#ifndef WZ_DB_POSTGRES_H
#define WZ_DB_POSTGRES_H

#include "db/db.h"

/* Creates the database url->dbname, connecting to the "postgres" maintenance database (or
 * "template1" when that is missing) with the URL's credentials and parameters. The name is
 * quoted as an identifier, so any name is safe. A database that already exists is success
 * (another process may have created it first). WZ_EFAIL with a message when the server is
 * unreachable, the credentials are refused or the role may not create databases; WZ_EUSAGE
 * when the URL names no database. */
int wz_postgres_create_database(const struct wz_db_url *url, struct wz_err *err);

#endif
