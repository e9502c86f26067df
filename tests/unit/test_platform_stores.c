/*
 * The platform engine (src/platform/) on a migrated throwaway SQLite database: a store
 * created for a new owner leaves a placeholder account and an owner invitation whose token
 * works once; every refusal (a bad field, a duplicate, a limit) leaves nothing written; the
 * team limit counts members and pending invitations. The HTTP side is tests/cli/t_server_*.sh.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/settings.h"
#include "db/db.h"
#include "migrate/runner.h"
#include "platform/invitations.h"
#include "platform/platform_util.h"
#include "platform/stores.h"
#include "tmpdb.h"

static struct wz_settings settings(void)
{
    struct wz_settings s;
    memset(&s, 0, sizeof(s));
    s.environment = WZ_ENV_DEVELOPMENT;
    s.max_stores_per_user = 2;
    s.max_team_members_per_store = 3;
    s.invitation_expiry_days = 7;
    s.default_currency = "EUR";
    return s;
}

static void exec_ok(struct wz_db *db, const char *sql)
{
    struct wz_err err = {0};
    if (wz_db_exec(db, sql, &err) != 0)
        fail_msg("%s: %s", sql, err.msg);
}

static int64_t count(struct wz_db *db, const char *sql)
{
    int64_t n = -1;
    struct wz_err err = {0};
    if (wz_db_query_int64(db, sql, NULL, 0, &n, &err) < 0)
        fail_msg("%s: %s", sql, err.msg);
    return n;
}

static int setup(void **state)
{
    if (tmpdb_setup(state, "wz-platform-") != 0)
        return -1;
    struct tmpdb *t = *state;
    const char *root = getenv("WZ_ROOT");
    char dir[512];
    snprintf(dir, sizeof(dir), "%s/migrations/versions", root != NULL ? root : ".");
    struct wz_err err = {0};
    if (wz_migrate_apply_all(t->db, dir, &err) != 0) {
        fprintf(stderr, "%s\n", err.msg);
        return -1;
    }
    exec_ok(t->db, "INSERT INTO roles (name) VALUES ('owner'), ('manager'), ('staff')");
    exec_ok(t->db, "INSERT INTO users (email, username, password_hash, role) VALUES "
                   "('owner@example.com', 'owner', 'x', 'store'), "
                   "('admin@example.com', 'admin', 'x', 'admin')");
    return 0;
}

/* Everything a create could write, as one number per table, for "nothing was written". */
static const char q_rows[] =
    "SELECT (SELECT count(*) FROM stores) * 100000000 + (SELECT count(*) FROM store_themes) * "
    "1000000 + (SELECT count(*) FROM store_domains) * 10000 + (SELECT count(*) FROM users) * "
    "100 + (SELECT count(*) FROM store_invitations)";

static void test_validators(void **state)
{
    (void)state;
    assert_true(wz_pf_email_ok("a.b+c@example.co.uk"));
    assert_false(wz_pf_email_ok("no-at-sign"));
    assert_false(wz_pf_email_ok("two@@example.com"));
    assert_false(wz_pf_email_ok("a b@example.com"));
    assert_false(wz_pf_email_ok("a@localhost"));
    assert_true(wz_pf_hostname_ok("shop.example.com"));
    assert_false(wz_pf_hostname_ok("-shop.example.com"));
    assert_false(wz_pf_hostname_ok("shop..example.com"));
    assert_false(wz_pf_hostname_ok("10.0.0.1"));
    assert_false(wz_pf_hostname_ok("Shop.example.com"));
    char like[32];
    assert_true(wz_pf_like("A%b_\\", like, sizeof(like)));
    assert_string_equal(like, "%a\\%b\\_\\\\%");
    char ts[24];
    wz_pf_ts("2026-01-08 00:00:00+00", ts);
    assert_string_equal(ts, "2026-01-08T00:00:00Z");
    wz_pf_time(0, ts);
    assert_string_equal(ts, "1970-01-01T00:00:00Z");
}

static void test_new_owner_gets_a_one_time_invitation(void **state)
{
    struct tmpdb *t = *state;
    struct wz_settings s = settings();
    struct wz_store_input in = {.code = "shop1",
                                .name = "Shop One",
                                .subdomain = "shop-one",
                                .custom_domain = "shop.example.com",
                                .owner_email = "New@Example.com"};
    struct wz_field_errors fe = {0};
    struct wz_store_info store;
    struct wz_invitation_info inv;
    char token[WZ_INVITATION_TOKEN_HEX + 1];
    struct wz_err err = {0};
    int rc = wz_store_create(t->db, &s, &in, &fe, &store, &inv, token, &err);
    if (rc != WZ_OK)
        fail_msg("create: %d %s %s", rc, err.msg, fe.n ? fe.e[0].message : "");
    assert_string_equal(store.code, "SHOP1");
    assert_true(inv.id > 0);
    assert_int_equal(strlen(token), WZ_INVITATION_TOKEN_HEX);
    assert_string_equal(inv.email, "new@example.com");
    assert_int_equal(count(t->db, "SELECT count(*) FROM users WHERE email = 'new@example.com' "
                                  "AND is_active = false"),
                     1);

    struct wz_invitation_accepted acc;
    memset(&fe, 0, sizeof(fe));
    assert_int_equal(wz_invitation_accept(t->db, &s, token, "short", NULL, NULL, &fe, &acc, &err),
                     WZ_EUSAGE);
    assert_string_equal(fe.e[0].field, "password");
    memset(&fe, 0, sizeof(fe));
    rc = wz_invitation_accept(t->db, &s, token, "long enough", "Ada", NULL, &fe, &acc, &err);
    if (rc != WZ_OK)
        fail_msg("accept: %d %s", rc, err.msg);
    assert_int_equal(acc.store_id, store.id);
    assert_string_equal(acc.role, "owner");
    assert_int_equal(count(t->db, "SELECT count(*) FROM users WHERE email = 'new@example.com' "
                                  "AND is_active = true AND first_name = 'Ada'"),
                     1);
    assert_int_equal(count(t->db, "SELECT count(*) FROM store_users WHERE is_active = true"), 1);
    memset(&fe, 0, sizeof(fe));
    assert_int_equal(
        wz_invitation_accept(t->db, &s, token, "long enough", NULL, NULL, &fe, &acc, &err),
        WZ_ENOENT);
}

static void test_refusals_write_nothing(void **state)
{
    struct tmpdb *t = *state;
    struct wz_settings s = settings();
    struct wz_field_errors fe = {0};
    struct wz_store_info store;
    struct wz_invitation_info inv;
    char token[WZ_INVITATION_TOKEN_HEX + 1];
    struct wz_err err = {0};
    struct wz_store_input ok = {.code = "ONE",
                                .name = "One",
                                .subdomain = "one",
                                .custom_domain = "one.example.com",
                                .owner_user_id = 1};
    assert_int_equal(wz_store_create(t->db, &s, &ok, &fe, &store, &inv, token, &err), WZ_OK);
    assert_int_equal(inv.id, 0);
    int64_t before = count(t->db, q_rows);

    /* bad fields, each named */
    struct wz_store_input bad = {
        .code = "x", .name = "", .subdomain = "admin", .theme_preset = "neon", .owner_user_id = 1};
    memset(&fe, 0, sizeof(fe));
    assert_int_equal(wz_store_create(t->db, &s, &bad, &fe, &store, &inv, token, &err), WZ_EUSAGE);
    assert_int_equal(fe.n, 4);
    /* duplicates: code, subdomain and domain at once, for a new owner whose account must
     * not be left behind */
    struct wz_store_input dup = {.code = "one",
                                 .name = "Two",
                                 .subdomain = "One",
                                 .custom_domain = "ONE.example.com",
                                 .owner_email = "someone@example.com"};
    memset(&fe, 0, sizeof(fe));
    assert_int_equal(wz_store_create(t->db, &s, &dup, &fe, &store, &inv, token, &err),
                     WZ_ECONFLICT);
    assert_int_equal(fe.n, 3);
    assert_string_equal(token, "");
    assert_int_equal(count(t->db, q_rows), before);
    /* the limit: the owner has 1 store, may have 2 */
    struct wz_store_input second = {
        .code = "TWO", .name = "Two", .subdomain = "two", .owner_user_id = 1};
    memset(&fe, 0, sizeof(fe));
    assert_int_equal(wz_store_create(t->db, &s, &second, &fe, &store, &inv, token, &err), WZ_OK);
    before = count(t->db, q_rows);
    struct wz_store_input third = {
        .code = "THREE", .name = "Three", .subdomain = "three", .owner_user_id = 1};
    memset(&fe, 0, sizeof(fe));
    assert_int_equal(wz_store_create(t->db, &s, &third, &fe, &store, &inv, token, &err), WZ_EUSAGE);
    assert_string_equal(fe.e[0].field, "owner_user_id");
    assert_non_null(strstr(fe.e[0].message, "MAX_STORES_PER_USER is 2"));
    assert_int_equal(count(t->db, q_rows), before);
    assert_false(t->db->in_transaction);
}

static void test_team_limit_counts_pending_invitations(void **state)
{
    struct tmpdb *t = *state;
    struct wz_settings s = settings();
    struct wz_field_errors fe = {0};
    struct wz_store_info store;
    struct wz_invitation_info inv;
    char token[WZ_INVITATION_TOKEN_HEX + 1];
    struct wz_err err = {0};
    struct wz_store_input in = {
        .code = "TEAM", .name = "Team", .subdomain = "team", .owner_user_id = 1};
    assert_int_equal(wz_store_create(t->db, &s, &in, &fe, &store, &inv, token, &err), WZ_OK);
    /* the owner is 1 of 3: two invitations fit, a third does not */
    assert_int_equal(wz_invitation_create(t->db, &s, store.id, "a@example.com", "staff", 1, &fe,
                                          &inv, token, &err),
                     WZ_OK);
    assert_int_equal(wz_invitation_create(t->db, &s, store.id, "A@example.com", "staff", 1, &fe,
                                          &inv, token, &err),
                     WZ_ECONFLICT);
    memset(&fe, 0, sizeof(fe));
    assert_int_equal(wz_invitation_create(t->db, &s, store.id, "b@example.com", "manager", 1, &fe,
                                          &inv, token, &err),
                     WZ_OK);
    int64_t b_id = inv.id;
    memset(&fe, 0, sizeof(fe));
    assert_int_equal(wz_invitation_create(t->db, &s, store.id, "c@example.com", "staff", 1, &fe,
                                          &inv, token, &err),
                     WZ_EUSAGE);
    assert_non_null(strstr(fe.e[0].message, "MAX_TEAM_MEMBERS_PER_STORE (3)"));
    /* revoking one frees its seat */
    assert_int_equal(wz_invitation_revoke(t->db, store.id, b_id, &err), WZ_OK);
    memset(&fe, 0, sizeof(fe));
    assert_int_equal(wz_invitation_create(t->db, &s, store.id, "c@example.com", "staff", 1, &fe,
                                          &inv, token, &err),
                     WZ_OK);
    /* owner is the owner's role only; an unknown role is a field error */
    memset(&fe, 0, sizeof(fe));
    assert_int_equal(wz_invitation_create(t->db, &s, store.id, "d@example.com", "owner", 1, &fe,
                                          &inv, token, &err),
                     WZ_EUSAGE);
    memset(&fe, 0, sizeof(fe));
    assert_int_equal(wz_invitation_create(t->db, &s, store.id, "d@example.com", "boss", 1, &fe,
                                          &inv, token, &err),
                     WZ_EUSAGE);
    assert_string_equal(fe.e[0].field, "role");
    /* another store's invitation is not found through this one */
    assert_int_equal(wz_invitation_revoke(t->db, store.id + 1, inv.id, &err), WZ_ENOENT);
    struct wz_invitation_info *list = NULL;
    size_t n = 0;
    assert_int_equal(wz_invitation_list(t->db, store.id, NULL, &list, &n, &err), WZ_OK);
    assert_int_equal(n, 3);
    assert_string_equal(list[0].status, "pending");
    assert_string_equal(list[n - 1].status, "revoked");
    free(list);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_validators),
        cmocka_unit_test_setup_teardown(test_new_owner_gets_a_one_time_invitation, setup,
                                        tmpdb_teardown),
        cmocka_unit_test_setup_teardown(test_refusals_write_nothing, setup, tmpdb_teardown),
        cmocka_unit_test_setup_teardown(test_team_limit_counts_pending_invitations, setup,
                                        tmpdb_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
