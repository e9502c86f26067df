/*
 * init-prod on a real SQLite file: the admin's stored hash verifies with the right password
 * and not with a wrong one, through libsodium and through the reference Argon2 library
 * (libargon2), which proves the PHC string is readable by other implementations.
 */
#include <argon2.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/password.h"
#include "core/settings.h"
#include "db/db.h"
#include "migrate/runner.h"
#include "seed/init_production.h"

static const char *env_of(const char *name, void *ctx)
{
    const char *const *kv = ctx;
    for (; kv[0] != NULL; kv += 2)
        if (strcmp(kv[0], name) == 0)
            return kv[1];
    return NULL;
}

struct fixture {
    char dir[64];
    char url[128];
    char migrations[4096];
    struct wz_settings settings;
    struct wz_db *db;
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof(*f));
    snprintf(f->dir, sizeof(f->dir), "/tmp/wz-initprod-XXXXXX");
    if (f == NULL || mkdtemp(f->dir) == NULL)
        return -1;
    const char *root = getenv("WZ_ROOT");
    snprintf(f->migrations, sizeof(f->migrations), "%s/migrations/versions",
             root != NULL ? root : ".");
    snprintf(f->url, sizeof(f->url), "sqlite:///%s/t.db", f->dir);
    const char *env[] = {"DATABASE_URL",
                         f->url,
                         "MIGRATIONS_DIR",
                         f->migrations,
                         "ADMIN_PASSWORD",
                         "Corr3ct-Horse-Battery!",
                         NULL,
                         NULL};
    struct wz_err err;
    char envfile[128];
    snprintf(envfile, sizeof(envfile), "%s/.env", f->dir);
    FILE *fp = fopen(envfile, "w");
    if (fp == NULL)
        return -1;
    fclose(fp);
    if (wz_settings_load(&f->settings, envfile, env_of, (void *)env, &err) != WZ_OK)
        return -1;
    if (wz_db_open(&f->settings.db_url, NULL, &f->db, &err) != WZ_OK)
        return -1;
    if (wz_migrate_apply_all(f->db, f->migrations, &err) != WZ_OK) {
        fprintf(stderr, "%s\n", err.msg);
        return -1;
    }
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    wz_db_close(f->db);
    wz_settings_release(&f->settings);
    char cmd[128];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", f->dir);
    if (system(cmd) != 0)
        return -1;
    free(f);
    return 0;
}

static char *stored_hash(struct wz_db *db)
{
    struct wz_stmt *st = NULL;
    struct wz_err err;
    assert_int_equal(
        wz_db_prepare(db, "SELECT password_hash FROM users WHERE role = 'admin'", &st, &err),
        WZ_OK);
    assert_int_equal(wz_stmt_step(st, &err), WZ_ROW);
    char *hash = strdup(wz_stmt_column_text(st, 0));
    wz_stmt_finalize(st);
    return hash;
}

static void test_admin_hash_verifies_with_the_right_password_only(void **state)
{
    struct fixture *f = *state;
    struct wz_init_result res;
    struct wz_err err;
    assert_int_equal(wz_init_production(f->db, &f->settings, &res, &err), WZ_OK);
    wz_init_result_release(&res);
    char *hash = stored_hash(f->db);
    assert_true(wz_password_hash_is_valid(hash));
    assert_true(wz_password_verify(hash, "Corr3ct-Horse-Battery!"));
    assert_false(wz_password_verify(hash, "Corr3ct-Horse-Battery"));
    assert_false(wz_password_verify(hash, "admin123"));
    /* The reference implementation reads the same PHC string. */
    const char *right = "Corr3ct-Horse-Battery!";
    assert_int_equal(argon2id_verify(hash, right, strlen(right)), ARGON2_OK);
    assert_int_equal(argon2id_verify(hash, "wrong", 5), ARGON2_VERIFY_MISMATCH);
    assert_null(strstr(hash, right));
    free(hash);
}

static void test_second_run_keeps_the_hash(void **state)
{
    struct fixture *f = *state;
    struct wz_init_result res;
    struct wz_err err;
    assert_int_equal(wz_init_production(f->db, &f->settings, &res, &err), WZ_OK);
    wz_init_result_release(&res);
    char *first = stored_hash(f->db);
    assert_int_equal(wz_init_production(f->db, &f->settings, &res, &err), WZ_OK);
    assert_int_equal(res.created, 0);
    wz_init_result_release(&res);
    char *second = stored_hash(f->db);
    assert_string_equal(first, second);
    free(first);
    free(second);
}

static void test_hash_module_round_trip(void **state)
{
    (void)state;
    char hash[WZ_PASSWORD_HASH_MAX];
    struct wz_err err;
    assert_int_equal(wz_password_hash("s3cret-Passphrase", hash, &err), WZ_OK);
    assert_true(strncmp(hash, "$argon2id$v=19$m=19456,t=2,p=1$", 31) == 0);
    assert_true(wz_password_verify(hash, "s3cret-Passphrase"));
    assert_false(wz_password_verify(hash, "s3cret-passphrase"));
    assert_false(wz_password_hash_is_valid("plaintext"));
    assert_false(wz_password_hash_is_valid("$2b$12$abcdefghijklmnopqrstuv"));
    assert_false(wz_password_hash_is_valid("$argon2id$v=19$m=19456,t=2,p=1$short$short"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_admin_hash_verifies_with_the_right_password_only,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_second_run_keeps_the_hash, setup, teardown),
        cmocka_unit_test(test_hash_module_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
