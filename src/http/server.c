/* The libmicrohttpd transport: see server.h. */
#include "http/server.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdatomic.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "db/db.h"
#include "http/acceptor.h"
#include "http/auth.h"
#include "http/form.h"
#include "http/mhd_loader.h"
#include "http/route.h"
#include "core/utf8.h"

#define MAX_CONNECTIONS    1024
#define MAX_PER_ADDRESS    256
#define CONNECTION_TIMEOUT 15 /* seconds a connection may sit idle or trickle */
#define SHUTDOWN_GRACE_MS  10000
#define MAX_OWNED_PER_REQ  32

/* One request from its first byte to the completion callback. */
struct exchange {
    struct MHD_Connection *conn;
    struct timespec t0;
    struct wz_strbuf body;
    bool too_large;
    char *owned[MAX_OWNED_PER_REQ]; /* decoded form values handed to the handler */
    int nowned;
};

struct server {
    const struct wz_app *app;
    pthread_mutex_t dbs_lock;
    struct wz_db **dbs; /* every thread's connection, closed at shutdown */
    size_t ndbs, capdbs;
    /* Requests between their first byte and their completion: what a graceful stop waits
     * for (an idle keep-alive connection is not one). */
    atomic_int in_flight;
};

static _Thread_local struct wz_db *thread_db;

int64_t wz_app_now(void)
{
    return (int64_t)time(NULL);
}

static double ms_since(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) * 1e3 + (double)(t.tv_nsec - t0->tv_nsec) / 1e6;
}

/* This thread's connection, opened on its first request. */
static struct wz_db *get_db(struct server *srv, struct wz_err *err)
{
    if (thread_db != NULL)
        return thread_db;
    const struct wz_settings *s = srv->app->settings;
    struct wz_db_options opt = {.busy_timeout_ms = (int)s->db_busy_timeout, .no_create = true};
    struct wz_db *db = NULL;
    if (wz_db_open(&s->db_url, &opt, &db, err) != WZ_OK)
        return NULL;
    pthread_mutex_lock(&srv->dbs_lock);
    if (srv->ndbs == srv->capdbs) {
        size_t cap = srv->capdbs ? srv->capdbs * 2 : 16;
        struct wz_db **grown = realloc(srv->dbs, cap * sizeof(*grown));
        if (grown == NULL) {
            pthread_mutex_unlock(&srv->dbs_lock);
            wz_db_close(db);
            wz_err_set(err, WZ_ENOMEM, "out of memory");
            return NULL;
        }
        srv->dbs = grown;
        srv->capdbs = cap;
    }
    srv->dbs[srv->ndbs++] = db;
    pthread_mutex_unlock(&srv->dbs_lock);
    thread_db = db;
    return db;
}

/* ---- request accessors (http.h) */

const char *wz_req_query(const struct wz_req *r, const char *key)
{
    const struct exchange *x = r->conn;
    return wz_mhd.MHD_lookup_connection_value(x->conn, MHD_GET_ARGUMENT_KIND, key);
}

const char *wz_req_header(const struct wz_req *r, const char *name)
{
    const struct exchange *x = r->conn;
    return wz_mhd.MHD_lookup_connection_value(x->conn, MHD_HEADER_KIND, name);
}

const char *wz_req_cookie(const struct wz_req *r, const char *name)
{
    const struct exchange *x = r->conn;
    return wz_mhd.MHD_lookup_connection_value(x->conn, MHD_COOKIE_KIND, name);
}

const char *wz_req_form(struct wz_req *r, const char *key)
{
    struct exchange *x = r->conn;
    const char *type = wz_req_header(r, "Content-Type");
    if (type == NULL || strncasecmp(type, "application/x-www-form-urlencoded", 33) != 0)
        return NULL;
    char *value = NULL;
    if (wz_form_get(r->body, r->body_len, key, &value) != 1)
        return NULL;
    if (x->nowned >= MAX_OWNED_PER_REQ) {
        free(value);
        return NULL;
    }
    x->owned[x->nowned++] = value;
    return value;
}

bool wz_req_param_id(const struct wz_req *r, int i, int64_t *out)
{
    if (i >= r->nparams)
        return false;
    const char *s = r->params[i];
    if (*s == '\0' || *s == '0' || strlen(s) > 18)
        return false;
    int64_t v = 0;
    for (; *s; s++) {
        if (*s < '0' || *s > '9')
            return false;
        v = v * 10 + (*s - '0');
    }
    *out = v;
    return true;
}

/* ---- responses */

static const char *const csp_api = "default-src 'none'; frame-ancestors 'none'";
static const char *const csp_page =
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/* A path for the log: control bytes and spaces replaced, so a request cannot forge lines. */
static void log_path(const char *path, char *out, size_t size)
{
    size_t j = 0;
    for (size_t i = 0; path[i] != '\0' && j + 1 < size; i++) {
        unsigned char c = (unsigned char)path[i];
        out[j++] = (c <= 0x20 || c == 0x7f || c == '"') ? '?' : (char)c;
    }
    out[j] = '\0';
}

static enum MHD_Result send_response(struct server *srv, struct exchange *x, const char *method,
                                     const char *path, struct wz_req *req, struct wz_resp *resp)
{
    struct MHD_Response *r;
    size_t bytes;
    if (resp->static_body != NULL) {
        bytes = resp->static_len;
        r = wz_mhd.MHD_create_response_from_buffer(bytes, (void *)resp->static_body,
                                                   MHD_RESPMEM_PERSISTENT);
    } else {
        bytes = resp->body.len;
        char *buf = bytes > 0 ? wz_strbuf_detach(&resp->body) : NULL;
        r = wz_mhd.MHD_create_response_from_buffer(
            bytes, buf, buf != NULL ? MHD_RESPMEM_MUST_FREE : MHD_RESPMEM_PERSISTENT);
    }
    if (r == NULL) {
        wz_resp_release(resp);
        return MHD_NO;
    }
    if (resp->content_type != NULL)
        wz_mhd.MHD_add_response_header(r, "Content-Type", resp->content_type);
    for (int i = 0; i < resp->nheaders; i++)
        wz_mhd.MHD_add_response_header(r, resp->headers[i].name, resp->headers[i].value);
    wz_mhd.MHD_add_response_header(r, "X-Request-Id", req->request_id);
    wz_mhd.MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    wz_mhd.MHD_add_response_header(r, "X-Frame-Options", "DENY");
    wz_mhd.MHD_add_response_header(r, "Referrer-Policy", "same-origin");
    wz_mhd.MHD_add_response_header(r, "Cross-Origin-Opener-Policy", "same-origin");
    bool page = resp->content_type != NULL && strncmp(resp->content_type, "text/html", 9) == 0;
    /* Swagger UI runs under the pages' policy: it sets styles from script, never inline. */
    wz_mhd.MHD_add_response_header(r, "Content-Security-Policy", page ? csp_page : csp_api);
    if (wz_mhd.MHD_get_response_header(r, "Cache-Control") == NULL)
        wz_mhd.MHD_add_response_header(r, "Cache-Control", "no-store");
    if (srv->app->https)
        wz_mhd.MHD_add_response_header(r, "Strict-Transport-Security",
                                       "max-age=31536000; includeSubDomains");
    enum MHD_Result ok = wz_mhd.MHD_queue_response(x->conn, (unsigned)resp->status, r);
    wz_mhd.MHD_destroy_response(r);

    char p[256];
    log_path(path, p, sizeof(p));
    fprintf(stderr, "access %s %s %d %zuB %.2fms id=%s ip=%s\n", method, p, resp->status, bytes,
            ms_since(&x->t0), req->request_id, req->client_ip);
    wz_resp_release(resp);
    return ok;
}

static void client_ip(struct MHD_Connection *c, char *out, size_t size)
{
    snprintf(out, size, "-");
    const union MHD_ConnectionInfo *ci =
        wz_mhd.MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (ci == NULL || ci->client_addr == NULL)
        return;
    const struct sockaddr *sa = ci->client_addr;
    if (sa->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, out,
                  (socklen_t)size);
    else if (sa->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, out,
                  (socklen_t)size);
}

/* ALLOWED_HOSTS as Django reads it: the Host header without its port must be one of the
 * comma-separated names, or the list holds "*". Stops DNS-rebinding and host-header
 * poisoning of the links the panel writes. */
static bool host_allowed(const struct wz_settings *s, const char *host)
{
    if (host == NULL)
        return false;
    char name[256];
    size_t n = strlen(host);
    if (n >= sizeof(name))
        return false;
    memcpy(name, host, n + 1);
    char *port = NULL;
    if (name[0] == '[') {
        char *close = strchr(name, ']');
        if (close == NULL || (close[1] != '\0' && close[1] != ':'))
            return false;
        if (close[1] == ':')
            port = close + 2;
        close[1] = '\0';
    } else {
        char *colon = strchr(name, ':');
        if (colon != NULL) {
            port = colon + 1;
            *colon = '\0';
        }
    }
    /* A port is digits and nothing else: "localhost:80@evil.example" is no host of ours. */
    if (port != NULL &&
        (*port == '\0' || strlen(port) > 5 || strspn(port, "0123456789") != strlen(port)))
        return false;
    const char *list = s->allowed_hosts;
    size_t len = strlen(name);
    while (*list != '\0') {
        while (*list == ' ' || *list == ',')
            list++;
        const char *end = list;
        while (*end != '\0' && *end != ',')
            end++;
        const char *last = end;
        while (last > list && last[-1] == ' ')
            last--;
        size_t item = (size_t)(last - list);
        if ((item == 1 && list[0] == '*') ||
            (item == len && item > 0 && strncasecmp(list, name, len) == 0))
            return true;
        list = end;
    }
    return false;
}

/* Percent-decoding of the path and the query as libmicrohttpd would do it, except that %00
 * stays as written: a decoded NUL would cut "/static/panel.css%00.txt" short to a real file. */
static size_t unescape(void *cls, struct MHD_Connection *c, char *s)
{
    (void)cls;
    (void)c;
    size_t len = strlen(s);
    long n = wz_form_decode_keep_nul(s, len, s);
    return n < 0 ? len : (size_t)n;
}

/* What the headers of a request may not do: one framing and one host, or the request could
 * be read one way here and another way by a proxy in front (request smuggling). */
struct header_scan {
    int hosts, lengths, chunked, bad_names;
    char first_length[32];
    bool lengths_differ;
};

static enum MHD_Result scan_header(void *cls, enum MHD_ValueKind kind, const char *key,
                                   const char *value)
{
    (void)kind;
    struct header_scan *h = cls;
    if (strpbrk(key, " \t") != NULL || key[0] == '\0')
        h->bad_names++;
    if (strcasecmp(key, "Host") == 0)
        h->hosts++;
    if (strcasecmp(key, "Transfer-Encoding") == 0)
        h->chunked++;
    if (strcasecmp(key, "Content-Length") == 0) {
        if (h->lengths++ == 0)
            snprintf(h->first_length, sizeof(h->first_length), "%s", value != NULL ? value : "");
        else if (value == NULL || strcmp(value, h->first_length) != 0)
            h->lengths_differ = true;
    }
    return MHD_YES;
}

/* NULL when the request's framing and host are unambiguous, or why not. */
static const char *framing_problem(struct MHD_Connection *c)
{
    struct header_scan h = {0};
    wz_mhd.MHD_get_connection_values(c, MHD_HEADER_KIND, scan_header, &h);
    if (h.bad_names > 0)
        return "a header name holds white space";
    if (h.hosts > 1)
        return "more than one Host header";
    if (h.lengths > 0 && h.chunked > 0)
        return "both Content-Length and Transfer-Encoding";
    if (h.lengths > 1)
        return h.lengths_differ ? "Content-Length headers that disagree"
                                : "more than one Content-Length header";
    return NULL;
}

struct utf8_scan {
    bool bad;
};

static enum MHD_Result scan_arg(void *cls, enum MHD_ValueKind kind, const char *key,
                                const char *value)
{
    (void)kind;
    struct utf8_scan *u = cls;
    if (!wz_utf8_valid(key, strlen(key)) || (value != NULL && !wz_utf8_valid(value, strlen(value))))
        u->bad = true;
    return MHD_YES;
}

/* True when the path, the query and a form body are valid UTF-8: handlers, templates and the
 * databases may then take any of it as text (PostgreSQL would refuse it, SQLite store it). */
static bool text_is_utf8(struct wz_req *req, struct MHD_Connection *c)
{
    if (!wz_utf8_valid(req->path, strlen(req->path)))
        return false;
    struct utf8_scan u = {false};
    wz_mhd.MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, scan_arg, &u);
    if (u.bad)
        return false;
    const char *type = wz_req_header(req, "Content-Type");
    if (type != NULL && strncasecmp(type, "application/x-www-form-urlencoded", 33) == 0)
        return wz_form_utf8(req->body, req->body_len);
    return true;
}

/* A request id unique in this process and across restarts: a random prefix drawn once per
 * thread and the thread's counter. An id names a request in the log; it guards nothing, so it
 * need not be unpredictable, and a random draw per request was a system call per request. */
static void request_id(char *out, size_t size)
{
    static _Thread_local unsigned char state[16];
    static _Thread_local bool seeded;
    if (!seeded) {
        randombytes_buf(state, sizeof(state));
        seeded = true;
    }
    for (int i = 15; i >= 8 && ++state[i] == 0; i--)
        ;
    sodium_bin2hex(out, size, state, sizeof(state));
}

static enum MHD_Result dispatch(struct server *srv, struct exchange *x, const char *url,
                                const char *method)
{
    struct wz_req req;
    memset(&req, 0, sizeof(req));
    req.method = method;
    req.path = url;
    req.body = wz_strbuf_str(&x->body);
    req.body_len = x->body.len;
    req.app = srv->app;
    req.conn = x;
    request_id(req.request_id, sizeof(req.request_id));
    client_ip(x->conn, req.client_ip, sizeof(req.client_ip));
    /* Behind the documented proxy, the client is the one the proxy names. */
    const char *real = wz_mhd.MHD_lookup_connection_value(x->conn, MHD_HEADER_KIND, "X-Real-IP");
    if (srv->app->https && real != NULL && strlen(real) < sizeof(req.client_ip) &&
        (strcmp(req.client_ip, "127.0.0.1") == 0 || strcmp(req.client_ip, "::1") == 0))
        snprintf(req.client_ip, sizeof(req.client_ip), "%s", real);

    struct wz_resp resp;
    memset(&resp, 0, sizeof(resp));
    const struct wz_route *route = NULL;
    const char *framing = framing_problem(x->conn);
    if (framing != NULL) {
        wz_resp_problem(&resp, 400, "the request is ambiguous: %s", framing);
        wz_resp_header(&resp, "Connection", "close");
        return send_response(srv, x, method, url, &req, &resp);
    }
    if (x->too_large) {
        wz_resp_problem(&resp, 413, "the request body is larger than %lld bytes (SERVER_MAX_BODY)",
                        (long long)srv->app->settings->server_max_body);
        return send_response(srv, x, method, url, &req, &resp);
    }
    if (!host_allowed(srv->app->settings, wz_req_header(&req, "Host"))) {
        wz_resp_problem(&resp, 400, "this host name is not served here; add it to ALLOWED_HOSTS");
        return send_response(srv, x, method, url, &req, &resp);
    }
    if (!text_is_utf8(&req, x->conn)) {
        wz_resp_problem(&resp, 400, "the path, the query or the form is not valid UTF-8 text");
        return send_response(srv, x, method, url, &req, &resp);
    }
    unsigned allowed = 0;
    route = wz_route_match(method, url, &req, &allowed);
    if (route == NULL && allowed != 0) {
        static const char *const names[] = {"GET", "POST", "PUT", "PATCH", "DELETE"};
        char allow[64] = "";
        for (unsigned i = 0; i < 5; i++)
            if (allowed & (1u << i))
                snprintf(allow + strlen(allow), sizeof(allow) - strlen(allow), "%s%s",
                         allow[0] ? ", " : "", names[i]);
        wz_resp_problem(&resp, 405, "%s is not allowed here; allowed: %s", method, allow);
        wz_resp_header(&resp, "Allow", allow);
        return send_response(srv, x, method, url, &req, &resp);
    }
    if (route == NULL) {
        wz_resp_problem(&resp, 404, "no such resource");
        return send_response(srv, x, method, url, &req, &resp);
    }
    if (!(route->flags & WZ_ROUTE_NO_DB)) {
        struct wz_err err = {0};
        req.db = get_db(srv, &err);
        if (req.db == NULL) {
            fprintf(stderr, "error: request %s: cannot open the database: %s\n", req.request_id,
                    err.msg);
            wz_resp_problem(&resp, 503, "the database is unavailable; try again shortly");
            wz_resp_header(&resp, "Retry-After", "5");
            return send_response(srv, x, method, url, &req, &resp);
        }
    }
    /* A GET reads, never writes (HTTP's safe method): its access check and its handler see
     * one snapshot, and SQLite takes its locks once instead of once per statement. */
    if (req.db != NULL && strcmp(method, "GET") == 0) {
        struct wz_err err = {0};
        if (wz_db_begin_read(req.db, &err) != WZ_OK) {
            fprintf(stderr, "error: request %s: cannot start a read: %s\n", req.request_id,
                    err.msg);
            wz_resp_problem(&resp, 503, "the database is unavailable; try again shortly");
            wz_resp_header(&resp, "Retry-After", "5");
            return send_response(srv, x, method, url, &req, &resp);
        }
    }
    int status = wz_auth_check(route, &req, &resp);
    if (status == 0)
        route->handler(&req, &resp);
    /* A handler that failed part-way leaves no transaction open on this thread's connection;
     * a read snapshot ends here. */
    if (req.db != NULL && req.db->in_transaction)
        wz_db_rollback(req.db);
    return send_response(srv, x, method, url, &req, &resp);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version, const char *upload,
                                  size_t *upload_size, void **con_cls)
{
    (void)version;
    struct server *srv = cls;
    struct exchange *x = *con_cls;
    if (x == NULL) {
        x = calloc(1, sizeof(*x));
        if (x == NULL)
            return MHD_NO;
        x->conn = c;
        clock_gettime(CLOCK_MONOTONIC, &x->t0);
        *con_cls = x;
        atomic_fetch_add(&srv->in_flight, 1);
        const char *cl = wz_mhd.MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
        if (cl != NULL &&
            strtoull(cl, NULL, 10) > (unsigned long long)srv->app->settings->server_max_body) {
            /* Refused before a byte of it is read. */
            x->too_large = true;
            return dispatch(srv, x, url, method);
        }
        return MHD_YES;
    }
    if (*upload_size > 0) {
        /* A chunked body gives no length up front: past the cap the rest is read and dropped
         * (memory stays bounded, CONNECTION_TIMEOUT bounds the time), then 413 is answered.
         * Answering early would close the connection under a client still sending, and
         * most clients then lose the answer to the reset. */
        if (!x->too_large &&
            x->body.len + *upload_size > (size_t)srv->app->settings->server_max_body)
            x->too_large = true;
        if (!x->too_large)
            wz_strbuf_append_n(&x->body, upload, *upload_size);
        *upload_size = 0;
        return MHD_YES;
    }
    if (x->body.failed)
        return MHD_NO;
    return dispatch(srv, x, url, method);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    struct server *srv = cls;
    (void)c;
    (void)toe;
    struct exchange *x = *con_cls;
    if (x == NULL)
        return;
    atomic_fetch_sub(&srv->in_flight, 1);
    wz_strbuf_release(&x->body);
    for (int i = 0; i < x->nowned; i++)
        free(x->owned[i]);
    free(x);
    *con_cls = NULL;
}

static void on_mhd_error(void *cls, const char *fmt, va_list ap)
{
    (void)cls;
    fputs("server: ", stderr);
    vfprintf(stderr, fmt, ap);
}

static int parse_address(const char *host, int port, struct sockaddr_storage *ss, bool *v6,
                         struct wz_err *err)
{
    memset(ss, 0, sizeof(*ss));
    struct sockaddr_in *in4 = (struct sockaddr_in *)ss;
    struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)ss;
    char h[64];
    snprintf(h, sizeof(h), "%s", host);
    if (strcmp(h, "localhost") == 0)
        snprintf(h, sizeof(h), "127.0.0.1");
    size_t n = strlen(h);
    if (n > 2 && h[0] == '[' && h[n - 1] == ']') {
        memmove(h, h + 1, n - 2);
        h[n - 2] = '\0';
    }
    if (inet_pton(AF_INET, h, &in4->sin_addr) == 1) {
        in4->sin_family = AF_INET;
        in4->sin_port = htons((uint16_t)port);
        *v6 = false;
        return WZ_OK;
    }
    if (inet_pton(AF_INET6, h, &in6->sin6_addr) == 1) {
        in6->sin6_family = AF_INET6;
        in6->sin6_port = htons((uint16_t)port);
        *v6 = true;
        return WZ_OK;
    }
    return wz_err_set(err, WZ_EUSAGE,
                      "SERVER_HOST '%s' is not an IP address: use 127.0.0.1, 0.0.0.0, ::1 or "
                      "another literal address",
                      host);
}

int wz_server_load(struct wz_err *err)
{
    return wz_mhd_load(err);
}

int wz_server_run(const struct wz_app *app, const struct wz_server_options *opt,
                  void (*on_listen)(int port, void *ctx), void *ctx, struct wz_err *err)
{
    int rc = wz_server_load(err);
    if (rc != WZ_OK)
        return rc;
    struct server srv = {.app = app};
    struct sockaddr_storage addr;
    bool v6 = false;
    rc = parse_address(opt->host, opt->port, &addr, &v6, err);
    if (rc != WZ_OK)
        return rc;
    pthread_mutex_init(&srv.dbs_lock, NULL);

    /* The workers inherit this mask: only the main thread below takes the signals. */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    sigset_t old;
    pthread_sigmask(SIG_BLOCK, &stop, &old);
    signal(SIGPIPE, SIG_IGN);

    /* Our own listening socket: SO_REUSEADDR for a quick restart, and never SO_REUSEPORT,
     * which libmicrohttpd sets for a thread pool and which lets a second server start on
     * the same port and take half of the traffic. */
    int lfd = socket(v6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    int one = 1;
    if (lfd < 0 || setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) != 0 ||
        bind(lfd, (struct sockaddr *)&addr,
             v6 ? sizeof(struct sockaddr_in6) : sizeof(struct sockaddr_in)) != 0 ||
        listen(lfd, 1024) != 0) {
        int e = errno;
        if (lfd >= 0)
            close(lfd);
        pthread_sigmask(SIG_SETMASK, &old, NULL);
        pthread_mutex_destroy(&srv.dbs_lock);
        return wz_err_set(err, WZ_EFAIL, "cannot listen on %s:%d: %s; %s", opt->host, opt->port,
                          strerror(e),
                          e == EADDRINUSE ? "another program has the port: stop it, or set "
                                            "SERVER_PORT or --port"
                                          : "check SERVER_HOST is an address of this machine");
    }
    /* One daemon per worker thread, fed by our accept thread (http/acceptor.h), which gives
     * each connection to the least busy; libmicrohttpd never sees the listening socket. The
     * limits are split between them. */
    int nlanes = opt->threads > 0 ? opt->threads : 1;
    unsigned per_lane = (unsigned)((MAX_CONNECTIONS + nlanes - 1) / nlanes);
    unsigned per_address = (unsigned)((MAX_PER_ADDRESS + nlanes - 1) / nlanes);
    struct wz_acceptor_lane *lanes = calloc((size_t)nlanes, sizeof(*lanes));
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC |
                     MHD_USE_NO_LISTEN_SOCKET | MHD_USE_ERROR_LOG | (v6 ? MHD_USE_IPv6 : 0);
    int started = 0;
    for (; lanes != NULL && started < nlanes; started++) {
        struct wz_acceptor_lane *lane = &lanes[started];
        lane->d = wz_mhd.MHD_start_daemon(
            flags, 0, NULL, NULL, on_request, &srv, MHD_OPTION_EXTERNAL_LOGGER, on_mhd_error, &srv,
            MHD_OPTION_CONNECTION_LIMIT, per_lane, MHD_OPTION_PER_IP_CONNECTION_LIMIT, per_address,
            MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)CONNECTION_TIMEOUT,
            MHD_OPTION_STRICT_FOR_CLIENT, (int)1, MHD_OPTION_UNESCAPE_CALLBACK, unescape, &srv,
            MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(128 * 1024), MHD_OPTION_NOTIFY_COMPLETED,
            on_completed, &srv, MHD_OPTION_NOTIFY_CONNECTION, wz_acceptor_note, lane,
            MHD_OPTION_END);
        if (lane->d == NULL)
            break;
    }
    struct wz_acceptor *acceptor = NULL;
    if (started < nlanes)
        rc = lanes == NULL
                 ? wz_err_set(err, WZ_ENOMEM, "out of memory")
                 : wz_err_set(err, WZ_EFAIL, "cannot start the HTTP server on %s:%d (see above)",
                              opt->host, opt->port);
    else
        rc = wz_acceptor_start(lfd, lanes, nlanes, &acceptor, err);
    if (rc != WZ_OK) {
        for (int i = 0; i < started; i++)
            wz_mhd.MHD_stop_daemon(lanes[i].d);
        free(lanes);
        close(lfd);
        pthread_sigmask(SIG_SETMASK, &old, NULL);
        pthread_mutex_destroy(&srv.dbs_lock);
        return rc;
    }
    /* The port bound (SERVER_PORT 0 asks the system for a free one). */
    struct sockaddr_storage bound;
    socklen_t blen = sizeof(bound);
    int port = opt->port;
    if (getsockname(lfd, (struct sockaddr *)&bound, &blen) == 0)
        port = ntohs(bound.ss_family == AF_INET6 ? ((struct sockaddr_in6 *)&bound)->sin6_port
                                                 : ((struct sockaddr_in *)&bound)->sin_port);
    if (on_listen != NULL)
        on_listen(port, ctx);

    int sig = 0;
    sigwait(&stop, &sig);
    fprintf(stderr, "server: %s received: no new connections; finishing the requests in flight\n",
            sig == SIGINT ? "SIGINT" : "SIGTERM");
    wz_acceptor_stop(acceptor);
    close(lfd);
    for (int waited = 0; waited < SHUTDOWN_GRACE_MS && atomic_load(&srv.in_flight) > 0;
         waited += 20) {
        struct timespec ts = {0, 20 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    for (int i = 0; i < nlanes; i++)
        wz_mhd.MHD_stop_daemon(lanes[i].d);
    free(lanes);
    for (size_t i = 0; i < srv.ndbs; i++)
        wz_db_close(srv.dbs[i]);
    free(srv.dbs);
    pthread_mutex_destroy(&srv.dbs_lock);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    fprintf(stderr, "server: stopped\n");
    return WZ_OK;
}
