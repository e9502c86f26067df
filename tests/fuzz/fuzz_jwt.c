/*
 * wz_jwt_verify on arbitrary bytes, for both realms. The fuzzer does not know the key, so it
 * cannot forge: a token it makes may only be accepted when it is, byte for byte, the token
 * wz_jwt_sign writes for the claims that came out, and a token is never good for both realms
 * nor under a second key.
 *
 * Without the key the fuzzer never gets past the signature, so an input starting with '{'
 * is taken as a claims payload that the harness signs itself (as the key holder would):
 * that reaches the claims parser with every JSON the fuzzer can write. There an accepted
 * payload need not be our spelling, but its claims must be sane and sign to a token that
 * verifies to the same claims.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "http/jwt.h"

#define NOW INT64_C(1700000000)

/* The corpus tokens are signed with this key (tests/fuzz/corpus/jwt/). */
static const unsigned char KEY[] = "wizamart-fuzz-key";
#define KEYLEN (sizeof(KEY) - 1)
static const unsigned char OTHER_KEY[] = "wizamart-fuzz-kez";

static const enum wz_jwt_realm REALMS[] = {WZ_REALM_ADMIN, WZ_REALM_STORE};

static void die(const char *what, const char *tok, size_t len)
{
    fprintf(stderr, "fuzz_jwt: %s: '%.*s'\n", what, (int)len, tok);
    abort();
}

static void check_status(enum wz_jwt_status st, const char *tok, size_t len)
{
    if (st != WZ_JWT_OK && st != WZ_JWT_MALFORMED && st != WZ_JWT_BAD_SIGNATURE &&
        st != WZ_JWT_EXPIRED && st != WZ_JWT_WRONG_AUDIENCE)
        die("status outside the enum", tok, len);
}

static void check_sane(const struct wz_jwt_claims *c, enum wz_jwt_realm realm, const char *tok,
                       size_t len)
{
    if (c->sub <= 0 || c->realm != realm || c->iat < 0 || c->exp <= NOW)
        die("accepted claims that verify must refuse", tok, len);
}

/* Verifies tok for both realms; returns how many accepted it and fills *claims from the one
 * that did. */
static int verify_both(const char *tok, size_t len, struct wz_jwt_claims *claims,
                       enum wz_jwt_realm *realm)
{
    int accepted = 0;
    for (size_t i = 0; i < sizeof(REALMS) / sizeof(REALMS[0]); i++) {
        struct wz_jwt_claims c;
        memset(&c, 0xa5, sizeof(c));
        enum wz_jwt_status st = wz_jwt_verify(tok, len, KEY, KEYLEN, REALMS[i], NOW, &c);
        check_status(st, tok, len);
        if (st == WZ_JWT_OK) {
            check_sane(&c, REALMS[i], tok, len);
            *claims = c;
            *realm = REALMS[i];
            accepted++;
        }
    }
    if (accepted > 1)
        die("accepted for both realms", tok, len);
    return accepted;
}

static void fuzz_token(const char *tok, size_t len)
{
    struct wz_jwt_claims c;
    enum wz_jwt_realm realm;
    if (verify_both(tok, len, &c, &realm) == 0)
        return;
    char again[WZ_JWT_MAX + 1];
    if (wz_jwt_sign(&c, KEY, KEYLEN, again, sizeof(again)) != 0)
        die("accepted claims that sign refuses", tok, len);
    if (strlen(again) != len || memcmp(again, tok, len) != 0)
        die("accepted a token wz_jwt_sign would not write", tok, len);
    if (wz_jwt_verify(tok, len, OTHER_KEY, sizeof(OTHER_KEY) - 1, realm, NOW, NULL) == WZ_JWT_OK)
        die("accepted under another key", tok, len);
}

/* Signs header.b64url(payload) as the key holder, with libsodium directly. */
static void fuzz_claims(const uint8_t *payload, size_t n)
{
    static const char header[] = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
    const int v = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
    char tok[WZ_JWT_MAX + 1];
    size_t h = sodium_base64_ENCODED_LEN(sizeof(header) - 1, v) - 1;
    size_t p = sodium_base64_ENCODED_LEN(n, v) - 1;
    size_t s = sodium_base64_ENCODED_LEN(crypto_auth_hmacsha256_BYTES, v) - 1;
    if (h + 1 + p + 1 + s > WZ_JWT_MAX)
        return;
    sodium_bin2base64(tok, h + 1, (const unsigned char *)header, sizeof(header) - 1, v);
    tok[h] = '.';
    sodium_bin2base64(tok + h + 1, p + 1, payload, n, v);
    size_t signed_len = h + 1 + p;
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_state st;
    crypto_auth_hmacsha256_init(&st, KEY, KEYLEN);
    crypto_auth_hmacsha256_update(&st, (const unsigned char *)tok, signed_len);
    crypto_auth_hmacsha256_final(&st, mac);
    tok[signed_len] = '.';
    sodium_bin2base64(tok + signed_len + 1, s + 1, mac, sizeof(mac), v);
    size_t len = signed_len + 1 + s;

    struct wz_jwt_claims c;
    enum wz_jwt_realm realm;
    if (verify_both(tok, len, &c, &realm) == 0)
        return;
    char again[WZ_JWT_MAX + 1];
    struct wz_jwt_claims back;
    if (wz_jwt_sign(&c, KEY, KEYLEN, again, sizeof(again)) != 0 ||
        wz_jwt_verify(again, strlen(again), KEY, KEYLEN, realm, NOW, &back) != WZ_JWT_OK ||
        back.sub != c.sub || back.realm != c.realm || back.iat != c.iat || back.exp != c.exp)
        die("accepted claims that do not survive a re-sign", tok, len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 0 && data[0] == '{')
        fuzz_claims(data, size);
    else
        fuzz_token((const char *)data, size);
    return 0;
}
