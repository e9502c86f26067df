/* SQLite-only entry points for the few engine parts that need SQLite's own API (the online
 * backup API): everything else goes through db.h. */
#ifndef WZ_DB_SQLITE_H
#define WZ_DB_SQLITE_H

#include <sqlite3.h>

#include "db/db.h"

/* The native handle of a SQLite connection; NULL when db is not a SQLite connection. The
 * handle stays owned by db. */
sqlite3 *wz_sqlite_handle(struct wz_db *db);

#endif
