/* Shared libraries opened when first needed: see dynlib.h. */
#include "core/dynlib.h"

#include <dlfcn.h>

int wz_dynlib_open(const char *soname, const char *what, const char *package,
                   const struct wz_dynlib_sym *syms, size_t n, struct wz_err *err)
{
    /* RTLD_LOCAL: the library's symbols (and those of what it pulls in) stay out of the
     * global scope, where they could satisfy another library's lookups by accident. */
    void *h = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
    if (h == NULL)
        return wz_err_set(err, WZ_EFAIL, "%s %s is not installed: apt-get install %s (make deps)",
                          what, soname, package);
    for (size_t i = 0; i < n; i++) {
        *syms[i].slot = dlsym(h, syms[i].name);
        if (*syms[i].slot == NULL) {
            dlclose(h);
            return wz_err_set(err, WZ_EFAIL,
                              "%s %s has no %s (too old?): apt-get install %s (make deps)", what,
                              soname, syms[i].name, package);
        }
    }
    return WZ_OK;
}
