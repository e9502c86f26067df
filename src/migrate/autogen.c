/*
 * Autogenerate (autogen.h). The schema "the revisions produce" is found the way a reviewer
 * would trust: by running every revision's SQLite upgrade on a scratch in-memory database
 * and reading the result back (introspect.c), rather than by replaying a model history. The
 * differences from the models are then rendered twice per dialect: upgrade (revisions ->
 * models) and downgrade (the same comparison the other way round).
 *
 * SQLite's ALTER TABLE adds columns and nothing much else, so any other change to an
 * existing table is the documented 12-step rebuild (ddl.c, wz_ddl_sqlite_rebuild);
 * PostgreSQL gets plain ALTERs, ordered so that nothing is dropped while something still
 * depends on it and nothing is referenced before it exists.
 */
#include "migrate/autogen.h"

#include <stdlib.h>
#include <string.h>

#include "migrate/graph.h"
#include "migrate/revision.h"
#include "schema/ddl.h"
#include "schema/introspect.h"

/* ---- rendering ---- */

static bool is_index_change(enum wz_change_kind k)
{
    return k == WZ_CHANGE_ADD_INDEX || k == WZ_CHANGE_DROP_INDEX || k == WZ_CHANGE_ALTER_INDEX;
}

/* True when SQLite can apply every change of this table without rebuilding it. */
static bool sqlite_simple(const struct wz_schema_diff *diff, const char *table)
{
    for (int i = 0; i < diff->n; i++) {
        const struct wz_change *c = &diff->items[i];
        if (strcmp(c->table, table) != 0 || is_index_change(c->kind))
            continue;
        if (c->kind == WZ_CHANGE_ADD_COLUMN && wz_ddl_sqlite_can_add_column(c->to_table, c->to))
            continue;
        return false;
    }
    return true;
}

/* True when change i is the first change of a table altered in place (neither added nor
 * dropped), so each such table is handled once. */
static bool first_of_table(const struct wz_schema_diff *diff, int i)
{
    const struct wz_change *c = &diff->items[i];
    if (c->kind == WZ_CHANGE_ADD_TABLE || c->kind == WZ_CHANGE_DROP_TABLE)
        return false;
    for (int j = 0; j < i; j++)
        if (strcmp(diff->items[j].table, c->table) == 0)
            return false;
    return true;
}

static void create_table(struct wz_strbuf *sb, enum wz_dialect d, const struct wz_table *t)
{
    wz_ddl_create_table(sb, d, t, NULL);
    for (int i = 0; i < t->nindexes; i++)
        wz_ddl_create_index(sb, d, t, &t->indexes[i]);
}

static void render_sqlite(struct wz_strbuf *sb, const struct wz_schema_diff *diff)
{
    const enum wz_dialect d = WZ_DIALECT_SQLITE;
    for (int i = diff->n - 1; i >= 0; i--) /* children before parents */
        if (diff->items[i].kind == WZ_CHANGE_DROP_TABLE)
            wz_ddl_drop_table(sb, d, diff->items[i].from_table);
    for (int i = 0; i < diff->n; i++)
        if (diff->items[i].kind == WZ_CHANGE_ADD_TABLE)
            create_table(sb, d, diff->items[i].to_table);
    for (int i = 0; i < diff->n; i++) {
        if (!first_of_table(diff, i))
            continue;
        const struct wz_change *first = &diff->items[i];
        if (!sqlite_simple(diff, first->table)) {
            wz_ddl_sqlite_rebuild(sb, first->from_table, first->to_table);
            continue;
        }
        for (int j = i; j < diff->n; j++) {
            const struct wz_change *c = &diff->items[j];
            if (strcmp(c->table, first->table) == 0 &&
                (c->kind == WZ_CHANGE_DROP_INDEX || c->kind == WZ_CHANGE_ALTER_INDEX))
                wz_ddl_drop_index(sb, d, c->from);
        }
        for (int j = i; j < diff->n; j++) {
            const struct wz_change *c = &diff->items[j];
            if (strcmp(c->table, first->table) == 0 && c->kind == WZ_CHANGE_ADD_COLUMN)
                wz_ddl_add_column(sb, d, c->to_table, c->to);
        }
        for (int j = i; j < diff->n; j++) {
            const struct wz_change *c = &diff->items[j];
            if (strcmp(c->table, first->table) == 0 &&
                (c->kind == WZ_CHANGE_ADD_INDEX || c->kind == WZ_CHANGE_ALTER_INDEX))
                wz_ddl_create_index(sb, d, c->to_table, c->to);
        }
    }
}

/* PostgreSQL, in phases: what depends on something is dropped before it, and created after. */
static void render_postgres(struct wz_strbuf *sb, const struct wz_schema_diff *diff)
{
    const enum wz_dialect d = WZ_DIALECT_POSTGRES;
    char name[128];
    for (int phase = 0; phase < 8; phase++) {
        for (int k = 0; k < diff->n; k++) {
            /* Tables are dropped children first. */
            int i = phase == 2 ? diff->n - 1 - k : k;
            const struct wz_change *c = &diff->items[i];
            const struct wz_table *ft = c->from_table, *tt = c->to_table;
            switch (phase * 100 + (int)c->kind) {
            case 0 * 100 + WZ_CHANGE_DROP_FK:
            case 1 * 100 + WZ_CHANGE_DROP_UNIQUE:
            case 1 * 100 + WZ_CHANGE_DROP_CHECK:
            case 1 * 100 + WZ_CHANGE_ALTER_CHECK:
                wz_ddl_pg_drop_constraint(sb, ft, c->object);
                break;
            case 1 * 100 + WZ_CHANGE_DROP_INDEX:
            case 1 * 100 + WZ_CHANGE_ALTER_INDEX:
                wz_ddl_drop_index(sb, d, c->from);
                break;
            case 1 * 100 + WZ_CHANGE_ALTER_PK:
                if (ft->pk[0] != NULL) {
                    wz_ddl_pk_name(ft, name, sizeof(name));
                    wz_ddl_pg_drop_constraint(sb, ft, name);
                }
                break;
            case 2 * 100 + WZ_CHANGE_DROP_TABLE:
                wz_ddl_drop_table(sb, d, ft);
                break;
            case 3 * 100 + WZ_CHANGE_ADD_TABLE:
                create_table(sb, d, tt);
                break;
            case 4 * 100 + WZ_CHANGE_ADD_COLUMN:
                wz_ddl_add_column(sb, d, tt, c->to);
                break;
            case 4 * 100 + WZ_CHANGE_ALTER_COLUMN:
                wz_ddl_pg_alter_column(sb, tt, c->from, c->to);
                break;
            case 5 * 100 + WZ_CHANGE_DROP_COLUMN:
                wz_ddl_pg_drop_column(sb, ft, c->object);
                break;
            case 6 * 100 + WZ_CHANGE_ALTER_PK:
                if (tt->pk[0] != NULL)
                    wz_ddl_pg_add_pk(sb, tt);
                break;
            case 6 * 100 + WZ_CHANGE_ADD_UNIQUE:
                wz_ddl_pg_add_unique(sb, tt, c->to);
                break;
            case 6 * 100 + WZ_CHANGE_ADD_CHECK:
            case 6 * 100 + WZ_CHANGE_ALTER_CHECK:
                wz_ddl_pg_add_check(sb, tt, c->to);
                break;
            case 6 * 100 + WZ_CHANGE_ADD_INDEX:
            case 6 * 100 + WZ_CHANGE_ALTER_INDEX:
                wz_ddl_create_index(sb, d, tt, c->to);
                break;
            case 7 * 100 + WZ_CHANGE_ADD_FK:
                wz_ddl_pg_add_fk(sb, tt, c->to);
                break;
            default:
                break;
            }
        }
    }
}

int wz_autogen_render(struct wz_strbuf *sb, enum wz_dialect d, const struct wz_schema_diff *diff)
{
    if (d == WZ_DIALECT_POSTGRES)
        render_postgres(sb, diff);
    else
        render_sqlite(sb, diff);
    return sb->failed ? WZ_ENOMEM : WZ_OK;
}

/* ---- the schema the revisions produce ---- */

/* Runs every revision's SQLite upgrade, in order, on db. */
static int apply_chain(struct wz_db *db, const struct wz_graph *g, struct wz_err *err)
{
    for (size_t i = 0; i < g->n; i++) {
        const struct wz_revision *rev = g->nodes[i].rev;
        const struct wz_statement **stmts = NULL;
        size_t n = 0;
        if (wz_revision_statements(rev, true, WZ_DIALECT_SQLITE, &stmts, &n) != WZ_OK)
            return wz_err_set(err, WZ_ENOMEM, "out of memory");
        int rc = WZ_OK;
        for (size_t j = 0; j < n && rc == WZ_OK; j++) {
            rc = wz_db_exec(db, stmts[j]->sql, err);
            if (rc != WZ_OK)
                wz_err_wrap(err, "cannot apply '%s' to a scratch database: line %d", rev->path,
                            stmts[j]->line);
        }
        free(stmts);
        if (rc != WZ_OK)
            return rc;
    }
    return WZ_OK;
}

/* The schema the revisions of dir produce, and their single head (NULL when there are no
 * revisions yet; caller frees). */
static int revisions_schema(const char *dir, struct wz_schema *out, char **head, struct wz_err *err)
{
    struct wz_graph *g = NULL;
    struct wz_db *db = NULL;
    memset(out, 0, sizeof(*out));
    *head = NULL;
    int rc = wz_graph_load(dir, &g, err);
    if (rc == WZ_ENOENT) {
        wz_err_clear(err);
        rc = WZ_OK; /* no folder yet: no revisions */
    }
    if (rc == WZ_OK && g != NULL)
        rc = wz_graph_check(g, err);
    if (rc == WZ_OK && g != NULL && g->nheads > 1) {
        rc = wz_err_set(err, WZ_EFAIL,
                        "the revisions in '%s' have %zu heads: join them first with "
                        "`wizamart migrate merge -m MSG`",
                        dir, g->nheads);
    }
    if (rc == WZ_OK)
        rc = wz_db_open_url("sqlite:///:memory:", NULL, &db, err);
    if (rc == WZ_OK && g != NULL)
        rc = apply_chain(db, g, err);
    if (rc == WZ_OK)
        rc = wz_introspect(db, out, err);
    if (rc == WZ_OK && g != NULL && g->nheads == 1) {
        *head = strdup(g->nodes[g->heads[0]].rev->id);
        if (*head == NULL)
            rc = wz_err_set(err, WZ_ENOMEM, "out of memory");
    }
    wz_db_close(db);
    wz_graph_free(g);
    return rc;
}

static char *report_of(const struct wz_schema_diff *diff)
{
    struct wz_strbuf sb = WZ_STRBUF_INIT;
    for (int i = 0; i < diff->n; i++)
        wz_strbuf_appendf(&sb, "%s\n", diff->items[i].text);
    return wz_strbuf_detach(&sb);
}

int wz_autogen_check_from(const struct wz_schema *models, const char *dir, char **report,
                          struct wz_err *err)
{
    struct wz_schema current;
    struct wz_schema_diff diff = {0};
    char *head = NULL;
    *report = NULL;
    memset(&current, 0, sizeof(current));
    int rc = wz_schema_check_rules(models, err);
    if (rc == WZ_OK)
        rc = revisions_schema(dir, &current, &head, err);
    if (rc == WZ_OK)
        rc = wz_schema_compare(&current, models, &diff, err);
    if (rc == WZ_OK && diff.n > 0) {
        *report = report_of(&diff);
        if (*report == NULL)
            rc = wz_err_set(err, WZ_ENOMEM, "out of memory");
    }
    wz_schema_diff_release(&diff);
    wz_schema_release(&current);
    free(head);
    return rc;
}

int wz_autogen_create_from(const struct wz_schema *models, const char *dir, const char *message,
                           char **path_out, char **report, struct wz_err *err)
{
    struct wz_schema current;
    struct wz_schema_diff up = {0}, down = {0};
    struct wz_strbuf sql[4] = {WZ_STRBUF_INIT, WZ_STRBUF_INIT, WZ_STRBUF_INIT, WZ_STRBUF_INIT};
    char *head = NULL;
    *path_out = NULL;
    if (report != NULL)
        *report = NULL;
    memset(&current, 0, sizeof(current));
    /* A revision for models that cannot work would fail at the first delete, in production. */
    int rc = wz_schema_check_rules(models, err);
    if (rc == WZ_OK)
        rc = revisions_schema(dir, &current, &head, err);
    if (rc == WZ_OK)
        rc = wz_schema_compare(&current, models, &up, err);
    if (rc != WZ_OK || up.n == 0)
        goto cleanup;
    rc = wz_schema_compare(models, &current, &down, err);
    if (rc != WZ_OK)
        goto cleanup;
    wz_strbuf_append(&sql[0], "-- Changes found by `wizamart migrate create`:\n");
    for (int i = 0; i < up.n; i++)
        wz_strbuf_appendf(&sql[0], "--   %s\n", up.items[i].text);
    wz_autogen_render(&sql[0], WZ_DIALECT_SQLITE, &up);
    wz_autogen_render(&sql[1], WZ_DIALECT_POSTGRES, &up);
    wz_autogen_render(&sql[2], WZ_DIALECT_SQLITE, &down);
    wz_autogen_render(&sql[3], WZ_DIALECT_POSTGRES, &down);
    for (int i = 0; i < 4; i++)
        if (sql[i].failed)
            rc = wz_err_set(err, WZ_ENOMEM, "out of memory");
    if (rc != WZ_OK)
        goto cleanup;
    struct wz_revision_body body = {
        .upgrade_sqlite = wz_strbuf_str(&sql[0]),
        .upgrade_postgresql = wz_strbuf_str(&sql[1]),
        .downgrade_sqlite = wz_strbuf_str(&sql[2]),
        .downgrade_postgresql = wz_strbuf_str(&sql[3]),
    };
    const char *parents[1] = {head};
    rc = wz_revision_write(dir, message, parents, head != NULL ? 1 : 0, &body, path_out, err);
    if (rc == WZ_OK && report != NULL) {
        *report = report_of(&up);
        if (*report == NULL)
            rc = wz_err_set(err, WZ_ENOMEM, "out of memory");
    }
cleanup:
    for (int i = 0; i < 4; i++)
        wz_strbuf_release(&sql[i]);
    wz_schema_diff_release(&up);
    wz_schema_diff_release(&down);
    wz_schema_release(&current);
    free(head);
    return rc;
}

int wz_autogen_create(const char *dir, const char *message, char **path_out, struct wz_err *err)
{
    return wz_autogen_create_from(wz_models(), dir, message, path_out, NULL, err);
}

int wz_autogen_check(const char *dir, char **report, struct wz_err *err)
{
    return wz_autogen_check_from(wz_models(), dir, report, err);
}
