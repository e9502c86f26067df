/* Store invitations: see invitations.h. */
#include "platform/invitations.h"

#include <sodium.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/password.h"
#include "core/settings.h"
#include "db/db.h"
#include "platform/platform_util.h"
#include "platform/users.h"

void wz_invitation_token_hash(const char *token, char hash_out[65])
{
    unsigned char h[32];
    if (sodium_init() < 0)
        abort();
    crypto_generichash(h, sizeof(h), (const unsigned char *)token, strlen(token), NULL, 0);
    sodium_bin2hex(hash_out, 65, h, sizeof(h));
}

static bool token_well_formed(const char *token)
{
    if (token == NULL || strlen(token) != WZ_INVITATION_TOKEN_HEX)
        return false;
    for (const char *p = token; *p; p++)
        if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')))
            return false;
    return true;
}

/* A fresh token and its expiry: the token to return, its hash to store. */
static void new_token(const struct wz_settings *s, char token[65], char hash[65],
                      char expires_at[24])
{
    wz_pf_random_hex(token);
    wz_invitation_token_hash(token, hash);
    wz_pf_time((int64_t)time(NULL) + s->invitation_expiry_days * 86400, expires_at);
}

static const char q_role[] = "SELECT id FROM roles WHERE name = $1";
static const char q_store_owner[] =
    "SELECT u.email FROM stores s JOIN users u ON u.id = s.owner_user_id WHERE s.id = $1";
static const char q_expire_old[] =
    "UPDATE store_invitations SET status = 'expired' WHERE store_id = $1 AND email = $2 AND "
    "status = 'pending' AND expires_at <= $3";
static const char q_pending[] = "SELECT id FROM store_invitations WHERE store_id = $1 AND "
                                "email = $2 AND status = 'pending'";
static const char q_member[] = "SELECT su.id FROM store_users su JOIN users u ON u.id = su.user_id "
                               "WHERE su.store_id = $1 AND u.email = $2 AND su.is_active = true";
static const char q_team_size[] =
    "SELECT (SELECT COUNT(*) FROM store_users WHERE store_id = $1 AND is_active = true) + "
    "(SELECT COUNT(*) FROM store_invitations WHERE store_id = $1 AND status = 'pending' AND "
    "expires_at > $2)";
static const char q_insert[] =
    "INSERT INTO store_invitations (store_id, email, role_id, token_hash, invited_by_user_id, "
    "status, expires_at) VALUES ($1, $2, $3, $4, $5, 'pending', $6) RETURNING id";

int wz_invitation_create(struct wz_db *db, const struct wz_settings *s, int64_t store_id,
                         const char *email, const char *role_name, int64_t invited_by_user_id,
                         struct wz_field_errors *fe, struct wz_invitation_info *out,
                         char token_out[WZ_INVITATION_TOKEN_HEX + 1], struct wz_err *err)
{
    memset(out, 0, sizeof(*out));
    token_out[0] = '\0';
    char em[321] = "";
    if (email == NULL || *email == '\0')
        wz_field_error(fe, "email", "is required");
    else if (!wz_pf_lower(email, em, sizeof(em)) || !wz_pf_email_ok(em))
        wz_field_error(fe, "email", "must be an email address such as name@example.com");
    if (role_name == NULL || *role_name == '\0')
        wz_field_error(fe, "role", "is required");
    if (fe->n > 0)
        return WZ_EUSAGE;

    int64_t role_id = 0;
    bool role_found = false;
    int rc = wz_pf_int64(db, q_role, &role_id, &role_found, err, "t", role_name);
    if (rc != WZ_OK)
        return rc;
    if (!role_found) {
        wz_field_error(fe, "role", "must be one of owner, manager, staff, support, viewer");
        return WZ_EUSAGE;
    }

    bool own = false;
    rc = wz_pf_begin(db, &own, err);
    if (rc != WZ_OK)
        return rc;
    struct wz_stmt *st = NULL;
    rc = wz_pf_query(db, q_store_owner, &st, err, "i", store_id);
    if (rc < 0)
        goto fail;
    if (rc == WZ_DONE) {
        rc = wz_err_set(err, WZ_ENOENT, "store %lld not found", (long long)store_id);
        goto fail;
    }
    bool is_owner = strcmp(wz_stmt_column_text(st, 0), em) == 0;
    wz_stmt_reset(st);
    if (strcmp(role_name, "owner") == 0 && !is_owner) {
        wz_field_error(fe, "role", "owner is the store owner's role; invite as manager instead");
        rc = WZ_EUSAGE;
        goto fail;
    }

    char now[24];
    wz_pf_time((int64_t)time(NULL), now);
    /* a pending invitation past its expiry no longer holds the address or a team seat */
    rc = wz_pf_exec(db, q_expire_old, err, "itt", store_id, em, now);
    int64_t id = 0;
    bool found = false;
    if (rc == WZ_OK)
        rc = wz_pf_int64(db, q_pending, &id, &found, err, "it", store_id, em);
    if (rc != WZ_OK)
        goto fail;
    if (found) {
        wz_field_error(fe, "email", "already has a pending invitation to this store");
        rc = wz_err_set(err, WZ_ECONFLICT, "%s already has a pending invitation to this store", em);
        goto fail;
    }
    rc = wz_pf_int64(db, q_member, &id, &found, err, "it", store_id, em);
    if (rc != WZ_OK)
        goto fail;
    if (found) {
        wz_field_error(fe, "email", "is already a member of this store's team");
        rc = wz_err_set(err, WZ_ECONFLICT, "%s is already a member of this store's team", em);
        goto fail;
    }
    int64_t team = 0;
    rc = wz_pf_int64(db, q_team_size, &team, NULL, err, "it", store_id, now);
    if (rc != WZ_OK)
        goto fail;
    if (team >= s->max_team_members_per_store) {
        wz_field_error(fe, "email",
                       "the team is full: members and pending invitations reach "
                       "MAX_TEAM_MEMBERS_PER_STORE (%lld)",
                       (long long)s->max_team_members_per_store);
        rc = WZ_EUSAGE;
        goto fail;
    }

    char hash[65];
    new_token(s, token_out, hash, out->expires_at);
    rc = wz_pf_query(db, q_insert, &st, err, "ititIt", store_id, em, role_id, hash,
                     invited_by_user_id, out->expires_at);
    if (rc == WZ_ROW) {
        out->id = wz_stmt_column_int64(st, 0);
        wz_stmt_reset(st);
        rc = WZ_OK;
    } else if (rc == WZ_DONE) {
        rc = wz_err_set(err, WZ_EFAIL, "the invitation was not written");
    }
    if (rc == WZ_ECONFLICT)
        wz_field_error(fe, "email", "already has a pending invitation to this store");
    if (rc != WZ_OK)
        goto fail;
    rc = wz_pf_commit(db, own, err);
    if (rc != WZ_OK)
        goto fail;
    out->store_id = store_id;
    snprintf(out->email, sizeof(out->email), "%s", em);
    snprintf(out->role, sizeof(out->role), "%s", role_name);
    snprintf(out->status, sizeof(out->status), "pending");
    out->invited_by_user_id = invited_by_user_id;
    snprintf(out->created_at, sizeof(out->created_at), "%s", now);
    return WZ_OK;
fail:
    token_out[0] = '\0';
    wz_pf_rollback(db, own);
    return rc;
}

static const char q_find[] =
    "SELECT i.id, i.store_id, i.email, i.role_id, r.name, CASE WHEN i.expires_at > $2 THEN 1 "
    "ELSE 0 END FROM store_invitations i JOIN roles r ON r.id = i.role_id WHERE i.token_hash = $1 "
    "AND i.status = 'pending'";
/* Steps q_find for the pending, unexpired invitation of token: WZ_ROW (st on its row),
 * WZ_DONE or an error. */
static int find_pending(struct wz_db *db, const char *token, struct wz_stmt **st,
                        struct wz_err *err)
{
    char hash[65], now[24];
    wz_invitation_token_hash(token, hash);
    wz_pf_time((int64_t)time(NULL), now);
    return wz_pf_query(db, q_find, st, err, "tt", hash, now);
}

int wz_invitation_email(struct wz_db *db, const char *token, char *email, size_t size,
                        struct wz_err *err)
{
    email[0] = '\0';
    if (token == NULL || !token_well_formed(token))
        return WZ_OK;
    struct wz_stmt *st = NULL;
    int rc = find_pending(db, token, &st, err);
    if (rc < 0)
        return rc;
    if (rc == WZ_ROW)
        snprintf(email, size, "%s", wz_stmt_column_text(st, 2));
    wz_stmt_reset(st);
    return WZ_OK;
}

static const char q_mark_expired[] =
    "UPDATE store_invitations SET status = 'expired' WHERE store_id = $1 AND id = $2 AND status "
    "= 'pending'";
static const char q_user_by_email[] =
    "SELECT u.id, u.password_hash, CASE WHEN u.is_active THEN 1 ELSE 0 END, u.role, CASE WHEN "
    "u.last_login_at IS NULL THEN 1 ELSE 0 END, (SELECT COUNT(*) FROM store_users su WHERE "
    "su.user_id = u.id), (SELECT COUNT(*) FROM stores s WHERE s.owner_user_id = u.id AND s.id = "
    "$2) FROM users u WHERE u.email = $1";
static const char q_take[] =
    "UPDATE store_invitations SET status = 'accepted', accepted_at = $3 WHERE store_id = $1 AND "
    "id = $2 AND status = 'pending'";
static const char q_user_insert[] =
    "INSERT INTO users (email, username, password_hash, first_name, last_name, role, is_active, "
    "is_email_verified) VALUES ($1, $2, $3, $4, $5, 'store', true, true) RETURNING id";
static const char q_user_activate[] =
    "UPDATE users SET password_hash = $2, first_name = COALESCE($3, first_name), last_name = "
    "COALESCE($4, last_name), is_active = true, is_email_verified = true, updated_at = $5 WHERE "
    "id = $1 AND is_active = false";
static const char q_membership[] =
    "SELECT id FROM store_users WHERE store_id = $1 AND user_id = $2";
static const char q_member_insert[] =
    "INSERT INTO store_users (store_id, user_id, role_id, is_active, invited_by_user_id, "
    "joined_at) VALUES ($1, $2, $3, true, (SELECT invited_by_user_id FROM store_invitations "
    "WHERE store_id = $1 AND id = $4), $5)";
static const char q_member_reactivate[] =
    "UPDATE store_users SET role_id = $3, is_active = true, joined_at = $4, updated_at = $4 "
    "WHERE store_id = $1 AND user_id = $2";

int wz_invitation_accept(struct wz_db *db, const struct wz_settings *s, const char *token,
                         const char *password, const char *first_name, const char *last_name,
                         struct wz_field_errors *fe, struct wz_invitation_accepted *out,
                         struct wz_err *err)
{
    memset(out, 0, sizeof(*out));
    if (password == NULL || *password == '\0')
        wz_field_error(fe, "password", "is required");
    if (first_name != NULL && strlen(first_name) > 100)
        wz_field_error(fe, "first_name", "must be at most 100 bytes");
    if (last_name != NULL && strlen(last_name) > 100)
        wz_field_error(fe, "last_name", "must be at most 100 bytes");
    if (token == NULL || *token == '\0')
        wz_field_error(fe, "token", "is required");
    if (fe->n > 0)
        return WZ_EUSAGE;
    if (!token_well_formed(token))
        return wz_err_set(err, WZ_ENOENT, "invitation not found or no longer valid");

    struct wz_stmt *st = NULL;
    char now[24];
    int rc = find_pending(db, token, &st, err);
    if (rc < 0)
        return rc;
    wz_pf_time((int64_t)time(NULL), now);
    if (rc == WZ_DONE)
        return wz_err_set(err, WZ_ENOENT, "invitation not found or no longer valid");
    int64_t inv_id = wz_stmt_column_int64(st, 0);
    out->store_id = wz_stmt_column_int64(st, 1);
    snprintf(out->email, sizeof(out->email), "%s", wz_stmt_column_text(st, 2));
    int64_t role_id = wz_stmt_column_int64(st, 3);
    snprintf(out->role, sizeof(out->role), "%s", wz_stmt_column_text(st, 4));
    bool live = wz_stmt_column_int64(st, 5) == 1;
    wz_stmt_reset(st);
    if (!live) {
        bool own = false;
        rc = wz_pf_begin(db, &own, err);
        if (rc == WZ_OK)
            rc = wz_pf_exec(db, q_mark_expired, err, "ii", out->store_id, inv_id);
        if (rc == WZ_OK)
            rc = wz_pf_commit(db, own, err);
        if (rc != WZ_OK) {
            wz_pf_rollback(db, own);
            return rc;
        }
        wz_field_error(fe, "token", "the invitation expired: ask the store for a new one");
        return WZ_EUSAGE;
    }

    /* Who the invitation is for decides which password rule applies, and the expensive
     * hashing runs before the transaction so it holds no lock meanwhile. */
    int64_t user_id = 0;
    bool exists = false, active = false, placeholder = false;
    rc = wz_pf_query(db, q_user_by_email, &st, err, "ti", out->email, out->store_id);
    if (rc < 0)
        return rc;
    if (rc == WZ_ROW) {
        exists = true;
        user_id = wz_stmt_column_int64(st, 0);
        char stored[WZ_PASSWORD_HASH_MAX];
        snprintf(stored, sizeof(stored), "%s", wz_stmt_column_text(st, 1));
        active = wz_stmt_column_int64(st, 2) == 1;
        bool is_store = strcmp(wz_stmt_column_text(st, 3), "store") == 0;
        /* made inactive by wz_store_create for this store's new owner, never used since */
        placeholder = !active && is_store && wz_stmt_column_int64(st, 4) == 1 &&
                      wz_stmt_column_int64(st, 5) == 0 && wz_stmt_column_int64(st, 6) == 1;
        wz_stmt_reset(st);
        bool ok = is_store && (active ? wz_password_verify(stored, password) : placeholder);
        sodium_memzero(stored, sizeof(stored));
        if (!ok)
            return wz_err_set(err, WZ_ENOENT, "invitation not found or no longer valid");
    }
    char new_hash[WZ_PASSWORD_HASH_MAX] = "";
    char username[129] = "";
    if (!exists || placeholder) {
        if (!wz_user_password_ok(s, password, "password", fe))
            return WZ_EUSAGE;
        rc = wz_password_hash(password, new_hash, err);
        if (rc != WZ_OK)
            return rc;
    }
    if (!exists) {
        rc = wz_user_username_for_email(db, out->email, username, err);
        if (rc != WZ_OK)
            return rc;
    }

    bool own = false;
    rc = wz_pf_begin(db, &own, err);
    if (rc != WZ_OK)
        return rc;
    rc = wz_pf_exec(db, q_take, err, "iit", out->store_id, inv_id, now);
    if (rc == WZ_OK && wz_db_changes(db) != 1)
        rc = wz_err_set(err, WZ_ENOENT, "invitation not found or no longer valid");
    if (rc != WZ_OK)
        goto fail;
    if (!exists) {
        rc = wz_pf_query(db, q_user_insert, &st, err, "ttttt", out->email, username, new_hash,
                         first_name, last_name);
        if (rc == WZ_ROW) {
            user_id = wz_stmt_column_int64(st, 0);
            wz_stmt_reset(st);
            rc = WZ_OK;
        } else if (rc == WZ_DONE) {
            rc = wz_err_set(err, WZ_EFAIL, "the account was not written");
        }
        if (rc == WZ_ECONFLICT)
            rc =
                wz_err_set(err, WZ_ECONFLICT,
                           "an account for %s was created at the same time; try again", out->email);
        out->created_user = 1;
    } else if (placeholder) {
        rc = wz_pf_exec(db, q_user_activate, err, "itttt", user_id, new_hash, first_name, last_name,
                        now);
        if (rc == WZ_OK && wz_db_changes(db) != 1)
            rc = wz_err_set(err, WZ_ENOENT, "invitation not found or no longer valid");
        out->created_user = 1;
    }
    if (rc != WZ_OK)
        goto fail;
    int64_t member = 0;
    bool is_member = false;
    rc = wz_pf_int64(db, q_membership, &member, &is_member, err, "ii", out->store_id, user_id);
    if (rc == WZ_OK && is_member)
        rc = wz_pf_exec(db, q_member_reactivate, err, "iiit", out->store_id, user_id, role_id, now);
    else if (rc == WZ_OK)
        rc = wz_pf_exec(db, q_member_insert, err, "iiiit", out->store_id, user_id, role_id, inv_id,
                        now);
    if (rc != WZ_OK)
        goto fail;
    rc = wz_pf_commit(db, own, err);
    if (rc != WZ_OK)
        goto fail;
    sodium_memzero(new_hash, sizeof(new_hash));
    out->user_id = user_id;
    return WZ_OK;
fail:
    sodium_memzero(new_hash, sizeof(new_hash));
    wz_pf_rollback(db, own);
    return rc;
}

static const char q_get[] =
    "SELECT i.id, i.store_id, i.email, r.name, i.status, COALESCE(i.invited_by_user_id, 0), "
    "i.expires_at, i.accepted_at, i.created_at, CASE WHEN i.status = 'pending' AND i.expires_at "
    "<= $3 THEN 1 ELSE 0 END FROM store_invitations i JOIN roles r ON r.id = i.role_id WHERE "
    "i.store_id = $1 AND i.id = $2";
static const char q_list[] =
    "SELECT i.id, i.store_id, i.email, r.name, i.status, COALESCE(i.invited_by_user_id, 0), "
    "i.expires_at, i.accepted_at, i.created_at, CASE WHEN i.status = 'pending' AND i.expires_at "
    "<= $2 THEN 1 ELSE 0 END FROM store_invitations i JOIN roles r ON r.id = i.role_id WHERE "
    "i.store_id = $1 ORDER BY CASE WHEN i.status = 'pending' AND i.expires_at > $2 THEN 0 ELSE 1 "
    "END, i.id DESC";

static void read_info(struct wz_stmt *st, struct wz_invitation_info *o)
{
    memset(o, 0, sizeof(*o));
    o->id = wz_stmt_column_int64(st, 0);
    o->store_id = wz_stmt_column_int64(st, 1);
    snprintf(o->email, sizeof(o->email), "%s", wz_stmt_column_text(st, 2));
    snprintf(o->role, sizeof(o->role), "%s", wz_stmt_column_text(st, 3));
    snprintf(o->status, sizeof(o->status), "%s",
             wz_stmt_column_int64(st, 9) == 1 ? "expired" : wz_stmt_column_text(st, 4));
    o->invited_by_user_id = wz_stmt_column_int64(st, 5);
    wz_pf_ts(wz_stmt_column_text(st, 6), o->expires_at);
    wz_pf_ts(wz_stmt_column_text(st, 7), o->accepted_at);
    wz_pf_ts(wz_stmt_column_text(st, 8), o->created_at);
}

int wz_invitation_get(struct wz_db *db, int64_t store_id, int64_t invitation_id,
                      struct wz_invitation_info *out, struct wz_err *err)
{
    char now[24];
    wz_pf_time((int64_t)time(NULL), now);
    struct wz_stmt *st = NULL;
    int rc = wz_pf_query(db, q_get, &st, err, "iit", store_id, invitation_id, now);
    if (rc < 0)
        return rc;
    if (rc == WZ_DONE)
        return wz_err_set(err, WZ_ENOENT, "invitation %lld not found in this store",
                          (long long)invitation_id);
    read_info(st, out);
    wz_stmt_reset(st);
    return WZ_OK;
}

int wz_invitation_list(struct wz_db *db, int64_t store_id, const char *status,
                       struct wz_invitation_info **out, size_t *n, struct wz_err *err)
{
    *out = NULL;
    *n = 0;
    char now[24];
    wz_pf_time((int64_t)time(NULL), now);
    struct wz_stmt *st = NULL;
    size_t cap = 0;
    int rc = wz_pf_query(db, q_list, &st, err, "it", store_id, now);
    while (rc == WZ_ROW) {
        struct wz_invitation_info row;
        read_info(st, &row);
        if (status == NULL || strcmp(status, row.status) == 0) {
            if (*n == cap) {
                size_t ncap = cap ? cap * 2 : 16;
                struct wz_invitation_info *p = realloc(*out, ncap * sizeof(*p));
                if (p == NULL) {
                    wz_stmt_reset(st);
                    rc = wz_err_set(err, WZ_ENOMEM, "out of memory");
                    break;
                }
                *out = p;
                cap = ncap;
            }
            (*out)[(*n)++] = row;
        }
        rc = wz_stmt_step(st, err);
    }
    if (rc == WZ_DONE) {
        wz_stmt_reset(st);
        return WZ_OK;
    }
    wz_stmt_reset(st);
    free(*out);
    *out = NULL;
    *n = 0;
    return rc;
}

static const char q_state[] =
    "SELECT status FROM store_invitations WHERE store_id = $1 AND id = $2";
static const char q_renew[] =
    "UPDATE store_invitations SET token_hash = $3, expires_at = $4, status = 'pending' WHERE "
    "store_id = $1 AND id = $2 AND status IN ('pending', 'expired')";
static const char q_revoke[] =
    "UPDATE store_invitations SET status = 'revoked' WHERE store_id = $1 AND id = $2 AND status "
    "IN ('pending', 'expired')";

/* The invitation's stored status; WZ_ENOENT when it is not one of the store's, WZ_ECONFLICT
 * when it is settled (accepted or revoked). */
static int open_state(struct wz_db *db, int64_t store_id, int64_t id, const char *doing,
                      struct wz_err *err)
{
    struct wz_stmt *st = NULL;
    int rc = wz_pf_query(db, q_state, &st, err, "ii", store_id, id);
    if (rc < 0)
        return rc;
    if (rc == WZ_DONE)
        return wz_err_set(err, WZ_ENOENT, "invitation %lld not found in this store", (long long)id);
    char status[16];
    snprintf(status, sizeof(status), "%s", wz_stmt_column_text(st, 0));
    wz_stmt_reset(st);
    if (strcmp(status, "accepted") == 0 || strcmp(status, "revoked") == 0)
        return wz_err_set(err, WZ_ECONFLICT, "the invitation was already %s: it cannot be %s",
                          status, doing);
    return WZ_OK;
}

int wz_invitation_resend(struct wz_db *db, const struct wz_settings *s, int64_t store_id,
                         int64_t invitation_id, struct wz_invitation_info *out,
                         char token_out[WZ_INVITATION_TOKEN_HEX + 1], struct wz_err *err)
{
    token_out[0] = '\0';
    bool own = false;
    int rc = wz_pf_begin(db, &own, err);
    if (rc != WZ_OK)
        return rc;
    rc = open_state(db, store_id, invitation_id, "resent", err);
    char hash[65], expires[24];
    if (rc == WZ_OK) {
        new_token(s, token_out, hash, expires);
        rc = wz_pf_exec(db, q_renew, err, "iitt", store_id, invitation_id, hash, expires);
    }
    if (rc == WZ_OK)
        rc = wz_invitation_get(db, store_id, invitation_id, out, err);
    if (rc == WZ_OK)
        rc = wz_pf_commit(db, own, err);
    if (rc != WZ_OK) {
        token_out[0] = '\0';
        wz_pf_rollback(db, own);
    }
    return rc;
}

int wz_invitation_revoke(struct wz_db *db, int64_t store_id, int64_t invitation_id,
                         struct wz_err *err)
{
    bool own = false;
    int rc = wz_pf_begin(db, &own, err);
    if (rc != WZ_OK)
        return rc;
    rc = open_state(db, store_id, invitation_id, "revoked", err);
    if (rc == WZ_OK)
        rc = wz_pf_exec(db, q_revoke, err, "ii", store_id, invitation_id);
    if (rc == WZ_OK)
        rc = wz_pf_commit(db, own, err);
    if (rc != WZ_OK)
        wz_pf_rollback(db, own);
    return rc;
}
