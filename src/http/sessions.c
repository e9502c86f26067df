/* Panel sessions: see sessions.h. */
#include "http/sessions.h"

#include <pthread.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#define CAPACITY     8192
#define MAX_LIFETIME (12 * 3600)
#define PER_USER     10 /* sessions one user may hold: the stalest makes room for a new one */

struct slot {
    unsigned char key[32]; /* BLAKE2b of the id */
    bool used;
    struct wz_session s;
    int64_t created, last_seen;
    uint64_t used_at; /* the store's tick at the last use: orders uses within one second */
};

struct wz_sessions {
    pthread_mutex_t lock;
    int idle;
    uint64_t tick;
    struct slot slots[CAPACITY];
};

struct wz_sessions *wz_sessions_new(int idle_seconds)
{
    struct wz_sessions *s = calloc(1, sizeof(*s));
    if (s == NULL)
        return NULL;
    pthread_mutex_init(&s->lock, NULL);
    s->idle = idle_seconds;
    return s;
}

void wz_sessions_free(struct wz_sessions *s)
{
    if (s == NULL)
        return;
    pthread_mutex_destroy(&s->lock);
    sodium_memzero(s->slots, sizeof(s->slots));
    free(s);
}

static bool expired(const struct wz_sessions *s, const struct slot *e, int64_t now)
{
    return now - e->last_seen >= s->idle || now - e->created >= MAX_LIFETIME;
}

static bool hash_id(const char *id, unsigned char key[32])
{
    if (id == NULL || strlen(id) != WZ_SESSION_ID_HEX - 1)
        return false;
    crypto_generichash(key, 32, (const unsigned char *)id, WZ_SESSION_ID_HEX - 1, NULL, 0);
    return true;
}

/* The slot of key: its hash picks where the probe starts. */
static size_t start_of(const unsigned char key[32])
{
    size_t h;
    memcpy(&h, key, sizeof(h));
    return h % CAPACITY;
}

bool wz_session_create(struct wz_sessions *s, int64_t user_id, enum wz_jwt_realm realm, int64_t now,
                       char id[WZ_SESSION_ID_HEX])
{
    unsigned char raw[32], csrf[32], key[32];
    randombytes_buf(raw, sizeof(raw));
    randombytes_buf(csrf, sizeof(csrf));
    sodium_bin2hex(id, WZ_SESSION_ID_HEX, raw, sizeof(raw));
    hash_id(id, key);
    pthread_mutex_lock(&s->lock);
    /* A user signing in again and again (or a stolen password used from many places) cannot
     * fill the table: past PER_USER, the session used least recently ends. */
    struct slot *stalest = NULL;
    int held = 0;
    for (size_t i = 0; i < CAPACITY; i++) {
        struct slot *e = &s->slots[i];
        if (!e->used || e->s.user_id != user_id || e->s.realm != realm || expired(s, e, now))
            continue;
        held++;
        if (stalest == NULL || e->used_at < stalest->used_at)
            stalest = e;
    }
    if (held >= PER_USER)
        memset(stalest, 0, sizeof(*stalest));
    size_t start = start_of(key);
    struct slot *target = NULL;
    for (size_t i = 0; i < CAPACITY && target == NULL; i++) {
        struct slot *e = &s->slots[(start + i) % CAPACITY];
        if (!e->used || expired(s, e, now))
            target = e;
    }
    if (target != NULL) {
        memset(target, 0, sizeof(*target));
        memcpy(target->key, key, sizeof(key));
        target->used = true;
        target->s.user_id = user_id;
        target->s.realm = realm;
        sodium_bin2hex(target->s.csrf, sizeof(target->s.csrf), csrf, sizeof(csrf));
        target->created = target->last_seen = now;
        target->used_at = ++s->tick;
    }
    pthread_mutex_unlock(&s->lock);
    return target != NULL;
}

static struct slot *lookup(struct wz_sessions *s, const unsigned char key[32])
{
    size_t start = start_of(key);
    for (size_t i = 0; i < CAPACITY; i++) {
        struct slot *e = &s->slots[(start + i) % CAPACITY];
        if (e->used && sodium_memcmp(e->key, key, 32) == 0)
            return e;
    }
    return NULL;
}

bool wz_session_get(struct wz_sessions *s, const char *id, int64_t now, struct wz_session *out)
{
    unsigned char key[32];
    if (!hash_id(id, key))
        return false;
    bool ok = false;
    pthread_mutex_lock(&s->lock);
    struct slot *e = lookup(s, key);
    if (e != NULL && expired(s, e, now)) {
        memset(e, 0, sizeof(*e));
    } else if (e != NULL) {
        e->last_seen = now;
        e->used_at = ++s->tick;
        *out = e->s;
        ok = true;
    }
    pthread_mutex_unlock(&s->lock);
    return ok;
}

void wz_session_delete(struct wz_sessions *s, const char *id)
{
    unsigned char key[32];
    if (!hash_id(id, key))
        return;
    pthread_mutex_lock(&s->lock);
    struct slot *e = lookup(s, key);
    if (e != NULL)
        memset(e, 0, sizeof(*e));
    pthread_mutex_unlock(&s->lock);
}

void wz_session_delete_user(struct wz_sessions *s, int64_t user_id)
{
    pthread_mutex_lock(&s->lock);
    for (size_t i = 0; i < CAPACITY; i++)
        if (s->slots[i].used && s->slots[i].s.user_id == user_id)
            memset(&s->slots[i], 0, sizeof(s->slots[i]));
    pthread_mutex_unlock(&s->lock);
}
