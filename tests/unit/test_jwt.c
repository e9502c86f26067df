/*
 * Access tokens (src/http/jwt.c). A token is attacker-controlled: every way of bending one
 * (another header, another key, a flipped bit, a lenient base64 spelling, a claim of the
 * wrong type, the other realm's audience) must be refused with its reason, and only tokens
 * we signed are accepted. Forged tokens are built here with libsodium directly, so the
 * claim checks are reached with a valid signature, and two known-answer tokens computed
 * with Python's hmac module pin the format to an implementation that is not ours.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdbool.h>
#include <string.h>

#include <sodium.h>

#include "http/jwt.h"

#define NOW INT64_C(1700000000)

static const unsigned char KEY[] = "wizamart-test-secret-key-0123456789";
#define KEYLEN (sizeof(KEY) - 1)

static const char HEADER_JSON[] = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";

/* Computed once with Python (hmac, hashlib, base64), independent of libsodium:
 *   h = b64url('{"alg":"HS256","typ":"JWT"}')
 *   p = b64url('{"sub":"42","aud":"wizamart:store","iat":1700000000,"exp":1700003600}')
 *   h + '.' + p + '.' + b64url(hmac.new(KEY, (h + '.' + p).encode(), sha256).digest())
 * The second uses a 100-byte key of 'K's (longer than the SHA-256 block: the key is hashed
 * first) and the claims sub=INT64_MAX, aud=wizamart:admin, iat=0, exp=4102444800. */
static const char KAT_STORE[] =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."
    "eyJzdWIiOiI0MiIsImF1ZCI6IndpemFtYXJ0OnN0b3JlIiwiaWF0IjoxNzAwMDAwMDAwLCJleHAiOjE3MDAwMDM2MDB9."
    "89nYahd-zUL0cyEflV-VM4qXgOtlc7kxeF2MQxSZ5bg";
static const char KAT_ADMIN_LONG_KEY[] =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."
    "eyJzdWIiOiI5MjIzMzcyMDM2ODU0Nzc1ODA3IiwiYXVkIjoid2l6YW1hcnQ6YWRtaW4iLCJpYXQiOjAsImV4cCI6NDEwMj"
    "Q0NDgwMH0."
    "zWeMt1HReBqS1FXsDPVPG8H6MDZxG2Sud-EW3feC8_s";

static enum wz_jwt_status verify_str(const char *token, enum wz_jwt_realm realm,
                                     struct wz_jwt_claims *claims)
{
    return wz_jwt_verify(token, strlen(token), KEY, KEYLEN, realm, NOW, claims);
}

static void sign_ok(int64_t sub, enum wz_jwt_realm realm, int64_t iat, int64_t exp, char *out,
                    size_t outsize)
{
    struct wz_jwt_claims c = {.sub = sub, .realm = realm, .iat = iat, .exp = exp};
    assert_int_equal(wz_jwt_sign(&c, KEY, KEYLEN, out, outsize), 0);
}

static void b64(const void *bin, size_t len, int variant, char *out, size_t outsize)
{
    assert_true(sodium_base64_ENCODED_LEN(len, variant) <= outsize);
    sodium_bin2base64(out, outsize, bin, len, variant);
}

/*
 * A token with any header and payload JSON, signed with KEY by libsodium directly (not by
 * the code under test). variant applies to the header and payload segments; the signature
 * is always base64url.
 */
static void forge(const char *header_json, const char *payload_json, int variant, char *out,
                  size_t outsize)
{
    char h[2048], p[2048], sig[64];
    b64(header_json, strlen(header_json), variant, h, sizeof(h));
    b64(payload_json, strlen(payload_json), variant, p, sizeof(p));
    int n = snprintf(out, outsize, "%s.%s", h, p);
    assert_true(n > 0 && (size_t)n < outsize);
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_state st;
    crypto_auth_hmacsha256_init(&st, KEY, KEYLEN);
    crypto_auth_hmacsha256_update(&st, (const unsigned char *)out, (size_t)n);
    crypto_auth_hmacsha256_final(&st, mac);
    b64(mac, sizeof(mac), sodium_base64_VARIANT_URLSAFE_NO_PADDING, sig, sizeof(sig));
    assert_true((size_t)n + 1 + strlen(sig) < outsize);
    strcat(out, ".");
    strcat(out, sig);
}

static enum wz_jwt_status verify_claims_json(const char *payload_json, enum wz_jwt_realm realm)
{
    char tok[4096];
    forge(HEADER_JSON, payload_json, sodium_base64_VARIANT_URLSAFE_NO_PADDING, tok, sizeof(tok));
    return verify_str(tok, realm, NULL);
}

static void test_header_is_the_fixed_json(void **state)
{
    (void)state;
    char tok[WZ_JWT_MAX + 1], h[128];
    sign_ok(1, WZ_REALM_STORE, NOW, NOW + 60, tok, sizeof(tok));
    b64(HEADER_JSON, strlen(HEADER_JSON), sodium_base64_VARIANT_URLSAFE_NO_PADDING, h, sizeof(h));
    assert_int_equal(strncmp(tok, h, strlen(h)), 0);
    assert_int_equal(tok[strlen(h)], '.');
}

static void test_round_trip(void **state)
{
    (void)state;
    static const struct wz_jwt_claims cases[] = {
        {1, WZ_REALM_STORE, NOW, NOW + 1},
        {42, WZ_REALM_ADMIN, NOW - 10, NOW + 3600},
        {INT64_MAX, WZ_REALM_STORE, 0, INT64_MAX},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char tok[WZ_JWT_MAX + 1];
        assert_int_equal(wz_jwt_sign(&cases[i], KEY, KEYLEN, tok, sizeof(tok)), 0);
        assert_true(strlen(tok) <= WZ_JWT_MAX);
        struct wz_jwt_claims got = {0};
        assert_int_equal(verify_str(tok, cases[i].realm, &got), WZ_JWT_OK);
        assert_true(got.sub == cases[i].sub);
        assert_int_equal(got.realm, cases[i].realm);
        assert_true(got.iat == cases[i].iat);
        assert_true(got.exp == cases[i].exp);
    }
}

static void test_known_answer_vectors(void **state)
{
    (void)state;
    char tok[WZ_JWT_MAX + 1];
    sign_ok(42, WZ_REALM_STORE, 1700000000, 1700003600, tok, sizeof(tok));
    assert_string_equal(tok, KAT_STORE);
    struct wz_jwt_claims got = {0};
    assert_int_equal(verify_str(KAT_STORE, WZ_REALM_STORE, &got), WZ_JWT_OK);
    assert_true(got.sub == 42 && got.exp == 1700003600);

    unsigned char long_key[100];
    memset(long_key, 'K', sizeof(long_key));
    struct wz_jwt_claims c = {INT64_MAX, WZ_REALM_ADMIN, 0, INT64_C(4102444800)};
    assert_int_equal(wz_jwt_sign(&c, long_key, sizeof(long_key), tok, sizeof(tok)), 0);
    assert_string_equal(tok, KAT_ADMIN_LONG_KEY);
    assert_int_equal(wz_jwt_verify(KAT_ADMIN_LONG_KEY, strlen(KAT_ADMIN_LONG_KEY), long_key,
                                   sizeof(long_key), WZ_REALM_ADMIN, NOW, &got),
                     WZ_JWT_OK);
    assert_true(got.sub == INT64_MAX);
}

/* The third segment is HMAC-SHA-256(key, "header.payload"), checked with libsodium's one-shot
 * API (a 32-byte key), a different code path from the streaming one the signer uses. */
static void test_signature_is_hmac_sha256(void **state)
{
    (void)state;
    unsigned char key[crypto_auth_hmacsha256_KEYBYTES];
    for (size_t i = 0; i < sizeof(key); i++)
        key[i] = (unsigned char)(i * 7 + 3);
    struct wz_jwt_claims c = {7, WZ_REALM_ADMIN, NOW, NOW + 900};
    char tok[WZ_JWT_MAX + 1];
    assert_int_equal(wz_jwt_sign(&c, key, sizeof(key), tok, sizeof(tok)), 0);
    const char *dot2 = strrchr(tok, '.');
    assert_non_null(dot2);
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256(mac, (const unsigned char *)tok, (size_t)(dot2 - tok), key);
    char want[64];
    b64(mac, sizeof(mac), sodium_base64_VARIANT_URLSAFE_NO_PADDING, want, sizeof(want));
    assert_string_equal(dot2 + 1, want);
}

/* Every single-bit change of a token is refused, and the reason follows the part it hit:
 * the header is compared as bytes, the payload is covered by the signature, and a changed
 * signature either stops being base64url or stops matching. */
static void test_every_flipped_bit(void **state)
{
    (void)state;
    char tok[WZ_JWT_MAX + 1];
    sign_ok(5, WZ_REALM_STORE, NOW, NOW + 60, tok, sizeof(tok));
    size_t len = strlen(tok);
    const char *dot1 = strchr(tok, '.'), *dot2 = strrchr(tok, '.');
    int hits[3] = {0, 0, 0};
    for (size_t i = 0; i < len; i++) {
        for (int bit = 0; bit < 8; bit++) {
            char t[WZ_JWT_MAX + 1];
            memcpy(t, tok, len + 1);
            t[i] = (char)(t[i] ^ (1 << bit));
            enum wz_jwt_status st = wz_jwt_verify(t, len, KEY, KEYLEN, WZ_REALM_STORE, NOW, NULL);
            if (st == WZ_JWT_OK)
                fail_msg("flipping bit %d of byte %zu was accepted", bit, i);
            bool made_dot = t[i] == '.' || tok[i] == '.';
            if (tok + i < dot1) {
                assert_int_equal(st, WZ_JWT_MALFORMED);
                hits[0]++;
            } else if (tok + i > dot1 && tok + i < dot2 && !made_dot) {
                assert_int_equal(st, WZ_JWT_BAD_SIGNATURE);
                hits[1]++;
            } else if (tok + i > dot2 && !made_dot) {
                assert_true(st == WZ_JWT_BAD_SIGNATURE || st == WZ_JWT_MALFORMED);
                hits[2] += st == WZ_JWT_BAD_SIGNATURE;
            } else {
                assert_int_equal(st, WZ_JWT_MALFORMED);
            }
        }
    }
    assert_true(hits[0] > 0 && hits[1] > 0 && hits[2] > 0);
}

static void test_another_key(void **state)
{
    (void)state;
    char tok[WZ_JWT_MAX + 1];
    sign_ok(5, WZ_REALM_STORE, NOW, NOW + 60, tok, sizeof(tok));
    static const unsigned char other[] = "wizamart-test-secret-key-0123456788";
    assert_int_equal(
        wz_jwt_verify(tok, strlen(tok), other, sizeof(other) - 1, WZ_REALM_STORE, NOW, NULL),
        WZ_JWT_BAD_SIGNATURE);
    /* A prefix of the key and the key with one more byte are other keys too. (One more NUL
     * would not be: HMAC pads short keys with zeros, and an environment string has none.) */
    unsigned char longer[KEYLEN + 1];
    memcpy(longer, KEY, KEYLEN);
    longer[KEYLEN] = 'x';
    assert_int_equal(wz_jwt_verify(tok, strlen(tok), KEY, KEYLEN - 1, WZ_REALM_STORE, NOW, NULL),
                     WZ_JWT_BAD_SIGNATURE);
    assert_int_equal(
        wz_jwt_verify(tok, strlen(tok), longer, sizeof(longer), WZ_REALM_STORE, NOW, NULL),
        WZ_JWT_BAD_SIGNATURE);
    /* No key: nothing can be trusted. */
    assert_int_equal(wz_jwt_verify(tok, strlen(tok), KEY, 0, WZ_REALM_STORE, NOW, NULL),
                     WZ_JWT_BAD_SIGNATURE);
}

/* Headers that name another algorithm, or ours spelled differently, are refused even with a
 * valid HMAC over them: the header is never parsed. */
static void test_other_headers(void **state)
{
    (void)state;
    static const char *const headers[] = {
        "{\"alg\":\"none\",\"typ\":\"JWT\"}",
        "{\"alg\":\"RS256\",\"typ\":\"JWT\"}",
        "{\"alg\":\"HS512\",\"typ\":\"JWT\"}",
        "{\"alg\": \"HS256\", \"typ\": \"JWT\"}",
        "{\"typ\":\"JWT\",\"alg\":\"HS256\"}",
        "{\"alg\":\"HS256\",\"typ\":\"JWT\"} ",
        "{\"alg\":\"HS256\"}",
        "{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"1\"}",
    };
    const char *payload = "{\"sub\":\"1\",\"aud\":\"wizamart:store\",\"iat\":1,\"exp\":1800000000}";
    for (size_t i = 0; i < sizeof(headers) / sizeof(headers[0]); i++) {
        char tok[4096];
        forge(headers[i], payload, sodium_base64_VARIANT_URLSAFE_NO_PADDING, tok, sizeof(tok));
        if (verify_str(tok, WZ_REALM_STORE, NULL) != WZ_JWT_MALFORMED)
            fail_msg("header %s was not refused as malformed", headers[i]);
    }
    /* The forger itself is right: with our header the same payload passes. */
    assert_int_equal(verify_claims_json(payload, WZ_REALM_STORE), WZ_JWT_OK);
}

static void test_alg_none_empty_signature(void **state)
{
    (void)state;
    char h[128], p[512], tok[1024];
    const char *none = "{\"alg\":\"none\",\"typ\":\"JWT\"}";
    const char *payload = "{\"sub\":\"1\",\"aud\":\"wizamart:admin\",\"iat\":1,\"exp\":1800000000}";
    b64(none, strlen(none), sodium_base64_VARIANT_URLSAFE_NO_PADDING, h, sizeof(h));
    b64(payload, strlen(payload), sodium_base64_VARIANT_URLSAFE_NO_PADDING, p, sizeof(p));
    snprintf(tok, sizeof(tok), "%s.%s.", h, p);
    assert_int_equal(verify_str(tok, WZ_REALM_ADMIN, NULL), WZ_JWT_MALFORMED);
    /* Our own header with the signature dropped is no better. */
    char ours[WZ_JWT_MAX + 1];
    sign_ok(1, WZ_REALM_ADMIN, NOW, NOW + 60, ours, sizeof(ours));
    strrchr(ours, '.')[1] = '\0';
    assert_int_equal(verify_str(ours, WZ_REALM_ADMIN, NULL), WZ_JWT_MALFORMED);
    *strrchr(ours, '.') = '\0';
    assert_int_equal(verify_str(ours, WZ_REALM_ADMIN, NULL), WZ_JWT_MALFORMED);
}

static void test_expired(void **state)
{
    (void)state;
    char tok[WZ_JWT_MAX + 1];
    sign_ok(3, WZ_REALM_STORE, NOW - 3600, NOW, tok, sizeof(tok));
    assert_int_equal(verify_str(tok, WZ_REALM_STORE, NULL), WZ_JWT_EXPIRED);
    sign_ok(3, WZ_REALM_STORE, NOW - 3600, NOW - 1, tok, sizeof(tok));
    assert_int_equal(verify_str(tok, WZ_REALM_STORE, NULL), WZ_JWT_EXPIRED);
    sign_ok(3, WZ_REALM_STORE, 0, 0, tok, sizeof(tok));
    assert_int_equal(verify_str(tok, WZ_REALM_STORE, NULL), WZ_JWT_EXPIRED);
    sign_ok(3, WZ_REALM_STORE, NOW - 3600, NOW + 1, tok, sizeof(tok));
    assert_int_equal(verify_str(tok, WZ_REALM_STORE, NULL), WZ_JWT_OK);
}

static void test_wrong_audience(void **state)
{
    (void)state;
    char tok[WZ_JWT_MAX + 1];
    sign_ok(9, WZ_REALM_ADMIN, NOW, NOW + 60, tok, sizeof(tok));
    assert_int_equal(verify_str(tok, WZ_REALM_STORE, NULL), WZ_JWT_WRONG_AUDIENCE);
    assert_int_equal(verify_str(tok, WZ_REALM_ADMIN, NULL), WZ_JWT_OK);
    sign_ok(9, WZ_REALM_STORE, NOW, NOW + 60, tok, sizeof(tok));
    assert_int_equal(verify_str(tok, WZ_REALM_ADMIN, NULL), WZ_JWT_WRONG_AUDIENCE);
    assert_int_equal(verify_str(tok, WZ_REALM_STORE, NULL), WZ_JWT_OK);
    /* A realm the code does not know matches nothing. */
    assert_int_equal(verify_str(tok, (enum wz_jwt_realm)3, NULL), WZ_JWT_WRONG_AUDIENCE);
    assert_string_equal(wz_jwt_audience(WZ_REALM_ADMIN), "wizamart:admin");
    assert_string_equal(wz_jwt_audience(WZ_REALM_STORE), "wizamart:store");
    assert_null(wz_jwt_audience((enum wz_jwt_realm)0));
}

/* Claim payloads with a valid signature that must still be refused as malformed. */
static void test_malformed_claims(void **state)
{
    (void)state;
#define C(sub, aud, iat, exp) "{\"sub\":" sub ",\"aud\":" aud ",\"iat\":" iat ",\"exp\":" exp "}"
    static const char *const bad[] = {
        /* missing claims */
        "{\"aud\":\"wizamart:store\",\"iat\":1,\"exp\":1800000000}",
        "{\"sub\":\"1\",\"iat\":1,\"exp\":1800000000}",
        "{\"sub\":\"1\",\"aud\":\"wizamart:store\",\"exp\":1800000000}",
        "{\"sub\":\"1\",\"aud\":\"wizamart:store\",\"iat\":1}",
        "{}",
        /* claims of the wrong type */
        C("1", "\"wizamart:store\"", "1", "1800000000"),
        C("\"1\"", "\"wizamart:store\"", "\"1\"", "1800000000"),
        C("\"1\"", "\"wizamart:store\"", "1", "\"1800000000\""),
        C("\"1\"", "\"wizamart:store\"", "1", "1800000000.0"),
        C("\"1\"", "\"wizamart:store\"", "1.5", "1800000000"),
        C("\"1\"", "\"wizamart:store\"", "1", "true"),
        C("\"1\"", "\"wizamart:store\"", "null", "1800000000"),
        C("\"1\"", "[\"wizamart:store\"]", "1", "1800000000"),
        C("\"1\"", "null", "1", "1800000000"),
        C("\"1\"", "\"wizamart:store\"", "1", "1e10"),
        C("\"1\"", "\"wizamart:store\"", "1", "99999999999999999999"),
        /* negative times */
        C("\"1\"", "\"wizamart:store\"", "-1", "1800000000"),
        C("\"1\"", "\"wizamart:store\"", "1", "-1800000000"),
        /* sub that is not a positive int64 in canonical decimal */
        C("\"abc\"", "\"wizamart:store\"", "1", "1800000000"),
        C("\"\"", "\"wizamart:store\"", "1", "1800000000"),
        C("\"0\"", "\"wizamart:store\"", "1", "1800000000"),
        C("\"-1\"", "\"wizamart:store\"", "1", "1800000000"),
        C("\"+1\"", "\"wizamart:store\"", "1", "1800000000"),
        C("\"007\"", "\"wizamart:store\"", "1", "1800000000"),
        C("\" 1\"", "\"wizamart:store\"", "1", "1800000000"),
        C("\"1 \"", "\"wizamart:store\"", "1", "1800000000"),
        C("\"12x\"", "\"wizamart:store\"", "1", "1800000000"),
        C("\"9223372036854775808\"", "\"wizamart:store\"", "1", "1800000000"),
        C("\"18446744073709551617\"", "\"wizamart:store\"", "1", "1800000000"),
        C("\"99999999999999999999\"", "\"wizamart:store\"", "1", "1800000000"),
        /* audiences that are neither realm */
        C("\"1\"", "\"wizamart:other\"", "1", "1800000000"),
        C("\"1\"", "\"\"", "1", "1800000000"),
        C("\"1\"", "\"wizamart:store \"", "1", "1800000000"),
        C("\"1\"", "\"WIZAMART:STORE\"", "1", "1800000000"),
        C("\"1\"", "\"wizamart:store\\u0000\"", "1", "1800000000"),
        /* duplicate keys: which one wins is exactly what an attacker would play on */
        "{\"sub\":\"1\",\"sub\":\"2\",\"aud\":\"wizamart:store\",\"iat\":1,\"exp\":1800000000}",
        "{\"sub\":\"1\",\"aud\":\"wizamart:admin\",\"aud\":\"wizamart:store\",\"iat\":1,"
        "\"exp\":1800000000}",
        "{\"sub\":\"1\",\"aud\":\"wizamart:store\",\"iat\":1,\"exp\":1,\"exp\":1800000000}",
        /* not one JSON object */
        "[\"1\",\"wizamart:store\",1,1800000000]",
        "\"sub\"",
        "",
        C("\"1\"", "\"wizamart:store\"", "1", "1800000000") " x",
        C("\"1\"", "\"wizamart:store\"", "1", "1800000000") "{}",
        "{\"sub\":\"1\",\"aud\":\"wizamart:store\",\"iat\":1,\"exp\":1800000000",
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        enum wz_jwt_status st = verify_claims_json(bad[i], WZ_REALM_STORE);
        if (st != WZ_JWT_MALFORMED)
            fail_msg("claims %s: expected malformed, got %d", bad[i], (int)st);
    }
    /* The same shapes, well formed, pass: the list above fails for the reason it names. */
    static const char *const good[] = {
        C("\"1\"", "\"wizamart:store\"", "1", "1800000000"),
        C("\"9223372036854775807\"", "\"wizamart:store\"", "0", "9223372036854775807"),
        "{ \"exp\" : 1800000000 , \"iat\" : 1 , \"aud\" : \"wizamart:store\" , \"sub\" : \"8\" }",
        "{\"sub\":\"1\",\"aud\":\"wizamart:store\",\"iat\":1,\"exp\":1800000000,\"jti\":\"x\"}",
    };
    for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
        enum wz_jwt_status st = verify_claims_json(good[i], WZ_REALM_STORE);
        if (st != WZ_JWT_OK)
            fail_msg("claims %s: expected OK, got %d", good[i], (int)st);
    }
#undef C
}

static void test_token_length_limit(void **state)
{
    (void)state;
    /* A valid token grown by a filler claim to exactly WZ_JWT_MAX bytes passes; one byte more
     * is refused before anything else is looked at. */
    char filler[WZ_JWT_MAX], payload[WZ_JWT_MAX * 2], tok[WZ_JWT_MAX * 2];
    size_t found = 0;
    for (size_t n = 0; n < sizeof(filler) - 1 && found != 3; n++) {
        memset(filler, 'x', n);
        filler[n] = '\0';
        snprintf(payload, sizeof(payload),
                 "{\"sub\":\"1\",\"aud\":\"wizamart:store\",\"iat\":1,\"exp\":1800000000,"
                 "\"f\":\"%s\"}",
                 filler);
        forge(HEADER_JSON, payload, sodium_base64_VARIANT_URLSAFE_NO_PADDING, tok, sizeof(tok));
        size_t len = strlen(tok);
        if (len == WZ_JWT_MAX) {
            assert_int_equal(verify_str(tok, WZ_REALM_STORE, NULL), WZ_JWT_OK);
            found |= 1;
        } else if (len == WZ_JWT_MAX + 1) {
            assert_int_equal(verify_str(tok, WZ_REALM_STORE, NULL), WZ_JWT_MALFORMED);
            found |= 2;
        } else if (len > WZ_JWT_MAX + 1) {
            assert_int_equal(verify_str(tok, WZ_REALM_STORE, NULL), WZ_JWT_MALFORMED);
        }
    }
    assert_int_equal(found, 3);
    /* Far over the limit, and a huge length with a short buffer never read past len. */
    static char huge[64 * 1024];
    memset(huge, 'A', sizeof(huge));
    assert_int_equal(wz_jwt_verify(huge, sizeof(huge), KEY, KEYLEN, WZ_REALM_STORE, NOW, NULL),
                     WZ_JWT_MALFORMED);
}

static void test_not_three_parts(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "",
        ".",
        "..",
        "...",
        "a",
        "a.b",
        "a.b.c",
        "a.b.c.d",
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9",
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9..",
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9...",
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        if (verify_str(bad[i], WZ_REALM_STORE, NULL) != WZ_JWT_MALFORMED)
            fail_msg("'%s' was not refused as malformed", bad[i]);
    assert_int_equal(wz_jwt_verify(NULL, 0, KEY, KEYLEN, WZ_REALM_STORE, NOW, NULL),
                     WZ_JWT_MALFORMED);
    /* A fourth part after a valid token. */
    char tok[WZ_JWT_MAX + 8];
    sign_ok(1, WZ_REALM_STORE, NOW, NOW + 60, tok, sizeof(tok) - 4);
    strcat(tok, ".x");
    assert_int_equal(verify_str(tok, WZ_REALM_STORE, NULL), WZ_JWT_MALFORMED);
}

/* verify reads exactly len bytes: a token inside a larger buffer (a header value) works, and
 * a NUL inside the length does not end the token early. */
static void test_length_not_nul(void **state)
{
    (void)state;
    char tok[WZ_JWT_MAX + 1], buf[WZ_JWT_MAX + 16];
    sign_ok(11, WZ_REALM_ADMIN, NOW, NOW + 60, tok, sizeof(tok));
    size_t len = strlen(tok);
    memcpy(buf, tok, len);
    memcpy(buf + len, ", junk", 7);
    assert_int_equal(wz_jwt_verify(buf, len, KEY, KEYLEN, WZ_REALM_ADMIN, NOW, NULL), WZ_JWT_OK);
    assert_int_equal(wz_jwt_verify(buf, len + 1, KEY, KEYLEN, WZ_REALM_ADMIN, NOW, NULL),
                     WZ_JWT_MALFORMED);
    assert_int_equal(wz_jwt_verify(tok, len + 1, KEY, KEYLEN, WZ_REALM_ADMIN, NOW, NULL),
                     WZ_JWT_MALFORMED);
    assert_int_equal(wz_jwt_verify(tok, len - 1, KEY, KEYLEN, WZ_REALM_ADMIN, NOW, NULL),
                     WZ_JWT_MALFORMED);
}

/* Only unpadded base64url is accepted: padding, the standard alphabet's '+' and '/', and a
 * signature with non-zero unused bits are other spellings and are refused. */
static void test_base64_spellings(void **state)
{
    (void)state;
    /* A filler claim of '?' and '>' (0x3f, 0x3e) grown until the payload's encoding needs
     * padding and holds '-' or '_' (standard base64: '+' or '/'). */
    char payload[256], url[1024], padded[1024], std[1024];
    bool found = false;
    for (int k = 0; k < 16 && !found; k++) {
        snprintf(payload, sizeof(payload),
                 "{\"sub\":\"1\",\"aud\":\"wizamart:store\",\"iat\":1,\"exp\":1800000000,"
                 "\"x\":\"%.*s\"}",
                 k, "?>?>?>?>?>?>?>?>?>");
        forge(HEADER_JSON, payload, sodium_base64_VARIANT_URLSAFE_NO_PADDING, url, sizeof(url));
        const char *p1 = strchr(url, '.') + 1;
        found = strlen(payload) % 3 != 0 && strcspn(p1, "-_") < (size_t)(strrchr(url, '.') - p1);
    }
    assert_true(found);
    assert_int_equal(verify_str(url, WZ_REALM_STORE, NULL), WZ_JWT_OK);

    forge(HEADER_JSON, payload, sodium_base64_VARIANT_URLSAFE, padded, sizeof(padded));
    assert_non_null(strchr(padded, '='));
    assert_int_equal(verify_str(padded, WZ_REALM_STORE, NULL), WZ_JWT_MALFORMED);

    forge(HEADER_JSON, payload, sodium_base64_VARIANT_ORIGINAL_NO_PADDING, std, sizeof(std));
    assert_true(strpbrk(std, "+/") != NULL);
    assert_int_equal(verify_str(std, WZ_REALM_STORE, NULL), WZ_JWT_MALFORMED);

    /* The signature in the standard alphabet, and padded. */
    char tok[WZ_JWT_MAX + 8];
    for (int64_t sub = 1; sub < 1000; sub++) {
        sign_ok(sub, WZ_REALM_STORE, NOW, NOW + 60, tok, sizeof(tok) - 4);
        if (strpbrk(strrchr(tok, '.'), "-_") != NULL)
            break;
    }
    char *sig = strrchr(tok, '.') + 1;
    assert_non_null(strpbrk(sig, "-_"));
    for (char *c = sig; *c != '\0'; c++)
        *c = *c == '-' ? '+' : *c == '_' ? '/' : *c;
    assert_int_equal(verify_str(tok, WZ_REALM_STORE, NULL), WZ_JWT_MALFORMED);
    sign_ok(1, WZ_REALM_STORE, NOW, NOW + 60, tok, sizeof(tok) - 4);
    strcat(tok, "=");
    assert_int_equal(verify_str(tok, WZ_REALM_STORE, NULL), WZ_JWT_MALFORMED);

    /* libsodium 1.0.18 alone decodes any byte from 0x80 up as '_': such a spelling of a valid
     * signature must not verify. */
    for (int64_t sub = 1; sub < 1000; sub++) {
        sign_ok(sub, WZ_REALM_STORE, NOW, NOW + 60, tok, sizeof(tok));
        if (strchr(strrchr(tok, '.'), '_') != NULL)
            break;
    }
    char *under = strchr(strrchr(tok, '.'), '_');
    assert_non_null(under);
    *under = (char)0xdf;
    assert_int_equal(verify_str(tok, WZ_REALM_STORE, NULL), WZ_JWT_MALFORMED);
    *under = (char)0x80;
    assert_int_equal(verify_str(tok, WZ_REALM_STORE, NULL), WZ_JWT_MALFORMED);

    /* 43 characters carry 258 bits for a 256-bit MAC: setting an unused bit of the last one
     * decodes to the same MAC, and must still be refused. */
    static const char alphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    sign_ok(1, WZ_REALM_STORE, NOW, NOW + 60, tok, sizeof(tok));
    char *last = tok + strlen(tok) - 1;
    size_t v = (size_t)(strchr(alphabet, *last) - alphabet);
    assert_int_equal(v & 3, 0);
    *last = alphabet[v | 1];
    assert_int_equal(verify_str(tok, WZ_REALM_STORE, NULL), WZ_JWT_MALFORMED);
}

static void test_sign_refuses(void **state)
{
    (void)state;
    char tok[WZ_JWT_MAX + 1];
    struct wz_jwt_claims ok = {1, WZ_REALM_STORE, NOW, NOW + 60};
    struct wz_jwt_claims c = ok;
    c.sub = 0;
    assert_int_equal(wz_jwt_sign(&c, KEY, KEYLEN, tok, sizeof(tok)), -1);
    c = ok;
    c.sub = -5;
    assert_int_equal(wz_jwt_sign(&c, KEY, KEYLEN, tok, sizeof(tok)), -1);
    c = ok;
    c.realm = (enum wz_jwt_realm)0;
    assert_int_equal(wz_jwt_sign(&c, KEY, KEYLEN, tok, sizeof(tok)), -1);
    c = ok;
    c.iat = -1;
    assert_int_equal(wz_jwt_sign(&c, KEY, KEYLEN, tok, sizeof(tok)), -1);
    c = ok;
    c.exp = -1;
    assert_int_equal(wz_jwt_sign(&c, KEY, KEYLEN, tok, sizeof(tok)), -1);
    assert_int_equal(wz_jwt_sign(&ok, KEY, 0, tok, sizeof(tok)), -1);
    assert_int_equal(wz_jwt_sign(NULL, KEY, KEYLEN, tok, sizeof(tok)), -1);

    /* out must hold the token and its NUL: one byte short fails and writes nothing. */
    assert_int_equal(wz_jwt_sign(&ok, KEY, KEYLEN, tok, sizeof(tok)), 0);
    size_t len = strlen(tok);
    char small[WZ_JWT_MAX + 1];
    memset(small, '#', sizeof(small));
    assert_int_equal(wz_jwt_sign(&ok, KEY, KEYLEN, small, len), -1);
    assert_int_equal(small[0], '\0');
    assert_int_equal(small[1], '#');
    assert_int_equal(wz_jwt_sign(&ok, KEY, KEYLEN, small, len + 1), 0);
    assert_string_equal(small, tok);
    assert_int_equal(wz_jwt_sign(&ok, KEY, KEYLEN, small, 0), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_header_is_the_fixed_json),
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_known_answer_vectors),
        cmocka_unit_test(test_signature_is_hmac_sha256),
        cmocka_unit_test(test_every_flipped_bit),
        cmocka_unit_test(test_another_key),
        cmocka_unit_test(test_other_headers),
        cmocka_unit_test(test_alg_none_empty_signature),
        cmocka_unit_test(test_expired),
        cmocka_unit_test(test_wrong_audience),
        cmocka_unit_test(test_malformed_claims),
        cmocka_unit_test(test_token_length_limit),
        cmocka_unit_test(test_not_three_parts),
        cmocka_unit_test(test_length_not_nul),
        cmocka_unit_test(test_base64_spellings),
        cmocka_unit_test(test_sign_refuses),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
