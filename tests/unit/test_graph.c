/*
 * The revision graph: linear histories, branches, merges, the order `up` and `down` follow,
 * and each broken graph (cycle, missing parent, duplicate id, unreadable file) with the
 * message naming the files concerned. Revisions are parsed from text; one case reads a real
 * directory.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "migrate/graph.h"

struct spec {
    const char *file, *id, *parents, *created;
};

static struct wz_revision *mkrev(const struct spec *s)
{
    char text[512], path[128];
    snprintf(text, sizeof(text),
             "-- wizamart revision\n-- revision: %s\n-- down_revision: %s\n-- message: make %s\n"
             "-- created: %s\n\n-- +upgrade\nSELECT 1;\n-- +downgrade\nSELECT 2;\n",
             s->id, s->parents, s->id, s->created != NULL ? s->created : "2026-01-01T00:00:00Z");
    snprintf(path, sizeof(path), "versions/%s", s->file);
    struct wz_revision *rev = NULL;
    struct wz_err err = {0};
    if (wz_revision_parse(path, text, strlen(text), &rev, &err) != 0)
        fail_msg("bad test revision: %s", err.msg);
    return rev;
}

static struct wz_graph *build(const struct spec *specs, size_t n)
{
    struct wz_revision **revs = calloc(n + 1, sizeof(*revs));
    assert_non_null(revs);
    for (size_t i = 0; i < n; i++)
        revs[i] = mkrev(&specs[i]);
    struct wz_graph *g = NULL;
    struct wz_err err = {0};
    assert_int_equal(wz_graph_build("versions", revs, n, &g, &err), 0);
    return g;
}

/* The ids of a list of node indices, joined by spaces. */
static const char *ids(const struct wz_graph *g, const size_t *v, size_t n)
{
    static char buf[512];
    size_t o = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < n; i++)
        o += (size_t)snprintf(buf + o, sizeof(buf) - o, "%s%s", i > 0 ? " " : "",
                              g->nodes[v[i]].rev->id);
    return buf;
}

static const char *order(const struct wz_graph *g)
{
    size_t v[64];
    for (size_t i = 0; i < g->n; i++)
        v[i] = i;
    return ids(g, v, g->n);
}

static bool *applied_set(const struct wz_graph *g, const char *const *which)
{
    bool *a = calloc(g->n + 1, sizeof(*a));
    assert_non_null(a);
    for (size_t i = 0; which[i] != NULL; i++) {
        long idx = wz_graph_find(g, which[i]);
        assert_true(idx >= 0);
        a[idx] = true;
    }
    return a;
}

static void expect_problem(const struct wz_graph *g, const char *kind, const char *words)
{
    for (size_t i = 0; i < g->problems.n; i++)
        if (strcmp(wz_problem_kind_name(g->problems.v[i].kind), kind) == 0 &&
            strstr(g->problems.v[i].message, words))
            return;
    fail_msg("no %s problem with \"%s\" among %zu problems%s%s", kind, words, g->problems.n,
             g->problems.n > 0 ? "; first: " : "",
             g->problems.n > 0 ? g->problems.v[0].message : "");
}

static const struct spec linear[] = {
    {"3_c.sql", "ccc333", "bbb222", NULL},
    {"1_a.sql", "aaa111", "none", NULL},
    {"2_b.sql", "bbb222", "aaa111", NULL},
};

static void test_linear(void **state)
{
    (void)state;
    struct wz_graph *g = build(linear, 3);
    assert_int_equal(g->problems.n, 0);
    assert_string_equal(order(g), "aaa111 bbb222 ccc333");
    assert_string_equal(ids(g, g->heads, g->nheads), "ccc333");
    struct wz_err err = {0};
    assert_int_equal(wz_graph_check(g, &err), 0);

    const char *none[] = {NULL};
    bool *a = applied_set(g, none);
    struct wz_plan p;
    assert_int_equal(wz_graph_plan_up(g, a, -1, &p, &err), 0);
    assert_string_equal(ids(g, p.v, p.n), "aaa111 bbb222 ccc333");
    free(p.v);
    assert_int_equal(wz_graph_plan_up(g, a, wz_graph_find(g, "bbb222"), &p, &err), 0);
    assert_string_equal(ids(g, p.v, p.n), "aaa111 bbb222");
    free(p.v);
    assert_int_equal(wz_graph_current(g, a, &p), 0);
    assert_int_equal(p.n, 0);
    free(p.v);
    free(a);

    const char *first[] = {"aaa111", NULL};
    a = applied_set(g, first);
    assert_int_equal(wz_graph_plan_up(g, a, -1, &p, &err), 0);
    assert_string_equal(ids(g, p.v, p.n), "bbb222 ccc333");
    free(p.v);
    assert_int_equal(wz_graph_current(g, a, &p), 0);
    assert_string_equal(ids(g, p.v, p.n), "aaa111");
    free(p.v);
    free(a);
    wz_graph_free(g);
}

static void test_plan_down(void **state)
{
    (void)state;
    struct wz_graph *g = build(linear, 3);
    const char *all[] = {"aaa111", "bbb222", "ccc333", NULL};
    bool *a = applied_set(g, all);
    struct wz_plan p;
    struct wz_err err = {0};
    assert_int_equal(wz_graph_plan_down(g, a, -1, 1, &p, &err), 0);
    assert_string_equal(ids(g, p.v, p.n), "ccc333");
    free(p.v);
    assert_int_equal(wz_graph_plan_down(g, a, -1, 2, &p, &err), 0);
    assert_string_equal(ids(g, p.v, p.n), "ccc333 bbb222");
    free(p.v);
    assert_int_equal(wz_graph_plan_down(g, a, -1, -1, &p, &err), 0);
    assert_string_equal(ids(g, p.v, p.n), "ccc333 bbb222 aaa111");
    free(p.v);
    /* Down to a revision: it stays, its descendants go. */
    assert_int_equal(wz_graph_plan_down(g, a, wz_graph_find(g, "aaa111"), 0, &p, &err), 0);
    assert_string_equal(ids(g, p.v, p.n), "ccc333 bbb222");
    free(p.v);
    free(a);

    const char *first[] = {"aaa111", NULL};
    a = applied_set(g, first);
    assert_int_equal(wz_graph_plan_down(g, a, wz_graph_find(g, "bbb222"), 0, &p, &err), WZ_EFAIL);
    assert_non_null(strstr(err.msg, "revision 'bbb222' is not applied"));
    free(a);
    wz_graph_free(g);
}

/*      a
 *     / \
 *    b   c      (c is older than b, so it runs first)
 *     \ /
 *      d        (merge)
 */
static const struct spec diamond[] = {
    {"1_a.sql", "aaa111", "none", "2026-01-01T00:00:00Z"},
    {"2_b.sql", "bbb222", "aaa111", "2026-01-03T00:00:00Z"},
    {"3_c.sql", "ccc333", "aaa111", "2026-01-02T00:00:00Z"},
    {"4_d.sql", "ddd444", "bbb222, ccc333", "2026-01-04T00:00:00Z"},
};

static void test_branches_refuse_up(void **state)
{
    (void)state;
    struct wz_graph *g = build(diamond, 3);
    assert_int_equal(g->problems.n, 0);
    assert_string_equal(order(g), "aaa111 ccc333 bbb222");
    assert_int_equal(g->nheads, 2);
    assert_int_equal(g->nodes[wz_graph_find(g, "aaa111")].nchildren, 2);
    const char *none[] = {NULL};
    bool *a = applied_set(g, none);
    struct wz_plan p;
    struct wz_err err = {0};
    assert_int_equal(wz_graph_plan_up(g, a, -1, &p, &err), WZ_EFAIL);
    assert_non_null(strstr(err.msg, "the revisions have 2 heads: ccc333 (3_c.sql), bbb222 "
                                    "(2_b.sql)"));
    assert_non_null(strstr(err.msg, "`wizamart migrate merge -m \"merge heads\"`"));
    assert_int_equal(p.n, 0);
    /* One branch at a time is allowed when named. */
    assert_int_equal(wz_graph_plan_up(g, a, wz_graph_find(g, "bbb222"), &p, &err), 0);
    assert_string_equal(ids(g, p.v, p.n), "aaa111 bbb222");
    free(p.v);
    free(a);
    wz_graph_free(g);
}

static void test_merge(void **state)
{
    (void)state;
    struct wz_graph *g = build(diamond, 4);
    assert_int_equal(g->problems.n, 0);
    assert_string_equal(order(g), "aaa111 ccc333 bbb222 ddd444");
    assert_string_equal(ids(g, g->heads, g->nheads), "ddd444");
    const struct wz_node *d = &g->nodes[wz_graph_find(g, "ddd444")];
    assert_int_equal(d->nparents, 2);

    const char *some[] = {"aaa111", "bbb222", NULL};
    bool *a = applied_set(g, some);
    struct wz_plan p;
    struct wz_err err = {0};
    assert_int_equal(wz_graph_plan_up(g, a, -1, &p, &err), 0);
    assert_string_equal(ids(g, p.v, p.n), "ccc333 ddd444");
    free(p.v);
    free(a);

    const char *all[] = {"aaa111", "bbb222", "ccc333", "ddd444", NULL};
    a = applied_set(g, all);
    assert_int_equal(wz_graph_current(g, a, &p), 0);
    assert_string_equal(ids(g, p.v, p.n), "ddd444");
    free(p.v);
    assert_int_equal(wz_graph_plan_down(g, a, wz_graph_find(g, "ccc333"), 0, &p, &err), 0);
    assert_string_equal(ids(g, p.v, p.n), "ddd444");
    free(p.v);
    assert_int_equal(wz_graph_plan_down(g, a, wz_graph_find(g, "aaa111"), 0, &p, &err), 0);
    assert_string_equal(ids(g, p.v, p.n), "ddd444 bbb222 ccc333");
    free(p.v);
    /* After reverting the merge, both branch tips are current. */
    a[wz_graph_find(g, "ddd444")] = false;
    assert_int_equal(wz_graph_current(g, a, &p), 0);
    assert_string_equal(ids(g, p.v, p.n), "ccc333 bbb222");
    free(p.v);

    bool mark[8] = {false};
    wz_graph_mark_ancestors(g, (size_t)wz_graph_find(g, "bbb222"), mark);
    assert_true(mark[wz_graph_find(g, "aaa111")] && mark[wz_graph_find(g, "bbb222")]);
    assert_false(mark[wz_graph_find(g, "ccc333")] || mark[wz_graph_find(g, "ddd444")]);
    free(a);
    wz_graph_free(g);
}

static void test_cycle(void **state)
{
    (void)state;
    static const struct spec specs[] = {
        {"0_root.sql", "root00", "none", NULL}, {"1_a.sql", "aaa111", "ccc333", NULL},
        {"2_b.sql", "bbb222", "aaa111", NULL},  {"3_c.sql", "ccc333", "bbb222", NULL},
        {"4_d.sql", "ddd444", "bbb222", NULL},
    };
    struct wz_graph *g = build(specs, 5);
    expect_problem(g, "cycle",
                   "cycle in the revision graph: 'aaa111' (1_a.sql) -> 'ccc333' (3_c.sql) -> "
                   "'bbb222' (2_b.sql) -> 'aaa111'");
    expect_problem(g, "cycle", "revision 'ddd444' (4_d.sql) is left out: it descends from a cycle");
    assert_int_equal(g->problems.n, 2);
    assert_string_equal(order(g), "root00");
    assert_int_equal(g->nothers, 4);
    assert_non_null(wz_graph_lookup_any(g, "ddd444"));
    struct wz_err err = {0};
    assert_int_equal(wz_graph_check(g, &err), WZ_EFAIL);
    assert_non_null(strstr(err.msg, "the revision files in 'versions' have 2 problems; fix them "
                                    "first:\n  cycle in the revision graph"));
    wz_graph_free(g);

    static const struct spec two[] = {
        {"1_a.sql", "aaa111", "bbb222", NULL},
        {"2_b.sql", "bbb222", "aaa111", NULL},
    };
    g = build(two, 2);
    assert_int_equal(g->problems.n, 1);
    expect_problem(g, "cycle", "'aaa111' (1_a.sql) -> 'bbb222' (2_b.sql) -> 'aaa111'");
    assert_int_equal(g->problems.v[0].file != NULL, 1);
    wz_graph_free(g);
}

static void test_missing_parent(void **state)
{
    (void)state;
    static const struct spec specs[] = {
        {"1_a.sql", "aaa111", "none", NULL},
        {"2_b.sql", "bbb222", "aaa111, zzz999", NULL},
    };
    struct wz_graph *g = build(specs, 2);
    assert_int_equal(g->problems.n, 1);
    expect_problem(g, "missing_parent",
                   "missing parent: 'versions/2_b.sql' names down_revision 'zzz999', which no "
                   "file in 'versions' defines");
    assert_string_equal(g->problems.v[0].file, "versions/2_b.sql");
    assert_string_equal(g->problems.v[0].revision, "bbb222");
    /* The rest of the graph is still there for status to show. */
    assert_string_equal(order(g), "aaa111 bbb222");
    struct wz_err err = {0};
    assert_int_equal(wz_graph_check(g, &err), WZ_EFAIL);
    assert_non_null(strstr(err.msg, "have 1 problem; fix it first:\n  missing parent"));
    wz_graph_free(g);
}

static void test_duplicate_id(void **state)
{
    (void)state;
    static const struct spec specs[] = {
        {"2_copy.sql", "aaa111", "none", NULL},
        {"1_a.sql", "aaa111", "none", NULL},
        {"3_b.sql", "bbb222", "aaa111", NULL},
    };
    struct wz_graph *g = build(specs, 3);
    assert_int_equal(g->problems.n, 1);
    expect_problem(
        g, "duplicate",
        "duplicate revision id 'aaa111' in 'versions/1_a.sql' and 'versions/2_copy.sql'");
    assert_string_equal(order(g), "aaa111 bbb222");
    assert_string_equal(g->nodes[0].rev->filename, "1_a.sql");
    assert_int_equal(g->nothers, 1);
    wz_graph_free(g);
}

static void test_resolve(void **state)
{
    (void)state;
    static const struct spec specs[] = {
        {"1.sql", "3f2a9c1b7d4e", "none", NULL},
        {"2.sql", "3f2a00000000", "3f2a9c1b7d4e", NULL},
        {"3.sql", "abcdef012345", "3f2a00000000", NULL},
    };
    struct wz_graph *g = build(specs, 3);
    size_t idx = 99;
    struct wz_err err = {0};
    assert_int_equal(wz_graph_resolve(g, "abcdef012345", &idx, &err), 0);
    assert_string_equal(g->nodes[idx].rev->id, "abcdef012345");
    assert_int_equal(wz_graph_resolve(g, "abcd", &idx, &err), 0);
    assert_string_equal(g->nodes[idx].rev->id, "abcdef012345");
    assert_int_equal(wz_graph_resolve(g, "3f2a9", &idx, &err), 0);
    assert_string_equal(g->nodes[idx].rev->id, "3f2a9c1b7d4e");
    assert_int_equal(wz_graph_resolve(g, "3f2a", &idx, &err), WZ_ENOENT);
    assert_non_null(strstr(err.msg, "revision '3f2a' is ambiguous: it starts 3f2a9c1b7d4e, "
                                    "3f2a00000000"));
    /* Fewer than 4 characters never match a prefix. */
    assert_int_equal(wz_graph_resolve(g, "abc", &idx, &err), WZ_ENOENT);
    assert_non_null(strstr(err.msg, "unknown revision 'abc': no file in 'versions' defines it"));
    wz_graph_free(g);
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void test_load_directory(void **state)
{
    (void)state;
    char tmpl[] = "/tmp/wz_graph_XXXXXX";
    char *dir = mkdtemp(tmpl);
    assert_non_null(dir);
    char path[256];
    snprintf(path, sizeof(path), "%s/aaa111_first.sql", dir);
    write_file(path, "-- wizamart revision\n-- revision: aaa111\n-- down_revision: none\n"
                     "-- message: first\n\n-- +upgrade\nSELECT 1;\n");
    snprintf(path, sizeof(path), "%s/bbb222_broken.sql", dir);
    write_file(path, "-- wizamart revision\n-- revision: bbb222\n-- down_revision: aaa111\n"
                     "-- mesage: typo\n");
    snprintf(path, sizeof(path), "%s/README.md", dir);
    write_file(path, "not a revision\n");
    snprintf(path, sizeof(path), "%s/.hidden.sql", dir);
    write_file(path, "not a revision\n");

    struct wz_graph *g = NULL;
    struct wz_err err = {0};
    assert_int_equal(wz_graph_load(dir, &g, &err), 0);
    assert_string_equal(order(g), "aaa111");
    assert_int_equal(g->problems.n, 1);
    expect_problem(g, "parse", "bbb222_broken.sql': line 4: unknown header key 'mesage'");
    char want[300];
    snprintf(want, sizeof(want), "%s/bbb222_broken.sql", dir);
    assert_string_equal(g->problems.v[0].file, want);
    wz_graph_free(g);

    char cmd[300];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
    assert_int_equal(wz_graph_load(dir, &g, &err), WZ_ENOENT);
    assert_null(g);
    assert_non_null(strstr(err.msg, "does not exist: create the first revision with "
                                    "`wizamart migrate create --empty -m \"...\"`"));
}

static void test_empty_graph(void **state)
{
    (void)state;
    struct wz_graph *g = NULL;
    struct wz_err err = {0};
    assert_int_equal(wz_graph_build("versions", NULL, 0, &g, &err), 0);
    assert_int_equal(g->n, 0);
    assert_int_equal(g->nheads, 0);
    struct wz_plan p;
    bool none[1] = {false};
    assert_int_equal(wz_graph_plan_up(g, none, -1, &p, &err), 0);
    assert_int_equal(p.n, 0);
    free(p.v);
    wz_graph_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_linear),
        cmocka_unit_test(test_plan_down),
        cmocka_unit_test(test_branches_refuse_up),
        cmocka_unit_test(test_merge),
        cmocka_unit_test(test_cycle),
        cmocka_unit_test(test_missing_parent),
        cmocka_unit_test(test_duplicate_id),
        cmocka_unit_test(test_resolve),
        cmocka_unit_test(test_load_directory),
        cmocka_unit_test(test_empty_graph),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
