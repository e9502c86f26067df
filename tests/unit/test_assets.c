/*
 * The files embedded at build time (src/http/assets.c, scripts/embed_assets.sh): every entry
 * of web/assets.list is in the table with the exact bytes of its source file, its content type
 * and an ETag made from its SHA-256; each blob ends with a NUL; the table is sorted, which the
 * binary search needs; and lookups miss everything that is not exactly a listed path. The
 * manifest and the sources are read from $WZ_ROOT (tests/run.sh sets it; default: the cwd).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/assets.h"

#define MAX_ENTRIES 256
#define FIELD_MAX   512

struct entry {
    char path[FIELD_MAX], type[FIELD_MAX], src[FIELD_MAX];
};

static struct entry entries[MAX_ENTRIES];
static size_t n_entries;

static const char *root(void)
{
    const char *r = getenv("WZ_ROOT");
    return r != NULL && *r != '\0' ? r : ".";
}

/* The whole file at root/rel; *len is its size. The caller frees. */
static unsigned char *slurp(const char *rel, size_t *len)
{
    char full[2 * FIELD_MAX];
    snprintf(full, sizeof full, "%s/%s", root(), rel);
    FILE *f = fopen(full, "rb");
    if (f == NULL)
        fail_msg("cannot open %s (is WZ_ROOT the repository root?)", full);
    size_t cap = 1 << 16, n = 0;
    unsigned char *buf = malloc(cap);
    assert_non_null(buf);
    size_t got;
    while ((got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            cap *= 2;
            buf = realloc(buf, cap);
            assert_non_null(buf);
        }
    }
    assert_int_equal(ferror(f), 0);
    fclose(f);
    *len = n;
    return buf;
}

/* The manifest as the generator reads it: blank lines and # comments skipped, three fields. */
static int load_manifest(void **state)
{
    (void)state;
    char full[2 * FIELD_MAX];
    snprintf(full, sizeof full, "%s/web/assets.list", root());
    FILE *f = fopen(full, "r");
    if (f == NULL) {
        fprintf(stderr, "cannot open %s (is WZ_ROOT the repository root?)\n", full);
        return -1;
    }
    char line[4 * FIELD_MAX];
    n_entries = 0;
    while (fgets(line, sizeof line, f) != NULL) {
        char first[2];
        if (sscanf(line, " %1s", first) != 1 || first[0] == '#')
            continue;
        struct entry *e = &entries[n_entries];
        if (n_entries == MAX_ENTRIES ||
            sscanf(line, "%511s %511s %511s", e->path, e->type, e->src) != 3) {
            fprintf(stderr, "%s: cannot read the line: %s", full, line);
            fclose(f);
            return -1;
        }
        n_entries++;
    }
    fclose(f);
    return sodium_init() < 0 ? -1 : 0;
}

static void test_every_entry_is_embedded_exactly(void **state)
{
    (void)state;
    assert_true(n_entries > 0);
    for (size_t i = 0; i < n_entries; i++) {
        const struct entry *e = &entries[i];
        const struct wz_asset *a = wz_asset_find(e->path);
        if (a == NULL)
            fail_msg("%s (from %s) is not embedded", e->path, e->src);
        assert_string_equal(a->path, e->path);
        assert_string_equal(a->content_type, e->type);

        size_t len;
        unsigned char *want = slurp(e->src, &len);
        if (a->len != len)
            fail_msg("%s: %zu bytes embedded, %s has %zu", e->path, a->len, e->src, len);
        if (memcmp(a->data, want, len) != 0)
            fail_msg("%s: the embedded bytes differ from %s", e->path, e->src);
        /* The NUL after the blob, so text assets are C strings too. */
        assert_int_equal(a->data[a->len], 0);

        /* The ETag is the quoted first 16 hex digits of the SHA-256 of those bytes. */
        unsigned char digest[crypto_hash_sha256_BYTES];
        crypto_hash_sha256(digest, want, len);
        char hex[2 * crypto_hash_sha256_BYTES + 1], etag[20];
        sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
        snprintf(etag, sizeof etag, "\"%.16s\"", hex);
        assert_string_equal(a->etag, etag);
        free(want);
    }
}

static void test_table_matches_manifest(void **state)
{
    (void)state;
    size_t n = 0;
    const struct wz_asset *all = wz_assets(&n);
    /* Nothing embedded that the manifest does not list (it would be a stale build). */
    assert_int_equal(n, n_entries);
    for (size_t i = 0; i < n; i++) {
        size_t j = 0;
        while (j < n_entries && strcmp(entries[j].path, all[i].path) != 0)
            j++;
        if (j == n_entries)
            fail_msg("%s is embedded but not in web/assets.list", all[i].path);
    }
}

static void test_table_is_sorted(void **state)
{
    (void)state;
    size_t n = 0;
    const struct wz_asset *all = wz_assets(&n);
    /* Strictly: the order the binary search assumes, and no path twice. */
    for (size_t i = 1; i < n; i++)
        if (strcmp(all[i - 1].path, all[i].path) >= 0)
            fail_msg("out of order: '%s' before '%s'", all[i - 1].path, all[i].path);
    /* The search reaches every position, not only the ones near the middle. */
    for (size_t i = 0; i < n; i++)
        assert_ptr_equal(wz_asset_find(all[i].path), &all[i]);
    assert_ptr_equal(wz_assets(NULL), all);
}

static void test_misses(void **state)
{
    (void)state;
    static const char *const unknown[] = {
        "",
        "/",
        "/doc",
        "/docs/",
        "/DOCS",
        "/docs/swagger-ui.cs",
        "/docs/swagger-ui.css/",
        "/docs/swagger-ui.css?v=1",
        "/docs/swagger-ui.css.map",
        "/docs/swagger-ui-bundle.js.map",
        "/docs/swagger-ui-standalone-preset.js",
        "/docs/../docs/init.js",
        "docs/init.js",
        "/zzz",
        "\x01",
    };
    for (size_t i = 0; i < sizeof unknown / sizeof unknown[0]; i++)
        if (wz_asset_find(unknown[i]) != NULL)
            fail_msg("'%s' was found", unknown[i]);
    assert_null(wz_asset_find(NULL));
    /* Every proper prefix of every path misses as well. */
    size_t n = 0;
    const struct wz_asset *all = wz_assets(&n);
    for (size_t i = 0; i < n; i++) {
        char prefix[FIELD_MAX];
        size_t len = strlen(all[i].path);
        assert_true(len < sizeof prefix);
        for (size_t k = 0; k < len; k++) {
            memcpy(prefix, all[i].path, k);
            prefix[k] = '\0';
            const struct wz_asset *a = wz_asset_find(prefix);
            if (a != NULL && strcmp(a->path, prefix) != 0)
                fail_msg("'%s' found '%s'", prefix, a->path);
        }
    }
}

/* The /docs page works under the server's Content-Security-Policy only if it has no inline
 * script or style, and it must not load anything from another machine. */
static void test_docs_page_is_self_contained(void **state)
{
    (void)state;
    static const char *const needed[] = {"/docs", "/docs/init.js", "/docs/swagger-ui.css",
                                         "/docs/swagger-ui-bundle.js"};
    for (size_t i = 0; i < sizeof needed / sizeof needed[0]; i++)
        if (wz_asset_find(needed[i]) == NULL)
            fail_msg("%s is not embedded", needed[i]);

    const char *html = (const char *)wz_asset_find("/docs")->data;
    assert_string_equal(wz_asset_find("/docs")->content_type, "text/html;charset=utf-8");
    for (const char *p = html; (p = strstr(p, "<script")) != NULL; p++) {
        const char *end = strchr(p, '>');
        assert_non_null(end);
        const char *src = strstr(p, " src=\"/docs/");
        if (src == NULL || src > end)
            fail_msg("inline or foreign script in /docs: %.60s", p);
    }
    assert_null(strstr(html, "<style"));
    assert_null(strstr(html, " style="));
    assert_null(strstr(html, "http://"));
    assert_null(strstr(html, "https://"));

    /* Swagger UI's default validator badge is an image from validator.swagger.io. */
    const char *init = (const char *)wz_asset_find("/docs/init.js")->data;
    assert_non_null(strstr(init, "validatorUrl: null"));
    assert_non_null(strstr(init, "url: '/openapi.json'"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_entry_is_embedded_exactly),
        cmocka_unit_test(test_table_matches_manifest),
        cmocka_unit_test(test_table_is_sorted),
        cmocka_unit_test(test_misses),
        cmocka_unit_test(test_docs_page_is_self_contained),
    };
    return cmocka_run_group_tests(tests, load_manifest, NULL);
}
