/*
 * The setup checklist: see verify.h. Each check_* function fills one struct wz_verify_check; they
 * read the database through db.h only, so the same checklist runs on SQLite and PostgreSQL.
 */
#include "ops/verify.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/password.h"
#include "db/db.h"
#include "migrate/meta.h"
#include "migrate/runner.h"
#include "schema/diff.h"
#include "seed/admin_settings.h"
#include "seed/rbac.h"
#include "seed/seed_demo.h"

const char *wz_verify_status_name(enum wz_verify_status st)
{
    switch (st) {
    case WZ_VERIFY_OK:
        return "ok";
    case WZ_VERIFY_FAIL:
        return "fail";
    case WZ_VERIFY_WARN:
        return "warn";
    case WZ_VERIFY_SKIPPED:
        return "skipped";
    }
    return "fail";
}

/* Appends to a fixed buffer, truncating quietly (details are for people). */
static void add(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void add(char *buf, size_t size, const char *fmt, ...)
{
    size_t len = strlen(buf);
    if (len + 1 >= size)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf + len, size - len, fmt, ap);
    va_end(ap);
}

static struct wz_verify_check *begin(struct wz_verify_report *r, const char *id, const char *title,
                                     bool required)
{
    struct wz_verify_check *c = &r->checks[r->n++];
    memset(c, 0, sizeof(*c));
    c->id = id;
    c->title = title;
    c->required = required;
    c->status = WZ_VERIFY_OK;
    return c;
}

static void fail(struct wz_verify_check *c, const char *fix)
{
    c->status = WZ_VERIFY_FAIL;
    snprintf(c->fix, sizeof(c->fix), "%s", fix);
}

/* Whether a check's error is a shortage of memory, which is the run's failure (verify.h)
 * rather than the check's finding: then it becomes the run's error. */
static bool short_of_memory(const struct wz_err *found, struct wz_err *err)
{
    if (found->code != WZ_ENOMEM)
        return false;
    wz_err_set(err, WZ_ENOMEM, "%s", found->msg);
    return true;
}

/* ---- the checks ---- */

static void check_settings(const struct wz_settings *s, struct wz_verify_report *r)
{
    struct wz_verify_check *c = begin(r, "settings", "Settings valid", true);
    /* Reaching this point means every setting parsed and passed its bounds (a bad one exits
     * 2 before any command runs); say what was loaded from where. */
    add(c->detail, sizeof(c->detail), "ENVIRONMENT=%s, DATABASE_URL=%s, .env: %s",
        wz_environment_name(s->environment), s->db_url.redacted,
        s->env_file != NULL ? s->env_file : "none (defaults and environment)");
}

static int check_migrations(struct wz_db *db, const struct wz_settings *s,
                            struct wz_verify_check *c, bool *pending, struct wz_err *err)
{
    struct wz_migrate_status st;
    struct wz_err found = {0};
    *pending = false;
    if (wz_migrate_status(db, s->migrations_dir, &st, &found) != WZ_OK) {
        if (short_of_memory(&found, err))
            return WZ_ENOMEM;
        add(c->detail, sizeof(c->detail), "%s", found.msg);
        fail(c, "check MIGRATIONS_DIR and `make migrate-status`");
        return WZ_OK;
    }
    bool checksum = false;
    for (size_t i = 0; i < st.problems.n; i++) {
        const struct wz_problem *p = &st.problems.v[i];
        checksum = checksum || p->kind == WZ_PROBLEM_CHECKSUM || p->kind == WZ_PROBLEM_MISSING_FILE;
        add(c->detail, sizeof(c->detail), "%s%s", c->detail[0] != '\0' ? "; " : "", p->message);
    }
    if (!st.tables) {
        add(c->detail, sizeof(c->detail),
            "%sthe database was never migrated (%zu revision%s "
            "to apply)",
            c->detail[0] != '\0' ? "; " : "", st.npending, st.npending == 1 ? "" : "s");
    } else if (st.npending > 0) {
        add(c->detail, sizeof(c->detail),
            "%s%zu revision%s pending:", c->detail[0] != '\0' ? "; " : "", st.npending,
            st.npending == 1 ? "" : "s");
        for (size_t i = 0; i < st.npending && i < 3; i++)
            add(c->detail, sizeof(c->detail), " %s (%s)%s", st.pending[i].revision,
                st.pending[i].message != NULL ? st.pending[i].message : "",
                i + 1 < st.npending && i < 2 ? "," : "");
        if (st.npending > 3)
            add(c->detail, sizeof(c->detail), " and %zu more", st.npending - 3);
    }
    *pending = st.npending > 0;
    if (checksum)
        fail(c, "an applied revision file was edited or deleted: restore it as it was applied "
                "(e.g. git checkout -- FILE) and add a new revision for the change; details: "
                "`make migrate-status`");
    else if (st.problems.n > 0)
        fail(c, "fix the revision files listed (`make migrate-status` shows them all)");
    else if (!st.tables || st.npending > 0)
        fail(c, "make migrate-up");
    else
        add(c->detail, sizeof(c->detail), "at %s (%zu revision%s applied, checksums match)",
            st.ncurrent > 0 ? st.current[0] : "base", st.napplied, st.napplied == 1 ? "" : "s");
    wz_migrate_status_release(&st);
    return WZ_OK;
}

static int check_schema(struct wz_db *db, bool pending, struct wz_verify_check *c,
                        struct wz_err *err)
{
    struct wz_schema_diff diff;
    struct wz_err found = {0};
    if (wz_schema_drift(db, wz_models(), &diff, &found) != WZ_OK) {
        wz_schema_diff_release(&diff);
        if (short_of_memory(&found, err))
            return WZ_ENOMEM;
        add(c->detail, sizeof(c->detail), "cannot read the schema: %s", found.msg);
        fail(c, "check that the database is readable (`make validate`)");
        return WZ_OK;
    }
    if (diff.n == 0) {
        add(c->detail, sizeof(c->detail), "%d tables as the models describe them",
            wz_models()->ntables);
    } else {
        add(c->detail, sizeof(c->detail), "%d difference%s:", diff.n, diff.n == 1 ? "" : "s");
        for (int i = 0; i < diff.n && i < 3; i++)
            add(c->detail, sizeof(c->detail), " %s%s", diff.items[i].text,
                i + 1 < diff.n && i < 2 ? ";" : "");
        if (diff.n > 3)
            add(c->detail, sizeof(c->detail), "; and %d more", diff.n - 3);
        fail(c, pending ? "make migrate-up (a revision is pending)"
                        : "the database was changed outside the migrations: undo the change, "
                          "or record it in a revision (make migrate-create message=\"...\"); "
                          "`build/wizamart validate schema` lists every difference");
    }
    wz_schema_diff_release(&diff);
    return WZ_OK;
}

static int check_admin(struct wz_db *db, const struct wz_settings *s, struct wz_verify_check *c,
                       struct wz_err *err)
{
    char email[320];
    snprintf(email, sizeof(email), "%s", s->admin_email);
    for (char *p = email; *p != '\0'; p++)
        *p = (char)tolower((unsigned char)*p);
    struct wz_stmt *st = NULL;
    struct wz_err found = {0};
    int rc = wz_db_prepare(db,
                           "SELECT id, email, role, CASE WHEN is_active THEN 1 ELSE 0 END, "
                           "password_hash FROM users WHERE email = $1 OR username = $2 ORDER BY id",
                           &st, &found);
    if (rc == WZ_OK) {
        wz_stmt_bind_text(st, 1, email);
        wz_stmt_bind_text(st, 2, s->admin_username);
        rc = wz_stmt_step(st, &found);
    }
    if (rc < 0 && short_of_memory(&found, err)) {
        rc = WZ_ENOMEM;
    } else if (rc < 0) {
        rc = WZ_OK;
        add(c->detail, sizeof(c->detail), "cannot read users: %s", found.msg);
        fail(c, "make migrate-up, then make init-prod");
    } else if (rc == WZ_DONE) {
        add(c->detail, sizeof(c->detail), "no user %s (ADMIN_EMAIL) or %s (ADMIN_USERNAME)", email,
            s->admin_username);
        fail(c, "make init-prod");
    } else {
        rc = WZ_OK;
        long long id = (long long)wz_stmt_column_int64(st, 0);
        const char *role = wz_stmt_column_text(st, 2);
        bool active = wz_stmt_column_int64(st, 3) != 0;
        add(c->detail, sizeof(c->detail), "%s (id %lld, role %s, %s)", wz_stmt_column_text(st, 1),
            id, role, active ? "active" : "inactive");
        char fix[256];
        if (strcmp(role, "admin") != 0) {
            snprintf(fix, sizeof(fix),
                     "the user is not a platform admin: UPDATE users SET role = 'admin' WHERE id "
                     "= %lld, or set ADMIN_EMAIL and ADMIN_USERNAME to the admin's",
                     id);
            fail(c, fix);
        } else if (!active) {
            snprintf(fix, sizeof(fix),
                     "reactivate the admin: UPDATE users SET is_active = true WHERE id = %lld", id);
            fail(c, fix);
        } else if (wz_settings_is_production(s) &&
                   wz_password_verify(wz_stmt_column_text(st, 4), WZ_DEFAULT_ADMIN_PASSWORD)) {
            add(c->detail, sizeof(c->detail), "; its password is the default one");
            fail(c, "a production admin must not keep the default password: sign in and change "
                    "it, or deactivate this user and run make init-prod with a strong "
                    "ADMIN_PASSWORD");
        }
    }
    wz_stmt_finalize(st);
    return rc;
}

/* Runs sql (one text parameter) for each name; lists the names with no row into c. Returns
 * the number missing, -1 on a query error (then c failed), or WZ_ENOMEM (then err says so). */
static int missing_names(struct wz_db *db, const char *sql, const char *const *names, size_t n,
                         const char *what, struct wz_verify_check *c, struct wz_err *err)
{
    int missing = 0;
    for (size_t i = 0; i < n; i++) {
        struct wz_err found = {0};
        int64_t v = 0;
        const char *param[] = {names[i]};
        int rc = wz_db_query_int64(db, sql, param, 1, &v, &found);
        if (rc < 0 && short_of_memory(&found, err))
            return WZ_ENOMEM;
        if (rc < 0) {
            c->detail[0] = '\0';
            add(c->detail, sizeof(c->detail), "cannot read %s: %s", what, found.msg);
            fail(c, "make migrate-up, then make init-prod");
            return -1;
        }
        if (rc == 0) {
            add(c->detail, sizeof(c->detail), "%s%s", missing == 0 ? "missing: " : ", ", names[i]);
            missing++;
        }
    }
    return missing;
}

static int check_admin_settings(struct wz_db *db, struct wz_verify_check *c, struct wz_err *err)
{
    size_t n;
    const struct wz_admin_setting_def *defs = wz_admin_settings(&n);
    const char *names[64] = {0};
    if (n > sizeof(names) / sizeof(names[0]))
        n = sizeof(names) / sizeof(names[0]);
    for (size_t i = 0; i < n; i++)
        names[i] = defs[i].key;
    int missing = missing_names(db, "SELECT 1 FROM admin_settings WHERE key = $1", names, n,
                                "admin_settings", c, err);
    if (missing == WZ_ENOMEM)
        return WZ_ENOMEM;
    if (missing > 0)
        fail(c, "make init-prod (creates what is missing, changes nothing else)");
    else if (missing == 0)
        add(c->detail, sizeof(c->detail), "all %zu present", n);
    return WZ_OK;
}

static int check_roles(struct wz_db *db, struct wz_verify_check *c, struct wz_err *err)
{
    size_t np, nr;
    const struct wz_permission_def *perms = wz_rbac_permissions(&np);
    const struct wz_role_def *roles = wz_rbac_roles(&nr);
    const char *names[64] = {0};
    size_t n = 0;
    for (size_t i = 0; i < np && n < 64; i++)
        names[n++] = perms[i].code;
    int missing = missing_names(db, "SELECT 1 FROM permissions WHERE code = $1", names, n,
                                "permissions", c, err);
    if (missing < 0)
        return missing == WZ_ENOMEM ? WZ_ENOMEM : WZ_OK;
    n = 0;
    for (size_t i = 0; i < nr && n < 64; i++)
        names[n++] = roles[i].name;
    /* A template that grants nothing is as good as missing: nobody in that role can work. */
    int missing_roles = missing_names(db,
                                      "SELECT 1 FROM roles r WHERE r.name = $1 AND EXISTS "
                                      "(SELECT 1 FROM role_permissions rp WHERE rp.role_id = r.id)",
                                      names, n, "roles", c, err);
    if (missing_roles < 0)
        return missing_roles == WZ_ENOMEM ? WZ_ENOMEM : WZ_OK;
    if (missing + missing_roles > 0)
        fail(c, "make init-prod (creates what is missing; a role template that grants nothing "
                "counts as missing: give it its permissions back)");
    else
        add(c->detail, sizeof(c->detail),
            "%zu role templates granting permissions, %zu "
            "permissions",
            nr, np);
    return WZ_OK;
}

static int check_production(const struct wz_settings *s, struct wz_verify_check *c,
                            struct wz_err *err)
{
    char **warnings = NULL;
    int rc = wz_settings_production_warnings(s, &warnings);
    if (rc != WZ_OK)
        return wz_err_set(err, rc, "cannot list the insecure settings: out of memory");
    size_t n = 0;
    while (warnings[n] != NULL)
        n++;
    if (wz_settings_is_production(s)) {
        for (size_t i = 0; i < n; i++)
            add(c->detail, sizeof(c->detail), "%s%s", i > 0 ? "; " : "", warnings[i]);
        if (n > 0)
            fail(c,
                 "update .env with secure values (`build/wizamart config validate` explains each)");
        else
            add(c->detail, sizeof(c->detail), "no insecure setting");
    } else {
        add(c->detail, sizeof(c->detail), "not enforced with ENVIRONMENT=%s",
            wz_environment_name(s->environment));
        if (n > 0)
            add(c->detail, sizeof(c->detail), " (%zu setting%s would be flagged in production)", n,
                n == 1 ? "" : "s");
    }
    wz_strv_free(warnings);
    return WZ_OK;
}

/* Development: the demo data of either seeding mode, store by store: what the SEED_* settings
 * ask for (make seed-demo) or the minimal mode's one store (make seed-demo-minimal). */
static int check_demo_counts(struct wz_db *db, const struct wz_settings *s,
                             struct wz_verify_check *c, struct wz_err *err)
{
    struct wz_stmt *st = NULL;
    struct wz_err found = {0};
    int rc = wz_db_prepare(
        db,
        "SELECT s.id, s.code, (SELECT count(*) FROM customers x WHERE x.store_id = s.id AND "
        "x.is_demo), (SELECT count(*) FROM products x WHERE x.store_id = s.id AND x.is_demo), "
        "(SELECT count(*) FROM orders x WHERE x.store_id = s.id AND x.is_demo) FROM stores s "
        "WHERE s.is_demo ORDER BY s.id",
        &st, &found);
    int64_t stores = 0;
    int off = 0;         /* stores whose counts differ from the settings */
    int off_minimal = 0; /* ... from the minimal mode's */
    bool more = false;
    while (rc >= 0 && (rc = wz_stmt_step(st, &found)) == WZ_ROW) {
        stores++;
        int64_t cu = wz_stmt_column_int64(st, 2), pr = wz_stmt_column_int64(st, 3),
                ord = wz_stmt_column_int64(st, 4);
        if (cu != WZ_SEED_MINIMAL_CUSTOMERS || pr != WZ_SEED_MINIMAL_PRODUCTS ||
            ord != WZ_SEED_MINIMAL_ORDERS)
            off_minimal++;
        if (cu == s->seed_customers_per_store && pr == s->seed_products_per_store &&
            ord == s->seed_orders_per_store)
            continue;
        more = more || cu > s->seed_customers_per_store || pr > s->seed_products_per_store ||
               ord > s->seed_orders_per_store;
        if (off++ < 3)
            add(c->detail, sizeof(c->detail),
                "%sstore %s has %lld customers, %lld products, %lld orders",
                c->detail[0] != '\0' ? "; " : "", wz_stmt_column_text(st, 1), (long long)cu,
                (long long)pr, (long long)ord);
    }
    wz_stmt_finalize(st);
    if (rc < 0 && short_of_memory(&found, err))
        return WZ_ENOMEM;
    if (rc < 0) {
        c->detail[0] = '\0';
        add(c->detail, sizeof(c->detail), "cannot read the demo data: %s", found.msg);
        fail(c, "make migrate-up");
        return WZ_OK;
    }
    char expected[240];
    snprintf(expected, sizeof(expected),
             "SEED_DEMO_STORES=%lld with %lld customers, %lld products, %lld orders each "
             "(make seed-demo), or 1 store with %d, %d, %d (make seed-demo-minimal)",
             (long long)s->seed_demo_stores, (long long)s->seed_customers_per_store,
             (long long)s->seed_products_per_store, (long long)s->seed_orders_per_store,
             WZ_SEED_MINIMAL_CUSTOMERS, WZ_SEED_MINIMAL_PRODUCTS, WZ_SEED_MINIMAL_ORDERS);
    if (stores == 1 && off_minimal == 0) {
        c->detail[0] = '\0';
        add(c->detail, sizeof(c->detail),
            "1 demo store with %d customers, %d products, %d orders (the minimal mode)",
            WZ_SEED_MINIMAL_CUSTOMERS, WZ_SEED_MINIMAL_PRODUCTS, WZ_SEED_MINIMAL_ORDERS);
    } else if (stores == 0) {
        add(c->detail, sizeof(c->detail), "no demo data; the settings ask for %s", expected);
        fail(c, "make seed-demo");
    } else if (stores != s->seed_demo_stores || off > 0) {
        add(c->detail, sizeof(c->detail), "%s%lld demo store%s; expected %s",
            c->detail[0] != '\0' ? "; " : "", (long long)stores, stores == 1 ? "" : "s", expected);
        fail(c, more || stores > s->seed_demo_stores
                    ? "make seed-demo-reset (the database has more demo data than the settings "
                      "ask for)"
                    : "make seed-demo (adds what is missing)");
    } else {
        add(c->detail, sizeof(c->detail),
            "%lld demo stores, each with %lld customers, %lld "
            "products, %lld orders",
            (long long)stores, (long long)s->seed_customers_per_store,
            (long long)s->seed_products_per_store, (long long)s->seed_orders_per_store);
    }
    return WZ_OK;
}

/* Staging and production: demo data has no business there. */
static int check_no_demo(struct wz_db *db, const struct wz_settings *s, struct wz_verify_check *c,
                         struct wz_err *err)
{
    struct wz_err found = {0};
    int64_t stores = 0, users = 0;
    int rc = wz_db_query_int64(db, "SELECT count(*) FROM stores WHERE is_demo", NULL, 0, &stores,
                               &found);
    if (rc >= 0)
        rc = wz_db_query_int64(db, "SELECT count(*) FROM users WHERE is_demo", NULL, 0, &users,
                               &found);
    if (rc < 0 && short_of_memory(&found, err))
        return WZ_ENOMEM;
    if (rc < 0) {
        c->detail[0] = '\0';
        add(c->detail, sizeof(c->detail), "cannot read the demo data: %s", found.msg);
        fail(c, "make migrate-up");
        return WZ_OK;
    }
    if (stores == 0 && users == 0) {
        add(c->detail, sizeof(c->detail), "no demo data (ENVIRONMENT=%s)",
            wz_environment_name(s->environment));
        return WZ_OK;
    }
    add(c->detail, sizeof(c->detail), "%lld demo store%s and %lld demo user%s in a %s database",
        (long long)stores, stores == 1 ? "" : "s", (long long)users, users == 1 ? "" : "s",
        wz_environment_name(s->environment));
    fail(c, "delete them: DELETE FROM stores WHERE is_demo; DELETE FROM users WHERE is_demo "
            "(their stores' data goes with them)");
    if (!wz_settings_is_production(s))
        c->status = WZ_VERIFY_WARN;
    return WZ_OK;
}

static void skip_rest(struct wz_verify_report *r, const char *const *ids, const char *const *titles,
                      size_t n, const char *why)
{
    for (size_t i = 0; i < n; i++) {
        struct wz_verify_check *c = begin(r, ids[i], titles[i], true);
        c->status = WZ_VERIFY_SKIPPED;
        snprintf(c->detail, sizeof(c->detail), "not checked: %s", why);
        snprintf(c->fix, sizeof(c->fix), "fix the database connection first");
    }
}

int wz_verify_run(const struct wz_settings *settings, struct wz_db *opened,
                  const struct wz_err *open_err, struct wz_verify_report *r, struct wz_err *err)
{
    memset(r, 0, sizeof(*r));
    /* A shallow copy whose environment the database's stamp may raise to production. */
    struct wz_settings eff = *settings;
    const struct wz_settings *s = &eff;
    check_settings(s, r);

    static const char *const ids[] = {"migrations", "schema", "admin", "admin_settings", "roles"};
    static const char *const titles[] = {
        "Migrations at head, checksums matching", "Live schema matches the models",
        "Platform admin present and active",      "Admin settings present",
        "Permissions and role templates present",
    };
    struct wz_verify_check *c = begin(r, "database", "Database reachable", true);
    struct wz_db *db = opened;
    struct wz_err oerr = {0};
    int rc = WZ_OK;
    if (db == NULL) {
        if (short_of_memory(open_err, err))
            return WZ_ENOMEM;
        add(c->detail, sizeof(c->detail), "%s", open_err->msg);
        fail(c, open_err->code == WZ_ENOENT ? "make db-setup (or make migrate-up)"
                                            : "check DATABASE_URL and that the server is running");
        skip_rest(r, ids, titles, sizeof(ids) / sizeof(ids[0]), "the database is unreachable");
    } else if (wz_meta_apply_stamp(db, &eff, &oerr) != WZ_OK) {
        if (short_of_memory(&oerr, err))
            return WZ_ENOMEM;
        add(c->detail, sizeof(c->detail), "%s", oerr.msg);
        fail(c, "check that DATABASE_URL names a wizamart database");
        skip_rest(r, ids, titles, sizeof(ids) / sizeof(ids[0]), "the database is unreadable");
        db = NULL;
    } else {
        add(c->detail, sizeof(c->detail), "%s%s", s->db_url.redacted,
            eff.env_from_stamp ? " (stamped production: checked as production)" : "");
        bool pending = false;
        rc = check_migrations(db, s, begin(r, ids[0], titles[0], true), &pending, err);
        if (rc == WZ_OK)
            rc = check_schema(db, pending, begin(r, ids[1], titles[1], true), err);
        if (rc == WZ_OK)
            rc = check_admin(db, s, begin(r, ids[2], titles[2], true), err);
        if (rc == WZ_OK)
            rc = check_admin_settings(db, begin(r, ids[3], titles[3], true), err);
        if (rc == WZ_OK)
            rc = check_roles(db, begin(r, ids[4], titles[4], true), err);
    }
    const char *demo_title =
        wz_settings_is_development(s) ? "Demo data matches a seeding mode" : "No demo data";
    if (rc == WZ_OK)
        rc = check_production(
            s, begin(r, "production", "Production settings safe", wz_settings_is_production(s)),
            err);
    if (rc != WZ_OK)
        return rc;
    if (db == NULL) {
        struct wz_verify_check *d = begin(r, "demo", demo_title, !wz_settings_is_staging(s));
        d->status = WZ_VERIFY_SKIPPED;
        snprintf(d->detail, sizeof(d->detail), "not checked: the database is unreachable");
        snprintf(d->fix, sizeof(d->fix), "fix the database connection first");
    } else if (wz_settings_is_development(s)) {
        rc = check_demo_counts(db, s, begin(r, "demo", demo_title, true), err);
    } else {
        rc = check_no_demo(db, s, begin(r, "demo", demo_title, wz_settings_is_production(s)), err);
    }
    if (rc != WZ_OK)
        return rc;

    r->ok = true;
    for (size_t i = 0; i < r->n; i++) {
        const struct wz_verify_check *k = &r->checks[i];
        if (k->required && (k->status == WZ_VERIFY_FAIL || k->status == WZ_VERIFY_SKIPPED))
            r->ok = false;
    }
    return WZ_OK;
}
