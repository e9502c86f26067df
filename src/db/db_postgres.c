/*
 * The PostgreSQL driver: the interface of db.h over libpq.
 *
 * Why it looks the way it does:
 *   - Connection parameters go to PQconnectdbParams as keyword/value pairs, never through a
 *     conninfo string, so the password is never formatted into text and a database name can
 *     never smuggle in other keywords (expand_dbname is off).
 *   - A failed connection is turned into one sentence that says what to do (server down,
 *     password refused, database missing), because that is the first thing a new user meets.
 *     libpq gives no SQLSTATE for a failed connection, so the kind is read from its message.
 *   - Statements are prepared under generated names (wz_1, wz_2, ...) so several can be open at
 *     once, as the SQLite driver allows; their parameters travel as text and the server infers
 *     the types. A statement's result arrives whole on the first step and steps walk it.
 *   - Finalizing does not cost a round trip: names to DEALLOCATE are batched.
 *   - The migration lock is a session advisory lock, so a crashed holder frees it.
 */
#include "db/db_postgres.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libpq-fe.h>

#include "db/pq_loader.h"

/* Statement names waiting for DEALLOCATE before a batch is sent. */
#define PG_STALE_BATCH 32
/* COPY data is sent in messages of about this size (the floor benchmark's, bench/README.md). */
#define PG_COPY_CHUNK (64 * 1024)
/* How long to pause between attempts while waiting for a server or a lock. */
#define PG_RETRY_CONNECT_MS 200
#define PG_RETRY_LOCK_MS    50

struct pg_db {
    struct wz_db base; /* first: the engine sees a struct wz_db */
    PGconn *conn;
    int64_t changes;
    bool locked;
    int64_t lock_key; /* the held lock's */
    bool in_copy;
    int copy_ncols;
    /* COPY rows not sent yet, reused across COPYs: rows go out PG_COPY_CHUNK bytes at a time,
     * since the server handles each CopyData message on its own */
    char *line;
    size_t line_used, line_cap;
    unsigned next_stmt;
    unsigned stale[PG_STALE_BATCH]; /* finalized statements not yet deallocated */
    int nstale;
};

struct pg_stmt {
    struct wz_stmt base; /* first: the engine sees a struct wz_stmt */
    unsigned id;         /* prepared as "wz_<id>" */
    PGresult *desc;      /* parameter count and column names, known before execution */
    int nparams;
    char **values; /* nparams bound copies; NULL is SQL NULL */
    PGresult *res; /* the rows of the current execution */
    int row;       /* rows handed out by step so far */
    bool executed;
};

enum pg_fail {
    PG_FAIL_OTHER,
    PG_FAIL_REFUSED,  /* nothing listens: the server is down or not started yet */
    PG_FAIL_STARTING, /* the server answers but is still starting or recovering */
    PG_FAIL_AUTH,
    PG_FAIL_NO_PASSWORD,
    PG_FAIL_NO_DATABASE,
    PG_FAIL_NO_ROLE,
    PG_FAIL_BAD_HOST,
    PG_FAIL_TIMEOUT,
};

/* The keyword/value pairs for PQconnectdbParams. The strings belong to the URL (and to
 * string literals): the arrays live no longer than the connection attempt. */
struct pg_conninfo {
    const char **keys;
    const char **vals;
    int n;
};

static struct pg_db *pg_db_of(struct wz_db *db)
{
    return (struct pg_db *)db;
}

static struct pg_stmt *pg_stmt_of(struct wz_stmt *st)
{
    return (struct pg_stmt *)st;
}

static int64_t pg_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void pg_sleep_ms(int64_t ms)
{
    if (ms <= 0)
        return;
    struct timespec ts = {.tv_sec = (time_t)(ms / 1000), .tv_nsec = (long)(ms % 1000) * 1000000};
    nanosleep(&ts, NULL);
}

/* The engine prints nothing; server notices and warnings are not errors, so they are dropped
 * rather than written to stderr by libpq's default processor. */
static void pg_notice_ignore(void *arg, const char *message)
{
    (void)arg;
    (void)message;
}

/* Copies a libpq message into out as one line: drops the "connection to server ... failed: "
 * and "FATAL:" prefixes and joins lines with "; ". */
static void pg_condense(const char *msg, char *out, size_t size)
{
    static const char *const prefixes[] = {"FATAL:", "ERROR:"};
    size_t n = 0;
    const char *p = msg != NULL ? msg : "";
    const char *failed = strstr(p, " failed: ");

    if (strncmp(p, "connection to server", 20) == 0 && failed != NULL)
        p = failed + 9;
    for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++) {
        size_t len = strlen(prefixes[i]);
        if (strncmp(p, prefixes[i], len) == 0) {
            p += len;
            break;
        }
    }
    while (*p == ' ')
        p++;
    for (; *p != '\0' && n + 3 < size; p++) {
        if (*p == '\n' || *p == '\r' || *p == '\t') {
            while (p[1] == '\n' || p[1] == '\r' || p[1] == '\t' || p[1] == ' ')
                p++;
            if (p[1] == '\0')
                break;
            out[n++] = ';';
            out[n++] = ' ';
            continue;
        }
        out[n++] = *p;
    }
    while (n > 0 && (out[n - 1] == ' ' || out[n - 1] == ';'))
        n--;
    out[n] = '\0';
}

static void pg_conninfo_release(struct pg_conninfo *ci)
{
    free(ci->keys);
    free(ci->vals);
    memset(ci, 0, sizeof(*ci));
}

static void pg_conninfo_add(struct pg_conninfo *ci, const char *key, const char *val)
{
    if (val == NULL || val[0] == '\0')
        return;
    ci->keys[ci->n] = key;
    ci->vals[ci->n] = val;
    ci->n++;
}

/* libpq's option for a connection keyword, or NULL when libpq knows none by that name. */
static const PQconninfoOption *pg_keyword_option(const PQconninfoOption *opts, const char *key)
{
    for (const PQconninfoOption *o = opts; o != NULL && o->keyword != NULL; o++) {
        if (strcmp(o->keyword, key) == 0)
            return o;
    }
    return NULL;
}

int wz_postgres_each_param(const struct wz_db_url *url,
                           int (*fn)(const struct wz_db_param *param, const PQconninfoOption *opt,
                                     void *arg, struct wz_err *err),
                           void *arg, struct wz_err *err)
{
    if (url->nparams == 0)
        return WZ_OK;
    int rc = wz_pq_load(err);
    if (rc != WZ_OK)
        return rc;
    PQconninfoOption *known = wz_pq.PQconndefaults();
    if (known == NULL)
        return wz_err_set(err, WZ_ENOMEM, "out of memory");
    for (size_t i = 0; i < url->nparams && rc == WZ_OK; i++) {
        const struct wz_db_param *param = &url->param_list[i];
        const PQconninfoOption *o = pg_keyword_option(known, param->key);
        if (o == NULL)
            rc = wz_err_set(err, WZ_EUSAGE,
                            "unknown parameter '%s' in DATABASE_URL; use libpq connection "
                            "parameters such as sslmode, connect_timeout, application_name",
                            param->key);
        else
            rc = fn(param, o, arg, err);
    }
    wz_pq.PQconninfoFree(known);
    return rc;
}

static int pg_conninfo_param(const struct wz_db_param *param, const PQconninfoOption *opt,
                             void *arg, struct wz_err *err)
{
    (void)opt;
    (void)err;
    pg_conninfo_add(arg, param->key, param->value);
    return WZ_OK;
}

/* Builds the connection keywords for url, connecting to dbname instead of url->dbname when
 * dbname is not NULL. The URL's query parameters (decoded by url.c) become keywords; unknown
 * ones are a usage error, as libpq would refuse them with a less helpful message. The parts
 * of the URL proper come after the parameters, so they win over a parameter of the same
 * name; client_encoding comes last because the engine speaks UTF-8. */
static int pg_conninfo_build(const struct wz_db_url *url, const char *dbname,
                             struct pg_conninfo *ci, struct wz_err *err)
{
    int rc = WZ_OK;

    memset(ci, 0, sizeof(*ci));
    int nparams = (int)url->nparams;
    ci->keys = calloc((size_t)nparams + 9, sizeof(*ci->keys));
    ci->vals = calloc((size_t)nparams + 9, sizeof(*ci->vals));
    if (ci->keys == NULL || ci->vals == NULL) {
        rc = wz_err_set(err, WZ_ENOMEM, "out of memory");
        goto cleanup;
    }

    pg_conninfo_add(ci, "connect_timeout", WZ_PG_DEFAULT_CONNECT_TIMEOUT);
    pg_conninfo_add(ci, "fallback_application_name", "wizamart");

    rc = wz_postgres_each_param(url, pg_conninfo_param, ci, err);
    if (rc != WZ_OK)
        goto cleanup;

    pg_conninfo_add(ci, "host", url->host);
    pg_conninfo_add(ci, "port", url->port);
    pg_conninfo_add(ci, "user", url->user);
    pg_conninfo_add(ci, "password", url->password);
    pg_conninfo_add(ci, "dbname", dbname != NULL ? dbname : url->dbname);
    pg_conninfo_add(ci, "client_encoding", "UTF8");

cleanup:
    if (rc != WZ_OK)
        pg_conninfo_release(ci);
    return rc;
}

static enum pg_fail pg_classify(PGconn *conn)
{
    const char *msg = wz_pq.PQerrorMessage(conn);
    const char *host = wz_pq.PQhost(conn);
    bool socket = host == NULL || host[0] == '/' || host[0] == '\0';

    if (strstr(msg, "Connection refused") != NULL)
        return PG_FAIL_REFUSED;
    if (socket && strstr(msg, "No such file or directory") != NULL)
        return PG_FAIL_REFUSED;
    if (strstr(msg, "the database system is starting up") != NULL ||
        strstr(msg, "the database system is in recovery mode") != NULL ||
        strstr(msg, "the database system is not yet accepting connections") != NULL)
        return PG_FAIL_STARTING;
    if (strstr(msg, "password authentication failed") != NULL)
        return PG_FAIL_AUTH;
    if (wz_pq.PQconnectionNeedsPassword(conn))
        return PG_FAIL_NO_PASSWORD;
    if (strstr(msg, "database \"") != NULL && strstr(msg, "\" does not exist") != NULL)
        return PG_FAIL_NO_DATABASE;
    if (strstr(msg, "role \"") != NULL && strstr(msg, "\" does not exist") != NULL)
        return PG_FAIL_NO_ROLE;
    if (strstr(msg, "could not translate host name") != NULL)
        return PG_FAIL_BAD_HOST;
    if (strstr(msg, "timeout expired") != NULL)
        return PG_FAIL_TIMEOUT;
    return PG_FAIL_OTHER;
}

/* Turns a failed connection into one line that says what to do. The password is never part
 * of it: libpq does not echo passwords, and neither do we. */
static int pg_connect_error(PGconn *conn, int waited_s, struct wz_err *err)
{
    const char *host = wz_pq.PQhost(conn);
    const char *port = wz_pq.PQport(conn);
    const char *user = wz_pq.PQuser(conn);
    const char *db = wz_pq.PQdb(conn);
    char where[300];
    char detail[600];
    char waited[64] = "";

    if (host == NULL || host[0] == '\0')
        host = "localhost";
    if (port == NULL || port[0] == '\0')
        port = "5432";
    if (user == NULL)
        user = "";
    if (db == NULL)
        db = "";
    snprintf(where, sizeof(where), "%s:%s", host, port);
    pg_condense(wz_pq.PQerrorMessage(conn), detail, sizeof(detail));
    if (waited_s > 0)
        snprintf(waited, sizeof(waited), " (waited %d s)", waited_s);

    switch (pg_classify(conn)) {
    case PG_FAIL_REFUSED:
        return wz_err_set(err, WZ_EFAIL,
                          "cannot connect to PostgreSQL at %s: connection refused%s; is the "
                          "server running?",
                          where, waited);
    case PG_FAIL_STARTING:
        return wz_err_set(err, WZ_EFAIL,
                          "cannot connect to PostgreSQL at %s: the server is still starting "
                          "up%s; try again in a moment",
                          where, waited);
    case PG_FAIL_AUTH:
        return wz_err_set(err, WZ_EFAIL,
                          "password authentication failed for user '%s'; check DATABASE_URL", user);
    case PG_FAIL_NO_PASSWORD:
        return wz_err_set(err, WZ_EFAIL,
                          "the server at %s wants a password for user '%s' and DATABASE_URL "
                          "has none; add it: postgresql://%s:PASSWORD@...",
                          where, user, user);
    case PG_FAIL_NO_DATABASE:
        return wz_err_set(err, WZ_ENOENT,
                          "database '%s' does not exist; run `make migrate-up` to create it, "
                          "or create it with createdb",
                          db);
    case PG_FAIL_NO_ROLE:
        return wz_err_set(err, WZ_EFAIL,
                          "role '%s' does not exist on the server at %s; check the user in "
                          "DATABASE_URL",
                          user, where);
    case PG_FAIL_BAD_HOST:
        return wz_err_set(err, WZ_EFAIL,
                          "cannot connect to PostgreSQL at %s: unknown host name; check the "
                          "host in DATABASE_URL",
                          where);
    case PG_FAIL_TIMEOUT:
        return wz_err_set(err, WZ_EFAIL,
                          "cannot connect to PostgreSQL at %s: timed out; check the host and "
                          "port in DATABASE_URL and that a firewall lets them through",
                          where);
    case PG_FAIL_OTHER:
        break;
    }
    return wz_err_set(err, WZ_EFAIL, "cannot connect to PostgreSQL at %s: %s", where, detail);
}

/* Connects to url (to dbname instead of its database when not NULL), retrying for wait_s
 * seconds while the server refuses or is starting. *out: a connection the caller finishes. */
static int pg_connect(const struct wz_db_url *url, const char *dbname, int wait_s, PGconn **out,
                      struct wz_err *err)
{
    struct pg_conninfo ci;
    PGconn *conn = NULL;
    int64_t start = pg_now_ms();
    int64_t deadline = start + (int64_t)(wait_s > 0 ? wait_s : 0) * 1000;
    int rc;

    *out = NULL;
    /* Every way to PostgreSQL goes through here: the first one loads libpq. */
    rc = wz_pq_load(err);
    if (rc < 0)
        return rc;
    rc = pg_conninfo_build(url, dbname, &ci, err);
    if (rc < 0)
        return rc;
    for (;;) {
        conn = wz_pq.PQconnectdbParams(ci.keys, ci.vals, 0);
        if (conn == NULL) {
            rc = wz_err_set(err, WZ_ENOMEM, "out of memory");
            goto cleanup;
        }
        if (wz_pq.PQstatus(conn) == CONNECTION_OK)
            break;
        enum pg_fail kind = pg_classify(conn);
        int64_t now = pg_now_ms();
        if ((kind == PG_FAIL_REFUSED || kind == PG_FAIL_STARTING) && now < deadline) {
            wz_pq.PQfinish(conn);
            conn = NULL;
            pg_sleep_ms(deadline - now < PG_RETRY_CONNECT_MS ? deadline - now
                                                             : PG_RETRY_CONNECT_MS);
            continue;
        }
        rc = pg_connect_error(conn, wait_s > 0 ? (int)((now - start + 500) / 1000) : 0, err);
        goto cleanup;
    }
    wz_pq.PQsetNoticeProcessor(conn, pg_notice_ignore, NULL);
    *out = conn;
    conn = NULL;
    rc = WZ_OK;

cleanup:
    if (conn != NULL)
        wz_pq.PQfinish(conn);
    pg_conninfo_release(&ci);
    return rc;
}

/* The 1-based line of a 1-based character position in sql (the server counts characters,
 * and speaks UTF-8 here). */
static int pg_line_of(const char *sql, long position)
{
    int line = 1;
    long chars = 0;

    for (const unsigned char *p = (const unsigned char *)sql; *p != '\0'; p++) {
        if ((*p & 0xC0) == 0x80)
            continue;
        if (++chars >= position)
            break;
        if (*p == '\n')
            line++;
    }
    return line;
}

/* Sets err from a failed result: the server's message, its detail, the line in a multi-line
 * sql, and the SQLSTATE. A lost connection says so. res may be NULL. */
static int pg_result_error(PGconn *conn, const PGresult *res, const char *sql, struct wz_err *err)
{
    const char *primary =
        res != NULL ? wz_pq.PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
    const char *detail = res != NULL ? wz_pq.PQresultErrorField(res, PG_DIAG_MESSAGE_DETAIL) : NULL;
    const char *state = res != NULL ? wz_pq.PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    const char *pos =
        res != NULL ? wz_pq.PQresultErrorField(res, PG_DIAG_STATEMENT_POSITION) : NULL;
    char text[700];
    char more[300] = "";
    char line[48] = "";

    if (wz_pq.PQstatus(conn) == CONNECTION_BAD) {
        pg_condense(wz_pq.PQerrorMessage(conn), text, sizeof(text));
        return wz_err_set(err, WZ_EFAIL, "lost the connection to PostgreSQL: %s", text);
    }
    if (primary == NULL) {
        pg_condense(res != NULL ? wz_pq.PQresultErrorMessage(res) : wz_pq.PQerrorMessage(conn),
                    text, sizeof(text));
        if (text[0] == '\0')
            snprintf(text, sizeof(text), "%s",
                     res != NULL ? wz_pq.PQresStatus(wz_pq.PQresultStatus(res)) : "no result");
        return wz_err_set(err, WZ_EFAIL, "%s", text);
    }
    pg_condense(primary, text, sizeof(text));
    if (detail != NULL) {
        char d[sizeof(more) - 2];
        pg_condense(detail, d, sizeof(d));
        snprintf(more, sizeof(more), ": %s", d);
    }
    if (pos != NULL && sql != NULL && strchr(sql, '\n') != NULL)
        snprintf(line, sizeof(line), " at line %d", pg_line_of(sql, strtol(pos, NULL, 10)));
    /* unique_violation: the engine answers a race it lost with a 409 */
    int code = state != NULL && strcmp(state, "23505") == 0 ? WZ_ECONFLICT : WZ_EFAIL;
    return wz_err_set(err, code, "%s%s%s (SQLSTATE %s)", text, more, line,
                      state != NULL ? state : "?????");
}

static void pg_sync_transaction(struct pg_db *p)
{
    p->base.in_transaction = wz_pq.PQtransactionStatus(p->conn) != PQTRANS_IDLE;
    if (!p->base.in_transaction)
        p->base.read_only = false;
}

/* Records the row count of a finished INSERT, UPDATE, DELETE, MERGE or COPY, the statements
 * whose count SQLite reports too; other statements leave the count alone. */
static void pg_note_changes(struct pg_db *p, const PGresult *res)
{
    static const char *const counted[] = {"INSERT ", "UPDATE ", "DELETE ", "MERGE ", "COPY "};
    const char *status = wz_pq.PQcmdStatus((PGresult *)res);

    for (size_t i = 0; i < sizeof(counted) / sizeof(counted[0]); i++) {
        if (strncmp(status, counted[i], strlen(counted[i])) == 0) {
            p->changes = strtoll(wz_pq.PQcmdTuples((PGresult *)res), NULL, 10);
            return;
        }
    }
}

/* Ends a COPY the caller abandoned (a failed copy_row, an error path), so the connection can
 * run statements again. Inside a transaction this leaves it failed: the data is incomplete. */
static void pg_copy_abort(struct pg_db *p)
{
    PGresult *res;

    if (!p->in_copy)
        return;
    p->in_copy = false;
    p->line_used = 0;
    wz_pq.PQputCopyEnd(p->conn, "COPY abandoned by the client");
    while ((res = wz_pq.PQgetResult(p->conn)) != NULL)
        wz_pq.PQclear(res);
}

/* Deallocates the batched names of finalized statements; failures only leave them on the
 * server until the connection closes. A failed transaction refuses every statement, so the
 * batch then waits. */
static void pg_flush_stale(struct pg_db *p)
{
    char sql[PG_STALE_BATCH * 32];
    size_t n = 0;

    if (p->nstale == 0 || wz_pq.PQtransactionStatus(p->conn) == PQTRANS_INERROR)
        return;
    for (int i = 0; i < p->nstale; i++) {
        int w = snprintf(sql + n, sizeof(sql) - n, "DEALLOCATE wz_%u;", p->stale[i]);
        if (w < 0 || (size_t)w >= sizeof(sql) - n)
            break;
        n += (size_t)w;
    }
    wz_pq.PQclear(wz_pq.PQexec(p->conn, sql));
    p->nstale = 0;
}

static int pg_exec(struct wz_db *db, const char *sql, struct wz_err *err)
{
    struct pg_db *p = pg_db_of(db);
    PGresult *res;
    int rc = WZ_OK;

    pg_copy_abort(p);
    res = wz_pq.PQexec(p->conn, sql);
    switch (wz_pq.PQresultStatus(res)) {
    case PGRES_COMMAND_OK:
    case PGRES_TUPLES_OK:
    case PGRES_EMPTY_QUERY:
        pg_note_changes(p, res);
        break;
    case PGRES_COPY_IN:
    case PGRES_COPY_OUT:
        p->in_copy = true;
        pg_copy_abort(p);
        rc = wz_err_set(err, WZ_EFAIL, "COPY cannot run through exec; use copy_begin");
        break;
    default:
        rc = pg_result_error(p->conn, res, sql, err);
        break;
    }
    wz_pq.PQclear(res);
    pg_sync_transaction(p);
    return rc;
}

/* Runs a statement whose failure must be reported; returns the result or NULL with err set. */
static PGresult *pg_query(struct pg_db *p, const char *sql, int nparams, const char *const *params,
                          struct wz_err *err)
{
    PGresult *res;

    pg_copy_abort(p);
    res = wz_pq.PQexecParams(p->conn, sql, nparams, NULL, params, NULL, NULL, 0);
    pg_sync_transaction(p);
    if (wz_pq.PQresultStatus(res) == PGRES_TUPLES_OK ||
        wz_pq.PQresultStatus(res) == PGRES_COMMAND_OK)
        return res;
    pg_result_error(p->conn, res, sql, err);
    wz_pq.PQclear(res);
    return NULL;
}

static void pg_stmt_clear(struct pg_stmt *s)
{
    wz_pq.PQclear(s->res);
    s->res = NULL;
    s->row = 0;
    s->executed = false;
    for (int i = 0; i < s->nparams; i++) {
        free(s->values[i]);
        s->values[i] = NULL;
    }
}

static void pg_finalize(struct wz_stmt *st)
{
    struct pg_stmt *s = pg_stmt_of(st);
    struct pg_db *p;

    if (s == NULL)
        return;
    p = pg_db_of(s->base.db);
    pg_stmt_clear(s);
    if (s->id != 0 && p->nstale < PG_STALE_BATCH)
        p->stale[p->nstale++] = s->id;
    wz_pq.PQclear(s->desc);
    free(s->values);
    free(s);
}

static int pg_prepare(struct wz_db *db, const char *sql, struct wz_stmt **out, struct wz_err *err)
{
    struct pg_db *p = pg_db_of(db);
    struct pg_stmt *s = NULL;
    PGresult *res = NULL;
    char name[32];
    int rc = WZ_OK;

    *out = NULL;
    pg_copy_abort(p);
    if (p->nstale == PG_STALE_BATCH)
        pg_flush_stale(p);
    s = calloc(1, sizeof(*s));
    if (s == NULL)
        return wz_err_set(err, WZ_ENOMEM, "out of memory");
    s->base.db = db;
    snprintf(name, sizeof(name), "wz_%u", ++p->next_stmt);

    res = wz_pq.PQprepare(p->conn, name, sql, 0, NULL);
    if (wz_pq.PQresultStatus(res) != PGRES_COMMAND_OK) {
        rc = pg_result_error(p->conn, res, sql, err);
        goto cleanup;
    }
    s->id = p->next_stmt;
    s->desc = wz_pq.PQdescribePrepared(p->conn, name);
    if (wz_pq.PQresultStatus(s->desc) != PGRES_COMMAND_OK) {
        rc = pg_result_error(p->conn, s->desc, sql, err);
        goto cleanup;
    }
    s->nparams = wz_pq.PQnparams(s->desc);
    s->values = calloc(s->nparams > 0 ? (size_t)s->nparams : 1, sizeof(*s->values));
    if (s->values == NULL) {
        rc = wz_err_set(err, WZ_ENOMEM, "out of memory");
        goto cleanup;
    }
    *out = &s->base;
    s = NULL;

cleanup:
    wz_pq.PQclear(res);
    pg_sync_transaction(p);
    pg_finalize(s ? &s->base : NULL);
    return rc;
}

/* Stores a bound value (taking ownership of copy, which may be NULL for SQL NULL). */
static int pg_bind(struct pg_stmt *s, int idx, char *copy)
{
    if (idx < 1 || idx > s->nparams || s->executed) {
        free(copy);
        return WZ_EUSAGE;
    }
    free(s->values[idx - 1]);
    s->values[idx - 1] = copy;
    return WZ_OK;
}

static int pg_bind_null(struct wz_stmt *st, int idx)
{
    return pg_bind(pg_stmt_of(st), idx, NULL);
}

static int pg_bind_int64(struct wz_stmt *st, int idx, int64_t v)
{
    char buf[24];
    char *copy;

    snprintf(buf, sizeof(buf), "%" PRId64, v);
    copy = strdup(buf);
    if (copy == NULL)
        return WZ_ENOMEM;
    return pg_bind(pg_stmt_of(st), idx, copy);
}

static int pg_bind_text(struct wz_stmt *st, int idx, const char *v)
{
    char *copy = strdup(v);

    if (copy == NULL)
        return WZ_ENOMEM;
    return pg_bind(pg_stmt_of(st), idx, copy);
}

static int pg_step(struct wz_stmt *st, struct wz_err *err)
{
    struct pg_stmt *s = pg_stmt_of(st);
    struct pg_db *p = pg_db_of(s->base.db);
    char name[32];

    if (!s->executed) {
        pg_copy_abort(p);
        snprintf(name, sizeof(name), "wz_%u", s->id);
        s->executed = true;
        s->res = wz_pq.PQexecPrepared(p->conn, name, s->nparams, (const char *const *)s->values,
                                      NULL, NULL, 0);
        pg_sync_transaction(p);
        if (wz_pq.PQresultStatus(s->res) != PGRES_TUPLES_OK &&
            wz_pq.PQresultStatus(s->res) != PGRES_COMMAND_OK) {
            int rc = pg_result_error(p->conn, s->res, NULL, err);
            wz_pq.PQclear(s->res);
            s->res = NULL;
            return rc;
        }
        pg_note_changes(p, s->res);
    }
    if (s->res != NULL && s->row < wz_pq.PQntuples(s->res)) {
        s->row++;
        return WZ_ROW;
    }
    return WZ_DONE;
}

/* The result that describes the columns: the rows once executed, else the description. */
static const PGresult *pg_columns(const struct pg_stmt *s)
{
    return s->res != NULL ? s->res : s->desc;
}

static int pg_column_count(struct wz_stmt *st)
{
    return wz_pq.PQnfields(pg_columns(pg_stmt_of(st)));
}

static const char *pg_column_name(struct wz_stmt *st, int col)
{
    return wz_pq.PQfname(pg_columns(pg_stmt_of(st)), col);
}

/* The current row's value, or NULL when there is no row or no such column. */
static const char *pg_value(const struct pg_stmt *s, int col, bool *is_null)
{
    *is_null = true;
    if (s->res == NULL || s->row < 1 || col < 0 || col >= wz_pq.PQnfields(s->res))
        return NULL;
    *is_null = wz_pq.PQgetisnull(s->res, s->row - 1, col) != 0;
    return wz_pq.PQgetvalue(s->res, s->row - 1, col);
}

static bool pg_column_is_null(struct wz_stmt *st, int col)
{
    bool is_null;

    pg_value(pg_stmt_of(st), col, &is_null);
    return is_null;
}

static int64_t pg_column_int64(struct wz_stmt *st, int col)
{
    bool is_null;
    const char *v = pg_value(pg_stmt_of(st), col, &is_null);

    if (v == NULL || is_null)
        return 0;
    /* booleans arrive as t/f; SQLite stores them as 1/0, and the engine reads both alike */
    if (strcmp(v, "t") == 0)
        return 1;
    if (strcmp(v, "f") == 0)
        return 0;
    return strtoll(v, NULL, 10);
}

static const char *pg_column_text(struct wz_stmt *st, int col)
{
    bool is_null;
    const char *v = pg_value(pg_stmt_of(st), col, &is_null);

    return v != NULL ? v : "";
}

static int pg_reset(struct wz_stmt *st)
{
    pg_stmt_clear(pg_stmt_of(st));
    return WZ_OK;
}

static int64_t pg_changes(struct wz_db *db)
{
    return pg_db_of(db)->changes;
}

static int pg_begin(struct wz_db *db, struct wz_err *err)
{
    struct pg_db *p = pg_db_of(db);

    pg_copy_abort(p);
    if (wz_pq.PQtransactionStatus(p->conn) != PQTRANS_IDLE)
        return wz_err_set(err, WZ_EFAIL,
                          "cannot begin a transaction: one is already open on this connection");
    return pg_exec(db, "BEGIN", err);
}

/* REPEATABLE READ: every statement of the transaction sees the snapshot its first one took. */
static int pg_begin_read(struct wz_db *db, struct wz_err *err)
{
    return pg_exec(db, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", err);
}

static int pg_commit(struct wz_db *db, struct wz_err *err)
{
    struct pg_db *p = pg_db_of(db);
    PGresult *res;
    int rc = WZ_OK;

    pg_copy_abort(p);
    res = wz_pq.PQexec(p->conn, "COMMIT");
    if (wz_pq.PQresultStatus(res) != PGRES_COMMAND_OK)
        rc = pg_result_error(p->conn, res, NULL, err);
    else if (strcmp(wz_pq.PQcmdStatus(res), "ROLLBACK") == 0)
        /* COMMIT of a failed transaction succeeds as a ROLLBACK: the work is gone */
        rc = wz_err_set(err, WZ_EFAIL,
                        "cannot commit: the transaction was rolled back because a statement "
                        "in it failed");
    wz_pq.PQclear(res);
    pg_sync_transaction(p);
    return rc;
}

static int pg_rollback(struct wz_db *db, struct wz_err *err)
{
    return pg_exec(db, "ROLLBACK", err);
}

/* The advisory lock key: FNV-1a (64-bit) of the lock's name, so every copy of the tool
 * agrees on it without a registry, and it is unlikely to collide with other applications. */
static int64_t pg_lock_key(const char *name)
{
    uint64_t h = 14695981039346656037ULL;

    for (size_t i = 0; name[i] != '\0'; i++) {
        h ^= (unsigned char)name[i];
        h *= 1099511628211ULL;
    }
    return (int64_t)h;
}

static int pg_lock(struct wz_db *db, const char *name, int timeout_ms, struct wz_err *err)
{
    struct pg_db *p = pg_db_of(db);
    char key[24];
    const char *params[1] = {key};
    int64_t start = pg_now_ms();
    int64_t deadline = start + (timeout_ms > 0 ? timeout_ms : 0);

    /* session locks stack; taking it twice would need two unlocks */
    if (p->locked)
        return WZ_OK;
    p->lock_key = pg_lock_key(name);
    snprintf(key, sizeof(key), "%" PRId64, p->lock_key);
    for (;;) {
        PGresult *res = pg_query(p, "SELECT pg_try_advisory_lock($1::bigint)", 1, params, err);
        if (res == NULL)
            return wz_err_wrap(err, "cannot take the migration lock");
        bool got = wz_pq.PQntuples(res) == 1 && strcmp(wz_pq.PQgetvalue(res, 0, 0), "t") == 0;
        wz_pq.PQclear(res);
        if (got) {
            p->locked = true;
            return WZ_OK;
        }
        int64_t now = pg_now_ms();
        if (now >= deadline)
            return wz_err_set(err, WZ_EBUSY,
                              "another migration holds the lock on database '%s' at %s:%s "
                              "(waited %d ms); wait for it to finish or raise "
                              "MIGRATE_LOCK_TIMEOUT",
                              wz_pq.PQdb(p->conn), wz_pq.PQhost(p->conn), wz_pq.PQport(p->conn),
                              (int)(now - start));
        pg_sleep_ms(deadline - now < PG_RETRY_LOCK_MS ? deadline - now : PG_RETRY_LOCK_MS);
    }
}

static void pg_unlock(struct wz_db *db)
{
    struct pg_db *p = pg_db_of(db);
    char key[24];
    const char *params[1] = {key};

    if (!p->locked)
        return;
    p->locked = false;
    snprintf(key, sizeof(key), "%" PRId64, p->lock_key);
    /* a failure (a failed transaction refuses statements) leaves the lock to the session's
     * end, which releases it as well */
    wz_pq.PQclear(pg_query(p, "SELECT pg_advisory_unlock($1::bigint)", 1, params, NULL));
}

static int pg_table_exists(struct wz_db *db, const char *table, struct wz_err *err)
{
    /* The catalog rather than to_regclass(): to_regclass follows the whole search_path, which
     * starts with pg_catalog and temporary tables, and folds case; the question here is
     * whether this exact table exists in the schema the engine writes to. */
    static const char sql[] = "SELECT 1 FROM pg_catalog.pg_class c"
                              " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                              " WHERE n.nspname = current_schema() AND c.relname = $1"
                              " AND c.relkind IN ('r', 'p')";
    const char *params[1] = {table};
    PGresult *res = pg_query(pg_db_of(db), sql, 1, params, err);
    int found;

    if (res == NULL)
        return wz_err_wrap(err, "cannot check whether table '%s' exists", table);
    found = wz_pq.PQntuples(res) > 0;
    wz_pq.PQclear(res);
    return found;
}

/* Appends an identifier quoted for SQL to buf. */
static int pg_append_ident(PGconn *conn, char *buf, size_t size, size_t *len, const char *name,
                           struct wz_err *err)
{
    char *q = wz_pq.PQescapeIdentifier(conn, name, strlen(name));
    int w;

    if (q == NULL)
        return wz_err_set(err, WZ_EFAIL, "cannot quote identifier '%s': %s", name,
                          wz_pq.PQerrorMessage(conn));
    w = snprintf(buf + *len, size - *len, "%s", q);
    wz_pq.PQfreemem(q);
    if (w < 0 || (size_t)w >= size - *len)
        return wz_err_set(err, WZ_EFAIL, "COPY column list for '%s' is too long", name);
    *len += (size_t)w;
    return WZ_OK;
}

static int pg_copy_begin(struct wz_db *db, const char *table, const char *const *columns, int ncols,
                         struct wz_err *err)
{
    struct pg_db *p = pg_db_of(db);
    char sql[8192];
    size_t len = 0;
    PGresult *res;
    int rc;

    pg_copy_abort(p);
    memcpy(sql, "COPY ", 5);
    len = 5;
    rc = pg_append_ident(p->conn, sql, sizeof(sql), &len, table, err);
    for (int i = 0; rc == WZ_OK && i < ncols; i++) {
        if (len + 3 >= sizeof(sql))
            return wz_err_set(err, WZ_EFAIL, "COPY column list for '%s' is too long", table);
        sql[len++] = i == 0 ? '(' : ',';
        rc = pg_append_ident(p->conn, sql, sizeof(sql), &len, columns[i], err);
    }
    if (rc < 0)
        return rc;
    if (snprintf(sql + len, sizeof(sql) - len, "%s FROM STDIN", ncols > 0 ? ")" : "") >=
        (int)(sizeof(sql) - len))
        return wz_err_set(err, WZ_EFAIL, "COPY column list for '%s' is too long", table);

    res = wz_pq.PQexec(p->conn, sql);
    if (wz_pq.PQresultStatus(res) == PGRES_COPY_IN) {
        p->in_copy = true;
        p->copy_ncols = ncols;
        rc = WZ_OK;
    } else {
        rc = pg_result_error(p->conn, res, NULL, err);
        wz_err_wrap(err, "cannot start COPY into '%s'", table);
    }
    wz_pq.PQclear(res);
    pg_sync_transaction(p);
    return rc;
}

/* Makes room for need more bytes in the COPY line buffer. */
static int pg_line_reserve(struct pg_db *p, size_t used, size_t need)
{
    if (used + need <= p->line_cap)
        return WZ_OK;
    size_t cap = p->line_cap > 0 ? p->line_cap : 256;
    while (cap < used + need)
        cap *= 2;
    char *line = realloc(p->line, cap);
    if (line == NULL)
        return WZ_ENOMEM;
    p->line = line;
    p->line_cap = cap;
    return WZ_OK;
}

/* Sends the rows gathered so far. */
static int pg_copy_send(struct pg_db *p, struct wz_err *err)
{
    size_t n = p->line_used;
    p->line_used = 0;
    if (n == 0 || wz_pq.PQputCopyData(p->conn, p->line, (int)n) == 1)
        return WZ_OK;
    char text[600];
    pg_condense(wz_pq.PQerrorMessage(p->conn), text, sizeof(text));
    pg_copy_abort(p);
    return wz_err_set(err, WZ_EFAIL, "cannot send COPY rows: %s", text);
}

static int pg_copy_row(struct wz_db *db, const char *const *values, struct wz_err *err)
{
    struct pg_db *p = pg_db_of(db);
    size_t n = p->line_used;

    if (!p->in_copy)
        return wz_err_set(err, WZ_EFAIL, "no COPY in progress; call copy_begin first");
    for (int i = 0; i < p->copy_ncols; i++) {
        const char *v = values[i];
        /* worst case: every byte escaped, plus the separator */
        size_t need = v != NULL ? strlen(v) * 2 + 1 : 3;
        if (pg_line_reserve(p, n, need + 1) < 0)
            return wz_err_set(err, WZ_ENOMEM, "out of memory");
        if (i > 0)
            p->line[n++] = '\t';
        if (v == NULL) {
            memcpy(p->line + n, "\\N", 2);
            n += 2;
            continue;
        }
        /* COPY text format: a backslash starts an escape, tab separates columns, newline
         * ends the row; CR is escaped too so line-ending conversions cannot touch data */
        for (const char *c = v; *c != '\0'; c++) {
            char esc = 0;
            switch (*c) {
            case '\\':
                esc = '\\';
                break;
            case '\t':
                esc = 't';
                break;
            case '\n':
                esc = 'n';
                break;
            case '\r':
                esc = 'r';
                break;
            default:
                break;
            }
            if (esc != 0) {
                p->line[n++] = '\\';
                p->line[n++] = esc;
            } else {
                p->line[n++] = *c;
            }
        }
    }
    if (pg_line_reserve(p, n, 1) < 0)
        return wz_err_set(err, WZ_ENOMEM, "out of memory");
    p->line[n++] = '\n';
    p->line_used = n;
    return n >= PG_COPY_CHUNK ? pg_copy_send(p, err) : WZ_OK;
}

static int pg_copy_end(struct wz_db *db, struct wz_err *err)
{
    struct pg_db *p = pg_db_of(db);
    PGresult *res;
    int rc = WZ_OK;
    bool first = true;

    if (!p->in_copy)
        return wz_err_set(err, WZ_EFAIL, "no COPY in progress; call copy_begin first");
    rc = pg_copy_send(p, err);
    if (rc != WZ_OK)
        return rc;
    p->in_copy = false;
    if (wz_pq.PQputCopyEnd(p->conn, NULL) != 1) {
        char text[600];
        pg_condense(wz_pq.PQerrorMessage(p->conn), text, sizeof(text));
        rc = wz_err_set(err, WZ_EFAIL, "cannot finish COPY: %s", text);
    }
    while ((res = wz_pq.PQgetResult(p->conn)) != NULL) {
        if (first && rc == WZ_OK) {
            if (wz_pq.PQresultStatus(res) == PGRES_COMMAND_OK)
                pg_note_changes(p, res);
            else
                rc = pg_result_error(p->conn, res, NULL, err);
        }
        first = false;
        wz_pq.PQclear(res);
    }
    pg_sync_transaction(p);
    return rc;
}

static void pg_close(struct wz_db *db)
{
    struct pg_db *p = pg_db_of(db);

    if (p == NULL)
        return;
    if (p->conn != NULL) {
        pg_copy_abort(p);
        wz_pq.PQfinish(p->conn);
    }
    wz_db_url_release(&p->base.url);
    free(p->line);
    free(p);
}

/* Opens url's database, or with `empty` the stand-in of wz_postgres_open_empty. */
static int pg_open_as(const struct wz_db_url *url, const struct wz_db_options *opt, bool empty,
                      struct wz_db **out, struct wz_err *err)
{
    struct pg_db *p;
    PGresult *res;
    int rc;
    int wait_s = opt != NULL ? opt->connect_wait_s : 0;

    *out = NULL;
    p = calloc(1, sizeof(*p));
    if (p == NULL)
        return wz_err_set(err, WZ_ENOMEM, "out of memory");
    p->base.drv = &wz_postgres_driver;
    if (wz_db_url_copy(url, &p->base.url) < 0) {
        rc = wz_err_set(err, WZ_ENOMEM, "out of memory");
        goto cleanup;
    }
    rc = pg_connect(url, empty ? "postgres" : NULL, wait_s, &p->conn, err);
    if (rc == WZ_ENOENT && empty)
        rc = pg_connect(url, "template1", wait_s, &p->conn, err);
    if (rc < 0)
        goto cleanup;
    /* the engine compares timestamps in UTC and does not want NOTICEs for IF NOT EXISTS;
     * the stand-in for a missing database sees no schema at all and may write nothing */
    res = wz_pq.PQexec(p->conn,
                       empty ? "SET TimeZone = 'UTC'; SET client_min_messages = warning;"
                               " SET search_path = ''; SET default_transaction_read_only = on"
                             : "SET TimeZone = 'UTC'; SET client_min_messages = warning");
    if (wz_pq.PQresultStatus(res) != PGRES_COMMAND_OK) {
        rc = pg_result_error(p->conn, res, NULL, err);
        wz_pq.PQclear(res);
        wz_err_wrap(err, "cannot set up the PostgreSQL session");
        goto cleanup;
    }
    wz_pq.PQclear(res);
    *out = &p->base;
    p = NULL;

cleanup:
    pg_close(p ? &p->base : NULL);
    return rc;
}

static int pg_open(const struct wz_db_url *url, const struct wz_db_options *opt, struct wz_db **out,
                   struct wz_err *err)
{
    return pg_open_as(url, opt, false, out, err);
}

int wz_postgres_open_empty(const struct wz_db_url *url, const struct wz_db_options *opt,
                           struct wz_db **out, struct wz_err *err)
{
    return pg_open_as(url, opt, true, out, err);
}

int wz_postgres_create_database(const struct wz_db_url *url, struct wz_err *err)
{
    PGconn *conn = NULL;
    PGresult *res = NULL;
    char *quoted = NULL;
    char *sql = NULL;
    int rc;

    if (url->dbname == NULL || url->dbname[0] == '\0')
        return wz_err_set(err, WZ_EUSAGE,
                          "DATABASE_URL names no database; add it: "
                          "postgresql://user:pass@host:port/DBNAME");
    rc = pg_connect(url, "postgres", 0, &conn, err);
    if (rc == WZ_ENOENT)
        rc = pg_connect(url, "template1", 0, &conn, err);
    if (rc < 0)
        goto cleanup;

    quoted = wz_pq.PQescapeIdentifier(conn, url->dbname, strlen(url->dbname));
    if (quoted == NULL) {
        rc = wz_err_set(err, WZ_EFAIL, "cannot quote the database name '%s'", url->dbname);
        goto cleanup;
    }
    size_t size = strlen(quoted) + sizeof("CREATE DATABASE ");
    sql = malloc(size);
    if (sql == NULL) {
        rc = wz_err_set(err, WZ_ENOMEM, "out of memory");
        goto cleanup;
    }
    snprintf(sql, size, "CREATE DATABASE %s", quoted);
    res = wz_pq.PQexec(conn, sql);
    if (wz_pq.PQresultStatus(res) == PGRES_COMMAND_OK) {
        rc = WZ_OK;
        goto cleanup;
    }
    const char *state = wz_pq.PQresultErrorField(res, PG_DIAG_SQLSTATE);
    /* Another process created it first: 42P04 when it had committed, 23505 (the catalog's
     * unique index) when both ran at once. Either way the database is there, as wanted. */
    if (state != NULL && (strcmp(state, "42P04") == 0 || strcmp(state, "23505") == 0)) {
        rc = WZ_OK;
    } else if (state != NULL && strcmp(state, "42501") == 0) { /* insufficient_privilege */
        rc = wz_err_set(err, WZ_EFAIL,
                        "cannot create database '%s': role '%s' may not create databases; "
                        "create it with createdb as an administrator, or grant CREATEDB",
                        url->dbname, wz_pq.PQuser(conn));
    } else {
        pg_result_error(conn, res, NULL, err);
        rc = wz_err_wrap(err, "cannot create database '%s'", url->dbname);
    }

cleanup:
    wz_pq.PQclear(res);
    free(sql);
    wz_pq.PQfreemem(quoted);
    if (conn != NULL)
        wz_pq.PQfinish(conn);
    return rc;
}

/* nextval on the column's identity sequence, n times in one statement. */
static int pg_reserve_ids(struct wz_db *db, const char *table, const char *column, int64_t n,
                          int64_t *ids, struct wz_err *err)
{
    if (n <= 0)
        return WZ_OK;
    char count[24];
    snprintf(count, sizeof(count), "%" PRId64, n);
    const char *params[] = {table, column, count};
    struct wz_stmt *st = NULL;
    /* the sequence is looked up once: pg_get_serial_sequence per id costs ten times the
     * nextval itself */
    int rc = wz_db_prepare(db,
                           "WITH s AS MATERIALIZED"
                           " (SELECT pg_get_serial_sequence($1, $2)::regclass AS seq)"
                           " SELECT nextval(s.seq) AS id FROM s, generate_series(1, $3::bigint)"
                           " ORDER BY id",
                           &st, err);
    if (rc != WZ_OK)
        return wz_err_wrap(err, "cannot reserve ids for '%s'", table);
    for (int i = 0; i < 3; i++)
        wz_stmt_bind_text(st, i + 1, params[i]);
    int64_t got = 0;
    while ((rc = wz_stmt_step(st, err)) == WZ_ROW && got < n)
        ids[got++] = wz_stmt_column_int64(st, 0);
    wz_stmt_finalize(st);
    if (rc < 0)
        return wz_err_wrap(err, "cannot reserve ids for '%s'", table);
    if (got != n)
        return wz_err_set(err, WZ_EFAIL, "reserved %" PRId64 " ids for '%s' instead of %" PRId64,
                          got, table, n);
    return WZ_OK;
}

/* The identity sequence goes back to just after the largest id, as a SQLite rowid does.
 * table and column are identifiers of the models, never user input. */
static int pg_reset_ids(struct wz_db *db, const char *table, const char *column, struct wz_err *err)
{
    char sql[512];
    int len = snprintf(sql, sizeof(sql),
                       "SELECT setval(pg_get_serial_sequence('%s', '%s'), coalesce(max(%s), 0) "
                       "+ 1, false) FROM %s",
                       table, column, column, table);
    if (len < 0 || (size_t)len >= sizeof(sql))
        return wz_err_set(err, WZ_EUSAGE, "the names '%s.%s' are too long", table, column);
    int64_t next = 0;
    int rc = wz_db_query_int64(db, sql, NULL, 0, &next, err);
    return rc < 0 ? rc : WZ_OK;
}

const struct wz_db_driver wz_postgres_driver = {
    .name = "postgresql",
    .dialect = WZ_DIALECT_POSTGRES,
    .open = pg_open,
    .close = pg_close,
    .exec = pg_exec,
    .prepare = pg_prepare,
    .bind_null = pg_bind_null,
    .bind_int64 = pg_bind_int64,
    .bind_text = pg_bind_text,
    .step = pg_step,
    .column_count = pg_column_count,
    .column_name = pg_column_name,
    .column_is_null = pg_column_is_null,
    .column_int64 = pg_column_int64,
    .column_text = pg_column_text,
    .reset = pg_reset,
    .finalize = pg_finalize,
    .changes = pg_changes,
    .begin = pg_begin,
    .begin_read = pg_begin_read,
    .commit = pg_commit,
    .rollback = pg_rollback,
    .lock = pg_lock,
    .unlock = pg_unlock,
    .table_exists = pg_table_exists,
    .open_empty = wz_postgres_open_empty,
    .create = wz_postgres_create_database,
    .last_insert_id = NULL, /* INSERT ... RETURNING */
    .reserve_ids = pg_reserve_ids,
    .reset_ids = pg_reset_ids,
    .copy_begin = pg_copy_begin,
    .copy_row = pg_copy_row,
    .copy_end = pg_copy_end,
    .fk_suspend = NULL, /* foreign keys are checked at commit; a rebuild needs nothing */
    .fk_violations = NULL,
    .fk_resume = NULL,
    .backup_ext = ".dump",
    .backup_magic = "PGDMP", /* pg_dump's custom format */
    .backup_magic_len = 5,
    .backup = wz_postgres_backup,
    .backup_check = wz_postgres_backup_check,
    .restore = wz_postgres_restore,
};
