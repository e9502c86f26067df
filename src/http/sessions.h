/*
 * Panel sessions (OWASP's Session Management Cheat Sheet): an opaque id of 256 random bits
 * in a cookie, stored server-side with its user, realm, CSRF token and last use; only a
 * hash of the id is kept, so the table cannot be replayed from a memory dump. A session ends
 * after SESSION_IDLE_MINUTES without a request, at sign-out, and at most 12 hours after
 * sign-in; a user holds at most 10 (a new one ends the one used least recently). The store
 * lives in the server process (a restart signs everyone out). Bounded and thread-safe.
 */
#ifndef WZ_SESSIONS_H
#define WZ_SESSIONS_H

#include <stdbool.h>
#include <stdint.h>

#include "http/jwt.h"

#define WZ_SESSION_ID_HEX 65 /* 64 hex digits and a NUL */

struct wz_sessions;

struct wz_session {
    int64_t user_id;
    enum wz_jwt_realm realm;
    char csrf[WZ_SESSION_ID_HEX];
};

struct wz_sessions *wz_sessions_new(int idle_seconds);
void wz_sessions_free(struct wz_sessions *s);

/* Creates a session and writes its id (hex) into id. Returns false when out of room even
 * after expired sessions were dropped. */
bool wz_session_create(struct wz_sessions *s, int64_t user_id, enum wz_jwt_realm realm, int64_t now,
                       char id[WZ_SESSION_ID_HEX]);
/* Looks id up; a live session is touched (its idle time starts again) and copied to out. */
bool wz_session_get(struct wz_sessions *s, const char *id, int64_t now, struct wz_session *out);
/* Ends the session id (sign-out). */
void wz_session_delete(struct wz_sessions *s, const char *id);
/* Ends every session of a user (deactivated by an admin). */
void wz_session_delete_user(struct wz_sessions *s, int64_t user_id);

#endif
