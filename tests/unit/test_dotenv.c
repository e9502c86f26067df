/*
 * The .env parser against the dialect users write (python-dotenv / docker compose): one case
 * per syntax rule and per error kind, each checking the values or the message a user would
 * see. Files are real temp files; the "process environment" is a small table behind the
 * lookup callback, so no test depends on the real environment.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/dotenv.h"

/* NULL-terminated name, value pairs standing in for the process environment. */
struct fake_env {
    const char *const *pairs;
};

static const char *fake_lookup(const char *name, void *ctx)
{
    const struct fake_env *env = ctx;
    for (size_t i = 0; env->pairs[i] != NULL; i += 2) {
        if (strcmp(env->pairs[i], name) == 0)
            return env->pairs[i + 1];
    }
    return NULL;
}

static void parse_env(const char *text, const struct fake_env *env, struct wz_dotenv *out)
{
    struct wz_err err = {0};
    int rc = wz_dotenv_parse(text, strlen(text), "test.env", env ? fake_lookup : NULL, (void *)env,
                             out, &err);
    if (rc != 0)
        fail_msg("unexpected parse error %d: %s", rc, err.msg);
}

static void parse_ok(const char *text, struct wz_dotenv *out)
{
    parse_env(text, NULL, out);
}

/* Parses text expecting WZ_EUSAGE; checks the message has path:line and the given words. */
static void parse_fails(const char *text, int line, const char *words)
{
    struct wz_dotenv out;
    struct wz_err err = {0};
    int rc = wz_dotenv_parse(text, strlen(text), "conf/.env", NULL, NULL, &out, &err);
    assert_int_equal(rc, WZ_EUSAGE);
    assert_int_equal(err.code, WZ_EUSAGE);
    char where[64];
    snprintf(where, sizeof(where), "conf/.env:%d: ", line);
    if (strncmp(err.msg, where, strlen(where)) != 0)
        fail_msg("message does not start with '%s': %s", where, err.msg);
    if (strstr(err.msg, words) == NULL)
        fail_msg("message lacks '%s': %s", words, err.msg);
    assert_null(out.entries);
    assert_int_equal(out.count, 0);
    assert_null(out.path);
}

/* A password pasted on a line of its own is never echoed in the error. */
static void test_pasted_secret_is_not_echoed(void **state)
{
    (void)state;
    static const char *const lines[] = {"Sup3rS3cret\n", "Sup3r$S3cret!\n", "A=1\nS3cret pw\n"};
    for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
        struct wz_dotenv out;
        struct wz_err err = {0};
        assert_int_equal(
            wz_dotenv_parse(lines[i], strlen(lines[i]), ".env", NULL, NULL, &out, &err), WZ_EUSAGE);
        assert_null(strstr(err.msg, "S3cret"));
    }
}

static void assert_value(const struct wz_dotenv *env, const char *key, const char *want)
{
    const struct wz_dotenv_entry *e = wz_dotenv_get(env, key);
    if (e == NULL)
        fail_msg("key '%s' not found", key);
    assert_string_equal(e->value, want);
}

/* Values doubling line after line: a short file must not ask for more than the bound; the
 * line where the value outgrows it is named, and nothing is returned. */
static void test_expansion_is_bounded(void **state)
{
    (void)state;
    char text[4096];
    size_t n = (size_t)snprintf(text, sizeof(text), "A0=xxxxxxxxxxxxxxxx\n");
    for (int i = 1; i < 40; i++)
        n += (size_t)snprintf(text + n, sizeof(text) - n, "A%d=${A%d}${A%d}\n", i, i - 1, i - 1);
    parse_fails(text, 14, "grows past 64 KiB");
    /* Many moderate values: the whole file's budget (the 18th copy of 60000 bytes). */
    size_t cap = 70000;
    char *big = malloc(cap);
    assert_non_null(big);
    memset(big, 'y', 60002);
    memcpy(big, "B=", 2);
    n = 60002;
    n += (size_t)snprintf(big + n, cap - n, "\n");
    for (int i = 0; i < 30; i++)
        n += (size_t)snprintf(big + n, cap - n, "C%d=${B}\n", i);
    parse_fails(big, 19, "1024 KiB for the whole file");
    free(big);
}

static void test_basic_pairs(void **state)
{
    (void)state;
    struct wz_dotenv env;
    parse_ok("A=1\nB=two\n", &env);
    assert_int_equal(env.count, 2);
    assert_string_equal(env.path, "test.env");
    assert_string_equal(env.entries[0].key, "A");
    assert_string_equal(env.entries[0].value, "1");
    assert_int_equal(env.entries[0].line, 1);
    assert_string_equal(env.entries[1].key, "B");
    assert_string_equal(env.entries[1].value, "two");
    assert_int_equal(env.entries[1].line, 2);
    assert_null(wz_dotenv_get(&env, "C"));
    wz_dotenv_release(&env);
}

static void test_comments_and_blank_lines(void **state)
{
    (void)state;
    struct wz_dotenv env;
    parse_ok("# header\n\n   \t\n  # indented comment\nA=1\n\n#B=2\nC=3", &env);
    assert_int_equal(env.count, 2);
    assert_value(&env, "A", "1");
    assert_null(wz_dotenv_get(&env, "B"));
    assert_value(&env, "C", "3");
    assert_int_equal(env.entries[0].line, 5);
    assert_int_equal(env.entries[1].line, 8);
    wz_dotenv_release(&env);
}

static void test_export_prefix(void **state)
{
    (void)state;
    struct wz_dotenv env;
    parse_ok("export A=1\nexport\tB = 'x'\nexport=plain\nexporter=2\n", &env);
    assert_int_equal(env.count, 4);
    assert_value(&env, "A", "1");
    assert_value(&env, "B", "x");
    assert_value(&env, "export", "plain");
    assert_value(&env, "exporter", "2");
    wz_dotenv_release(&env);
}

static void test_spaces_around_equals(void **state)
{
    (void)state;
    struct wz_dotenv env;
    parse_ok("  A = 1  \nB\t=\tsome words here\t\nC =\" padded \"\n", &env);
    assert_value(&env, "A", "1");
    assert_value(&env, "B", "some words here");
    assert_value(&env, "C", " padded ");
    wz_dotenv_release(&env);
}

static void test_key_characters(void **state)
{
    (void)state;
    struct wz_dotenv env;
    parse_ok("_private=1\napp.name=shop\nDB_URL_2=x\n", &env);
    assert_value(&env, "_private", "1");
    assert_value(&env, "app.name", "shop");
    assert_value(&env, "DB_URL_2", "x");
    wz_dotenv_release(&env);
}

static void test_single_quotes_literal(void **state)
{
    (void)state;
    struct wz_dotenv env;
    struct fake_env fe = {(const char *const[]){"X", "expanded", NULL}};
    parse_env("A='a\\nb ${X} $X # not a comment \"q\"'\nB='  keep  '\n", &fe, &env);
    assert_value(&env, "A", "a\\nb ${X} $X # not a comment \"q\"");
    assert_value(&env, "B", "  keep  ");
    wz_dotenv_release(&env);
}

static void test_double_quotes(void **state)
{
    (void)state;
    struct wz_dotenv env;
    parse_ok("A=\"hello world\"\nB=\"it's # not a comment\"\nC=\"\"\n", &env);
    assert_value(&env, "A", "hello world");
    assert_value(&env, "B", "it's # not a comment");
    assert_value(&env, "C", "");
    wz_dotenv_release(&env);
}

static void test_double_quote_escapes(void **state)
{
    (void)state;
    struct wz_dotenv env;
    parse_ok("A=\"1\\n2\\r3\\t4\\\"5\\\\6\\$7\\'8\"\n"
             "B=\"C:\\dir\\x\"\n"
             "C=\"\\${NOT_EXPANDED}\"\n",
             &env);
    assert_value(&env, "A", "1\n2\r3\t4\"5\\6$7'8");
    /* an unknown escape is kept as written */
    assert_value(&env, "B", "C:\\dir\\x");
    assert_value(&env, "C", "${NOT_EXPANDED}");
    wz_dotenv_release(&env);
}

static void test_no_escapes_unquoted(void **state)
{
    (void)state;
    struct wz_dotenv env;
    parse_ok("A=a\\nb\\tc\n", &env);
    assert_value(&env, "A", "a\\nb\\tc");
    wz_dotenv_release(&env);
}

static void test_multiline_double_quoted(void **state)
{
    (void)state;
    struct wz_dotenv env;
    parse_ok("KEY=\"-----BEGIN-----\nline two\n-----END-----\"\nNEXT=after\n", &env);
    assert_value(&env, "KEY", "-----BEGIN-----\nline two\n-----END-----");
    assert_int_equal(wz_dotenv_get(&env, "KEY")->line, 1);
    assert_value(&env, "NEXT", "after");
    assert_int_equal(wz_dotenv_get(&env, "NEXT")->line, 4);
    wz_dotenv_release(&env);
}

static void test_multiline_double_quoted_crlf(void **state)
{
    (void)state;
    struct wz_dotenv env;
    parse_ok("KEY=\"one\r\ntwo\r\nthree\"\r\nNEXT=x\r\n", &env);
    assert_value(&env, "KEY", "one\ntwo\nthree");
    assert_value(&env, "NEXT", "x");
    assert_int_equal(wz_dotenv_get(&env, "NEXT")->line, 4);
    wz_dotenv_release(&env);
}

static void test_inline_comments(void **state)
{
    (void)state;
    struct wz_dotenv env;
    parse_ok("A=value # a comment\n"
             "B=value\t# tab comment\n"
             "URL=http://x/#frag\n"
             "C=a#b # real comment\n"
             "D= # only a comment\n"
             "E=#not-a-comment\n",
             &env);
    assert_value(&env, "A", "value");
    assert_value(&env, "B", "value");
    assert_value(&env, "URL", "http://x/#frag");
    assert_value(&env, "C", "a#b");
    assert_value(&env, "D", "");
    assert_value(&env, "E", "#not-a-comment");
    wz_dotenv_release(&env);
}

static void test_comment_after_quotes(void **state)
{
    (void)state;
    struct wz_dotenv env;
    parse_ok("A=\"x # in\" # out\nB='y # in'# out\nC=\"z\"   \n", &env);
    assert_value(&env, "A", "x # in");
    assert_value(&env, "B", "y # in");
    assert_value(&env, "C", "z");
    wz_dotenv_release(&env);
}

static void test_expand_from_env(void **state)
{
    (void)state;
    struct wz_dotenv env;
    struct fake_env fe = {(const char *const[]){"HOME", "/home/me", "USER", "me", NULL}};
    parse_env("DIR=${HOME}/data\nQ=\"${USER}@host\"\n", &fe, &env);
    assert_value(&env, "DIR", "/home/me/data");
    assert_value(&env, "Q", "me@host");
    wz_dotenv_release(&env);
}

static void test_expand_from_earlier_key(void **state)
{
    (void)state;
    struct wz_dotenv env;
    parse_ok("HOST=db.local\nPORT=5432\nURL=postgresql://u@${HOST}:${PORT}/shop\n", &env);
    assert_value(&env, "URL", "postgresql://u@db.local:5432/shop");
    wz_dotenv_release(&env);
}

static void test_expand_later_key_not_visible(void **state)
{
    (void)state;
    struct wz_dotenv env;
    parse_ok("A=[${B}]\nB=later\n", &env);
    assert_value(&env, "A", "[]");
    wz_dotenv_release(&env);
}

static void test_expand_default(void **state)
{
    (void)state;
    struct wz_dotenv env;
    struct fake_env fe = {(const char *const[]){"SET", "yes", "EMPTY", "", NULL}};
    parse_env("A=${UNSET:-fallback}\n"
              "B=${SET:-fallback}\n"
              "C=\"${UNSET:-two words}\"\n"
              "D=${UNSET:-}\n"
              "E=${UNSET}\n"
              "F=${EMPTY:-used when empty}\n"
              "G=${EMPTY}\n"
              "H=\"${UNSET:-tab\\there}\"\n",
              &fe, &env);
    assert_value(&env, "A", "fallback");
    assert_value(&env, "B", "yes");
    assert_value(&env, "C", "two words");
    assert_value(&env, "D", "");
    assert_value(&env, "E", "");
    assert_value(&env, "F", "used when empty");
    assert_value(&env, "G", "");
    assert_value(&env, "H", "tab\there");
    wz_dotenv_release(&env);
}

static void test_env_wins_over_file_for_expansion(void **state)
{
    (void)state;
    struct wz_dotenv env;
    struct fake_env fe = {(const char *const[]){"HOST", "from-env", NULL}};
    parse_env("HOST=from-file\nURL=http://${HOST}/\n", &fe, &env);
    assert_value(&env, "URL", "http://from-env/");
    /* the file's own value is still what the file says */
    assert_value(&env, "HOST", "from-file");
    wz_dotenv_release(&env);
}

static void test_expansion_not_recursive_and_bare_dollar(void **state)
{
    (void)state;
    struct wz_dotenv env;
    struct fake_env fe = {(const char *const[]){"X", "${Y}", "Y", "no", NULL}};
    parse_env("A=${X}\nB=$X and $Y\nC=\"$X\"\nD=cost $5\nE=$\n", &fe, &env);
    assert_value(&env, "A", "${Y}");
    assert_value(&env, "B", "$X and $Y");
    assert_value(&env, "C", "$X");
    assert_value(&env, "D", "cost $5");
    assert_value(&env, "E", "$");
    wz_dotenv_release(&env);
}

static void test_bom_skipped(void **state)
{
    (void)state;
    struct wz_dotenv env;
    parse_ok("\xEF\xBB\xBF"
             "A=1\nB=\xEF\xBB\xBFkept\n",
             &env);
    assert_string_equal(env.entries[0].key, "A");
    assert_value(&env, "A", "1");
    assert_value(&env, "B", "\xEF\xBB\xBFkept");
    wz_dotenv_release(&env);
}

static void test_crlf_file(void **state)
{
    (void)state;
    struct wz_dotenv env;
    parse_ok("# comment\r\nA=1\r\nB = two # c\r\nC='three'\r\nD=\"four\"\r\n\r\nE=\r\nF=last\r",
             &env);
    assert_int_equal(env.count, 6);
    assert_value(&env, "A", "1");
    assert_value(&env, "B", "two");
    assert_value(&env, "C", "three");
    assert_value(&env, "D", "four");
    assert_value(&env, "E", "");
    assert_value(&env, "F", "last");
    assert_int_equal(wz_dotenv_get(&env, "F")->line, 8);
    wz_dotenv_release(&env);
}

/* python-dotenv reads with universal newlines: a CR-only file is lines, not one value. */
static void test_cr_only_file(void **state)
{
    (void)state;
    struct wz_dotenv env;
    parse_ok("# old Mac file\rA=1\rB='two'\rC=\"multi\rline\"\rD=four # c\r", &env);
    assert_int_equal(env.count, 4);
    assert_value(&env, "A", "1");
    assert_value(&env, "B", "two");
    assert_value(&env, "C", "multi\nline");
    assert_value(&env, "D", "four");
    assert_int_equal(wz_dotenv_get(&env, "A")->line, 2);
    assert_int_equal(wz_dotenv_get(&env, "D")->line, 6);
    wz_dotenv_release(&env);
    parse_fails("A=1\rB\r", 2, "expected KEY=value");
}

/* 'Let\'s go!' reads as Let's go! (python-dotenv and compose); \\ is one backslash; other
 * backslashes and ${} stay literal (compose's rule for single quotes, ours too). */
static void test_single_quote_escapes(void **state)
{
    (void)state;
    struct wz_dotenv env;
    struct fake_env fe = {(const char *const[]){"X", "expanded", NULL}};
    parse_env("A='Let\\'s go!'\nB='C:\\\\share\\dir'\nC='${X}\\n'\nD='end\\\\'\n", &fe, &env);
    assert_value(&env, "A", "Let's go!");
    assert_value(&env, "B", "C:\\share\\dir");
    assert_value(&env, "C", "${X}\\n");
    assert_value(&env, "D", "end\\");
    wz_dotenv_release(&env);
    parse_fails("A='it\\'s\n", 1, "unterminated single quote");
}

static void test_duplicate_keys_last_wins(void **state)
{
    (void)state;
    struct wz_dotenv env;
    parse_ok("A=first\nB=${A}\nA=second\nC=${A}\n", &env);
    assert_int_equal(env.count, 4);
    const struct wz_dotenv_entry *a = wz_dotenv_get(&env, "A");
    assert_string_equal(a->value, "second");
    assert_int_equal(a->line, 3);
    assert_string_equal(env.entries[0].value, "first");
    assert_value(&env, "B", "first");
    assert_value(&env, "C", "second");
    wz_dotenv_release(&env);
}

static void test_equals_in_values(void **state)
{
    (void)state;
    struct wz_dotenv env;
    parse_ok("URL=postgresql://u:p@h/db?sslmode=require&a=b\nA==x\nB=\"k=v\"\n", &env);
    assert_value(&env, "URL", "postgresql://u:p@h/db?sslmode=require&a=b");
    assert_value(&env, "A", "=x");
    assert_value(&env, "B", "k=v");
    wz_dotenv_release(&env);
}

static void test_unicode_values(void **state)
{
    (void)state;
    struct wz_dotenv env;
    parse_ok("SHOP=Café Ünïcödé ☕\nQ=\"日本語 — ok\"\nS='émoji 🎉'\n", &env);
    assert_value(&env, "SHOP", "Café Ünïcödé ☕");
    assert_value(&env, "Q", "日本語 — ok");
    assert_value(&env, "S", "émoji 🎉");
    wz_dotenv_release(&env);
}

static void test_empty_values(void **state)
{
    (void)state;
    struct wz_dotenv env;
    parse_ok("A=\nB=\"\"\nC=''\nD=   \n", &env);
    assert_int_equal(env.count, 4);
    for (size_t i = 0; i < env.count; i++) {
        assert_non_null(env.entries[i].value);
        assert_string_equal(env.entries[i].value, "");
    }
    wz_dotenv_release(&env);
}

static void test_empty_file(void **state)
{
    (void)state;
    struct wz_dotenv env;
    struct wz_err err = {0};
    assert_int_equal(wz_dotenv_parse("", 0, "empty.env", NULL, NULL, &env, &err), 0);
    assert_int_equal(env.count, 0);
    assert_null(wz_dotenv_get(&env, "A"));
    wz_dotenv_release(&env);
    assert_int_equal(wz_dotenv_parse(NULL, 0, "empty.env", NULL, NULL, &env, &err), 0);
    assert_int_equal(env.count, 0);
    wz_dotenv_release(&env);
}

static void test_only_comments(void **state)
{
    (void)state;
    struct wz_dotenv env;
    parse_ok("# one\n# two\n\n  # three\n", &env);
    assert_int_equal(env.count, 0);
    wz_dotenv_release(&env);
}

static void test_release_accepts_null_and_twice(void **state)
{
    (void)state;
    wz_dotenv_release(NULL);
    struct wz_dotenv zero = {0};
    wz_dotenv_release(&zero);
    struct wz_dotenv env;
    parse_ok("A=1\n", &env);
    wz_dotenv_release(&env);
    assert_null(env.entries);
    wz_dotenv_release(&env);
    assert_null(wz_dotenv_get(NULL, "A"));
}

static void test_error_missing_equals(void **state)
{
    (void)state;
    parse_fails("A=1\nKEY value\n", 2, "missing '=' after the key; expected KEY=value");
}

static void test_error_key_alone(void **state)
{
    (void)state;
    parse_fails("A=1\n\nKEY\nB=2\n", 3, "expected KEY=value");
    parse_fails("export KEY\n", 1, "expected KEY=value");
    parse_fails("KEY\r\n", 1, "expected KEY=value");
}

static void test_error_invalid_key(void **state)
{
    (void)state;
    parse_fails("MY-KEY=1\n", 1, "invalid key");
    parse_fails("A=1\n1ABC=1\n", 2, "invalid key");
    parse_fails("\"QUOTED\"=1\n", 1, "invalid key");
    parse_fails("=value\n", 1, "missing key before '='");
}

static void test_error_unterminated_single_quote(void **state)
{
    (void)state;
    parse_fails("A=1\nB='abc\nC=2'\n", 2, "unterminated single quote in the value of 'B'");
}

static void test_error_unterminated_double_quote(void **state)
{
    (void)state;
    /* the message names the line where the quote opened, not the end of the file */
    parse_fails("A=1\nB=\"abc\nC=2\nD=3\n", 2, "unterminated double quote in the value of 'B'");
    parse_fails("A=\"ends with escaped quote\\\"\n", 1, "unterminated double quote");
}

static void test_error_text_after_quote(void **state)
{
    (void)state;
    parse_fails("A=\"x\"y\n", 1, "unexpected text after the closing quote of 'A'");
    parse_fails("A=1\nB='x' y\n", 2, "unexpected text after the closing quote of 'B'");
    /* for a multi-line value, the line of the closing quote */
    parse_fails("A=\"x\ny\"z\n", 2, "unexpected text after the closing quote");
}

static void test_error_unterminated_expansion(void **state)
{
    (void)state;
    parse_fails("A=1\nB=${A\n", 2, "unterminated '${' in the value of 'B'");
    parse_fails("B=\"${A\"\n", 1, "unterminated '${'");
    parse_fails("B=\"line one\n${A\nx}\"\n", 2, "unterminated '${'");
}

static void test_error_invalid_expansion(void **state)
{
    (void)state;
    parse_fails("B=${A-default}\n", 1, "invalid expansion '${A-default}'");
    parse_fails("B=${}\n", 1, "invalid expansion");
    parse_fails("B=\"${1X}\"\n", 1, "invalid expansion");
    parse_fails("B=${A:=x}\n", 1, "${NAME:-default}");
}

static void test_error_nul_byte(void **state)
{
    (void)state;
    struct wz_dotenv out;
    struct wz_err err = {0};
    const char text[] = "A=1\nB=x\0y\n";
    int rc = wz_dotenv_parse(text, sizeof(text) - 1, "bin.env", NULL, NULL, &out, &err);
    assert_int_equal(rc, WZ_EUSAGE);
    assert_non_null(strstr(err.msg, "bin.env:2: unexpected NUL byte"));
    assert_int_equal(out.count, 0);
}

static void test_error_zeroes_out_after_good_lines(void **state)
{
    (void)state;
    struct wz_dotenv out;
    memset(&out, 0x5a, sizeof(out));
    struct wz_err err = {0};
    const char *text = "A=1\nB=\"two\"\nC='three'\nD=${A}\nbad line\n";
    int rc = wz_dotenv_parse(text, strlen(text), "x.env", NULL, NULL, &out, &err);
    assert_int_equal(rc, WZ_EUSAGE);
    assert_non_null(strstr(err.msg, "x.env:5:"));
    assert_null(out.entries);
    assert_int_equal(out.count, 0);
    assert_null(out.path);
}

/* Writes content to a fresh temp file; returns its path (caller frees and unlinks). */
static char *write_temp(const char *content, size_t len)
{
    char *path = strdup("/tmp/wz_dotenv_XXXXXX");
    assert_non_null(path);
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, content, len), (ssize_t)len);
    close(fd);
    return path;
}

static void test_load_file(void **state)
{
    (void)state;
    const char *content = "\xEF\xBB\xBF# settings\r\nexport DATABASE_URL=sqlite:///${DIR}/db\r\n"
                          "SECRET=\"multi\r\nline\"\r\n";
    char *path = write_temp(content, strlen(content));
    struct fake_env fe = {(const char *const[]){"DIR", "/srv", NULL}};
    struct wz_dotenv env;
    struct wz_err err = {0};
    int rc = wz_dotenv_load_file(path, fake_lookup, &fe, &env, &err);
    if (rc != 0)
        fail_msg("load failed: %s", err.msg);
    assert_string_equal(env.path, path);
    assert_int_equal(env.count, 2);
    assert_value(&env, "DATABASE_URL", "sqlite:////srv/db");
    assert_value(&env, "SECRET", "multi\nline");
    wz_dotenv_release(&env);
    unlink(path);
    free(path);
}

static void test_load_file_error_names_file(void **state)
{
    (void)state;
    const char *content = "A=1\nB='open\n";
    char *path = write_temp(content, strlen(content));
    struct wz_dotenv env;
    struct wz_err err = {0};
    assert_int_equal(wz_dotenv_load_file(path, NULL, NULL, &env, &err), WZ_EUSAGE);
    char want[128];
    snprintf(want, sizeof(want), "%s:2: unterminated single quote", path);
    assert_non_null(strstr(err.msg, want));
    assert_null(env.entries);
    unlink(path);
    free(path);
}

static void test_load_file_missing(void **state)
{
    (void)state;
    struct wz_dotenv env;
    struct wz_err err = {0};
    int rc = wz_dotenv_load_file("/nonexistent/dir/.env", NULL, NULL, &env, &err);
    assert_int_equal(rc, WZ_ENOENT);
    assert_int_equal(err.code, WZ_ENOENT);
    assert_string_equal(err.msg, "cannot read '/nonexistent/dir/.env': No such file or directory");
    assert_null(env.entries);
    assert_int_equal(env.count, 0);
    assert_null(env.path);
}

static void test_load_file_directory(void **state)
{
    (void)state;
    char dir[] = "/tmp/wz_dotenv_dir_XXXXXX";
    assert_non_null(mkdtemp(dir));
    struct wz_dotenv env;
    struct wz_err err = {0};
    int rc = wz_dotenv_load_file(dir, NULL, NULL, &env, &err);
    assert_int_equal(rc, WZ_EFAIL);
    char want[128];
    snprintf(want, sizeof(want), "cannot read '%s': %s", dir, strerror(EISDIR));
    assert_string_equal(err.msg, want);
    assert_null(env.path);
    rmdir(dir);
}

static void test_load_file_too_large(void **state)
{
    (void)state;
    size_t len = 1024 * 1024 + 1;
    char *content = malloc(len);
    assert_non_null(content);
    memset(content, '#', len);
    char *path = write_temp(content, len);
    free(content);
    struct wz_dotenv env;
    struct wz_err err = {0};
    int rc = wz_dotenv_load_file(path, NULL, NULL, &env, &err);
    assert_int_equal(rc, WZ_EUSAGE);
    assert_non_null(strstr(err.msg, "larger than 1 MiB"));
    assert_non_null(strstr(err.msg, path));
    assert_null(env.path);
    unlink(path);
    free(path);
}

static void test_load_file_large_but_allowed(void **state)
{
    (void)state;
    /* a file just under the limit, thousands of lines, parses whole */
    size_t n = 0;
    size_t cap = 1024 * 1024;
    char *content = malloc(cap);
    assert_non_null(content);
    int count = 0;
    while (n + 32 < cap) {
        n += (size_t)snprintf(content + n, cap - n, "KEY_%d=value_%d\n", count, count);
        count++;
    }
    char *path = write_temp(content, n);
    free(content);
    struct wz_dotenv env;
    struct wz_err err = {0};
    int rc = wz_dotenv_load_file(path, NULL, NULL, &env, &err);
    if (rc != 0)
        fail_msg("load failed: %s", err.msg);
    assert_int_equal(env.count, (size_t)count);
    char key[32];
    char want[32];
    snprintf(key, sizeof(key), "KEY_%d", count - 1);
    snprintf(want, sizeof(want), "value_%d", count - 1);
    assert_value(&env, key, want);
    assert_int_equal(wz_dotenv_get(&env, key)->line, count);
    wz_dotenv_release(&env);
    unlink(path);
    free(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pasted_secret_is_not_echoed),
        cmocka_unit_test(test_basic_pairs),
        cmocka_unit_test(test_expansion_is_bounded),
        cmocka_unit_test(test_comments_and_blank_lines),
        cmocka_unit_test(test_export_prefix),
        cmocka_unit_test(test_spaces_around_equals),
        cmocka_unit_test(test_key_characters),
        cmocka_unit_test(test_single_quotes_literal),
        cmocka_unit_test(test_single_quote_escapes),
        cmocka_unit_test(test_cr_only_file),
        cmocka_unit_test(test_double_quotes),
        cmocka_unit_test(test_double_quote_escapes),
        cmocka_unit_test(test_no_escapes_unquoted),
        cmocka_unit_test(test_multiline_double_quoted),
        cmocka_unit_test(test_multiline_double_quoted_crlf),
        cmocka_unit_test(test_inline_comments),
        cmocka_unit_test(test_comment_after_quotes),
        cmocka_unit_test(test_expand_from_env),
        cmocka_unit_test(test_expand_from_earlier_key),
        cmocka_unit_test(test_expand_later_key_not_visible),
        cmocka_unit_test(test_expand_default),
        cmocka_unit_test(test_env_wins_over_file_for_expansion),
        cmocka_unit_test(test_expansion_not_recursive_and_bare_dollar),
        cmocka_unit_test(test_bom_skipped),
        cmocka_unit_test(test_crlf_file),
        cmocka_unit_test(test_duplicate_keys_last_wins),
        cmocka_unit_test(test_equals_in_values),
        cmocka_unit_test(test_unicode_values),
        cmocka_unit_test(test_empty_values),
        cmocka_unit_test(test_empty_file),
        cmocka_unit_test(test_only_comments),
        cmocka_unit_test(test_release_accepts_null_and_twice),
        cmocka_unit_test(test_error_missing_equals),
        cmocka_unit_test(test_error_key_alone),
        cmocka_unit_test(test_error_invalid_key),
        cmocka_unit_test(test_error_unterminated_single_quote),
        cmocka_unit_test(test_error_unterminated_double_quote),
        cmocka_unit_test(test_error_text_after_quote),
        cmocka_unit_test(test_error_unterminated_expansion),
        cmocka_unit_test(test_error_invalid_expansion),
        cmocka_unit_test(test_error_nul_byte),
        cmocka_unit_test(test_error_zeroes_out_after_good_lines),
        cmocka_unit_test(test_load_file),
        cmocka_unit_test(test_load_file_error_names_file),
        cmocka_unit_test(test_load_file_missing),
        cmocka_unit_test(test_load_file_directory),
        cmocka_unit_test(test_load_file_too_large),
        cmocka_unit_test(test_load_file_large_but_allowed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
