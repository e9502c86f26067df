/*
 * application/x-www-form-urlencoded bodies (src/http/form.c), as any client may send them to a
 * panel form: wz_form_get for the field names our forms use and for a name taken from the
 * input, and wz_form_decode over the whole input with and without '+' as a space. Neither may
 * crash or read past the input; a decoded value is never longer than what it came from, never
 * gains a NUL from an escape, and a body without escapes decodes to itself.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/form.h"

static void die(const char *what)
{
    fprintf(stderr, "fuzz_form: %s\n", what);
    abort();
}

/* The raw bytes of key's first field value in body, as wz_form_get must find them. */
static void check_get(const char *body, size_t len, const char *key)
{
    char *v = NULL;
    int rc = wz_form_get(body, len, key, &v);
    if (rc < 0)
        return; /* out of memory */
    if (rc == 0) {
        if (v != NULL)
            die("not found, yet a value was returned");
        return;
    }
    if (rc != 1 || v == NULL)
        die("found without a value");
    size_t vlen = strlen(v);
    if (vlen > len)
        die("a decoded value longer than the body");
    /* A value is decoded from a part of the body: never longer than that part. */
    const char *field = NULL;
    size_t klen = strlen(key);
    for (size_t i = 0; i < len;) {
        size_t end = i;
        while (end < len && body[end] != '&')
            end++;
        size_t eq = i;
        while (eq < end && body[eq] != '=')
            eq++;
        if (eq - i == klen && memcmp(body + i, key, klen) == 0) {
            field = body + (eq < end ? eq + 1 : end);
            if (vlen > (size_t)(body + end - field))
                die("a value longer than its field");
            break;
        }
        i = end + 1;
    }
    if (field == NULL)
        die("a value for a name the body does not have");
    free(v);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* Not NUL-terminated on purpose: the parser must stay within len. */
    char *body = malloc(size > 0 ? size : 1);
    if (body == NULL)
        return 0;
    memcpy(body, data, size);

    static const char *const names[] = {"csrf_token", "email", "password", "name", "q", ""};
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        check_get(body, size, names[i]);
    /* The input's first field name, so matching names are reached too. */
    char key[64];
    size_t k = 0;
    while (k < size && k + 1 < sizeof(key) && body[k] != '=' && body[k] != '&' && body[k] != '\0')
        key[k] = body[k], k++;
    key[k] = '\0';
    check_get(body, size, key);

    char *out = malloc(size + 1);
    if (out != NULL) {
        for (int plus = 0; plus <= 1; plus++) {
            long n = wz_form_decode(body, size, out, plus);
            if (n < -1 || n > (long)size)
                die("a decoded length outside -1..input length");
            if (n >= 0 && out[n] != '\0')
                die("a decoded string without its NUL");
            /* %00 is refused; a raw NUL byte is copied as sent (form.h speaks of %00 only). */
            if (n >= 0 && memchr(body, '\0', size) == NULL && memchr(out, '\0', (size_t)n) != NULL)
                die("a NUL inside a decoded string that had none raw");
            if (n >= 0 && memchr(body, '%', size) == NULL &&
                (size_t)n != size) /* nothing to decode: every byte kept */
                die("a body without escapes changed length");
            if (n >= 0 && !plus && memchr(body, '%', size) == NULL && memcmp(out, body, size) != 0)
                die("a body without escapes changed");
        }
        free(out);
    }
    free(body);
    return 0;
}
