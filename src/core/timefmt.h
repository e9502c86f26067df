/*
 * The one text form of a point in time everywhere (the models' timestamps, the API, the
 * panels): YYYY-MM-DDTHH:MM:SSZ in UTC to the second.
 */
#ifndef WZ_TIMEFMT_H
#define WZ_TIMEFMT_H

#include <stdint.h>

#define WZ_ISO_TIME_SIZE 21 /* 20 characters and the NUL */

/* Writes t (seconds since the epoch) into out. */
void wz_time_iso(int64_t t, char out[WZ_ISO_TIME_SIZE]);

#endif
