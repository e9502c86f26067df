/*
 * THE fixed demo stores (the guide's DEMO_STORES and DEMO_STORE_USERS in seed_demo.py): the
 * first stores of every demo database, hand-written so the documented logins work. Stores
 * beyond this list are generated (seed_demo.c). Adding a demo store is one entry in
 * wz_demo_stores[] and its users in wz_demo_store_users[] (docs/seeding.md); the tests check
 * that every store has exactly one owner and that codes, subdomains and emails are unique.
 */
#ifndef WZ_DEMO_STORES_H
#define WZ_DEMO_STORES_H

#include <stdbool.h>
#include <stddef.h>

/* The documented demo password (the guide: "Demo Users: password123 (clearly insecure)"). */
#define WZ_DEMO_PASSWORD "password123"

struct wz_demo_store_def {
    const char *store_code; /* uppercase, no digits (generated codes always have some) */
    const char *name;
    const char *subdomain; /* lowercase DNS label, no digits */
    const char *description;
    const char *category;      /* what it sells: a wz_fake_category_name() */
    const char *theme_preset;  /* "modern", "classic" or "vibrant" */
    const char *custom_domain; /* or NULL */
    bool custom_domain_verified;
};

struct wz_demo_user_def {
    const char *store_code; /* the store the user works for */
    const char *email;      /* lowercase; the owner's is storeN@example.com */
    const char *username;
    const char *first_name;
    const char *last_name;
    const char *password;
    const char *role; /* a role template of init-prod: owner, manager, staff, support, viewer */
};

extern const struct wz_demo_store_def wz_demo_stores[];
extern const size_t wz_demo_store_count;

extern const struct wz_demo_user_def wz_demo_store_users[];
extern const size_t wz_demo_store_user_count;

#endif
