/*
 * data.password_hashes: every user's password_hash is an Argon2id PHC string, the only form
 * the platform verifies. Anything else (a plaintext password pasted by hand, a hash from
 * another system, an empty string) locks the user out, or worse. The hash itself is never
 * printed: it may be a password.
 */
#include "validate/validate.h"

#include <stdio.h>
#include <string.h>

#include "core/password.h"

/* What the value looks like, without revealing it. */
static const char *describe(const char *hash)
{
    if (hash[0] == '\0')
        return "it is empty";
    if (strncmp(hash, "$2a$", 4) == 0 || strncmp(hash, "$2b$", 4) == 0 ||
        strncmp(hash, "$2y$", 4) == 0)
        return "it is a bcrypt hash";
    if (strncmp(hash, "$argon2i$", 9) == 0 || strncmp(hash, "$argon2d$", 9) == 0)
        return "it is an Argon2 hash of another variant";
    if (strncmp(hash, "$argon2id$", 10) == 0)
        return "it is a malformed Argon2id string";
    if (hash[0] == '$')
        return "it is a hash of another scheme";
    return "it does not look like a hash at all (a plaintext password?)";
}

static int on_row(struct wz_stmt *st, void *arg, struct wz_err *err)
{
    (void)err;
    const char *hash = wz_stmt_column_text(st, 2);
    if (wz_password_hash_is_valid(hash))
        return WZ_OK;
    char row[32];
    snprintf(row, sizeof(row), "id=%lld", (long long)wz_stmt_column_int64(st, 0));
    return wz_finding_emit(arg, wz_validator_data_password_hashes.name, "users", row,
                           "password_hash of '%s' is not an Argon2id PHC string: %s; set a new "
                           "password for this user",
                           wz_stmt_column_text(st, 1), describe(hash));
}

static int run(const struct wz_validate_ctx *ctx, struct wz_finding_sink *sink, struct wz_err *err)
{
    return wz_validate_paged(ctx->db,
                             "SELECT id, email, password_hash FROM users WHERE id > $1 ORDER BY "
                             "id LIMIT " WZ_VALIDATE_PAGE_SQL,
                             1, NULL, 0, on_row, sink, err);
}

const struct wz_validator wz_validator_data_password_hashes = {
    .name = "data.password_hashes",
    .group = WZ_VALIDATE_DATA,
    .needs_db = true,
    .summary = "every password hash is an Argon2id PHC string",
    .run = run,
};
