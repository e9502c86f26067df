/* What a new revision's parents are, and whether a database predates the migrations: see
 * plan.h. */
#include "migrate/plan.h"

#include <stdlib.h>
#include <string.h>

#include "core/strbuf.h"
#include "migrate/graph.h"
#include "migrate/revision.h"
#include "migrate/runner.h"
#include "schema/introspect.h"
#include "schema/model.h"

/* The graph a new revision is added to: an absent directory is an empty graph; problems
 * refuse, because the new revision's parents would be guessed from a broken graph. */
static int graph_for_writing(const char *dir, struct wz_graph **g, struct wz_err *err)
{
    int rc = wz_graph_load(dir, g, err);
    if (rc == WZ_ENOENT)
        return wz_graph_build(dir, NULL, 0, g, err);
    if (rc < 0)
        return rc;
    return wz_graph_check(*g, err);
}

static const char *head_id(const struct wz_graph *g, size_t i)
{
    return g->nodes[g->heads[i]].rev->id;
}

int wz_migrate_plan_create(const char *dir, const char *message, char **path, char **parent,
                           struct wz_err *err)
{
    *path = *parent = NULL;
    struct wz_graph *g = NULL;
    int rc = graph_for_writing(dir, &g, err);
    if (rc == WZ_OK && g->nheads > 1)
        rc = wz_err_set(err, WZ_EFAIL,
                        "the revisions have %zu heads, so the new revision's parent is unclear: "
                        "join them first with `wizamart migrate merge -m \"merge heads\"`",
                        g->nheads);
    if (rc == WZ_OK && g->nheads == 1 && (*parent = strdup(head_id(g, 0))) == NULL)
        rc = wz_err_set(err, WZ_ENOMEM, "out of memory");
    if (rc == WZ_OK) {
        const char *p = *parent;
        rc = wz_revision_write(dir, message, &p, p != NULL ? 1 : 0, NULL, path, err);
    }
    wz_graph_free(g);
    if (rc != WZ_OK) {
        free(*parent);
        *parent = NULL;
    }
    return rc;
}

int wz_migrate_plan_merge(const char *dir, const char *message, char **path, char **parents,
                          struct wz_err *err)
{
    *path = *parents = NULL;
    struct wz_graph *g = NULL;
    const char **ids = NULL;
    int rc = graph_for_writing(dir, &g, err);
    if (rc == WZ_OK && g->nheads < 2)
        rc = wz_err_set(err, WZ_EFAIL, "nothing to merge: the revisions in '%s' have %s", dir,
                        g->nheads == 1 ? "one head" : "no head");
    if (rc == WZ_OK && (ids = calloc(g->nheads, sizeof(*ids))) == NULL)
        rc = wz_err_set(err, WZ_ENOMEM, "out of memory");
    struct wz_strbuf joined = WZ_STRBUF_INIT;
    if (rc == WZ_OK) {
        for (size_t i = 0; i < g->nheads; i++) {
            ids[i] = head_id(g, i);
            if (i > 0)
                wz_strbuf_append(&joined, ", ");
            wz_strbuf_append(&joined, ids[i]);
        }
        if (joined.failed)
            rc = wz_err_set(err, WZ_ENOMEM, "out of memory");
    }
    if (rc == WZ_OK)
        rc = wz_revision_write(dir, message, ids, (int)g->nheads, NULL, path, err);
    if (rc == WZ_OK)
        *parents = wz_strbuf_detach(&joined);
    wz_strbuf_release(&joined);
    free(ids);
    wz_graph_free(g);
    return rc;
}

int wz_migrate_plan_predates(struct wz_db *db, const char *dir, char **table, struct wz_err *err)
{
    *table = NULL;
    /* The record and the tables are read in one snapshot: another `migrate up` committing a
     * revision between the two reads would otherwise look like tables without a record. */
    int rc = wz_db_begin_read(db, err);
    if (rc != WZ_OK)
        return rc;
    struct wz_migrate_status st;
    rc = wz_migrate_status(db, dir, &st, err);
    bool fresh = rc == WZ_OK && st.napplied == 0 && st.npending > 0;
    if (rc == WZ_OK)
        wz_migrate_status_release(&st);
    struct wz_schema live;
    if (fresh) {
        rc = wz_introspect(db, &live, err);
        for (int i = 0; rc == WZ_OK && i < live.ntables && *table == NULL; i++)
            if (wz_model_table(live.tables[i].name) != NULL) {
                *table = strdup(live.tables[i].name);
                if (*table == NULL)
                    rc = wz_err_set(err, WZ_ENOMEM, "out of memory");
            }
        wz_schema_release(&live);
    }
    wz_db_end_read(db);
    return rc;
}
