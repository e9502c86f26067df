/*
 * Platform users: the admin's list, read and (de)activation, and what creating an account
 * needs wherever it happens (an accepted invitation, a store created for a new owner).
 * Results follow the platform engine's convention (src/platform/invitations.h).
 */
#ifndef WZ_PLATFORM_USERS_H
#define WZ_PLATFORM_USERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "http/http.h" /* struct wz_field_errors */

struct wz_db;
struct wz_settings;

struct wz_user_info {
    int64_t id;
    char email[321];
    char username[129];
    char first_name[101]; /* "" with has_first_name false for NULL */
    char last_name[101];
    bool has_first_name, has_last_name;
    char role[8]; /* "admin" or "store" */
    bool is_active;
    bool is_email_verified;
    char last_login_at[24]; /* "" for never */
    char created_at[24];
    int64_t stores_owned;
};

/* A filter of the admin's user list. */
struct wz_user_filter {
    const char *q;    /* case-insensitive part of email, username, first or last name */
    int active;       /* -1 any, 0 inactive only, 1 active only */
    const char *role; /* "admin", "store" or NULL */
    int64_t after;    /* keyset: ids greater than this */
    int limit;        /* rows wanted; the function reads limit + 1 to set *has_more */
};

/* One page of users ordered by id, into a malloc'ed array the caller frees. */
int wz_user_list(struct wz_db *db, const struct wz_user_filter *f, struct wz_user_info **out,
                 size_t *n, bool *has_more, struct wz_err *err);

/* One user; WZ_ENOENT when there is none. */
int wz_user_get(struct wz_db *db, int64_t user_id, struct wz_user_info *out, struct wz_err *err);

/* Activates or deactivates user_id, on behalf of acting_user_id. The acting admin cannot
 * deactivate themself (WZ_EUSAGE on "is_active"). WZ_ENOENT: no such user. The caller ends
 * the user's panel sessions (tokens stop working at once: the access check reads is_active). */
int wz_user_set_active(struct wz_db *db, int64_t user_id, bool active, int64_t acting_user_id,
                       struct wz_field_errors *fe, struct wz_err *err);

/* A username for a new account made from email's local part (lowercase letters, digits,
 * '.', '_', '-'), with "-2", "-3", ... appended until no user has it. */
int wz_user_username_for_email(struct wz_db *db, const char *email, char out[129],
                               struct wz_err *err);

/* The password rules of a new account: 8 characters or more (at most 1024 bytes), and in
 * production what wz_password_weakness asks. Writes the reason to fe under field. */
bool wz_user_password_ok(const struct wz_settings *s, const char *password, const char *field,
                         struct wz_field_errors *fe);

#endif
