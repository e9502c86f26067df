/*
 * libmicrohttpd, loaded when `serve` starts rather than linked: it pulls in GnuTLS and nine
 * more shared objects (nettle, gmp, p11-kit, libtasn1, ...) whose constructors would run at
 * the start of every command, though only `serve` needs them (bench/README.md, start-up).
 * microhttpd.h still gives the types and constants; the functions are called through the
 * table wz_mhd (wz_mhd.MHD_start_daemon(...)), filled by wz_mhd_load. The same scheme as
 * libpq's (src/db/pq_loader.h).
 */
#ifndef WZ_MHD_LOADER_H
#define WZ_MHD_LOADER_H

#include <microhttpd.h>

#include "core/err.h"

/* The shared object opened: the soname of libmicrohttpd's current ABI (Debian's package
 * libmicrohttpd12). The build may name another one (-DWZ_MHD_SONAME=...): the test of a
 * machine without the library builds a binary that looks for a name no package installs. */
#ifndef WZ_MHD_SONAME
#define WZ_MHD_SONAME "libmicrohttpd.so.12"
#endif

/* Every libmicrohttpd function the program calls (only src/http/server.c and acceptor.c do). A
 * function missing here is a link-time "undefined reference" to it, so this list cannot fall behind
 * the callers. */
#define WZ_MHD_FUNCTIONS(X)                                                                        \
    X(MHD_add_connection)                                                                          \
    X(MHD_add_response_header)                                                                     \
    X(MHD_create_response_from_buffer)                                                             \
    X(MHD_destroy_response)                                                                        \
    X(MHD_get_connection_info)                                                                     \
    X(MHD_get_connection_values)                                                                   \
    X(MHD_get_response_header)                                                                     \
    X(MHD_lookup_connection_value)                                                                 \
    X(MHD_queue_response)                                                                          \
    X(MHD_start_daemon)                                                                            \
    X(MHD_stop_daemon)

struct wz_mhd_api {
#define WZ_MHD_MEMBER(name) __typeof__(name) *name;
    WZ_MHD_FUNCTIONS(WZ_MHD_MEMBER)
#undef WZ_MHD_MEMBER
};

/* The table; valid after wz_mhd_load returned WZ_OK (in any thread). */
extern struct wz_mhd_api wz_mhd;

/* Loads WZ_MHD_SONAME and resolves the table once per process; thread-safe, and cheap after
 * the first call. WZ_EFAIL with a one-line message naming the package when libmicrohttpd is
 * missing (the failure is remembered: every later call reports it again). */
int wz_mhd_load(struct wz_err *err);

/* What wz_mhd_load does, from a given soname into *api, uncached (tests use a missing name). */
int wz_mhd_load_from(const char *soname, struct wz_mhd_api *api, struct wz_err *err);

#endif
