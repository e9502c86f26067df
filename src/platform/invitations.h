/*
 * Store invitations: the engine behind "invite a member" (the store's team API and panel),
 * "create a store for a new owner" (the admin API) and "accept an invitation" (public). It
 * knows nothing of HTTP or JSON: callers adapt its results.
 *
 * A token is 32 random bytes written as 64 hex characters. It is returned once, to be sent
 * to the invitee; the database keeps only its BLAKE2b hash (crypto_generichash), which is
 * enough for a 256-bit random secret and cheap to look up. An invitation expires
 * INVITATION_EXPIRY_DAYS after it is sent (or resent).
 *
 * Results of every function here (the platform engine's convention, src/platform/):
 *   WZ_OK         done;
 *   WZ_EUSAGE     the input is invalid: fe names each bad field (answer 422), nothing written;
 *   WZ_ECONFLICT  a uniqueness or state rule refused it (answer 409): err->msg is the detail
 *                 for the caller, and fe names the field when one is to blame;
 *   WZ_ENOENT     the store or invitation does not exist (answer 404): err->msg the detail;
 *   other < 0     a database failure (answer 500): err->msg is for the log only.
 * Writes run in one transaction. When the caller already has one open (db->in_transaction),
 * the function joins it: it neither commits nor rolls back, so the caller's whole operation
 * stays one transaction (wz_store_create creates the owner's invitation this way).
 */
#ifndef WZ_PLATFORM_INVITATIONS_H
#define WZ_PLATFORM_INVITATIONS_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "http/http.h" /* struct wz_field_errors: the per-field report every adapter shows */

struct wz_db;
struct wz_settings;

#define WZ_INVITATION_TOKEN_HEX 64 /* characters of a token (32 random bytes) */

/* One invitation as the store's team sees it (never its token or hash). */
struct wz_invitation_info {
    int64_t id;
    int64_t store_id;
    char email[321];
    char role[32];              /* roles.name: "owner", "manager", "staff", "support", "viewer" */
    char status[16];            /* "pending", "accepted", "revoked", "expired" */
    int64_t invited_by_user_id; /* 0: nobody (the inviter was deleted, or the platform) */
    char expires_at[24];        /* YYYY-MM-DDTHH:MM:SSZ */
    char accepted_at[24];       /* "" until accepted */
    char created_at[24];
};

/*
 * Invites email (trimmed of nothing, compared and stored lowercase) to store_id's team in the
 * role role_name. Field rules (422): "email" must look like an address; "role" must name a
 * role, and "owner" only for the store's owner (stores.owner_user_id); "email" when the team
 * is full: active members + pending invitations must stay below MAX_TEAM_MEMBERS_PER_STORE.
 * 409 on "email": a pending invitation for that address exists in the store, or the address
 * is already an active member. 404: no such store. On success *out describes the new
 * invitation and token_out holds its token (NUL-terminated), shown once and never stored.
 */
int wz_invitation_create(struct wz_db *db, const struct wz_settings *s, int64_t store_id,
                         const char *email, const char *role_name, int64_t invited_by_user_id,
                         struct wz_field_errors *fe, struct wz_invitation_info *out,
                         char token_out[WZ_INVITATION_TOKEN_HEX + 1], struct wz_err *err);

/* The outcome of an acceptance. */
struct wz_invitation_accepted {
    int64_t user_id;
    int64_t store_id;
    char email[321];
    char role[32];
    int created_user; /* 1: a new account was made (or a placeholder owner activated) */
};

/*
 * Accepts the invitation whose token this is, for the user with its email: creates the
 * account when none exists (role 'store', active; password rules: 8 characters or more, and
 * in production wz_password_weakness), activates a placeholder owner account (one created
 * inactive by wz_store_create) with this password, or, for an existing active account,
 * requires its current password. Then adds the membership in the invited role (or
 * reactivates an inactive one) and marks the invitation accepted, in one transaction.
 * WZ_ENOENT (answer 404, same detail every time): the token is unknown, used, revoked, or
 * the existing account's password does not match: the answer never confirms an account.
 * WZ_EUSAGE with "token" in fe: the invitation expired (it is marked expired); with
 * "password", "first_name", "last_name": those fields are invalid.
 * first_name and last_name may be NULL (kept as they are, or NULL for a new account).
 */
int wz_invitation_accept(struct wz_db *db, const struct wz_settings *s, const char *token,
                         const char *password, const char *first_name, const char *last_name,
                         struct wz_field_errors *fe, struct wz_invitation_accepted *out,
                         struct wz_err *err);

/* The email a pending invitation's token was sent to, into email (size bytes); "" when the
 * token is not one (unknown, used, revoked). Reads only: the accepting
 * side throttles password checks by this account before wz_invitation_accept verifies one. */
int wz_invitation_email(struct wz_db *db, const char *token, char *email, size_t size,
                        struct wz_err *err);

/* A new token and a new expiry for a pending (or expired) invitation of store_id, which
 * stays (becomes) pending: the old token stops working. WZ_ENOENT: not an invitation of this
 * store. WZ_ECONFLICT: it was accepted or revoked. *out and token_out as for create. */
int wz_invitation_resend(struct wz_db *db, const struct wz_settings *s, int64_t store_id,
                         int64_t invitation_id, struct wz_invitation_info *out,
                         char token_out[WZ_INVITATION_TOKEN_HEX + 1], struct wz_err *err);

/* Revokes a pending (or expired) invitation of store_id. WZ_ENOENT: not an invitation of
 * this store. WZ_ECONFLICT: it was accepted or already revoked. */
int wz_invitation_revoke(struct wz_db *db, int64_t store_id, int64_t invitation_id,
                         struct wz_err *err);

/* Reads one invitation of store_id. WZ_ENOENT when it is not one. */
int wz_invitation_get(struct wz_db *db, int64_t store_id, int64_t invitation_id,
                      struct wz_invitation_info *out, struct wz_err *err);

/* Every invitation of store_id, pending first, then newest first, into a malloc'ed array
 * the caller frees (NULL when there are none). status: only that status, or NULL for all.
 * A pending invitation past its expiry is listed with status "expired". */
int wz_invitation_list(struct wz_db *db, int64_t store_id, const char *status,
                       struct wz_invitation_info **out, size_t *n, struct wz_err *err);

/* The token's stored form: the hex BLAKE2b-256 hash (65 bytes with the NUL). */
void wz_invitation_token_hash(const char *token, char hash_out[65]);

#endif
