/*
 * Shared libraries opened when first needed rather than linked: libpq (src/db/pq_loader.c)
 * and libmicrohttpd (src/http/mhd_loader.c) bring two dozen more objects that every command
 * would otherwise map and relocate at start-up. Each loader lists its functions as an
 * X-macro and fills its table through wz_dynlib_open, all or nothing.
 */
#ifndef WZ_DYNLIB_H
#define WZ_DYNLIB_H

#include <stddef.h>

#include "core/err.h"

/* A function to resolve: its name, and where its address goes (a function pointer's
 * storage: POSIX's way to keep dlsym's object pointer, which ISO C cannot convert). */
struct wz_dynlib_sym {
    const char *name;
    void **slot;
};

/* Opens soname and resolves every symbol into its slot. On failure (the library or one of
 * its functions missing) the slots may be partly written and nothing stays open; the one-line
 * error names the library as `what` ("the PostgreSQL client library") and the Debian package
 * that provides it. The handle is never closed: the functions live as long as the process. */
int wz_dynlib_open(const char *soname, const char *what, const char *package,
                   const struct wz_dynlib_sym *syms, size_t n, struct wz_err *err);

#endif
