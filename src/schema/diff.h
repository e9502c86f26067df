/*
 * Compares two schemas: "from" (what a database has) and "to" (what the models say), and
 * lists every difference as a change that would turn from into to. The autogenerator
 * renders the changes as a revision; the drift check (and the validators) print them.
 *
 * What is compared: tables; columns by name (logical type, nullability, default, generated
 * id; not their order); the primary key; unique constraints and foreign keys by content
 * (columns, referenced table and columns, ON DELETE), whatever their names; indexes and
 * CHECK constraints by name, then by content (a CHECK's expression only when neither
 * side was read from PostgreSQL, which rewrites expressions).
 */
#ifndef WZ_SCHEMA_DIFF_H
#define WZ_SCHEMA_DIFF_H

#include "core/err.h"
#include "db/db.h"
#include "schema/model.h"

enum wz_change_kind {
    WZ_CHANGE_ADD_TABLE,
    WZ_CHANGE_DROP_TABLE,
    WZ_CHANGE_ADD_COLUMN,
    WZ_CHANGE_DROP_COLUMN,
    WZ_CHANGE_ALTER_COLUMN,
    WZ_CHANGE_ALTER_PK,
    WZ_CHANGE_ADD_UNIQUE,
    WZ_CHANGE_DROP_UNIQUE,
    WZ_CHANGE_ADD_INDEX,
    WZ_CHANGE_DROP_INDEX,
    WZ_CHANGE_ALTER_INDEX,
    WZ_CHANGE_ADD_FK,
    WZ_CHANGE_DROP_FK,
    WZ_CHANGE_ADD_CHECK,
    WZ_CHANGE_DROP_CHECK,
    WZ_CHANGE_ALTER_CHECK,
};

/* One difference. The pointers point into the two compared schemas: valid while they are. */
struct wz_change {
    enum wz_change_kind kind;
    const char *table; /* the table's name */
    char *object;      /* the column, index or constraint name; NULL for tables. Owned */
    const struct wz_table *from_table; /* the table in "from", NULL when only in "to" */
    const struct wz_table *to_table;   /* the table in "to", NULL when only in "from" */
    const void *from; /* the wz_column/wz_unique/wz_index/wz_fk/wz_check in "from", or NULL */
    const void *to;   /* the same in "to", or NULL */
    char *text;       /* one line for a person: "column 'users.nickname' is in the models but
                         not in the database". Owned */
};

struct wz_schema_diff {
    struct wz_change *items;
    int n;
    /* wz_schema_drift: the schema read from the database, which items point into. */
    struct wz_schema db;
};

/* Lists the changes from -> to into *out (zeroed first). Returns 0 or WZ_ENOMEM. Release
 * *out with wz_schema_diff_release, also after a failure. */
int wz_schema_compare(const struct wz_schema *from, const struct wz_schema *to,
                      struct wz_schema_diff *out, struct wz_err *err);

/* Schema drift: reads the live database's schema (SQLite or PostgreSQL, through db.h) and
 * compares it with the models; the database side is "from". The migration tool's own
 * tables (wizamart_*) are not part of it. out->n == 0 means no drift. */
int wz_schema_drift(struct wz_db *db, const struct wz_schema *models, struct wz_schema_diff *out,
                    struct wz_err *err);

/* Frees the items and the database schema; accepts NULL. */
void wz_schema_diff_release(struct wz_schema_diff *d);

/* Human name of a logical type ("integer", "timestamp", ...). */
const char *wz_type_name(enum wz_type t);

#endif
