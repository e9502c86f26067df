/*
 * `migrate status` and the at-head check the other commands ask for: the applied state read
 * without writing anything (no lock, no tables created), with every problem a user should
 * see, the files' first.
 */
#include "migrate/books.h"
#include "migrate/runner.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/strbuf.h"

static char *xstrdup(const char *s)
{
    return s != NULL ? strdup(s) : NULL;
}

static int status_rev(struct wz_status_rev *out, const struct wz_revision *rev,
                      const struct wz_applied_row *row)
{
    memset(out, 0, sizeof(*out));
    /* One of rev (the file) and row (the database's record) is always given. */
    const char *id = rev != NULL ? rev->id : row != NULL ? row->revision : NULL;
    const char *message = rev != NULL ? rev->message : row != NULL ? row->message : NULL;
    out->revision = xstrdup(id);
    out->message = xstrdup(message);
    out->file = rev != NULL ? xstrdup(rev->path) : NULL;
    if (row != NULL) {
        out->applied_at = xstrdup(row->applied_at);
        out->execution_ms = row->ms;
    }
    if (out->revision == NULL || out->message == NULL || (rev != NULL && out->file == NULL) ||
        (row != NULL && out->applied_at == NULL))
        return WZ_ENOMEM;
    return 0;
}

static void status_rev_release(struct wz_status_rev *r)
{
    free(r->revision);
    free(r->message);
    free(r->file);
    free(r->applied_at);
}

void wz_migrate_status_release(struct wz_migrate_status *st)
{
    if (st == NULL)
        return;
    for (size_t i = 0; i < st->napplied; i++)
        status_rev_release(&st->applied[i]);
    free(st->applied);
    for (size_t i = 0; i < st->npending; i++)
        status_rev_release(&st->pending[i]);
    free(st->pending);
    for (size_t i = 0; i < st->ncurrent; i++)
        free(st->current[i]);
    free(st->current);
    for (size_t i = 0; i < st->nheads; i++)
        free(st->heads[i]);
    free(st->heads);
    wz_problems_release(&st->problems);
    memset(st, 0, sizeof(*st));
}

static int status_fill(struct wz_db *db, struct wz_books *st, struct wz_migrate_status *out,
                       struct wz_err *err)
{
    struct wz_graph *g = st->g;
    out->dialect = wz_db_dialect_name(db);
    out->tables = st->tables;
    out->nrevisions = g->n;
    out->applied = calloc(st->nrows + 1, sizeof(*out->applied));
    out->pending = calloc(g->n + 1, sizeof(*out->pending));
    out->heads = calloc(g->nheads + 1, sizeof(*out->heads));
    if (out->applied == NULL || out->pending == NULL || out->heads == NULL)
        goto nomem;
    for (size_t i = 0; i < g->n; i++) {
        const struct wz_revision *rev = g->nodes[i].rev;
        if (st->applied[i]) {
            if (status_rev(&out->applied[out->napplied++], rev, &st->rows[st->row_of[i]]) < 0)
                goto nomem;
        } else {
            if (status_rev(&out->pending[out->npending++], rev, NULL) < 0)
                goto nomem;
        }
    }
    for (size_t r = 0; r < st->nrows; r++) {
        if (wz_graph_find(g, st->rows[r].revision) >= 0)
            continue;
        if (status_rev(&out->applied[out->napplied++], NULL, &st->rows[r]) < 0)
            goto nomem;
    }
    for (size_t h = 0; h < g->nheads; h++) {
        if ((out->heads[h] = strdup(g->nodes[g->heads[h]].rev->id)) == NULL)
            goto nomem;
        out->nheads++;
    }
    struct wz_plan cur;
    if (wz_graph_current(g, st->applied, &cur) != WZ_OK)
        goto nomem;
    out->current = calloc(cur.n + 1, sizeof(*out->current));
    if (out->current == NULL) {
        free(cur.v);
        goto nomem;
    }
    for (size_t i = 0; i < cur.n; i++) {
        if ((out->current[i] = strdup(g->nodes[cur.v[i]].rev->id)) == NULL) {
            free(cur.v);
            goto nomem;
        }
        out->ncurrent++;
    }
    free(cur.v);

    /* Problems: the files, then the database's record, then what blocks the next `up`. */
    struct wz_problems *ps = &out->problems;
    for (size_t i = 0; i < g->problems.n; i++) {
        const struct wz_problem *p = &g->problems.v[i];
        if (wz_problems_add(ps, p->kind, p->revision, p->file, "%s", p->message) < 0)
            goto nomem;
    }
    if (wz_books_integrity_problems(st, ps) != WZ_OK)
        goto nomem;
    int rc = wz_books_partial_problems(db, st, ps, err);
    if (rc != WZ_OK)
        return rc;
    if (g->nheads > 1) {
        struct wz_strbuf sb = WZ_STRBUF_INIT;
        for (size_t h = 0; h < g->nheads; h++) {
            const struct wz_revision *rev = g->nodes[g->heads[h]].rev;
            wz_strbuf_appendf(&sb, "%s%s (%s)", h > 0 ? ", " : "", rev->id, rev->filename);
        }
        rc = wz_problems_add(ps, WZ_PROBLEM_MULTIPLE_HEADS, NULL, NULL,
                             "the revisions have %zu heads: %s; join them with `wizamart "
                             "migrate merge -m \"merge heads\"`",
                             g->nheads, wz_strbuf_str(&sb));
        wz_strbuf_release(&sb);
        if (rc != WZ_OK)
            goto nomem;
    }
    for (size_t i = 0; i < g->n; i++) {
        const struct wz_revision *rev = g->nodes[i].rev;
        if (st->applied[i] || wz_revision_is_merge(rev))
            continue;
        const struct wz_statement **stmts = NULL;
        size_t n = 0;
        if (wz_revision_statements(rev, true, wz_db_dialect(db), &stmts, &n) != WZ_OK)
            goto nomem;
        free(stmts);
        if (n == 0 && wz_problems_add(ps, WZ_PROBLEM_NO_STATEMENTS, rev->id, rev->path,
                                      "'%s' has no upgrade statements for %s: write them under "
                                      "'-- +upgrade'",
                                      rev->path, out->dialect) < 0)
            goto nomem;
    }
    return 0;
nomem:
    return wz_err_set(err, WZ_ENOMEM, "out of memory");
}

int wz_migrate_status(struct wz_db *db, const char *dir, struct wz_migrate_status *out,
                      struct wz_err *err)
{
    memset(out, 0, sizeof(*out));
    struct wz_books st = {0};
    int rc = wz_books_load_graph(dir, &st, err);
    if (rc == WZ_OK)
        rc = wz_books_read(db, &st, err);
    if (rc == WZ_OK)
        rc = status_fill(db, &st, out, err);
    if (rc != WZ_OK)
        wz_migrate_status_release(out);
    wz_books_release(&st);
    return rc;
}

int wz_migrate_at_head(struct wz_db *db, const char *dir, bool *at_head, char **why,
                       struct wz_err *err)
{
    *at_head = false;
    if (why != NULL)
        *why = NULL;
    struct wz_migrate_status st;
    int rc = wz_migrate_status(db, dir, &st, err);
    if (rc != WZ_OK)
        return rc;
    char *text = NULL;
    bool res = true;
    if (st.problems.n > 0) {
        res = false;
        if (asprintf(&text, "%s", st.problems.v[0].message) < 0)
            text = NULL;
    } else if (st.npending > 0) {
        res = false;
        if (asprintf(&text, "%zu revision%s pending (first: %s %s): run `make migrate-up`",
                     st.npending, st.npending == 1 ? " is" : "s are", st.pending[0].revision,
                     st.pending[0].message) < 0)
            text = NULL;
    }
    if (why != NULL)
        *why = text;
    else
        free(text);
    wz_migrate_status_release(&st);
    *at_head = res;
    return WZ_OK;
}
