/*
 * Renders the schema descriptors (model.h) as SQL for SQLite or PostgreSQL: the only place
 * that knows how a logical type, default or key is spelled in each dialect. Every function
 * appends complete statements, each ending in ";\n", to a string buffer, and returns 0 or
 * WZ_ENOMEM (the buffer's out-of-memory state is sticky, so callers may also check once).
 */
#ifndef WZ_SCHEMA_DDL_H
#define WZ_SCHEMA_DDL_H

#include <stdbool.h>
#include <stddef.h>

#include "core/strbuf.h"
#include "db/db.h"
#include "schema/model.h"

/* The SQL type of a column. */
const char *wz_ddl_type(enum wz_dialect d, const struct wz_column *c);

/* The DEFAULT expression for a column's logical default, without the DEFAULT keyword; ""
 * when the column has none. Valid until the next call (a static buffer: not thread-safe). */
const char *wz_ddl_default_sql(enum wz_dialect d, const struct wz_column *c);

/* The SQLite expression of the "now" default (also what introspection recognizes). */
#define WZ_SQLITE_NOW "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
/* The shape every SQLite timestamp must have (a CHECK on each timestamp column). */
#define WZ_SQLITE_TIMESTAMP_GLOB                                                                   \
    "[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z"

/* Constraint names used when a descriptor leaves them NULL: PostgreSQL's own defaults
 * (<table>_<cols>_key / _fkey, <table>_pkey). Written into buf (truncated to n). */
void wz_ddl_unique_name(const struct wz_table *t, const struct wz_unique *u, char *buf, size_t n);
void wz_ddl_fk_name(const struct wz_table *t, const struct wz_fk *fk, char *buf, size_t n);
void wz_ddl_pk_name(const struct wz_table *t, char *buf, size_t n);

/* CREATE TABLE, with name instead of t->name when name is not NULL (the SQLite rebuild
 * creates the new table under a temporary name). Indexes are separate statements. */
int wz_ddl_create_table(struct wz_strbuf *sb, enum wz_dialect d, const struct wz_table *t,
                        const char *name);
/* CREATE TABLE and CREATE INDEX for every table of s, in its order. */
int wz_ddl_create_schema(struct wz_strbuf *sb, enum wz_dialect d, const struct wz_schema *s);
int wz_ddl_drop_table(struct wz_strbuf *sb, enum wz_dialect d, const struct wz_table *t);
int wz_ddl_create_index(struct wz_strbuf *sb, enum wz_dialect d, const struct wz_table *t,
                        const struct wz_index *ix);
int wz_ddl_drop_index(struct wz_strbuf *sb, enum wz_dialect d, const struct wz_index *ix);
/* ALTER TABLE ... ADD COLUMN. On SQLite only when wz_ddl_sqlite_can_add_column says so. */
int wz_ddl_add_column(struct wz_strbuf *sb, enum wz_dialect d, const struct wz_table *t,
                      const struct wz_column *c);

/* True when SQLite's ALTER TABLE ADD COLUMN can add c to t (not part of a key, not
 * NOT NULL without a default, no parenthesized default): otherwise the table is rebuilt. */
bool wz_ddl_sqlite_can_add_column(const struct wz_table *t, const struct wz_column *c);

/* SQLite's table rebuild (https://sqlite.org/lang_altertable.html#otheralter, steps 4-8):
 * create the new table under a temporary name, copy the columns both versions share, drop
 * the old table, rename the new one, recreate its indexes. Foreign key enforcement must be
 * off while it runs (steps 1 and 12) and PRAGMA foreign_key_check must pass before the
 * commit (step 10): the migration runner does both for every SQLite revision. */
int wz_ddl_sqlite_rebuild(struct wz_strbuf *sb, const struct wz_table *from,
                          const struct wz_table *to);

/* Appends the expression turning a value of column from into one of column to's type, the
 * same meaning on both dialects (see ddl.c); the bare column name when the type is the
 * same. Used by the SQLite rebuild's copy and PostgreSQL's ALTER ... TYPE ... USING. */
void wz_ddl_convert(struct wz_strbuf *sb, enum wz_dialect d, const struct wz_column *from,
                    const struct wz_column *to);

/* PostgreSQL ALTERs (SQLite rebuilds instead). */
int wz_ddl_pg_drop_column(struct wz_strbuf *sb, const struct wz_table *t, const char *col);
/* The ALTER COLUMN statements that turn column from into column to. */
int wz_ddl_pg_alter_column(struct wz_strbuf *sb, const struct wz_table *t,
                           const struct wz_column *from, const struct wz_column *to);
int wz_ddl_pg_add_unique(struct wz_strbuf *sb, const struct wz_table *t, const struct wz_unique *u);
int wz_ddl_pg_add_fk(struct wz_strbuf *sb, const struct wz_table *t, const struct wz_fk *fk);
int wz_ddl_pg_add_check(struct wz_strbuf *sb, const struct wz_table *t, const struct wz_check *ck);
int wz_ddl_pg_add_pk(struct wz_strbuf *sb, const struct wz_table *t);
int wz_ddl_pg_drop_constraint(struct wz_strbuf *sb, const struct wz_table *t, const char *name);

#endif
