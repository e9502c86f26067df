/* libmicrohttpd through dlopen: see mhd_loader.h. */
#include "http/mhd_loader.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "core/dynlib.h"

struct wz_mhd_api wz_mhd;

static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static int load_rc;
static struct wz_err load_err;

int wz_mhd_load_from(const char *soname, struct wz_mhd_api *api, struct wz_err *err)
{
    struct wz_mhd_api tmp;
    memset(&tmp, 0, sizeof(tmp));
#define WZ_MHD_SYM(name) {#name, (void **)&tmp.name},
    const struct wz_dynlib_sym syms[] = {WZ_MHD_FUNCTIONS(WZ_MHD_SYM)};
#undef WZ_MHD_SYM
    int rc = wz_dynlib_open(soname, "the HTTP server library", "libmicrohttpd12", syms,
                            sizeof(syms) / sizeof(syms[0]), err);
    if (rc == WZ_OK)
        *api = tmp;
    return rc;
}

static void load(void)
{
    wz_err_clear(&load_err);
    load_rc = wz_mhd_load_from(WZ_MHD_SONAME, &wz_mhd, &load_err);
}

int wz_mhd_load(struct wz_err *err)
{
    pthread_once(&load_once, load);
    if (load_rc != WZ_OK)
        return wz_err_set(err, load_rc, "%s", load_err.msg);
    return WZ_OK;
}
