/*
 * libpq, loaded when a postgresql:// URL is first used rather than linked: libpq pulls in
 * Kerberos, LDAP, SASL and a TLS stack, two dozen shared objects that every SQLite command
 * would otherwise map and relocate at start-up. libpq-fe.h still gives the types; the
 * functions are called through the table wz_pq (wz_pq.PQexec(...)), filled by wz_pq_load.
 */
#ifndef WZ_PQ_LOADER_H
#define WZ_PQ_LOADER_H

#include <libpq-fe.h>

#include "core/err.h"

/* The shared object opened: libpq's ABI has kept this soname since PostgreSQL 8.0. */
#define WZ_PQ_SONAME "libpq.so.5"

/* Every libpq function the program calls. A function missing here is a link-time
 * "undefined reference" to it, so this list cannot fall behind the callers. */
#define WZ_PQ_FUNCTIONS(X)                                                                         \
    X(PQclear)                                                                                     \
    X(PQcmdStatus)                                                                                 \
    X(PQcmdTuples)                                                                                 \
    X(PQconndefaults)                                                                              \
    X(PQconnectdbParams)                                                                           \
    X(PQconnectionNeedsPassword)                                                                   \
    X(PQconninfoFree)                                                                              \
    X(PQdb)                                                                                        \
    X(PQdescribePrepared)                                                                          \
    X(PQerrorMessage)                                                                              \
    X(PQescapeIdentifier)                                                                          \
    X(PQexec)                                                                                      \
    X(PQexecParams)                                                                                \
    X(PQexecPrepared)                                                                              \
    X(PQfinish)                                                                                    \
    X(PQfname)                                                                                     \
    X(PQfreemem)                                                                                   \
    X(PQgetResult)                                                                                 \
    X(PQgetisnull)                                                                                 \
    X(PQgetvalue)                                                                                  \
    X(PQhost)                                                                                      \
    X(PQnfields)                                                                                   \
    X(PQnparams)                                                                                   \
    X(PQntuples)                                                                                   \
    X(PQport)                                                                                      \
    X(PQprepare)                                                                                   \
    X(PQputCopyData)                                                                               \
    X(PQputCopyEnd)                                                                                \
    X(PQresStatus)                                                                                 \
    X(PQresultErrorField)                                                                          \
    X(PQresultErrorMessage)                                                                        \
    X(PQresultStatus)                                                                              \
    X(PQsetNoticeProcessor)                                                                        \
    X(PQstatus)                                                                                    \
    X(PQtransactionStatus)                                                                         \
    X(PQuser)

struct wz_pq_api {
#define WZ_PQ_MEMBER(name) __typeof__(name) *name;
    WZ_PQ_FUNCTIONS(WZ_PQ_MEMBER)
#undef WZ_PQ_MEMBER
};

/* The table; valid after wz_pq_load returned WZ_OK (in any thread). */
extern struct wz_pq_api wz_pq;

/* Loads WZ_PQ_SONAME and resolves the table once per process; thread-safe, and cheap after
 * the first call. WZ_EFAIL with a one-line message naming the package when libpq is missing
 * (the failure is remembered: every later call reports it again). */
int wz_pq_load(struct wz_err *err);

/* What wz_pq_load does, from a given soname into *api, uncached (tests use a missing name). */
int wz_pq_load_from(const char *soname, struct wz_pq_api *api, struct wz_err *err);

#endif
