/*
 * Sign-in throttling (OWASP's Authentication Cheat Sheet): failures are counted per key (an
 * account, a client address); past a threshold each further failure doubles the wait, up to
 * 15 minutes, and a key with no failure for 15 minutes is forgotten. Memory is bounded: a
 * fixed table where the stalest entry makes room. Thread-safe.
 */
#ifndef WZ_THROTTLE_H
#define WZ_THROTTLE_H

#include <stdint.h>

struct wz_throttle;

struct wz_throttle *wz_throttle_new(void);
void wz_throttle_free(struct wz_throttle *t);

/* Seconds key must still wait before another attempt; 0 when it may go on. */
int wz_throttle_wait(struct wz_throttle *t, const char *key, int64_t now);
/* Counts a failure for key; from the threshold-th failure on, key waits. */
void wz_throttle_fail(struct wz_throttle *t, const char *key, int threshold, int64_t now);
/* Forgets key (a successful sign-in of that account). */
void wz_throttle_clear(struct wz_throttle *t, const char *key);

#endif
