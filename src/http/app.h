/*
 * What every request handler may read besides its request: the settings, whether this is
 * production (the stricter of the settings and the database's stamp), the sign-in
 * throttles and the panel sessions. Built once by `wizamart serve` before the first request;
 * read-only after that except for the throttle and session stores, which lock inside.
 */
#ifndef WZ_APP_H
#define WZ_APP_H

#include <semaphore.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/password.h"
#include "core/settings.h"

struct wz_req;
struct wz_resp;
struct wz_throttle;
struct wz_sessions;

struct wz_app {
    const struct wz_settings *settings;
    bool production;
    /* Cookies get Secure and the __Host- prefix, HSTS is sent: the server sits behind an
     * HTTPS proxy (production), or the browser treats the loopback origin as secure. */
    bool https;
    struct wz_throttle *throttle;
    struct wz_sessions *sessions;
    /* Password verifications at once: each costs 19 MiB and tens of milliseconds of a core,
     * so a flood of sign-ins waits here instead of taking the cores from the API. */
    sem_t verify_slots;
    /* Verified against when the account does not exist, so both answers take as long. */
    char dummy_hash[WZ_PASSWORD_HASH_MAX];
    /* How a panel route's refusal (403, 404) is shown: a page in the panel's layout. Set by
     * `serve` to the panels' renderer, so the transport does not depend on the panels; NULL:
     * a problem document as for the API. */
    int (*page_refusal)(struct wz_req *req, struct wz_resp *resp, int status, const char *detail);
};

/* The current time in seconds since the epoch (a function so tests can reason about it). */
int64_t wz_app_now(void);

#endif
