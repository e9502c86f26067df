/*
 * The .env parser (src/core/dotenv.h) on arbitrary bytes. wz_dotenv_parse takes a buffer, so
 * no file is involved. Beyond "no crash, no leak": a parse that succeeds yields keys of the
 * documented alphabet, values, nondecreasing line numbers within the text, and
 * wz_dotenv_get finding the last definition of each key; a parse that fails leaves the
 * struct zeroed and says "<path>:<line>: " with the same code it returned.
 *
 * The "environment" is a fixed table behind the lookup callback, so ${VAR} expansion is
 * exercised from both sources (environment first, then earlier keys) without reading the
 * real environment.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/dotenv.h"

#define PATH "fuzz.env"

static const char *const ENV[] = {
    "HOME", "/home/fuzz", "EMPTY", "", "DB_HOST", "db.example.com", "WITH_DOLLAR", "${HOME}", NULL,
};

static const char *lookup(const char *name, void *ctx)
{
    (void)ctx;
    for (size_t i = 0; ENV[i] != NULL; i += 2)
        if (strcmp(ENV[i], name) == 0)
            return ENV[i + 1];
    return NULL;
}

static void die(const char *what, const char *detail)
{
    fprintf(stderr, "fuzz_dotenv: %s: %s\n", what, detail);
    abort();
}

static bool valid_key(const char *k)
{
    bool start = (k[0] >= 'A' && k[0] <= 'Z') || (k[0] >= 'a' && k[0] <= 'z') || k[0] == '_';
    if (!start)
        return false;
    for (const char *p = k + 1; *p != '\0'; p++)
        if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
              *p == '_' || *p == '.'))
            return false;
    return true;
}

static void check_ok(const struct wz_dotenv *env, const char *text, size_t len)
{
    int lines = 1;
    for (size_t i = 0; i < len; i++)
        /* A line ends at LF, and at a CR not followed by LF (python-dotenv's rule). */
        lines += text[i] == '\n' || (text[i] == '\r' && (i + 1 >= len || text[i + 1] != '\n'));
    if (env->path == NULL || strcmp(env->path, PATH) != 0)
        die("path not kept", env->path ? env->path : "(null)");
    if (env->count > 0 && env->entries == NULL)
        die("entries missing", "");
    int prev = 0;
    for (size_t i = 0; i < env->count; i++) {
        const struct wz_dotenv_entry *e = &env->entries[i];
        if (e->key == NULL || e->value == NULL)
            die("entry without key or value", e->key ? e->key : "(null)");
        if (!valid_key(e->key))
            die("key outside the documented alphabet", e->key);
        /* A CR alone ends the text's last line, so lines is an upper bound, not exact. */
        if (e->line < 1 || e->line < prev || e->line > lines)
            die("line number out of order or out of the text", e->key);
        prev = e->line;
        const struct wz_dotenv_entry *last = wz_dotenv_get(env, e->key);
        if (last == NULL || last < e || strcmp(last->key, e->key) != 0)
            die("wz_dotenv_get did not find the last definition", e->key);
    }
}

static void check_failed(const struct wz_dotenv *env, int rc, const struct wz_err *err)
{
    static const struct wz_dotenv zero;
    if (memcmp(env, &zero, sizeof(zero)) != 0)
        die("a failed parse left data in out", err->msg);
    if (err->code != rc || (rc != WZ_EUSAGE && rc != WZ_ENOMEM))
        die("unexpected error code", err->msg);
    if (rc == WZ_EUSAGE && strncmp(err->msg, PATH ":", strlen(PATH ":")) != 0)
        die("message does not start with path:line", err->msg);
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
    struct wz_dotenv env;
    struct wz_err err = {0};
    int rc = wz_dotenv_parse(text, size, PATH, lookup, NULL, &env, &err);
    if (rc == 0)
        check_ok(&env, text, size);
    else
        check_failed(&env, rc, &err);
    wz_dotenv_release(&env);
    /* Release leaves a zeroed struct that may be released again. */
    wz_dotenv_release(&env);
    free(text);
    return 0;
}
