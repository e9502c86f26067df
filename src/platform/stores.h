/*
 * Stores as the platform admin manages them: create (with its theme, custom domain and
 * owner, the owner either an existing store user or a new one who gets an invitation),
 * read, list, update (deactivate, reactivate), and a read of its team and latest orders.
 * Results follow the platform engine's convention (src/platform/invitations.h); a create
 * or an update is one transaction, so a refusal leaves nothing behind.
 */
#ifndef WZ_PLATFORM_STORES_H
#define WZ_PLATFORM_STORES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "http/http.h" /* struct wz_field_errors */
#include "platform/invitations.h"

struct wz_db;
struct wz_settings;

/* What creating a store takes. NULL strings are absent. */
struct wz_store_input {
    const char *code;          /* 2 to 32 of A-Z 0-9 _ (lowercase letters are uppercased) */
    const char *name;          /* 1 to 100 bytes */
    const char *subdomain;     /* a DNS label of 3 to 63 (stored lowercase), not a reserved one */
    const char *description;   /* at most 2000 bytes */
    const char *theme_preset;  /* modern (default), classic, vibrant */
    const char *custom_domain; /* a host name, unique across the platform */
    const char *contact_email; /* an email address */
    const char *default_currency; /* ISO 4217, three uppercase letters; DEFAULT_CURRENCY */
    /* The owner: exactly one of these. */
    int64_t owner_user_id;   /* an active store user (0: absent) */
    const char *owner_email; /* an existing store user's address, or a new owner's */
};

/* A store as the admin sees it. */
struct wz_store_info {
    int64_t id;
    char code[33];
    char name[101];
    char subdomain[64];
    char description[2001];
    bool has_description;
    int64_t owner_user_id;
    char owner_email[321];
    char contact_email[321]; /* "" with has_contact_email false for none */
    bool has_contact_email;
    char default_currency[4];
    bool is_active;
    bool is_verified;
    char theme_preset[16];
    char custom_domain[254]; /* "" for none */
    int64_t member_count;    /* active team members, the owner included */
    char created_at[24];
    char updated_at[24];
};

/*
 * Creates the store. Field rules as above (422 per field); MAX_STORES_PER_USER counts the
 * stores the owner owns (422 on the owner field given). 409 when the code, subdomain or
 * custom domain is taken (each named in fe). For owner_email without an account, an inactive
 * placeholder account is made and an 'owner' invitation for it: *inv describes it and
 * token_out holds its token (shown once); otherwise inv->id is 0 and token_out "".
 */
int wz_store_create(struct wz_db *db, const struct wz_settings *s, const struct wz_store_input *in,
                    struct wz_field_errors *fe, struct wz_store_info *out,
                    struct wz_invitation_info *inv, char token_out[WZ_INVITATION_TOKEN_HEX + 1],
                    struct wz_err *err);

/* The checks of wz_store_create that need no database, alone: an adapter that found some
 * fields unreadable (of the wrong JSON type) still names every other bad field at once. */
void wz_store_input_check(const struct wz_settings *s, const struct wz_store_input *in,
                          struct wz_field_errors *fe);

/* A partial update: only the members marked set are changed. */
struct wz_store_update {
    const char *name;
    bool set_description;
    const char *description; /* NULL clears it */
    bool set_contact_email;
    const char *contact_email; /* NULL clears it */
    int is_active;             /* -1 unchanged, 0 deactivate, 1 reactivate */
    const char *theme_preset;  /* NULL unchanged; a new preset also resets the colors */
    bool set_custom_domain;
    const char *custom_domain; /* NULL removes the store's custom domain */
};

int wz_store_update(struct wz_db *db, const struct wz_settings *s, int64_t store_id,
                    const struct wz_store_update *up, struct wz_field_errors *fe,
                    struct wz_store_info *out, struct wz_err *err);

/* The checks of wz_store_update that need no database, alone (as wz_store_input_check). */
void wz_store_update_check(const struct wz_store_update *up, struct wz_field_errors *fe);

int wz_store_get(struct wz_db *db, int64_t store_id, struct wz_store_info *out, struct wz_err *err);

struct wz_store_filter {
    const char *q; /* case-insensitive part of the code, name or subdomain */
    int active;    /* -1 any, 0 inactive only, 1 active only */
    int64_t after; /* keyset: ids greater than this */
    int limit;
};
/* One page ordered by id into a malloc'ed array (free it). */
int wz_store_list(struct wz_db *db, const struct wz_store_filter *f, struct wz_store_info **out,
                  size_t *n, bool *has_more, struct wz_err *err);

struct wz_team_member {
    int64_t user_id;
    char email[321];
    char username[129];
    char first_name[101];
    bool has_first_name;
    char last_name[101];
    bool has_last_name;
    char role[32];
    bool is_active;      /* the membership */
    bool user_is_active; /* the account */
    char joined_at[24];
};
/* The store's members, owner first, into a malloc'ed array. WZ_ENOENT: no such store. */
int wz_store_team(struct wz_db *db, int64_t store_id, struct wz_team_member **out, size_t *n,
                  struct wz_err *err);

struct wz_store_order {
    int64_t id;
    char order_number[65];
    char customer_email[321];
    bool has_customer_email;
    char status[16];
    char currency[4];
    int64_t subtotal_amount, shipping_amount, tax_amount, total_amount;
    char placed_at[24];
};
/* The store's orders, newest (highest id) first: before > 0 continues below that id.
 * WZ_ENOENT: no such store. */
int wz_store_orders(struct wz_db *db, int64_t store_id, int64_t before, int limit,
                    struct wz_store_order **out, size_t *n, bool *has_more, struct wz_err *err);

#endif
