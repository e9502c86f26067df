/*
 * Settings: the guide's app/core/config.py in C. One read-only struct wz_settings, filled
 * once by wz_settings_load from the process environment, then the .env file, then the
 * defaults, and validated by type. Which variables exist, their types, defaults, bounds and
 * secrecy is data: the table in settings.c (adding a setting is one row there, one field
 * here, one line in .env.example).
 */
#ifndef WZ_SETTINGS_H
#define WZ_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "db/url.h"

enum wz_environment {
    WZ_ENV_DEVELOPMENT = 0,
    WZ_ENV_STAGING = 1,
    WZ_ENV_PRODUCTION = 2,
};

enum wz_source {
    WZ_SRC_DEFAULT = 0,
    WZ_SRC_DOTENV = 1,
    WZ_SRC_ENVIRONMENT = 2,
};

/* Tri-state booleans whose default depends on the environment. */
enum wz_auto_bool {
    WZ_AUTO = -1,
    WZ_OFF = 0,
    WZ_ON = 1,
};

struct wz_settings {
    enum wz_environment environment;
    char *database_url;
    char *admin_email;
    char *admin_username;
    char *admin_password;
    char *admin_first_name;
    char *admin_last_name;
    int64_t seed_demo_stores;
    int64_t seed_customers_per_store;
    int64_t seed_products_per_store;
    int64_t seed_orders_per_store;
    int64_t seed_random_seed;
    char *seed_reference_date; /* "YYYY-MM-DD" or "" (today, then whatever the database keeps) */
    int64_t max_stores_per_user;
    int64_t max_team_members_per_store;
    int64_t invitation_expiry_days;
    char *jwt_secret_key;
    bool debug;
    char *allowed_hosts;
    char *platform_domain;
    char *project_name;
    char *default_currency;
    char *default_language;
    char *support_email;
    char *migrations_dir;
    int64_t migrate_lock_timeout; /* seconds */
    char *backup_dir;
    int64_t backup_keep;
    int backup_before_migrate; /* enum wz_auto_bool: AUTO = on in staging and production */
    int64_t db_busy_timeout;   /* milliseconds */
    char *server_host;
    int64_t server_port;
    int64_t server_threads; /* 0: one per core */
    int64_t server_max_body;
    int64_t access_token_expire_minutes;
    int64_t session_idle_minutes;

    /* Derived and provenance, filled by wz_settings_load. */
    struct wz_db_url db_url; /* DATABASE_URL parsed */
    enum wz_source *sources; /* per table row, in table order */
    char **origins;          /* per table row: "environment", "path:line" or "default" */
    char *env_file;          /* the .env path that was read, or NULL */
    unsigned env_file_mode;  /* its permission bits, when read */
    size_t nunknown;         /* .env keys no setting knows (warned about on load) */
    /* Set by wz_meta_apply_stamp: the settings said otherwise, but the database is stamped
     * production, so environment was raised to production (the stricter of the two wins). */
    bool env_from_stamp;
};

enum wz_setting_type {
    WZ_SET_STRING,
    WZ_SET_INT,
    WZ_SET_BOOL,
    WZ_SET_AUTO_BOOL,
    WZ_SET_ENVIRONMENT,
};

enum wz_setting_flags {
    WZ_SET_SECRET = 1 << 0,   /* masked in every output */
    WZ_SET_NONEMPTY = 1 << 1, /* may not be empty */
    WZ_SET_EMAIL = 1 << 2,    /* must look like an email address */
    WZ_SET_DB_URL = 1 << 3,   /* must parse as a DATABASE_URL */
    WZ_SET_CURRENCY = 1 << 4, /* an ISO 4217 code: three uppercase letters */
    WZ_SET_LANGUAGE = 1 << 5, /* an ISO 639-1 code: two lowercase letters */
    WZ_SET_DATE = 1 << 6,     /* empty, or a real calendar date YYYY-MM-DD */
    WZ_SET_IP_HOST = 1 << 7,  /* an IPv4 or IPv6 literal, or localhost */
};
/* Every string setting must be valid UTF-8 without control characters (no row allows them:
 * they would be stored, echoed to terminals and refused by PostgreSQL). */

struct wz_setting_def {
    const char *name; /* the environment variable */
    enum wz_setting_type type;
    size_t offset; /* of the field in struct wz_settings */
    const char *default_value;
    int64_t min, max; /* WZ_SET_INT bounds, inclusive */
    unsigned flags;
    const char *group;       /* section in .env.example and config show */
    const char *description; /* one line */
};

/* The table of every setting, in display order; *n receives its length. */
const struct wz_setting_def *wz_settings_table(size_t *n);

/* A lookup of the process environment (main passes getenv; tests pass their own). */
typedef const char *(*wz_getenv_fn)(const char *name, void *ctx);

/* Loads settings. env_file: an explicit --env-file path (must exist), or NULL for ./.env
 * (fine when missing). On a bad value: WZ_EUSAGE and a message naming the variable, where it
 * came from, the value (masked if secret) and what was expected. Unknown .env keys are
 * warned about on stderr, with a "did you mean" for near misses. Secrets are registered with
 * the output module. out must be released with wz_settings_release in every case. */
int wz_settings_load(struct wz_settings *out, const char *env_file, wz_getenv_fn getenv_fn,
                     void *ctx, struct wz_err *err);
void wz_settings_release(struct wz_settings *s);

/* What the server can bind (SERVER_HOST, serve --host): an IPv4 or IPv6 literal, bracketed
 * or not, or localhost. */
bool wz_settings_host_valid(const char *host);

static inline bool wz_settings_is_production(const struct wz_settings *s)
{
    return s->environment == WZ_ENV_PRODUCTION;
}
/* Why this is production, for refusals: the setting or the database's stamp. */
static inline const char *wz_settings_production_reason(const struct wz_settings *s)
{
    return s->env_from_stamp ? "the database is stamped as a production database"
                             : "ENVIRONMENT is production";
}
static inline bool wz_settings_is_staging(const struct wz_settings *s)
{
    return s->environment == WZ_ENV_STAGING;
}
static inline bool wz_settings_is_development(const struct wz_settings *s)
{
    return s->environment == WZ_ENV_DEVELOPMENT;
}

const char *wz_environment_name(enum wz_environment env);
/* Parses development|staging|production in any case; returns 0 or -1. */
int wz_environment_parse(const char *text, enum wz_environment *out);

/* The guide's validate_production_settings: appends one warning per insecure setting to
 * *warnings (a NULL-terminated array the caller frees with wz_strv_free). In development and
 * staging the list is built too, so callers may show it; callers decide what is fatal. */
int wz_settings_production_warnings(const struct wz_settings *s, char ***warnings);
void wz_strv_free(char **v);

/* The printable value of a setting: secrets as "****", DATABASE_URL with its password
 * masked, numbers and booleans as text. Returns a pointer into s or into buf. */
const char *wz_settings_format(const struct wz_settings *s, const struct wz_setting_def *d,
                               char *buf, size_t size);
/* The row of a setting by its variable name, or NULL. */
const struct wz_setting_def *wz_settings_find(const char *name);

/* Why a password is too weak for production, or NULL when it is acceptable. Static text. */
const char *wz_password_weakness(const char *password);

/* Why BACKUP_DIR is unsafe to keep backups in (a folder every user may write to), written into
 * buf, or NULL when it is fine or does not exist yet. The one text `db backup`, `config
 * validate` and the production checks show. */
const char *wz_settings_backup_dir_risk(const struct wz_settings *s, char *buf, size_t size);

/* Whether `migrate up` takes a backup first (BACKUP_BEFORE_MIGRATE resolved). */
bool wz_settings_backup_before_migrate(const struct wz_settings *s);

/* The documented insecure defaults the production checks look for. */
#define WZ_DEFAULT_ADMIN_PASSWORD "admin123"
#define WZ_DEFAULT_JWT_SECRET     "change-this-in-production"

#endif
