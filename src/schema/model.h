/*
 * The schema descriptors. One struct wz_table says everything the tools need to know about a
 * table: its columns (logical type, nullability, default, generated id), primary key, unique
 * constraints, indexes, foreign keys and named CHECK constraints. The same types describe
 * the platform models (static, in models.c) and schemas read back from a live database
 * (introspect.c, allocated; free them with wz_schema_release), so the DDL renderer, the
 * differ, the autogenerator, the seeders and the validators all speak one language.
 *
 * Everything here is logical, not dialect text: types are the five of enum wz_type, and a
 * default is one of the logical forms below. ddl.c turns them into SQLite or PostgreSQL.
 *
 * Logical defaults (struct wz_column.def):
 *   "now"             the current UTC time (timestamp columns)
 *   "true", "false"   booleans
 *   an integer        e.g. "0", "-1"
 *   a quoted literal  e.g. "'active'", "'{}'" (SQL single-quoted, '' for a quote)
 * Anything else read from a database is kept as the database printed it, and then never
 * equals a model's default, which the drift check reports.
 */
#ifndef WZ_SCHEMA_MODEL_H
#define WZ_SCHEMA_MODEL_H

#include <stdbool.h>

struct wz_err;

/* The most columns a key, index or foreign key may have. */
#define WZ_KEY_MAX 4

/* Counts a static array, for the models' initializers. */
#define WZ_LEN(a) ((int)(sizeof(a) / sizeof((a)[0])))

enum wz_type {
    WZ_TYPE_OTHER = 0,   /* read from a database, not one of ours: see type_name */
    WZ_TYPE_INTEGER = 1, /* 64-bit: SQLite INTEGER, PostgreSQL BIGINT */
    WZ_TYPE_TEXT = 2,    /* TEXT */
    WZ_TYPE_BOOLEAN = 3, /* SQLite BOOLEAN holding 0/1 (CHECKed), PostgreSQL BOOLEAN */
    WZ_TYPE_TIMESTAMP =
        4, /* UTC: SQLite TIMESTAMP text 'YYYY-MM-DDTHH:MM:SSZ' (CHECKed), PG TIMESTAMPTZ */
    WZ_TYPE_JSON = 5, /* SQLite JSON text (CHECK json_valid), PostgreSQL JSONB */
};

enum wz_fk_action {
    WZ_FK_NO_ACTION = 0,
    WZ_FK_RESTRICT,
    WZ_FK_CASCADE,
    WZ_FK_SET_NULL,
    WZ_FK_SET_DEFAULT,
};

struct wz_column {
    const char *name;
    enum wz_type type;
    bool nullable;         /* false: NOT NULL */
    bool identity;         /* the generated surrogate id: generic INSERTs leave it out */
    const char *def;       /* logical default (see the top of this file), or NULL */
    const char *type_name; /* the database's own name when type is WZ_TYPE_OTHER, else NULL */
};

/* Column lists are arrays of up to WZ_KEY_MAX names; unused slots are NULL. */
struct wz_unique {
    const char *name; /* NULL: named <table>_<cols>_key when rendered */
    const char *cols[WZ_KEY_MAX];
};

struct wz_index {
    const char *name; /* required: indexes are compared by name */
    const char *cols[WZ_KEY_MAX];
    bool unique;
};

struct wz_fk {
    const char *name; /* NULL: named <table>_<cols>_fkey when rendered */
    const char *cols[WZ_KEY_MAX];
    const char *ref_table;
    const char *ref_cols[WZ_KEY_MAX];
    enum wz_fk_action on_delete;
};

struct wz_check {
    const char *name; /* required: checks are compared by name */
    const char *expr; /* SQL valid on both dialects, without the enclosing parentheses */
};

struct wz_table {
    const char *name;
    const struct wz_column *cols;
    int ncols;
    /* The primary key. A tenant table's is {"store_id", "id"}: PostgreSQL gets exactly that;
     * SQLite gets id INTEGER PRIMARY KEY (the rowid) plus UNIQUE (store_id, id), the target
     * of the composite foreign keys (see models.c). */
    const char *pk[WZ_KEY_MAX];
    const struct wz_unique *uniques;
    int nuniques;
    const struct wz_index *indexes;
    int nindexes;
    const struct wz_fk *fks;
    int nfks;
    const struct wz_check *checks;
    int nchecks;
};

struct wz_schema {
    const struct wz_table *tables; /* parents before children */
    int ntables;
    /* Set on schemas read from a database (owned, freed by wz_schema_release); 0 on the
     * static models. CHECK expressions read from PostgreSQL are its normalized text, so
     * they are compared by name only. */
    int dialect;
    bool owned;
};

/* Number of columns in a NULL-padded column list. */
int wz_cols_count(const char *const cols[WZ_KEY_MAX]);
/* True when both lists name the same columns in the same order. */
bool wz_cols_equal(const char *const a[WZ_KEY_MAX], const char *const b[WZ_KEY_MAX]);
/* True when col is in the list. */
bool wz_cols_has(const char *const cols[WZ_KEY_MAX], const char *col);

/* Lookups; NULL when absent. */
const struct wz_table *wz_schema_table(const struct wz_schema *s, const char *name);
const struct wz_column *wz_table_column(const struct wz_table *t, const char *name);
/* The generated id column, or NULL. */
const struct wz_column *wz_table_identity(const struct wz_table *t);
/* A tenant table: its primary key starts with store_id. */
bool wz_table_is_tenant(const struct wz_table *t);

/* Frees a schema read from a database (owned); does nothing for static ones or NULL. */
void wz_schema_release(struct wz_schema *s);

/*
 * Building owned schemas (introspection, tests). Every function copies the strings it is
 * given. They return 0 or WZ_ENOMEM; on failure the schema stays valid for release.
 */
/* Appends an empty table; *out (optional) points at it until the next add_table. */
int wz_schema_add_table(struct wz_schema *s, const char *name, struct wz_table **out);
int wz_table_add_column(struct wz_table *t, const struct wz_column *c);
int wz_table_set_pk(struct wz_table *t, const char *const cols[WZ_KEY_MAX]);
int wz_table_add_unique(struct wz_table *t, const struct wz_unique *u);
int wz_table_add_index(struct wz_table *t, const struct wz_index *ix);
int wz_table_add_fk(struct wz_table *t, const struct wz_fk *fk);
int wz_table_add_check(struct wz_table *t, const struct wz_check *ck);
/* Removes the unique constraint at position i (used when folding SQLite's tenant key). */
void wz_table_remove_unique(struct wz_table *t, int i);
/* Deep copy of any schema into an owned one (*out zeroed first). Caller releases. */
int wz_schema_copy(const struct wz_schema *src, struct wz_schema *out);

/* Orders tables parents before children by their foreign keys (self references ignored,
 * ties by the existing order). Works in place on owned schemas only; static models are
 * written in that order already. */
void wz_schema_sort(struct wz_schema *s);

/* The rules a schema must follow to work at all, whatever the database: a foreign key with
 * ON DELETE SET NULL / SET DEFAULT must not touch a column of the primary key or a NOT NULL
 * column (a tenant foreign key (store_id, x) would null store_id too: TENANT_FK(...,
 * SET_NULL) can never work). Returns 0, or WZ_EFAIL with the first rule broken in err. The
 * autogenerator refuses models that break one. */
int wz_schema_check_rules(const struct wz_schema *s, struct wz_err *err);

/* The platform models (models.c): every table, parents before children. */
const struct wz_schema *wz_models(void);
/* One platform table by name, or NULL. */
const struct wz_table *wz_model_table(const char *name);

#endif
