/*
 * DATABASE_URL parsing (src/db/url.c): every form docs/cli.md accepts, parsed into the fields
 * the drivers use, and every form it rejects, with the message a user reads. The password is
 * a secret: it must never be in an error message nor in the redacted (printable) form.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdbool.h>
#include <string.h>

#include "core/settings.h"
#include "db/db.h"

static void parse_ok(const char *url, struct wz_db_url *out)
{
    struct wz_err err = {0};
    int rc = wz_db_url_parse(url, out, &err);
    if (rc != WZ_OK)
        fail_msg("'%s' was rejected (%d): %s", url, rc, err.msg);
}

static void assert_field(const char *got, const char *want, const char *what)
{
    if (want == NULL && got == NULL)
        return;
    if (want == NULL)
        fail_msg("%s: expected none, got '%s'", what, got);
    if (got == NULL)
        fail_msg("%s: expected '%s', got none", what, want);
    if (strcmp(got, want) != 0)
        fail_msg("%s: expected '%s', got '%s'", what, want, got);
}

static void check_sqlite(const char *url, const char *path)
{
    struct wz_db_url u;
    parse_ok(url, &u);
    assert_int_equal(u.dialect, WZ_DIALECT_SQLITE);
    assert_field(u.path, path, "path");
    assert_null(u.host);
    assert_null(u.password);
    /* Nothing secret in a file path: the printable form is the URL itself. */
    assert_field(u.redacted, url, "redacted");
    wz_db_url_release(&u);
}

static void test_sqlite_relative(void **state)
{
    (void)state;
    check_sqlite("sqlite:///./wizamart.db", "./wizamart.db");
    check_sqlite("sqlite:///wizamart.db", "wizamart.db");
    check_sqlite("sqlite:///data/app.db", "data/app.db");
}

static void test_sqlite_absolute(void **state)
{
    (void)state;
    check_sqlite("sqlite:////var/lib/wizamart/app.db", "/var/lib/wizamart/app.db");
}

static void test_sqlite_memory(void **state)
{
    (void)state;
    check_sqlite("sqlite:///:memory:", ":memory:");
}

struct pg_case {
    const char *url;
    const char *user, *password, *host, *port, *dbname, *params;
    const char *redacted;
};

static void check_pg(const struct pg_case *c)
{
    struct wz_db_url u;
    parse_ok(c->url, &u);
    assert_int_equal(u.dialect, WZ_DIALECT_POSTGRES);
    assert_null(u.path);
    assert_field(u.user, c->user, "user");
    assert_field(u.password, c->password, "password");
    assert_field(u.host, c->host, "host");
    assert_field(u.port, c->port, "port");
    assert_field(u.dbname, c->dbname, "dbname");
    assert_field(u.params, c->params, "params");
    assert_field(u.redacted, c->redacted, "redacted");
    if (c->password != NULL && c->password[0] != '\0' && strstr(u.redacted, c->password) != NULL)
        fail_msg("redacted form '%s' shows the password", u.redacted);
    wz_db_url_release(&u);
}

static void test_postgresql_full(void **state)
{
    (void)state;
    static const struct pg_case c = {
        "postgresql://wizamart:s3cretPw@db.example.com:5432/wizamart?sslmode=require",
        "wizamart",
        "s3cretPw",
        "db.example.com",
        "5432",
        "wizamart",
        "sslmode=require",
        "postgresql://wizamart:****@db.example.com:5432/wizamart?sslmode=require",
    };
    check_pg(&c);
}

static void test_postgresql_partial_forms(void **state)
{
    (void)state;
    static const struct pg_case cases[] = {
        /* the guide's own example */
        {"postgresql://user:pass@localhost/wizamart", "user", "pass", "localhost", NULL, "wizamart",
         NULL, "postgresql://user:****@localhost/wizamart"},
        {"postgresql://localhost/wizamart", NULL, NULL, "localhost", NULL, "wizamart", NULL,
         "postgresql://localhost/wizamart"},
        {"postgresql://app@localhost:6543/shop", "app", NULL, "localhost", "6543", "shop", NULL,
         "postgresql://app@localhost:6543/shop"},
        {"postgresql://localhost", NULL, NULL, "localhost", NULL, NULL, NULL,
         "postgresql://localhost"},
        {"postgresql://localhost:5433", NULL, NULL, "localhost", "5433", NULL, NULL,
         "postgresql://localhost:5433"},
        /* no host: libpq's default (the local socket) */
        {"postgresql:///wizamart", NULL, NULL, NULL, NULL, "wizamart", NULL,
         "postgresql:///wizamart"},
        {"postgresql://h/db?sslmode=disable&connect_timeout=5", NULL, NULL, "h", NULL, "db",
         "sslmode=disable&connect_timeout=5",
         "postgresql://h/db?sslmode=disable&connect_timeout=5"},
        /* an empty password is still a password field */
        {"postgresql://app:@h/db", "app", "", "h", NULL, "db", NULL, "postgresql://app:****@h/db"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        check_pg(&cases[i]);
}

static void test_postgres_scheme_aliases(void **state)
{
    (void)state;
    static const struct pg_case cases[] = {
        {"postgres://u:pw123@h:5432/db", "u", "pw123", "h", "5432", "db", NULL,
         "postgres://u:****@h:5432/db"},
        {"postgresql+psycopg2://u:pw123@h/db", "u", "pw123", "h", NULL, "db", NULL,
         "postgresql+psycopg2://u:****@h/db"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        check_pg(&cases[i]);
}

static void test_postgresql_ipv6_host(void **state)
{
    (void)state;
    static const struct pg_case cases[] = {
        {"postgresql://u:pw123@[::1]:5433/db", "u", "pw123", "::1", "5433", "db", NULL,
         "postgresql://u:****@[::1]:5433/db"},
        {"postgresql://[2001:db8::7]/shop", NULL, NULL, "2001:db8::7", NULL, "shop", NULL,
         "postgresql://[2001:db8::7]/shop"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        check_pg(&cases[i]);
}

static void test_postgresql_percent_escapes(void **state)
{
    (void)state;
    static const struct pg_case cases[] = {
        /* '@', ':' and '/' in a password must be escaped to be unambiguous */
        {"postgresql://us%40er:p%40ss%3Aw%2Fd@h/db", "us@er", "p@ss:w/d", "h", NULL, "db", NULL,
         "postgresql://us%40er:****@h/db"},
        /* a socket directory as the host */
        {"postgresql://%2Fvar%2Frun%2Fpostgresql/shop", NULL, NULL, "/var/run/postgresql", NULL,
         "shop", NULL, "postgresql://%2Fvar%2Frun%2Fpostgresql/shop"},
        {"postgresql://u:pw@h/my%20db", "u", "pw", "h", NULL, "my db", NULL,
         "postgresql://u:****@h/my%20db"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        check_pg(&cases[i]);
}

/* Passwords generated with `openssl rand -base64` hold '/' and '+'; users paste them into the
 * URL unescaped, as SQLAlchemy reads the password up to its '@'. */
static void test_postgresql_unescaped_password(void **state)
{
    (void)state;
    static const struct pg_case cases[] = {
        {"postgresql://app:Ab/cD+eF==@db.example.com:5432/wizamart", "app",
         "Ab/cD+eF==", "db.example.com", "5432", "wizamart", NULL,
         "postgresql://app:****@db.example.com:5432/wizamart"},
        {"postgresql://app:12/ab@h/db", "app", "12/ab", "h", NULL, "db", NULL,
         "postgresql://app:****@h/db"},
        {"postgresql://app:p?w#d@h/db", "app", "p?w#d", "h", NULL, "db", NULL,
         "postgresql://app:****@h/db"},
        {"postgresql://app:p@ss@h/db", "app", "p@ss", "h", NULL, "db", NULL,
         "postgresql://app:****@h/db"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        check_pg(&cases[i]);
}

/* Parses url expecting rejection: WZ_EUSAGE, a message quoting the (redacted) URL with the
 * reason and the accepted forms, no password in it, and nothing left in out. */
static void check_rejected(const char *url, const char *why, const char *password)
{
    struct wz_db_url u;
    struct wz_err err = {0};
    int rc = wz_db_url_parse(url, &u, &err);
    if (rc != WZ_EUSAGE)
        fail_msg("'%s': expected WZ_EUSAGE, got %d", url ? url : "(null)", rc);
    assert_int_equal(err.code, WZ_EUSAGE);
    if (strstr(err.msg, "invalid DATABASE_URL") == NULL)
        fail_msg("message does not name DATABASE_URL: %s", err.msg);
    if (strstr(err.msg, why) == NULL)
        fail_msg("message lacks '%s': %s", why, err.msg);
    static const char *const forms[] = {
        "sqlite:///relative.db", "sqlite:////absolute/path.db",
        "sqlite:///:memory:",    "postgresql://user:pass@host:port/db",
        "postgres://",           "postgresql+psycopg2://"};
    for (size_t i = 0; i < sizeof(forms) / sizeof(forms[0]); i++)
        if (strstr(err.msg, forms[i]) == NULL)
            fail_msg("message does not list the accepted form '%s': %s", forms[i], err.msg);
    if (password != NULL && strstr(err.msg, password) != NULL)
        fail_msg("message shows the password '%s': %s", password, err.msg);
    assert_null(u.path);
    assert_null(u.host);
    assert_null(u.port);
    assert_null(u.user);
    assert_null(u.password);
    assert_null(u.dbname);
    assert_null(u.params);
    assert_null(u.redacted);
    wz_db_url_release(&u); /* harmless on a rejected URL */
}

static void test_password_parameters_are_secrets(void **state)
{
    (void)state;
    const char *url = "postgresql://u:p%40ss@h/d?sslmode=disable&password=Other5ecret"
                      "&sslpassword=k%2Fey";
    struct wz_db_url parsed;
    struct wz_err err;
    /* libpq takes these, so they parse; the printable form hides every one of them */
    if (wz_db_url_parse(url, &parsed, &err) == WZ_OK) {
        assert_null(strstr(parsed.redacted, "Other5ecret"));
        assert_null(strstr(parsed.redacted, "k%2Fey"));
        assert_null(strstr(parsed.redacted, "p%40ss"));
        wz_db_url_release(&parsed);
    }
    char **secrets = wz_db_url_secrets(url);
    assert_non_null(secrets);
    const char *want[] = {"p%40ss", "p@ss", "Other5ecret", "k%2Fey", "k/ey"};
    for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
        bool found = false;
        for (char **p = secrets; *p != NULL; p++)
            found = found || strcmp(*p, want[i]) == 0;
        if (!found)
            fail_msg("secret '%s' not listed", want[i]);
    }
    wz_strv_free(secrets);
}

static void test_rejected_schemes(void **state)
{
    (void)state;
    check_rejected("mysql://root:Hunter22@localhost/shop", "unknown scheme", "Hunter22");
    check_rejected("mysql://root:Hunter22@localhost/shop", "mysql://root:****@localhost/shop",
                   "Hunter22");
    check_rejected("sqlite:/wizamart.db", "unknown scheme", NULL);
    check_rejected("wizamart.db", "unknown scheme", NULL);
    check_rejected("SQLITE:///x.db", "unknown scheme", NULL);
}

static void test_rejected_sqlite_forms(void **state)
{
    (void)state;
    check_rejected("sqlite://wizamart.db", "three slashes", NULL);
    check_rejected("sqlite:///", "path is empty", NULL);
    check_rejected("sqlite:///app.db?mode=ro", "no parameters", NULL);
}

static void test_rejected_empty(void **state)
{
    (void)state;
    check_rejected("", "it is empty", NULL);
    check_rejected(NULL, "it is empty", NULL);
}

static void test_rejected_ports(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "postgresql://u:Hunter22@h:abc/db",    "postgresql://u:Hunter22@h:0/db",
        "postgresql://u:Hunter22@h:65536/db",  "postgresql://u:Hunter22@h:/db",
        "postgresql://u:Hunter22@h:123456/db", "postgresql://u:Hunter22@h:-1/db",
        "postgresql://u:Hunter22@[::1]:x/db",
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        check_rejected(bad[i], "port must be a number from 1 to 65535", "Hunter22");
    /* the largest port is fine */
    struct wz_db_url u;
    parse_ok("postgresql://h:65535/db", &u);
    assert_field(u.port, "65535", "port");
    wz_db_url_release(&u);
}

static void test_rejected_malformed(void **state)
{
    (void)state;
    check_rejected("postgresql://u:Hunter22@[::1/db", "unclosed '['", "Hunter22");
    check_rejected("postgresql://u:Hunter22@[::1]x/db", "after the IPv6 host", "Hunter22");
    check_rejected("postgresql://u:Hunter22@h/db#frag", "fragment", "Hunter22");
    check_rejected("postgresql://u%zz:Hunter22@h/db", "percent-escape in the user", "Hunter22");
    check_rejected("postgresql://u:Hunter22%@h/db", "percent-escape in the password", "Hunter22");
    check_rejected("postgresql://h%4/db", "percent-escape in the host", NULL);
    check_rejected("postgresql://h/d%zzb", "percent-escape in the database", NULL);
}

/* The unescaped password of a URL that is wrong elsewhere must not leak through the error. */
static void test_rejected_unescaped_password_masked(void **state)
{
    (void)state;
    check_rejected("postgresql://app:Ab/cD+eF==@db:99999/w", "port", "cD+eF==");
    check_rejected("postgresql://app:Ab/cD+eF==@db:99999/w", "postgresql://app:****@db:99999/w",
                   "Ab/cD");
    check_rejected("postgresql://app:Zq#secret9@[::1/w", "unclosed", "secret9");
}

/* A listed secret, and nowhere in the printable form or the message. */
static void assert_secret_hidden(const char *url, const char *secret)
{
    char **secrets = wz_db_url_secrets(url);
    assert_non_null(secrets);
    bool found = false;
    for (char **p = secrets; *p != NULL; p++)
        found = found || strstr(*p, secret) != NULL;
    wz_strv_free(secrets);
    if (!found)
        fail_msg("'%s': the secret '%s' is not listed", url, secret);
    struct wz_db_url u;
    struct wz_err err = {0};
    if (wz_db_url_parse(url, &u, &err) == WZ_OK) {
        if (strstr(u.redacted, secret) != NULL)
            fail_msg("'%s': the printable form shows '%s': %s", url, secret, u.redacted);
        wz_db_url_release(&u);
    } else if (strstr(err.msg, secret) != NULL) {
        fail_msg("'%s': the message shows '%s': %s", url, secret, err.msg);
    }
}

static void test_secrets_by_what_they_decode_to(void **state)
{
    (void)state;
    /* A percent-encoded key is still libpq's password. */
    assert_secret_hidden("postgresql://u:p@h/d?pass%77ord=supersecret", "supersecret");
    assert_secret_hidden("postgresql://u:p@h/d?ssl%70assword=keyPass1", "keyPass1");
    /* The list and the masking agree on where the query starts. */
    assert_secret_hidden("x?password=hunter22&://u:p@h", "hunter22");
}

static void test_ambiguous_password_is_refused_unshown(void **state)
{
    (void)state;
    check_rejected("postgresql://u:p@ss/word@host/db", "ambiguous", "ss/word");
    check_rejected("postgresql://u:p@ss?x@host/db", "ambiguous", "ss?x");
    assert_secret_hidden("postgresql://u:p@ss/word@host/db", "ss/word");
}

static void test_nul_escapes_are_refused(void **state)
{
    (void)state;
    check_rejected("postgresql://u:pa%00ss@h/db", "percent-escape", "pa%00ss");
    check_rejected("postgresql://u:p@h/d%00b", "percent-escape", NULL);
    check_rejected("postgresql://u:p@h/db?sslmode=re%00quire", "percent-escape", NULL);
}

static void test_release_wipes_and_accepts_zeroed(void **state)
{
    (void)state;
    struct wz_db_url u = {0};
    wz_db_url_release(&u);
    wz_db_url_release(NULL);
    parse_ok("postgresql://u:pw@h/db", &u);
    wz_db_url_release(&u);
    assert_null(u.password);
    assert_null(u.redacted);
    assert_int_equal(u.dialect, 0);
}

static void test_copy(void **state)
{
    (void)state;
    struct wz_db_url a, b;
    parse_ok("postgresql://u:pw123@[::1]:5433/db?sslmode=require", &a);
    assert_int_equal(wz_db_url_copy(&a, &b), WZ_OK);
    wz_db_url_release(&a);
    assert_int_equal(b.dialect, WZ_DIALECT_POSTGRES);
    assert_field(b.user, "u", "user");
    assert_field(b.password, "pw123", "password");
    assert_field(b.host, "::1", "host");
    assert_field(b.port, "5433", "port");
    assert_field(b.dbname, "db", "dbname");
    assert_field(b.params, "sslmode=require", "params");
    assert_field(b.redacted, "postgresql://u:****@[::1]:5433/db?sslmode=require", "redacted");
    wz_db_url_release(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sqlite_relative),
        cmocka_unit_test(test_sqlite_absolute),
        cmocka_unit_test(test_sqlite_memory),
        cmocka_unit_test(test_postgresql_full),
        cmocka_unit_test(test_postgresql_partial_forms),
        cmocka_unit_test(test_postgres_scheme_aliases),
        cmocka_unit_test(test_password_parameters_are_secrets),
        cmocka_unit_test(test_postgresql_ipv6_host),
        cmocka_unit_test(test_postgresql_percent_escapes),
        cmocka_unit_test(test_postgresql_unescaped_password),
        cmocka_unit_test(test_rejected_schemes),
        cmocka_unit_test(test_rejected_sqlite_forms),
        cmocka_unit_test(test_rejected_empty),
        cmocka_unit_test(test_rejected_ports),
        cmocka_unit_test(test_rejected_malformed),
        cmocka_unit_test(test_rejected_unescaped_password_masked),
        cmocka_unit_test(test_secrets_by_what_they_decode_to),
        cmocka_unit_test(test_ambiguous_password_is_refused_unshown),
        cmocka_unit_test(test_nul_escapes_are_refused),
        cmocka_unit_test(test_release_wipes_and_accepts_zeroed),
        cmocka_unit_test(test_copy),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
