/*
 * A generic row writer over one table descriptor (src/schema/model.h): the seeder names the
 * columns it fills, the writer checks them against the models and builds the statement once,
 * so a table's columns are spelled in one place and every value travels as a bound parameter.
 *
 * Two paths behind one interface:
 *   - a prepared INSERT, reused for every row: optionally "ON CONFLICT DO NOTHING" (any
 *     unique key: a second run creates nothing) and the generated id the children reference
 *     (the driver's last_insert_id after a row that changed something when it has one, as
 *     SQLite does, else "RETURNING <id>");
 *   - the driver's bulk load (PostgreSQL's COPY; when the driver has one and the writer was
 *     opened WZ_RW_BULK without conflict handling or RETURNING): rows stream into one COPY
 *     until wz_rowwriter_flush.
 * Only one COPY can be open on a connection, and no other statement may run during it: flush
 * a bulk writer before using the connection for anything else.
 *
 * Setting values allocates nothing: integers are formatted into the writer's own buffers and
 * text is either bound (copied by the driver) or, for COPY, referenced until the row is sent.
 */
#ifndef WZ_ROWWRITER_H
#define WZ_ROWWRITER_H

#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"
#include "db/db.h"
#include "schema/model.h"

/* The most columns one writer fills. */
#define WZ_RW_MAX_COLS 24

enum wz_rw_flags {
    WZ_RW_IGNORE_CONFLICT = 1 << 0, /* ON CONFLICT DO NOTHING: a duplicate is "present" */
    WZ_RW_RETURNING_ID = 1 << 1,    /* RETURNING the table's identity column */
    WZ_RW_BULK = 1 << 2,            /* may use COPY (only without the two flags above) */
    /* The columns may name the identity column: the caller gives each row's id, reserved
     * with wz_rowwriter_reserve_ids. This is how rows that children reference are bulk
     * loaded, since COPY returns no ids. */
    WZ_RW_EXPLICIT_ID = 1 << 3,
};

struct wz_rowwriter {
    struct wz_db *db;
    const struct wz_table *table;
    const char *cols[WZ_RW_MAX_COLS];
    int ncols;
    unsigned flags;
    bool use_copy;
    bool copying;
    struct wz_stmt *st;
    bool last_id; /* ids from wz_db_last_insert_id, instead of RETURNING */
    /* COPY staging: one text value per column (NULL: SQL NULL), integers formatted here. */
    const char *values[WZ_RW_MAX_COLS];
    char ints[WZ_RW_MAX_COLS][24];
};

/* Prepares a writer for table (a platform model) and the listed columns, in that order; the
 * column positions are the `col` arguments of the setters. Unknown table or column, or the
 * identity column: WZ_EUSAGE. w is zeroed first and must be closed in every case. */
int wz_rowwriter_open(struct wz_rowwriter *w, struct wz_db *db, const char *table,
                      const char *const *cols, int ncols, unsigned flags, struct wz_err *err);

/* Value setters for the next row. text: for COPY the pointer is kept until the row is sent
 * (by wz_rowwriter_insert), so it must stay valid until then; NULL means SQL NULL. */
void wz_rowwriter_text(struct wz_rowwriter *w, int col, const char *v);
void wz_rowwriter_int(struct wz_rowwriter *w, int col, int64_t v);
void wz_rowwriter_bool(struct wz_rowwriter *w, int col, bool v);
void wz_rowwriter_null(struct wz_rowwriter *w, int col);

/* Writes the row. *inserted (may be NULL) is true when it was inserted (with *id the new id
 * when the writer returns ids; id may be NULL), false when a unique key already held it
 * (WZ_RW_IGNORE_CONFLICT; *id is then 0). A COPY row counts as inserted (its constraints are
 * checked by the server, at the latest at flush). Every value is reset to NULL afterwards. */
int wz_rowwriter_insert(struct wz_rowwriter *w, int64_t *id, bool *inserted, struct wz_err *err);

/* Ends an open COPY (a no-op otherwise), so the connection can run other statements. */
int wz_rowwriter_flush(struct wz_rowwriter *w, struct wz_err *err);

/* Reserves n ids of table's generated id column (PostgreSQL: from its identity sequence, so
 * no other session and no later default can take them) into ids[0..n-1], ascending: in a
 * database nobody else writes to they are the ids the default would have given n rows
 * inserted one by one. A database with nothing to reserve from (SQLite): WZ_EUSAGE. */
int wz_rowwriter_reserve_ids(struct wz_db *db, const char *table, int64_t n, int64_t *ids,
                             struct wz_err *err);

/* True when rows that children reference can be bulk loaded with reserved ids (the driver
 * has both a bulk load and ids to reserve). */
bool wz_rowwriter_can_bulk_ids(const struct wz_db *db);

/* Puts table's id generator back to just after its largest id (after deleting rows), so new
 * rows get the ids a fresh database would give them; a no-op where the database does so by
 * itself, or for a table without a generated id. */
int wz_rowwriter_reset_ids(struct wz_db *db, const char *table, struct wz_err *err);

/* Finalizes the statement. An unflushed COPY is left for the transaction's rollback.
 * Accepts a zeroed or NULL writer. */
void wz_rowwriter_close(struct wz_rowwriter *w);

#endif
