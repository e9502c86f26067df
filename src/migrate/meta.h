/*
 * The database's own memory of what it is: a small key/value table, wizamart_meta. Its
 * `environment` key is stamped by the first command that writes, so a development .env
 * pointed at a production database still sees "production" and refuses to destroy it.
 */
#ifndef WZ_META_H
#define WZ_META_H

#include "core/settings.h"
#include "db/db.h"

/* The table of facts about the database itself (its environment stamp). */
#define WZ_META_TABLE "wizamart_meta"

/* Creates wizamart_meta when missing. */
int wz_meta_ensure(struct wz_db *db, struct wz_err *err);

/* Reads a key: *value is a new string (caller frees) or NULL when the key or the table is
 * absent. Never creates anything. */
int wz_meta_get(struct wz_db *db, const char *key, char **value, struct wz_err *err);

/* Writes a key (insert or replace), creating the table when missing. */
int wz_meta_set(struct wz_db *db, const char *key, const char *value, struct wz_err *err);

/* Stamps env as the database's environment unless one is stamped already. A database stamped
 * development that is now used with ENVIRONMENT=production is re-stamped production (a
 * promotion); the stamp never goes the other way, so a production database stays protected. */
int wz_meta_stamp_environment(struct wz_db *db, enum wz_environment env, struct wz_err *err);

/* *production: the stamp says production (false with no stamp). */
int wz_meta_is_production(struct wz_db *db, bool *production, struct wz_err *err);

/* "Is this production" is the stricter of the settings and the database's stamp. When the
 * database is stamped production and s says otherwise, s->environment becomes production and
 * s->env_from_stamp is set, so every later check (init-prod's password rules, verify,
 * validate, the command table's refusals) sees production. Reads only; creates nothing. */
int wz_meta_apply_stamp(struct wz_db *db, struct wz_settings *s, struct wz_err *err);

#endif
