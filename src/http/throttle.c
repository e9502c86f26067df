/* Sign-in throttling: see throttle.h. */
#include "http/throttle.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SLOTS        4096
#define PROBE        16
#define FORGET_AFTER 900 /* seconds without a failure */
#define MAX_WAIT     900
#define FIRST_WAIT   15

struct entry {
    char key[128];
    int fails;
    int64_t last_fail;
    int64_t blocked_until;
};

struct wz_throttle {
    pthread_mutex_t lock;
    struct entry slots[SLOTS];
};

struct wz_throttle *wz_throttle_new(void)
{
    struct wz_throttle *t = calloc(1, sizeof(*t));
    if (t != NULL)
        pthread_mutex_init(&t->lock, NULL);
    return t;
}

void wz_throttle_free(struct wz_throttle *t)
{
    if (t == NULL)
        return;
    pthread_mutex_destroy(&t->lock);
    free(t);
}

static uint32_t hash(const char *s)
{
    uint32_t h = 2166136261u; /* FNV-1a: keys are ours, not an attacker's choice of bucket */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

/* The entry for key, or NULL; with create, a new or reclaimed one. Lock held. */
static struct entry *find(struct wz_throttle *t, const char *key, bool create, int64_t now)
{
    uint32_t h = hash(key);
    struct entry *free_slot = NULL, *oldest = NULL;
    for (int i = 0; i < PROBE; i++) {
        struct entry *e = &t->slots[(h + (uint32_t)i) % SLOTS];
        bool live = e->key[0] != '\0' && now - e->last_fail < FORGET_AFTER;
        if (live && strcmp(e->key, key) == 0)
            return e;
        if (!live) {
            if (free_slot == NULL)
                free_slot = e;
        } else if (oldest == NULL || e->last_fail < oldest->last_fail) {
            oldest = e;
        }
    }
    if (!create)
        return NULL;
    struct entry *e = free_slot != NULL ? free_slot : oldest;
    memset(e, 0, sizeof(*e));
    snprintf(e->key, sizeof(e->key), "%s", key);
    return e;
}

int wz_throttle_wait(struct wz_throttle *t, const char *key, int64_t now)
{
    pthread_mutex_lock(&t->lock);
    struct entry *e = find(t, key, false, now);
    int wait = e != NULL && e->blocked_until > now ? (int)(e->blocked_until - now) : 0;
    pthread_mutex_unlock(&t->lock);
    return wait;
}

void wz_throttle_fail(struct wz_throttle *t, const char *key, int threshold, int64_t now)
{
    pthread_mutex_lock(&t->lock);
    struct entry *e = find(t, key, true, now);
    e->fails++;
    e->last_fail = now;
    if (e->fails >= threshold) {
        int shift = e->fails - threshold;
        int64_t wait = shift >= 6 ? MAX_WAIT : (int64_t)FIRST_WAIT << shift;
        e->blocked_until = now + (wait > MAX_WAIT ? MAX_WAIT : wait);
    }
    pthread_mutex_unlock(&t->lock);
}

void wz_throttle_clear(struct wz_throttle *t, const char *key)
{
    pthread_mutex_lock(&t->lock);
    uint32_t h = hash(key);
    for (int i = 0; i < PROBE; i++) {
        struct entry *e = &t->slots[(h + (uint32_t)i) % SLOTS];
        if (strcmp(e->key, key) == 0)
            memset(e, 0, sizeof(*e));
    }
    pthread_mutex_unlock(&t->lock);
}
