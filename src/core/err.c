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
    char joined[sizeof(err->msg)];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(joined, sizeof(joined), fmt, ap);
    va_end(ap);
    /* Truncation is acceptable here: the start of a message says what failed. */
    size_t used = n < 0 ? 0 : ((size_t)n < sizeof(joined) ? (size_t)n : sizeof(joined) - 1);
    size_t room = sizeof(joined) - 1 - used;
    if (room >= 2) {
        memcpy(joined + used, ": ", 2);
        used += 2;
        room -= 2;
        size_t old_len = strnlen(err->msg, sizeof(err->msg));
        size_t take = old_len < room ? old_len : room;
        memcpy(joined + used, err->msg, take);
        used += take;
    }
    joined[used] = '\0';
    memcpy(err->msg, joined, used + 1);
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
