/* The wizamart_meta key/value table: see meta.h. */
#include "migrate/meta.h"

#include <stdlib.h>
#include <string.h>

int wz_meta_ensure(struct wz_db *db, struct wz_err *err)
{
    int rc = wz_db_exec(db,
                        "CREATE TABLE IF NOT EXISTS " WZ_META_TABLE " ("
                        " key TEXT PRIMARY KEY,"
                        " value TEXT NOT NULL)",
                        err);
    /* Two first commands at once on PostgreSQL: IF NOT EXISTS is not atomic there, and the
     * loser gets a duplicate-type error although the table now exists, which is all we need. */
    if (rc != WZ_OK && !db->in_transaction && wz_db_table_exists(db, WZ_META_TABLE, NULL) == 1)
        rc = WZ_OK;
    return rc;
}

int wz_meta_get(struct wz_db *db, const char *key, char **value, struct wz_err *err)
{
    *value = NULL;
    int exists = wz_db_table_exists(db, WZ_META_TABLE, err);
    if (exists <= 0)
        return exists;
    struct wz_stmt *st = NULL;
    int rc = wz_db_prepare(db, "SELECT value FROM " WZ_META_TABLE " WHERE key = $1", &st, err);
    if (rc != WZ_OK)
        return rc;
    wz_stmt_bind_text(st, 1, key);
    rc = wz_stmt_step(st, err);
    if (rc == WZ_ROW) {
        *value = strdup(wz_stmt_column_text(st, 0));
        rc = *value != NULL ? WZ_OK : wz_err_set(err, WZ_ENOMEM, "out of memory");
    }
    wz_stmt_finalize(st);
    return rc < 0 ? rc : WZ_OK;
}

int wz_meta_set(struct wz_db *db, const char *key, const char *value, struct wz_err *err)
{
    int rc = wz_meta_ensure(db, err);
    if (rc != WZ_OK)
        return rc;
    const char *params[] = {key, value};
    return wz_db_exec_params(db,
                             "INSERT INTO " WZ_META_TABLE " (key, value) VALUES ($1, $2)"
                             " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                             params, 2, err);
}

int wz_meta_stamp_environment(struct wz_db *db, enum wz_environment env, struct wz_err *err)
{
    char *cur = NULL;
    int rc = wz_meta_get(db, "environment", &cur, err);
    if (rc != WZ_OK)
        return rc;
    enum wz_environment stamped = WZ_ENV_DEVELOPMENT;
    bool have = cur != NULL && wz_environment_parse(cur, &stamped) == 0;
    free(cur);
    if (have && stamped >= env)
        return WZ_OK;
    return wz_meta_set(db, "environment", wz_environment_name(env), err);
}

int wz_meta_is_production(struct wz_db *db, bool *production, struct wz_err *err)
{
    *production = false;
    char *cur = NULL;
    int rc = wz_meta_get(db, "environment", &cur, err);
    if (rc != WZ_OK)
        return rc;
    enum wz_environment stamped = WZ_ENV_DEVELOPMENT;
    *production =
        cur != NULL && wz_environment_parse(cur, &stamped) == 0 && stamped == WZ_ENV_PRODUCTION;
    free(cur);
    return WZ_OK;
}

int wz_meta_apply_stamp(struct wz_db *db, struct wz_settings *s, struct wz_err *err)
{
    if (wz_settings_is_production(s))
        return WZ_OK;
    bool stamped = false;
    if (wz_meta_is_production(db, &stamped, err) != WZ_OK)
        return wz_err_wrap(err, "cannot read the database's environment stamp");
    if (stamped) {
        s->environment = WZ_ENV_PRODUCTION;
        s->env_from_stamp = true;
    }
    return WZ_OK;
}
