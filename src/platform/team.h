/*
 * A store's team: its active members and their removal. Invitations (and their limits:
 * MAX_TEAM_MEMBERS_PER_STORE, INVITATION_EXPIRY_DAYS) are platform/invitations.h's. Return
 * codes and callbacks: platform/tenant.h.
 */
#ifndef WZ_PLATFORM_TEAM_H
#define WZ_PLATFORM_TEAM_H

#include <stdbool.h>
#include <stdint.h>

#include "platform/tenant.h"

struct wz_member {
    int64_t user_id;
    const char *email;
    const char *username;
    const char *first_name; /* NULL when none, as last_name */
    const char *last_name;
    const char *role;
    const char *joined_at;
    bool is_owner; /* the store's owner (stores.owner_user_id) */
};
typedef int (*wz_member_fn)(void *ctx, const struct wz_member *m);

/* The store's active members, in the order they joined. */
int wz_team_members(struct wz_db *db, int64_t store_id, wz_member_fn fn, void *ctx,
                    struct wz_err *err);

/* Deactivates user_id's membership of store_id (the row stays: an invitation can bring the
 * member back). WZ_ENOENT: not an active member. WZ_EUSAGE with "user_id" in fe: the store's
 * owner, who cannot leave their own store's team. */
int wz_team_remove(struct wz_db *db, int64_t store_id, int64_t user_id, struct wz_field_errors *fe,
                   struct wz_err *err);

#endif
