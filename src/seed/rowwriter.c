/* The generic row writer: see rowwriter.h. */
#include "seed/rowwriter.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "core/strbuf.h"

int wz_rowwriter_open(struct wz_rowwriter *w, struct wz_db *db, const char *table,
                      const char *const *cols, int ncols, unsigned flags, struct wz_err *err)
{
    memset(w, 0, sizeof(*w));
    w->db = db;
    w->flags = flags;
    w->table = wz_model_table(table);
    if (w->table == NULL)
        return wz_err_set(err, WZ_EUSAGE, "row writer: no model for table '%s'", table);
    if (ncols < 1 || ncols > WZ_RW_MAX_COLS)
        return wz_err_set(err, WZ_EUSAGE, "row writer: %d columns for '%s' (1 to %d allowed)",
                          ncols, table, WZ_RW_MAX_COLS);
    const struct wz_column *identity = wz_table_identity(w->table);
    for (int i = 0; i < ncols; i++) {
        const struct wz_column *c = wz_table_column(w->table, cols[i]);
        if (c == NULL || (c->identity && !(flags & WZ_RW_EXPLICIT_ID)))
            return wz_err_set(err, WZ_EUSAGE, "row writer: '%s.%s' is %s", table, cols[i],
                              c == NULL ? "not a column of the model" : "generated");
        w->cols[i] = c->name;
    }
    w->ncols = ncols;
    if ((flags & WZ_RW_RETURNING_ID) && identity == NULL)
        return wz_err_set(err, WZ_EUSAGE, "row writer: '%s' has no generated id to return", table);
    w->use_copy = (flags & WZ_RW_BULK) && !(flags & (WZ_RW_IGNORE_CONFLICT | WZ_RW_RETURNING_ID)) &&
                  wz_db_can_copy(db);
    if (w->use_copy)
        return WZ_OK;

    struct wz_strbuf sql = WZ_STRBUF_INIT;
    wz_strbuf_appendf(&sql, "INSERT INTO %s (", w->table->name);
    for (int i = 0; i < ncols; i++)
        wz_strbuf_appendf(&sql, "%s%s", i > 0 ? ", " : "", w->cols[i]);
    wz_strbuf_append(&sql, ") VALUES (");
    for (int i = 0; i < ncols; i++)
        wz_strbuf_appendf(&sql, "%s$%d", i > 0 ? ", " : "", i + 1);
    wz_strbuf_append(&sql, ")");
    if (flags & WZ_RW_IGNORE_CONFLICT)
        wz_strbuf_append(&sql, " ON CONFLICT DO NOTHING");
    w->last_id = (flags & WZ_RW_RETURNING_ID) && wz_db_has_last_insert_id(db);
    if ((flags & WZ_RW_RETURNING_ID) && !w->last_id)
        wz_strbuf_appendf(&sql, " RETURNING %s", identity->name);
    int rc = sql.failed ? wz_err_set(err, WZ_ENOMEM, "out of memory")
                        : wz_db_prepare(db, wz_strbuf_str(&sql), &w->st, err);
    if (rc != WZ_OK && rc != WZ_ENOMEM)
        wz_err_wrap(err, "cannot prepare the INSERT into '%s'", w->table->name);
    wz_strbuf_release(&sql);
    return rc;
}

/* A bind that fails is kept by the statement and reported by its step (db.h), so the
 * setters need not check each one. */
void wz_rowwriter_text(struct wz_rowwriter *w, int col, const char *v)
{
    if (w->use_copy)
        w->values[col] = v;
    else
        (void)wz_stmt_bind_text(w->st, col + 1, v);
}

void wz_rowwriter_int(struct wz_rowwriter *w, int col, int64_t v)
{
    if (w->use_copy) {
        snprintf(w->ints[col], sizeof(w->ints[col]), "%" PRId64, v);
        w->values[col] = w->ints[col];
    } else {
        (void)wz_stmt_bind_int64(w->st, col + 1, v);
    }
}

void wz_rowwriter_bool(struct wz_rowwriter *w, int col, bool v)
{
    if (w->use_copy)
        w->values[col] = v ? "t" : "f";
    else
        (void)wz_stmt_bind_int64(w->st, col + 1, v ? 1 : 0);
}

void wz_rowwriter_null(struct wz_rowwriter *w, int col)
{
    if (w->use_copy)
        w->values[col] = NULL;
    else
        (void)wz_stmt_bind_null(w->st, col + 1);
}

static int copy_insert(struct wz_rowwriter *w, int64_t *id, bool *inserted, struct wz_err *err)
{
    int rc;
    if (!w->copying) {
        rc = wz_db_copy_begin(w->db, w->table->name, w->cols, w->ncols, err);
        if (rc != WZ_OK)
            return rc;
        w->copying = true;
    }
    rc = wz_db_copy_row(w->db, w->values, err);
    for (int i = 0; i < w->ncols; i++)
        w->values[i] = NULL;
    if (rc != WZ_OK) {
        w->copying = false;
        return wz_err_wrap(err, "cannot copy a row into '%s'", w->table->name);
    }
    if (id != NULL)
        *id = 0;
    if (inserted != NULL)
        *inserted = true;
    return WZ_OK;
}

int wz_rowwriter_insert(struct wz_rowwriter *w, int64_t *id, bool *inserted, struct wz_err *err)
{
    if (inserted != NULL)
        *inserted = false;
    if (w->use_copy)
        return copy_insert(w, id, inserted, err);
    if (id != NULL)
        *id = 0;
    bool done = false;
    int rc;
    rc = wz_stmt_step(w->st, err);
    if (rc == WZ_ROW) {
        if (id != NULL)
            *id = wz_stmt_column_int64(w->st, 0);
        done = true;
        rc = WZ_OK;
    } else if (rc == WZ_DONE && w->last_id) {
        rc = WZ_OK;
        if (wz_db_changes(w->db) > 0) {
            if (id != NULL)
                *id = wz_db_last_insert_id(w->db);
            done = true;
        }
    } else if (rc == WZ_DONE) {
        /* RETURNING gives no row for a conflict; otherwise changes() says */
        done = !(w->flags & WZ_RW_RETURNING_ID) && wz_db_changes(w->db) > 0;
        rc = WZ_OK;
    } else {
        wz_err_wrap(err, "cannot insert into '%s'", w->table->name);
    }
    if (inserted != NULL)
        *inserted = done;
    wz_stmt_reset(w->st);
    return rc;
}

int wz_rowwriter_flush(struct wz_rowwriter *w, struct wz_err *err)
{
    if (!w->copying)
        return WZ_OK;
    w->copying = false;
    int rc = wz_db_copy_end(w->db, err);
    if (rc != WZ_OK)
        wz_err_wrap(err, "cannot finish copying into '%s'", w->table->name);
    return rc;
}

int wz_rowwriter_reserve_ids(struct wz_db *db, const char *table, int64_t n, int64_t *ids,
                             struct wz_err *err)
{
    const struct wz_table *t = wz_model_table(table);
    const struct wz_column *identity = t != NULL ? wz_table_identity(t) : NULL;
    if (identity == NULL)
        return wz_err_set(err, WZ_EUSAGE, "row writer: '%s' has no generated id", table);
    if (!wz_db_can_reserve_ids(db))
        return wz_err_set(err, WZ_EUSAGE, "row writer: %s has no id generator to reserve from",
                          wz_db_dialect_name(db));
    return wz_db_reserve_ids(db, t->name, identity->name, n, ids, err);
}

bool wz_rowwriter_can_bulk_ids(const struct wz_db *db)
{
    return wz_db_can_copy(db) && wz_db_can_reserve_ids(db);
}

int wz_rowwriter_reset_ids(struct wz_db *db, const char *table, struct wz_err *err)
{
    const struct wz_table *t = wz_model_table(table);
    const struct wz_column *identity = t != NULL ? wz_table_identity(t) : NULL;
    if (identity == NULL)
        return WZ_OK;
    int rc = wz_db_reset_ids(db, t->name, identity->name, err);
    return rc < 0 ? wz_err_wrap(err, "cannot reset the ids of '%s'", table) : WZ_OK;
}

void wz_rowwriter_close(struct wz_rowwriter *w)
{
    if (w == NULL)
        return;
    wz_stmt_finalize(w->st);
    w->st = NULL;
    w->copying = false;
}
