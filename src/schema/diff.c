/*
 * The schema comparison of diff.h. Messages name the two sides "the database" (from) and
 * "the models" (to), since that is what a drift report and `migrate check` compare.
 */
#include "schema/diff.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/strbuf.h"
#include "schema/ddl.h"
#include "schema/introspect.h"

const char *wz_type_name(enum wz_type t)
{
    switch (t) {
    case WZ_TYPE_INTEGER:
        return "integer";
    case WZ_TYPE_TEXT:
        return "text";
    case WZ_TYPE_BOOLEAN:
        return "boolean";
    case WZ_TYPE_TIMESTAMP:
        return "timestamp";
    case WZ_TYPE_JSON:
        return "json";
    case WZ_TYPE_OTHER:
        break;
    }
    return "other";
}

struct ctx {
    struct wz_schema_diff *out;
    int cap;
    bool failed;
};

static void cols_text(struct wz_strbuf *sb, const char *const cols[WZ_KEY_MAX])
{
    wz_strbuf_append(sb, "(");
    for (int i = 0; i < WZ_KEY_MAX && cols[i] != NULL; i++)
        wz_strbuf_appendf(sb, "%s%s", i ? ", " : "", cols[i]);
    wz_strbuf_append(sb, ")");
}

/* Appends one change; object may be NULL; text is taken over from sb (reset after). */
static void add(struct ctx *c, enum wz_change_kind kind, const struct wz_table *ft,
                const struct wz_table *tt, const char *object, const void *from, const void *to,
                struct wz_strbuf *text)
{
    if (c->failed || text->failed) {
        c->failed = true;
        wz_strbuf_reset(text);
        return;
    }
    struct wz_schema_diff *d = c->out;
    if (d->n == c->cap) {
        int cap = c->cap ? c->cap * 2 : 16;
        struct wz_change *items = realloc(d->items, (size_t)cap * sizeof(*items));
        if (items == NULL) {
            c->failed = true;
            wz_strbuf_reset(text);
            return;
        }
        d->items = items;
        c->cap = cap;
    }
    struct wz_change *ch = &d->items[d->n];
    memset(ch, 0, sizeof(*ch));
    ch->kind = kind;
    ch->table = tt != NULL ? tt->name : ft->name;
    ch->from_table = ft;
    ch->to_table = tt;
    ch->from = from;
    ch->to = to;
    ch->text = wz_strbuf_detach(text);
    ch->object = object != NULL ? strdup(object) : NULL;
    d->n++;
    if (ch->text == NULL || (object != NULL && ch->object == NULL))
        c->failed = true;
}

static const char *where(bool in_models)
{
    return in_models ? "is in the models but not in the database"
                     : "is in the database but not in the models";
}

static void describe_column(struct wz_strbuf *sb, const struct wz_column *c)
{
    if (c->type == WZ_TYPE_OTHER)
        wz_strbuf_append(sb, c->type_name != NULL ? c->type_name : "other");
    else
        wz_strbuf_append(sb, wz_type_name(c->type));
    wz_strbuf_append(sb, c->nullable ? " null" : " not null");
    if (c->identity)
        wz_strbuf_append(sb, " generated id");
    if (c->def != NULL)
        wz_strbuf_appendf(sb, " default %s", c->def);
}

static bool str_eq(const char *a, const char *b)
{
    if (a == NULL || b == NULL)
        return a == b;
    return strcmp(a, b) == 0;
}

static bool column_equal(const struct wz_column *a, const struct wz_column *b)
{
    if (a->type != b->type || a->nullable != b->nullable || a->identity != b->identity)
        return false;
    if (a->type == WZ_TYPE_OTHER &&
        (a->type_name == NULL || b->type_name == NULL || strcasecmp(a->type_name, b->type_name)))
        return false;
    /* A generated id's default is the database's business (a sequence on PostgreSQL). */
    return a->identity || str_eq(a->def, b->def);
}

static bool fk_equal(const struct wz_fk *a, const struct wz_fk *b)
{
    return wz_cols_equal(a->cols, b->cols) && strcmp(a->ref_table, b->ref_table) == 0 &&
           wz_cols_equal(a->ref_cols, b->ref_cols) && a->on_delete == b->on_delete;
}

static bool index_equal(const struct wz_index *a, const struct wz_index *b)
{
    return a->unique == b->unique && wz_cols_equal(a->cols, b->cols);
}

static const char *action_name(enum wz_fk_action a)
{
    static const char *const names[] = {"no action", "restrict", "cascade", "set null",
                                        "set default"};
    return (unsigned)a < sizeof(names) / sizeof(names[0]) ? names[a] : "?";
}

static void compare_columns(struct ctx *c, const struct wz_table *ft, const struct wz_table *tt,
                            struct wz_strbuf *sb)
{
    for (int i = 0; i < tt->ncols; i++) {
        const struct wz_column *want = &tt->cols[i];
        const struct wz_column *have = wz_table_column(ft, want->name);
        if (have == NULL) {
            wz_strbuf_appendf(sb, "column '%s.%s' %s", tt->name, want->name, where(true));
            add(c, WZ_CHANGE_ADD_COLUMN, ft, tt, want->name, NULL, want, sb);
        } else if (!column_equal(have, want)) {
            wz_strbuf_appendf(sb, "column '%s.%s' differs: the database has ", tt->name,
                              want->name);
            describe_column(sb, have);
            wz_strbuf_append(sb, ", the models have ");
            describe_column(sb, want);
            add(c, WZ_CHANGE_ALTER_COLUMN, ft, tt, want->name, have, want, sb);
        }
    }
    for (int i = 0; i < ft->ncols; i++) {
        const struct wz_column *have = &ft->cols[i];
        if (wz_table_column(tt, have->name) == NULL) {
            wz_strbuf_appendf(sb, "column '%s.%s' %s", ft->name, have->name, where(false));
            add(c, WZ_CHANGE_DROP_COLUMN, ft, tt, have->name, have, NULL, sb);
        }
    }
}

static void compare_keys(struct ctx *c, const struct wz_table *ft, const struct wz_table *tt,
                         struct wz_strbuf *sb)
{
    char name[128];
    if (!wz_cols_equal(ft->pk, tt->pk)) {
        wz_strbuf_appendf(sb, "primary key of '%s' differs: the database has ", tt->name);
        cols_text(sb, ft->pk);
        wz_strbuf_append(sb, ", the models have ");
        cols_text(sb, tt->pk);
        add(c, WZ_CHANGE_ALTER_PK, ft, tt, NULL, NULL, NULL, sb);
    }
    /* Unique constraints and foreign keys: by content. */
    for (int pass = 0; pass < 2; pass++) {
        const struct wz_table *a = pass == 0 ? tt : ft, *b = pass == 0 ? ft : tt;
        for (int i = 0; i < a->nuniques; i++) {
            bool found = false;
            for (int j = 0; j < b->nuniques && !found; j++)
                found = wz_cols_equal(a->uniques[i].cols, b->uniques[j].cols);
            if (found)
                continue;
            wz_ddl_unique_name(a, &a->uniques[i], name, sizeof(name));
            wz_strbuf_appendf(sb, "unique constraint '%s' ", name);
            cols_text(sb, a->uniques[i].cols);
            wz_strbuf_appendf(sb, " on '%s' %s", a->name, where(pass == 0));
            add(c, pass == 0 ? WZ_CHANGE_ADD_UNIQUE : WZ_CHANGE_DROP_UNIQUE, ft, tt, name,
                pass == 0 ? NULL : &a->uniques[i], pass == 0 ? &a->uniques[i] : NULL, sb);
        }
        for (int i = 0; i < a->nfks; i++) {
            bool found = false;
            for (int j = 0; j < b->nfks && !found; j++)
                found = fk_equal(&a->fks[i], &b->fks[j]);
            if (found)
                continue;
            wz_ddl_fk_name(a, &a->fks[i], name, sizeof(name));
            wz_strbuf_appendf(sb, "foreign key '%s' ", name);
            cols_text(sb, a->fks[i].cols);
            wz_strbuf_appendf(sb, " -> %s ", a->fks[i].ref_table);
            cols_text(sb, a->fks[i].ref_cols);
            wz_strbuf_appendf(sb, " on delete %s on '%s' %s", action_name(a->fks[i].on_delete),
                              a->name, where(pass == 0));
            add(c, pass == 0 ? WZ_CHANGE_ADD_FK : WZ_CHANGE_DROP_FK, ft, tt, name,
                pass == 0 ? NULL : &a->fks[i], pass == 0 ? &a->fks[i] : NULL, sb);
        }
    }
}

static const struct wz_index *find_index(const struct wz_table *t, const char *name)
{
    for (int i = 0; i < t->nindexes; i++)
        if (strcmp(t->indexes[i].name, name) == 0)
            return &t->indexes[i];
    return NULL;
}

static const struct wz_check *find_check(const struct wz_table *t, const char *name)
{
    for (int i = 0; i < t->nchecks; i++)
        if (strcmp(t->checks[i].name, name) == 0)
            return &t->checks[i];
    return NULL;
}

static void compare_named(struct ctx *c, const struct wz_table *ft, const struct wz_table *tt,
                          bool check_exprs, struct wz_strbuf *sb)
{
    for (int i = 0; i < tt->nindexes; i++) {
        const struct wz_index *want = &tt->indexes[i], *have = find_index(ft, want->name);
        if (have == NULL) {
            wz_strbuf_appendf(sb, "index '%s' on '%s' %s", want->name, tt->name, where(true));
            add(c, WZ_CHANGE_ADD_INDEX, ft, tt, want->name, NULL, want, sb);
        } else if (!index_equal(have, want)) {
            wz_strbuf_appendf(sb, "index '%s' on '%s' differs: the database has %s", want->name,
                              tt->name, have->unique ? "unique " : "");
            cols_text(sb, have->cols);
            wz_strbuf_appendf(sb, ", the models have %s", want->unique ? "unique " : "");
            cols_text(sb, want->cols);
            add(c, WZ_CHANGE_ALTER_INDEX, ft, tt, want->name, have, want, sb);
        }
    }
    for (int i = 0; i < ft->nindexes; i++) {
        if (find_index(tt, ft->indexes[i].name) == NULL) {
            wz_strbuf_appendf(sb, "index '%s' on '%s' %s", ft->indexes[i].name, ft->name,
                              where(false));
            add(c, WZ_CHANGE_DROP_INDEX, ft, tt, ft->indexes[i].name, &ft->indexes[i], NULL, sb);
        }
    }
    for (int i = 0; i < tt->nchecks; i++) {
        const struct wz_check *want = &tt->checks[i], *have = find_check(ft, want->name);
        if (have == NULL) {
            wz_strbuf_appendf(sb, "check constraint '%s' on '%s' %s", want->name, tt->name,
                              where(true));
            add(c, WZ_CHANGE_ADD_CHECK, ft, tt, want->name, NULL, want, sb);
        } else if (check_exprs && !str_eq(have->expr, want->expr)) {
            wz_strbuf_appendf(sb,
                              "check constraint '%s' on '%s' differs: the database has (%s), "
                              "the models have (%s)",
                              want->name, tt->name, have->expr, want->expr);
            add(c, WZ_CHANGE_ALTER_CHECK, ft, tt, want->name, have, want, sb);
        }
    }
    for (int i = 0; i < ft->nchecks; i++) {
        if (find_check(tt, ft->checks[i].name) == NULL) {
            wz_strbuf_appendf(sb, "check constraint '%s' on '%s' %s", ft->checks[i].name, ft->name,
                              where(false));
            add(c, WZ_CHANGE_DROP_CHECK, ft, tt, ft->checks[i].name, &ft->checks[i], NULL, sb);
        }
    }
}

int wz_schema_compare(const struct wz_schema *from, const struct wz_schema *to,
                      struct wz_schema_diff *out, struct wz_err *err)
{
    memset(out, 0, sizeof(*out));
    struct ctx c = {.out = out};
    struct wz_strbuf sb = WZ_STRBUF_INIT;
    bool check_exprs = from->dialect != WZ_DIALECT_POSTGRES && to->dialect != WZ_DIALECT_POSTGRES;
    for (int i = 0; i < to->ntables && !c.failed; i++) {
        const struct wz_table *tt = &to->tables[i];
        const struct wz_table *ft = wz_schema_table(from, tt->name);
        if (ft == NULL) {
            wz_strbuf_appendf(&sb, "table '%s' %s", tt->name, where(true));
            add(&c, WZ_CHANGE_ADD_TABLE, NULL, tt, NULL, NULL, NULL, &sb);
            continue;
        }
        compare_columns(&c, ft, tt, &sb);
        compare_keys(&c, ft, tt, &sb);
        compare_named(&c, ft, tt, check_exprs, &sb);
    }
    for (int i = 0; i < from->ntables && !c.failed; i++) {
        const struct wz_table *ft = &from->tables[i];
        if (wz_schema_table(to, ft->name) == NULL) {
            wz_strbuf_appendf(&sb, "table '%s' %s", ft->name, where(false));
            add(&c, WZ_CHANGE_DROP_TABLE, ft, NULL, NULL, NULL, NULL, &sb);
        }
    }
    wz_strbuf_release(&sb);
    if (c.failed)
        return wz_err_set(err, WZ_ENOMEM, "cannot compare schemas: out of memory");
    return WZ_OK;
}

int wz_schema_drift(struct wz_db *db, const struct wz_schema *models, struct wz_schema_diff *out,
                    struct wz_err *err)
{
    struct wz_schema live;
    memset(out, 0, sizeof(*out));
    int rc = wz_introspect(db, &live, err);
    if (rc != WZ_OK) {
        wz_schema_release(&live); /* what was read before the failure */
        return rc;
    }
    rc = wz_schema_compare(&live, models, out, err);
    out->db = live; /* the items point into it: it lives as long as they do */
    return rc;
}

void wz_schema_diff_release(struct wz_schema_diff *d)
{
    if (d == NULL)
        return;
    for (int i = 0; i < d->n; i++) {
        free(d->items[i].object);
        free(d->items[i].text);
    }
    free(d->items);
    d->items = NULL;
    d->n = 0;
    wz_schema_release(&d->db);
}
