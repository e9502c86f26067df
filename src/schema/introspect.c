/*
 * Schema introspection (introspect.h). Each dialect has a reader that builds the logical
 * schema; the common parts (type and default mapping, folding SQLite's tenant key) are
 * here too, so that "what ddl.c writes" and "what is read back" sit side by side with
 * ddl.c: a round trip models -> DDL -> database -> introspect must give the models back,
 * which tests/unit/test_introspect.c checks for every platform table.
 */
#include "schema/introspect.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "schema/ddl.h"

/* ---- mapping back to logical ---- */

static enum wz_type sqlite_type(const char *decl)
{
    static const struct {
        const char *name;
        enum wz_type type;
    } map[] = {{"INTEGER", WZ_TYPE_INTEGER},
               {"TEXT", WZ_TYPE_TEXT},
               {"BOOLEAN", WZ_TYPE_BOOLEAN},
               {"TIMESTAMP", WZ_TYPE_TIMESTAMP},
               {"JSON", WZ_TYPE_JSON}};
    for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
        if (strcasecmp(decl, map[i].name) == 0)
            return map[i].type;
    return WZ_TYPE_OTHER;
}

static enum wz_type pg_type(const char *name)
{
    static const struct {
        const char *name;
        enum wz_type type;
    } map[] = {{"bigint", WZ_TYPE_INTEGER},
               {"text", WZ_TYPE_TEXT},
               {"boolean", WZ_TYPE_BOOLEAN},
               {"timestamp with time zone", WZ_TYPE_TIMESTAMP},
               {"jsonb", WZ_TYPE_JSON}};
    for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
        if (strcmp(name, map[i].name) == 0)
            return map[i].type;
    return WZ_TYPE_OTHER;
}

/* Length of the SQL string literal at s (s[0] == '\''), or 0 when unterminated. */
static size_t literal_len(const char *s)
{
    for (size_t i = 1; s[i] != '\0'; i++) {
        if (s[i] == '\'') {
            if (s[i + 1] != '\'')
                return i + 1;
            i++;
        }
    }
    return 0;
}

static bool is_integer(const char *s, size_t n)
{
    size_t i = (n > 0 && s[0] == '-') ? 1 : 0;
    if (i == n)
        return false;
    for (; i < n; i++)
        if (!isdigit((unsigned char)s[i]))
            return false;
    return true;
}

char *wz_introspect_default(enum wz_dialect d, enum wz_type t, const char *raw)
{
    if (raw == NULL || raw[0] == '\0' || strcasecmp(raw, "NULL") == 0)
        return NULL;
    if (t == WZ_TYPE_BOOLEAN) {
        if (strcmp(raw, "0") == 0 || strcasecmp(raw, "false") == 0)
            return strdup("false");
        if (strcmp(raw, "1") == 0 || strcasecmp(raw, "true") == 0)
            return strdup("true");
    }
    if (t == WZ_TYPE_TIMESTAMP &&
        (strcmp(raw, d == WZ_DIALECT_POSTGRES ? "now()" : WZ_SQLITE_NOW) == 0 ||
         strcmp(raw, "(" WZ_SQLITE_NOW ")") == 0 || strcasecmp(raw, "CURRENT_TIMESTAMP") == 0))
        return strdup("now");
    if (d == WZ_DIALECT_POSTGRES && raw[0] == '\'') {
        /* PostgreSQL prints 'active'::text, '{}'::jsonb, '-1'::integer: drop the cast. */
        size_t n = literal_len(raw);
        if (n > 0 && strncmp(raw + n, "::", 2) == 0) {
            if (t == WZ_TYPE_INTEGER && is_integer(raw + 1, n - 2))
                return strndup(raw + 1, n - 2);
            return strndup(raw, n);
        }
    }
    return strdup(raw);
}

/* On SQLite a tenant key (store_id, id) is the rowid id plus UNIQUE (store_id, id): fold
 * that unique back into the primary key, as the models say it. */
static int fold_tenant_key(struct wz_table *t)
{
    const struct wz_column *id = wz_table_identity(t);
    if (id == NULL || wz_cols_count(t->pk) != 1 || strcmp(t->pk[0], id->name) != 0)
        return WZ_OK;
    for (int i = 0; i < t->nuniques; i++) {
        const char *const *cols = t->uniques[i].cols;
        int n = wz_cols_count(cols);
        if (n > 1 && strcmp(cols[n - 1], id->name) == 0) {
            int rc = wz_table_set_pk(t, cols);
            if (rc == WZ_OK)
                wz_table_remove_unique(t, i);
            return rc;
        }
    }
    return WZ_OK;
}

/* Splits "a,b,c" into a NULL-padded list pointing into buf (modified). */
static void split_cols(char *buf, const char *cols[WZ_KEY_MAX])
{
    memset(cols, 0, sizeof(cols[0]) * WZ_KEY_MAX);
    int n = 0;
    char *save = NULL;
    for (char *p = strtok_r(buf, ",", &save); p != NULL && n < WZ_KEY_MAX;
         p = strtok_r(NULL, ",", &save))
        cols[n++] = p;
}

static enum wz_fk_action sqlite_action(const char *s)
{
    if (strcasecmp(s, "RESTRICT") == 0)
        return WZ_FK_RESTRICT;
    if (strcasecmp(s, "CASCADE") == 0)
        return WZ_FK_CASCADE;
    if (strcasecmp(s, "SET NULL") == 0)
        return WZ_FK_SET_NULL;
    if (strcasecmp(s, "SET DEFAULT") == 0)
        return WZ_FK_SET_DEFAULT;
    return WZ_FK_NO_ACTION;
}

/* ---- query helpers ---- */

static int oom(struct wz_err *err)
{
    return wz_err_set(err, WZ_ENOMEM, "cannot read the schema: out of memory");
}

/* Prepares sql and binds param (may be NULL for none). */
static int prepare1(struct wz_db *db, const char *sql, const char *param, struct wz_stmt **st,
                    struct wz_err *err)
{
    int rc = wz_db_prepare(db, sql, st, err);
    if (rc != WZ_OK)
        return rc;
    rc = param != NULL ? wz_stmt_bind_text(*st, 1, param) : WZ_OK;
    if (rc != WZ_OK) {
        wz_stmt_finalize(*st);
        *st = NULL;
        if (rc == WZ_ENOMEM) /* the bound text's copy */
            return oom(err);
        return wz_err_set(err, WZ_EFAIL, "cannot read the schema: binding failed");
    }
    return WZ_OK;
}

/* column_text, or NULL for SQL NULL. */
static const char *text_or_null(struct wz_stmt *st, int col)
{
    return wz_stmt_column_is_null(st, col) ? NULL : wz_stmt_column_text(st, col);
}

/* ---- SQLite: constraint names and CHECKs from the CREATE TABLE text ---- */

/* Skips blanks and comments. */
static const char *skip_space(const char *p)
{
    for (;;) {
        while (isspace((unsigned char)*p))
            p++;
        if (p[0] == '-' && p[1] == '-') {
            while (*p != '\0' && *p != '\n')
                p++;
        } else if (p[0] == '/' && p[1] == '*') {
            const char *e = strstr(p + 2, "*/");
            p = e != NULL ? e + 2 : p + strlen(p);
        } else {
            return p;
        }
    }
}

/* End of the token at p: a quoted identifier or literal, a parenthesized group, or a word. */
static const char *token_end(const char *p)
{
    char close = 0;
    if (*p == '"' || *p == '\'' || *p == '`')
        close = *p;
    else if (*p == '[')
        close = ']';
    if (close != 0) {
        for (p++; *p != '\0'; p++) {
            if (*p == close) {
                if (p[1] != close || close == ']')
                    return p + 1;
                p++;
            }
        }
        return p;
    }
    if (*p == '(') {
        int depth = 0;
        for (; *p != '\0'; p++) {
            if (*p == '\'' || *p == '"' || *p == '`' || *p == '[') {
                p = token_end(p) - 1;
            } else if (*p == '(') {
                depth++;
            } else if (*p == ')' && --depth == 0) {
                return p + 1;
            }
        }
        return p;
    }
    if (isalnum((unsigned char)*p) || *p == '_') {
        while (isalnum((unsigned char)*p) || *p == '_' || *p == '$')
            p++;
        return p;
    }
    return *p != '\0' ? p + 1 : p;
}

/* An identifier token without its quotes. Caller frees. */
static char *unquote(const char *p, const char *end)
{
    if (end - p >= 2 && (*p == '"' || *p == '`' || *p == '['))
        return strndup(p + 1, (size_t)(end - p - 2));
    return strndup(p, (size_t)(end - p));
}

static bool word_is(const char *p, const char *end, const char *w)
{
    return (size_t)(end - p) == strlen(w) && strncasecmp(p, w, (size_t)(end - p)) == 0;
}

/* "(a, "b", c)" -> "a,b,c". Caller frees. */
static char *paren_cols(const char *p, const char *end)
{
    struct wz_strbuf sb = WZ_STRBUF_INIT;
    const char *q = skip_space(p + 1);
    while (q < end && *q != ')') {
        const char *e = token_end(q);
        char *name = unquote(q, e);
        if (name == NULL) {
            wz_strbuf_release(&sb);
            return NULL;
        }
        wz_strbuf_appendf(&sb, "%s%s", sb.len ? "," : "", name);
        free(name);
        q = skip_space(e);
        if (*q == ',')
            q = skip_space(q + 1);
    }
    return wz_strbuf_detach(&sb);
}

/* Applies one "CONSTRAINT name KIND ..." item of a CREATE TABLE to t: a CHECK is added, a
 * UNIQUE or FOREIGN KEY gives its name to the constraint with the same columns. */
static int apply_constraint(struct wz_table *t, const char *p)
{
    const char *e = token_end(p);
    if (!word_is(p, e, "CONSTRAINT"))
        return WZ_OK;
    p = skip_space(e);
    e = token_end(p);
    char *name = unquote(p, e);
    if (name == NULL)
        return WZ_ENOMEM;
    int rc = WZ_OK;
    p = skip_space(e);
    e = token_end(p);
    if (word_is(p, e, "CHECK")) {
        p = skip_space(e);
        e = token_end(p);
        if (*p == '(' && e - p >= 2) {
            char *expr = strndup(p + 1, (size_t)(e - p - 2));
            struct wz_check ck = {.name = name, .expr = expr};
            rc = expr != NULL ? wz_table_add_check(t, &ck) : WZ_ENOMEM;
            free(expr);
        }
    } else if (word_is(p, e, "UNIQUE") || word_is(p, e, "FOREIGN")) {
        bool unique = word_is(p, e, "UNIQUE");
        p = skip_space(e);
        if (!unique) /* FOREIGN KEY (...) */
            p = skip_space(token_end(p));
        e = token_end(p);
        char *list = *p == '(' ? paren_cols(p, e) : NULL;
        if (list != NULL) {
            const char *cols[WZ_KEY_MAX];
            split_cols(list, cols);
            for (int i = 0; unique && i < t->nuniques; i++) {
                struct wz_unique *u = (struct wz_unique *)&t->uniques[i];
                if (u->name == NULL && wz_cols_equal(u->cols, cols)) {
                    u->name = name;
                    name = NULL;
                    break;
                }
            }
            for (int i = 0; !unique && i < t->nfks; i++) {
                struct wz_fk *fk = (struct wz_fk *)&t->fks[i];
                if (fk->name == NULL && wz_cols_equal(fk->cols, cols)) {
                    fk->name = name;
                    name = NULL;
                    break;
                }
            }
            free(list);
        }
    }
    free(name);
    return rc;
}

/* Walks the top-level items of "CREATE TABLE name (item, item, ...)". */
static int parse_create_table(struct wz_table *t, const char *sql)
{
    const char *p = sql;
    while (*p != '\0' && *p != '(')
        p = skip_space(token_end(skip_space(p)));
    if (*p != '(')
        return WZ_OK;
    const char *end = token_end(p) - 1; /* the closing parenthesis */
    p = skip_space(p + 1);
    while (p < end) {
        int rc = apply_constraint(t, p);
        if (rc != WZ_OK)
            return rc;
        while (p < end && *p != ',')
            p = skip_space(token_end(p));
        if (p < end)
            p = skip_space(p + 1);
    }
    return WZ_OK;
}

/* ---- SQLite ---- */

static int sqlite_columns(struct wz_db *db, struct wz_table *t, struct wz_err *err)
{
    struct wz_stmt *st = NULL;
    const char *pk[WZ_KEY_MAX + 1] = {0};
    char *pk_names[WZ_KEY_MAX] = {0};
    int npk = 0, rc;
    bool pk_integer = false;
    rc = prepare1(db,
                  "SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info($1) "
                  "ORDER BY cid",
                  t->name, &st, err);
    while (rc == WZ_OK && (rc = wz_stmt_step(st, err)) == WZ_ROW) {
        rc = WZ_OK; /* a row: go on */
        const char *type = wz_stmt_column_text(st, 1);
        struct wz_column c = {.name = wz_stmt_column_text(st, 0),
                              .type = sqlite_type(type),
                              .nullable = wz_stmt_column_int64(st, 2) == 0};
        c.type_name = c.type == WZ_TYPE_OTHER ? type : NULL;
        char *def = wz_introspect_default(WZ_DIALECT_SQLITE, c.type, text_or_null(st, 3));
        c.def = def;
        int64_t k = wz_stmt_column_int64(st, 4);
        rc = (text_or_null(st, 3) != NULL && def == NULL) ? oom(err) : WZ_OK;
        if (rc == WZ_OK && k >= 1 && k <= WZ_KEY_MAX) {
            pk_names[k - 1] = strdup(c.name);
            npk++;
            pk_integer = strcasecmp(type, "INTEGER") == 0;
            if (pk_names[k - 1] == NULL)
                rc = oom(err);
        }
        if (rc == WZ_OK && wz_table_add_column(t, &c) != WZ_OK)
            rc = oom(err);
        free(def);
    }
    if (rc == WZ_DONE) {
        rc = WZ_OK;
        for (int i = 0; i < npk && i < WZ_KEY_MAX; i++)
            pk[i] = pk_names[i];
        if (npk == 1 && pk_integer) {
            /* INTEGER PRIMARY KEY: the rowid, our generated id. */
            struct wz_column *c = (struct wz_column *)wz_table_column(t, pk[0]);
            c->identity = true;
            c->nullable = false;
        }
        if (wz_table_set_pk(t, pk) != WZ_OK)
            rc = oom(err);
    }
    for (int i = 0; i < WZ_KEY_MAX; i++)
        free(pk_names[i]);
    wz_stmt_finalize(st);
    return rc;
}

static int sqlite_index_cols(struct wz_db *db, const char *index, char **out, struct wz_err *err)
{
    struct wz_stmt *st = NULL;
    struct wz_strbuf sb = WZ_STRBUF_INIT;
    int rc = prepare1(db, "SELECT name FROM pragma_index_info($1) ORDER BY seqno", index, &st, err);
    while (rc == WZ_OK && (rc = wz_stmt_step(st, err)) == WZ_ROW) {
        rc = WZ_OK; /* a row: go on */
        const char *name = text_or_null(st, 0);
        wz_strbuf_appendf(&sb, "%s%s", sb.len ? "," : "", name != NULL ? name : "(expression)");
    }
    wz_stmt_finalize(st);
    if (rc != WZ_DONE) {
        wz_strbuf_release(&sb);
        return rc;
    }
    *out = wz_strbuf_detach(&sb);
    return *out != NULL ? WZ_OK : oom(err);
}

static int sqlite_indexes(struct wz_db *db, struct wz_table *t, struct wz_err *err)
{
    struct wz_stmt *st = NULL;
    int rc =
        prepare1(db, "SELECT name, \"unique\", origin FROM pragma_index_list($1) ORDER BY name",
                 t->name, &st, err);
    while (rc == WZ_OK && (rc = wz_stmt_step(st, err)) == WZ_ROW) {
        rc = WZ_OK; /* a row: go on */
        const char *origin = wz_stmt_column_text(st, 2);
        if (strcmp(origin, "pk") == 0)
            continue;
        char *name = strdup(wz_stmt_column_text(st, 0));
        bool unique = wz_stmt_column_int64(st, 1) != 0;
        bool constraint = strcmp(origin, "u") == 0;
        char *list = NULL;
        rc = name != NULL ? WZ_OK : oom(err);
        if (rc == WZ_OK)
            rc = sqlite_index_cols(db, name, &list, err);
        if (rc == WZ_OK) {
            const char *cols[WZ_KEY_MAX];
            split_cols(list, cols);
            if (constraint) {
                struct wz_unique u = {.name = NULL};
                memcpy(u.cols, cols, sizeof(cols));
                rc = wz_table_add_unique(t, &u) == WZ_OK ? WZ_OK : oom(err);
            } else {
                struct wz_index ix = {.name = name, .unique = unique};
                memcpy(ix.cols, cols, sizeof(cols));
                rc = wz_table_add_index(t, &ix) == WZ_OK ? WZ_OK : oom(err);
            }
        }
        free(list);
        free(name);
    }
    wz_stmt_finalize(st);
    return rc == WZ_DONE ? WZ_OK : rc;
}

static int sqlite_fks(struct wz_db *db, struct wz_table *t, struct wz_err *err)
{
    struct wz_stmt *st = NULL;
    struct wz_strbuf from = WZ_STRBUF_INIT, to = WZ_STRBUF_INIT;
    char *ref = NULL, *action = NULL;
    int64_t cur = -1;
    int rc = prepare1(db,
                      "SELECT id, \"table\", \"from\", \"to\", on_delete "
                      "FROM pragma_foreign_key_list($1) ORDER BY id, seq",
                      t->name, &st, err);
    for (;;) {
        int step = rc == WZ_OK ? wz_stmt_step(st, err) : rc;
        if (step < 0) {
            rc = step;
            break;
        }
        int64_t id = step == WZ_ROW ? wz_stmt_column_int64(st, 0) : -2;
        if (id != cur && cur != -1) {
            /* The foreign key cur is complete. */
            char *fc = wz_strbuf_detach(&from), *tc = wz_strbuf_detach(&to);
            struct wz_fk fk = {.ref_table = ref, .on_delete = sqlite_action(action)};
            if (fc == NULL || tc == NULL) {
                rc = oom(err);
            } else {
                split_cols(fc, fk.cols);
                split_cols(tc, fk.ref_cols);
                if (wz_table_add_fk(t, &fk) != WZ_OK)
                    rc = oom(err);
            }
            free(fc);
            free(tc);
            free(ref);
            free(action);
            ref = action = NULL;
        }
        if (step == WZ_DONE || rc != WZ_OK)
            break;
        if (id != cur) {
            ref = strdup(wz_stmt_column_text(st, 1));
            action = strdup(wz_stmt_column_text(st, 4));
            if (ref == NULL || action == NULL)
                rc = oom(err);
        }
        cur = id;
        wz_strbuf_appendf(&from, "%s%s", from.len ? "," : "", wz_stmt_column_text(st, 2));
        /* "to" is NULL when the key names the parent's primary key implicitly. */
        const char *tcol = text_or_null(st, 3);
        wz_strbuf_appendf(&to, "%s%s", to.len ? "," : "", tcol != NULL ? tcol : "id");
    }
    free(ref);
    free(action);
    wz_strbuf_release(&from);
    wz_strbuf_release(&to);
    wz_stmt_finalize(st);
    return rc;
}

static int sqlite_read(struct wz_db *db, struct wz_schema *out, struct wz_err *err)
{
    struct wz_stmt *st = NULL;
    char **sqls = NULL;
    int rc = prepare1(db,
                      "SELECT name, sql FROM sqlite_master WHERE type = 'table' "
                      "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
                      "AND name NOT LIKE 'wizamart\\_%' ESCAPE '\\' ORDER BY name",
                      NULL, &st, err);
    /* sqls[i] is the CREATE TABLE of out->tables[i]; nsql counts its own entries, because
     * wz_schema_add_table may fail after counting its table (the name's copy). */
    int nsql = 0;
    while (rc == WZ_OK && (rc = wz_stmt_step(st, err)) == WZ_ROW) {
        rc = WZ_OK; /* a row: go on */
        char **more = realloc(sqls, (size_t)(nsql + 1) * sizeof(*sqls));
        if (more == NULL || (more[nsql] = strdup(wz_stmt_column_text(st, 1))) == NULL) {
            if (more != NULL)
                sqls = more;
            rc = oom(err);
            break;
        }
        sqls = more;
        nsql++;
        if (wz_schema_add_table(out, wz_stmt_column_text(st, 0), NULL) != WZ_OK)
            rc = oom(err);
    }
    wz_stmt_finalize(st);
    if (rc == WZ_DONE)
        rc = WZ_OK;
    for (int i = 0; rc == WZ_OK && i < out->ntables; i++) {
        struct wz_table *t = (struct wz_table *)&out->tables[i];
        rc = sqlite_columns(db, t, err);
        if (rc == WZ_OK)
            rc = sqlite_indexes(db, t, err);
        if (rc == WZ_OK)
            rc = sqlite_fks(db, t, err);
        if (rc == WZ_OK && parse_create_table(t, sqls[i]) != WZ_OK)
            rc = oom(err);
        if (rc == WZ_OK && fold_tenant_key(t) != WZ_OK)
            rc = oom(err);
    }
    for (int i = 0; i < nsql; i++)
        free(sqls[i]);
    free(sqls);
    return rc;
}

/* ---- PostgreSQL ---- */

#define PG_TABLE_OID                                                                               \
    "(SELECT c.oid FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n "                     \
    "ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relname = $1)"

/* Column names of an attnum array, in order, comma-separated. */
#define PG_ATTNAMES(arr, rel)                                                                      \
    "(SELECT string_agg(a.attname, ',' ORDER BY k.ord) FROM unnest(" arr ") WITH ORDINALITY "      \
    "AS k(attnum, ord) JOIN pg_catalog.pg_attribute a ON a.attrelid = " rel                        \
    " AND a.attnum = k.attnum)"

static int pg_columns(struct wz_db *db, struct wz_table *t, struct wz_err *err)
{
    struct wz_stmt *st = NULL;
    int rc = prepare1(db,
                      "SELECT a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod), "
                      "CASE WHEN a.attnotnull THEN 1 ELSE 0 END, "
                      "pg_catalog.pg_get_expr(d.adbin, d.adrelid), "
                      "CASE WHEN a.attidentity <> '' THEN 1 ELSE 0 END "
                      "FROM pg_catalog.pg_attribute a LEFT JOIN pg_catalog.pg_attrdef d "
                      "ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
                      "WHERE a.attrelid = " PG_TABLE_OID
                      " AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum",
                      t->name, &st, err);
    while (rc == WZ_OK && (rc = wz_stmt_step(st, err)) == WZ_ROW) {
        rc = WZ_OK; /* a row: go on */
        const char *type = wz_stmt_column_text(st, 1);
        struct wz_column c = {.name = wz_stmt_column_text(st, 0),
                              .type = pg_type(type),
                              .nullable = wz_stmt_column_int64(st, 2) == 0,
                              .identity = wz_stmt_column_int64(st, 4) != 0};
        c.type_name = c.type == WZ_TYPE_OTHER ? type : NULL;
        const char *raw = c.identity ? NULL : text_or_null(st, 3);
        char *def = wz_introspect_default(WZ_DIALECT_POSTGRES, c.type, raw);
        c.def = def;
        if ((raw != NULL && def == NULL) || wz_table_add_column(t, &c) != WZ_OK)
            rc = oom(err);
        free(def);
    }
    wz_stmt_finalize(st);
    return rc == WZ_DONE ? WZ_OK : rc;
}

static enum wz_fk_action pg_action(const char *s)
{
    switch (s[0]) {
    case 'r':
        return WZ_FK_RESTRICT;
    case 'c':
        return WZ_FK_CASCADE;
    case 'n':
        return WZ_FK_SET_NULL;
    case 'd':
        return WZ_FK_SET_DEFAULT;
    default:
        return WZ_FK_NO_ACTION;
    }
}

static int pg_constraints(struct wz_db *db, struct wz_table *t, struct wz_err *err)
{
    struct wz_stmt *st = NULL;
    int rc = prepare1(
        db,
        "SELECT con.conname, con.contype::text, " PG_ATTNAMES(
            "con.conkey",
            "con.conrelid") ", "
                            "fc.relname, " PG_ATTNAMES(
                                "con.confkey",
                                "con.confrelid") ", "
                                                 "con.confdeltype::text, "
                                                 "pg_catalog.pg_get_constraintdef(con.oid) "
                                                 "FROM pg_catalog.pg_constraint con LEFT JOIN "
                                                 "pg_catalog.pg_class fc "
                                                 "ON fc.oid = con.confrelid WHERE con.conrelid "
                                                 "= " PG_TABLE_OID " AND con.contype IN ('p', 'u', "
                                                 "'f', 'c') ORDER BY con.conname",
        t->name, &st, err);
    while (rc == WZ_OK && (rc = wz_stmt_step(st, err)) == WZ_ROW) {
        rc = WZ_OK; /* a row: go on */
        const char *name = wz_stmt_column_text(st, 0);
        char kind = wz_stmt_column_text(st, 1)[0];
        char *cols = strdup(wz_stmt_column_text(st, 2));
        char *ref_cols = strdup(wz_stmt_column_text(st, 4));
        int r = (cols == NULL || ref_cols == NULL) ? WZ_ENOMEM : WZ_OK;
        if (r == WZ_OK && kind == 'p') {
            const char *pk[WZ_KEY_MAX];
            split_cols(cols, pk);
            r = wz_table_set_pk(t, pk);
        } else if (r == WZ_OK && kind == 'u') {
            struct wz_unique u = {.name = name};
            split_cols(cols, u.cols);
            r = wz_table_add_unique(t, &u);
        } else if (r == WZ_OK && kind == 'f') {
            struct wz_fk fk = {.name = name,
                               .ref_table = wz_stmt_column_text(st, 3),
                               .on_delete = pg_action(wz_stmt_column_text(st, 5))};
            split_cols(cols, fk.cols);
            split_cols(ref_cols, fk.ref_cols);
            r = wz_table_add_fk(t, &fk);
        } else if (r == WZ_OK && kind == 'c') {
            /* "CHECK ((quantity > 0))": kept for reading; compared by name only. */
            const char *def = wz_stmt_column_text(st, 6);
            struct wz_check ck = {.name = name,
                                  .expr = strncmp(def, "CHECK ", 6) == 0 ? def + 6 : def};
            r = wz_table_add_check(t, &ck);
        }
        free(cols);
        free(ref_cols);
        if (r != WZ_OK)
            rc = oom(err);
    }
    wz_stmt_finalize(st);
    return rc == WZ_DONE ? WZ_OK : rc;
}

static int pg_indexes(struct wz_db *db, struct wz_table *t, struct wz_err *err)
{
    struct wz_stmt *st = NULL;
    /* Indexes that back a primary key or unique constraint are those constraints. */
    int rc = prepare1(
        db,
        "SELECT i.relname, CASE WHEN ix.indisunique THEN 1 ELSE 0 END, "
        "COALESCE(" PG_ATTNAMES(
            "ix.indkey::int2[]",
            "ix.indrelid") ", '') "
                           "FROM pg_catalog.pg_index ix JOIN pg_catalog.pg_class i "
                           "ON i.oid = ix.indexrelid WHERE ix.indrelid = " PG_TABLE_OID
                           " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint con "
                           "WHERE con.conindid = ix.indexrelid AND con.conrelid = ix.indrelid "
                           "AND con.contype IN ('p', 'u', 'x')) ORDER BY i.relname",
        t->name, &st, err);
    while (rc == WZ_OK && (rc = wz_stmt_step(st, err)) == WZ_ROW) {
        rc = WZ_OK; /* a row: go on */
        char *cols = strdup(wz_stmt_column_text(st, 2));
        struct wz_index ix = {.name = wz_stmt_column_text(st, 0),
                              .unique = wz_stmt_column_int64(st, 1) != 0};
        if (cols != NULL)
            split_cols(cols, ix.cols);
        if (cols == NULL || wz_table_add_index(t, &ix) != WZ_OK)
            rc = oom(err);
        free(cols);
    }
    wz_stmt_finalize(st);
    return rc == WZ_DONE ? WZ_OK : rc;
}

static int pg_read(struct wz_db *db, struct wz_schema *out, struct wz_err *err)
{
    struct wz_stmt *st = NULL;
    int rc = prepare1(db,
                      "SELECT c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n "
                      "ON n.oid = c.relnamespace WHERE n.nspname = current_schema() "
                      "AND c.relkind IN ('r', 'p') AND c.relname NOT LIKE 'wizamart\\_%' "
                      "ORDER BY c.relname",
                      NULL, &st, err);
    while (rc == WZ_OK && (rc = wz_stmt_step(st, err)) == WZ_ROW) {
        rc = WZ_OK; /* a row: go on */
        if (wz_schema_add_table(out, wz_stmt_column_text(st, 0), NULL) != WZ_OK)
            rc = oom(err);
    }
    wz_stmt_finalize(st);
    if (rc == WZ_DONE)
        rc = WZ_OK;
    for (int i = 0; rc == WZ_OK && i < out->ntables; i++) {
        struct wz_table *t = (struct wz_table *)&out->tables[i];
        rc = pg_columns(db, t, err);
        if (rc == WZ_OK)
            rc = pg_constraints(db, t, err);
        if (rc == WZ_OK)
            rc = pg_indexes(db, t, err);
    }
    return rc;
}

int wz_introspect(struct wz_db *db, struct wz_schema *out, struct wz_err *err)
{
    memset(out, 0, sizeof(*out));
    out->owned = true;
    out->dialect = wz_db_dialect(db);
    int rc =
        out->dialect == WZ_DIALECT_POSTGRES ? pg_read(db, out, err) : sqlite_read(db, out, err);
    if (rc != WZ_OK) {
        wz_err_wrap(err, "cannot read the schema of '%s'", db->url.redacted);
        return rc;
    }
    wz_schema_sort(out);
    return WZ_OK;
}
