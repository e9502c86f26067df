/*
 * init-prod: see init_production.h. Every step looks before it writes, so a second run
 * changes no row; an administrator's later edits (the admin's password, a setting's value,
 * a role's permissions) are never overwritten, only reported.
 */
#include "seed/init_production.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/password.h"
#include "migrate/meta.h"
#include "migrate/runner.h"
#include "seed/admin_settings.h"
#include "seed/rbac.h"

const char *const wz_init_steps[] = {
    NULL,
    "Creating platform admin user",
    "Creating admin settings",
    "Creating permissions",
    "Creating role templates",
    "Verifying RBAC schema",
};

static int event(struct wz_init_result *res, int step, enum wz_init_kind kind, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int event(struct wz_init_result *res, int step, enum wz_init_kind kind, const char *fmt, ...)
{
    struct wz_init_event *grown = realloc(res->events, (res->nevents + 1) * sizeof(*grown));
    if (grown == NULL)
        return WZ_ENOMEM;
    res->events = grown;
    struct wz_init_event *e = &res->events[res->nevents++];
    e->step = step;
    e->kind = kind;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->text, sizeof(e->text), fmt, ap);
    va_end(ap);
    if (kind == WZ_INIT_CREATED)
        res->created++;
    else if (kind == WZ_INIT_PRESENT)
        res->present++;
    else if (kind == WZ_INIT_KEPT)
        res->kept++;
    return WZ_OK;
}

void wz_init_result_release(struct wz_init_result *res)
{
    if (res == NULL)
        return;
    free(res->events);
    memset(res, 0, sizeof(*res));
}

int wz_init_check_settings(const struct wz_settings *s, struct wz_err *err)
{
    if (!wz_settings_is_production(s))
        return WZ_OK;
    if (strcmp(s->admin_password, WZ_DEFAULT_ADMIN_PASSWORD) == 0)
        return wz_err_set(err, WZ_EFAIL,
                          "refusing to initialize production (%s) with the default admin "
                          "password: set ADMIN_PASSWORD in .env to a strong password (12+ "
                          "characters, three of lowercase, uppercase, digits, symbols)",
                          wz_settings_production_reason(s));
    const char *weak = wz_password_weakness(s->admin_password);
    if (weak != NULL)
        return wz_err_set(err, WZ_EFAIL,
                          "refusing to initialize production (%s): ADMIN_PASSWORD is too weak "
                          "(%s); set a stronger one in .env",
                          wz_settings_production_reason(s), weak);
    if (strcmp(s->jwt_secret_key, WZ_DEFAULT_JWT_SECRET) == 0)
        return wz_err_set(err, WZ_EFAIL,
                          "refusing to initialize production (%s) with the default JWT secret: "
                          "set JWT_SECRET_KEY in .env to a random value (e.g. openssl rand -hex "
                          "32)",
                          wz_settings_production_reason(s));
    return WZ_OK;
}

/* Step 1: the platform admin, found by email or username. */
static int create_admin(struct wz_db *db, const struct wz_settings *s, struct wz_init_result *res,
                        struct wz_err *err)
{
    char email[320];
    snprintf(email, sizeof(email), "%s", s->admin_email);
    for (char *p = email; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    const char *find[] = {email, s->admin_username};
    int64_t id = 0;
    int rc = wz_db_query_int64(db, "SELECT id FROM users WHERE email = $1 OR username = $2", find,
                               2, &id, err);
    if (rc < 0)
        return rc;
    if (rc == 1)
        return event(res, 1, WZ_INIT_PRESENT, "Admin user already exists: %s", email);

    char hash[WZ_PASSWORD_HASH_MAX];
    rc = wz_password_hash(s->admin_password, hash, err);
    if (rc != WZ_OK)
        return rc;
    struct wz_stmt *st = NULL;
    rc = wz_db_prepare(db,
                       "INSERT INTO users (email, username, password_hash, first_name, last_name,"
                       " role, is_active, is_email_verified) VALUES ($1, $2, $3, $4, $5, 'admin',"
                       " $6, $7)",
                       &st, err);
    if (rc != WZ_OK)
        return rc;
    wz_stmt_bind_text(st, 1, email);
    wz_stmt_bind_text(st, 2, s->admin_username);
    wz_stmt_bind_text(st, 3, hash);
    wz_stmt_bind_text(st, 4, s->admin_first_name);
    wz_stmt_bind_text(st, 5, s->admin_last_name);
    wz_stmt_bind_int64(st, 6, 1);
    wz_stmt_bind_int64(st, 7, 1);
    rc = wz_stmt_step(st, err);
    wz_stmt_finalize(st);
    if (rc < 0)
        return wz_err_wrap(err, "cannot create the admin user");
    return event(res, 1, WZ_INIT_CREATED, "Admin user created: %s (%s)", email, s->admin_username);
}

/* Step 2: each admin setting, compared with the configuration when present. */
static int create_settings(struct wz_db *db, const struct wz_settings *s,
                           struct wz_init_result *res, struct wz_err *err)
{
    size_t n;
    const struct wz_admin_setting_def *defs = wz_admin_settings(&n);
    struct wz_stmt *sel = NULL, *ins = NULL;
    int rc = wz_db_prepare(db, "SELECT value FROM admin_settings WHERE key = $1", &sel, err);
    if (rc == WZ_OK)
        rc = wz_db_prepare(db,
                           "INSERT INTO admin_settings (key, value, value_type, description,"
                           " is_public) VALUES ($1, $2, $3, $4, $5)",
                           &ins, err);
    for (size_t i = 0; i < n && rc == WZ_OK; i++) {
        char buf[64];
        const char *want = wz_admin_setting_value(&defs[i], s, buf, sizeof(buf));
        wz_stmt_reset(sel);
        wz_stmt_bind_text(sel, 1, defs[i].key);
        rc = wz_stmt_step(sel, err);
        if (rc == WZ_ROW) {
            const char *have = wz_stmt_column_text(sel, 0);
            if (strcmp(have, want) == 0)
                rc = event(res, 2, WZ_INIT_PRESENT, "Admin setting already present: %s = %s",
                           defs[i].key, have);
            else
                rc = event(res, 2, WZ_INIT_KEPT,
                           "Admin setting %s is '%s' in the database but '%s' in the "
                           "configuration: kept the database value",
                           defs[i].key, have, want);
            continue;
        }
        if (rc < 0)
            break;
        wz_stmt_reset(ins);
        wz_stmt_bind_text(ins, 1, defs[i].key);
        wz_stmt_bind_text(ins, 2, want);
        wz_stmt_bind_text(ins, 3, defs[i].value_type);
        wz_stmt_bind_text(ins, 4, defs[i].description);
        wz_stmt_bind_int64(ins, 5, defs[i].is_public ? 1 : 0);
        rc = wz_stmt_step(ins, err);
        if (rc < 0) {
            wz_err_wrap(err, "cannot create admin setting '%s'", defs[i].key);
            break;
        }
        rc = event(res, 2, WZ_INIT_CREATED, "Admin setting created: %s = %s", defs[i].key, want);
    }
    wz_stmt_finalize(sel);
    wz_stmt_finalize(ins);
    return rc;
}

/* Whether the prepared one-parameter lookup finds a row for key: 1 yes, 0 no, < 0 error. A
 * step prepares its lookup once for all its items, since on a re-run the lookups are all
 * init-prod does and preparing is most of a lookup's cost. */
static int lookup(struct wz_stmt *st, const char *key, struct wz_err *err)
{
    wz_stmt_reset(st);
    wz_stmt_bind_text(st, 1, key);
    int rc = wz_stmt_step(st, err);
    return rc == WZ_ROW ? 1 : rc;
}

/* Step 3: permissions by code. */
static int create_permissions(struct wz_db *db, struct wz_init_result *res, struct wz_err *err)
{
    size_t n;
    const struct wz_permission_def *defs = wz_rbac_permissions(&n);
    struct wz_stmt *sel = NULL;
    int rc = wz_db_prepare(db, "SELECT id FROM permissions WHERE code = $1", &sel, err);
    for (size_t i = 0; i < n && rc == WZ_OK; i++) {
        rc = lookup(sel, defs[i].code, err);
        if (rc == 1) {
            rc = event(res, 3, WZ_INIT_PRESENT, "Permission already exists: %s", defs[i].code);
        } else if (rc == 0) {
            const char *p[] = {defs[i].code, defs[i].description};
            rc = wz_db_exec_params(
                db, "INSERT INTO permissions (code, description) VALUES ($1, $2)", p, 2, err);
            if (rc == WZ_OK)
                rc = event(res, 3, WZ_INIT_CREATED, "Permission created: %s", defs[i].code);
        }
    }
    wz_stmt_finalize(sel);
    return rc;
}

/* Step 4: role templates. A role that exists keeps whatever permissions an administrator
 * gave it; a missing role is created with its documented set. */
static int create_roles(struct wz_db *db, struct wz_init_result *res, struct wz_err *err)
{
    size_t n;
    const struct wz_role_def *defs = wz_rbac_roles(&n);
    struct wz_stmt *sel = NULL;
    int rc = wz_db_prepare(db, "SELECT id FROM roles WHERE name = $1", &sel, err);
    for (size_t i = 0; i < n && rc == WZ_OK; i++) {
        int64_t id;
        rc = lookup(sel, defs[i].name, err);
        if (rc == 1) {
            rc = event(res, 4, WZ_INIT_PRESENT, "Role template already exists: %s", defs[i].name);
            continue;
        }
        if (rc < 0)
            break;
        const char *p[] = {defs[i].name, defs[i].description};
        rc = wz_db_query_int64(db,
                               "INSERT INTO roles (name, description) VALUES ($1, $2) RETURNING id",
                               p, 2, &id, err);
        if (rc < 0) {
            wz_err_wrap(err, "cannot create role '%s'", defs[i].name);
            break;
        }
        size_t nperm = 0;
        for (const char *const *code = defs[i].permissions; *code != NULL && rc >= 0; code++) {
            char idtext[24];
            snprintf(idtext, sizeof(idtext), "%lld", (long long)id);
            const char *link[] = {idtext, *code};
            rc = wz_db_exec_params(db,
                                   "INSERT INTO role_permissions (role_id, permission_id)"
                                   " SELECT $1, id FROM permissions WHERE code = $2",
                                   link, 2, err);
            nperm++;
        }
        if (rc < 0) {
            wz_err_wrap(err, "cannot grant permissions to role '%s'", defs[i].name);
            break;
        }
        rc = event(res, 4, WZ_INIT_CREATED, "Role template created: %s (%zu permissions)",
                   defs[i].name, nperm);
    }
    wz_stmt_finalize(sel);
    return rc < 0 ? rc : WZ_OK;
}

/* Step 5: what the platform needs to work: the RBAC tables answer, every template role
 * grants something, the admin exists and is active. Problems are reported, not fixed: they
 * are an administrator's decisions. */
static int verify_rbac(struct wz_db *db, const struct wz_settings *s, struct wz_init_result *res,
                       struct wz_err *err)
{
    /* One statement for the four counts: each statement costs a parse. */
    struct wz_stmt *st = NULL;
    int rc = wz_db_prepare(db,
                           "SELECT (SELECT count(*) FROM roles r WHERE r.is_template AND NOT EXISTS"
                           " (SELECT 1 FROM role_permissions rp WHERE rp.role_id = r.id)),"
                           " (SELECT count(*) FROM roles), (SELECT count(*) FROM permissions),"
                           " (SELECT count(*) FROM users WHERE role = 'admin' AND is_active)",
                           &st, err);
    if (rc != WZ_OK)
        return rc;
    rc = wz_stmt_step(st, err);
    if (rc != WZ_ROW) {
        wz_stmt_finalize(st);
        return rc < 0 ? rc : wz_err_set(err, WZ_EFAIL, "the RBAC counts returned no row");
    }
    int64_t empty = wz_stmt_column_int64(st, 0), roles = wz_stmt_column_int64(st, 1),
            perms = wz_stmt_column_int64(st, 2), active = wz_stmt_column_int64(st, 3);
    wz_stmt_finalize(st);
    rc = WZ_OK;
    if (empty > 0)
        rc = event(res, 5, WZ_INIT_WARNING, "%lld role template(s) grant no permission",
                   (long long)empty);
    if (rc != WZ_OK)
        return rc;
    if (active == 0)
        return event(res, 5, WZ_INIT_WARNING,
                     "No active platform admin: the admin %s exists but is inactive",
                     s->admin_email);
    return event(res, 5, WZ_INIT_CHECKED,
                 "RBAC schema verified: %lld roles, %lld permissions, active admin present",
                 (long long)roles, (long long)perms);
}

int wz_init_production(struct wz_db *db, const struct wz_settings *s, struct wz_init_result *res,
                       struct wz_err *err)
{
    memset(res, 0, sizeof(*res));
    int rc = wz_init_check_settings(s, err);
    if (rc != WZ_OK)
        return rc;
    rc = wz_db_lock(db, WZ_MIGRATE_LOCK, (int)(s->migrate_lock_timeout * 1000), err);
    if (rc != WZ_OK)
        return rc;
    rc = wz_init_production_locked(db, s, res, err);
    wz_db_unlock(db);
    return rc;
}

int wz_init_production_locked(struct wz_db *db, const struct wz_settings *s,
                              struct wz_init_result *res, struct wz_err *err)
{
    memset(res, 0, sizeof(*res));
    int rc = wz_init_check_settings(s, err);
    if (rc != WZ_OK)
        return rc;
    char *why = NULL;
    bool at_head = false;
    rc = wz_migrate_at_head(db, s->migrations_dir, &at_head, &why, err);
    if (rc != WZ_OK) {
        free(why);
        return rc;
    }
    if (!at_head) {
        wz_err_set(err, WZ_EFAIL, "the database is not ready for init-prod: %s",
                   why != NULL ? why : "migrations are not at head; run: make migrate-up");
        free(why);
        return WZ_EFAIL;
    }
    free(why);

    rc = wz_db_begin(db, err);
    if (rc != WZ_OK)
        return wz_err_wrap(err, "cannot start a transaction");
    rc = wz_meta_stamp_environment(db, s->environment, err);
    if (rc == WZ_OK)
        rc = create_admin(db, s, res, err);
    if (rc == WZ_OK)
        rc = create_settings(db, s, res, err);
    if (rc == WZ_OK)
        rc = create_permissions(db, res, err);
    if (rc == WZ_OK)
        rc = create_roles(db, res, err);
    if (rc == WZ_OK)
        rc = verify_rbac(db, s, res, err);
    if (rc == WZ_OK)
        rc = wz_db_commit(db, err);
    if (rc != WZ_OK) {
        wz_db_rollback(db);
        if (rc == WZ_ENOMEM && err != NULL && err->msg[0] == '\0')
            wz_err_set(err, rc, "out of memory");
        return rc == WZ_OK ? WZ_EFAIL : rc;
    }
    return WZ_OK;
}
