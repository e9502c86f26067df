/* Error values: see err.h. */
#include "core/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void wz_err_clear(struct wz_err *err)
{
    if (err == NULL)
        return;
    err->code = WZ_OK;
    err->msg[0] = '\0';
}

int wz_err_set(struct wz_err *err, int code, const char *fmt, ...)
{
    if (err == NULL)
        return code;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
    va_end(ap);
    err->code = code;
    return code;
}

int wz_err_wrap(struct wz_err *err, const char *fmt, ...)
{
    if (err == NULL)
        return WZ_EFAIL;
    char prefix[512];
    char old[sizeof(err->msg)];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(prefix, sizeof(prefix), fmt, ap);
    va_end(ap);
    memcpy(old, err->msg, sizeof(old));
    snprintf(err->msg, sizeof(err->msg), "%s: %s", prefix, old);
    if (err->code == WZ_OK)
        err->code = WZ_EFAIL;
    return err->code;
}

int wz_err_exit_code(int code)
{
    if (code == WZ_OK)
        return 0;
    if (code == WZ_EUSAGE)
        return 2;
    return 1;
}
