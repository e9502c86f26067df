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

const char *wz_problem_kind_name(enum wz_problem_kind kind)
{
    static const char *const names[] = {
        [WZ_PROBLEM_PARSE] = "parse",
        [WZ_PROBLEM_DUPLICATE] = "duplicate",
        [WZ_PROBLEM_MISSING_PARENT] = "missing_parent",
        [WZ_PROBLEM_CYCLE] = "cycle",
        [WZ_PROBLEM_CHECKSUM] = "checksum",
        [WZ_PROBLEM_MISSING_FILE] = "missing_file",
        [WZ_PROBLEM_PARTIAL] = "partial",
        [WZ_PROBLEM_NO_STATEMENTS] = "no_statements",
        [WZ_PROBLEM_MULTIPLE_HEADS] = "multiple_heads",
    };
    return (size_t)kind < sizeof(names) / sizeof(names[0]) ? names[kind] : "unknown";
}

int wz_problems_add(struct wz_problems *ps, enum wz_problem_kind kind, const char *revision,
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

/* What building knows of one input revision, revs[i] of struct build. */
struct bnode {
    size_t *par; /* indices (into revs) of the parents that exist */
    size_t npar;
    size_t indeg; /* parents not ordered yet */
    size_t pos;   /* its place in the order, once ordered */
    bool done;    /* ordered */
    bool left;    /* could not be ordered: in a cycle or descending from one */
};

/* A graph being built from parsed revisions, one step after the other. */
struct build {
    const char *dir;           /* for messages */
    struct wz_graph *g;        /* the result, with its problems and the revisions left out */
    struct wz_revision **revs; /* by file name; NULL once moved into g */
    size_t n;
    struct bnode *b; /* b[i] describes revs[i] */
    size_t *order;   /* indices into revs, in topological order */
    size_t norder;
};

/* Duplicate ids: the first file by name keeps its place, the others are left out. */
static int set_aside_duplicates(struct build *bd)
{
    for (size_t i = 0; i < bd->n; i++) {
        struct wz_revision *rev = bd->revs[i];
        long first = find_in(bd->revs, i, rev->id);
        if (first < 0)
            continue;
        int rc = wz_problems_add(&bd->g->problems, WZ_PROBLEM_DUPLICATE, rev->id, rev->path,
                                 "duplicate revision id '%s' in '%s' and '%s': give one of them "
                                 "a new id (and update the down_revision lines that name it)",
                                 rev->id, bd->revs[first]->path, rev->path);
        if (rc < 0)
            return rc;
        bd->revs[i] = NULL; /* push_other owns it now, even when it fails */
        if (push_other(bd->g, rev) < 0)
            return WZ_ENOMEM;
    }
    return 0;
}

/* Finds each revision's parents among the others; a parent no file defines is a problem. */
static int link_parents(struct build *bd)
{
    for (size_t i = 0; i < bd->n; i++) {
        const struct wz_revision *rev = bd->revs[i];
        struct bnode *b = &bd->b[i];
        if (rev == NULL)
            continue;
        b->par = calloc(rev->nparents + 1, sizeof(*b->par));
        if (b->par == NULL)
            return WZ_ENOMEM;
        for (size_t k = 0; k < rev->nparents; k++) {
            long p = find_in(bd->revs, bd->n, rev->parents[k]);
            if (p < 0) {
                int rc = wz_problems_add(
                    &bd->g->problems, WZ_PROBLEM_MISSING_PARENT, rev->id, rev->path,
                    "missing parent: '%s' names down_revision '%s', which no file in '%s' "
                    "defines; restore that file or fix the line",
                    rev->path, rev->parents[k], bd->dir);
                if (rc < 0)
                    return rc;
                continue;
            }
            b->par[b->npar++] = (size_t)p;
            b->indeg++;
        }
    }
    return 0;
}

/* Kahn's algorithm, choosing among the ready revisions with runs_before. What it cannot order
 * is marked left. */
static void order_revisions(struct build *bd)
{
    while (true) {
        size_t best = SIZE_MAX;
        for (size_t i = 0; i < bd->n; i++)
            if (bd->revs[i] != NULL && !bd->b[i].done && bd->b[i].indeg == 0 &&
                (best == SIZE_MAX || runs_before(bd->revs[i], bd->revs[best])))
                best = i;
        if (best == SIZE_MAX)
            break;
        bd->b[best].done = true;
        bd->b[best].pos = bd->norder;
        bd->order[bd->norder++] = best;
        for (size_t i = 0; i < bd->n; i++)
            for (size_t k = 0; bd->revs[i] != NULL && k < bd->b[i].npar; k++)
                if (bd->b[i].par[k] == best)
                    bd->b[i].indeg--;
    }
    for (size_t i = 0; i < bd->n; i++)
        bd->b[i].left = bd->revs[i] != NULL && !bd->b[i].done;
}

/* Reports the cycles among the revisions Kahn's algorithm could not order (left). */
static int report_cycles(struct build *bd)
{
    struct wz_revision **revs = bd->revs;
    const struct bnode *b = bd->b;
    size_t n = bd->n;
    int rc = 0;
    /* 0: not visited, 1: on the current walk, 2: done */
    unsigned char *state = calloc(n, 1);
    size_t *walk = malloc(n * sizeof(*walk));
    if (state == NULL || walk == NULL) {
        rc = WZ_ENOMEM;
        goto cleanup;
    }
    for (size_t s = 0; s < n; s++) {
        if (!b[s].left || state[s] != 0)
            continue;
        size_t len = 0;
        size_t cur = s;
        /* Each unordered node has an unordered parent, so the walk ends in a loop or in a
         * node already reported. */
        while (state[cur] == 0) {
            state[cur] = 1;
            walk[len++] = cur;
            size_t next = SIZE_MAX;
            for (size_t k = 0; k < b[cur].npar; k++)
                if (b[b[cur].par[k]].left) {
                    next = b[cur].par[k];
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
            rc = wz_problems_add(&bd->g->problems, WZ_PROBLEM_CYCLE, revs[cur]->id, revs[cur]->path,
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
        if (b[i].left && state[i] == 2) {
            rc = wz_problems_add(&bd->g->problems, WZ_PROBLEM_CYCLE, revs[i]->id, revs[i]->path,
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

/* Reports the revisions that could not be ordered and moves them out of the graph. */
static int set_aside_cycles(struct build *bd)
{
    bool any_left = false;
    for (size_t i = 0; i < bd->n; i++)
        any_left = any_left || bd->b[i].left;
    if (!any_left)
        return 0;
    int rc = report_cycles(bd);
    if (rc < 0)
        return rc;
    for (size_t i = 0; i < bd->n; i++) {
        if (!bd->b[i].left)
            continue;
        struct wz_revision *rev = bd->revs[i];
        bd->revs[i] = NULL; /* push_other owns it now, even when it fails */
        if (push_other(bd->g, rev) < 0)
            return WZ_ENOMEM;
    }
    return 0;
}

/* The graph's nodes in the order found, with their parents, children and the heads. */
static int make_nodes(struct build *bd)
{
    struct wz_graph *g = bd->g;
    g->nodes = calloc(bd->norder + 1, sizeof(*g->nodes));
    g->heads = calloc(bd->norder + 1, sizeof(*g->heads));
    if (g->nodes == NULL || g->heads == NULL)
        return WZ_ENOMEM;
    for (size_t k = 0; k < bd->norder; k++) {
        size_t i = bd->order[k];
        const struct bnode *b = &bd->b[i];
        struct wz_node *node = &g->nodes[k];
        node->rev = bd->revs[i];
        bd->revs[i] = NULL;
        g->n++;
        node->parents = calloc(b->npar + 1, sizeof(*node->parents));
        if (node->parents == NULL)
            return WZ_ENOMEM;
        for (size_t j = 0; j < b->npar; j++)
            node->parents[node->nparents++] = bd->b[b->par[j]].pos;
    }
    for (size_t k = 0; k < g->n; k++) {
        struct wz_node *node = &g->nodes[k];
        for (size_t j = 0; j < node->nparents; j++) {
            struct wz_node *p = &g->nodes[node->parents[j]];
            size_t *grown = realloc(p->children, (p->nchildren + 1) * sizeof(*grown));
            if (grown == NULL)
                return WZ_ENOMEM;
            p->children = grown;
            p->children[p->nchildren++] = k;
        }
    }
    for (size_t k = 0; k < g->n; k++)
        if (g->nodes[k].nchildren == 0)
            g->heads[g->nheads++] = k;
    return 0;
}

int wz_graph_build(const char *dir, struct wz_revision **revs, size_t n, struct wz_graph **out,
                   struct wz_err *err)
{
    *out = NULL;
    struct build bd = {.dir = dir, .revs = revs, .n = n};
    int rc = WZ_ENOMEM;
    bd.g = calloc(1, sizeof(*bd.g));
    if (bd.g == NULL || (bd.g->dir = strdup(dir)) == NULL)
        goto cleanup;
    if (n > 0)
        qsort(revs, n, sizeof(*revs), cmp_filename);
    rc = set_aside_duplicates(&bd);
    if (rc < 0)
        goto cleanup;
    bd.b = calloc(n + 1, sizeof(*bd.b));
    bd.order = calloc(n + 1, sizeof(*bd.order));
    rc = bd.b == NULL || bd.order == NULL ? WZ_ENOMEM : link_parents(&bd);
    if (rc < 0)
        goto cleanup;
    order_revisions(&bd);
    rc = set_aside_cycles(&bd);
    if (rc == 0)
        rc = make_nodes(&bd);
    if (rc == 0) {
        *out = bd.g;
        bd.g = NULL;
    }
cleanup:
    if (rc < 0)
        rc = wz_err_set(err, WZ_ENOMEM, "out of memory");
    for (size_t i = 0; i < n; i++) {
        wz_revision_free(revs[i]);
        if (bd.b != NULL)
            free(bd.b[i].par);
    }
    free(revs);
    free(bd.b);
    free(bd.order);
    wz_graph_free(bd.g);
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
            rc = wz_problems_add(&parse_problems, WZ_PROBLEM_PARSE, NULL, path, "%s", ferr.msg);
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
