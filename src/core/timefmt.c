/* The text form of a time: see timefmt.h. */
#include "core/timefmt.h"

#include <time.h>

void wz_time_iso(int64_t t, char out[WZ_ISO_TIME_SIZE])
{
    time_t tt = (time_t)t;
    struct tm tm;
    gmtime_r(&tt, &tm);
    strftime(out, WZ_ISO_TIME_SIZE, "%Y-%m-%dT%H:%M:%SZ", &tm);
}
