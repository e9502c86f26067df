/*
 * DATABASE_URL as a value: the parsed form (src/db/url.c) and what can be read off it without
 * a connection. A header of its own, needing only core/err.h, so that the settings (which
 * parse DATABASE_URL) include this and not the driver interface: core never includes db/db.h.
 */
#ifndef WZ_DB_URL_H
#define WZ_DB_URL_H

#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"

enum wz_dialect {
    WZ_DIALECT_SQLITE = 1,
    WZ_DIALECT_POSTGRES = 2,
};

/* One query parameter of a URL, percent-decoded (e.g. sslmode=require). */
struct wz_db_param {
    char *key;
    char *value; /* may be a secret (?password=): never print it */
};

/* A parsed DATABASE_URL (src/db/url.c). All strings owned by the struct. */
struct wz_db_url {
    enum wz_dialect dialect;
    char *path; /* sqlite: file path, or ":memory:" */
    char *host; /* postgresql: host name, or a socket directory starting with '/'; may be NULL */
    char *port; /* may be NULL */
    char *user; /* may be NULL */
    char *password;                 /* may be NULL; a secret: never print it */
    char *dbname;                   /* may be NULL */
    char *params;                   /* raw query string after '?', may be NULL */
    struct wz_db_param *param_list; /* the query's parameters, decoded, in order */
    size_t nparams;
    char *redacted; /* the URL with the password replaced by "****": the only form to print */
};

/* Parses the forms of docs/cli.md. On failure WZ_EUSAGE with a message that lists the
 * accepted forms and never contains the password. */
int wz_db_url_parse(const char *url, struct wz_db_url *out, struct wz_err *err);
void wz_db_url_release(struct wz_db_url *url);

/* Every secret a URL holds, as written and percent-decoded: the password, and the value of any
 * password parameter (?password=, ?sslpassword=), so that each can be masked in all output.
 * A NULL-terminated list the caller frees with wz_strv_free; NULL on out of memory. */
char **wz_db_url_secrets(const char *url);

/* Copies a parsed URL (for drivers keeping their own). */
int wz_db_url_copy(const struct wz_db_url *src, struct wz_db_url *dst);

/* What can be read off a URL without connecting: the only places outside src/db/ that need
 * to tell a file from a server. */

/* The dialect's name as the drivers spell it: "sqlite" or "postgresql". */
const char *wz_db_url_dialect_name(const struct wz_db_url *url);

/* True for a database that lives in this process only (sqlite:///:memory:): it cannot be
 * backed up, and it is empty at every start. */
bool wz_db_url_in_memory(const struct wz_db_url *url);

/* The file a database lives in, or NULL for one on a server or in memory. */
const char *wz_db_url_file(const struct wz_db_url *url);

/* The database as messages name it, into buf: the file's path, or "database 'NAME'". */
const char *wz_db_url_describe(const struct wz_db_url *url, char *buf, size_t size);

/* The database's name as a backup's file name starts with it: the file's name without its
 * extension, or the server database's name (libpq's default when the URL names none: the
 * user's, else "postgres"). *name points into url (or a literal); returns its length. */
size_t wz_db_url_name(const struct wz_db_url *url, const char **name);

#endif
