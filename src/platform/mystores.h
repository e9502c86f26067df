/*
 * The stores a store user works for, and what a member sees of one store: its settings,
 * theme and domains. Return codes and callbacks: platform/tenant.h.
 */
#ifndef WZ_PLATFORM_MYSTORES_H
#define WZ_PLATFORM_MYSTORES_H

#include <stdbool.h>
#include <stdint.h>

#include "platform/tenant.h"

struct wz_my_store {
    int64_t id;
    const char *code;
    const char *name;
    const char *subdomain;
    const char *role;
    const char *default_currency;
};
typedef int (*wz_my_store_fn)(void *ctx, const struct wz_my_store *s);

/* user_id's active memberships of active stores, by store id. */
int wz_my_stores(struct wz_db *db, int64_t user_id, wz_my_store_fn fn, void *ctx,
                 struct wz_err *err);

struct wz_store_view {
    int64_t id;
    const char *code;
    const char *name;
    const char *subdomain;
    const char *description; /* NULL when none, as contact_email */
    const char *contact_email;
    const char *default_currency;
    bool is_verified;
    const char *created_at;
    /* The theme; has_theme false when the store has none. */
    bool has_theme;
    const char *preset;
    const char *primary_color;
    const char *secondary_color;
    const char *accent_color;
    const char *font_family;
    const char *logo_url; /* NULL when none */
};
typedef int (*wz_store_view_fn)(void *ctx, const struct wz_store_view *s);

struct wz_store_domain {
    const char *domain;
    bool is_primary;
    bool is_verified;
};
typedef int (*wz_store_domain_fn)(void *ctx, const struct wz_store_domain *d);

/* The active store store_id (WZ_ENOENT when it is not one) with its theme. */
int wz_store_view_get(struct wz_db *db, int64_t store_id, wz_store_view_fn fn, void *ctx,
                      struct wz_err *err);
/* Its domains, the primary first. */
int wz_store_domains(struct wz_db *db, int64_t store_id, wz_store_domain_fn fn, void *ctx,
                     struct wz_err *err);

#endif
