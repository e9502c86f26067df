/* libmicrohttpd through dlopen: see mhd_loader.h. */
#include "http/mhd_loader.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

struct wz_mhd_api wz_mhd;

static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static int load_rc;
static struct wz_err load_err;

int wz_mhd_load_from(const char *soname, struct wz_mhd_api *api, struct wz_err *err)
{
    /* RTLD_LOCAL: the library's symbols (and GnuTLS's) stay out of the global scope, where
     * they could satisfy another library's lookups by accident. The handle is never closed:
     * the table lives as long as the process. */
    void *h = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
    if (h == NULL)
        return wz_err_set(err, WZ_EFAIL,
                          "the HTTP server library %s is not installed: apt-get install "
                          "libmicrohttpd12 (make deps)",
                          soname);
    struct wz_mhd_api tmp;
    memset(&tmp, 0, sizeof(tmp));
    /* POSIX's way to store dlsym's object pointer into a function pointer: ISO C has no
     * conversion between the two. */
#define WZ_MHD_RESOLVE(name)                                                                       \
    *(void **)(&tmp.name) = dlsym(h, #name);                                                       \
    if (tmp.name == NULL) {                                                                        \
        dlclose(h);                                                                                \
        return wz_err_set(err, WZ_EFAIL,                                                           \
                          "the HTTP server library %s has no " #name                               \
                          " (too old?): apt-get install libmicrohttpd12 (make deps)",              \
                          soname);                                                                 \
    }
    WZ_MHD_FUNCTIONS(WZ_MHD_RESOLVE)
#undef WZ_MHD_RESOLVE
    *api = tmp;
    return WZ_OK;
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
