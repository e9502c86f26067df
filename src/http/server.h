/*
 * The HTTP transport: GNU libmicrohttpd (opened when the server starts, http/mhd_loader.h),
 * one daemon with its own epoll thread per worker, each with its own database connection
 * (opened on first use, statements cached), fed by one accept thread that gives every new
 * connection to the least busy worker (http/acceptor.h). Strict request parsing, a body cap,
 * connection and per-address limits and a timeout against slow clients; every response
 * carries X-Request-Id and the security headers; one access-log line per request on stderr
 * (never a query string, token, password or cookie).
 */
#ifndef WZ_SERVER_H
#define WZ_SERVER_H

#include "core/err.h"
#include "http/app.h"

struct wz_server_options {
    const char *host;
    int port; /* 0: any free port */
    int threads;
};

/* Loads the HTTP library (src/http/mhd_loader.h): WZ_EFAIL with one line naming the package
 * when it is not installed. wz_server_run does it too; `serve` calls it first, so that a
 * machine without the library is told before any check runs. */
int wz_server_load(struct wz_err *err);

/* Runs until SIGINT or SIGTERM: then stops accepting, lets the requests in flight finish
 * (at most 10 s), closes every connection and returns WZ_OK. on_listen, when set, is called
 * once with the port actually bound, before the first request is served. */
int wz_server_run(const struct wz_app *app, const struct wz_server_options *opt,
                  void (*on_listen)(int port, void *ctx), void *ctx, struct wz_err *err);

#endif
