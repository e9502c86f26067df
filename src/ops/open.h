/*
 * Opening the database for the commands that only look (verify, validate). The commands main
 * opens a database for may create it (SQLite creates a missing file on open; migrate up creates
 * a missing PostgreSQL database); a check must not: "is the database there?" is one of its
 * questions, and answering it must not change the answer.
 */
#ifndef WZ_OPS_OPEN_H
#define WZ_OPS_OPEN_H

#include "core/err.h"
#include "core/settings.h"
#include "db/db.h"

/* Opens DATABASE_URL when the database exists. A missing SQLite file or PostgreSQL database is
 * WZ_ENOENT with a message naming `make db-setup`; other failures are the driver's. wait_s:
 * how long to keep retrying a server that refuses connections (--wait). *out: close with
 * wz_db_close. */
int wz_ops_open_existing(const struct wz_settings *s, int wait_s, struct wz_db **out,
                         struct wz_err *err);

#endif
