/*
 * HS256 access tokens (jwt.h). Everything lives in fixed stack buffers sized from WZ_JWT_MAX:
 * a token is attacker-controlled input, so its length must never drive an allocation. The
 * only heap use is jansson's tree for the claims, which exists only after the signature has
 * proved that we wrote the payload.
 */
#include "http/jwt.h"

#include <inttypes.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>
#include <sodium.h>

#define B64_VARIANT sodium_base64_VARIANT_URLSAFE_NO_PADDING

/* base64url of {"alg":"HS256","typ":"JWT"}: the only header we write or accept. */
static const char HEADER_B64[] = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9";
#define HEADER_B64_LEN (sizeof(HEADER_B64) - 1)

/* The longest claims JSON we write: four claims with 19/20-digit numbers fit well within. */
#define CLAIMS_JSON_MAX 192

/* A payload segment can be at most the whole token, and decodes to at most 3/4 of that. */
#define PAYLOAD_BIN_MAX (WZ_JWT_MAX / 4 * 3 + 3)

static atomic_bool sodium_ready;

/* libsodium's HMAC and base64 need no setup today, but the library's contract is that
 * sodium_init runs before any other call; a racing second call is harmless. */
static bool sodium_ok(void)
{
    if (atomic_load(&sodium_ready))
        return true;
    if (sodium_init() < 0)
        return false;
    atomic_store(&sodium_ready, true);
    return true;
}

const char *wz_jwt_audience(enum wz_jwt_realm realm)
{
    switch (realm) {
    case WZ_REALM_ADMIN:
        return "wizamart:admin";
    case WZ_REALM_STORE:
        return "wizamart:store";
    }
    return NULL;
}

/* Only the 64 characters of base64url. libsodium 1.0.18 (Debian 12) decodes every byte from
 * 0x80 up as '_' (tests/unit/test_jwt.c shows it), so a signature with a '_' would have 129
 * spellings that all verify; checking the alphabet first leaves each token one spelling. */
static bool is_b64url(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_'))
            return false;
    }
    return true;
}

/* Decodes a whole base64url segment: no padding, no stray byte, and (libsodium checks this)
 * no non-zero unused bits in the last character. */
static bool b64url_decode(const char *s, size_t len, unsigned char *bin, size_t binsize,
                          size_t *bin_len)
{
    /* b64_end NULL: libsodium then fails unless it consumed the whole segment. */
    return is_b64url(s, len) &&
           sodium_base642bin(bin, binsize, s, len, NULL, bin_len, NULL, B64_VARIANT) == 0;
}

/* HMAC-SHA-256 of the signing input "header.payload", with a key of any length (the
 * init/update/final form hashes keys over 64 bytes, as RFC 2104 asks). */
static void hmac(const unsigned char *key, size_t keylen, const char *input, size_t len,
                 unsigned char mac[crypto_auth_hmacsha256_BYTES])
{
    crypto_auth_hmacsha256_state st;
    crypto_auth_hmacsha256_init(&st, key, keylen);
    crypto_auth_hmacsha256_update(&st, (const unsigned char *)input, len);
    crypto_auth_hmacsha256_final(&st, mac);
    sodium_memzero(&st, sizeof(st));
}

int wz_jwt_sign(const struct wz_jwt_claims *claims, const unsigned char *key, size_t keylen,
                char *out, size_t outsize)
{
    if (out != NULL && outsize > 0)
        out[0] = '\0';
    const char *aud = claims != NULL ? wz_jwt_audience(claims->realm) : NULL;
    /* Refuse what verify would refuse, so a signed token is always a valid one. */
    if (aud == NULL || claims->sub <= 0 || claims->iat < 0 || claims->exp < 0 || key == NULL ||
        keylen == 0 || out == NULL || !sodium_ok())
        return -1;

    char json[CLAIMS_JSON_MAX];
    int n =
        snprintf(json, sizeof(json),
                 "{\"sub\":\"%" PRId64 "\",\"aud\":\"%s\",\"iat\":%" PRId64 ",\"exp\":%" PRId64 "}",
                 claims->sub, aud, claims->iat, claims->exp);
    if (n < 0 || (size_t)n >= sizeof(json))
        return -1;

    /* header "." payload "." signature, built in place. */
    char token[WZ_JWT_MAX + 1];
    size_t payload_b64 = sodium_base64_ENCODED_LEN((size_t)n, B64_VARIANT) - 1;
    size_t sig_b64 = sodium_base64_ENCODED_LEN(crypto_auth_hmacsha256_BYTES, B64_VARIANT) - 1;
    size_t total = HEADER_B64_LEN + 1 + payload_b64 + 1 + sig_b64;
    if (total > WZ_JWT_MAX || total >= outsize)
        return -1;
    memcpy(token, HEADER_B64, HEADER_B64_LEN);
    token[HEADER_B64_LEN] = '.';
    char *p = token + HEADER_B64_LEN + 1;
    sodium_bin2base64(p, payload_b64 + 1, (const unsigned char *)json, (size_t)n, B64_VARIANT);
    p += payload_b64;

    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    hmac(key, keylen, token, (size_t)(p - token), mac);
    *p++ = '.';
    sodium_bin2base64(p, sig_b64 + 1, mac, sizeof(mac), B64_VARIANT);
    sodium_memzero(mac, sizeof(mac));

    memcpy(out, token, total + 1);
    return 0;
}

/* A positive int64 written as canonical decimal (no sign, no leading zero): the only form
 * sign writes, so a token has one spelling. */
static bool parse_sub(const char *s, size_t len, int64_t *out)
{
    if (len == 0 || len > 19 || s[0] == '0')
        return false;
    int64_t v = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        int d = s[i] - '0';
        if (v > (INT64_MAX - d) / 10)
            return false;
        v = v * 10 + d;
    }
    *out = v;
    return true;
}

static bool get_time(json_t *obj, const char *name, int64_t *out)
{
    json_t *v = json_object_get(obj, name);
    if (!json_is_integer(v) || json_integer_value(v) < 0)
        return false;
    *out = (int64_t)json_integer_value(v);
    return true;
}

/* The claims of a payload whose signature is already verified. */
static enum wz_jwt_status check_claims(const char *payload, size_t len, enum wz_jwt_realm realm,
                                       int64_t now, struct wz_jwt_claims *claims)
{
    unsigned char bin[PAYLOAD_BIN_MAX];
    size_t bin_len = 0;
    if (!b64url_decode(payload, len, bin, sizeof(bin), &bin_len))
        return WZ_JWT_MALFORMED;

    json_t *root = json_loadb((const char *)bin, bin_len, JSON_REJECT_DUPLICATES, NULL);
    enum wz_jwt_status st = WZ_JWT_MALFORMED;
    struct wz_jwt_claims c = {0};
    if (!json_is_object(root))
        goto done;
    json_t *sub = json_object_get(root, "sub");
    json_t *aud = json_object_get(root, "aud");
    if (!json_is_string(sub) || !parse_sub(json_string_value(sub), json_string_length(sub), &c.sub))
        goto done;
    if (!json_is_string(aud) || !get_time(root, "iat", &c.iat) || !get_time(root, "exp", &c.exp))
        goto done;
    const char *want = wz_jwt_audience(realm);
    const char *other = wz_jwt_audience(realm == WZ_REALM_ADMIN ? WZ_REALM_STORE : WZ_REALM_ADMIN);
    /* strcmp stops at an embedded NUL, so lengths are compared too. */
    size_t aud_len = json_string_length(aud);
    if (aud_len == strlen(want) && strcmp(json_string_value(aud), want) == 0) {
        c.realm = realm;
    } else {
        if (aud_len == strlen(other) && strcmp(json_string_value(aud), other) == 0)
            st = WZ_JWT_WRONG_AUDIENCE;
        goto done;
    }
    if (c.exp <= now) {
        st = WZ_JWT_EXPIRED;
        goto done;
    }
    if (claims != NULL)
        *claims = c;
    st = WZ_JWT_OK;
done:
    json_decref(root);
    return st;
}

enum wz_jwt_status wz_jwt_verify(const char *token, size_t len, const unsigned char *key,
                                 size_t keylen, enum wz_jwt_realm realm, int64_t now,
                                 struct wz_jwt_claims *claims)
{
    if (token == NULL || len == 0 || len > WZ_JWT_MAX)
        return WZ_JWT_MALFORMED;
    /* A realm we do not know can match no token: fail closed before any work. */
    if (wz_jwt_audience(realm) == NULL)
        return WZ_JWT_WRONG_AUDIENCE;

    const char *dot1 = memchr(token, '.', len);
    const char *dot2 =
        dot1 != NULL ? memchr(dot1 + 1, '.', len - (size_t)(dot1 + 1 - token)) : NULL;
    if (dot2 == NULL || memchr(dot2 + 1, '.', len - (size_t)(dot2 + 1 - token)) != NULL)
        return WZ_JWT_MALFORMED;
    /* The header is public and fixed: a plain compare, and its alg is never read. */
    if ((size_t)(dot1 - token) != HEADER_B64_LEN || memcmp(token, HEADER_B64, HEADER_B64_LEN) != 0)
        return WZ_JWT_MALFORMED;

    const char *sig = dot2 + 1;
    size_t sig_len = len - (size_t)(sig - token);
    unsigned char got[crypto_auth_hmacsha256_BYTES];
    size_t got_len = 0;
    if (!b64url_decode(sig, sig_len, got, sizeof(got), &got_len) || got_len != sizeof(got))
        return WZ_JWT_MALFORMED;
    /* Without a key anyone could sign: nothing is trusted. */
    if (key == NULL || keylen == 0 || !sodium_ok())
        return WZ_JWT_BAD_SIGNATURE;

    unsigned char want[crypto_auth_hmacsha256_BYTES];
    hmac(key, keylen, token, (size_t)(dot2 - token), want);
    int diff = sodium_memcmp(got, want, sizeof(want));
    sodium_memzero(want, sizeof(want));
    if (diff != 0)
        return WZ_JWT_BAD_SIGNATURE;

    return check_claims(dot1 + 1, (size_t)(dot2 - dot1 - 1), realm, now, claims);
}
