/* Broken references, for data.cross_store and data.orphans: see references.h. */
#include "validate/references.h"

#include <stdio.h>
#include <string.h>

#include "core/strbuf.h"
#include "schema/model.h"

struct ref_scan {
    struct wz_finding_sink *sink;
    const struct wz_validator *v;
    enum wz_ref_mode mode;
    const struct wz_table *t;
    const struct wz_fk *fk;
    const char *keys[WZ_KEY_MAX];
    int nkeys;
    bool tenant;
};

/* The row's key as "id=5" or "role_id=1, permission_id=2". */
static void key_text(struct wz_stmt *st, const struct ref_scan *s, char *buf, size_t size)
{
    size_t off = 0;
    buf[0] = '\0';
    for (int k = 0; k < s->nkeys && off < size; k++) {
        int n = snprintf(buf + off, size - off, "%s%s=%lld", k > 0 ? ", " : "", s->keys[k],
                         (long long)wz_stmt_column_int64(st, k));
        if (n < 0)
            break;
        off += (size_t)n;
    }
}

static int on_row(struct wz_stmt *st, void *arg, struct wz_err *err)
{
    (void)err;
    const struct ref_scan *s = arg;
    char row[128];
    key_text(st, s, row, sizeof(row));
    int c = s->nkeys;
    if (s->tenant) {
        /* columns after the key: store_id, the reference, the target's store (or NULL) */
        bool elsewhere = !wz_stmt_column_is_null(st, c + 2);
        if (elsewhere != (s->mode == WZ_REF_CROSS_STORE))
            return WZ_OK;
        const char *col = s->fk->cols[1];
        long long store = (long long)wz_stmt_column_int64(st, c);
        long long target = (long long)wz_stmt_column_int64(st, c + 1);
        if (elsewhere)
            return wz_finding_emit(s->sink, s->v->name, s->t->name, row,
                                   "the row belongs to store %lld but its %s=%lld is a row of "
                                   "%s in store %lld (a reference across stores)",
                                   store, col, target, s->fk->ref_table,
                                   (long long)wz_stmt_column_int64(st, c + 2));
        return wz_finding_emit(s->sink, s->v->name, s->t->name, row,
                               "%s=%lld (store %lld) points at no row of %s", col, target, store,
                               s->fk->ref_table);
    }
    char ref[160] = "";
    size_t off = 0;
    int ncols = wz_cols_count(s->fk->cols);
    for (int i = 0; i < ncols && off < sizeof(ref); i++) {
        int n = snprintf(ref + off, sizeof(ref) - off, "%s%s=%s", i > 0 ? ", " : "", s->fk->cols[i],
                         wz_stmt_column_text(st, c + i));
        if (n < 0)
            break;
        off += (size_t)n;
    }
    return wz_finding_emit(s->sink, s->v->name, s->t->name, row, "%s points at no row of %s", ref,
                           s->fk->ref_table);
}

/* "t.a" or "(t.a, t.b)" and "$1" or "($1, $2)". */
static void append_key(struct wz_strbuf *sb, const struct ref_scan *s, bool params)
{
    if (s->nkeys > 1)
        wz_strbuf_putc(sb, '(');
    for (int k = 0; k < s->nkeys; k++) {
        if (params)
            wz_strbuf_appendf(sb, "%s$%d", k > 0 ? ", " : "", k + 1);
        else
            wz_strbuf_appendf(sb, "%st.%s", k > 0 ? ", " : "", s->keys[k]);
    }
    if (s->nkeys > 1)
        wz_strbuf_putc(sb, ')');
}

static int scan_fk(const struct wz_validate_ctx *ctx, struct ref_scan *s, struct wz_err *err)
{
    const struct wz_table *t = s->t;
    const struct wz_fk *fk = s->fk;
    int ncols = wz_cols_count(fk->cols);
    const struct wz_column *id = wz_table_identity(t);
    s->nkeys = 0;
    if (id != NULL) {
        s->keys[s->nkeys++] = id->name;
    } else {
        for (int k = 0; k < WZ_KEY_MAX && t->pk[k] != NULL; k++)
            s->keys[s->nkeys++] = t->pk[k];
    }
    s->tenant = ncols == 2 && strcmp(fk->cols[0], "store_id") == 0 &&
                strcmp(fk->ref_cols[0], "store_id") == 0;
    if (!s->tenant && s->mode == WZ_REF_CROSS_STORE)
        return WZ_OK;

    struct wz_strbuf sql = WZ_STRBUF_INIT;
    wz_strbuf_append(&sql, "SELECT ");
    for (int k = 0; k < s->nkeys; k++)
        wz_strbuf_appendf(&sql, "t.%s, ", s->keys[k]);
    if (s->tenant)
        /* MIN: a database edited by hand may hold the same id in several stores. */
        wz_strbuf_appendf(&sql,
                          "t.store_id, t.%s, (SELECT MIN(r2.store_id) FROM %s r2 WHERE r2.%s = "
                          "t.%s)",
                          fk->cols[1], fk->ref_table, fk->ref_cols[1], fk->cols[1]);
    else
        for (int i = 0; i < ncols; i++)
            wz_strbuf_appendf(&sql, "%st.%s", i > 0 ? ", " : "", fk->cols[i]);
    wz_strbuf_appendf(&sql, " FROM %s t WHERE ", t->name);
    append_key(&sql, s, false);
    wz_strbuf_append(&sql, " > ");
    append_key(&sql, s, true);
    for (int i = 0; i < ncols; i++)
        wz_strbuf_appendf(&sql, " AND t.%s IS NOT NULL", fk->cols[i]);
    wz_strbuf_appendf(&sql, " AND NOT EXISTS (SELECT 1 FROM %s r WHERE ", fk->ref_table);
    for (int i = 0; i < ncols; i++)
        wz_strbuf_appendf(&sql, "%sr.%s = t.%s", i > 0 ? " AND " : "", fk->ref_cols[i],
                          fk->cols[i]);
    wz_strbuf_append(&sql, ") ORDER BY ");
    for (int k = 0; k < s->nkeys; k++)
        wz_strbuf_appendf(&sql, "%st.%s", k > 0 ? ", " : "", s->keys[k]);
    wz_strbuf_append(&sql, " LIMIT " WZ_VALIDATE_PAGE_SQL);
    int rc;
    if (sql.failed)
        rc = wz_err_set(err, WZ_ENOMEM, "out of memory");
    else
        rc = wz_validate_paged(ctx->db, wz_strbuf_str(&sql), s->nkeys, NULL, 0, on_row, s, err);
    wz_strbuf_release(&sql);
    if (rc < 0 && err != NULL && err->code != 0)
        wz_err_wrap(err, "checking %s -> %s", t->name, fk->ref_table);
    return rc;
}

int wz_validate_references(const struct wz_validate_ctx *ctx, struct wz_finding_sink *sink,
                           const struct wz_validator *v, enum wz_ref_mode mode, struct wz_err *err)
{
    const struct wz_schema *models = wz_models();
    struct ref_scan s = {.sink = sink, .v = v, .mode = mode};
    for (int i = 0; i < models->ntables; i++) {
        s.t = &models->tables[i];
        for (int f = 0; f < s.t->nfks; f++) {
            s.fk = &s.t->fks[f];
            int rc = scan_fk(ctx, &s, err);
            if (rc < 0)
                return rc;
        }
    }
    return WZ_OK;
}
