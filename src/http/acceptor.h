/*
 * The server's accept loop. The server runs one libmicrohttpd daemon per worker thread (a
 * lane), none of which sees the listening socket: one thread here takes each connection and
 * hands it (MHD_add_connection) to the lane with the fewest open connections. Left to
 * libmicrohttpd's own thread pool, every worker polled the one listening socket and
 * whichever woke first took the connection, or (connections added from outside) the worker
 * was the socket's number modulo the pool size; either way two clients often shared one
 * worker while the other core idled, and their requests waited on each other (half the
 * throughput at two connections in about one run of three; bench/README.md).
 */
#ifndef WZ_ACCEPTOR_H
#define WZ_ACCEPTOR_H

#include <microhttpd.h>
#include <stdatomic.h>

#include "core/err.h"

/* One worker: its daemon, started with MHD_USE_NO_LISTEN_SOCKET and MHD_USE_ITC, and
 * MHD_OPTION_NOTIFY_CONNECTION, wz_acceptor_note, &lane (which keeps `open` counted). */
struct wz_acceptor_lane {
    struct MHD_Daemon *d;
    atomic_int open;
};

struct wz_acceptor;

/* Starts accepting on lfd (a listening socket; it stays the caller's to close) into the n
 * lanes (the caller's, alive until wz_acceptor_stop). *out is the caller's to stop. */
int wz_acceptor_start(int lfd, struct wz_acceptor_lane *lanes, int n, struct wz_acceptor **out,
                      struct wz_err *err);

/* Stops accepting and waits for the thread: no connection is handed over after it returns.
 * Connections already handed over are their daemon's. Accepts NULL. */
void wz_acceptor_stop(struct wz_acceptor *a);

/* The daemons' MHD_OPTION_NOTIFY_CONNECTION callback (cls: the lane). */
void wz_acceptor_note(void *cls, struct MHD_Connection *c, void **socket_context,
                      enum MHD_ConnectionNotificationCode toe);

#endif
