/*
 * Settings: one table of rows (redis's static_configs), one generic loader over it.
 * Precedence: the process environment, then the .env file, then the row's default.
 * A bad value stops the command before any database is touched (exit 2), with a message
 * that names the variable, where the value came from, the value (masked when secret) and
 * what was expected.
 */
#include "core/settings.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/stat.h>

#include "core/dotenv.h"
#include "core/out.h"
#include "core/spell.h"
#include "core/strbuf.h"
#include "core/utf8.h"

#define F(field) offsetof(struct wz_settings, field)
#define I64MAX   INT64_MAX

/* Every setting. Adding one: a row here, a field in struct wz_settings, a line in
 * .env.example. Bounds keep counts from going negative or from asking the machine for
 * more than it can hold. */
static const struct wz_setting_def table[] = {
    {"ENVIRONMENT", WZ_SET_ENVIRONMENT, F(environment), "development", 0, 0, 0, "Environment",
     "development | staging | production"},
    {"DATABASE_URL", WZ_SET_STRING, F(database_url), "sqlite:///./wizamart.db", 0, 0,
     WZ_SET_NONEMPTY | WZ_SET_DB_URL, "Database", "database connection string"},
    {"ADMIN_EMAIL", WZ_SET_STRING, F(admin_email), "admin@wizamart.com", 0, 0,
     WZ_SET_NONEMPTY | WZ_SET_EMAIL, "Admin initialization", "platform admin email"},
    {"ADMIN_USERNAME", WZ_SET_STRING, F(admin_username), "admin", 0, 0, WZ_SET_NONEMPTY,
     "Admin initialization", "platform admin username"},
    {"ADMIN_PASSWORD", WZ_SET_STRING, F(admin_password), WZ_DEFAULT_ADMIN_PASSWORD, 0, 0,
     WZ_SET_NONEMPTY | WZ_SET_SECRET, "Admin initialization",
     "platform admin password (change in production!)"},
    {"ADMIN_FIRST_NAME", WZ_SET_STRING, F(admin_first_name), "Platform", 0, 0, 0,
     "Admin initialization", "admin first name"},
    {"ADMIN_LAST_NAME", WZ_SET_STRING, F(admin_last_name), "Administrator", 0, 0, 0,
     "Admin initialization", "admin last name"},
    {"SEED_DEMO_STORES", WZ_SET_INT, F(seed_demo_stores), "3", 0, 10000, 0, "Demo data",
     "number of demo stores to create"},
    {"SEED_CUSTOMERS_PER_STORE", WZ_SET_INT, F(seed_customers_per_store), "15", 0, 1000000, 0,
     "Demo data", "demo customers per store"},
    {"SEED_PRODUCTS_PER_STORE", WZ_SET_INT, F(seed_products_per_store), "20", 0, 1000000, 0,
     "Demo data", "demo products per store"},
    {"SEED_ORDERS_PER_STORE", WZ_SET_INT, F(seed_orders_per_store), "10", 0, 1000000, 0,
     "Demo data", "demo orders per store"},
    {"SEED_RANDOM_SEED", WZ_SET_INT, F(seed_random_seed), "42", 0, I64MAX, 0, "Demo data",
     "seed of the demo data generator: the same seed gives the same data"},
    {"SEED_REFERENCE_DATE", WZ_SET_STRING, F(seed_reference_date), "", 0, 0, WZ_SET_DATE,
     "Demo data",
     "YYYY-MM-DD the demo dates count back from (empty: today, UTC, kept by the first seeding)"},
    {"MAX_STORES_PER_USER", WZ_SET_INT, F(max_stores_per_user), "5", 1, 10000, 0, "Platform limits",
     "maximum stores per user"},
    {"MAX_TEAM_MEMBERS_PER_STORE", WZ_SET_INT, F(max_team_members_per_store), "50", 1, 100000, 0,
     "Platform limits", "maximum team members per store"},
    {"INVITATION_EXPIRY_DAYS", WZ_SET_INT, F(invitation_expiry_days), "7", 1, 365, 0,
     "Platform limits", "team invitation expiry in days"},
    {"JWT_SECRET_KEY", WZ_SET_STRING, F(jwt_secret_key), WZ_DEFAULT_JWT_SECRET, 0, 0,
     WZ_SET_NONEMPTY | WZ_SET_SECRET, "Security",
     "secret for signing tokens (change in production!)"},
    {"DEBUG", WZ_SET_BOOL, F(debug), "false", 0, 0, 0, "Security", "debug mode"},
    {"ALLOWED_HOSTS", WZ_SET_STRING, F(allowed_hosts), "localhost,127.0.0.1", 0, 0, WZ_SET_NONEMPTY,
     "Security", "comma-separated host names the server answers"},
    {"PLATFORM_DOMAIN", WZ_SET_STRING, F(platform_domain), "wizamart.com", 0, 0, WZ_SET_NONEMPTY,
     "Platform", "domain under which stores get their subdomains"},
    {"PROJECT_NAME", WZ_SET_STRING, F(project_name), "Wizamart", 0, 0, WZ_SET_NONEMPTY, "Platform",
     "platform name shown to users"},
    {"DEFAULT_CURRENCY", WZ_SET_STRING, F(default_currency), "EUR", 0, 0, WZ_SET_CURRENCY,
     "Platform", "ISO 4217 currency of new stores"},
    {"DEFAULT_LANGUAGE", WZ_SET_STRING, F(default_language), "en", 0, 0, WZ_SET_LANGUAGE,
     "Platform", "language of new stores (ISO 639-1)"},
    {"SUPPORT_EMAIL", WZ_SET_STRING, F(support_email), "support@wizamart.com", 0, 0,
     WZ_SET_NONEMPTY | WZ_SET_EMAIL, "Platform", "where stores and customers reach the platform"},
    {"MIGRATIONS_DIR", WZ_SET_STRING, F(migrations_dir), "migrations/versions", 0, 0,
     WZ_SET_NONEMPTY, "Migrations", "folder of revision files, relative to the working directory"},
    {"MIGRATE_LOCK_TIMEOUT", WZ_SET_INT, F(migrate_lock_timeout), "60", 0, 86400, 0, "Migrations",
     "seconds to wait for another migration run to finish"},
    {"DB_BUSY_TIMEOUT", WZ_SET_INT, F(db_busy_timeout), "5000", 0, 600000, 0, "Database",
     "milliseconds a command waits on a locked SQLite database"},
    {"SERVER_HOST", WZ_SET_STRING, F(server_host), "127.0.0.1", 0, 0, WZ_SET_IP_HOST, "Server",
     "address `wizamart serve` listens on (an IPv4 or IPv6 literal, or localhost)"},
    {"SERVER_PORT", WZ_SET_INT, F(server_port), "8000", 0, 65535, 0, "Server",
     "port `wizamart serve` listens on (0: any free port, printed at start)"},
    {"SERVER_THREADS", WZ_SET_INT, F(server_threads), "0", 0, 256, 0, "Server",
     "request threads, each with its own database connection (0: one per core)"},
    {"SERVER_MAX_BODY", WZ_SET_INT, F(server_max_body), "1048576", 1024, 67108864, 0, "Server",
     "largest request body in bytes (larger: 413)"},
    {"ACCESS_TOKEN_EXPIRE_MINUTES", WZ_SET_INT, F(access_token_expire_minutes), "30", 1, 1440, 0,
     "Server", "lifetime of an API access token"},
    {"SESSION_IDLE_MINUTES", WZ_SET_INT, F(session_idle_minutes), "30", 1, 1440, 0, "Server",
     "a panel session ends after this long without a request"},
    {"BACKUP_DIR", WZ_SET_STRING, F(backup_dir), "backups", 0, 0, WZ_SET_NONEMPTY, "Backups",
     "folder for database backups"},
    {"BACKUP_KEEP", WZ_SET_INT, F(backup_keep), "10", 1, 10000, 0, "Backups",
     "number of newest backups kept"},
    {"BACKUP_BEFORE_MIGRATE", WZ_SET_AUTO_BOOL, F(backup_before_migrate), "auto", 0, 0, 0,
     "Backups", "back up before migrating (auto: in staging and production)"},
};

#define NROWS (sizeof(table) / sizeof(table[0]))

const struct wz_setting_def *wz_settings_table(size_t *n)
{
    *n = NROWS;
    return table;
}

const char *wz_environment_name(enum wz_environment env)
{
    switch (env) {
    case WZ_ENV_DEVELOPMENT:
        return "development";
    case WZ_ENV_STAGING:
        return "staging";
    case WZ_ENV_PRODUCTION:
        return "production";
    }
    return "development";
}

int wz_environment_parse(const char *text, enum wz_environment *out)
{
    static const enum wz_environment all[] = {WZ_ENV_DEVELOPMENT, WZ_ENV_STAGING,
                                              WZ_ENV_PRODUCTION};
    for (size_t i = 0; i < 3; i++) {
        if (strcasecmp(text, wz_environment_name(all[i])) == 0) {
            *out = all[i];
            return 0;
        }
    }
    return -1;
}

static int parse_bool(const char *v, bool *out)
{
    static const char *const yes[] = {"true", "1", "yes", "on"};
    static const char *const no[] = {"false", "0", "no", "off"};
    for (size_t i = 0; i < 4; i++) {
        if (strcasecmp(v, yes[i]) == 0) {
            *out = true;
            return 0;
        }
        if (strcasecmp(v, no[i]) == 0) {
            *out = false;
            return 0;
        }
    }
    return -1;
}

static bool looks_like_email(const char *v)
{
    const char *at = strchr(v, '@');
    if (at == NULL || at == v || strchr(at + 1, '@') != NULL)
        return false;
    const char *dot = strchr(at + 1, '.');
    if (dot == NULL || dot == at + 1 || dot[1] == '\0')
        return false;
    for (const char *p = v; *p; p++)
        if (isspace((unsigned char)*p) || iscntrl((unsigned char)*p))
            return false;
    return v[strlen(v) - 1] != '.';
}

/* Valid UTF-8 (no overlong forms, surrogates or code points past U+10FFFF) holding no C0 or
 * C1 control character and no DEL: what a name, a path or an address may contain. Returns
 * NULL or why not. */
static const char *text_problem(const char *v)
{
    static const char *const controls =
        "control characters (such as a tab, a line break or a terminal escape) are not allowed";
    const char *p = v, *end = v + strlen(v);
    while (p < end) {
        uint32_t cp;
        p = wz_utf8_next(p, end, &cp);
        if (p == NULL)
            return "not valid UTF-8 text";
        if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f))
            return controls;
    }
    return NULL;
}

static bool all_in(const char *v, size_t len, char lo, char hi)
{
    if (strlen(v) != len)
        return false;
    for (size_t i = 0; i < len; i++)
        if (v[i] < lo || v[i] > hi)
            return false;
    return true;
}

/* YYYY-MM-DD naming a day that exists (2023-02-29 does not). */
static bool real_date(const char *v)
{
    int y, m, d;
    char tail;
    if (strlen(v) != 10 || v[4] != '-' || v[7] != '-' ||
        sscanf(v, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
        return false;
    for (size_t i = 0; i < 10; i++)
        if (i != 4 && i != 7 && !isdigit((unsigned char)v[i]))
            return false;
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1 || m < 1 || m > 12 || d < 1)
        return false;
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d <= days[m - 1] + (m == 2 && leap ? 1 : 0);
}

bool wz_settings_host_valid(const char *v)
{
    unsigned char addr[sizeof(struct in6_addr)];
    char h[64];
    size_t n = strlen(v);
    if (strcmp(v, "localhost") == 0 || inet_pton(AF_INET, v, addr) == 1 ||
        inet_pton(AF_INET6, v, addr) == 1)
        return true;
    if (n < 3 || n >= sizeof(h) || v[0] != '[' || v[n - 1] != ']')
        return false;
    memcpy(h, v + 1, n - 2);
    h[n - 2] = '\0';
    return inet_pton(AF_INET6, h, addr) == 1;
}

static char **field_str(struct wz_settings *s, const struct wz_setting_def *d)
{
    return (char **)((char *)s + d->offset);
}

/* The environment name v abbreviates (prod, dev) or misspells by up to two letters. */
static const char *environment_near(const char *v)
{
    static const char *const names[] = {"development", "staging", "production"};
    return wz_spell_nearest(v, names, 3, 2);
}

/* Sets one field from text. On a bad value returns WZ_EUSAGE with err describing the problem
 * relative to the variable ("... expected ..."); the caller adds where it came from. */
static int set_value(struct wz_settings *s, const struct wz_setting_def *d, const char *v,
                     char *why, size_t whylen)
{
    void *field = (char *)s + d->offset;
    switch (d->type) {
    case WZ_SET_ENVIRONMENT:
        if (wz_environment_parse(v, field) != 0) {
            const char *near = environment_near(v);
            if (near != NULL)
                snprintf(why, whylen,
                         "expected development, staging or production; did you mean '%s'?", near);
            else
                snprintf(why, whylen, "expected development, staging or production");
            return WZ_EUSAGE;
        }
        return WZ_OK;
    case WZ_SET_BOOL:
        if (parse_bool(v, field) != 0) {
            snprintf(why, whylen, "expected true/false, 1/0, yes/no or on/off");
            return WZ_EUSAGE;
        }
        return WZ_OK;
    case WZ_SET_AUTO_BOOL: {
        bool b;
        if (strcasecmp(v, "auto") == 0) {
            *(int *)field = WZ_AUTO;
        } else if (parse_bool(v, &b) == 0) {
            *(int *)field = b ? WZ_ON : WZ_OFF;
        } else {
            snprintf(why, whylen, "expected auto, true/false, 1/0, yes/no or on/off");
            return WZ_EUSAGE;
        }
        return WZ_OK;
    }
    case WZ_SET_INT: {
        const char *p = v;
        while (isspace((unsigned char)*p))
            p++;
        errno = 0;
        char *end = NULL;
        long long n = strtoll(p, &end, 10);
        while (end != NULL && isspace((unsigned char)*end))
            end++;
        if (*p == '\0' || end == NULL || *end != '\0' || errno == ERANGE) {
            snprintf(why, whylen, "expected a whole number from %" PRId64 " to %" PRId64, d->min,
                     d->max);
            return WZ_EUSAGE;
        }
        if (n < d->min || n > d->max) {
            snprintf(why, whylen,
                     "out of range: expected a whole number from %" PRId64 " to %" PRId64, d->min,
                     d->max);
            return WZ_EUSAGE;
        }
        *(int64_t *)field = n;
        return WZ_OK;
    }
    case WZ_SET_STRING: {
        if ((d->flags & WZ_SET_NONEMPTY) && v[0] == '\0') {
            snprintf(why, whylen, "expected a non-empty value");
            return WZ_EUSAGE;
        }
        const char *bad = text_problem(v);
        if (bad != NULL) {
            snprintf(why, whylen, "%s", bad);
            return WZ_EUSAGE;
        }
        if ((d->flags & WZ_SET_EMAIL) && !looks_like_email(v)) {
            snprintf(why, whylen, "expected an email address such as admin@example.com");
            return WZ_EUSAGE;
        }
        if ((d->flags & WZ_SET_CURRENCY) && !all_in(v, 3, 'A', 'Z')) {
            snprintf(why, whylen,
                     "expected an ISO 4217 currency code: three uppercase letters "
                     "such as EUR or USD");
            return WZ_EUSAGE;
        }
        if ((d->flags & WZ_SET_LANGUAGE) && !all_in(v, 2, 'a', 'z')) {
            snprintf(why, whylen,
                     "expected an ISO 639-1 language code: two lowercase letters "
                     "such as en or fr");
            return WZ_EUSAGE;
        }
        if ((d->flags & WZ_SET_DATE) && v[0] != '\0' && !real_date(v)) {
            snprintf(why, whylen,
                     "expected a date YYYY-MM-DD that exists, such as 2024-06-30, "
                     "or an empty value for today");
            return WZ_EUSAGE;
        }
        if ((d->flags & WZ_SET_IP_HOST) && !wz_settings_host_valid(v)) {
            snprintf(why, whylen,
                     "expected an IP address such as 127.0.0.1, 0.0.0.0 or ::1, "
                     "or localhost");
            return WZ_EUSAGE;
        }
        char *copy = strdup(v);
        if (copy == NULL) {
            snprintf(why, whylen, "out of memory");
            return WZ_ENOMEM;
        }
        char **slot = field_str(s, d);
        free(*slot);
        *slot = copy;
        return WZ_OK;
    }
    }
    return WZ_EUSAGE;
}

const struct wz_setting_def *wz_settings_find(const char *name)
{
    for (size_t i = 0; i < NROWS; i++)
        if (strcmp(table[i].name, name) == 0)
            return &table[i];
    return NULL;
}

static void warn_unknown(const struct wz_dotenv *env, struct wz_settings *s)
{
    for (size_t i = 0; i < env->count; i++) {
        const struct wz_dotenv_entry *e = &env->entries[i];
        if (wz_settings_find(e->key) != NULL)
            continue;
        s->nunknown++;
        const char *best = NULL;
        size_t best_d = 3;
        for (size_t k = 0; k < NROWS; k++) {
            size_t dist = wz_spell_distance(e->key, table[k].name);
            if (dist < best_d) {
                best_d = dist;
                best = table[k].name;
            }
        }
        if (best != NULL)
            wz_out_warning("%s:%d: unknown setting '%s'; did you mean '%s'?", env->path, e->line,
                           e->key, best);
        else
            wz_out_warning("%s:%d: unknown setting '%s' is ignored", env->path, e->line, e->key);
    }
}

struct lookup_ctx {
    wz_getenv_fn fn;
    void *ctx;
};

static const char *lookup_env(const char *name, void *ctx)
{
    struct lookup_ctx *l = ctx;
    return l->fn(name, l->ctx);
}

static int describe_bad(struct wz_err *err, const struct wz_setting_def *d, const char *origin,
                        const char *value, const char *why)
{
    const char *shown = (d->flags & WZ_SET_SECRET) ? "****" : value;
    return wz_err_set(err, WZ_EUSAGE, "invalid %s from %s: '%s': %s", d->name, origin, shown, why);
}

int wz_settings_load(struct wz_settings *out, const char *env_file, wz_getenv_fn getenv_fn,
                     void *ctx, struct wz_err *err)
{
    memset(out, 0, sizeof(*out));
    struct wz_dotenv env = {0};
    struct lookup_ctx lctx = {getenv_fn, ctx};
    int rc = WZ_OK;

    out->sources = calloc(NROWS, sizeof(*out->sources));
    out->origins = calloc(NROWS, sizeof(*out->origins));
    if (out->sources == NULL || out->origins == NULL)
        return wz_err_set(err, WZ_ENOMEM, "out of memory");

    const char *path = env_file != NULL ? env_file : ".env";
    rc = wz_dotenv_load_file(path, getenv_fn != NULL ? lookup_env : NULL, &lctx, &env, err);
    if (rc == WZ_ENOENT && env_file == NULL) {
        rc = WZ_OK;
    } else if (rc == WZ_ENOENT) {
        wz_err_set(err, WZ_EUSAGE, "env file '%s' not found; check the --env-file path", env_file);
        return WZ_EUSAGE;
    } else if (rc != WZ_OK) {
        if (rc != WZ_ENOMEM)
            err->code = rc = WZ_EUSAGE;
        return rc;
    } else {
        out->env_file = strdup(path);
        struct stat st;
        if (stat(path, &st) == 0)
            out->env_file_mode = (unsigned)(st.st_mode & 07777);
        warn_unknown(&env, out);
    }

    for (size_t i = 0; i < NROWS && rc == WZ_OK; i++) {
        const struct wz_setting_def *d = &table[i];
        const char *value = getenv_fn != NULL ? getenv_fn(d->name, ctx) : NULL;
        char origin[600];
        if (value != NULL) {
            out->sources[i] = WZ_SRC_ENVIRONMENT;
            snprintf(origin, sizeof(origin), "environment");
        } else {
            const struct wz_dotenv_entry *e = wz_dotenv_get(&env, d->name);
            if (e != NULL) {
                value = e->value;
                out->sources[i] = WZ_SRC_DOTENV;
                snprintf(origin, sizeof(origin), "%s:%d", env.path, e->line);
            } else {
                value = d->default_value;
                out->sources[i] = WZ_SRC_DEFAULT;
                snprintf(origin, sizeof(origin), "default");
            }
        }
        out->origins[i] = strdup(origin);
        if (out->origins[i] == NULL) {
            rc = wz_err_set(err, WZ_ENOMEM, "out of memory");
            break;
        }
        if ((d->flags & WZ_SET_SECRET) && wz_out_add_secret(value) != WZ_OK) {
            rc = wz_err_set(err, WZ_ENOMEM, "out of memory");
            break;
        }
        char why[256];
        rc = set_value(out, d, value, why, sizeof(why));
        if (rc == WZ_ENOMEM) {
            wz_err_set(err, rc, "out of memory");
        } else if (rc != WZ_OK) {
            describe_bad(err, d, origin, value, why);
        } else if (d->flags & WZ_SET_DB_URL) {
            struct wz_err uerr;
            rc = wz_db_url_parse(value, &out->db_url, &uerr);
            /* Registered before anything else is printed, even when the URL is refused: the
             * refusal's message may quote it. */
            int mrc = wz_out_add_secret(out->db_url.password);
            char **secrets = wz_db_url_secrets(value);
            if (secrets == NULL)
                mrc = WZ_ENOMEM;
            for (char **p = secrets; p != NULL && *p != NULL && mrc == WZ_OK; p++)
                mrc = wz_out_add_secret(*p);
            wz_strv_free(secrets);
            if (mrc != WZ_OK)
                rc = wz_err_set(err, WZ_ENOMEM, "out of memory");
            else if (rc == WZ_ENOMEM)
                wz_err_set(err, rc, "out of memory");
            else if (rc != WZ_OK)
                wz_err_set(err, WZ_EUSAGE, "%s (from %s)", uerr.msg, origin);
        }
    }
    wz_dotenv_release(&env);
    return rc;
}

void wz_settings_release(struct wz_settings *s)
{
    if (s == NULL)
        return;
    for (size_t i = 0; i < NROWS; i++) {
        if (table[i].type == WZ_SET_STRING) {
            char **slot = field_str(s, &table[i]);
            free(*slot);
        }
        if (s->origins != NULL)
            free(s->origins[i]);
    }
    free(s->origins);
    free(s->sources);
    free(s->env_file);
    wz_db_url_release(&s->db_url);
    memset(s, 0, sizeof(*s));
}

const char *wz_password_weakness(const char *password)
{
    size_t len = strlen(password);
    if (strcmp(password, WZ_DEFAULT_ADMIN_PASSWORD) == 0)
        return "it is the documented default";
    if (len < 12)
        return "it is shorter than 12 characters";
    int lower = 0, upper = 0, digit = 0, other = 0;
    for (const char *p = password; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (islower(c))
            lower = 1;
        else if (isupper(c))
            upper = 1;
        else if (isdigit(c))
            digit = 1;
        else
            other = 1;
    }
    if (lower + upper + digit + other < 3)
        return "it needs at least three of: lowercase, uppercase, digits, symbols";
    return NULL;
}

static int push(char ***v, size_t *n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static int push(char ***v, size_t *n, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    char **grown = realloc(*v, (*n + 2) * sizeof(**v));
    if (grown == NULL)
        return WZ_ENOMEM;
    *v = grown;
    (*v)[*n] = strdup(buf);
    if ((*v)[*n] == NULL)
        return WZ_ENOMEM;
    (*n)++;
    (*v)[*n] = NULL;
    return WZ_OK;
}

const char *wz_settings_backup_dir_risk(const struct wz_settings *s, char *buf, size_t size)
{
    struct stat st;
    if (s->backup_dir == NULL || stat(s->backup_dir, &st) != 0 || !S_ISDIR(st.st_mode) ||
        !(st.st_mode & S_IWOTH))
        return NULL;
    snprintf(buf, size,
             "BACKUP_DIR %s is writable by every user (mode %04o): anyone may plant or replace "
             "a backup there; run: chmod o-w %s (or choose a private folder)",
             s->backup_dir, (unsigned)(st.st_mode & 07777), s->backup_dir);
    return buf;
}

int wz_settings_production_warnings(const struct wz_settings *s, char ***warnings)
{
    char risk[768];
    char **v = calloc(1, sizeof(*v));
    size_t n = 0;
    int rc = WZ_OK;
    if (v == NULL)
        return WZ_ENOMEM;
    if (strcmp(s->admin_password, WZ_DEFAULT_ADMIN_PASSWORD) == 0)
        rc |= push(&v, &n, "Using default admin password! Set ADMIN_PASSWORD in .env");
    else if (wz_password_weakness(s->admin_password) != NULL)
        rc |= push(&v, &n, "Admin password is weak: %s. Set a stronger ADMIN_PASSWORD",
                   wz_password_weakness(s->admin_password));
    if (strcmp(s->jwt_secret_key, WZ_DEFAULT_JWT_SECRET) == 0)
        rc |= push(&v, &n,
                   "Using default JWT secret key! Set JWT_SECRET_KEY to a random value "
                   "(e.g. openssl rand -hex 32)");
    else if (strlen(s->jwt_secret_key) < 32)
        rc |= push(&v, &n,
                   "JWT secret key is shorter than 32 characters; use a random value "
                   "(e.g. openssl rand -hex 32)");
    if (s->debug)
        rc |= push(&v, &n, "Debug mode enabled! Set DEBUG=false");
    if (strchr(s->allowed_hosts, '*') != NULL)
        rc |= push(&v, &n, "ALLOWED_HOSTS is set to wildcard (*)! List the real host names");
    if (s->db_url.dialect == WZ_DIALECT_SQLITE)
        rc |= push(&v, &n, "SQLite is the database (%s); use PostgreSQL in production",
                   s->db_url.redacted);
    if (s->env_file != NULL && (s->env_file_mode & 077) != 0)
        rc |= push(&v, &n, "%s is readable by other users (mode %04o); run: chmod 600 %s",
                   s->env_file, s->env_file_mode, s->env_file);
    if (wz_settings_backup_dir_risk(s, risk, sizeof(risk)) != NULL)
        rc |= push(&v, &n, "%s", risk);
    if (strcmp(s->admin_email, "admin@wizamart.com") == 0)
        rc |= push(&v, &n,
                   "ADMIN_EMAIL is the example address admin@wizamart.com; set the "
                   "real administrator's address");
    if (rc != WZ_OK) {
        wz_strv_free(v);
        *warnings = NULL;
        return WZ_ENOMEM;
    }
    *warnings = v;
    return WZ_OK;
}

void wz_strv_free(char **v)
{
    if (v == NULL)
        return;
    for (char **p = v; *p != NULL; p++)
        free(*p);
    free(v);
}

bool wz_settings_backup_before_migrate(const struct wz_settings *s)
{
    if (s->backup_before_migrate == WZ_AUTO)
        return s->environment != WZ_ENV_DEVELOPMENT;
    return s->backup_before_migrate == WZ_ON;
}

const char *wz_settings_format(const struct wz_settings *s, const struct wz_setting_def *d,
                               char *buf, size_t size)
{
    const void *field = (const char *)s + d->offset;
    if (d->flags & WZ_SET_SECRET)
        return "****";
    if (d->flags & WZ_SET_DB_URL)
        return s->db_url.redacted != NULL ? s->db_url.redacted : "";
    switch (d->type) {
    case WZ_SET_STRING:
        return *(char *const *)field;
    case WZ_SET_INT:
        snprintf(buf, size, "%lld", (long long)*(const int64_t *)field);
        return buf;
    case WZ_SET_BOOL:
        return *(const bool *)field ? "true" : "false";
    case WZ_SET_AUTO_BOOL: {
        int v = *(const int *)field;
        return v == WZ_AUTO ? "auto" : v == WZ_ON ? "true" : "false";
    }
    case WZ_SET_ENVIRONMENT:
        return wz_environment_name(*(const enum wz_environment *)field);
    }
    return "";
}
