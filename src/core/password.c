/* Argon2id password hashes in PHC format: see password.h. */
#include "core/password.h"

#include <ctype.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#define OPSLIMIT 2
#define MEMLIMIT (19u * 1024u * 1024u)

static int ensure_sodium(struct wz_err *err)
{
    if (sodium_init() < 0)
        return wz_err_set(err, WZ_EFAIL, "cannot initialise libsodium");
    return WZ_OK;
}

int wz_password_hash(const char *password, char out[WZ_PASSWORD_HASH_MAX], struct wz_err *err)
{
    _Static_assert(crypto_pwhash_STRBYTES <= WZ_PASSWORD_HASH_MAX, "hash buffer too small");
    int rc = ensure_sodium(err);
    if (rc != WZ_OK)
        return rc;
    if (crypto_pwhash_str_alg(out, password, strlen(password), OPSLIMIT, MEMLIMIT,
                              crypto_pwhash_ALG_ARGON2ID13) != 0)
        return wz_err_set(err, WZ_ENOMEM, "cannot hash a password: out of memory");
    return WZ_OK;
}

int wz_password_hash_salted(const char *password, const unsigned char salt[WZ_PASSWORD_SALT_BYTES],
                            char out[WZ_PASSWORD_HASH_MAX], struct wz_err *err)
{
    _Static_assert(WZ_PASSWORD_SALT_BYTES == crypto_pwhash_SALTBYTES, "salt size");
    int rc = ensure_sodium(err);
    if (rc != WZ_OK)
        return rc;
    unsigned char hash[32];
    if (crypto_pwhash(hash, sizeof(hash), password, strlen(password), salt, OPSLIMIT, MEMLIMIT,
                      crypto_pwhash_ALG_ARGON2ID13) != 0)
        return wz_err_set(err, WZ_ENOMEM, "cannot hash a password: out of memory");
    char salt64[sodium_base64_ENCODED_LEN(WZ_PASSWORD_SALT_BYTES,
                                          sodium_base64_VARIANT_ORIGINAL_NO_PADDING)];
    char hash64[sodium_base64_ENCODED_LEN(sizeof(hash), sodium_base64_VARIANT_ORIGINAL_NO_PADDING)];
    sodium_bin2base64(salt64, sizeof(salt64), salt, WZ_PASSWORD_SALT_BYTES,
                      sodium_base64_VARIANT_ORIGINAL_NO_PADDING);
    sodium_bin2base64(hash64, sizeof(hash64), hash, sizeof(hash),
                      sodium_base64_VARIANT_ORIGINAL_NO_PADDING);
    sodium_memzero(hash, sizeof(hash));
    int n = snprintf(out, WZ_PASSWORD_HASH_MAX, "$argon2id$v=19$m=%u,t=%u,p=1$%s$%s",
                     (unsigned)(MEMLIMIT / 1024u), (unsigned)OPSLIMIT, salt64, hash64);
    if (n < 0 || n >= WZ_PASSWORD_HASH_MAX)
        return wz_err_set(err, WZ_EFAIL, "cannot encode a password hash: buffer too small");
    return WZ_OK;
}

bool wz_password_verify(const char *hash, const char *password)
{
    if (ensure_sodium(NULL) != WZ_OK)
        return false;
    return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

/* Unpadded standard base64, as PHC strings use: at least min characters. */
static bool b64_part(const char *s, size_t len, size_t min)
{
    if (len < min)
        return false;
    for (size_t i = 0; i < len; i++)
        if (!isalnum((unsigned char)s[i]) && s[i] != '+' && s[i] != '/')
            return false;
    return true;
}

bool wz_password_hash_is_valid(const char *hash)
{
    static const char prefix[] = "$argon2id$v=19$";
    if (hash == NULL || strncmp(hash, prefix, sizeof(prefix) - 1) != 0)
        return false;
    const char *p = hash + sizeof(prefix) - 1;
    unsigned long m, t, par;
    int used = 0;
    if (sscanf(p, "m=%lu,t=%lu,p=%lu%n", &m, &t, &par, &used) != 3 || m == 0 || t == 0 || par == 0)
        return false;
    p += used;
    if (*p++ != '$')
        return false;
    const char *dollar = strchr(p, '$');
    if (dollar == NULL || !b64_part(p, (size_t)(dollar - p), 11))
        return false;
    const char *h = dollar + 1;
    return b64_part(h, strlen(h), 22);
}
