/*
 * The streaming JSON writer's promises (src/core/jsonw.h): compact output with commas and
 * colons where they belong, RFC 8259 escapes, U+FFFD for bytes that are not UTF-8, the full
 * int64 range, and null for a NULL string. The fuzz target tests/fuzz/fuzz_jsonw.c checks that
 * any input parses back; these pin the exact text a client receives.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "core/jsonw.h"

static void test_nesting_and_separators(void **state)
{
    (void)state;
    struct wz_strbuf out = WZ_STRBUF_INIT;
    struct wz_jw w;
    wz_jw_init(&w, &out);
    wz_jw_object_begin(&w);
    wz_jw_key(&w, "items");
    wz_jw_array_begin(&w);
    wz_jw_object_begin(&w);
    wz_jw_kint(&w, "id", 1);
    wz_jw_kbool(&w, "ok", true);
    wz_jw_object_end(&w);
    wz_jw_object_begin(&w);
    wz_jw_object_end(&w);
    wz_jw_array_begin(&w);
    wz_jw_array_end(&w);
    wz_jw_array_end(&w);
    wz_jw_kstring(&w, "next_cursor", NULL);
    wz_jw_key(&w, "doc");
    wz_jw_raw(&w, "{\"a\":[1]}");
    wz_jw_object_end(&w);
    assert_false(out.failed);
    assert_string_equal(out.buf, "{\"items\":[{\"id\":1,\"ok\":true},{},[]],\"next_cursor\":null,"
                                 "\"doc\":{\"a\":[1]}}");
    wz_strbuf_release(&out);
}

static void assert_string_written(const char *in, const char *want)
{
    struct wz_strbuf out = WZ_STRBUF_INIT;
    struct wz_jw w;
    wz_jw_init(&w, &out);
    wz_jw_string(&w, in);
    assert_string_equal(out.buf, want);
    wz_strbuf_release(&out);
}

static void test_escapes(void **state)
{
    (void)state;
    assert_string_written("", "\"\"");
    assert_string_written("say \"hi\" \\ o/", "\"say \\\"hi\\\" \\\\ o/\"");
    assert_string_written("a\nb\tc\rd\be\ff\x01g\x1f", "\"a\\nb\\tc\\rd\\be\\ff\\u0001g\\u001f\"");
    /* valid UTF-8 as it is, however long the plain run around it */
    assert_string_written("Liège, Zürich, Kraków — 😀 and a long plain tail of text",
                          "\"Liège, Zürich, Kraków — 😀 and a long plain tail of text\"");
    /* a stray continuation byte, a truncated sequence, an overlong form, a surrogate */
    assert_string_written("a\x80z", "\"a\xEF\xBF\xBDz\"");
    assert_string_written("ab\xE2\x82", "\"ab\xEF\xBF\xBD\xEF\xBF\xBD\"");
    assert_string_written("\xC0\xAF", "\"\xEF\xBF\xBD\xEF\xBF\xBD\"");
    assert_string_written("\xED\xA0\x80", "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"");
    /* a quote in every position of an 8-byte word */
    assert_string_written("01234567\"9abcdef", "\"01234567\\\"9abcdef\"");
    assert_string_written("0123456\"", "\"0123456\\\"\"");
}

static void test_integers(void **state)
{
    (void)state;
    struct wz_strbuf out = WZ_STRBUF_INIT;
    struct wz_jw w;
    wz_jw_init(&w, &out);
    wz_jw_array_begin(&w);
    wz_jw_int(&w, 0);
    wz_jw_int(&w, -7);
    wz_jw_int(&w, INT64_MAX);
    wz_jw_int(&w, INT64_MIN);
    wz_jw_array_end(&w);
    assert_string_equal(out.buf, "[0,-7,9223372036854775807,-9223372036854775808]");
    wz_strbuf_release(&out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_nesting_and_separators),
        cmocka_unit_test(test_escapes),
        cmocka_unit_test(test_integers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
