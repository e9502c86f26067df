/* The values of every demo row: see demo_rows.h. */
#include "seed/demo_rows.h"

#include <inttypes.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "core/err.h"
#include "core/password.h"
#include "seed/demo_stores.h"
#include "seed/rbac.h"

/* (table, field) of every stream, in enum order: the stream names are part of the data's
 * identity (renaming one changes that column in every demo database). */
static const char *const stream_names[WZ_DS_COUNT][2] = {
    [WZ_DS_STORE_CATEGORY] = {"stores", "category"},
    [WZ_DS_STORE_NAME] = {"stores", "name"},
    [WZ_DS_STORE_DESCRIPTION] = {"stores", "description"},
    [WZ_DS_STORE_VERIFIED] = {"stores", "is_verified"},
    [WZ_DS_STORE_TEAM] = {"stores", "team_size"},
    [WZ_DS_DOMAIN_HAS] = {"store_domains", "has_domain"},
    [WZ_DS_DOMAIN_NAME] = {"store_domains", "domain"},
    [WZ_DS_DOMAIN_VERIFIED] = {"store_domains", "is_verified"},
    [WZ_DS_DOMAIN_VERIFIED_AT] = {"store_domains", "verified_at"},
    [WZ_DS_THEME_PRESET] = {"store_themes", "preset"},
    [WZ_DS_THEME_PRIMARY] = {"store_themes", "primary_color"},
    [WZ_DS_THEME_SECONDARY] = {"store_themes", "secondary_color"},
    [WZ_DS_THEME_ACCENT] = {"store_themes", "accent_color"},
    [WZ_DS_THEME_FONT] = {"store_themes", "font_family"},
    [WZ_DS_USER_FIRST] = {"users", "first_name"},
    [WZ_DS_USER_LAST] = {"users", "last_name"},
    [WZ_DS_USER_EMAIL] = {"users", "email"},
    [WZ_DS_USER_ROLE] = {"store_users", "role_id"},
    [WZ_DS_USER_JOINED] = {"store_users", "joined_at"},
    [WZ_DS_CUST_FIRST] = {"customers", "first_name"},
    [WZ_DS_CUST_LAST] = {"customers", "last_name"},
    [WZ_DS_CUST_EMAIL] = {"customers", "email"},
    [WZ_DS_CUST_COUNTRY] = {"customers", "country"},
    [WZ_DS_CUST_PHONE] = {"customers", "phone"},
    [WZ_DS_CUST_MARKETING] = {"customers", "accepts_marketing"},
    [WZ_DS_CUST_ACTIVE] = {"customers", "is_active"},
    [WZ_DS_CUST_ADDRESSES] = {"customers", "address_count"},
    [WZ_DS_ADDR_STREET] = {"customer_addresses", "line1"},
    [WZ_DS_ADDR_LINE2] = {"customer_addresses", "line2"},
    [WZ_DS_PROD_TITLE] = {"products", "title"},
    [WZ_DS_PROD_DESCRIPTION] = {"products", "description"},
    [WZ_DS_PROD_PRICE] = {"products", "price_amount"},
    [WZ_DS_PROD_STOCK] = {"products", "stock_quantity"},
    [WZ_DS_PROD_STATUS] = {"products", "status"},
    [WZ_DS_PROD_LISTED] = {"products", "listed"},
    [WZ_DS_MP_MARKETPLACE] = {"marketplace_products", "marketplace"},
    [WZ_DS_MP_STATUS] = {"marketplace_products", "status"},
    [WZ_DS_MP_EXTERNAL_ID] = {"marketplace_products", "external_id"},
    [WZ_DS_MP_LISTED_AT] = {"marketplace_products", "listed_at"},
    [WZ_DS_ORDER_PLACED] = {"orders", "placed_at"},
    [WZ_DS_ORDER_STATUS] = {"orders", "status"},
    [WZ_DS_ORDER_CUSTOMER] = {"orders", "customer_id"},
    [WZ_DS_ORDER_LINES] = {"orders", "item_count"},
    [WZ_DS_ITEM_PRODUCT] = {"order_items", "product_id"},
    [WZ_DS_ITEM_QUANTITY] = {"order_items", "quantity"},
    [WZ_DS_ORDER_SLOT] = {"orders", "time_slot"},
    [WZ_DS_ORDER_GUEST] = {"orders", "is_guest"},
    [WZ_DS_GUEST_FIRST] = {"orders", "guest_first_name"},
    [WZ_DS_GUEST_LAST] = {"orders", "guest_last_name"},
    [WZ_DS_GUEST_EMAIL] = {"orders", "customer_email"},
    [WZ_DS_GUEST_ADDRESS] = {"orders", "shipping_address"},
};

void wz_demo_gen_init(struct wz_demo_gen *g, uint64_t seed, int64_t ref_epoch, const char *currency)
{
    memset(g, 0, sizeof(*g));
    g->seed = seed;
    g->ref_epoch = ref_epoch;
    snprintf(g->currency, sizeof(g->currency), "%s", currency != NULL ? currency : "EUR");
    for (int i = 0; i < WZ_DS_COUNT; i++)
        g->keys[i] = wz_rng_key(seed, stream_names[i][0], stream_names[i][1]);
}

/* Row identity within a table: store k, row i within the store, sub-row (address, line). */
static uint64_t row_id(int64_t k, int64_t i, int sub)
{
    return ((uint64_t)k << 40) | ((uint64_t)i << 8) | (uint64_t)sub;
}

static struct wz_rng stream(const struct wz_demo_gen *g, enum wz_demo_stream s, uint64_t row)
{
    struct wz_rng r;
    wz_rng_init_key(&r, g->keys[s], row);
    return r;
}

/* A fixed-size field from a format; WZ_EFAIL when it does not fit. */
static int fit(int n, size_t size)
{
    return n < 0 || (size_t)n >= size ? WZ_EFAIL : WZ_OK;
}

static int iso_days_before(const struct wz_demo_gen *g, enum wz_demo_stream s, uint64_t row,
                           int min_days, int max_days, char *buf, size_t size)
{
    struct wz_rng r = stream(g, s, row);
    int64_t t = g->ref_epoch - wz_rng_range(&r, min_days, max_days) * 86400 +
                wz_rng_range(&r, 8 * 3600, 19 * 3600);
    return wz_fake_iso8601(t, buf, size) < 0 ? WZ_EFAIL : WZ_OK;
}

static const char *const member_roles[] = {WZ_ROLE_MANAGER, WZ_ROLE_STAFF, WZ_ROLE_SUPPORT,
                                           WZ_ROLE_VIEWER};

int wz_demo_store(const struct wz_demo_gen *g, int64_t k, struct wz_demo_store *out)
{
    memset(out, 0, sizeof(*out));
    out->k = k;
    uint64_t row = row_id(k, 0, 0);
    struct wz_rng r;
    if (k >= 1 && (size_t)k <= wz_demo_store_count) {
        const struct wz_demo_store_def *d = &wz_demo_stores[k - 1];
        int cat = wz_fake_category_from_name(d->category);
        out->category = cat >= 0 ? (enum wz_fake_category)cat : WZ_FAKE_HOME;
        if (fit(snprintf(out->code, sizeof(out->code), "%s", d->store_code), sizeof(out->code)) ||
            fit(snprintf(out->name, sizeof(out->name), "%s", d->name), sizeof(out->name)) ||
            fit(snprintf(out->subdomain, sizeof(out->subdomain), "%s", d->subdomain),
                sizeof(out->subdomain)) ||
            fit(snprintf(out->description, sizeof(out->description), "%s", d->description),
                sizeof(out->description)))
            return WZ_EFAIL;
        out->is_verified = true;
        out->preset = d->theme_preset;
        out->has_domain = d->custom_domain != NULL;
        if (out->has_domain &&
            fit(snprintf(out->domain, sizeof(out->domain), "%s", d->custom_domain),
                sizeof(out->domain)))
            return WZ_EFAIL;
        out->domain_verified = out->has_domain && d->custom_domain_verified;
        out->nusers = 0;
        for (size_t u = 0; u < wz_demo_store_user_count; u++)
            if (strcmp(wz_demo_store_users[u].store_code, d->store_code) == 0)
                out->nusers++;
    } else {
        r = stream(g, WZ_DS_STORE_CATEGORY, row);
        out->category = (enum wz_fake_category)wz_rng_pick(&r, WZ_FAKE_CATEGORY_COUNT);
        r = stream(g, WZ_DS_STORE_NAME, row);
        if (wz_fake_store_name(&r, out->category, out->name, sizeof(out->name)) < 0 ||
            wz_fake_store_code(out->name, (uint64_t)k, out->code, sizeof(out->code)) < 0 ||
            wz_fake_subdomain(out->name, (uint64_t)k, out->subdomain, sizeof(out->subdomain)) < 0)
            return WZ_EFAIL;
        r = stream(g, WZ_DS_STORE_DESCRIPTION, row);
        if (wz_fake_store_description(&r, out->category, out->name, out->description,
                                      sizeof(out->description)) < 0)
            return WZ_EFAIL;
        r = stream(g, WZ_DS_STORE_VERIFIED, row);
        out->is_verified = wz_rng_chance(&r, 80);
        r = stream(g, WZ_DS_THEME_PRESET, row);
        out->preset = wz_fake_theme_preset(&r);
        r = stream(g, WZ_DS_DOMAIN_HAS, row);
        out->has_domain = wz_rng_chance(&r, 40);
        if (out->has_domain) {
            r = stream(g, WZ_DS_DOMAIN_NAME, row);
            if (wz_fake_custom_domain(&r, out->subdomain, out->domain, sizeof(out->domain)) < 0)
                return WZ_EFAIL;
            r = stream(g, WZ_DS_DOMAIN_VERIFIED, row);
            out->domain_verified = wz_rng_chance(&r, 70);
        }
        r = stream(g, WZ_DS_STORE_TEAM, row);
        out->nusers = 1 + (int)wz_rng_range(&r, 2, WZ_DEMO_MAX_TEAM - 1);
    }
    if (fit(snprintf(out->contact_email, sizeof(out->contact_email), "hello@%s.example.com",
                     out->subdomain),
            sizeof(out->contact_email)))
        return WZ_EFAIL;
    r = stream(g, WZ_DS_THEME_PRIMARY, row);
    wz_fake_hex_color(&r, out->preset, out->primary, sizeof(out->primary));
    r = stream(g, WZ_DS_THEME_SECONDARY, row);
    wz_fake_hex_color(&r, out->preset, out->secondary, sizeof(out->secondary));
    r = stream(g, WZ_DS_THEME_ACCENT, row);
    wz_fake_hex_color(&r, out->preset, out->accent, sizeof(out->accent));
    static const char *const fonts_modern[] = {"Inter", "Roboto", "Poppins"};
    static const char *const fonts_classic[] = {"Georgia", "Merriweather", "Playfair Display"};
    static const char *const fonts_vibrant[] = {"Montserrat", "Nunito", "Raleway"};
    const char *const *fonts = strcmp(out->preset, "classic") == 0   ? fonts_classic
                               : strcmp(out->preset, "vibrant") == 0 ? fonts_vibrant
                                                                     : fonts_modern;
    r = stream(g, WZ_DS_THEME_FONT, row);
    out->font_family = fonts[wz_rng_pick(&r, 3)];
    if (out->domain_verified &&
        iso_days_before(g, WZ_DS_DOMAIN_VERIFIED_AT, row, 10, 400, out->domain_verified_at,
                        sizeof(out->domain_verified_at)) != WZ_OK)
        return WZ_EFAIL;
    return WZ_OK;
}

/* Copies the local part of an email (before '@'). */
static int local_part(const char *email, char *buf, size_t size)
{
    const char *at = strchr(email, '@');
    size_t n = at != NULL ? (size_t)(at - email) : strlen(email);
    if (n >= size)
        return WZ_EFAIL;
    memcpy(buf, email, n);
    buf[n] = '\0';
    return WZ_OK;
}

int wz_demo_user(const struct wz_demo_gen *g, const struct wz_demo_store *s, int j,
                 struct wz_demo_user *out)
{
    memset(out, 0, sizeof(*out));
    uint64_t row = row_id(s->k, j, 0);
    out->password = WZ_DEMO_PASSWORD;
    if (s->k >= 1 && (size_t)s->k <= wz_demo_store_count) {
        /* the list's users of this store, owner first, then in list order */
        const struct wz_demo_user_def *pick = NULL;
        int seen = 0;
        for (int pass = 0; pass < 2 && pick == NULL; pass++) {
            for (size_t u = 0; u < wz_demo_store_user_count && pick == NULL; u++) {
                const struct wz_demo_user_def *d = &wz_demo_store_users[u];
                bool owner = strcmp(d->role, WZ_ROLE_OWNER) == 0;
                if (strcmp(d->store_code, s->code) != 0 || owner != (pass == 0))
                    continue;
                if (seen++ == j)
                    pick = d;
            }
        }
        if (pick == NULL)
            return WZ_EFAIL;
        if (fit(snprintf(out->email, sizeof(out->email), "%s", pick->email), sizeof(out->email)) ||
            fit(snprintf(out->username, sizeof(out->username), "%s", pick->username),
                sizeof(out->username)) ||
            fit(snprintf(out->first_name, sizeof(out->first_name), "%s", pick->first_name),
                sizeof(out->first_name)) ||
            fit(snprintf(out->last_name, sizeof(out->last_name), "%s", pick->last_name),
                sizeof(out->last_name)))
            return WZ_EFAIL;
        out->password = pick->password;
        out->role = pick->role;
    } else {
        struct wz_rng r = stream(g, WZ_DS_USER_FIRST, row);
        snprintf(out->first_name, sizeof(out->first_name), "%s", wz_fake_first_name(&r));
        r = stream(g, WZ_DS_USER_LAST, row);
        snprintf(out->last_name, sizeof(out->last_name), "%s", wz_fake_last_name(&r));
        if (j == 0) {
            out->role = WZ_ROLE_OWNER;
            snprintf(out->email, sizeof(out->email), "store%" PRId64 "@example.com", s->k);
        } else {
            /* members: manager, staff, then support or viewer */
            r = stream(g, WZ_DS_USER_ROLE, row);
            out->role = j <= 2 ? member_roles[j - 1] : member_roles[2 + wz_rng_pick(&r, 2)];
            r = stream(g, WZ_DS_USER_EMAIL, row);
            /* n = 10k + j: unique across stores, so logins are unique platform-wide */
            if (wz_fake_email(&r, out->first_name, out->last_name,
                              (uint64_t)s->k * 10 + (uint64_t)j, out->email,
                              sizeof(out->email)) < 0)
                return WZ_EFAIL;
        }
        if (local_part(out->email, out->username, sizeof(out->username)) != WZ_OK)
            return WZ_EFAIL;
    }
    return iso_days_before(g, WZ_DS_USER_JOINED, row, j == 0 ? 400 : 30, j == 0 ? 900 : 380,
                           out->joined_at, sizeof(out->joined_at));
}

/* Customer i's country alone (what wz_demo_customer draws for it). */
static const char *customer_country(const struct wz_demo_gen *g, int64_t k, int64_t i)
{
    struct wz_rng r = stream(g, WZ_DS_CUST_COUNTRY, row_id(k, i, 0));
    return wz_fake_country(&r);
}

int wz_demo_customer(const struct wz_demo_gen *g, int64_t k, int64_t i,
                     struct wz_demo_customer *out)
{
    uint64_t row = row_id(k, i, 0);
    struct wz_rng r = stream(g, WZ_DS_CUST_FIRST, row);
    const char *first = wz_fake_first_name(&r);
    r = stream(g, WZ_DS_CUST_LAST, row);
    const char *last = wz_fake_last_name(&r);
    if (fit(snprintf(out->first_name, sizeof(out->first_name), "%s", first),
            sizeof(out->first_name)) ||
        fit(snprintf(out->last_name, sizeof(out->last_name), "%s", last), sizeof(out->last_name)))
        return WZ_EFAIL;
    r = stream(g, WZ_DS_CUST_EMAIL, row);
    if (wz_fake_email(&r, first, last, (uint64_t)i, out->email, sizeof(out->email)) < 0)
        return WZ_EFAIL;
    out->country = customer_country(g, k, i);
    r = stream(g, WZ_DS_CUST_PHONE, row);
    if (wz_fake_phone(&r, out->country, out->phone, sizeof(out->phone)) < 0)
        return WZ_EFAIL;
    r = stream(g, WZ_DS_CUST_MARKETING, row);
    out->accepts_marketing = wz_rng_chance(&r, 40);
    r = stream(g, WZ_DS_CUST_ACTIVE, row);
    out->is_active = wz_rng_chance(&r, 95);
    r = stream(g, WZ_DS_CUST_ADDRESSES, row);
    out->naddresses = wz_rng_chance(&r, 35) ? 2 : 1;
    return WZ_OK;
}

int wz_demo_address(const struct wz_demo_gen *g, int64_t k, int64_t i,
                    const struct wz_demo_customer *c, int a, struct wz_demo_address *out)
{
    uint64_t row = row_id(k, i, a);
    out->kind = a == 0 ? "shipping" : "billing";
    out->is_default = true; /* the customer's one address of that kind */
    if (fit(snprintf(out->full_name, sizeof(out->full_name), "%s %s", c->first_name, c->last_name),
            sizeof(out->full_name)))
        return WZ_EFAIL;
    struct wz_rng r = stream(g, WZ_DS_ADDR_STREET, row);
    if (wz_fake_address(&r, c->country, &out->addr) != 0)
        return WZ_EFAIL;
    r = stream(g, WZ_DS_ADDR_LINE2, row);
    out->line2[0] = '\0';
    if (wz_rng_chance(&r, 15)) {
        static const char *const kinds[] = {"Apt", "Floor", "Unit"};
        const char *kind = kinds[wz_rng_pick(&r, 3)];
        snprintf(out->line2, sizeof(out->line2), "%s %d", kind, (int)wz_rng_range(&r, 1, 24));
    }
    return WZ_OK;
}

/* Appends a JSON string (quoted, escaped) or null. */
static void json_str(char *buf, size_t size, size_t *n, const char *s)
{
    if (*n >= size)
        return;
    if (s == NULL || s[0] == '\0') {
        int w = snprintf(buf + *n, size - *n, "null");
        *n += w > 0 ? (size_t)w : 0;
        return;
    }
    if (*n + 1 < size)
        buf[(*n)++] = '"';
    for (const char *p = s; *p != '\0' && *n + 2 < size; p++) {
        unsigned char c = (unsigned char)*p;
        if (c == '"' || c == '\\') {
            buf[(*n)++] = '\\';
            buf[(*n)++] = (char)c;
        } else if (c < 0x20) {
            int w = snprintf(buf + *n, size - *n, "\\u%04x", c);
            *n += w > 0 ? (size_t)w : 0;
        } else {
            buf[(*n)++] = (char)c;
        }
    }
    if (*n + 1 < size)
        buf[(*n)++] = '"';
    else
        *n = size;
}

int wz_demo_address_json(const struct wz_demo_address *a, char *buf, size_t size)
{
    static const char *const keys[] = {"name",     "line1",  "line2",  "city",
                                       "postcode", "region", "country"};
    const char *vals[] = {a->full_name,     a->addr.street, a->line2,       a->addr.city,
                          a->addr.postcode, a->addr.region, a->addr.country};
    size_t n = 0;
    for (int f = 0; f < 7; f++) {
        int w = snprintf(buf + n, size - n, "%s\"%s\": ", f == 0 ? "{" : ", ", keys[f]);
        if (w < 0 || (size_t)w >= size - n)
            return WZ_EFAIL;
        n += (size_t)w;
        json_str(buf, size, &n, vals[f]);
        if (n + 2 >= size)
            return WZ_EFAIL;
    }
    buf[n++] = '}';
    buf[n] = '\0';
    return (int)n;
}

/* Product i's item type: the first draw of its title's stream, so that its price (drawn from
 * its own stream) fits its title. */
static size_t product_type(const struct wz_demo_gen *g, const struct wz_demo_store *s, int64_t i)
{
    struct wz_rng r = stream(g, WZ_DS_PROD_TITLE, row_id(s->k, i, 0));
    return wz_fake_item_type(&r, s->category);
}

int64_t wz_demo_product_price(const struct wz_demo_gen *g, const struct wz_demo_store *s, int64_t i)
{
    size_t type = product_type(g, s, i);
    struct wz_rng r = stream(g, WZ_DS_PROD_PRICE, row_id(s->k, i, 0));
    return wz_fake_item_price_cents(&r, s->category, type);
}

int wz_demo_product_sku(const struct wz_demo_store *s, int64_t i, char *buf, size_t size)
{
    return wz_fake_sku(s->code, s->category, (uint64_t)i, buf, size) < 0 ? WZ_EFAIL : WZ_OK;
}

int wz_demo_product_title(const struct wz_demo_gen *g, const struct wz_demo_store *s, int64_t i,
                          char *buf, size_t size)
{
    struct wz_rng r = stream(g, WZ_DS_PROD_TITLE, row_id(s->k, i, 0));
    return wz_fake_product_title(&r, s->category, buf, size) < 0 ? WZ_EFAIL : WZ_OK;
}

const char *wz_demo_product_status(const struct wz_demo_gen *g, const struct wz_demo_store *s,
                                   int64_t i)
{
    if (i == 1)
        return "active";
    struct wz_rng r = stream(g, WZ_DS_PROD_STATUS, row_id(s->k, i, 0));
    return wz_fake_product_status(&r);
}

int wz_demo_product(const struct wz_demo_gen *g, const struct wz_demo_store *s, int64_t i,
                    struct wz_demo_product *out)
{
    uint64_t row = row_id(s->k, i, 0);
    if (wz_demo_product_sku(s, i, out->sku, sizeof(out->sku)) != WZ_OK ||
        wz_demo_product_title(g, s, i, out->title, sizeof(out->title)) != WZ_OK)
        return WZ_EFAIL;
    struct wz_rng r = stream(g, WZ_DS_PROD_DESCRIPTION, row);
    if (wz_fake_product_description(&r, s->category, out->description, sizeof(out->description)) <
        0)
        return WZ_EFAIL;
    out->price = wz_demo_product_price(g, s, i);
    r = stream(g, WZ_DS_PROD_STOCK, row);
    out->stock = wz_fake_stock(&r);
    out->status = wz_demo_product_status(g, s, i);
    /* a third of the active catalogue is also offered on a marketplace */
    r = stream(g, WZ_DS_PROD_LISTED, row);
    out->listed = strcmp(out->status, "active") == 0 && wz_rng_chance(&r, 35);
    out->marketplace = NULL;
    out->mp_status = NULL;
    out->external_id[0] = '\0';
    out->has_listed_at = false;
    out->listed_at[0] = '\0';
    if (!out->listed)
        return WZ_OK;
    static const char *const marketplaces[] = {"wizamart", "amazon", "ebay"};
    static const char *const prefixes[] = {"WZM", "AMZ", "EBY"};
    static const unsigned mp_weights[] = {60, 25, 15};
    r = stream(g, WZ_DS_MP_MARKETPLACE, row);
    size_t m = wz_rng_weighted(&r, mp_weights, 3);
    out->marketplace = marketplaces[m];
    static const char *const statuses[] = {"listed", "pending", "delisted", "rejected"};
    static const unsigned st_weights[] = {75, 12, 9, 4};
    r = stream(g, WZ_DS_MP_STATUS, row);
    out->mp_status = statuses[wz_rng_weighted(&r, st_weights, 4)];
    r = stream(g, WZ_DS_MP_EXTERNAL_ID, row);
    snprintf(out->external_id, sizeof(out->external_id), "%s-%010" PRIu64, prefixes[m],
             wz_rng_next_u64(&r) % UINT64_C(10000000000));
    out->has_listed_at =
        strcmp(out->mp_status, "listed") == 0 || strcmp(out->mp_status, "delisted") == 0;
    if (out->has_listed_at && iso_days_before(g, WZ_DS_MP_LISTED_AT, row, 1, 300, out->listed_at,
                                              sizeof(out->listed_at)) != WZ_OK)
        return WZ_EFAIL;
    return WZ_OK;
}

/* The window's segments, oldest first: days from the window's start, and the slots (orders)
 * each holds out of WZ_DEMO_MAX_ORDERS. More slots per day in the recent segments is what
 * makes recent orders more frequent; each slot has at least one second of its own. */
static const struct {
    int first_day, days;
    int64_t slots;
} order_segments[] = {
    {0, 122, 419430},  /* 182 to 60 days before the reference date: 40 % */
    {122, 46, 314573}, /* 60 to 14 days: 30 % */
    {168, 11, 209715}, /* 14 to 3 days: 20 % */
    {179, 3, 104858},  /* the last 3 days: 10 % */
};
#define SHOP_DAY_START   (6 * 3600)
#define SHOP_DAY_SECONDS (16 * 3600)

/* Order i's time slot in 0..WZ_DEMO_MAX_ORDERS-1 (0 the oldest): a keyed permutation of the
 * order numbers (a four-round Feistel network on 20 bits), so that every order of a store
 * has a slot of its own, whatever the number of orders, and slots are spread evenly. */
static int64_t order_slot(const struct wz_demo_gen *g, int64_t k, int64_t i)
{
    uint64_t x = (uint64_t)(i - 1);
    uint64_t left = x >> 10, right = x & 0x3ff;
    for (int round = 0; round < 4; round++) {
        struct wz_rng r = stream(g, WZ_DS_ORDER_SLOT, row_id(k, (int64_t)right, round));
        uint64_t next = left ^ (wz_rng_next_u64(&r) & 0x3ff);
        left = right;
        right = next;
    }
    return (int64_t)((left << 10) | right);
}

/* The time of a slot, strictly increasing with it; jitter picks the second within the slot's
 * share of its segment. */
static int64_t slot_epoch(const struct wz_demo_gen *g, int64_t slot, struct wz_rng *jitter)
{
    int64_t first = 0;
    size_t n = sizeof(order_segments) / sizeof(order_segments[0]);
    size_t seg = 0;
    while (seg + 1 < n && slot >= first + order_segments[seg].slots)
        first += order_segments[seg++].slots;
    int64_t v = slot - first;
    int64_t span = (int64_t)order_segments[seg].days * SHOP_DAY_SECONDS;
    int64_t nslots = order_segments[seg].slots;
    int64_t x = v * span / nslots + wz_rng_range(jitter, 0, span / nslots - 1);
    int64_t day = g->ref_epoch / 86400 - WZ_DEMO_ORDER_DAYS + order_segments[seg].first_day +
                  x / SHOP_DAY_SECONDS;
    return day * 86400 + SHOP_DAY_START + x % SHOP_DAY_SECONDS;
}

int wz_demo_order(const struct wz_demo_gen *g, const struct wz_demo_store *s, int64_t i,
                  int64_t ncustomers, int64_t nproducts, struct wz_demo_order *out)
{
    if (i < 1 || i > WZ_DEMO_MAX_ORDERS || ncustomers < 1 || nproducts < 1)
        return WZ_EFAIL;
    uint64_t row = row_id(s->k, i, 0);
    int64_t slot = order_slot(g, s->k, i);
    struct wz_rng r = stream(g, WZ_DS_ORDER_PLACED, row);
    out->placed_epoch = slot_epoch(g, slot, &r);
    /* the slot, not the row, numbers the order: numbers then sort as the orders were placed
     * (1000000 + slot: always seven digits, so they sort as text too) */
    if (wz_fake_iso8601(out->placed_epoch, out->placed_at, sizeof(out->placed_at)) < 0 ||
        wz_fake_order_number(wz_fake_epoch_year(out->placed_epoch), 1000000 + (uint64_t)slot,
                             out->number, sizeof(out->number)) < 0)
        return WZ_EFAIL;
    r = stream(g, WZ_DS_ORDER_STATUS, row);
    out->status = wz_fake_order_status(&r, g->ref_epoch - out->placed_epoch);
    r = stream(g, WZ_DS_ORDER_CUSTOMER, row);
    out->customer_no = wz_rng_range(&r, 1, ncustomers);
    out->country = customer_country(g, s->k, out->customer_no);
    out->vat_percent = wz_fake_vat_percent(out->country);
    r = stream(g, WZ_DS_ORDER_GUEST, row);
    out->guest = wz_rng_chance(&r, WZ_DEMO_GUEST_PERCENT);
    out->guest_name[0] = '\0';
    if (out->guest) {
        r = stream(g, WZ_DS_GUEST_FIRST, row);
        const char *first = wz_fake_first_name(&r);
        r = stream(g, WZ_DS_GUEST_LAST, row);
        const char *last = wz_fake_last_name(&r);
        r = stream(g, WZ_DS_GUEST_EMAIL, row);
        if (fit(snprintf(out->guest_name, sizeof(out->guest_name), "%s %s", first, last),
                sizeof(out->guest_name)) ||
            wz_fake_email(&r, first, last, (uint64_t)i, out->customer_email,
                          sizeof(out->customer_email)) < 0)
            return WZ_EFAIL;
    } else {
        /* the customer's email alone: three streams, not the whole row */
        uint64_t crow = row_id(s->k, out->customer_no, 0);
        r = stream(g, WZ_DS_CUST_FIRST, crow);
        const char *first = wz_fake_first_name(&r);
        r = stream(g, WZ_DS_CUST_LAST, crow);
        const char *last = wz_fake_last_name(&r);
        r = stream(g, WZ_DS_CUST_EMAIL, crow);
        if (wz_fake_email(&r, first, last, (uint64_t)out->customer_no, out->customer_email,
                          sizeof(out->customer_email)) < 0)
            return WZ_EFAIL;
    }
    r = stream(g, WZ_DS_ORDER_LINES, row);
    int nlines = wz_fake_order_item_count(&r);
    if (nlines > nproducts)
        nlines = (int)nproducts;
    out->nlines = 0;
    out->subtotal = 0;
    for (int l = 0; l < nlines; l++) {
        struct wz_demo_line *line = &out->lines[l];
        r = stream(g, WZ_DS_ITEM_PRODUCT, row_id(s->k, i, l));
        /* an active product not yet in the order; a store with few of them gets a shorter
         * order (the first line can always fall back on product 1, always active) */
        line->product_no = 0;
        for (int tries = 0; tries < 32 && line->product_no == 0; tries++) {
            int64_t p = wz_rng_range(&r, 1, nproducts);
            bool repeat = false;
            for (int q = 0; q < l; q++)
                repeat = repeat || out->lines[q].product_no == p;
            if (!repeat && strcmp(wz_demo_product_status(g, s, p), "active") == 0)
                line->product_no = p;
        }
        if (line->product_no == 0 && l > 0)
            break;
        if (line->product_no == 0)
            line->product_no = 1;
        r = stream(g, WZ_DS_ITEM_QUANTITY, row_id(s->k, i, l));
        line->quantity = wz_fake_quantity(&r);
        line->unit_price = wz_demo_product_price(g, s, line->product_no);
        line->line_total = line->quantity * line->unit_price;
        out->subtotal += line->line_total;
        out->nlines = l + 1;
    }
    out->shipping = out->subtotal >= WZ_DEMO_FREE_SHIPPING_CENTS ? 0 : WZ_DEMO_SHIPPING_CENTS;
    out->tax = (out->subtotal * out->vat_percent + 50) / 100;
    out->total = out->subtotal + out->shipping + out->tax;
    return WZ_OK;
}

int wz_demo_order_address_json(const struct wz_demo_gen *g, const struct wz_demo_store *s,
                               int64_t i, const struct wz_demo_order *o, char *buf, size_t size)
{
    struct wz_demo_address ad;
    if (!o->guest) {
        struct wz_demo_customer c;
        memset(&c, 0, sizeof(c));
        if (wz_demo_customer(g, s->k, o->customer_no, &c) != WZ_OK ||
            wz_demo_address(g, s->k, o->customer_no, &c, 0, &ad) != WZ_OK)
            return WZ_EFAIL;
        return wz_demo_address_json(&ad, buf, size);
    }
    memset(&ad, 0, sizeof(ad));
    ad.kind = "shipping";
    ad.is_default = true;
    snprintf(ad.full_name, sizeof(ad.full_name), "%s", o->guest_name);
    struct wz_rng r = stream(g, WZ_DS_GUEST_ADDRESS, row_id(s->k, i, 0));
    if (wz_fake_address(&r, o->country, &ad.addr) != 0)
        return WZ_EFAIL;
    return wz_demo_address_json(&ad, buf, size);
}

int wz_demo_parse_date(const char *text, int64_t *epoch)
{
    int y, m, d, used = 0;
    if (text == NULL || strlen(text) != 10 || text[4] != '-' || text[7] != '-' ||
        sscanf(text, "%4d-%2d-%2d%n", &y, &m, &d, &used) != 3 || used != 10)
        return -1;
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (y < 1970 || y > 9999 || m < 1 || m > 12 || d < 1 ||
        d > mdays[m - 1] + (m == 2 && leap ? 1 : 0))
        return -1;
    /* Howard Hinnant's days_from_civil */
    int64_t yy = m <= 2 ? y - 1 : y;
    int64_t era = yy / 400;
    int64_t yoe = yy - era * 400;
    int64_t mp = (m + 9) % 12;
    int64_t doy = (153 * mp + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    *epoch = (era * 146097 + doe - 719468) * 86400;
    return 0;
}

/* The salt: BLAKE2b of a context, the seed's bytes, then each given string with its NUL (so
 * ("ab", "c") and ("a", "bc") differ). */
static int demo_hash(uint64_t seed, const char *email, const char *password, char *out,
                     struct wz_err *err)
{
    if (sodium_init() < 0)
        return wz_err_set(err, WZ_EFAIL, "cannot initialise libsodium");
    static const char context[] = "wizamart demo password salt";
    unsigned char seed_bytes[8];
    for (int i = 0; i < 8; i++)
        seed_bytes[i] = (unsigned char)(seed >> (8 * i));
    unsigned char salt[WZ_PASSWORD_SALT_BYTES];
    crypto_generichash_state h;
    crypto_generichash_init(&h, NULL, 0, sizeof(salt));
    crypto_generichash_update(&h, (const unsigned char *)context, sizeof(context));
    crypto_generichash_update(&h, seed_bytes, sizeof(seed_bytes));
    if (email != NULL)
        crypto_generichash_update(&h, (const unsigned char *)email, strlen(email) + 1);
    crypto_generichash_update(&h, (const unsigned char *)password, strlen(password));
    crypto_generichash_final(&h, salt, sizeof(salt));
    return wz_password_hash_salted(password, salt, out, err);
}

int wz_demo_user_password_hash(uint64_t seed, const char *email, const char *password, char *out,
                               struct wz_err *err)
{
    return demo_hash(seed, email != NULL ? email : "", password, out, err);
}

int wz_demo_password_hash(uint64_t seed, const char *password, char *out, struct wz_err *err)
{
    return demo_hash(seed, NULL, password, out, err);
}
