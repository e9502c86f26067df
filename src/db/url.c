/*
 * DATABASE_URL parsing. Users paste URLs from the Python system (postgresql+psycopg2://,
 * postgres://) and SQLAlchemy's sqlite forms, so those are accepted; anything else is a
 * configuration error that lists the accepted forms. The password is kept only in the
 * parsed struct, and every printable form of the URL has it masked.
 */
#include "db/url.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>
#include <string.h>

#include "core/strbuf.h"

#define ACCEPTED_FORMS                                                                             \
    "accepted forms: sqlite:///relative.db, sqlite:////absolute/path.db, sqlite:///:memory:, "     \
    "postgresql://user:pass@host:port/db (also postgres:// and postgresql+psycopg2://)"

/* The '@' ending "user:password@" in the text after "://", or NULL. The authority normally
 * ends at the first '/', '?' or '#', but a password pasted from the Python system may hold
 * those unescaped (SQLAlchemy reads a password up to its '@'; `openssl rand -base64` makes
 * '/'), so once a ':' opens a password its '@' may come after them. Parsing and masking
 * share this, so such a password is masked even when the URL is rejected. */
static const char *userinfo_end(const char *auth)
{
    const char *from = auth;
    size_t user_len = strcspn(auth, ":/?#@");
    if (auth[user_len] == ':' && memchr(auth, '@', strcspn(auth, "/?#")) == NULL) {
        from = strchr(auth + user_len + 1, '@');
        if (from == NULL)
            return NULL;
    }
    /* The last '@' of the authority: an unescaped '@' in a password stays in the password. */
    const char *at = NULL;
    size_t auth_len = strcspn(from, "/?#");
    for (size_t i = 0; i < auth_len; i++)
        if (from[i] == '@')
            at = from + i;
    return at;
}

static char *pct_decode(const char *s, size_t n);
static bool pct_wellformed(const char *s, size_t n);

/* True for a query parameter that carries a secret: libpq's password and sslpassword, and
 * anything else named like one, judged by what the key decodes to (pass%77ord is password). */
static bool secret_param(const char *key, size_t len)
{
    char *decoded = pct_decode(key, len);
    /* A well-formed key that did not decode ran out of memory: masking too much is harmless. */
    if (decoded == NULL && pct_wellformed(key, len))
        return true;
    const char *k = decoded != NULL ? decoded : key;
    size_t klen = decoded != NULL ? strlen(decoded) : len;
    bool secret = false;
    for (size_t i = 0; i + 8 <= klen && !secret; i++)
        secret = strncasecmp(k + i, "password", 8) == 0;
    free(decoded);
    return secret;
}

/* Calls fn for the value of each secret parameter of url (raw, still encoded), in order. Every
 * "key=value" that follows a '?' or '&' anywhere counts: where the query really starts depends
 * on how the rest parses (a '?' may sit in a password), and masking too much is harmless. */
static void each_secret_param(const char *url, void (*fn)(const char *v, size_t n, void *arg),
                              void *arg)
{
    for (const char *p = strpbrk(url, "?&"); p != NULL; p = strpbrk(p, "?&")) {
        p++;
        size_t item = strcspn(p, "&#");
        const char *eq = memchr(p, '=', item);
        if (eq != NULL && secret_param(p, (size_t)(eq - p)))
            fn(eq + 1, (size_t)(p + item - eq - 1), arg);
    }
}

/* The spans of a URL to mask, collected in any order and masked in order. */
struct spans {
    struct {
        const char *v;
        size_t n;
    } s[64];
    size_t count;
    bool overflow;
};

static void add_span(const char *v, size_t n, void *arg)
{
    struct spans *sp = arg;
    if (sp->count == sizeof(sp->s) / sizeof(sp->s[0])) {
        sp->overflow = true;
        return;
    }
    sp->s[sp->count].v = v;
    sp->s[sp->count].n = n;
    sp->count++;
}

/* Masks the secrets of a URL that may not parse: everything between the first ':' after
 * "://" and the last '@' of the authority, and the value of every password parameter.
 * Caller frees. */
static char *redact_raw(const char *url)
{
    struct spans sp = {.count = 0};
    const char *scheme_end = strstr(url, "://");
    const char *auth = scheme_end != NULL ? scheme_end + 3 : url;
    const char *at = scheme_end != NULL ? userinfo_end(auth) : NULL;
    const char *colon = at != NULL ? memchr(auth, ':', (size_t)(at - auth)) : NULL;
    if (colon != NULL)
        add_span(colon + 1, (size_t)(at - colon - 1), &sp);
    /* As wz_db_url_secrets: with another '@' further on, up to the last one may be password. */
    const char *user_colon = scheme_end != NULL ? memchr(auth, ':', strcspn(auth, "/?#@")) : NULL;
    const char *last_at = scheme_end != NULL ? strrchr(auth, '@') : NULL;
    if (user_colon != NULL && last_at != NULL && last_at != at && last_at > user_colon)
        add_span(user_colon + 1, (size_t)(last_at - user_colon - 1), &sp);
    each_secret_param(url, add_span, &sp);
    if (sp.overflow) /* absurdly many: show nothing rather than a secret */
        return strdup("(a URL with too many password parameters to show)");
    struct wz_strbuf sb = WZ_STRBUF_INIT;
    const char *from = url;
    while (true) {
        /* The next span by position, skipping what is masked already. */
        size_t best = sp.count;
        for (size_t i = 0; i < sp.count; i++)
            if (sp.s[i].v + sp.s[i].n > from && (best == sp.count || sp.s[i].v < sp.s[best].v))
                best = i;
        if (best == sp.count)
            break;
        const char *v = sp.s[best].v < from ? from : sp.s[best].v;
        wz_strbuf_append_n(&sb, from, (size_t)(v - from));
        wz_strbuf_append(&sb, "****");
        from = sp.s[best].v + sp.s[best].n;
    }
    wz_strbuf_append(&sb, from);
    return wz_strbuf_detach(&sb);
}

struct secret_list {
    char **v;
    size_t n;
    bool failed;
};

static void add_secret(struct secret_list *l, char *s)
{
    char **grown = s != NULL ? realloc(l->v, (l->n + 2) * sizeof(*l->v)) : NULL;
    if (grown == NULL) {
        free(s);
        l->failed = true;
        return;
    }
    l->v = grown;
    l->v[l->n++] = s;
    l->v[l->n] = NULL;
}

static void collect_value(const char *v, size_t n, void *arg)
{
    if (n == 0)
        return;
    add_secret(arg, strndup(v, n));
    char *decoded = pct_decode(v, n);
    if (decoded != NULL)
        add_secret(arg, decoded);
    else if (pct_wellformed(v, n)) /* out of memory: the decoded form would go unmasked */
        ((struct secret_list *)arg)->failed = true;
}

char **wz_db_url_secrets(const char *url)
{
    struct secret_list l = {calloc(1, sizeof(char *)), 0, false};
    if (l.v == NULL)
        return NULL;
    const char *scheme_end = strstr(url, "://");
    if (scheme_end != NULL) {
        const char *auth = scheme_end + 3;
        const char *at = userinfo_end(auth);
        const char *colon = at != NULL ? memchr(auth, ':', (size_t)(at - auth)) : NULL;
        if (colon != NULL)
            collect_value(colon + 1, (size_t)(at - colon - 1), &l);
        /* A password holding an unescaped '@' before a '/', '?' or '#' makes the URL
         * ambiguous (it is refused); up to the last '@' of the whole text may be password. */
        const char *user_colon = memchr(auth, ':', strcspn(auth, "/?#@"));
        const char *last_at = strrchr(auth, '@');
        if (user_colon != NULL && last_at != NULL && last_at != at && last_at > user_colon)
            collect_value(user_colon + 1, (size_t)(last_at - user_colon - 1), &l);
    }
    each_secret_param(url, collect_value, &l);
    if (l.failed) { /* a partial list would leave a secret unmasked */
        for (size_t i = 0; i < l.n; i++)
            free(l.v[i]);
        free(l.v);
        return NULL;
    }
    return l.v;
}

static int hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = tolower(c);
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

/* Whether pct_decode accepts n bytes of s: every '%' starts two hex digits, and never %00,
 * which would cut the value short where C strings end. */
static bool pct_wellformed(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '%')
            continue;
        int hi = i + 2 < n ? hexval((unsigned char)s[i + 1]) : -1;
        int lo = i + 2 < n ? hexval((unsigned char)s[i + 2]) : -1;
        if (hi < 0 || lo < 0 || (hi == 0 && lo == 0))
            return false;
        i += 2;
    }
    return true;
}

/* Percent-decodes n bytes of s into a new string, or NULL on a bad escape (or out of
 * memory: pct_wellformed tells them apart). Caller frees. */
static char *pct_decode(const char *s, size_t n)
{
    if (!pct_wellformed(s, n))
        return NULL;
    char *res = malloc(n + 1);
    if (res == NULL)
        return NULL;
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '%') {
            res[o++] =
                (char)(hexval((unsigned char)s[i + 1]) * 16 + hexval((unsigned char)s[i + 2]));
            i += 2;
        } else {
            res[o++] = s[i];
        }
    }
    res[o] = '\0';
    return res;
}

static int fail(struct wz_db_url *out, struct wz_err *err, const char *url, const char *why)
{
    char *shown = redact_raw(url);
    wz_err_set(err, WZ_EUSAGE, "invalid DATABASE_URL '%s': %s; %s", shown ? shown : "?", why,
               ACCEPTED_FORMS);
    free(shown);
    wz_db_url_release(out);
    return WZ_EUSAGE;
}

static int parse_sqlite(const char *url, const char *rest, struct wz_db_url *out,
                        struct wz_err *err)
{
    /* rest follows "sqlite://": SQLAlchemy puts an empty host first, hence the third '/'. */
    if (rest[0] != '/')
        return fail(out, err, url, "a sqlite URL needs three slashes before the path");
    const char *path = rest + 1;
    if (path[0] == '\0')
        return fail(out, err, url, "the sqlite path is empty");
    if (strchr(path, '?') != NULL)
        return fail(out, err, url, "sqlite URLs take no parameters");
    out->dialect = WZ_DIALECT_SQLITE;
    /* SQLite reads a file name starting with "file:" as a URI (mode=, vfs=, ... and a
     * different file) when URI names are enabled, as Debian builds it: "./" keeps it the
     * plain relative path the URL names, for every opener. */
    bool uri_like = strncmp(path, "file:", 5) == 0;
    out->path = uri_like ? malloc(strlen(path) + 3) : strdup(path);
    if (uri_like && out->path != NULL)
        snprintf(out->path, strlen(path) + 3, "./%s", path);
    /* A path holding "&password=..." is masked too, as the secret list has it. */
    out->redacted = redact_raw(url);
    if (out->path == NULL || out->redacted == NULL) {
        wz_db_url_release(out);
        return wz_err_set(err, WZ_ENOMEM, "out of memory");
    }
    return WZ_OK;
}

static int add_param(struct wz_db_url *out, char *key, char *value)
{
    struct wz_db_param *grown = key != NULL && value != NULL
                                    ? realloc(out->param_list, (out->nparams + 1) * sizeof(*grown))
                                    : NULL;
    if (grown == NULL) {
        free(key);
        free(value);
        return WZ_ENOMEM;
    }
    out->param_list = grown;
    out->param_list[out->nparams].key = key;
    out->param_list[out->nparams].value = value;
    out->nparams++;
    return WZ_OK;
}

/* Splits and decodes the query once, for every consumer (the driver's connection keywords,
 * pg_dump's environment): each item needs a value, and every escape must be well formed. */
static int parse_params(struct wz_db_url *out, const char *url, const char *query,
                        struct wz_err *err)
{
    for (const char *p = query; *p != '\0' && *p != '#';) {
        size_t len = strcspn(p, "&#");
        const char *eq = memchr(p, '=', len);
        if (len > 0 && eq == NULL) {
            char why[160];
            snprintf(why, sizeof(why),
                     "parameter '%.*s' has no value; write it as name=value, e.g. ?sslmode=require",
                     (int)(len < 64 ? len : 64), p);
            return fail(out, err, url, why);
        }
        if (len > 0) {
            char *key = pct_decode(p, (size_t)(eq - p));
            char *value = pct_decode(eq + 1, len - (size_t)(eq - p) - 1);
            if (key == NULL || value == NULL) {
                free(key);
                free(value);
                return fail(out, err, url, "bad percent-escape in a parameter");
            }
            if (add_param(out, key, value) != WZ_OK)
                return fail(out, err, url, "out of memory");
        }
        p += len;
        if (*p == '&')
            p++;
    }
    return WZ_OK;
}

static int parse_postgres(const char *url, const char *rest, struct wz_db_url *out,
                          struct wz_err *err)
{
    out->dialect = WZ_DIALECT_POSTGRES;
    const char *at = userinfo_end(rest);
    /* Another '@' after the one ending the user information (in the path or the query too:
     * write an '@' there as %40): a password with an unescaped '@' and a '/', '?' or '#'. Reading
     * it either way could send part of the password as a host name or print it, so it is refused,
     * showing none of the URL. */
    if (at != NULL && strchr(at + 1, '@') != NULL) {
        wz_db_url_release(out);
        return wz_err_set(err, WZ_EUSAGE,
                          "invalid DATABASE_URL: it is ambiguous, as if the password held '@' "
                          "together with '/', '?' or '#'; percent-encode them in the password "
                          "(@ as %%40, / as %%2F, ? as %%3F, # as %%23); %s",
                          ACCEPTED_FORMS);
    }
    size_t auth_len =
        at != NULL ? (size_t)(at + 1 - rest) + strcspn(at + 1, "/?#") : strcspn(rest, "/?#");
    if (rest[auth_len] == '#')
        return fail(out, err, url, "a fragment ('#') is not allowed");
    const char *hostpart = rest;
    if (at != NULL) {
        size_t ui_len = (size_t)(at - rest);
        const char *colon = memchr(rest, ':', ui_len);
        size_t user_len = colon != NULL ? (size_t)(colon - rest) : ui_len;
        if (user_len > 0 && (out->user = pct_decode(rest, user_len)) == NULL)
            return fail(out, err, url, "bad percent-escape in the user name");
        if (colon != NULL) {
            out->password = pct_decode(colon + 1, (size_t)(at - colon - 1));
            if (out->password == NULL)
                return fail(out, err, url, "bad percent-escape in the password");
        }
        hostpart = at + 1;
    }
    size_t hp_len = (size_t)(rest + auth_len - hostpart);
    const char *port = NULL;
    size_t host_len = hp_len;
    if (hp_len > 0 && hostpart[0] == '[') {
        const char *close = memchr(hostpart, ']', hp_len);
        if (close == NULL)
            return fail(out, err, url, "unclosed '[' in the host");
        host_len = (size_t)(close - hostpart) + 1;
        if (close + 1 < hostpart + hp_len) {
            if (close[1] != ':')
                return fail(out, err, url, "unexpected text after the IPv6 host");
            port = close + 2;
        }
    } else {
        const char *colon = memchr(hostpart, ':', hp_len);
        if (colon != NULL) {
            host_len = (size_t)(colon - hostpart);
            port = colon + 1;
        }
    }
    if (host_len > 0) {
        if (hostpart[0] == '[')
            out->host = pct_decode(hostpart + 1, host_len - 2);
        else
            out->host = pct_decode(hostpart, host_len);
        if (out->host == NULL)
            return fail(out, err, url, "bad percent-escape in the host");
    }
    if (port != NULL) {
        size_t port_len = (size_t)(rest + auth_len - port);
        if (port_len == 0 || port_len > 5)
            return fail(out, err, url, "the port must be a number from 1 to 65535");
        long v = 0;
        for (size_t i = 0; i < port_len; i++) {
            if (!isdigit((unsigned char)port[i]))
                return fail(out, err, url, "the port must be a number from 1 to 65535");
            v = v * 10 + (port[i] - '0');
        }
        if (v < 1 || v > 65535)
            return fail(out, err, url, "the port must be a number from 1 to 65535");
        out->port = strndup(port, port_len);
    }
    const char *p = rest + auth_len;
    if (*p == '/') {
        p++;
        size_t db_len = strcspn(p, "?#");
        if (p[db_len] == '#')
            return fail(out, err, url, "a fragment ('#') is not allowed");
        if (db_len > 0 && (out->dbname = pct_decode(p, db_len)) == NULL)
            return fail(out, err, url, "bad percent-escape in the database name");
        p += db_len;
    }
    if (*p == '?' && p[1] != '\0') {
        out->params = strdup(p + 1);
        int rc = parse_params(out, url, p + 1, err);
        if (rc != WZ_OK)
            return rc;
    }
    out->redacted = redact_raw(url);
    if (out->redacted == NULL)
        return fail(out, err, url, "out of memory");
    return WZ_OK;
}

int wz_db_url_parse(const char *url, struct wz_db_url *out, struct wz_err *err)
{
    memset(out, 0, sizeof(*out));
    if (url == NULL || url[0] == '\0')
        return fail(out, err, "", "it is empty");
    static const char *const pg_schemes[] = {"postgresql://", "postgres://",
                                             "postgresql+psycopg2://", "postgresql+psycopg://"};
    if (strncmp(url, "sqlite://", 9) == 0)
        return parse_sqlite(url, url + 9, out, err);
    for (size_t i = 0; i < sizeof(pg_schemes) / sizeof(pg_schemes[0]); i++) {
        size_t n = strlen(pg_schemes[i]);
        if (strncmp(url, pg_schemes[i], n) == 0)
            return parse_postgres(url, url + n, out, err);
    }
    return fail(out, err, url, "unknown scheme");
}

void wz_db_url_release(struct wz_db_url *url)
{
    if (url == NULL)
        return;
    free(url->path);
    free(url->host);
    free(url->port);
    free(url->user);
    if (url->password != NULL) {
        /* Wipe the secret rather than leave it in freed memory. */
        memset(url->password, 0, strlen(url->password));
        free(url->password);
    }
    free(url->dbname);
    free(url->params);
    for (size_t i = 0; i < url->nparams; i++) {
        free(url->param_list[i].key);
        if (url->param_list[i].value != NULL)
            memset(url->param_list[i].value, 0, strlen(url->param_list[i].value));
        free(url->param_list[i].value);
    }
    free(url->param_list);
    free(url->redacted);
    memset(url, 0, sizeof(*url));
}

static int dup_field(char **dst, const char *src)
{
    *dst = NULL;
    if (src == NULL)
        return 0;
    *dst = strdup(src);
    return *dst == NULL ? -1 : 0;
}

int wz_db_url_copy(const struct wz_db_url *src, struct wz_db_url *dst)
{
    memset(dst, 0, sizeof(*dst));
    dst->dialect = src->dialect;
    if (dup_field(&dst->path, src->path) || dup_field(&dst->host, src->host) ||
        dup_field(&dst->port, src->port) || dup_field(&dst->user, src->user) ||
        dup_field(&dst->password, src->password) || dup_field(&dst->dbname, src->dbname) ||
        dup_field(&dst->params, src->params) || dup_field(&dst->redacted, src->redacted)) {
        wz_db_url_release(dst);
        return WZ_ENOMEM;
    }
    for (size_t i = 0; i < src->nparams; i++) {
        if (add_param(dst, strdup(src->param_list[i].key), strdup(src->param_list[i].value)) !=
            WZ_OK) {
            wz_db_url_release(dst);
            return WZ_ENOMEM;
        }
    }
    return WZ_OK;
}

const char *wz_db_url_dialect_name(const struct wz_db_url *url)
{
    return url->dialect == WZ_DIALECT_POSTGRES ? "postgresql" : "sqlite";
}

bool wz_db_url_in_memory(const struct wz_db_url *url)
{
    return url->dialect == WZ_DIALECT_SQLITE && strcmp(url->path, ":memory:") == 0;
}

const char *wz_db_url_file(const struct wz_db_url *url)
{
    return url->dialect == WZ_DIALECT_SQLITE && !wz_db_url_in_memory(url) ? url->path : NULL;
}

const char *wz_db_url_describe(const struct wz_db_url *url, char *buf, size_t size)
{
    if (url->dialect == WZ_DIALECT_SQLITE)
        snprintf(buf, size, "%s", url->path);
    else
        snprintf(buf, size, "database '%s'", url->dbname != NULL ? url->dbname : "(null)");
    return buf;
}

size_t wz_db_url_name(const struct wz_db_url *url, const char **name)
{
    if (url->dialect == WZ_DIALECT_SQLITE) {
        const char *slash = strrchr(url->path, '/');
        *name = slash != NULL ? slash + 1 : url->path;
        const char *dot = strrchr(*name, '.');
        return dot != NULL && dot != *name ? (size_t)(dot - *name) : strlen(*name);
    }
    /* libpq's default database is the user's name */
    *name = url->dbname != NULL ? url->dbname : url->user != NULL ? url->user : "postgres";
    return strlen(*name);
}
