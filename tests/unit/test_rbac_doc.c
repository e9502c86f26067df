/*
 * docs/rbac.md against the one definition of roles and permissions (src/seed/rbac.c): every
 * permission has its row with its description, every role its row with exactly its
 * permissions in the table's order, so the page cannot drift from what init-prod creates.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/strbuf.h"
#include "seed/rbac.h"

static char *read_doc(void)
{
    const char *root = getenv("WZ_ROOT");
    char path[4096];
    snprintf(path, sizeof(path), "%s/docs/rbac.md", root != NULL ? root : ".");
    FILE *f = fopen(path, "r");
    if (f == NULL)
        fail_msg("cannot open %s (set WZ_ROOT to the repository)", path);
    struct wz_strbuf sb = WZ_STRBUF_INIT;
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
        wz_strbuf_append_n(&sb, buf, n);
    fclose(f);
    return wz_strbuf_detach(&sb);
}

static void expect_line(const char *doc, const char *line)
{
    const char *p = strstr(doc, line);
    if (p == NULL || (p != doc && p[-1] != '\n') || p[strlen(line)] != '\n')
        fail_msg("docs/rbac.md lacks the line:\n%s", line);
}

static void test_permissions_are_documented(void **state)
{
    (void)state;
    char *doc = read_doc();
    size_t n;
    const struct wz_permission_def *p = wz_rbac_permissions(&n);
    for (size_t i = 0; i < n; i++) {
        char line[512];
        snprintf(line, sizeof(line), "| `%s` | %s |", p[i].code, p[i].description);
        expect_line(doc, line);
    }
    free(doc);
}

static void test_roles_are_documented_with_their_permissions(void **state)
{
    (void)state;
    char *doc = read_doc();
    size_t n;
    const struct wz_role_def *r = wz_rbac_roles(&n);
    for (size_t i = 0; i < n; i++) {
        struct wz_strbuf line = WZ_STRBUF_INIT;
        wz_strbuf_appendf(&line, "| %s | %s | ", r[i].name, r[i].description);
        for (size_t k = 0; r[i].permissions[k] != NULL; k++)
            wz_strbuf_appendf(&line, "%s`%s`", k > 0 ? ", " : "", r[i].permissions[k]);
        wz_strbuf_append(&line, " |");
        expect_line(doc, wz_strbuf_str(&line));
        wz_strbuf_release(&line);
    }
    free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_permissions_are_documented),
        cmocka_unit_test(test_roles_are_documented_with_their_permissions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
