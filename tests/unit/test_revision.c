/*
 * Revision files (docs/migrations.md): every header rule and each bad header with the
 * message its author would read, section and statement splitting (quotes, comments, dollar
 * quotes, statement blocks, dialect sections), checksums blind to CRLF and a BOM, and the
 * writer whose output must parse back. Pure: no database.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "migrate/revision.h"

#define HEAD "-- wizamart revision\n-- revision: abc123\n-- down_revision: none\n-- message: m\n"

static struct wz_revision *parse_ok(const char *text)
{
    struct wz_revision *rev = NULL;
    struct wz_err err = {0};
    int rc = wz_revision_parse("v/x.sql", text, strlen(text), &rev, &err);
    if (rc != 0)
        fail_msg("unexpected parse error %d: %s", rc, err.msg);
    return rev;
}

/* Expects a parse failure naming the file and line and containing words. */
static void parse_fails(const char *text, int line, const char *words)
{
    struct wz_revision *rev = NULL;
    struct wz_err err = {0};
    int rc = wz_revision_parse("v/x.sql", text, strlen(text), &rev, &err);
    assert_int_equal(rc, WZ_EFAIL);
    assert_null(rev);
    char where[96];
    snprintf(where, sizeof(where), "invalid revision file 'v/x.sql': line %d: ", line);
    if (strncmp(err.msg, where, strlen(where)) != 0)
        fail_msg("message should start with \"%s\": %s", where, err.msg);
    if (strstr(err.msg, words) == NULL)
        fail_msg("message lacks \"%s\": %s", words, err.msg);
}

/* The statements for a direction and dialect, joined by " | ". */
static void expect_statements(const struct wz_revision *rev, bool up, enum wz_dialect d,
                              const char *joined)
{
    const struct wz_statement **v = NULL;
    size_t n = 0;
    assert_int_equal(wz_revision_statements(rev, up, d, &v, &n), 0);
    char buf[2048] = "";
    size_t o = 0;
    for (size_t i = 0; i < n; i++)
        o += (size_t)snprintf(buf + o, sizeof(buf) - o, "%s%s", i > 0 ? " | " : "", v[i]->sql);
    free(v);
    assert_string_equal(buf, joined);
}

/* ------------------------------------------------------------ header */

static void test_minimal_header(void **state)
{
    (void)state;
    struct wz_revision *rev = parse_ok(HEAD "\n-- +upgrade\nCREATE TABLE a (x INT);\n");
    assert_string_equal(rev->id, "abc123");
    assert_int_equal(rev->nparents, 0);
    assert_string_equal(rev->message, "m");
    assert_null(rev->created);
    assert_true(rev->transactional);
    assert_string_equal(rev->filename, "x.sql");
    assert_string_equal(rev->path, "v/x.sql");
    wz_revision_free(rev);
}

static void test_full_header(void **state)
{
    (void)state;
    struct wz_revision *rev = parse_ok("-- wizamart revision\n"
                                       "--revision:   merge_1  \n"
                                       "-- down_revision: aaa111 ,bbb222\n"
                                       "-- message: join the branches: stores and users\n"
                                       "-- created: 2026-11-26T17:40:00Z\n"
                                       "-- transaction: false\n");
    assert_string_equal(rev->id, "merge_1");
    assert_int_equal(rev->nparents, 2);
    assert_string_equal(rev->parents[0], "aaa111");
    assert_string_equal(rev->parents[1], "bbb222");
    assert_true(wz_revision_is_merge(rev));
    assert_string_equal(rev->message, "join the branches: stores and users");
    assert_string_equal(rev->created, "2026-11-26T17:40:00Z");
    assert_false(rev->transactional);
    assert_int_equal(rev->nsections, 0);
    wz_revision_free(rev);
}

static void test_created_forms(void **state)
{
    (void)state;
    const char *good[] = {"2026-11-26T17:40:00Z", "2026-11-26T17:40:00.123Z",
                          "2026-11-26T17:40:00+00:00"};
    for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
        char text[256];
        snprintf(text, sizeof(text), HEAD "-- created: %s\n", good[i]);
        wz_revision_free(parse_ok(text));
    }
    parse_fails(HEAD "-- created: yesterday\n", 5, "invalid created time 'yesterday'");
    parse_fails(HEAD "-- created: 2026-11-26 17:40:00\n", 5, "use UTC ISO 8601");
    parse_fails(HEAD "-- created: 2026-11-26T17:40:00+01:00\n", 5, "invalid created time");
}

static void test_not_a_revision_file(void **state)
{
    (void)state;
    parse_fails("CREATE TABLE a (x INT);\n", 1, "the first line must be '-- wizamart revision'");
    parse_fails("", 1, "the first line must be");
    parse_fails("-- wizamart revisions\n", 1, "the first line must be");
}

static void test_unknown_key(void **state)
{
    (void)state;
    parse_fails("-- wizamart revision\n-- revision: a1\n-- author: me\n", 3,
                "unknown header key 'author': the keys are revision, down_revision, message, "
                "created and transaction");
    /* Keys are lowercase: "Revision" is not "revision". */
    parse_fails("-- wizamart revision\n-- Revision: a1\n", 2, "unknown header key 'Revision'");
}

static void test_duplicate_key(void **state)
{
    (void)state;
    parse_fails(HEAD "-- message: again\n", 5,
                "header key 'message' given twice (first at line 4)");
    parse_fails("-- wizamart revision\n-- revision: a\n-- revision: a\n", 3,
                "header key 'revision' given twice");
}

static void test_missing_keys(void **state)
{
    (void)state;
    parse_fails("-- wizamart revision\n-- down_revision: none\n-- message: m\n\n-- +upgrade\n", 4,
                "missing header key 'revision'");
    parse_fails("-- wizamart revision\n-- revision: a\n-- message: m\n", 4,
                "missing header key 'down_revision'");
    parse_fails("-- wizamart revision\n-- revision: a\n-- down_revision: none\n", 4,
                "missing header key 'message'");
    /* A blank line ends the header: keys after it are not in the header. */
    parse_fails("-- wizamart revision\n-- revision: a\n\n-- down_revision: none\n", 3,
                "missing header key 'down_revision'");
}

static void test_bad_revision_id(void **state)
{
    (void)state;
    parse_fails("-- wizamart revision\n-- revision: ABC\n", 2,
                "invalid revision id 'ABC': use 1 to 32 characters of [0-9a-z_]");
    parse_fails("-- wizamart revision\n-- revision: a-b\n", 2, "invalid revision id 'a-b'");
    parse_fails("-- wizamart revision\n-- revision:\n", 2, "invalid revision id ''");
    parse_fails("-- wizamart revision\n-- revision: 0123456789abcdef0123456789abcdef0\n", 2,
                "invalid revision id");
    struct wz_revision *rev =
        parse_ok("-- wizamart revision\n-- revision: 0123456789abcdef0123456789abcdef\n"
                 "-- down_revision: none\n-- message: thirty-two characters is the limit\n");
    wz_revision_free(rev);
}

static void test_bad_down_revision(void **state)
{
    (void)state;
    parse_fails("-- wizamart revision\n-- revision: a\n-- down_revision:\n", 3,
                "empty down_revision: write 'none' for a first revision");
    parse_fails("-- wizamart revision\n-- revision: a\n-- down_revision: b, C\n", 3,
                "invalid down_revision 'C'");
    parse_fails("-- wizamart revision\n-- revision: a\n-- down_revision: b,\n", 3,
                "invalid down_revision ''");
    parse_fails("-- wizamart revision\n-- revision: a\n-- down_revision: b, b\n", 3,
                "down_revision lists 'b' twice");
    parse_fails("-- wizamart revision\n-- revision: a\n-- down_revision: a\n-- message: m\n", 3,
                "revision 'a' lists itself as its down_revision");
    parse_fails("-- wizamart revision\n-- revision: a\n-- down_revision: None\n", 3,
                "invalid down_revision 'None'");
}

static void test_bad_message_and_transaction(void **state)
{
    (void)state;
    parse_fails("-- wizamart revision\n-- revision: a\n-- down_revision: none\n-- message:   \n", 4,
                "empty message");
    parse_fails(HEAD "-- transaction: no\n", 5,
                "invalid transaction value 'no': use true or false");
    struct wz_revision *rev = parse_ok(HEAD "-- transaction: true\n");
    assert_true(rev->transactional);
    wz_revision_free(rev);
}

static void test_header_key_after_header(void **state)
{
    (void)state;
    /* Silently ignoring this line would run a non-transactional revision in a transaction. */
    parse_fails(HEAD "\n-- transaction: false\n\n-- +upgrade\nVACUUM;\n", 6,
                "header key 'transaction' is outside the header");
    /* After the first section, such a line is an ordinary comment. */
    struct wz_revision *rev = parse_ok(HEAD "\n-- +upgrade\n-- message: hello\nSELECT 1;\n");
    expect_statements(rev, true, WZ_DIALECT_SQLITE, "SELECT 1");
    wz_revision_free(rev);
    /* Free comments between header and sections are fine. */
    rev = parse_ok(HEAD "\n-- This adds a table.\n-- It is reviewed.\n\n-- +upgrade\nSELECT 1;\n");
    wz_revision_free(rev);
}

static void test_bom_crlf_and_nul(void **state)
{
    (void)state;
    const char *text = "\xEF\xBB\xBF-- wizamart revision\r\n-- revision: a1\r\n-- down_revision: "
                       "none\r\n-- message: windows\r\n\r\n-- +upgrade\r\nSELECT 1;\r\n";
    struct wz_revision *rev = parse_ok(text);
    assert_string_equal(rev->message, "windows");
    expect_statements(rev, true, WZ_DIALECT_SQLITE, "SELECT 1");
    assert_int_equal(rev->sections[0].stmts[0].line, 7);
    wz_revision_free(rev);

    struct wz_revision *out = NULL;
    struct wz_err err = {0};
    const char nul[] = HEAD "\n-- +upgrade\nSELECT\0 1;\n";
    assert_int_equal(wz_revision_parse("v/x.sql", nul, sizeof(nul) - 1, &out, &err), WZ_EFAIL);
    assert_non_null(strstr(err.msg, "NUL byte"));
}

/* ------------------------------------------------------------ sections, markers */

static void test_sql_before_section(void **state)
{
    (void)state;
    parse_fails(HEAD "\nCREATE TABLE a (x INT);\n-- +upgrade\n", 6,
                "SQL before the first section: put statements under '-- +upgrade'");
}

static void test_unknown_marker_and_dialect(void **state)
{
    (void)state;
    parse_fails(HEAD "\n-- +upgrad\nSELECT 1;\n", 6, "unknown marker '-- +upgrad'");
    parse_fails(HEAD "\n-- +upgrade mysql\nSELECT 1;\n", 6,
                "unknown dialect 'mysql' in '-- +upgrade mysql': use sqlite or postgresql");
    parse_fails(HEAD "\n-- +upgrade\nSELECT 1;\n-- +statement-begin now\n", 8,
                "unexpected text after '-- +statement-begin'");
}

static void test_dialect_sections(void **state)
{
    (void)state;
    struct wz_revision *rev = parse_ok(HEAD "\n"
                                            "-- +upgrade\n"
                                            "CREATE TABLE a (x INT);\n"
                                            "-- +upgrade postgresql\n"
                                            "CREATE INDEX CONCURRENTLY a_x ON a (x);\n"
                                            "-- +upgrade sqlite\n"
                                            "CREATE INDEX a_x ON a (x);\n"
                                            "-- +upgrade\n"
                                            "INSERT INTO a VALUES (1);\n"
                                            "-- +downgrade\n"
                                            "DROP TABLE a;\n"
                                            "  -- +downgrade   sqlite  \n"
                                            "SELECT 'sqlite only';\n");
    assert_int_equal(rev->nsections, 6);
    expect_statements(rev, true, WZ_DIALECT_SQLITE,
                      "CREATE TABLE a (x INT) | CREATE INDEX a_x ON a (x) | INSERT INTO a VALUES "
                      "(1)");
    expect_statements(rev, true, WZ_DIALECT_POSTGRES,
                      "CREATE TABLE a (x INT) | CREATE INDEX CONCURRENTLY a_x ON a (x) | INSERT "
                      "INTO a VALUES (1)");
    expect_statements(rev, false, WZ_DIALECT_SQLITE, "DROP TABLE a | SELECT 'sqlite only'");
    expect_statements(rev, false, WZ_DIALECT_POSTGRES, "DROP TABLE a");
    wz_revision_free(rev);
}

static void test_no_statements(void **state)
{
    (void)state;
    struct wz_revision *rev = parse_ok(HEAD "\n-- +upgrade\n-- nothing yet\n;\n\n-- +downgrade\n");
    const struct wz_statement **v = NULL;
    size_t n = 7;
    assert_int_equal(wz_revision_statements(rev, true, WZ_DIALECT_SQLITE, &v, &n), 0);
    assert_int_equal(n, 0);
    assert_null(v);
    wz_revision_free(rev);
}

static void test_statement_lines(void **state)
{
    (void)state;
    struct wz_revision *rev = parse_ok(HEAD "\n"                        /* 5 */
                                            "-- +upgrade\n"             /* 6 */
                                            "CREATE TABLE a (\n"        /* 7 */
                                            "  x INT\n"                 /* 8 */
                                            ");  INSERT INTO a\n"       /* 9 */
                                            "  VALUES (1);\n"           /* 10 */
                                            "/* a comment; */\n"        /* 11 */
                                            "\n"                        /* 12 */
                                            "   UPDATE a SET x = 2\n"); /* 13: no ';' */
    const struct wz_section *s = &rev->sections[0];
    assert_int_equal(s->line, 6);
    assert_int_equal(s->nstmts, 3);
    assert_string_equal(s->stmts[0].sql, "CREATE TABLE a (\n  x INT\n)");
    assert_int_equal(s->stmts[0].line, 7);
    assert_string_equal(s->stmts[1].sql, "INSERT INTO a\n  VALUES (1)");
    assert_int_equal(s->stmts[1].line, 9);
    assert_string_equal(s->stmts[2].sql, "UPDATE a SET x = 2");
    assert_int_equal(s->stmts[2].line, 13);
    wz_revision_free(rev);
}

static void test_statement_blocks(void **state)
{
    (void)state;
    struct wz_revision *rev = parse_ok(HEAD "\n"
                                            "-- +upgrade\n"
                                            "CREATE TABLE a (x INT);\n"
                                            "-- +statement-begin\n"
                                            "CREATE TRIGGER t AFTER INSERT ON a BEGIN\n"
                                            "  UPDATE a SET x = 1;\n"
                                            "  UPDATE a SET x = 2;\n"
                                            "END;\n"
                                            "-- +statement-end\n"
                                            "SELECT 1;\n");
    const struct wz_section *s = &rev->sections[0];
    assert_int_equal(s->nstmts, 3);
    assert_string_equal(s->stmts[1].sql, "CREATE TRIGGER t AFTER INSERT ON a BEGIN\n"
                                         "  UPDATE a SET x = 1;\n"
                                         "  UPDATE a SET x = 2;\n"
                                         "END");
    assert_int_equal(s->stmts[1].line, 9);
    assert_string_equal(s->stmts[2].sql, "SELECT 1");
    wz_revision_free(rev);
}

static void test_bad_statement_blocks(void **state)
{
    (void)state;
    parse_fails(HEAD "\n-- +statement-begin\nSELECT 1;\n-- +statement-end\n", 6,
                "statement block outside a section");
    parse_fails(HEAD "\n-- +upgrade\n-- +statement-begin\n-- +statement-begin\n", 8,
                "'-- +statement-begin' inside the block opened at line 7");
    parse_fails(HEAD "\n-- +upgrade\nSELECT 1;\n-- +statement-end\n", 8,
                "'-- +statement-end' without a '-- +statement-begin' before it");
    parse_fails(HEAD "\n-- +upgrade\n-- +statement-begin\nSELECT 1;\n", 7,
                "'-- +statement-begin' has no matching '-- +statement-end'");
    parse_fails(HEAD "\n-- +upgrade\n-- +statement-begin\n\n-- +statement-end\n", 7,
                "empty statement block");
    parse_fails(HEAD "\n-- +upgrade\n-- +statement-begin\nSELECT 1;\n-- +downgrade\n", 9,
                "section marker inside the statement block opened at line 7");
}

static void test_unterminated(void **state)
{
    (void)state;
    parse_fails(HEAD "\n-- +upgrade\nSELECT 1;\nINSERT INTO a VALUES ('oops);\n", 8,
                "unterminated quoted text starting with '");
    parse_fails(HEAD "\n-- +upgrade\nSELECT \"a;\n", 7,
                "unterminated quoted text starting with \"");
    parse_fails(HEAD "\n-- +upgrade\nSELECT 1; /* a\n /* b */\n", 7,
                "unterminated block comment '/*'");
    parse_fails(HEAD "\n-- +upgrade\n\nCREATE FUNCTION f() AS $body$ SELECT 1; $$;\n", 8,
                "unterminated dollar quote $body$");
}

/* ------------------------------------------------------------ splitting */

static void split_expect(const char *sql, const char *joined)
{
    struct wz_statement *v = NULL;
    size_t n = 0;
    struct wz_err err = {0};
    int rc = wz_sql_split(sql, 1, &v, &n, &err);
    if (rc != 0)
        fail_msg("split failed: %s", err.msg);
    char buf[2048] = "";
    size_t o = 0;
    for (size_t i = 0; i < n; i++)
        o += (size_t)snprintf(buf + o, sizeof(buf) - o, "%s%s", i > 0 ? " | " : "", v[i].sql);
    wz_statements_free(v, n);
    assert_string_equal(buf, joined);
}

static void test_split_quotes_and_comments(void **state)
{
    (void)state;
    split_expect("INSERT INTO a VALUES ('x;y'); SELECT 2",
                 "INSERT INTO a VALUES ('x;y') | SELECT 2");
    split_expect("SELECT 'it''s;'; SELECT 2;", "SELECT 'it''s;' | SELECT 2");
    split_expect("SELECT \"we;ird\" FROM t; SELECT `b;q`;",
                 "SELECT \"we;ird\" FROM t | SELECT `b;q`");
    split_expect("SELECT 1 -- not; the end\n+ 1; SELECT 2;",
                 "SELECT 1 -- not; the end\n+ 1 | SELECT 2");
    split_expect("SELECT /* a; /* nested; */ still; */ 1; SELECT 2;",
                 "SELECT /* a; /* nested; */ still; */ 1 | SELECT 2");
    split_expect("SELECT E'it\\'s;'; SELECT 2;", "SELECT E'it\\'s;' | SELECT 2");
    /* Outside an E'' string a backslash is an ordinary character. */
    split_expect("SELECT 'a\\'; SELECT 2;", "SELECT 'a\\' | SELECT 2");
    split_expect(";; ;\n-- only a comment;\n/* and; another */", "");
}

static void test_split_dollar_quotes(void **state)
{
    (void)state;
    split_expect("CREATE FUNCTION f() RETURNS int AS $$ BEGIN RETURN 1; END; $$ LANGUAGE plpgsql; "
                 "SELECT 2;",
                 "CREATE FUNCTION f() RETURNS int AS $$ BEGIN RETURN 1; END; $$ LANGUAGE plpgsql | "
                 "SELECT 2");
    split_expect("DO $body$ BEGIN PERFORM '$$;'; END $body$; SELECT 2;",
                 "DO $body$ BEGIN PERFORM '$$;'; END $body$ | SELECT 2");
    /* $1 is a parameter, a$b an identifier: neither opens a quote. */
    split_expect("SELECT $1; SELECT a$b; SELECT 3;", "SELECT $1 | SELECT a$b | SELECT 3");
}

static void test_split_error_line(void **state)
{
    (void)state;
    struct wz_statement *v = NULL;
    size_t n = 0;
    struct wz_err err = {0};
    assert_int_equal(wz_sql_split("SELECT 1;\n\nSELECT 'x;\n", 10, &v, &n, &err), WZ_EFAIL);
    assert_string_equal(err.msg, "line 12: unterminated quoted text starting with '");
    assert_null(v);
}

/* ------------------------------------------------------------ checksums */

static void test_checksum(void **state)
{
    (void)state;
    char a[WZ_CHECKSUM_HEX_LEN + 1], b[WZ_CHECKSUM_HEX_LEN + 1];
    wz_checksum_bytes("abc", 3, a);
    assert_string_equal(a, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    wz_checksum_content("abc", 3, b);
    assert_string_equal(a, b);

    const char *lf = "-- x\nSELECT 1;\n";
    const char *crlf = "-- x\r\nSELECT 1;\r\n";
    const char *bom = "\xEF\xBB\xBF-- x\r\nSELECT 1;\r\n";
    const char *edited = "-- x\nSELECT 2;\n";
    wz_checksum_content(lf, strlen(lf), a);
    wz_checksum_content(crlf, strlen(crlf), b);
    assert_string_equal(a, b);
    wz_checksum_content(bom, strlen(bom), b);
    assert_string_equal(a, b);
    wz_checksum_content(edited, strlen(edited), b);
    assert_string_not_equal(a, b);
    /* A lone CR is content, not a line ending. */
    wz_checksum_content("-- x\rSELECT 1;\n", 15, b);
    assert_string_not_equal(a, b);

    /* The parsed revision's checksum is the content checksum. */
    const char *text = HEAD "\n-- +upgrade\nSELECT 1;\n";
    struct wz_revision *rev = parse_ok(text);
    wz_checksum_content(text, strlen(text), a);
    assert_string_equal(rev->checksum, a);
    wz_revision_free(rev);
}

/* ------------------------------------------------------------ writer */

static char *make_tmpdir(void)
{
    char tmpl[] = "/tmp/wz_rev_XXXXXX";
    char *d = mkdtemp(tmpl);
    assert_non_null(d);
    return strdup(d);
}

static void rm_tree(const char *dir)
{
    char cmd[512];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

static void test_write_template(void **state)
{
    (void)state;
    char *tmp = make_tmpdir();
    char dir[300];
    snprintf(dir, sizeof(dir), "%s/migrations/versions", tmp); /* created by the writer */
    char *path = NULL;
    struct wz_err err = {0};
    const char *parent = "1a2b3c4d5e6f";
    int rc = wz_revision_write(dir, "Add store invitations!", &parent, 1, NULL, &path, &err);
    if (rc != 0)
        fail_msg("write failed: %s", err.msg);
    struct wz_revision *rev = NULL;
    assert_int_equal(wz_revision_load(path, &rev, &err), 0);
    assert_int_equal(strlen(rev->id), 12);
    assert_int_equal(strspn(rev->id, "0123456789abcdef"), 12);
    char want[128];
    snprintf(want, sizeof(want), "%s_add_store_invitations.sql", rev->id);
    assert_string_equal(rev->filename, want);
    assert_string_equal(rev->message, "Add store invitations!");
    assert_int_equal(rev->nparents, 1);
    assert_string_equal(rev->parents[0], "1a2b3c4d5e6f");
    assert_non_null(rev->created);
    assert_true(rev->transactional);
    /* A template has its sections and no statement: applying it unfilled is refused. */
    assert_int_equal(rev->nsections, 2);
    assert_int_equal(rev->sections[0].nstmts + rev->sections[1].nstmts, 0);
    wz_revision_free(rev);

    char *second = NULL;
    assert_int_equal(wz_revision_write(dir, "x", NULL, 0, NULL, &second, &err), 0);
    assert_string_not_equal(second, path);
    assert_int_equal(wz_revision_load(second, &rev, &err), 0);
    assert_int_equal(rev->nparents, 0);
    wz_revision_free(rev);
    free(second);
    free(path);
    rm_tree(tmp);
    free(tmp);
}

static void test_write_merge_and_body(void **state)
{
    (void)state;
    char *dir = make_tmpdir();
    const char *parents[] = {"aaa111", "bbb222"};
    char *path = NULL;
    struct wz_err err = {0};
    assert_int_equal(wz_revision_write(dir, "merge heads", parents, 2, NULL, &path, &err), 0);
    struct wz_revision *rev = NULL;
    assert_int_equal(wz_revision_load(path, &rev, &err), 0);
    assert_true(wz_revision_is_merge(rev));
    assert_string_equal(rev->parents[1], "bbb222");
    wz_revision_free(rev);
    free(path);

    struct wz_revision_body body = {
        .upgrade = "CREATE TABLE a (x INT);",
        .upgrade_postgresql = "CREATE INDEX CONCURRENTLY a_x ON a (x);\n",
        .downgrade = "DROP TABLE a;\n",
    };
    assert_int_equal(wz_revision_write(dir, "body", NULL, 0, &body, &path, &err), 0);
    assert_int_equal(wz_revision_load(path, &rev, &err), 0);
    expect_statements(rev, true, WZ_DIALECT_POSTGRES,
                      "CREATE TABLE a (x INT) | CREATE INDEX CONCURRENTLY a_x ON a (x)");
    expect_statements(rev, true, WZ_DIALECT_SQLITE, "CREATE TABLE a (x INT)");
    expect_statements(rev, false, WZ_DIALECT_SQLITE, "DROP TABLE a");
    wz_revision_free(rev);
    free(path);
    rm_tree(dir);
    free(dir);
}

static void test_write_refusals(void **state)
{
    (void)state;
    char *dir = make_tmpdir();
    char *path = NULL;
    struct wz_err err = {0};
    assert_int_equal(wz_revision_write(dir, "  ", NULL, 0, NULL, &path, &err), WZ_EUSAGE);
    assert_non_null(strstr(err.msg, "a message is required"));
    assert_int_equal(wz_revision_write(dir, "two\nlines", NULL, 0, NULL, &path, &err), WZ_EUSAGE);
    assert_non_null(strstr(err.msg, "one line"));
    const char *bad = "Not-An-Id";
    assert_int_equal(wz_revision_write(dir, "m", &bad, 1, NULL, &path, &err), WZ_EUSAGE);
    assert_non_null(strstr(err.msg, "invalid parent revision id 'Not-An-Id'"));
    struct wz_revision_body body = {.upgrade = "INSERT INTO a VALUES ('unterminated);"};
    assert_int_equal(wz_revision_write(dir, "m", NULL, 0, &body, &path, &err), WZ_EFAIL);
    assert_non_null(strstr(err.msg, "refusing to write a revision that would not parse"));
    assert_null(path);
    /* Nothing was left behind by the refusals. */
    DIR *d = opendir(dir);
    assert_non_null(d);
    int files = 0;
    for (const struct dirent *e = readdir(d); e != NULL; e = readdir(d))
        files += e->d_name[0] != '.';
    closedir(d);
    assert_int_equal(files, 0);
    rm_tree(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_minimal_header),
        cmocka_unit_test(test_full_header),
        cmocka_unit_test(test_created_forms),
        cmocka_unit_test(test_not_a_revision_file),
        cmocka_unit_test(test_unknown_key),
        cmocka_unit_test(test_duplicate_key),
        cmocka_unit_test(test_missing_keys),
        cmocka_unit_test(test_bad_revision_id),
        cmocka_unit_test(test_bad_down_revision),
        cmocka_unit_test(test_bad_message_and_transaction),
        cmocka_unit_test(test_header_key_after_header),
        cmocka_unit_test(test_bom_crlf_and_nul),
        cmocka_unit_test(test_sql_before_section),
        cmocka_unit_test(test_unknown_marker_and_dialect),
        cmocka_unit_test(test_dialect_sections),
        cmocka_unit_test(test_no_statements),
        cmocka_unit_test(test_statement_lines),
        cmocka_unit_test(test_statement_blocks),
        cmocka_unit_test(test_bad_statement_blocks),
        cmocka_unit_test(test_unterminated),
        cmocka_unit_test(test_split_quotes_and_comments),
        cmocka_unit_test(test_split_dollar_quotes),
        cmocka_unit_test(test_split_error_line),
        cmocka_unit_test(test_checksum),
        cmocka_unit_test(test_write_template),
        cmocka_unit_test(test_write_merge_and_body),
        cmocka_unit_test(test_write_refusals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
