/*
 * Access tokens: compact JWS with HS256 (RFC 7519/7515), written on libsodium's
 * HMAC-SHA-256, base64url and constant-time compares. The header is fixed: a token is
 * accepted only when its header bytes are exactly the ones we write, so an incoming `alg`
 * ("none", "RS256", ...) is never trusted or even parsed. Claims: sub (user id, decimal
 * string), aud (the realm: "wizamart:admin" or "wizamart:store"), iat and exp (seconds since
 * the epoch, integers). Any token that is malformed, over WZ_JWT_MAX bytes, signed with
 * another key, of another audience or expired is refused with one reason code.
 */
#ifndef WZ_JWT_H
#define WZ_JWT_H

#include <stddef.h>
#include <stdint.h>

#define WZ_JWT_MAX 1024 /* longest token accepted or written, NUL excluded */

enum wz_jwt_realm {
    WZ_REALM_ADMIN = 1, /* platform admins: the admin routes */
    WZ_REALM_STORE = 2, /* store owners and team members: the store routes */
};

struct wz_jwt_claims {
    int64_t sub; /* users.id, > 0 */
    enum wz_jwt_realm realm;
    int64_t iat, exp;
};

enum wz_jwt_status {
    WZ_JWT_OK = 0,
    WZ_JWT_MALFORMED = -1, /* not three base64url parts, bad header, bad JSON, missing claim */
    WZ_JWT_BAD_SIGNATURE = -2,
    WZ_JWT_EXPIRED = -3,
    WZ_JWT_WRONG_AUDIENCE = -4,
};

/* Writes a token for claims into out (NUL-terminated). key/keylen: JWT_SECRET_KEY's bytes.
 * Returns 0, or -1 when out is too small or when verify would refuse the claims (sub <= 0,
 * an unknown realm, a negative iat or exp) or the key is empty. */
int wz_jwt_sign(const struct wz_jwt_claims *claims, const unsigned char *key, size_t keylen,
                char *out, size_t outsize);

/* Verifies token (len bytes, not necessarily NUL-terminated) for realm at time now: the
 * fixed header, the signature (constant time, before any claim is parsed), then the
 * claims; exp <= now is expired. On WZ_JWT_OK *claims is filled (claims may be NULL).
 * An empty key verifies nothing (WZ_JWT_BAD_SIGNATURE). */
enum wz_jwt_status wz_jwt_verify(const char *token, size_t len, const unsigned char *key,
                                 size_t keylen, enum wz_jwt_realm realm, int64_t now,
                                 struct wz_jwt_claims *claims);

/* "wizamart:admin" / "wizamart:store". */
const char *wz_jwt_audience(enum wz_jwt_realm realm);

#endif
