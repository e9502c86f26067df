/*
 * Lookups over the schema descriptors, and the builder and destructor for schemas that live
 * on the heap (read from a database, or copied). The descriptor types carry const pointers
 * so the static models cannot be written through them; an owned schema's arrays and strings
 * were allocated here, so this file alone casts the const away to grow and free them.
 */
#include "schema/model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"

int wz_cols_count(const char *const cols[WZ_KEY_MAX])
{
    int n = 0;
    while (n < WZ_KEY_MAX && cols[n] != NULL)
        n++;
    return n;
}

bool wz_cols_equal(const char *const a[WZ_KEY_MAX], const char *const b[WZ_KEY_MAX])
{
    for (int i = 0; i < WZ_KEY_MAX; i++) {
        if ((a[i] == NULL) != (b[i] == NULL))
            return false;
        if (a[i] != NULL && strcmp(a[i], b[i]) != 0)
            return false;
    }
    return true;
}

bool wz_cols_has(const char *const cols[WZ_KEY_MAX], const char *col)
{
    for (int i = 0; i < WZ_KEY_MAX && cols[i] != NULL; i++)
        if (strcmp(cols[i], col) == 0)
            return true;
    return false;
}

const struct wz_table *wz_schema_table(const struct wz_schema *s, const char *name)
{
    for (int i = 0; i < s->ntables; i++)
        if (strcmp(s->tables[i].name, name) == 0)
            return &s->tables[i];
    return NULL;
}

const struct wz_column *wz_table_column(const struct wz_table *t, const char *name)
{
    for (int i = 0; i < t->ncols; i++)
        if (strcmp(t->cols[i].name, name) == 0)
            return &t->cols[i];
    return NULL;
}

const struct wz_column *wz_table_identity(const struct wz_table *t)
{
    for (int i = 0; i < t->ncols; i++)
        if (t->cols[i].identity)
            return &t->cols[i];
    return NULL;
}

bool wz_table_is_tenant(const struct wz_table *t)
{
    return t->pk[0] != NULL && strcmp(t->pk[0], "store_id") == 0;
}

/* ---- owned schemas ---- */

static void free_str(const char *s)
{
    free((char *)s); /* owned schemas allocated every string with dup() below */
}

static void free_cols(const char *const cols[WZ_KEY_MAX])
{
    for (int i = 0; i < WZ_KEY_MAX; i++)
        free_str(cols[i]);
}

static void table_release(struct wz_table *t)
{
    free_str(t->name);
    for (int i = 0; i < t->ncols; i++) {
        free_str(t->cols[i].name);
        free_str(t->cols[i].def);
        free_str(t->cols[i].type_name);
    }
    free((void *)t->cols);
    free_cols(t->pk);
    for (int i = 0; i < t->nuniques; i++) {
        free_str(t->uniques[i].name);
        free_cols(t->uniques[i].cols);
    }
    free((void *)t->uniques);
    for (int i = 0; i < t->nindexes; i++) {
        free_str(t->indexes[i].name);
        free_cols(t->indexes[i].cols);
    }
    free((void *)t->indexes);
    for (int i = 0; i < t->nfks; i++) {
        free_str(t->fks[i].name);
        free_cols(t->fks[i].cols);
        free_str(t->fks[i].ref_table);
        free_cols(t->fks[i].ref_cols);
    }
    free((void *)t->fks);
    for (int i = 0; i < t->nchecks; i++) {
        free_str(t->checks[i].name);
        free_str(t->checks[i].expr);
    }
    free((void *)t->checks);
}

void wz_schema_release(struct wz_schema *s)
{
    if (s == NULL || !s->owned)
        return;
    for (int i = 0; i < s->ntables; i++)
        table_release((struct wz_table *)&s->tables[i]);
    free((void *)s->tables);
    s->tables = NULL;
    s->ntables = 0;
}

/* Copies s into *dst; NULL stays NULL. Returns false on out of memory. */
static bool dup(const char **dst, const char *s)
{
    *dst = NULL;
    if (s == NULL)
        return true;
    *dst = strdup(s);
    return *dst != NULL;
}

static bool dup_cols(const char *dst[WZ_KEY_MAX], const char *const src[WZ_KEY_MAX])
{
    bool ok = true;
    for (int i = 0; i < WZ_KEY_MAX; i++)
        ok = dup(&dst[i], src[i]) && ok;
    return ok;
}

/* Grows an array of n elements of size sz by one zeroed element. */
static void *grow(const void *arr, int n, size_t sz)
{
    char *p = realloc((void *)arr, (size_t)(n + 1) * sz);
    if (p != NULL)
        memset(p + (size_t)n * sz, 0, sz);
    return p;
}

int wz_schema_add_table(struct wz_schema *s, const char *name, struct wz_table **out)
{
    struct wz_table *tables = grow(s->tables, s->ntables, sizeof(*tables));
    if (tables == NULL)
        return WZ_ENOMEM;
    s->owned = true;
    s->tables = tables;
    struct wz_table *t = &tables[s->ntables++];
    if (out != NULL)
        *out = t;
    return dup(&t->name, name) ? WZ_OK : WZ_ENOMEM;
}

int wz_table_add_column(struct wz_table *t, const struct wz_column *c)
{
    struct wz_column *cols = grow(t->cols, t->ncols, sizeof(*cols));
    if (cols == NULL)
        return WZ_ENOMEM;
    t->cols = cols;
    struct wz_column *d = &cols[t->ncols++];
    d->type = c->type;
    d->nullable = c->nullable;
    d->identity = c->identity;
    bool ok = dup(&d->name, c->name);
    ok = dup(&d->def, c->def) && ok;
    ok = dup(&d->type_name, c->type_name) && ok;
    return ok ? WZ_OK : WZ_ENOMEM;
}

int wz_table_set_pk(struct wz_table *t, const char *const cols[WZ_KEY_MAX])
{
    free_cols(t->pk);
    return dup_cols(t->pk, cols) ? WZ_OK : WZ_ENOMEM;
}

int wz_table_add_unique(struct wz_table *t, const struct wz_unique *u)
{
    struct wz_unique *arr = grow(t->uniques, t->nuniques, sizeof(*arr));
    if (arr == NULL)
        return WZ_ENOMEM;
    t->uniques = arr;
    struct wz_unique *d = &arr[t->nuniques++];
    bool ok = dup(&d->name, u->name);
    ok = dup_cols(d->cols, u->cols) && ok;
    return ok ? WZ_OK : WZ_ENOMEM;
}

int wz_table_add_index(struct wz_table *t, const struct wz_index *ix)
{
    struct wz_index *arr = grow(t->indexes, t->nindexes, sizeof(*arr));
    if (arr == NULL)
        return WZ_ENOMEM;
    t->indexes = arr;
    struct wz_index *d = &arr[t->nindexes++];
    d->unique = ix->unique;
    bool ok = dup(&d->name, ix->name);
    ok = dup_cols(d->cols, ix->cols) && ok;
    return ok ? WZ_OK : WZ_ENOMEM;
}

int wz_table_add_fk(struct wz_table *t, const struct wz_fk *fk)
{
    struct wz_fk *arr = grow(t->fks, t->nfks, sizeof(*arr));
    if (arr == NULL)
        return WZ_ENOMEM;
    t->fks = arr;
    struct wz_fk *d = &arr[t->nfks++];
    d->on_delete = fk->on_delete;
    bool ok = dup(&d->name, fk->name);
    ok = dup_cols(d->cols, fk->cols) && ok;
    ok = dup(&d->ref_table, fk->ref_table) && ok;
    ok = dup_cols(d->ref_cols, fk->ref_cols) && ok;
    return ok ? WZ_OK : WZ_ENOMEM;
}

int wz_table_add_check(struct wz_table *t, const struct wz_check *ck)
{
    struct wz_check *arr = grow(t->checks, t->nchecks, sizeof(*arr));
    if (arr == NULL)
        return WZ_ENOMEM;
    t->checks = arr;
    struct wz_check *d = &arr[t->nchecks++];
    bool ok = dup(&d->name, ck->name);
    ok = dup(&d->expr, ck->expr) && ok;
    return ok ? WZ_OK : WZ_ENOMEM;
}

void wz_table_remove_unique(struct wz_table *t, int i)
{
    struct wz_unique *arr = (struct wz_unique *)t->uniques;
    free_str(arr[i].name);
    free_cols(arr[i].cols);
    memmove(&arr[i], &arr[i + 1], (size_t)(t->nuniques - i - 1) * sizeof(*arr));
    t->nuniques--;
}

int wz_schema_copy(const struct wz_schema *src, struct wz_schema *out)
{
    memset(out, 0, sizeof(*out));
    out->owned = true;
    out->dialect = src->dialect;
    for (int i = 0; i < src->ntables; i++) {
        const struct wz_table *st = &src->tables[i];
        struct wz_table *t;
        int rc = wz_schema_add_table(out, st->name, &t);
        for (int j = 0; rc == WZ_OK && j < st->ncols; j++)
            rc = wz_table_add_column(t, &st->cols[j]);
        if (rc == WZ_OK)
            rc = wz_table_set_pk(t, st->pk);
        for (int j = 0; rc == WZ_OK && j < st->nuniques; j++)
            rc = wz_table_add_unique(t, &st->uniques[j]);
        for (int j = 0; rc == WZ_OK && j < st->nindexes; j++)
            rc = wz_table_add_index(t, &st->indexes[j]);
        for (int j = 0; rc == WZ_OK && j < st->nfks; j++)
            rc = wz_table_add_fk(t, &st->fks[j]);
        for (int j = 0; rc == WZ_OK && j < st->nchecks; j++)
            rc = wz_table_add_check(t, &st->checks[j]);
        if (rc != WZ_OK) {
            wz_schema_release(out);
            return rc;
        }
    }
    return WZ_OK;
}

/* True when table t references a table among tables[from..n) other than itself. */
static bool refs_later(const struct wz_table *tables, int from, int n, const struct wz_table *t)
{
    for (int f = 0; f < t->nfks; f++) {
        if (strcmp(t->fks[f].ref_table, t->name) == 0)
            continue;
        for (int k = from; k < n; k++)
            if (&tables[k] != t && strcmp(tables[k].name, t->fks[f].ref_table) == 0)
                return true;
    }
    return false;
}

void wz_schema_sort(struct wz_schema *s)
{
    if (!s->owned)
        return;
    struct wz_table *tables = (struct wz_table *)s->tables;
    /* Selection of the first table whose parents are all placed: stable, O(n^3) on a few
     * dozen tables. A cycle places the rest in their current order. */
    for (int placed = 0; placed < s->ntables; placed++) {
        int pick = placed;
        for (int k = placed; k < s->ntables; k++) {
            if (!refs_later(tables, placed, s->ntables, &tables[k])) {
                pick = k;
                break;
            }
        }
        if (pick != placed) {
            struct wz_table tmp = tables[pick];
            memmove(&tables[placed + 1], &tables[placed],
                    (size_t)(pick - placed) * sizeof(*tables));
            tables[placed] = tmp;
        }
    }
}

int wz_schema_check_rules(const struct wz_schema *s, struct wz_err *err)
{
    for (int i = 0; i < s->ntables; i++) {
        const struct wz_table *t = &s->tables[i];
        for (int j = 0; j < t->nfks; j++) {
            const struct wz_fk *fk = &t->fks[j];
            bool set_null = fk->on_delete == WZ_FK_SET_NULL;
            if (!set_null && fk->on_delete != WZ_FK_SET_DEFAULT)
                continue;
            for (int k = 0; k < WZ_KEY_MAX && fk->cols[k] != NULL; k++) {
                const struct wz_column *c = wz_table_column(t, fk->cols[k]);
                bool in_key = wz_cols_has(t->pk, fk->cols[k]);
                if (!in_key && !(set_null && c != NULL && !c->nullable))
                    continue;
                char cols[160] = "";
                size_t len = 0;
                for (int m = 0; m < WZ_KEY_MAX && fk->cols[m] != NULL && len < sizeof(cols); m++)
                    len += (size_t)snprintf(cols + len, sizeof(cols) - len, "%s%s", m ? ", " : "",
                                            fk->cols[m]);
                return wz_err_set(err, WZ_EFAIL,
                                  "table '%s': the foreign key (%s) -> %s ON DELETE %s can "
                                  "never work: deleting a row of '%s' would set %s to %s, and "
                                  "%s is %s; use CASCADE, RESTRICT or NO_ACTION",
                                  t->name, cols, fk->ref_table,
                                  set_null ? "SET NULL" : "SET DEFAULT", fk->ref_table, fk->cols[k],
                                  set_null ? "NULL" : "its default", fk->cols[k],
                                  in_key ? "part of the primary key" : "NOT NULL");
            }
        }
    }
    return WZ_OK;
}
