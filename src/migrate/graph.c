/*
 * The revision graph: loading a directory, validating it (duplicates, missing parents,
 * cycles), ordering it, and planning `up` and `down`. See graph.h for why problems are
 * collected rather than returned.
 */
#include "migrate/graph.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- problems */

int wz_problems_add(struct wz_problems *ps, const char *kind, const char *revision,
                    const char *file, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = NULL;
    int n = vasprintf(&msg, fmt, ap);
    va_end(ap);
    if (n < 0)
        return WZ_ENOMEM;
    struct wz_problem *grown = realloc(ps->v, (ps->n + 1) * sizeof(*grown));
    if (grown == NULL) {
        free(msg);
        return WZ_ENOMEM;
    }
    ps->v = grown;
    struct wz_problem *p = &ps->v[ps->n];
    p->kind = kind;
    p->revision = revision != NULL ? strdup(revision) : NULL;
    p->file = file != NULL ? strdup(file) : NULL;
    p->message = msg;
    if ((revision != NULL && p->revision == NULL) || (file != NULL && p->file == NULL)) {
        free(p->revision);
        free(p->file);
        free(msg);
        return WZ_ENOMEM;
    }
    ps->n++;
    return 0;
}

void wz_problems_release(struct wz_problems *ps)
{
    if (ps == NULL)
        return;
    for (size_t i = 0; i < ps->n; i++) {
        free(ps->v[i].revision);
        free(ps->v[i].file);
        free(ps->v[i].message);
    }
    free(ps->v);
    ps->v = NULL;
    ps->n = 0;
}

/* ---------------------------------------------------------------- building */

static int cmp_filename(const void *a, const void *b)
{
    const struct wz_revision *ra = *(const struct wz_revision *const *)a;
    const struct wz_revision *rb = *(const struct wz_revision *const *)b;
    return strcmp(ra->filename, rb->filename);
}

/* Orders revisions that could run in either order: older first, then by id, so the order is
 * the same on every machine. */
static bool runs_before(const struct wz_revision *a, const struct wz_revision *b)
{
    const char *ca = a->created != NULL ? a->created : "";
    const char *cb = b->created != NULL ? b->created : "";
    int c = strcmp(ca, cb);
    if (c != 0)
        return c < 0;
    return strcmp(a->id, b->id) < 0;
}

static long find_in(struct wz_revision **revs, size_t n, const char *id)
{
    for (size_t i = 0; i < n; i++)
        if (revs[i] != NULL && strcmp(revs[i]->id, id) == 0)
            return (long)i;
    return -1;
}

static int push_other(struct wz_graph *g, struct wz_revision *rev)
{
    struct wz_revision **grown = realloc(g->others, (g->nothers + 1) * sizeof(*grown));
    if (grown == NULL) {
        wz_revision_free(rev);
        return WZ_ENOMEM;
    }
    g->others = grown;
    g->others[g->nothers++] = rev;
    return 0;
}

/* Reports the cycles among the nodes Kahn's algorithm could not order (left[i]). */
static int report_cycles(struct wz_graph *g, struct wz_revision **revs, size_t n, size_t **par,
                         const size_t *npar, const bool *left)
{
    int rc = 0;
    /* 0: not visited, 1: on the current walk, 2: done */
    unsigned char *state = calloc(n, 1);
    size_t *walk = malloc(n * sizeof(*walk));
    if (state == NULL || walk == NULL) {
        rc = WZ_ENOMEM;
        goto cleanup;
    }
    for (size_t s = 0; s < n; s++) {
        if (!left[s] || state[s] != 0)
            continue;
        size_t len = 0;
        size_t cur = s;
        /* Each unordered node has an unordered parent, so the walk ends in a loop or in a
         * node already reported. */
        while (state[cur] == 0) {
            state[cur] = 1;
            walk[len++] = cur;
            size_t next = SIZE_MAX;
            for (size_t k = 0; k < npar[cur]; k++)
                if (left[par[cur][k]]) {
                    next = par[cur][k];
                    break;
                }
            if (next == SIZE_MAX)
                break;
            cur = next;
        }
        if (state[cur] == 1) {
            size_t from = 0;
            while (walk[from] != cur)
                from++;
            char text[900];
            size_t o = 0;
            for (size_t k = from; k < len && o < sizeof(text); k++)
                o += (size_t)snprintf(text + o, sizeof(text) - o, "'%s' (%s) -> ",
                                      revs[walk[k]]->id, revs[walk[k]]->filename);
            if (o < sizeof(text))
                snprintf(text + o, sizeof(text) - o, "'%s'", revs[cur]->id);
            rc = wz_problems_add(&g->problems, "cycle", revs[cur]->id, revs[cur]->path,
                                 "cycle in the revision graph: %s (each revision names the "
                                 "next as its down_revision); fix the down_revision lines",
                                 text);
            if (rc < 0)
                goto cleanup;
            for (size_t k = from; k < len; k++)
                state[walk[k]] = 3; /* in a reported cycle */
        }
        for (size_t k = 0; k < len; k++)
            if (state[walk[k]] == 1)
                state[walk[k]] = 2;
    }
    for (size_t i = 0; i < n; i++) {
        if (left[i] && state[i] == 2) {
            rc = wz_problems_add(&g->problems, "cycle", revs[i]->id, revs[i]->path,
                                 "revision '%s' (%s) is left out: it descends from a cycle",
                                 revs[i]->id, revs[i]->filename);
            if (rc < 0)
                goto cleanup;
        }
    }
cleanup:
    free(state);
    free(walk);
    return rc;
}

int wz_graph_build(const char *dir, struct wz_revision **revs, size_t n, struct wz_graph **out,
                   struct wz_err *err)
{
    *out = NULL;
    int rc = 0;
    size_t **par = NULL;
    size_t *npar = NULL, *indeg = NULL, *order = NULL, *pos = NULL;
    bool *left = NULL, *done = NULL;
    struct wz_graph *g = calloc(1, sizeof(*g));
    if (g == NULL || (g->dir = strdup(dir)) == NULL)
        goto nomem;
    if (n > 0)
        qsort(revs, n, sizeof(*revs), cmp_filename);

    /* Duplicate ids: the first file by name keeps its place, the others are left out. */
    for (size_t i = 0; i < n; i++) {
        long first = find_in(revs, i, revs[i]->id);
        if (first < 0)
            continue;
        rc = wz_problems_add(&g->problems, "duplicate", revs[i]->id, revs[i]->path,
                             "duplicate revision id '%s' in '%s' and '%s': give one of them a "
                             "new id (and update the down_revision lines that name it)",
                             revs[i]->id, revs[first]->path, revs[i]->path);
        if (rc < 0 || push_other(g, revs[i]) < 0)
            goto nomem;
        revs[i] = NULL;
    }

    par = calloc(n + 1, sizeof(*par));
    npar = calloc(n + 1, sizeof(*npar));
    indeg = calloc(n + 1, sizeof(*indeg));
    order = calloc(n + 1, sizeof(*order));
    pos = calloc(n + 1, sizeof(*pos));
    left = calloc(n + 1, sizeof(*left));
    done = calloc(n + 1, sizeof(*done));
    if (par == NULL || npar == NULL || indeg == NULL || order == NULL || pos == NULL ||
        left == NULL || done == NULL)
        goto nomem;
    for (size_t i = 0; i < n; i++) {
        if (revs[i] == NULL)
            continue;
        par[i] = calloc(revs[i]->nparents + 1, sizeof(**par));
        if (par[i] == NULL)
            goto nomem;
        for (size_t k = 0; k < revs[i]->nparents; k++) {
            long p = find_in(revs, n, revs[i]->parents[k]);
            if (p < 0) {
                rc = wz_problems_add(&g->problems, "missing_parent", revs[i]->id, revs[i]->path,
                                     "missing parent: '%s' names down_revision '%s', which no "
                                     "file in '%s' defines; restore that file or fix the line",
                                     revs[i]->path, revs[i]->parents[k], dir);
                if (rc < 0)
                    goto nomem;
                continue;
            }
            par[i][npar[i]++] = (size_t)p;
            indeg[i]++;
        }
    }

    /* Kahn's algorithm, choosing among the ready revisions with runs_before. */
    size_t norder = 0;
    while (true) {
        size_t best = SIZE_MAX;
        for (size_t i = 0; i < n; i++)
            if (revs[i] != NULL && !done[i] && indeg[i] == 0 &&
                (best == SIZE_MAX || runs_before(revs[i], revs[best])))
                best = i;
        if (best == SIZE_MAX)
            break;
        done[best] = true;
        pos[best] = norder;
        order[norder++] = best;
        for (size_t i = 0; i < n; i++)
            for (size_t k = 0; revs[i] != NULL && k < npar[i]; k++)
                if (par[i][k] == best)
                    indeg[i]--;
    }
    bool any_left = false;
    for (size_t i = 0; i < n; i++) {
        left[i] = revs[i] != NULL && !done[i];
        any_left = any_left || left[i];
    }
    if (any_left) {
        rc = report_cycles(g, revs, n, par, npar, left);
        if (rc < 0)
            goto nomem;
        for (size_t i = 0; i < n; i++)
            if (left[i]) {
                if (push_other(g, revs[i]) < 0) {
                    revs[i] = NULL;
                    goto nomem;
                }
                revs[i] = NULL;
            }
    }

    g->nodes = calloc(norder + 1, sizeof(*g->nodes));
    g->heads = calloc(norder + 1, sizeof(*g->heads));
    if (g->nodes == NULL || g->heads == NULL)
        goto nomem;
    for (size_t k = 0; k < norder; k++) {
        size_t i = order[k];
        struct wz_node *node = &g->nodes[k];
        node->rev = revs[i];
        revs[i] = NULL;
        g->n++;
        node->parents = calloc(npar[i] + 1, sizeof(*node->parents));
        if (node->parents == NULL)
            goto nomem;
        for (size_t j = 0; j < npar[i]; j++)
            node->parents[node->nparents++] = pos[par[i][j]];
    }
    for (size_t k = 0; k < g->n; k++) {
        struct wz_node *node = &g->nodes[k];
        for (size_t j = 0; j < node->nparents; j++) {
            struct wz_node *p = &g->nodes[node->parents[j]];
            size_t *grown = realloc(p->children, (p->nchildren + 1) * sizeof(*grown));
            if (grown == NULL)
                goto nomem;
            p->children = grown;
            p->children[p->nchildren++] = k;
        }
    }
    for (size_t k = 0; k < g->n; k++)
        if (g->nodes[k].nchildren == 0)
            g->heads[g->nheads++] = k;
    *out = g;
    g = NULL;
    rc = 0;
    goto cleanup;
nomem:
    rc = wz_err_set(err, WZ_ENOMEM, "out of memory");
cleanup:
    for (size_t i = 0; i < n; i++) {
        wz_revision_free(revs[i]);
        if (par != NULL)
            free(par[i]);
    }
    free(revs);
    free(par);
    free(npar);
    free(indeg);
    free(order);
    free(pos);
    free(left);
    free(done);
    wz_graph_free(g);
    return rc;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int wz_graph_load(const char *dir, struct wz_graph **out, struct wz_err *err)
{
    *out = NULL;
    int rc = 0;
    char **names = NULL;
    size_t nnames = 0;
    struct wz_revision **revs = NULL;
    size_t nrevs = 0;
    struct wz_problems parse_problems = {0};
    struct wz_err ferr;
    DIR *d = opendir(dir);
    if (d == NULL) {
        if (errno == ENOENT)
            return wz_err_set(err, WZ_ENOENT,
                              "migrations directory '%s' does not exist: create the first "
                              "revision with `wizamart migrate create --empty -m \"...\"` or set "
                              "MIGRATIONS_DIR",
                              dir);
        if (errno == ENOMEM) /* opendir allocates its DIR */
            return wz_err_set(err, WZ_ENOMEM, "out of memory while reading '%s'", dir);
        return wz_err_set(err, WZ_EFAIL, "cannot read migrations directory '%s': %s", dir,
                          strerror(errno));
    }
    const struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t len = strlen(e->d_name);
        if (e->d_name[0] == '.' || len < 5 || strcmp(e->d_name + len - 4, ".sql") != 0)
            continue;
        char **grown = realloc(names, (nnames + 1) * sizeof(*grown));
        if (grown == NULL)
            goto nomem;
        names = grown;
        if ((names[nnames] = strdup(e->d_name)) == NULL)
            goto nomem;
        nnames++;
    }
    if (nnames > 0)
        qsort(names, nnames, sizeof(*names), cmp_str);
    revs = calloc(nnames + 1, sizeof(*revs));
    if (revs == NULL)
        goto nomem;
    size_t dirlen = strlen(dir);
    bool slash = dirlen > 0 && dir[dirlen - 1] == '/';
    for (size_t i = 0; i < nnames; i++) {
        char *path = NULL;
        if (asprintf(&path, "%s%s%s", dir, slash ? "" : "/", names[i]) < 0)
            goto nomem;
        wz_err_clear(&ferr);
        rc = wz_revision_load(path, &revs[nrevs], &ferr);
        if (rc == WZ_ENOMEM) {
            free(path);
            goto nomem;
        }
        if (rc < 0) {
            rc = wz_problems_add(&parse_problems, "parse", NULL, path, "%s", ferr.msg);
            free(path);
            if (rc < 0)
                goto nomem;
            continue;
        }
        free(path);
        nrevs++;
    }
    rc = wz_graph_build(dir, revs, nrevs, out, err);
    revs = NULL;
    if (rc < 0)
        goto cleanup;
    /* Unparsable files first: they often explain the other problems (a missing parent). */
    if (parse_problems.n > 0) {
        struct wz_problems *gp = &(*out)->problems;
        struct wz_problem *merged =
            realloc(parse_problems.v, (parse_problems.n + gp->n + 1) * sizeof(*merged));
        if (merged == NULL)
            goto nomem;
        if (gp->n > 0)
            memcpy(merged + parse_problems.n, gp->v, gp->n * sizeof(*merged));
        free(gp->v);
        gp->v = merged;
        gp->n += parse_problems.n;
        parse_problems.v = NULL;
        parse_problems.n = 0;
    }
    goto cleanup;
nomem:
    rc = wz_err_set(err, WZ_ENOMEM, "out of memory");
    wz_graph_free(*out);
    *out = NULL;
cleanup:
    closedir(d);
    for (size_t i = 0; i < nnames; i++)
        free(names[i]);
    free(names);
    if (revs != NULL) {
        for (size_t i = 0; i < nrevs; i++)
            wz_revision_free(revs[i]);
        free(revs);
    }
    wz_problems_release(&parse_problems);
    return rc;
}

void wz_graph_free(struct wz_graph *g)
{
    if (g == NULL)
        return;
    for (size_t i = 0; i < g->n; i++) {
        wz_revision_free(g->nodes[i].rev);
        free(g->nodes[i].parents);
        free(g->nodes[i].children);
    }
    free(g->nodes);
    free(g->heads);
    for (size_t i = 0; i < g->nothers; i++)
        wz_revision_free(g->others[i]);
    free(g->others);
    wz_problems_release(&g->problems);
    free(g->dir);
    free(g);
}

/* ---------------------------------------------------------------- queries */

long wz_graph_find(const struct wz_graph *g, const char *id)
{
    for (size_t i = 0; i < g->n; i++)
        if (strcmp(g->nodes[i].rev->id, id) == 0)
            return (long)i;
    return -1;
}

const struct wz_revision *wz_graph_lookup_any(const struct wz_graph *g, const char *id)
{
    long i = wz_graph_find(g, id);
    if (i >= 0)
        return g->nodes[i].rev;
    for (size_t k = 0; k < g->nothers; k++)
        if (strcmp(g->others[k]->id, id) == 0)
            return g->others[k];
    return NULL;
}

int wz_graph_resolve(const struct wz_graph *g, const char *text, size_t *idx, struct wz_err *err)
{
    long exact = wz_graph_find(g, text);
    if (exact >= 0) {
        *idx = (size_t)exact;
        return 0;
    }
    size_t tl = strlen(text);
    if (tl >= 4) {
        size_t hits = 0, hit = 0;
        char list[512] = "";
        size_t o = 0;
        for (size_t i = 0; i < g->n; i++) {
            if (strncmp(g->nodes[i].rev->id, text, tl) != 0)
                continue;
            hits++;
            hit = i;
            if (o < sizeof(list))
                o += (size_t)snprintf(list + o, sizeof(list) - o, "%s%s", hits > 1 ? ", " : "",
                                      g->nodes[i].rev->id);
        }
        if (hits == 1) {
            *idx = hit;
            return 0;
        }
        if (hits > 1)
            return wz_err_set(err, WZ_ENOENT,
                              "revision '%s' is ambiguous: it starts %s; give more characters",
                              text, list);
    }
    return wz_err_set(err, WZ_ENOENT,
                      "unknown revision '%s': no file in '%s' defines it (see `wizamart migrate "
                      "history`)",
                      text, g->dir);
}

void wz_graph_mark_ancestors(const struct wz_graph *g, size_t idx, bool *mark)
{
    /* Nodes are in topological order, so one backward sweep reaches every ancestor. */
    bool *want = calloc(g->n + 1, sizeof(*want));
    if (want == NULL) {
        /* Recursion is bounded by the graph's depth; used only when memory is short. */
        mark[idx] = true;
        for (size_t k = 0; k < g->nodes[idx].nparents; k++)
            wz_graph_mark_ancestors(g, g->nodes[idx].parents[k], mark);
        return;
    }
    want[idx] = true;
    for (size_t i = idx + 1; i-- > 0;) {
        if (!want[i])
            continue;
        mark[i] = true;
        for (size_t k = 0; k < g->nodes[i].nparents; k++)
            want[g->nodes[i].parents[k]] = true;
    }
    free(want);
}

void wz_graph_mark_descendants(const struct wz_graph *g, size_t idx, bool *mark)
{
    bool *want = calloc(g->n + 1, sizeof(*want));
    if (want == NULL) {
        mark[idx] = true;
        for (size_t k = 0; k < g->nodes[idx].nchildren; k++)
            wz_graph_mark_descendants(g, g->nodes[idx].children[k], mark);
        return;
    }
    want[idx] = true;
    for (size_t i = idx; i < g->n; i++) {
        if (!want[i])
            continue;
        mark[i] = true;
        for (size_t k = 0; k < g->nodes[i].nchildren; k++)
            want[g->nodes[i].children[k]] = true;
    }
    free(want);
}

int wz_graph_check(const struct wz_graph *g, struct wz_err *err)
{
    if (g->problems.n == 0)
        return 0;
    char text[sizeof(err->msg)];
    size_t o = (size_t)snprintf(
        text, sizeof(text), "the revision files in '%s' have %zu problem%s; fix %s first:", g->dir,
        g->problems.n, g->problems.n == 1 ? "" : "s", g->problems.n == 1 ? "it" : "them");
    for (size_t i = 0; i < g->problems.n && o < sizeof(text); i++)
        o += (size_t)snprintf(text + o, sizeof(text) - o, "\n  %s", g->problems.v[i].message);
    return wz_err_set(err, WZ_EFAIL, "%s", text);
}

static int plan_push(struct wz_plan *plan, size_t idx)
{
    size_t *grown = realloc(plan->v, (plan->n + 1) * sizeof(*grown));
    if (grown == NULL)
        return WZ_ENOMEM;
    plan->v = grown;
    plan->v[plan->n++] = idx;
    return 0;
}

static void heads_text(const struct wz_graph *g, char *buf, size_t size)
{
    size_t o = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < g->nheads && o < size; i++) {
        const struct wz_revision *r = g->nodes[g->heads[i]].rev;
        o +=
            (size_t)snprintf(buf + o, size - o, "%s%s (%s)", i > 0 ? ", " : "", r->id, r->filename);
    }
}

int wz_graph_plan_up(const struct wz_graph *g, const bool *applied, long target,
                     struct wz_plan *plan, struct wz_err *err)
{
    plan->v = NULL;
    plan->n = 0;
    if (target < 0 && g->nheads > 1) {
        char heads[700];
        heads_text(g, heads, sizeof(heads));
        return wz_err_set(err, WZ_EFAIL,
                          "the revisions have %zu heads: %s; join them with `wizamart migrate "
                          "merge -m \"merge heads\"`, or name one as the target",
                          g->nheads, heads);
    }
    bool *want = calloc(g->n + 1, sizeof(*want));
    if (want == NULL)
        return wz_err_set(err, WZ_ENOMEM, "out of memory");
    if (target >= 0)
        wz_graph_mark_ancestors(g, (size_t)target, want);
    else
        for (size_t i = 0; i < g->nheads; i++)
            wz_graph_mark_ancestors(g, g->heads[i], want);
    int rc = 0;
    for (size_t i = 0; i < g->n && rc == 0; i++)
        if (want[i] && !applied[i])
            rc = plan_push(plan, i);
    free(want);
    if (rc < 0) {
        free(plan->v);
        plan->v = NULL;
        plan->n = 0;
        return wz_err_set(err, WZ_ENOMEM, "out of memory");
    }
    return 0;
}

int wz_graph_plan_down(const struct wz_graph *g, const bool *applied, long target, long steps,
                       struct wz_plan *plan, struct wz_err *err)
{
    plan->v = NULL;
    plan->n = 0;
    bool *want = NULL;
    if (target >= 0) {
        if (!applied[target])
            return wz_err_set(err, WZ_EFAIL,
                              "revision '%s' is not applied, so the database cannot go down to "
                              "it; see `wizamart migrate status`",
                              g->nodes[target].rev->id);
        want = calloc(g->n + 1, sizeof(*want));
        if (want == NULL)
            return wz_err_set(err, WZ_ENOMEM, "out of memory");
        wz_graph_mark_descendants(g, (size_t)target, want);
        want[target] = false;
    }
    int rc = 0;
    /* Reverse topological order: a revision is reverted only after all its children. */
    for (size_t i = g->n; i-- > 0 && rc == 0;) {
        if (!applied[i] || (want != NULL && !want[i]))
            continue;
        if (want == NULL && steps >= 0 && (long)plan->n >= steps)
            break;
        rc = plan_push(plan, i);
    }
    free(want);
    if (rc < 0) {
        free(plan->v);
        plan->v = NULL;
        plan->n = 0;
        return wz_err_set(err, WZ_ENOMEM, "out of memory");
    }
    return 0;
}

int wz_graph_current(const struct wz_graph *g, const bool *applied, struct wz_plan *out)
{
    out->v = NULL;
    out->n = 0;
    for (size_t i = 0; i < g->n; i++) {
        if (!applied[i])
            continue;
        bool child_applied = false;
        for (size_t k = 0; k < g->nodes[i].nchildren; k++)
            child_applied = child_applied || applied[g->nodes[i].children[k]];
        if (!child_applied && plan_push(out, i) < 0) {
            free(out->v);
            out->v = NULL;
            out->n = 0;
            return WZ_ENOMEM;
        }
    }
    return 0;
}
