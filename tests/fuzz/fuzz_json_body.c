/*
 * A request's JSON body as the API handlers read it (src/api/common.c): json_loadb with
 * JSON_REJECT_DUPLICATES, as wz_api_body does, then the field readers wz_api_only, wz_api_str,
 * wz_api_int and wz_api_bool over the object, with field names both ours and the input's own
 * keys. Nothing may crash or leak; the field errors never pass their 16 entries, each entry is
 * NUL-terminated within its buffers, and a reader that fails leaves its output alone.
 */
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"

static void die(const char *what)
{
    fprintf(stderr, "fuzz_json_body: %s\n", what);
    abort();
}

static void check_errors(const struct wz_field_errors *fe)
{
    if (fe->n < 0 || fe->n > (int)(sizeof(fe->e) / sizeof(fe->e[0])))
        die("wz_field_errors.n outside 0..16");
    for (int i = 0; i < fe->n; i++) {
        if (memchr(fe->e[i].field, '\0', sizeof(fe->e[i].field)) == NULL ||
            memchr(fe->e[i].message, '\0', sizeof(fe->e[i].message)) == NULL)
            die("a field error that is not NUL-terminated");
        if (fe->e[i].message[0] == '\0')
            die("a field error without a message");
    }
}

static void read_fields(json_t *obj, const char *name, struct wz_field_errors *fe)
{
    const char *s = wz_api_str(obj, name, false, 64, fe);
    if (s != NULL && strlen(s) > 64)
        die("wz_api_str returned a string over maxlen");
    s = wz_api_str(obj, name, true, 1024, fe);
    if (s != NULL && s[0] == '\0')
        die("a required string came back empty");
    int64_t v = -12345;
    if (wz_api_int(obj, name, true, -100, 100, &v, fe)) {
        if (v < -100 || v > 100)
            die("wz_api_int accepted a value out of range");
    } else if (v != -12345) {
        die("wz_api_int wrote its output on failure");
    }
    bool b = true;
    if (!wz_api_bool(obj, name, &b, fe) && b != true)
        die("wz_api_bool wrote its output on failure");
    check_errors(fe);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    json_error_t e;
    json_t *root = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, &e);
    if (root == NULL) {
        if (memchr(e.text, '\0', sizeof(e.text)) == NULL)
            die("an unterminated parse error");
        return 0;
    }
    if (!json_is_object(root)) {
        json_decref(root);
        return 0;
    }
    struct wz_field_errors fe = {0};
    static const char *const known[] = {"email",       "username",  "password", "name",
                                        "price_cents", "is_active", NULL};
    wz_api_only(root, known, &fe);
    check_errors(&fe);
    for (size_t i = 0; known[i] != NULL; i++)
        read_fields(root, known[i], &fe);
    const char *key;
    json_t *value;
    json_object_foreach(root, key, value)
    {
        (void)value;
        read_fields(root, key, &fe);
    }
    /* Far more errors than the table holds: still at most 16, the rest dropped. */
    for (int i = 0; i < 40; i++)
        wz_field_error(&fe, "a-field-name-longer-than-the-forty-eight-bytes-of-its-buffer",
                       "message %d %s", i, "that is long enough to be cut at some point, and more");
    check_errors(&fe);
    if (fe.n != 16)
        die("the field errors did not fill up to 16");
    json_decref(root);
    return 0;
}
