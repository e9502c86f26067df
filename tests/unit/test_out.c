/*
 * The output module's promises (src/core/out.h): a registered secret never reaches the
 * output, whichever way it is quoted; the line styles; no escape codes when the stream is
 * not a terminal. And the growing string (src/core/strbuf.h) the masking and SQL builders
 * rely on. Output is captured by pointing stdout/stderr at temp files.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/out.h"
#include "core/strbuf.h"

static int teardown(void **state)
{
    (void)state;
    wz_out_release();
    return 0;
}

static void assert_masked(const char *in, const char *want)
{
    char *got = wz_out_mask(in);
    assert_non_null(got);
    if (strcmp(got, want) != 0)
        fail_msg("mask('%s'): expected '%s', got '%s'", in, want, got);
    free(got);
}

static void test_mask_without_secrets(void **state)
{
    (void)state;
    assert_masked("", "");
    assert_masked("nothing secret here", "nothing secret here");
}

static void test_mask_one_secret(void **state)
{
    (void)state;
    wz_out_add_secret("Hunter22");
    assert_masked("password is Hunter22.", "password is ****.");
    assert_masked("Hunter22", "****");
    assert_masked("Hunter2", "Hunter2"); /* a prefix is not the secret */
    assert_masked("postgresql://u:Hunter22@h/db", "postgresql://u:****@h/db");
}

static void test_mask_repeated(void **state)
{
    (void)state;
    wz_out_add_secret("s3cret");
    assert_masked("s3cret and s3cret again: s3cret", "**** and **** again: ****");
    /* back to back occurrences leave no piece of either */
    char *got = wz_out_mask("s3crets3cret");
    assert_non_null(got);
    assert_null(strstr(got, "s3c"));
    assert_null(strstr(got, "cret"));
    free(got);
    /* registering the same secret twice changes nothing */
    wz_out_add_secret("s3cret");
    assert_masked("x s3cret y", "x **** y");
}

static void test_mask_covers_the_whole_word(void **state)
{
    (void)state;
    /* "****er" would spell a short secret out: the word around it is masked whole. */
    wz_out_add_secret("short");
    assert_masked("the key is shorter than 32 characters", "the key is **** than 32 characters");
    assert_masked("xshortx and short.", "**** and ****.");
    wz_out_release();
    wz_out_add_secret("p@ss");
    assert_masked("user:p@ss@host", "user:****@host");
}

static void test_mask_secret_inside_another(void **state)
{
    (void)state;
    /* e.g. the admin password is a piece of the JWT secret: the longer match wins whole */
    wz_out_add_secret("pass");
    wz_out_add_secret("password-long");
    assert_masked("[password-long]", "[****]");
    assert_masked("[pass]", "[****]");
    wz_out_release();
    wz_out_add_secret("password-long");
    wz_out_add_secret("pass");
    assert_masked("[password-long]", "[****]");
}

static void test_mask_overlapping_secrets(void **state)
{
    (void)state;
    /* Two secrets overlapping in the text: no byte of either may show. */
    wz_out_add_secret("abcdef");
    wz_out_add_secret("defghi");
    assert_masked("xx abcdefghi xx", "xx **** xx");
    assert_masked("xx defghi abcdef xx", "xx **** **** xx");
    wz_out_release();
    wz_out_add_secret("abc");
    wz_out_add_secret("bcdefgh");
    assert_masked("<abcdefgh>", "<****>");
    wz_out_release();
    /* a chain of three */
    wz_out_add_secret("1234");
    wz_out_add_secret("3456");
    wz_out_add_secret("5678");
    assert_masked("-12345678-", "-****-");
}

static void test_mask_ignores_short_secrets(void **state)
{
    (void)state;
    wz_out_add_secret("ab");
    wz_out_add_secret("x");
    wz_out_add_secret("");
    wz_out_add_secret(NULL);
    assert_masked("abacus x ab", "abacus x ab");
    /* three bytes is the shortest secret that is masked, with as many stars */
    wz_out_add_secret("xyz");
    assert_masked("a xyz b", "a *** b");
}

static void test_mask_release_forgets(void **state)
{
    (void)state;
    wz_out_add_secret("Hunter22");
    wz_out_release();
    assert_masked("Hunter22", "Hunter22");
    wz_out_release(); /* twice is fine */
}

/* Runs fn with stdout (fd 1) or stderr (fd 2) sent to a temp file; returns what was written.
 * Caller frees. */
static char *capture(int fd, void (*fn)(void))
{
    FILE *stream = fd == 1 ? stdout : stderr;
    fflush(stream);
    char path[] = "/tmp/wz_test_out_XXXXXX";
    int tmp = mkstemp(path);
    assert_true(tmp >= 0);
    int saved = dup(fd);
    assert_true(saved >= 0);
    assert_int_equal(dup2(tmp, fd), fd);
    fn();
    fflush(stream);
    assert_int_equal(dup2(saved, fd), fd);
    close(saved);
    off_t size = lseek(tmp, 0, SEEK_END);
    assert_true(size >= 0);
    char *text = calloc((size_t)size + 1, 1);
    assert_non_null(text);
    assert_int_equal(pread(tmp, text, (size_t)size, 0), size);
    close(tmp);
    unlink(path);
    return text;
}

static void write_result_lines(void)
{
    wz_out_line("plain %d", 1);
    wz_out_ok("created admin %s", "admin");
    wz_out_caution("password is %s", "Hunter22");
    wz_out_fail("failed %s", "here");
    wz_out_step(2, "step %s", "two");
    wz_out_heading("Heading");
    wz_out_raw("{\"password\": \"Hunter22\"}\n");
}

static void test_result_lines_on_stdout(void **state)
{
    (void)state;
    wz_out_init(false); /* colours allowed, but stdout is a file: none */
    wz_out_add_secret("Hunter22");
    char *text = capture(1, write_result_lines);
    assert_string_equal(text, "plain 1\n"
                              "✓ created admin admin\n"
                              "⚠ password is ****\n"
                              "✗ failed here\n"
                              "[2] step two\n"
                              "Heading\n"
                              "{\"password\": \"****\"}\n");
    assert_null(strchr(text, '\033'));
    free(text);
}

static void write_diagnostics(void)
{
    wz_out_error("cannot connect with password %s", "Hunter22");
    wz_out_warning("careful");
    wz_out_note("note %d", 3);
}

static void test_diagnostics_on_stderr(void **state)
{
    (void)state;
    wz_out_init(false);
    wz_out_add_secret("Hunter22");
    char *text = capture(2, write_diagnostics);
    assert_string_equal(text, "error: cannot connect with password ****\n"
                              "warning: careful\n"
                              "note 3\n");
    assert_null(strchr(text, '\033'));
    assert_false(wz_out_stderr_is_tty());
    free(text);
}

static void write_long_line(void)
{
    /* longer than the 1024-byte stack buffer of the formatter */
    char big[3000];
    memset(big, 'a', sizeof(big) - 1);
    big[sizeof(big) - 1] = '\0';
    wz_out_line("%s Hunter22 %s", big, big);
}

static void test_long_lines_are_whole_and_masked(void **state)
{
    (void)state;
    wz_out_init(true);
    wz_out_add_secret("Hunter22");
    char *text = capture(1, write_long_line);
    assert_int_equal(strlen(text), 2999 + 6 + 2999 + 1);
    assert_non_null(strstr(text, " **** "));
    assert_null(strstr(text, "Hunter22"));
    assert_int_equal(text[strlen(text) - 1], '\n');
    free(text);
}

static void test_strbuf_append(void **state)
{
    (void)state;
    struct wz_strbuf sb = WZ_STRBUF_INIT;
    assert_string_equal(wz_strbuf_str(&sb), "");
    wz_strbuf_append(&sb, "CREATE TABLE ");
    wz_strbuf_append_n(&sb, "stores(id)xxx", 10);
    wz_strbuf_putc(&sb, ';');
    assert_string_equal(wz_strbuf_str(&sb), "CREATE TABLE stores(id);");
    assert_int_equal(sb.len, strlen("CREATE TABLE stores(id);"));
    assert_false(sb.failed);
    wz_strbuf_release(&sb);
    assert_null(sb.buf);
    assert_int_equal(sb.len, 0);
    wz_strbuf_release(&sb); /* twice is fine */
    wz_strbuf_release(NULL);
}

static void test_strbuf_grows(void **state)
{
    (void)state;
    struct wz_strbuf sb = WZ_STRBUF_INIT;
    for (int i = 0; i < 1000; i++)
        wz_strbuf_append(&sb, "0123456789");
    assert_int_equal(sb.len, 10000);
    assert_int_equal(strlen(wz_strbuf_str(&sb)), 10000);
    assert_true(sb.cap > sb.len);
    assert_memory_equal(wz_strbuf_str(&sb) + 9990, "0123456789", 11);
    wz_strbuf_release(&sb);
}

static void test_strbuf_appendf(void **state)
{
    (void)state;
    struct wz_strbuf sb = WZ_STRBUF_INIT;
    wz_strbuf_appendf(&sb, "INSERT INTO t VALUES ($%d, $%d)", 1, 2);
    wz_strbuf_appendf(&sb, "%s", "");
    wz_strbuf_appendf(&sb, " -- %s", "done");
    assert_string_equal(wz_strbuf_str(&sb), "INSERT INTO t VALUES ($1, $2) -- done");
    /* a formatted piece larger than the first allocation */
    char big[500];
    memset(big, 'z', sizeof(big) - 1);
    big[sizeof(big) - 1] = '\0';
    wz_strbuf_reset(&sb);
    assert_string_equal(wz_strbuf_str(&sb), "");
    wz_strbuf_appendf(&sb, "[%s]%d", big, 42);
    assert_int_equal(sb.len, 1 + 499 + 1 + 2);
    assert_int_equal(wz_strbuf_str(&sb)[0], '[');
    assert_string_equal(wz_strbuf_str(&sb) + 500, "]42");
    wz_strbuf_release(&sb);
}

static void test_strbuf_detach(void **state)
{
    (void)state;
    struct wz_strbuf sb = WZ_STRBUF_INIT;
    wz_strbuf_append(&sb, "owned");
    char *s = wz_strbuf_detach(&sb);
    assert_string_equal(s, "owned");
    assert_null(sb.buf);
    assert_int_equal(sb.len, 0);
    assert_int_equal(sb.cap, 0);
    /* the buffer can be used again after detaching */
    wz_strbuf_append(&sb, "again");
    char *t = wz_strbuf_detach(&sb);
    assert_string_equal(t, "again");
    assert_ptr_not_equal(s, t);
    free(s);
    free(t);
    /* detaching an empty buffer gives an empty string, not NULL */
    char *e = wz_strbuf_detach(&sb);
    assert_non_null(e);
    assert_string_equal(e, "");
    free(e);
}

static void test_strbuf_failure_sticks(void **state)
{
    (void)state;
    struct wz_strbuf sb = WZ_STRBUF_INIT;
    wz_strbuf_append(&sb, "partial");
    sb.failed = true; /* what a failed realloc leaves */
    wz_strbuf_append(&sb, " more");
    wz_strbuf_appendf(&sb, "%d", 5);
    assert_string_equal(wz_strbuf_str(&sb), "partial");
    assert_null(wz_strbuf_detach(&sb)); /* and the buffer was freed */
    assert_false(sb.failed);
    assert_null(sb.buf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_mask_without_secrets, teardown),
        cmocka_unit_test_teardown(test_mask_one_secret, teardown),
        cmocka_unit_test_teardown(test_mask_repeated, teardown),
        cmocka_unit_test_teardown(test_mask_covers_the_whole_word, teardown),
        cmocka_unit_test_teardown(test_mask_secret_inside_another, teardown),
        cmocka_unit_test_teardown(test_mask_overlapping_secrets, teardown),
        cmocka_unit_test_teardown(test_mask_ignores_short_secrets, teardown),
        cmocka_unit_test_teardown(test_mask_release_forgets, teardown),
        cmocka_unit_test_teardown(test_result_lines_on_stdout, teardown),
        cmocka_unit_test_teardown(test_diagnostics_on_stderr, teardown),
        cmocka_unit_test_teardown(test_long_lines_are_whole_and_masked, teardown),
        cmocka_unit_test(test_strbuf_append),
        cmocka_unit_test(test_strbuf_grows),
        cmocka_unit_test(test_strbuf_appendf),
        cmocka_unit_test(test_strbuf_detach),
        cmocka_unit_test(test_strbuf_failure_sticks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
