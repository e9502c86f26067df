/*
 * Password hashing: Argon2id through libsodium, stored in the PHC string format
 * ("$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>") so any language's Argon2 library can
 * verify it. The cost is OWASP's minimum for Argon2id (19 MiB, 2 passes): strong enough for
 * logins, and it keeps the seeder's peak memory low.
 */
#ifndef WZ_PASSWORD_H
#define WZ_PASSWORD_H

#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"

/* Big enough for any PHC string libsodium writes (crypto_pwhash_STRBYTES). */
#define WZ_PASSWORD_HASH_MAX 128

/* Hashes password into out (NUL-terminated PHC string). */
int wz_password_hash(const char *password, char out[WZ_PASSWORD_HASH_MAX], struct wz_err *err);

/* Length of the salt wz_password_hash_salted takes (crypto_pwhash_SALTBYTES). */
#define WZ_PASSWORD_SALT_BYTES 16

/* Hashes password with an explicit salt into the same PHC string wz_password_hash writes
 * ("$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>", unpadded standard base64), which
 * wz_password_verify accepts. For reproducible demo data only: the seeder derives the salt
 * from its seed, so two databases seeded alike hold the same hash. Real accounts use
 * wz_password_hash (a random salt). */
int wz_password_hash_salted(const char *password, const unsigned char salt[WZ_PASSWORD_SALT_BYTES],
                            char out[WZ_PASSWORD_HASH_MAX], struct wz_err *err);

/* True when password matches the PHC string hash (constant-time inside libsodium). */
bool wz_password_verify(const char *hash, const char *password);

/* True when hash is a well-formed Argon2id PHC string ($argon2id$v=19$m=..,t=..,p=..$salt$hash
 * with base64 parts), without verifying any password. Used by the data validators. */
bool wz_password_hash_is_valid(const char *hash);

#endif
