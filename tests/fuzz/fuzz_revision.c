/*
 * The revision-file parser (src/migrate/revision.h) on arbitrary bytes: a revision file is
 * read from MIGRATIONS_DIR, which a deploy may fill from anywhere. Beyond "no crash, no leak":
 * a parse that succeeds yields an id, a message, parents that are non-empty strings and a
 * 64-digit checksum, and its statements can be listed for both directions on both dialects;
 * a parse that fails says "invalid revision file '<path>'" with WZ_EFAIL (or out of memory).
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "migrate/revision.h"

#define PATH "0123456789ab_fuzz.sql"

static void die(const char *what, const char *detail)
{
    fprintf(stderr, "fuzz_revision: %s: %s\n", what, detail);
    abort();
}

static void check_ok(const struct wz_revision *rev)
{
    if (rev->id == NULL || rev->id[0] == '\0')
        die("no id", PATH);
    if (rev->message == NULL)
        die("no message", rev->id);
    if (strlen(rev->checksum) != 64 || strspn(rev->checksum, "0123456789abcdef") != 64)
        die("checksum is not 64 lowercase hex digits", rev->checksum);
    for (size_t i = 0; i < rev->nparents; i++)
        if (rev->parents[i] == NULL || rev->parents[i][0] == '\0')
            die("an empty parent", rev->id);
    static const enum wz_dialect dialects[] = {WZ_DIALECT_SQLITE, WZ_DIALECT_POSTGRES};
    for (int up = 0; up < 2; up++) {
        for (size_t d = 0; d < 2; d++) {
            const struct wz_statement **st = NULL;
            size_t n = 0;
            if (wz_revision_statements(rev, up == 1, dialects[d], &st, &n) != 0)
                continue; /* out of memory */
            if ((n == 0) != (st == NULL))
                die("statement list and count disagree", rev->id);
            free(st);
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* An exact-size copy, so ASan sees any read past the end of the text. */
    char *text = malloc(size > 0 ? size : 1);
    if (text == NULL)
        return 0;
    if (size > 0)
        memcpy(text, data, size);
    struct wz_revision *rev = NULL;
    struct wz_err err = {0};
    int rc = wz_revision_parse(PATH, text, size, &rev, &err);
    if (rc == WZ_OK) {
        if (rev == NULL)
            die("success without a revision", PATH);
        check_ok(rev);
    } else {
        if (rev != NULL)
            die("a failed parse returned a revision", err.msg);
        if (rc != WZ_ENOMEM && strstr(err.msg, "invalid revision file") == NULL)
            die("message does not name the file", err.msg);
    }
    wz_revision_free(rev);
    free(text);
    return 0;
}
