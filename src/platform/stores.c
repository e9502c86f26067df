/* Stores as the platform admin manages them: see stores.h. */
#include "platform/stores.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/password.h"
#include "core/settings.h"
#include "db/db.h"
#include "platform/platform_util.h"
#include "platform/users.h"

/* Names the platform keeps for itself: a store there would shadow the platform's hosts. */
static const char *const reserved_subdomains[] = {
    "www",    "admin",     "api",   "app",    "apps",    "assets", "auth",    "billing", "blog",
    "cdn",    "dashboard", "dev",   "docs",   "ftp",     "help",   "imap",    "login",   "mail",
    "media",  "ns1",       "ns2",   "panel",  "pop",     "root",   "shop",    "smtp",    "staging",
    "static", "status",    "store", "stores", "support", "test",   "webmail", NULL};

/* Each preset's starting colors and font (the shapes seed-demo's stores have). */
static const struct {
    const char *preset, *primary, *secondary, *accent, *font;
} presets[] = {
    {"modern", "#1f2937", "#4b5563", "#2563eb", "Inter"},
    {"classic", "#1e3a5f", "#7c2d12", "#b08d57", "Georgia"},
    {"vibrant", "#db2777", "#7c3aed", "#f59e0b", "Montserrat"},
};

static int preset_index(const char *p)
{
    for (size_t i = 0; i < sizeof(presets) / sizeof(presets[0]); i++)
        if (strcmp(presets[i].preset, p) == 0)
            return (int)i;
    return -1;
}

static bool is_reserved(const char *sub)
{
    for (size_t i = 0; reserved_subdomains[i] != NULL; i++)
        if (strcmp(reserved_subdomains[i], sub) == 0)
            return true;
    return false;
}

/* ---- field rules */

static void check_code(const char *code, char out[33], struct wz_field_errors *fe)
{
    size_t n = code != NULL ? strlen(code) : 0;
    if (code == NULL || n == 0) {
        wz_field_error(fe, "code", "is required");
        return;
    }
    bool ok = n >= 2 && n <= 32;
    for (size_t i = 0; ok && i < n; i++) {
        char c = code[i];
        if (c >= 'a' && c <= 'z')
            c = (char)(c - 'a' + 'A');
        ok = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
        out[i] = c;
    }
    if (!ok) {
        wz_field_error(fe, "code", "must be 2 to 32 characters of A-Z, 0-9 and _");
        return;
    }
    out[n] = '\0';
}

static void check_name(const char *name, bool required, struct wz_field_errors *fe)
{
    if (name == NULL) {
        if (required)
            wz_field_error(fe, "name", "is required");
        return;
    }
    size_t n = strlen(name);
    bool blank = true;
    for (size_t i = 0; i < n && blank; i++)
        blank = name[i] == ' ' || name[i] == '\t' || name[i] == '\n' || name[i] == '\r';
    if (blank)
        wz_field_error(fe, "name", "must not be empty");
    else if (n > 100)
        wz_field_error(fe, "name", "must be at most 100 bytes");
}

static void check_subdomain(const char *sub, char out[64], struct wz_field_errors *fe)
{
    if (sub == NULL || *sub == '\0') {
        wz_field_error(fe, "subdomain", "is required");
        return;
    }
    size_t n = strlen(sub);
    bool ok = n >= 3 && n <= 63 && wz_pf_lower(sub, out, 64);
    for (size_t i = 0; ok && i < n; i++) {
        char c = out[i];
        ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c == '-' && i > 0 && i < n - 1);
    }
    if (!ok)
        wz_field_error(fe, "subdomain",
                       "must be 3 to 63 characters of a-z, 0-9 and inner hyphens (a DNS label)");
    else if (is_reserved(out))
        wz_field_error(fe, "subdomain", "'%s' is reserved by the platform", out);
}

static void check_domain(const char *dom, char out[254], struct wz_field_errors *fe)
{
    if (!wz_pf_lower(dom, out, 254) || !wz_pf_hostname_ok(out))
        wz_field_error(fe, "custom_domain", "must be a host name such as shop.example.com");
}

static void check_email(const char *field, const char *email, char out[321],
                        struct wz_field_errors *fe)
{
    if (!wz_pf_lower(email, out, 321) || !wz_pf_email_ok(out))
        wz_field_error(fe, field, "must be an email address such as name@example.com");
}

static void check_description(const char *d, struct wz_field_errors *fe)
{
    if (d != NULL && strlen(d) > 2000)
        wz_field_error(fe, "description", "must be at most 2000 bytes");
}

static void check_preset(const char *p, struct wz_field_errors *fe)
{
    if (p != NULL && preset_index(p) < 0)
        wz_field_error(fe, "theme_preset", "must be one of modern, classic, vibrant");
}

/* ---- reading */

#define STORE_COLS                                                                                 \
    "SELECT s.id, s.code, s.name, s.subdomain, s.description, s.owner_user_id, u.email, "          \
    "s.contact_email, s.default_currency, CASE WHEN s.is_active THEN 1 ELSE 0 END, CASE WHEN "     \
    "s.is_verified THEN 1 ELSE 0 END, t.preset, (SELECT d.domain FROM store_domains d WHERE "      \
    "d.store_id = s.id ORDER BY d.is_primary DESC, d.id LIMIT 1), (SELECT COUNT(*) FROM "          \
    "store_users su WHERE su.store_id = s.id AND su.is_active = true), s.created_at, "             \
    "s.updated_at FROM stores s JOIN users u ON u.id = s.owner_user_id LEFT JOIN store_themes t "  \
    "ON t.store_id = s.id "

static void read_store(struct wz_stmt *st, struct wz_store_info *o)
{
    memset(o, 0, sizeof(*o));
    o->id = wz_stmt_column_int64(st, 0);
    snprintf(o->code, sizeof(o->code), "%s", wz_stmt_column_text(st, 1));
    snprintf(o->name, sizeof(o->name), "%s", wz_stmt_column_text(st, 2));
    snprintf(o->subdomain, sizeof(o->subdomain), "%s", wz_stmt_column_text(st, 3));
    o->has_description = !wz_stmt_column_is_null(st, 4);
    snprintf(o->description, sizeof(o->description), "%s", wz_stmt_column_text(st, 4));
    o->owner_user_id = wz_stmt_column_int64(st, 5);
    snprintf(o->owner_email, sizeof(o->owner_email), "%s", wz_stmt_column_text(st, 6));
    o->has_contact_email = !wz_stmt_column_is_null(st, 7);
    snprintf(o->contact_email, sizeof(o->contact_email), "%s", wz_stmt_column_text(st, 7));
    snprintf(o->default_currency, sizeof(o->default_currency), "%s", wz_stmt_column_text(st, 8));
    o->is_active = wz_stmt_column_int64(st, 9) == 1;
    o->is_verified = wz_stmt_column_int64(st, 10) == 1;
    snprintf(o->theme_preset, sizeof(o->theme_preset), "%s",
             wz_stmt_column_is_null(st, 11) ? "modern" : wz_stmt_column_text(st, 11));
    snprintf(o->custom_domain, sizeof(o->custom_domain), "%s", wz_stmt_column_text(st, 12));
    o->member_count = wz_stmt_column_int64(st, 13);
    wz_pf_ts(wz_stmt_column_text(st, 14), o->created_at);
    wz_pf_ts(wz_stmt_column_text(st, 15), o->updated_at);
}

static const char q_get[] = STORE_COLS "WHERE s.id = $1";

int wz_store_get(struct wz_db *db, int64_t store_id, struct wz_store_info *out, struct wz_err *err)
{
    struct wz_stmt *st = NULL;
    int rc = wz_pf_query(db, q_get, &st, err, "i", store_id);
    if (rc < 0)
        return rc;
    if (rc == WZ_DONE)
        return wz_err_set(err, WZ_ENOENT, "store %lld not found", (long long)store_id);
    read_store(st, out);
    wz_stmt_reset(st);
    return WZ_OK;
}

static const char q_list[] =
    STORE_COLS "WHERE s.id > $1 AND (CAST($2 AS TEXT) IS NULL OR lower(s.code) LIKE $2 ESCAPE "
               "'\\' OR lower(s.name) LIKE $2 ESCAPE '\\' OR s.subdomain LIKE $2 ESCAPE '\\') AND "
               "($3 = -1 OR (CASE WHEN s.is_active THEN 1 ELSE 0 END) = $3) ORDER BY s.id LIMIT "
               "$4";

int wz_store_list(struct wz_db *db, const struct wz_store_filter *f, struct wz_store_info **out,
                  size_t *n, bool *has_more, struct wz_err *err)
{
    *out = NULL;
    *n = 0;
    *has_more = false;
    char pat[1100];
    const char *q = NULL;
    if (f->q != NULL && *f->q != '\0') {
        if (!wz_pf_like(f->q, pat, sizeof(pat)))
            return wz_err_set(err, WZ_EUSAGE, "the search text is too long");
        q = pat;
    }
    struct wz_store_info *rows = calloc((size_t)f->limit + 1, sizeof(*rows));
    if (rows == NULL)
        return wz_err_set(err, WZ_ENOMEM, "out of memory");
    struct wz_stmt *st = NULL;
    int rc = wz_pf_query(db, q_list, &st, err, "itii", f->after, q, (int64_t)f->active,
                         (int64_t)f->limit + 1);
    size_t got = 0;
    while (rc == WZ_ROW) {
        read_store(st, &rows[got++]);
        rc = got <= (size_t)f->limit ? wz_stmt_step(st, err) : WZ_DONE;
    }
    wz_stmt_reset(st);
    if (rc < 0) {
        free(rows);
        return rc;
    }
    if (got > (size_t)f->limit) {
        *has_more = true;
        got = (size_t)f->limit;
    }
    *out = rows;
    *n = got;
    return WZ_OK;
}

/* ---- creating */

static const char q_code_taken[] = "SELECT id FROM stores WHERE code = $1";
static const char q_sub_taken[] = "SELECT id FROM stores WHERE subdomain = $1";
static const char q_domain_taken[] = "SELECT store_id FROM store_domains WHERE domain = $1";
static const char q_owner_by_id[] =
    "SELECT u.email, u.role, CASE WHEN u.is_active THEN 1 ELSE 0 END, (SELECT COUNT(*) FROM "
    "stores s WHERE s.owner_user_id = u.id) FROM users u WHERE u.id = $1";
static const char q_owner_by_email[] =
    "SELECT u.id, u.role, CASE WHEN u.is_active THEN 1 ELSE 0 END, (SELECT COUNT(*) FROM "
    "stores s WHERE s.owner_user_id = u.id), CASE WHEN u.last_login_at IS NULL THEN 1 ELSE 0 "
    "END, (SELECT COUNT(*) FROM store_users su WHERE su.user_id = u.id) FROM users u WHERE "
    "u.email = $1";
static const char q_placeholder[] =
    "INSERT INTO users (email, username, password_hash, role, is_active, is_email_verified) "
    "VALUES ($1, $2, $3, 'store', false, false) RETURNING id";
static const char q_store_insert[] =
    "INSERT INTO stores (code, name, subdomain, description, owner_user_id, contact_email, "
    "default_currency, is_active, is_verified) VALUES ($1, $2, $3, $4, $5, $6, $7, true, false) "
    "RETURNING id";
static const char q_theme_insert[] =
    "INSERT INTO store_themes (store_id, preset, primary_color, secondary_color, accent_color, "
    "font_family) VALUES ($1, $2, $3, $4, $5, $6)";
static const char q_domain_insert[] =
    "INSERT INTO store_domains (store_id, domain, is_primary, is_verified) VALUES ($1, $2, true, "
    "false)";
static const char q_owner_member[] =
    "INSERT INTO store_users (store_id, user_id, role_id, is_active, joined_at) VALUES ($1, $2, "
    "(SELECT id FROM roles WHERE name = 'owner'), true, $3)";

/* The owner as the input names them: who, and whether a placeholder account and an
 * invitation are needed. Adds field errors for an unusable owner or one at the limit. */
struct owner_plan {
    int64_t user_id; /* 0: a new placeholder account */
    char email[321];
    bool invite; /* a placeholder (new or from an earlier create): send an owner invitation */
};

static int plan_owner(struct wz_db *db, const struct wz_settings *s,
                      const struct wz_store_input *in, struct owner_plan *p,
                      struct wz_field_errors *fe, struct wz_err *err)
{
    memset(p, 0, sizeof(*p));
    struct wz_stmt *st = NULL;
    const char *field = in->owner_user_id > 0 ? "owner_user_id" : "owner_email";
    int64_t owned = 0;
    int rc;
    if (in->owner_user_id > 0) {
        rc = wz_pf_query(db, q_owner_by_id, &st, err, "i", in->owner_user_id);
        if (rc < 0)
            return rc;
        bool ok = rc == WZ_ROW && strcmp(wz_stmt_column_text(st, 1), "store") == 0 &&
                  wz_stmt_column_int64(st, 2) == 1;
        if (rc == WZ_ROW) {
            snprintf(p->email, sizeof(p->email), "%s", wz_stmt_column_text(st, 0));
            owned = wz_stmt_column_int64(st, 3);
            wz_stmt_reset(st);
        }
        if (!ok) {
            wz_field_error(fe, field, "must be the id of an active store user");
            return WZ_OK;
        }
        p->user_id = in->owner_user_id;
    } else {
        check_email(field, in->owner_email, p->email, fe);
        if (fe->n > 0)
            return WZ_OK;
        rc = wz_pf_query(db, q_owner_by_email, &st, err, "t", p->email);
        if (rc < 0)
            return rc;
        if (rc == WZ_DONE) {
            p->invite = true;
            return WZ_OK;
        }
        int64_t id = wz_stmt_column_int64(st, 0);
        bool is_store = strcmp(wz_stmt_column_text(st, 1), "store") == 0;
        bool active = wz_stmt_column_int64(st, 2) == 1;
        owned = wz_stmt_column_int64(st, 3);
        bool placeholder =
            !active && wz_stmt_column_int64(st, 4) == 1 && wz_stmt_column_int64(st, 5) == 0;
        wz_stmt_reset(st);
        if (!is_store) {
            wz_field_error(fe, field, "is a platform admin account, which cannot own a store");
            return WZ_OK;
        }
        if (!active && !placeholder) {
            wz_field_error(fe, field, "belongs to a deactivated account");
            return WZ_OK;
        }
        p->user_id = id;
        p->invite = placeholder;
    }
    if (owned >= s->max_stores_per_user)
        wz_field_error(fe, field, "already owns %lld stores: MAX_STORES_PER_USER is %lld",
                       (long long)owned, (long long)s->max_stores_per_user);
    return WZ_OK;
}

/* The conflicts a create or an update would hit, each named in fe; WZ_ECONFLICT when any. */
static int check_unique(struct wz_db *db, int64_t store_id, const char *code, const char *sub,
                        const char *domain, struct wz_field_errors *fe, struct wz_err *err)
{
    /* Each globally unique value of a store: its lookup and the field a clash names. */
    const struct {
        const char *sql, *value, *field;
    } keys[] = {
        {q_code_taken, code, "code"},
        {q_sub_taken, sub, "subdomain"},
        {q_domain_taken, domain, "custom_domain"},
    };
    int conflicts = 0;
    for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]); k++) {
        if (keys[k].value == NULL)
            continue;
        int64_t id = 0;
        bool found = false;
        int rc = wz_pf_int64(db, keys[k].sql, &id, &found, err, "t", keys[k].value);
        if (rc != WZ_OK)
            return rc;
        if (found && id != store_id) {
            wz_field_error(fe, keys[k].field, "'%s' is taken by another store", keys[k].value);
            conflicts++;
        }
    }
    if (conflicts == 0)
        return WZ_OK;
    return wz_err_set(err, WZ_ECONFLICT, "%s",
                      conflicts == 1 ? "the store would duplicate another store's value"
                                     : "the store would duplicate other stores' values");
}

/* The checks that need no database, into the normalized forms create writes. */
struct create_fields {
    char code[33], sub[64], domain[254], contact[321];
    const char *preset, *currency;
};

static void check_create(const struct wz_settings *s, const struct wz_store_input *in,
                         struct create_fields *c, struct wz_field_errors *fe)
{
    memset(c, 0, sizeof(*c));
    check_code(in->code, c->code, fe);
    check_name(in->name, true, fe);
    check_subdomain(in->subdomain, c->sub, fe);
    check_description(in->description, fe);
    c->preset = in->theme_preset != NULL ? in->theme_preset : "modern";
    check_preset(c->preset, fe);
    if (in->custom_domain != NULL)
        check_domain(in->custom_domain, c->domain, fe);
    if (in->contact_email != NULL)
        check_email("contact_email", in->contact_email, c->contact, fe);
    c->currency = in->default_currency != NULL ? in->default_currency : s->default_currency;
    bool cur_ok = strlen(c->currency) == 3;
    for (int i = 0; cur_ok && i < 3; i++)
        cur_ok = c->currency[i] >= 'A' && c->currency[i] <= 'Z';
    if (!cur_ok)
        wz_field_error(fe, "default_currency",
                       "must be an ISO 4217 code of three uppercase letters such as EUR");
    if ((in->owner_user_id > 0) == (in->owner_email != NULL))
        wz_field_error(fe, in->owner_email != NULL ? "owner_email" : "owner_user_id",
                       "give either owner_user_id or owner_email");
    else if (in->owner_email != NULL) {
        char em[321];
        check_email("owner_email", in->owner_email, em, fe);
    }
}

void wz_store_input_check(const struct wz_settings *s, const struct wz_store_input *in,
                          struct wz_field_errors *fe)
{
    struct create_fields c;
    check_create(s, in, &c, fe);
}

int wz_store_create(struct wz_db *db, const struct wz_settings *s, const struct wz_store_input *in,
                    struct wz_field_errors *fe, struct wz_store_info *out,
                    struct wz_invitation_info *inv, char token_out[WZ_INVITATION_TOKEN_HEX + 1],
                    struct wz_err *err)
{
    memset(out, 0, sizeof(*out));
    memset(inv, 0, sizeof(*inv));
    token_out[0] = '\0';
    struct create_fields c;
    check_create(s, in, &c, fe);
    if (fe->n > 0)
        return WZ_EUSAGE;
    const char *code = c.code, *sub = c.sub, *domain = c.domain, *contact = c.contact;
    const char *preset = c.preset, *currency = c.currency;

    struct owner_plan owner;
    int rc = plan_owner(db, s, in, &owner, fe, err);
    if (rc != WZ_OK)
        return rc;
    if (fe->n > 0)
        return WZ_EUSAGE;
    /* Argon2 before the transaction: nobody waits on its lock meanwhile. The placeholder's
     * password is a secret nobody knows; the owner sets theirs by accepting the invitation. */
    char ph_hash[WZ_PASSWORD_HASH_MAX] = "", username[129] = "";
    if (owner.user_id == 0) {
        char secret[65];
        wz_pf_random_hex(secret);
        rc = wz_password_hash(secret, ph_hash, err);
        sodium_memzero(secret, sizeof(secret));
        if (rc == WZ_OK)
            rc = wz_user_username_for_email(db, owner.email, username, err);
        if (rc != WZ_OK)
            return rc;
    }

    bool own = false;
    rc = wz_pf_begin(db, &own, err);
    if (rc != WZ_OK)
        return rc;
    rc = check_unique(db, 0, code, sub, domain[0] ? domain : NULL, fe, err);
    if (rc != WZ_OK)
        goto fail;
    struct wz_stmt *st = NULL;
    if (owner.user_id == 0) {
        rc = wz_pf_query(db, q_placeholder, &st, err, "ttt", owner.email, username, ph_hash);
        if (rc == WZ_ROW) {
            owner.user_id = wz_stmt_column_int64(st, 0);
            wz_stmt_reset(st);
            rc = WZ_OK;
        } else if (rc == WZ_DONE) {
            rc = wz_err_set(err, WZ_EFAIL, "the owner's account was not written");
        }
        if (rc == WZ_ECONFLICT) {
            wz_field_error(fe, "owner_email", "an account for it was created at the same time");
            rc = wz_err_set(err, WZ_ECONFLICT,
                            "the owner's account was created at the same "
                            "time by another request; try again");
        }
        if (rc != WZ_OK)
            goto fail;
    }
    int64_t store_id = 0;
    rc = wz_pf_query(db, q_store_insert, &st, err, "ttttitt", code, in->name, sub, in->description,
                     owner.user_id, contact[0] ? contact : NULL, currency);
    if (rc == WZ_ROW) {
        store_id = wz_stmt_column_int64(st, 0);
        wz_stmt_reset(st);
        rc = WZ_OK;
    } else if (rc == WZ_DONE) {
        rc = wz_err_set(err, WZ_EFAIL, "the store was not written");
    }
    int pi = preset_index(preset);
    if (rc == WZ_OK)
        rc = wz_pf_exec(db, q_theme_insert, err, "ittttt", store_id, preset, presets[pi].primary,
                        presets[pi].secondary, presets[pi].accent, presets[pi].font);
    if (rc == WZ_OK && domain[0] != '\0')
        rc = wz_pf_exec(db, q_domain_insert, err, "it", store_id, domain);
    char now[24];
    wz_pf_time((int64_t)time(NULL), now);
    if (rc == WZ_OK && !owner.invite)
        rc = wz_pf_exec(db, q_owner_member, err, "iit", store_id, owner.user_id, now);
    if (rc == WZ_OK && owner.invite) {
        rc =
            wz_invitation_create(db, s, store_id, owner.email, "owner", 0, fe, inv, token_out, err);
    }
    if (rc == WZ_ECONFLICT && fe->n == 0) {
        /* lost a race with another create: say which value, as the pre-check would have */
        check_unique(db, 0, code, sub, domain[0] ? domain : NULL, fe, err);
        rc = wz_err_set(err, WZ_ECONFLICT,
                        "another store took one of these values at the "
                        "same time");
    }
    if (rc != WZ_OK)
        goto fail;
    rc = wz_store_get(db, store_id, out, err);
    if (rc == WZ_OK)
        rc = wz_pf_commit(db, own, err);
    if (rc != WZ_OK)
        goto fail;
    return WZ_OK;
fail:
    token_out[0] = '\0';
    memset(inv, 0, sizeof(*inv));
    wz_pf_rollback(db, own);
    return rc;
}

/* ---- updating */

static const char q_update[] =
    "UPDATE stores SET name = COALESCE($2, name), description = CASE WHEN $3 = 1 THEN $4 ELSE "
    "description END, contact_email = CASE WHEN $5 = 1 THEN $6 ELSE contact_email END, "
    "is_active = CASE WHEN $7 = 1 THEN true WHEN $7 = 0 THEN false ELSE is_active END, "
    "updated_at = $8 WHERE id = $1";
static const char q_theme_update[] =
    "UPDATE store_themes SET preset = $2, primary_color = $3, secondary_color = $4, "
    "accent_color = $5, font_family = $6, updated_at = $7 WHERE store_id = $1";
static const char q_domain_primary[] =
    "SELECT id FROM store_domains WHERE store_id = $1 ORDER BY is_primary DESC, id LIMIT 1";
static const char q_domain_set[] =
    "UPDATE store_domains SET domain = $3, is_primary = true, is_verified = false, verified_at = "
    "NULL, updated_at = $4 WHERE store_id = $1 AND id = $2 AND domain <> $3";
static const char q_domain_drop[] = "DELETE FROM store_domains WHERE store_id = $1";

static void check_update(const struct wz_store_update *up, char domain[254], char contact[321],
                         struct wz_field_errors *fe)
{
    check_name(up->name, false, fe);
    if (up->set_description)
        check_description(up->description, fe);
    if (up->set_contact_email && up->contact_email != NULL)
        check_email("contact_email", up->contact_email, contact, fe);
    check_preset(up->theme_preset, fe);
    if (up->set_custom_domain && up->custom_domain != NULL)
        check_domain(up->custom_domain, domain, fe);
}

void wz_store_update_check(const struct wz_store_update *up, struct wz_field_errors *fe)
{
    char domain[254], contact[321];
    check_update(up, domain, contact, fe);
}

int wz_store_update(struct wz_db *db, const struct wz_settings *s, int64_t store_id,
                    const struct wz_store_update *up, struct wz_field_errors *fe,
                    struct wz_store_info *out, struct wz_err *err)
{
    (void)s;
    memset(out, 0, sizeof(*out));
    char domain[254] = "", contact[321] = "";
    check_update(up, domain, contact, fe);
    if (fe->n > 0)
        return WZ_EUSAGE;

    char now[24];
    wz_pf_time((int64_t)time(NULL), now);
    bool own = false;
    int rc = wz_pf_begin(db, &own, err);
    if (rc != WZ_OK)
        return rc;
    rc = wz_pf_exec(db, q_update, err, "itititit", store_id, up->name,
                    (int64_t)(up->set_description ? 1 : 0), up->description,
                    (int64_t)(up->set_contact_email ? 1 : 0), contact[0] ? contact : NULL,
                    (int64_t)up->is_active, now);
    if (rc == WZ_OK && wz_db_changes(db) != 1)
        rc = wz_err_set(err, WZ_ENOENT, "store %lld not found", (long long)store_id);
    if (rc == WZ_OK && up->theme_preset != NULL) {
        int pi = preset_index(up->theme_preset);
        rc = wz_pf_exec(db, q_theme_update, err, "itttttt", store_id, up->theme_preset,
                        presets[pi].primary, presets[pi].secondary, presets[pi].accent,
                        presets[pi].font, now);
        if (rc == WZ_OK && wz_db_changes(db) == 0)
            rc = wz_pf_exec(db, q_theme_insert, err, "ittttt", store_id, up->theme_preset,
                            presets[pi].primary, presets[pi].secondary, presets[pi].accent,
                            presets[pi].font);
    }
    if (rc == WZ_OK && up->set_custom_domain && domain[0] == '\0') {
        rc = wz_pf_exec(db, q_domain_drop, err, "i", store_id);
    } else if (rc == WZ_OK && up->set_custom_domain) {
        rc = check_unique(db, store_id, NULL, NULL, domain, fe, err);
        int64_t did = 0;
        bool has_domain = false;
        if (rc == WZ_OK)
            rc = wz_pf_int64(db, q_domain_primary, &did, &has_domain, err, "i", store_id);
        if (rc == WZ_OK && has_domain)
            rc = wz_pf_exec(db, q_domain_set, err, "iitt", store_id, did, domain, now);
        else if (rc == WZ_OK)
            rc = wz_pf_exec(db, q_domain_insert, err, "it", store_id, domain);
        if (rc == WZ_ECONFLICT && fe->n == 0)
            wz_field_error(fe, "custom_domain", "'%s' is taken by another store", domain);
    }
    if (rc == WZ_OK)
        rc = wz_store_get(db, store_id, out, err);
    if (rc == WZ_OK)
        rc = wz_pf_commit(db, own, err);
    if (rc != WZ_OK)
        wz_pf_rollback(db, own);
    return rc;
}

/* ---- the team and the orders */

static const char q_exists[] = "SELECT id FROM stores WHERE id = $1";
static const char q_team[] =
    "SELECT su.user_id, u.email, u.username, u.first_name, u.last_name, r.name, CASE WHEN "
    "su.is_active THEN 1 ELSE 0 END, CASE WHEN u.is_active THEN 1 ELSE 0 END, su.joined_at FROM "
    "store_users su JOIN users u ON u.id = su.user_id JOIN roles r ON r.id = su.role_id WHERE "
    "su.store_id = $1 ORDER BY CASE WHEN r.name = 'owner' THEN 0 ELSE 1 END, su.id";

int wz_store_team(struct wz_db *db, int64_t store_id, struct wz_team_member **out, size_t *n,
                  struct wz_err *err)
{
    *out = NULL;
    *n = 0;
    int64_t id = 0;
    bool found = false;
    int rc = wz_pf_int64(db, q_exists, &id, &found, err, "i", store_id);
    if (rc != WZ_OK)
        return rc;
    if (!found)
        return wz_err_set(err, WZ_ENOENT, "store %lld not found", (long long)store_id);
    struct wz_stmt *st = NULL;
    size_t cap = 0;
    rc = wz_pf_query(db, q_team, &st, err, "i", store_id);
    while (rc == WZ_ROW) {
        if (*n == cap) {
            size_t ncap = cap ? cap * 2 : 16;
            struct wz_team_member *p = realloc(*out, ncap * sizeof(*p));
            if (p == NULL) {
                rc = wz_err_set(err, WZ_ENOMEM, "out of memory");
                break;
            }
            *out = p;
            cap = ncap;
        }
        struct wz_team_member *m = &(*out)[(*n)++];
        memset(m, 0, sizeof(*m));
        m->user_id = wz_stmt_column_int64(st, 0);
        snprintf(m->email, sizeof(m->email), "%s", wz_stmt_column_text(st, 1));
        snprintf(m->username, sizeof(m->username), "%s", wz_stmt_column_text(st, 2));
        m->has_first_name = !wz_stmt_column_is_null(st, 3);
        snprintf(m->first_name, sizeof(m->first_name), "%s", wz_stmt_column_text(st, 3));
        m->has_last_name = !wz_stmt_column_is_null(st, 4);
        snprintf(m->last_name, sizeof(m->last_name), "%s", wz_stmt_column_text(st, 4));
        snprintf(m->role, sizeof(m->role), "%s", wz_stmt_column_text(st, 5));
        m->is_active = wz_stmt_column_int64(st, 6) == 1;
        m->user_is_active = wz_stmt_column_int64(st, 7) == 1;
        wz_pf_ts(wz_stmt_column_text(st, 8), m->joined_at);
        rc = wz_stmt_step(st, err);
    }
    wz_stmt_reset(st);
    if (rc < 0) {
        free(*out);
        *out = NULL;
        *n = 0;
        return rc;
    }
    return WZ_OK;
}

static const char q_orders[] =
    "SELECT id, order_number, customer_email, status, currency, subtotal_amount, "
    "shipping_amount, tax_amount, total_amount, placed_at FROM orders WHERE store_id = $1 AND "
    "($2 = 0 OR id < $2) ORDER BY id DESC LIMIT $3";

int wz_store_orders(struct wz_db *db, int64_t store_id, int64_t before, int limit,
                    struct wz_store_order **out, size_t *n, bool *has_more, struct wz_err *err)
{
    *out = NULL;
    *n = 0;
    *has_more = false;
    int64_t id = 0;
    bool found = false;
    int rc = wz_pf_int64(db, q_exists, &id, &found, err, "i", store_id);
    if (rc != WZ_OK)
        return rc;
    if (!found)
        return wz_err_set(err, WZ_ENOENT, "store %lld not found", (long long)store_id);
    struct wz_store_order *rows = calloc((size_t)limit + 1, sizeof(*rows));
    if (rows == NULL)
        return wz_err_set(err, WZ_ENOMEM, "out of memory");
    struct wz_stmt *st = NULL;
    rc = wz_pf_query(db, q_orders, &st, err, "iii", store_id, before, (int64_t)limit + 1);
    size_t got = 0;
    while (rc == WZ_ROW) {
        struct wz_store_order *o = &rows[got++];
        o->id = wz_stmt_column_int64(st, 0);
        snprintf(o->order_number, sizeof(o->order_number), "%s", wz_stmt_column_text(st, 1));
        o->has_customer_email = !wz_stmt_column_is_null(st, 2);
        snprintf(o->customer_email, sizeof(o->customer_email), "%s", wz_stmt_column_text(st, 2));
        snprintf(o->status, sizeof(o->status), "%s", wz_stmt_column_text(st, 3));
        snprintf(o->currency, sizeof(o->currency), "%s", wz_stmt_column_text(st, 4));
        o->subtotal_amount = wz_stmt_column_int64(st, 5);
        o->shipping_amount = wz_stmt_column_int64(st, 6);
        o->tax_amount = wz_stmt_column_int64(st, 7);
        o->total_amount = wz_stmt_column_int64(st, 8);
        wz_pf_ts(wz_stmt_column_text(st, 9), o->placed_at);
        rc = got <= (size_t)limit ? wz_stmt_step(st, err) : WZ_DONE;
    }
    wz_stmt_reset(st);
    if (rc < 0) {
        free(rows);
        return rc;
    }
    if (got > (size_t)limit) {
        *has_more = true;
        got = (size_t)limit;
    }
    *out = rows;
    *n = got;
    return WZ_OK;
}
