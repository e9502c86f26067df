/* Broken references, for data.cross_store and data.orphans: see references.h. */
#include "validate/references.h"

#include <stdio.h>
#include <string.h>

#include "core/strbuf.h"
#include "schema/model.h"

#define MAX_FKS    16 /* foreign keys of one table; the models have at most 4 */
#define MAX_TABLES 64

/* Where one foreign key's columns are in a row of the table's query: the flag (1 when the
 * reference is broken), then its columns, then for a tenant key the lowest store holding
 * the target id elsewhere (NULL when none). */
struct fk_cols {
    const struct wz_fk *fk;
    int flag;
    bool tenant;
};

struct ref_scan {
    struct wz_finding_sink *sink;
    const struct wz_validator *v;
    enum wz_ref_mode mode;
    const struct wz_table *t;
    const char *keys[WZ_KEY_MAX];
    int nkeys;
    struct fk_cols fks[MAX_FKS];
    int nfks;
    bool broken; /* a row of the table has a broken reference, of either kind */
    int ti;      /* t's position in the models */
    /* Per table of the models, a bit per foreign key (t->fks order) with a broken reference
     * in some row, for the tables this run has read so far (a table it skipped has none). */
    unsigned *broken_fks;
};

/* The tables the last run found clean, for the other mode's run on the same connection:
 * both modes read the same rows (the references with no target in their store), so a table
 * where one mode found none needs no second pass. A bit per table; consumed by the other
 * mode, replaced by a run of the same mode, and only trusted for the same connection. */
static _Thread_local struct {
    const struct wz_db *db;
    enum wz_ref_mode mode;
    bool valid;
    bool clean[MAX_TABLES];
} memo;

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

static int emit_fk(struct wz_stmt *st, const struct ref_scan *s, const struct fk_cols *f,
                   const char *row)
{
    int c = f->flag + 1;
    if (f->tenant) {
        /* columns: store_id, the reference, the target's store elsewhere (or NULL) */
        bool elsewhere = !wz_stmt_column_is_null(st, c + 2);
        if (elsewhere != (s->mode == WZ_REF_CROSS_STORE))
            return WZ_OK;
        const char *col = f->fk->cols[1];
        long long store = (long long)wz_stmt_column_int64(st, c);
        long long target = (long long)wz_stmt_column_int64(st, c + 1);
        if (elsewhere)
            return wz_finding_emit(s->sink, s->v->name, s->t->name, row,
                                   "the row belongs to store %lld but its %s=%lld is a row of "
                                   "%s in store %lld (a reference across stores)",
                                   store, col, target, f->fk->ref_table,
                                   (long long)wz_stmt_column_int64(st, c + 2));
        return wz_finding_emit(s->sink, s->v->name, s->t->name, row,
                               "%s=%lld (store %lld) points at no row of %s", col, target, store,
                               f->fk->ref_table);
    }
    if (s->mode != WZ_REF_ORPHANS)
        return WZ_OK;
    char ref[160] = "";
    size_t off = 0;
    int ncols = wz_cols_count(f->fk->cols);
    for (int i = 0; i < ncols && off < sizeof(ref); i++) {
        int n = snprintf(ref + off, sizeof(ref) - off, "%s%s=%s", i > 0 ? ", " : "", f->fk->cols[i],
                         wz_stmt_column_text(st, c + i));
        if (n < 0)
            break;
        off += (size_t)n;
    }
    return wz_finding_emit(s->sink, s->v->name, s->t->name, row, "%s points at no row of %s", ref,
                           f->fk->ref_table);
}

static int on_row(struct wz_stmt *st, void *arg, struct wz_err *err)
{
    (void)err;
    struct ref_scan *s = arg;
    s->broken = true;
    char row[128];
    key_text(st, s, row, sizeof(row));
    for (int i = 0; i < s->nfks; i++) {
        if (wz_stmt_column_int64(st, s->fks[i].flag) == 0)
            continue;
        s->broken_fks[s->ti] |= 1u << i;
        int rc = emit_fk(st, s, &s->fks[i], row);
        if (rc < 0)
            return rc;
    }
    return WZ_OK;
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

/* True when the row's reference fk (joined as r<f>) has no target in the row's store: its
 * columns are set (NULLs refer to nothing) and the left join found no row. */
static void append_broken(struct wz_strbuf *sql, const struct wz_fk *fk, int f)
{
    int ncols = wz_cols_count(fk->cols);
    wz_strbuf_putc(sql, '(');
    for (int i = 0; i < ncols; i++)
        wz_strbuf_appendf(sql, "t.%s IS NOT NULL AND ", fk->cols[i]);
    wz_strbuf_appendf(sql, "r%d.%s IS NULL)", f, fk->ref_cols[0]);
}

/* The column of fk's target that SQLite stores as the rowid (the identity that ends the
 * target's primary key, docs/schema.md) when fk names it among several, else NULL.
 * A tenant key (store_id, id) is also a UNIQUE index on SQLite, which the query planner
 * prefers; probing the rowid's b-tree and comparing store_id in the row found costs a
 * quarter less per reference (an integer key against a record compare), the cost of
 * PRAGMA foreign_key_check. */
static const char *target_rowid(const struct wz_fk *fk)
{
    if (wz_cols_count(fk->ref_cols) < 2)
        return NULL;
    const struct wz_table *target = wz_schema_table(wz_models(), fk->ref_table);
    const struct wz_column *id = target != NULL ? wz_table_identity(target) : NULL;
    int npk = target != NULL ? wz_cols_count(target->pk) : 0;
    if (id == NULL || npk == 0 || strcmp(target->pk[npk - 1], id->name) != 0 ||
        !wz_cols_has(fk->ref_cols, id->name))
        return NULL;
    return id->name;
}

/* " FROM t LEFT JOIN <target> r<f> ON ..." for every foreign key of t. Left joins rather
 * than NOT EXISTS per key: a foreign key's target is unique, so each join keeps the table's
 * rows one for one, and a join probes the target's key without a correlated subquery's
 * per-row set-up (SQLite), or as a hash join (PostgreSQL). */
static void append_from(struct wz_strbuf *sql, const struct wz_table *t,
                        const struct wz_fk *const *vias)
{
    wz_strbuf_appendf(sql, " FROM %s t", t->name);
    for (int f = 0; f < t->nfks; f++) {
        const struct wz_fk *fk = &t->fks[f];
        const char *rowid = target_rowid(fk);
        if (vias != NULL && vias[f] != NULL)
            continue; /* asked with NOT IN instead (append_any_broken) */
        wz_strbuf_appendf(sql, " LEFT JOIN %s r%d ON ", fk->ref_table, f);
        for (int i = 0; i < wz_cols_count(fk->cols); i++) {
            /* A unary + keeps a column out of SQLite's choice of index (a no-op for
             * PostgreSQL's hash join): the probe goes by the rowid alone. */
            bool plus = rowid != NULL && strcmp(fk->ref_cols[i], rowid) != 0;
            wz_strbuf_appendf(sql, "%s%sr%d.%s = t.%s", i > 0 ? " AND " : "", plus ? "+" : "", f,
                              fk->ref_cols[i], fk->cols[i]);
        }
    }
}

/* "(<fk 0 broken> OR <fk 1 broken> ...)": the row has a broken reference. A reference vouched
 * for (vias[f], see voucher) can only be broken where its voucher is, which another term
 * asks, or where the voucher's own columns are NULL: only those rows ask about its target,
 * with NOT IN (one look-up table for the statement, as a join would be, not a correlated
 * subquery per row, which PostgreSQL's planner costs as one scan per row). */
static void append_any_broken(struct wz_strbuf *sql, const struct wz_table *t,
                              const struct wz_fk *const *vias)
{
    wz_strbuf_putc(sql, '(');
    for (int f = 0; f < t->nfks; f++) {
        const struct wz_fk *fk = &t->fks[f];
        if (f > 0)
            wz_strbuf_append(sql, " OR ");
        if (vias == NULL || vias[f] == NULL) {
            append_broken(sql, fk, f);
            continue;
        }
        wz_strbuf_append(sql, "((");
        for (int i = 1; i < wz_cols_count(vias[f]->cols); i++)
            wz_strbuf_appendf(sql, "%st.%s IS NULL", i > 1 ? " OR " : "", vias[f]->cols[i]);
        wz_strbuf_appendf(sql,
                          ") AND t.%s IS NOT NULL AND t.%s NOT IN (SELECT m.%s FROM %s m WHERE "
                          "m.%s IS NOT NULL))",
                          fk->cols[0], fk->cols[0], fk->ref_cols[0], fk->ref_table,
                          fk->ref_cols[0]);
    }
    wz_strbuf_putc(sql, ')');
}

/*
 * A tenant key that makes the single-column reference fk (store_id -> stores) redundant: a
 * key (store_id, x) of the same table whose target table P was read earlier in this run and
 * has no broken reference store_id -> stores of its own. A row whose (store_id, x) finds its
 * row p of P then has p.store_id = store_id, and p's store exists, so the row's store does
 * too: fk can only be broken in a row whose key (store_id, x) is broken as well, or has x
 * NULL. any_broken then reads the table without the join to stores (a probe per row).
 */
static const struct wz_fk *voucher(const struct ref_scan *s, const struct wz_fk *fk)
{
    if (wz_cols_count(fk->cols) != 1)
        return NULL;
    const struct wz_schema *models = wz_models();
    for (int g = 0; g < s->t->nfks; g++) {
        const struct wz_fk *key = &s->t->fks[g];
        if (key == fk || wz_cols_count(key->cols) < 2 || strcmp(key->cols[0], fk->cols[0]) != 0)
            continue;
        const struct wz_table *p = wz_schema_table(models, key->ref_table);
        int pi = p != NULL ? (int)(p - models->tables) : -1;
        if (pi < 0 || pi >= s->ti)
            continue;
        for (int h = 0; h < p->nfks; h++) {
            const struct wz_fk *pfk = &p->fks[h];
            if (wz_cols_count(pfk->cols) == 1 && strcmp(pfk->cols[0], key->ref_cols[0]) == 0 &&
                strcmp(pfk->ref_table, fk->ref_table) == 0 &&
                strcmp(pfk->ref_cols[0], fk->ref_cols[0]) == 0 &&
                (s->broken_fks[pi] & (1u << h)) == 0)
                return key;
        }
    }
    return NULL;
}

/*
 * Whether any row of t has a broken reference: 1, 0, or < 0 on error. Nearly every table of
 * a sound database has none, and this question, free of the paged query's order by key,
 * lets SQLite read the table through an index holding every column it needs (orders through
 * (store_id, customer_id): a ninth of the table's pages) instead of the table itself. Only a
 * table with a broken reference is then read again, page by page, for its rows.
 */
static int any_broken(const struct wz_validate_ctx *ctx, const struct ref_scan *s,
                      struct wz_err *err)
{
    const struct wz_table *t = s->t;
    const struct wz_fk *vias[MAX_FKS];
    for (int f = 0; f < t->nfks; f++)
        vias[f] = voucher(s, &t->fks[f]);
    struct wz_strbuf sql = WZ_STRBUF_INIT;
    wz_strbuf_append(&sql, "SELECT 1");
    append_from(&sql, t, vias);
    wz_strbuf_append(&sql, " WHERE ");
    append_any_broken(&sql, t, vias);
    wz_strbuf_append(&sql, " LIMIT 1");
    int64_t one;
    int rc = sql.failed ? wz_err_set(err, WZ_ENOMEM, "out of memory")
                        : wz_db_query_int64(ctx->db, wz_strbuf_str(&sql), NULL, 0, &one, err);
    wz_strbuf_release(&sql);
    return rc;
}

/* One pass over the table for all its foreign keys: the rows with any broken reference,
 * each with a flag per key telling which. */
static int scan_table(const struct wz_validate_ctx *ctx, struct ref_scan *s, struct wz_err *err)
{
    const struct wz_table *t = s->t;
    const struct wz_column *id = wz_table_identity(t);
    s->nkeys = 0;
    if (id != NULL) {
        s->keys[s->nkeys++] = id->name;
    } else {
        for (int k = 0; k < WZ_KEY_MAX && t->pk[k] != NULL; k++)
            s->keys[s->nkeys++] = t->pk[k];
    }
    if (t->nfks > MAX_FKS)
        return wz_err_set(err, WZ_EFAIL, "table %s has more than %d foreign keys", t->name,
                          MAX_FKS);
    s->broken = false;
    int rc = any_broken(ctx, s, err);
    if (rc <= 0) {
        if (rc < 0 && err != NULL && err->code != 0)
            wz_err_wrap(err, "checking the references of %s", t->name);
        return rc;
    }

    struct wz_strbuf sql = WZ_STRBUF_INIT;
    wz_strbuf_append(&sql, "SELECT ");
    for (int k = 0; k < s->nkeys; k++)
        wz_strbuf_appendf(&sql, "t.%s, ", s->keys[k]);
    int col = s->nkeys;
    s->nfks = t->nfks;
    for (int f = 0; f < t->nfks; f++) {
        const struct wz_fk *fk = &t->fks[f];
        int ncols = wz_cols_count(fk->cols);
        struct fk_cols *fc = &s->fks[f];
        fc->fk = fk;
        fc->flag = col;
        fc->tenant = ncols == 2 && strcmp(fk->cols[0], "store_id") == 0 &&
                     strcmp(fk->ref_cols[0], "store_id") == 0;
        wz_strbuf_append(&sql, f > 0 ? ", CASE WHEN " : "CASE WHEN ");
        append_broken(&sql, fk, f);
        wz_strbuf_append(&sql, " THEN 1 ELSE 0 END");
        for (int i = 0; i < ncols; i++)
            wz_strbuf_appendf(&sql, ", t.%s", fk->cols[i]);
        col += 1 + ncols;
        if (fc->tenant) {
            /* MIN: a database edited by hand may hold the same id in several stores. */
            wz_strbuf_appendf(&sql, ", (SELECT MIN(m.store_id) FROM %s m WHERE m.%s = t.%s)",
                              fk->ref_table, fk->ref_cols[1], fk->cols[1]);
            col++;
        }
    }
    append_from(&sql, t, NULL);
    wz_strbuf_append(&sql, " WHERE ");
    append_key(&sql, s, false);
    wz_strbuf_append(&sql, " > ");
    append_key(&sql, s, true);
    wz_strbuf_append(&sql, " AND ");
    append_any_broken(&sql, t, NULL);
    wz_strbuf_append(&sql, " ORDER BY ");
    for (int k = 0; k < s->nkeys; k++)
        wz_strbuf_appendf(&sql, "%st.%s", k > 0 ? ", " : "", s->keys[k]);
    wz_strbuf_append(&sql, " LIMIT " WZ_VALIDATE_PAGE_SQL);
    if (sql.failed)
        rc = wz_err_set(err, WZ_ENOMEM, "out of memory");
    else
        rc = wz_validate_paged(ctx->db, wz_strbuf_str(&sql), s->nkeys, NULL, 0, on_row, s, err);
    wz_strbuf_release(&sql);
    if (rc < 0 && err != NULL && err->code != 0)
        wz_err_wrap(err, "checking the references of %s", t->name);
    return rc;
}

int wz_validate_references(const struct wz_validate_ctx *ctx, struct wz_finding_sink *sink,
                           const struct wz_validator *v, enum wz_ref_mode mode, struct wz_err *err)
{
    const struct wz_schema *models = wz_models();
    if (models->ntables > MAX_TABLES)
        return wz_err_set(err, WZ_EFAIL, "the models have more than %d tables", MAX_TABLES);
    bool use_memo = memo.valid && memo.db == ctx->db && memo.mode != mode;
    bool clean[MAX_TABLES];
    unsigned broken_fks[MAX_TABLES] = {0};
    struct ref_scan s = {.sink = sink, .v = v, .mode = mode, .broken_fks = broken_fks};
    for (int i = 0; i < models->ntables; i++) {
        s.t = &models->tables[i];
        s.ti = i;
        clean[i] = true;
        if (s.t->nfks == 0 || (use_memo && memo.clean[i]))
            continue;
        int rc = scan_table(ctx, &s, err);
        if (rc < 0) {
            memo.valid = false;
            return rc;
        }
        clean[i] = !s.broken;
    }
    if (use_memo) {
        memo.valid = false;
    } else {
        memo.db = ctx->db;
        memo.mode = mode;
        memo.valid = true;
        memcpy(memo.clean, clean, sizeof(clean));
    }
    return WZ_OK;
}
