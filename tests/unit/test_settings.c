/*
 * Settings (src/core/settings.c) as a user meets them: the guide's Appendix A defaults, the
 * precedence environment > .env > default with the origin of every value, one clear error per
 * kind of bad value (naming the variable, where it came from and what was expected, never a
 * secret), and the production checks of `config validate`. The "process environment" is a
 * small table behind the getenv callback; .env files are real files in a temp folder the
 * test runs in, so the default ./.env is exercised too.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#define _XOPEN_SOURCE_EXTENDED 1
#include <ftw.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/out.h"
#include "core/settings.h"

/* ---- fixture: a fresh temp folder as the working directory ---------------------------- */

static char start_dir[PATH_MAX];
static char temp_dir[64];

static int setup(void **state)
{
    (void)state;
    if (getcwd(start_dir, sizeof(start_dir)) == NULL)
        return -1;
    snprintf(temp_dir, sizeof(temp_dir), "/tmp/wz_test_settings_XXXXXX");
    if (mkdtemp(temp_dir) == NULL || chdir(temp_dir) != 0)
        return -1;
    return 0;
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

static int teardown(void **state)
{
    (void)state;
    wz_out_release();
    if (chdir(start_dir) != 0)
        return -1;
    return nftw(temp_dir, remove_entry, 8, FTW_DEPTH | FTW_PHYS);
}

/* ---- helpers ---------------------------------------------------------------------------- */

/* NULL-terminated name, value pairs standing in for the process environment; a later pair
 * overrides an earlier one, so a case can start from a common set and change one value. */
static const char *fake_getenv(const char *name, void *ctx)
{
    const char *const *pairs = ctx;
    const char *value = NULL;
    if (pairs == NULL)
        return NULL;
    for (size_t i = 0; pairs[i] != NULL; i += 2)
        if (strcmp(pairs[i], name) == 0)
            value = pairs[i + 1];
    return value;
}

static void write_file(const char *path, const char *text, mode_t mode)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    assert_int_equal(fputs(text, f) >= 0, 1);
    assert_int_equal(fclose(f), 0);
    assert_int_equal(chmod(path, mode), 0);
}

static int load(struct wz_settings *s, const char *env_file, const char *const *env,
                struct wz_err *err)
{
    wz_err_clear(err);
    return wz_settings_load(s, env_file, fake_getenv, (void *)env, err);
}

/* Loads expecting success; the caller releases. */
static void load_ok(struct wz_settings *s, const char *env_file, const char *const *env)
{
    struct wz_err err;
    int rc = load(s, env_file, env, &err);
    if (rc != WZ_OK)
        fail_msg("load failed (%d): %s", rc, err.msg);
}

static size_t row_of(const char *name)
{
    size_t n;
    const struct wz_setting_def *t = wz_settings_table(&n);
    for (size_t i = 0; i < n; i++)
        if (strcmp(t[i].name, name) == 0)
            return i;
    fail_msg("no setting named %s", name);
    return 0;
}

static void assert_origin(const struct wz_settings *s, const char *name, enum wz_source src,
                          const char *origin)
{
    size_t i = row_of(name);
    if (s->sources[i] != src)
        fail_msg("%s: expected source %d, got %d", name, (int)src, (int)s->sources[i]);
    if (strcmp(s->origins[i], origin) != 0)
        fail_msg("%s: expected origin '%s', got '%s'", name, origin, s->origins[i]);
}

static void assert_contains(const char *text, const char *part)
{
    if (strstr(text, part) == NULL)
        fail_msg("'%s' lacks '%s'", text, part);
}

static void assert_lacks(const char *text, const char *part)
{
    if (strstr(text, part) != NULL)
        fail_msg("'%s' contains '%s'", text, part);
}

/* Runs load with stderr captured into a new string (caller frees); returns the code. */
static int load_capturing_stderr(struct wz_settings *s, const char *env_file,
                                 const char *const *env, struct wz_err *err, char **text)
{
    fflush(stderr);
    char path[] = "/tmp/wz_test_stderr_XXXXXX";
    int tmp = mkstemp(path);
    assert_true(tmp >= 0);
    int saved = dup(2);
    assert_true(saved >= 0);
    assert_int_equal(dup2(tmp, 2), 2);
    int rc = load(s, env_file, env, err);
    fflush(stderr);
    assert_int_equal(dup2(saved, 2), 2);
    close(saved);
    off_t size = lseek(tmp, 0, SEEK_END);
    assert_true(size >= 0);
    *text = calloc((size_t)size + 1, 1);
    assert_non_null(*text);
    assert_int_equal(pread(tmp, *text, (size_t)size, 0), size);
    close(tmp);
    unlink(path);
    return rc;
}

/* ---- defaults and precedence ----------------------------------------------------------- */

static void test_defaults_match_appendix_a(void **state)
{
    (void)state;
    struct wz_settings s;
    load_ok(&s, NULL, NULL); /* no ./.env in the temp folder: fine */
    assert_int_equal(s.environment, WZ_ENV_DEVELOPMENT);
    assert_string_equal(s.database_url, "sqlite:///./wizamart.db");
    assert_string_equal(s.admin_email, "admin@wizamart.com");
    assert_string_equal(s.admin_username, "admin");
    assert_string_equal(s.admin_password, "admin123");
    assert_string_equal(s.admin_first_name, "Platform");
    assert_string_equal(s.admin_last_name, "Administrator");
    assert_int_equal(s.seed_demo_stores, 3);
    assert_int_equal(s.seed_customers_per_store, 15);
    assert_int_equal(s.seed_products_per_store, 20);
    assert_int_equal(s.seed_orders_per_store, 10);
    assert_int_equal(s.max_stores_per_user, 5);
    assert_int_equal(s.max_team_members_per_store, 50);
    assert_int_equal(s.invitation_expiry_days, 7);
    /* the extras of docs/cli.md */
    assert_string_equal(s.jwt_secret_key, WZ_DEFAULT_JWT_SECRET);
    assert_false(s.debug);
    assert_string_equal(s.migrations_dir, "migrations/versions");
    assert_string_equal(s.backup_dir, "backups");
    assert_int_equal(s.backup_before_migrate, WZ_AUTO);
    /* DATABASE_URL parsed */
    assert_int_equal(s.db_url.dialect, WZ_DIALECT_SQLITE);
    assert_string_equal(s.db_url.path, "./wizamart.db");
    /* every value from the defaults, no file */
    size_t n;
    const struct wz_setting_def *t = wz_settings_table(&n);
    for (size_t i = 0; i < n; i++)
        assert_origin(&s, t[i].name, WZ_SRC_DEFAULT, "default");
    assert_null(s.env_file);
    assert_int_equal(s.nunknown, 0);
    assert_true(wz_settings_is_development(&s));
    assert_false(wz_settings_is_staging(&s));
    assert_false(wz_settings_is_production(&s));
    wz_settings_release(&s);
}

static void test_every_default_is_valid(void **state)
{
    (void)state;
    size_t n;
    const struct wz_setting_def *t = wz_settings_table(&n);
    assert_true(n >= 29);
    for (size_t i = 0; i < n; i++) {
        assert_non_null(t[i].default_value);
        assert_non_null(t[i].group);
        assert_non_null(t[i].description);
        if (t[i].type != WZ_SET_INT)
            continue;
        /* counts are never negative; every number but the generator's seed is bounded */
        if (t[i].min < 0)
            fail_msg("%s may be negative", t[i].name);
        if (t[i].max == INT64_MAX && strcmp(t[i].name, "SEED_RANDOM_SEED") != 0)
            fail_msg("%s has no upper bound", t[i].name);
        assert_true(t[i].min <= t[i].max);
    }
}

static void test_precedence_env_then_dotenv_then_default(void **state)
{
    (void)state;
    write_file(".env",
               "# demo sizes\n"
               "SEED_DEMO_STORES=4\n"
               "ADMIN_USERNAME=fromfile\n"
               "\n"
               "ADMIN_LAST_NAME=\"Of the file\"\n",
               0600);
    static const char *const env[] = {"SEED_DEMO_STORES", "9", "ADMIN_FIRST_NAME", "Env", NULL};
    struct wz_settings s;
    load_ok(&s, NULL, env);
    /* the environment beats the file */
    assert_int_equal(s.seed_demo_stores, 9);
    assert_origin(&s, "SEED_DEMO_STORES", WZ_SRC_ENVIRONMENT, "environment");
    assert_string_equal(s.admin_first_name, "Env");
    assert_origin(&s, "ADMIN_FIRST_NAME", WZ_SRC_ENVIRONMENT, "environment");
    /* the file beats the default, with its line */
    assert_string_equal(s.admin_username, "fromfile");
    assert_origin(&s, "ADMIN_USERNAME", WZ_SRC_DOTENV, ".env:3");
    assert_string_equal(s.admin_last_name, "Of the file");
    assert_origin(&s, "ADMIN_LAST_NAME", WZ_SRC_DOTENV, ".env:5");
    /* the rest is default */
    assert_int_equal(s.seed_orders_per_store, 10);
    assert_origin(&s, "SEED_ORDERS_PER_STORE", WZ_SRC_DEFAULT, "default");
    assert_string_equal(s.env_file, ".env");
    assert_int_equal(s.env_file_mode, 0600);
    wz_settings_release(&s);
}

static void test_empty_environment_value_still_wins(void **state)
{
    (void)state;
    /* a variable set to "" is set: ADMIN_LAST_NAME may be empty */
    write_file(".env", "ADMIN_LAST_NAME=Smith\n", 0600);
    static const char *const env[] = {"ADMIN_LAST_NAME", "", NULL};
    struct wz_settings s;
    load_ok(&s, NULL, env);
    assert_string_equal(s.admin_last_name, "");
    assert_origin(&s, "ADMIN_LAST_NAME", WZ_SRC_ENVIRONMENT, "environment");
    wz_settings_release(&s);
}

static void test_later_dotenv_line_wins(void **state)
{
    (void)state;
    write_file(".env", "SEED_DEMO_STORES=1\nSEED_DEMO_STORES=2\n", 0600);
    struct wz_settings s;
    load_ok(&s, NULL, NULL);
    assert_int_equal(s.seed_demo_stores, 2);
    assert_origin(&s, "SEED_DEMO_STORES", WZ_SRC_DOTENV, ".env:2");
    wz_settings_release(&s);
}

static void test_explicit_env_file(void **state)
{
    (void)state;
    assert_int_equal(mkdir("conf", 0700), 0);
    write_file(".env", "ENVIRONMENT=production\nSEED_DEMO_STORES=8\n", 0600);
    write_file("conf/staging.env", "ENVIRONMENT=staging\n", 0640);
    struct wz_settings s;
    load_ok(&s, "conf/staging.env", NULL);
    /* only the named file is read: ./.env is ignored */
    assert_int_equal(s.environment, WZ_ENV_STAGING);
    assert_origin(&s, "ENVIRONMENT", WZ_SRC_DOTENV, "conf/staging.env:1");
    assert_int_equal(s.seed_demo_stores, 3);
    assert_origin(&s, "SEED_DEMO_STORES", WZ_SRC_DEFAULT, "default");
    assert_string_equal(s.env_file, "conf/staging.env");
    assert_int_equal(s.env_file_mode, 0640);
    wz_settings_release(&s);
}

static void test_missing_explicit_env_file_is_an_error(void **state)
{
    (void)state;
    struct wz_settings s;
    struct wz_err err;
    int rc = load(&s, "conf/missing.env", NULL, &err);
    assert_int_equal(rc, WZ_EUSAGE);
    assert_int_equal(err.code, WZ_EUSAGE);
    assert_contains(err.msg, "'conf/missing.env'");
    assert_contains(err.msg, "not found");
    assert_contains(err.msg, "--env-file");
    wz_settings_release(&s);
}

static void test_dotenv_syntax_error_is_a_usage_error(void **state)
{
    (void)state;
    write_file(".env", "ADMIN_USERNAME=ok\nthis line is wrong\n", 0600);
    struct wz_settings s;
    struct wz_err err;
    int rc = load(&s, NULL, NULL, &err);
    assert_int_equal(rc, WZ_EUSAGE);
    assert_int_equal(err.code, WZ_EUSAGE);
    assert_contains(err.msg, ".env:2:");
    wz_settings_release(&s);
}

static void test_dotenv_expands_from_environment(void **state)
{
    (void)state;
    write_file(".env", "ADMIN_EMAIL=${OPS_USER}@example.com\n", 0600);
    static const char *const env[] = {"OPS_USER", "ops", NULL};
    struct wz_settings s;
    load_ok(&s, NULL, env);
    assert_string_equal(s.admin_email, "ops@example.com");
    assert_origin(&s, "ADMIN_EMAIL", WZ_SRC_DOTENV, ".env:1");
    wz_settings_release(&s);
}

/* Without an environment callback only the file and the defaults count, and ${VAR} in the
 * file falls back to its default. */
static void test_no_environment_callback(void **state)
{
    (void)state;
    write_file(".env", "ADMIN_FIRST_NAME=${FIRST:-Ann}\nSEED_DEMO_STORES=6\n", 0600);
    struct wz_settings s;
    struct wz_err err;
    wz_err_clear(&err);
    int rc = wz_settings_load(&s, NULL, NULL, NULL, &err);
    if (rc != WZ_OK)
        fail_msg("load failed (%d): %s", rc, err.msg);
    assert_string_equal(s.admin_first_name, "Ann");
    assert_int_equal(s.seed_demo_stores, 6);
    assert_origin(&s, "SEED_DEMO_STORES", WZ_SRC_DOTENV, ".env:2");
    assert_origin(&s, "ADMIN_USERNAME", WZ_SRC_DEFAULT, "default");
    wz_settings_release(&s);
}

/* ---- bad values ------------------------------------------------------------------------ */

struct bad_case {
    const char *name, *value, *expected;
};

static const struct bad_case bad_cases[] = {
    {"SEED_DEMO_STORES", "abc", "expected a whole number from 0 to 10000"},
    {"SEED_DEMO_STORES", "12abc", "expected a whole number from 0 to 10000"},
    {"SEED_DEMO_STORES", "1.5", "expected a whole number"},
    {"SEED_DEMO_STORES", "", "expected a whole number"},
    {"SEED_DEMO_STORES", "-1", "out of range: expected a whole number from 0 to 10000"},
    {"SEED_DEMO_STORES", "10001", "out of range"},
    {"SEED_CUSTOMERS_PER_STORE", "-15", "out of range"},
    {"SEED_PRODUCTS_PER_STORE", "99999999999999999999", "expected a whole number"},
    {"SEED_ORDERS_PER_STORE", "1000001", "out of range"},
    {"MAX_STORES_PER_USER", "0", "from 1 to 10000"},
    {"MAX_TEAM_MEMBERS_PER_STORE", "-50", "out of range"},
    {"INVITATION_EXPIRY_DAYS", "366", "from 1 to 365"},
    {"SEED_RANDOM_SEED", "-1", "out of range"},
    {"DEBUG", "maybe", "expected true/false, 1/0, yes/no or on/off"},
    {"DEBUG", "", "expected true/false"},
    {"DEBUG", "2", "expected true/false"},
    {"BACKUP_BEFORE_MIGRATE", "sometimes", "expected auto, true/false"},
    {"ENVIRONMENT", "prod", "expected development, staging or production"},
    {"ENVIRONMENT", "", "expected development, staging or production"},
    {"ADMIN_EMAIL", "not-an-email", "expected an email address"},
    {"ADMIN_EMAIL", "admin@localhost", "expected an email address"},
    {"ADMIN_EMAIL", "a@b@example.com", "expected an email address"},
    {"ADMIN_EMAIL", "ad min@example.com", "expected an email address"},
    {"SUPPORT_EMAIL", "@example.com", "expected an email address"},
    {"ADMIN_USERNAME", "", "expected a non-empty value"},
    {"ALLOWED_HOSTS", "", "expected a non-empty value"},
    {"MIGRATIONS_DIR", "", "expected a non-empty value"},
    {"DATABASE_URL", "", "expected a non-empty value"},
    {"DATABASE_URL", "mysql://localhost/shop", "accepted forms"},
    {"DATABASE_URL", "sqlite://wizamart.db", "three slashes"},
    {"ENVIRONMENT", "prod", "did you mean 'production'?"},
    {"ENVIRONMENT", "staging2", "did you mean 'staging'?"},
    {"DEFAULT_CURRENCY", "EURO", "ISO 4217"},
    {"DEFAULT_CURRENCY", "eur", "ISO 4217"},
    {"DEFAULT_CURRENCY", "", "ISO 4217"},
    {"DEFAULT_LANGUAGE", "EN", "ISO 639-1"},
    {"DEFAULT_LANGUAGE", "en-GB", "ISO 639-1"},
    {"SEED_REFERENCE_DATE", "garbage", "expected a date YYYY-MM-DD"},
    {"SEED_REFERENCE_DATE", "2023-02-29", "expected a date YYYY-MM-DD"},
    {"SEED_REFERENCE_DATE", "2024-13-01", "expected a date YYYY-MM-DD"},
    {"SEED_REFERENCE_DATE", "2024-01-01x", "expected a date YYYY-MM-DD"},
    {"SEED_REFERENCE_DATE", "+024-01-01", "expected a date YYYY-MM-DD"},
    {"SERVER_HOST", "shop.example.com", "expected an IP address"},
    {"SERVER_HOST", "", "expected an IP address"},
    {"ADMIN_FIRST_NAME", "Bad\xff", "not valid UTF-8"},
    {"ADMIN_FIRST_NAME", "over\xc0\xaflong", "not valid UTF-8"},
    {"ADMIN_LAST_NAME", "surrogate\xed\xa0\x80", "not valid UTF-8"},
    {"PROJECT_NAME", "tab\there", "control characters"},
    {"PLATFORM_DOMAIN", "c1\xc2\x9b[31m", "control characters"},
    {"ALLOWED_HOSTS", "local\x1b[2Jhost", "control characters"},
};

/* What the types accept: leap days, IPv6, localhost, UTF-8 names. */
static void test_typed_values_accepted(void **state)
{
    (void)state;
    static const char *const env[] = {"SEED_REFERENCE_DATE",
                                      "2024-02-29",
                                      "SERVER_HOST",
                                      "::1",
                                      "DEFAULT_CURRENCY",
                                      "CHF",
                                      "DEFAULT_LANGUAGE",
                                      "de",
                                      "ADMIN_LAST_NAME",
                                      "M\xc3\xbcller \xf0\x9f\x9b\x92",
                                      NULL};
    struct wz_settings s;
    load_ok(&s, NULL, env);
    assert_string_equal(s.seed_reference_date, "2024-02-29");
    wz_settings_release(&s);
    static const char *const env2[] = {"SERVER_HOST", "localhost", "SEED_REFERENCE_DATE", "", NULL};
    load_ok(&s, NULL, env2);
    wz_settings_release(&s);
    static const char *const env3[] = {"SERVER_HOST", "[::1]", NULL};
    load_ok(&s, NULL, env3);
    wz_settings_release(&s);
}

/* A BACKUP_DIR anyone may write to is named, in production's list and on its own. */
static void test_world_writable_backup_dir(void **state)
{
    (void)state;
    assert_int_equal(mkdir("open", 0755), 0);
    assert_int_equal(chmod("open", 0777), 0);
    static const char *const env[] = {"BACKUP_DIR", "open", NULL};
    struct wz_settings s;
    load_ok(&s, NULL, env);
    char buf[512];
    const char *risk = wz_settings_backup_dir_risk(&s, buf, sizeof(buf));
    assert_non_null(risk);
    assert_contains(risk, "BACKUP_DIR open is writable by every user (mode 0777)");
    char **w = NULL;
    assert_int_equal(wz_settings_production_warnings(&s, &w), WZ_OK);
    bool listed = false;
    for (char **p = w; *p != NULL; p++)
        listed = listed || strstr(*p, "BACKUP_DIR open") != NULL;
    assert_true(listed);
    wz_strv_free(w);
    assert_int_equal(chmod("open", 0755), 0);
    assert_null(wz_settings_backup_dir_risk(&s, buf, sizeof(buf)));
    wz_settings_release(&s);
    static const char *const missing[] = {"BACKUP_DIR", "not-yet", NULL};
    load_ok(&s, NULL, missing);
    assert_null(wz_settings_backup_dir_risk(&s, buf, sizeof(buf)));
    wz_settings_release(&s);
}

/* The message names the variable, where it came from, the value and what was expected. */
static void check_bad_message(const struct bad_case *c, const char *origin, int rc,
                              const struct wz_err *err)
{
    if (rc != WZ_EUSAGE)
        fail_msg("%s=%s from %s: expected WZ_EUSAGE, got %d (%s)", c->name, c->value, origin, rc,
                 err->msg);
    assert_int_equal(err->code, WZ_EUSAGE);
    assert_contains(err->msg, c->name);
    assert_contains(err->msg, origin);
    char quoted[128];
    snprintf(quoted, sizeof(quoted), "'%s'", c->value);
    assert_contains(err->msg, quoted);
    assert_contains(err->msg, c->expected);
}

static void test_bad_values_from_environment(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(bad_cases) / sizeof(bad_cases[0]); i++) {
        const char *const env[] = {bad_cases[i].name, bad_cases[i].value, NULL};
        struct wz_settings s;
        struct wz_err err;
        int rc = load(&s, NULL, env, &err);
        check_bad_message(&bad_cases[i], "from environment", rc, &err);
        wz_settings_release(&s);
    }
}

static void test_bad_values_from_dotenv(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(bad_cases) / sizeof(bad_cases[0]); i++) {
        char text[256];
        snprintf(text, sizeof(text), "# settings\nPROJECT_NAME=Shop\n%s='%s'\n", bad_cases[i].name,
                 bad_cases[i].value);
        write_file(".env", text, 0600);
        struct wz_settings s;
        struct wz_err err;
        int rc = load(&s, NULL, NULL, &err);
        check_bad_message(&bad_cases[i], ".env:3", rc, &err);
        wz_settings_release(&s);
        /* and through --env-file, with that path */
        rc = load(&s, "./.env", NULL, &err);
        check_bad_message(&bad_cases[i], "./.env:3", rc, &err);
        wz_settings_release(&s);
    }
}

static void test_bad_value_in_environment_beats_good_dotenv(void **state)
{
    (void)state;
    write_file(".env", "SEED_DEMO_STORES=5\n", 0600);
    static const char *const env[] = {"SEED_DEMO_STORES", "-5", NULL};
    struct wz_settings s;
    struct wz_err err;
    assert_int_equal(load(&s, NULL, env, &err), WZ_EUSAGE);
    assert_contains(err.msg, "SEED_DEMO_STORES from environment: '-5'");
    wz_settings_release(&s);
}

static void test_int_bounds_are_inclusive(void **state)
{
    (void)state;
    size_t n;
    const struct wz_setting_def *t = wz_settings_table(&n);
    for (size_t i = 0; i < n; i++) {
        if (t[i].type != WZ_SET_INT)
            continue;
        const int64_t ok[] = {t[i].min, t[i].max};
        for (size_t k = 0; k < 2; k++) {
            char v[32];
            snprintf(v, sizeof(v), "%" PRId64, ok[k]);
            const char *const env[] = {t[i].name, v, NULL};
            struct wz_settings s;
            load_ok(&s, NULL, env);
            assert_int_equal(*(const int64_t *)((const char *)&s + t[i].offset), ok[k]);
            wz_settings_release(&s);
        }
        int64_t bad[2];
        size_t nbad = 0;
        bad[nbad++] = t[i].min - 1;
        if (t[i].max < INT64_MAX)
            bad[nbad++] = t[i].max + 1;
        for (size_t k = 0; k < nbad; k++) {
            char v[32];
            snprintf(v, sizeof(v), "%" PRId64, bad[k]);
            const char *const env[] = {t[i].name, v, NULL};
            struct wz_settings s;
            struct wz_err err;
            if (load(&s, NULL, env, &err) != WZ_EUSAGE)
                fail_msg("%s=%s was accepted", t[i].name, v);
            assert_contains(err.msg, "out of range");
            wz_settings_release(&s);
        }
    }
}

static void test_int_allows_surrounding_spaces(void **state)
{
    (void)state;
    static const char *const env[] = {"SEED_DEMO_STORES", " 12 ", NULL};
    struct wz_settings s;
    load_ok(&s, NULL, env);
    assert_int_equal(s.seed_demo_stores, 12);
    wz_settings_release(&s);
}

/* Secrets may only be bad by being empty, but a bad DATABASE_URL carries its password: the
 * message must show neither. */
static void test_secret_never_in_message(void **state)
{
    (void)state;
    static const char *const secrets[] = {"ADMIN_PASSWORD", "JWT_SECRET_KEY"};
    for (size_t i = 0; i < 2; i++) {
        const char *const env[] = {secrets[i], "", NULL};
        struct wz_settings s;
        struct wz_err err;
        assert_int_equal(load(&s, NULL, env, &err), WZ_EUSAGE);
        assert_contains(err.msg, secrets[i]);
        assert_contains(err.msg, "from environment");
        assert_contains(err.msg, "'****'");
        assert_contains(err.msg, "non-empty");
        wz_settings_release(&s);
    }
    static const char *const urls[] = {
        "postgresql://app:Sup3rS3cretDb@db.example.com:99999/shop",
        "postgresql://app:Sup3rS3cretDb@[::1/shop",
        "mysql://app:Sup3rS3cretDb@db.example.com/shop",
        "postgresql://app:Sup3r/S3cretDb@db.example.com:port/shop",
        "postgresql://app:Sup3r%2FS3cretDb@db.example.com:x/shop",
    };
    for (size_t i = 0; i < sizeof(urls) / sizeof(urls[0]); i++) {
        char text[256];
        snprintf(text, sizeof(text), "ENVIRONMENT=production\nDATABASE_URL=%s\n", urls[i]);
        write_file(".env", text, 0600);
        struct wz_settings s;
        struct wz_err err;
        assert_int_equal(load(&s, NULL, NULL, &err), WZ_EUSAGE);
        assert_contains(err.msg, "DATABASE_URL");
        assert_contains(err.msg, ".env:2");
        assert_contains(err.msg, "accepted forms");
        assert_lacks(err.msg, "S3cretDb");
        assert_lacks(err.msg, "Sup3r");
        wz_settings_release(&s);
    }
}

/* ---- kinds of value -------------------------------------------------------------------- */

static void test_environment_any_case(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        enum wz_environment env;
    } cases[] = {
        {"development", WZ_ENV_DEVELOPMENT}, {"DEVELOPMENT", WZ_ENV_DEVELOPMENT},
        {"Staging", WZ_ENV_STAGING},         {"staging", WZ_ENV_STAGING},
        {"production", WZ_ENV_PRODUCTION},   {"PRODUCTION", WZ_ENV_PRODUCTION},
        {"pRoDuCtIoN", WZ_ENV_PRODUCTION},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const char *const env[] = {"ENVIRONMENT", cases[i].text, NULL};
        struct wz_settings s;
        load_ok(&s, NULL, env);
        assert_int_equal(s.environment, cases[i].env);
        assert_int_equal(wz_settings_is_production(&s), cases[i].env == WZ_ENV_PRODUCTION);
        assert_int_equal(wz_settings_is_staging(&s), cases[i].env == WZ_ENV_STAGING);
        assert_int_equal(wz_settings_is_development(&s), cases[i].env == WZ_ENV_DEVELOPMENT);
        wz_settings_release(&s);
    }
}

static void test_environment_parse_and_name(void **state)
{
    (void)state;
    enum wz_environment e = WZ_ENV_DEVELOPMENT;
    assert_int_equal(wz_environment_parse("Production", &e), 0);
    assert_int_equal(e, WZ_ENV_PRODUCTION);
    assert_int_equal(wz_environment_parse("prod", &e), -1);
    assert_int_equal(wz_environment_parse("", &e), -1);
    assert_int_equal(wz_environment_parse("production ", &e), -1);
    assert_int_equal(e, WZ_ENV_PRODUCTION); /* untouched on failure */
    assert_string_equal(wz_environment_name(WZ_ENV_DEVELOPMENT), "development");
    assert_string_equal(wz_environment_name(WZ_ENV_STAGING), "staging");
    assert_string_equal(wz_environment_name(WZ_ENV_PRODUCTION), "production");
}

static void test_bool_spellings(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        bool value;
    } cases[] = {
        {"true", true}, {"TRUE", true}, {"True", true}, {"1", true},      {"yes", true},
        {"YES", true},  {"on", true},   {"On", true},   {"false", false}, {"FALSE", false},
        {"0", false},   {"no", false},  {"No", false},  {"off", false},   {"OFF", false},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const char *const env[] = {"DEBUG", cases[i].text, NULL};
        struct wz_settings s;
        load_ok(&s, NULL, env);
        if (s.debug != cases[i].value)
            fail_msg("DEBUG=%s read as %d", cases[i].text, (int)s.debug);
        wz_settings_release(&s);
    }
}

static void test_auto_bool_and_backup_before_migrate(void **state)
{
    (void)state;
    static const struct {
        const char *environment, *value;
        int field;
        bool backup;
    } cases[] = {
        {"development", "auto", WZ_AUTO, false}, {"staging", "auto", WZ_AUTO, true},
        {"production", "AUTO", WZ_AUTO, true},   {"development", "yes", WZ_ON, true},
        {"production", "off", WZ_OFF, false},    {"staging", "0", WZ_OFF, false},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const char *const env[] = {"ENVIRONMENT", cases[i].environment, "BACKUP_BEFORE_MIGRATE",
                                   cases[i].value, NULL};
        struct wz_settings s;
        load_ok(&s, NULL, env);
        assert_int_equal(s.backup_before_migrate, cases[i].field);
        assert_int_equal(wz_settings_backup_before_migrate(&s), cases[i].backup);
        wz_settings_release(&s);
    }
}

static void test_database_url_parsed(void **state)
{
    (void)state;
    write_file(".env", "DATABASE_URL=postgresql://app:Db-Pa55word@db.example.com:5433/shop\n",
               0600);
    struct wz_settings s;
    load_ok(&s, NULL, NULL);
    assert_int_equal(s.db_url.dialect, WZ_DIALECT_POSTGRES);
    assert_string_equal(s.db_url.host, "db.example.com");
    assert_string_equal(s.db_url.port, "5433");
    assert_string_equal(s.db_url.dbname, "shop");
    assert_string_equal(s.db_url.redacted, "postgresql://app:****@db.example.com:5433/shop");
    assert_origin(&s, "DATABASE_URL", WZ_SRC_DOTENV, ".env:1");
    wz_settings_release(&s);
}

/* Loading registers every secret with the output module: no later message can show one. */
static void test_secrets_registered_for_masking(void **state)
{
    (void)state;
    static const char *const env[] = {
        "ADMIN_PASSWORD",
        "Adm1n-Passw0rd!",
        "JWT_SECRET_KEY",
        "0123456789abcdef0123456789abcdef",
        "DATABASE_URL",
        "postgresql://app:Db%2FPa55@h/shop",
        NULL,
    };
    struct wz_settings s;
    load_ok(&s, NULL, env);
    char *m = wz_out_mask("pw Adm1n-Passw0rd! jwt 0123456789abcdef0123456789abcdef db Db/Pa55");
    assert_non_null(m);
    assert_string_equal(m, "pw **** jwt **** db ****");
    free(m);
    wz_settings_release(&s);
}

/* ---- unknown keys ---------------------------------------------------------------------- */

static void test_unknown_keys_warn_with_did_you_mean(void **state)
{
    (void)state;
    write_file(".env",
               "ENVIRONMENT=staging\n"
               "ADMIN_PASWORD=Secret-Typo-123\n"
               "seed_demo_stores=4\n"
               "TOTALLY_UNRELATED_THING=1\n",
               0600);
    struct wz_settings s;
    struct wz_err err;
    char *text = NULL;
    int rc = load_capturing_stderr(&s, NULL, NULL, &err, &text);
    if (rc != WZ_OK)
        fail_msg("load failed: %s", err.msg);
    assert_int_equal(s.nunknown, 3);
    assert_contains(text, "warning: .env:2: unknown setting 'ADMIN_PASWORD'; did you mean "
                          "'ADMIN_PASSWORD'?");
    assert_contains(text, "warning: .env:3: unknown setting 'seed_demo_stores'; did you mean "
                          "'SEED_DEMO_STORES'?");
    assert_contains(text, "warning: .env:4: unknown setting 'TOTALLY_UNRELATED_THING' is ignored");
    assert_lacks(text, "TOTALLY_UNRELATED_THING'; did you mean");
    assert_lacks(text, "Secret-Typo-123");
    /* unknown keys change nothing */
    assert_string_equal(s.admin_password, "admin123");
    assert_int_equal(s.seed_demo_stores, 3);
    assert_int_equal(s.environment, WZ_ENV_STAGING);
    free(text);
    wz_settings_release(&s);
}

static void test_known_keys_do_not_warn(void **state)
{
    (void)state;
    write_file(".env", "ENVIRONMENT=staging\nDEBUG=off\n", 0600);
    struct wz_settings s;
    struct wz_err err;
    char *text = NULL;
    assert_int_equal(load_capturing_stderr(&s, NULL, NULL, &err, &text), WZ_OK);
    assert_string_equal(text, "");
    assert_int_equal(s.nunknown, 0);
    free(text);
    wz_settings_release(&s);
}

/* ---- production warnings --------------------------------------------------------------- */

#define STRONG_PASSWORD "Adm1n-Passw0rd!x"
#define STRONG_JWT      "9f2c4e1a7b3d5f6081a2c3e4d5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718"

/* The settings an operator would use in production. */
#define STRONG_ENV                                                                                 \
    "ENVIRONMENT", "production", "ADMIN_PASSWORD", STRONG_PASSWORD, "JWT_SECRET_KEY", STRONG_JWT,  \
        "DATABASE_URL", "postgresql://app:Db-Pa55word@db.example.com/shop", "ADMIN_EMAIL",         \
        "ops@example.com"

/* Loads, builds the warnings, returns them joined by newlines (caller frees) and their count. */
static char *warnings_for(const char *const *env, size_t *count)
{
    struct wz_settings s;
    load_ok(&s, NULL, env);
    char **w = NULL;
    assert_int_equal(wz_settings_production_warnings(&s, &w), WZ_OK);
    assert_non_null(w);
    size_t len = 1;
    for (*count = 0; w[*count] != NULL; (*count)++)
        len += strlen(w[*count]) + 1;
    char *joined = calloc(len, 1);
    assert_non_null(joined);
    for (size_t i = 0; i < *count; i++) {
        strncat(joined, w[i], len - strlen(joined) - 1);
        strncat(joined, "\n", len - strlen(joined) - 1);
    }
    wz_strv_free(w);
    wz_settings_release(&s);
    return joined;
}

static void test_production_defaults_warn(void **state)
{
    (void)state;
    static const char *const env[] = {"ENVIRONMENT", "production", NULL};
    size_t n;
    char *w = warnings_for(env, &n);
    assert_contains(w, "Using default admin password! Set ADMIN_PASSWORD");
    assert_contains(w, "Using default JWT secret key! Set JWT_SECRET_KEY");
    assert_contains(w, "SQLite is the database (sqlite:///./wizamart.db); use PostgreSQL");
    assert_contains(w, "ADMIN_EMAIL is the example address");
    assert_lacks(w, "Debug");
    assert_lacks(w, "wildcard");
    assert_lacks(w, "readable by other users"); /* no .env at all */
    assert_lacks(w, "admin123");
    assert_int_equal(n, 4);
    free(w);
}

static void test_production_strong_settings_no_warning(void **state)
{
    (void)state;
    static const char *const env[] = {STRONG_ENV, NULL};
    size_t n;
    char *w = warnings_for(env, &n);
    if (n != 0)
        fail_msg("unexpected warnings: %s", w);
    free(w);
}

static void test_production_weak_password(void **state)
{
    (void)state;
    static const struct {
        const char *password, *why;
    } cases[] = {
        {"Sh0rt!pw", "shorter than 12 characters"},
        {"alllowercaseletters", "at least three of: lowercase, uppercase, digits, symbols"},
        {"ALLUPPERCASE1234", "at least three of"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const char *const env[] = {STRONG_ENV, "ADMIN_PASSWORD", cases[i].password, NULL};
        size_t n;
        char *w = warnings_for(env, &n);
        assert_contains(w, "Admin password is weak");
        assert_contains(w, cases[i].why);
        assert_lacks(w, cases[i].password);
        assert_int_equal(n, 1);
        free(w);
    }
}

static void test_password_weakness(void **state)
{
    (void)state;
    assert_non_null(wz_password_weakness("admin123"));
    assert_string_equal(wz_password_weakness("admin123"), "it is the documented default");
    assert_non_null(wz_password_weakness("Ab1!"));
    assert_non_null(wz_password_weakness("abcdefghijklmnop"));
    assert_non_null(wz_password_weakness("abcdefghijkl1234")); /* two classes */
    assert_null(wz_password_weakness("abcdefghijK1234"));      /* three classes, 15 long */
    assert_null(wz_password_weakness("SecurePassword123!"));
    assert_null(wz_password_weakness(STRONG_PASSWORD));
}

static void test_production_short_jwt(void **state)
{
    (void)state;
    static const char *const env[] = {STRONG_ENV, "JWT_SECRET_KEY", "short-jwt-secret-0123", NULL};
    size_t n;
    char *w = warnings_for(env, &n);
    assert_contains(w, "JWT secret key is shorter than 32 characters");
    assert_lacks(w, "short-jwt-secret-0123");
    assert_int_equal(n, 1);
    free(w);
}

static void test_production_debug(void **state)
{
    (void)state;
    static const char *const env[] = {STRONG_ENV, "DEBUG", "on", NULL};
    size_t n;
    char *w = warnings_for(env, &n);
    assert_contains(w, "Debug mode enabled! Set DEBUG=false");
    assert_int_equal(n, 1);
    free(w);
}

static void test_production_wildcard_hosts(void **state)
{
    (void)state;
    static const char *const hosts[] = {"*", "shop.example.com,*", "*.example.com"};
    for (size_t i = 0; i < 3; i++) {
        const char *const env[] = {STRONG_ENV, "ALLOWED_HOSTS", hosts[i], NULL};
        size_t n;
        char *w = warnings_for(env, &n);
        assert_contains(w, "ALLOWED_HOSTS is set to wildcard (*)");
        assert_int_equal(n, 1);
        free(w);
    }
}

static void test_production_sqlite(void **state)
{
    (void)state;
    static const char *const env[] = {STRONG_ENV, "DATABASE_URL", "sqlite:////srv/shop.db", NULL};
    size_t n;
    char *w = warnings_for(env, &n);
    assert_contains(w, "SQLite is the database (sqlite:////srv/shop.db); use PostgreSQL");
    assert_int_equal(n, 1);
    free(w);
}

static void test_production_env_file_mode(void **state)
{
    (void)state;
    static const char *const env[] = {STRONG_ENV, NULL};
    write_file(".env", "PROJECT_NAME=Shop\n", 0644);
    size_t n;
    char *w = warnings_for(env, &n);
    assert_contains(w, ".env is readable by other users (mode 0644); run: chmod 600 .env");
    assert_int_equal(n, 1);
    free(w);

    assert_int_equal(chmod(".env", 0600), 0);
    w = warnings_for(env, &n);
    if (n != 0)
        fail_msg("a 0600 .env still warns: %s", w);
    free(w);
}

static void test_production_every_problem_at_once(void **state)
{
    (void)state;
    write_file(".env",
               "ENVIRONMENT=production\n"
               "DEBUG=true\n"
               "ALLOWED_HOSTS=*\n",
               0644);
    size_t n;
    char *w = warnings_for(NULL, &n);
    assert_contains(w, "default admin password");
    assert_contains(w, "default JWT secret");
    assert_contains(w, "Debug mode");
    assert_contains(w, "wildcard");
    assert_contains(w, "SQLite");
    assert_contains(w, "readable by other users");
    assert_contains(w, "ADMIN_EMAIL");
    assert_int_equal(n, 7);
    free(w);
}

static void test_warnings_listed_outside_production_too(void **state)
{
    (void)state;
    /* callers decide what is fatal; development gets the list to show */
    size_t n;
    char *w = warnings_for(NULL, &n);
    assert_contains(w, "default admin password");
    assert_true(n >= 3);
    free(w);
    wz_strv_free(NULL);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_defaults_match_appendix_a),
        T(test_every_default_is_valid),
        T(test_precedence_env_then_dotenv_then_default),
        T(test_empty_environment_value_still_wins),
        T(test_later_dotenv_line_wins),
        T(test_explicit_env_file),
        T(test_missing_explicit_env_file_is_an_error),
        T(test_dotenv_syntax_error_is_a_usage_error),
        T(test_dotenv_expands_from_environment),
        T(test_no_environment_callback),
        T(test_bad_values_from_environment),
        T(test_bad_values_from_dotenv),
        T(test_typed_values_accepted),
        T(test_world_writable_backup_dir),
        T(test_bad_value_in_environment_beats_good_dotenv),
        T(test_int_bounds_are_inclusive),
        T(test_int_allows_surrounding_spaces),
        T(test_secret_never_in_message),
        T(test_environment_any_case),
        T(test_environment_parse_and_name),
        T(test_bool_spellings),
        T(test_auto_bool_and_backup_before_migrate),
        T(test_database_url_parsed),
        T(test_secrets_registered_for_masking),
        T(test_unknown_keys_warn_with_did_you_mean),
        T(test_known_keys_do_not_warn),
        T(test_production_defaults_warn),
        T(test_production_strong_settings_no_warning),
        T(test_production_weak_password),
        T(test_password_weakness),
        T(test_production_short_jwt),
        T(test_production_debug),
        T(test_production_wildcard_hosts),
        T(test_production_sqlite),
        T(test_production_env_file_mode),
        T(test_production_every_problem_at_once),
        T(test_warnings_listed_outside_production_too),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
