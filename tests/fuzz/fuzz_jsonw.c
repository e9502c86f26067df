/*
 * The streaming JSON writer (src/core/jsonw.c) over any bytes a database row could hold: the
 * input, cut at its first NUL, is written as a key (of a nested object) and as string values beside
 * integers, booleans, nulls and a nested array, then parsed back with jansson. The output must
 * always parse; a string that was valid UTF-8 must come back byte for byte, and any other must come
 * back valid UTF-8 (U+FFFD in place of each bad byte) and no shorter than its valid parts.
 */
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/jsonw.h"
#include "core/utf8.h"

static void die(const char *what)
{
    fprintf(stderr, "fuzz_jsonw: %s\n", what);
    abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (s == NULL)
        return 0;
    memcpy(s, data, size);
    s[size] = '\0';
    size_t n = strlen(s);
    int64_t num = 0;
    memcpy(&num, data, size < sizeof(num) ? size : sizeof(num));

    struct wz_strbuf out = WZ_STRBUF_INIT;
    struct wz_jw w;
    wz_jw_init(&w, &out);
    wz_jw_object_begin(&w);
    wz_jw_kstring(&w, "s", s);
    wz_jw_kint(&w, "n", num);
    wz_jw_kint(&w, "min", INT64_MIN);
    wz_jw_key(&w, "a");
    wz_jw_array_begin(&w);
    wz_jw_string(&w, s);
    wz_jw_null(&w);
    wz_jw_bool(&w, n % 2 == 0);
    wz_jw_array_begin(&w);
    wz_jw_array_end(&w);
    wz_jw_object_begin(&w);
    wz_jw_object_end(&w);
    wz_jw_array_end(&w);
    wz_jw_key(&w, "o");
    wz_jw_object_begin(&w);
    wz_jw_key(&w, s);
    wz_jw_null(&w);
    wz_jw_object_end(&w);
    wz_jw_object_end(&w);
    if (out.failed)
        die("out of memory");

    json_error_t e;
    json_t *root = json_loadb(out.buf, out.len, 0, &e);
    if (root == NULL) {
        fprintf(stderr, "fuzz_jsonw: not JSON (%s): %s\n", e.text, out.buf);
        abort();
    }
    json_t *v = json_object_get(root, "s");
    if (!json_is_string(v))
        die("s is not a string");
    const char *back = json_string_value(v);
    size_t back_len = json_string_length(v);
    if (wz_utf8_valid(s, n)) {
        if (back_len != n || memcmp(back, s, n) != 0)
            die("a valid UTF-8 string did not come back as it was");
        json_t *o = json_object_get(root, "o");
        if (json_object_size(o) != 1 || !json_is_null(json_object_get(o, s)))
            die("the input as a key did not come back");
    } else if (!wz_utf8_valid(back, back_len)) {
        die("the output string is not valid UTF-8");
    }
    if (json_integer_value(json_object_get(root, "n")) != num ||
        json_integer_value(json_object_get(root, "min")) != INT64_MIN)
        die("an integer did not come back");
    json_t *a = json_object_get(root, "a");
    if (json_array_size(a) != 5 || !json_equal(json_array_get(a, 0), v) ||
        !json_is_null(json_array_get(a, 1)) || !json_is_boolean(json_array_get(a, 2)))
        die("the array did not come back");
    json_decref(root);
    wz_strbuf_release(&out);
    free(s);
    return 0;
}
