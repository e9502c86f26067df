/*
 * The revision graph, as in Alembic: each revision names its parents (down_revision), several
 * children make a branch, several parents make a merge, revisions without children are heads.
 * Loading never stops at the first bad file: every problem (unparsable file, duplicate id,
 * missing parent, cycle) is collected with the files it concerns, so `migrate status` can show
 * them all; commands that change the database refuse while any is present. Planning (which
 * revisions `up` or `down` runs, in which order) is pure and lives here, so it is tested
 * without a database.
 */
#ifndef WZ_GRAPH_H
#define WZ_GRAPH_H

#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"
#include "migrate/revision.h"

/* One thing wrong with the revision files or the database's record of them. */
/* What is wrong; wz_problem_kind_name gives the name `migrate status --json` and validate
 * print. */
enum wz_problem_kind {
    WZ_PROBLEM_PARSE,
    WZ_PROBLEM_DUPLICATE,
    WZ_PROBLEM_MISSING_PARENT,
    WZ_PROBLEM_CYCLE,
    WZ_PROBLEM_CHECKSUM,
    WZ_PROBLEM_MISSING_FILE,
    WZ_PROBLEM_PARTIAL,
    WZ_PROBLEM_NO_STATEMENTS,
    WZ_PROBLEM_MULTIPLE_HEADS,
};
const char *wz_problem_kind_name(enum wz_problem_kind kind);

struct wz_problem {
    enum wz_problem_kind kind;
    char *revision; /* may be NULL */
    char *file;     /* may be NULL */
    char *message;  /* one or two full lines, no trailing newline */
};

struct wz_problems {
    struct wz_problem *v;
    size_t n;
};

/* Appends a problem; revision and file may be NULL; message is printf-style. */
int wz_problems_add(struct wz_problems *ps, enum wz_problem_kind kind, const char *revision,
                    const char *file, const char *fmt, ...) __attribute__((format(printf, 5, 6)));
void wz_problems_release(struct wz_problems *ps);

struct wz_node {
    struct wz_revision *rev; /* owned by the graph */
    size_t *parents;         /* indices of the parents that exist */
    size_t nparents;
    size_t *children; /* indices, in topological order */
    size_t nchildren;
};

struct wz_graph {
    char *dir;
    struct wz_node *nodes; /* topological order: parents before children */
    size_t n;
    size_t *heads; /* indices of the nodes without children, in topological order */
    size_t nheads;
    struct wz_problems problems;
    struct wz_revision **others; /* parsed, but left out of the graph (duplicates, cycles) */
    size_t nothers;
};

/* Reads every *.sql file of dir (sorted by name; dot files ignored) into a graph. Problems go
 * to (*out)->problems, not to the return value. WZ_ENOENT when dir does not exist; WZ_EFAIL
 * when it cannot be read. *out: free with wz_graph_free. */
int wz_graph_load(const char *dir, struct wz_graph **out, struct wz_err *err);

/* Builds a graph from parsed revisions; takes ownership of revs (the array and each element),
 * even on failure. dir is only used in messages. */
int wz_graph_build(const char *dir, struct wz_revision **revs, size_t n, struct wz_graph **out,
                   struct wz_err *err);

void wz_graph_free(struct wz_graph *g);

/* The node index of an id, or -1. */
long wz_graph_find(const struct wz_graph *g, const char *id);

/* A revision from the graph or from the files left out of it (by id), or NULL. */
const struct wz_revision *wz_graph_lookup_any(const struct wz_graph *g, const char *id);

/* Resolves a user-given revision: an exact id, else a unique prefix of at least 4 characters.
 * WZ_ENOENT with a message naming the text (and the candidates when ambiguous). */
int wz_graph_resolve(const struct wz_graph *g, const char *text, size_t *idx, struct wz_err *err);

/* Sets mark[i] for idx and each of its ancestors (mark has g->n entries; others untouched). */
void wz_graph_mark_ancestors(const struct wz_graph *g, size_t idx, bool *mark);
/* Sets mark[i] for idx and each of its descendants. */
void wz_graph_mark_descendants(const struct wz_graph *g, size_t idx, bool *mark);

/* 0 when the graph has no problems, else WZ_EFAIL and a message listing them, one a line. */
int wz_graph_check(const struct wz_graph *g, struct wz_err *err);

/* A list of node indices (caller frees v). */
struct wz_plan {
    size_t *v;
    size_t n;
};

/* The revisions `up` applies, in order: target and its ancestors (target < 0: every head,
 * refused with WZ_EFAIL naming the heads and the merge command when there are several) that
 * applied[] does not mark. */
int wz_graph_plan_up(const struct wz_graph *g, const bool *applied, long target,
                     struct wz_plan *plan, struct wz_err *err);

/* The revisions `down` reverts, in order (children before parents), among those applied[]
 * marks: with target >= 0, every applied descendant of target (target itself stays; it must be
 * applied); with target < 0, the last `steps` in reverse topological order (steps < 0: all). */
int wz_graph_plan_down(const struct wz_graph *g, const bool *applied, long target, long steps,
                       struct wz_plan *plan, struct wz_err *err);

/* The applied revisions none of whose children is applied (the database's "current"). */
int wz_graph_current(const struct wz_graph *g, const bool *applied, struct wz_plan *out);

#endif
