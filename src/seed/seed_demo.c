/*
 * The demo seeder: see seed_demo.h. The run walks stores 1..N in batches; for the stores of a
 * batch it writes the teams, the stores and their themes and domains, then customers and their
 * addresses, products and their marketplace listings, orders and their items, table by table.
 * Each referenced row is inserted with ON CONFLICT DO NOTHING RETURNING id (a conflict means
 * "already there": its id is looked up by its natural key), so a second run creates nothing
 * and a raised count adds only the missing rows. Leaf rows (addresses, listings, items) are
 * written only for a parent created in this run, through the bulk path (COPY on PostgreSQL).
 * On PostgreSQL a batch is a run of stores not in the database yet (or one store that is),
 * and a store that has no customers (products, orders) yet gets them through COPY as well,
 * with ids reserved from the table's identity sequence first, since a COPY returns none:
 * nothing can conflict there, and a round trip per row is what makes row-by-row loading slow
 * over a network. One COPY per table per batch, not per store, keeps the client generating
 * rows while the server takes them (the end of a COPY waits for the server to finish it).
 * Elsewhere a batch is one store. The only memory that grows with the settings is one batch's
 * row-number -> id maps.
 */
#include "seed/seed_demo.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/password.h"
#include "core/strbuf.h"
#include "migrate/meta.h"
#include "migrate/runner.h"
#include "schema/model.h"
#include "seed/demo_rows.h"
#include "seed/rbac.h"
#include "seed/rowwriter.h"

const char *const wz_seed_tables[WZ_SEED_NTABLES] = {
    "users",
    "stores",
    "store_domains",
    "store_users",
    "store_themes",
    "customers",
    "customer_addresses",
    "products",
    "marketplace_products",
    "orders",
    "order_items",
};

/* Positions in wz_seed_tables[]. */
enum {
    T_USERS,
    T_STORES,
    T_DOMAINS,
    T_STORE_USERS,
    T_THEMES,
    T_CUSTOMERS,
    T_ADDRESSES,
    T_PRODUCTS,
    T_MARKETPLACE,
    T_ORDERS,
    T_ITEMS,
};
#define STEP_TEAMS "demo stores and their teams"

/*
 * Each table's columns, in the order its writer is opened with: the name and the position the
 * setters use, written once here (a setter cannot name one column and fill another). The bulk
 * writers that give their own ids put "id" first and the same columns after it.
 */
#define COL_POS(pos, name)  pos,
#define COL_NAME(pos, name) name,
#define COLS_USERS(X)                                                                              \
    X(US_EMAIL, "email")                                                                           \
    X(US_USERNAME, "username")                                                                     \
    X(US_PASSWORD_HASH, "password_hash")                                                           \
    X(US_FIRST_NAME, "first_name")                                                                 \
    X(US_LAST_NAME, "last_name")                                                                   \
    X(US_ROLE, "role")                                                                             \
    X(US_IS_ACTIVE, "is_active")                                                                   \
    X(US_IS_EMAIL_VERIFIED, "is_email_verified")                                                   \
    X(US_IS_DEMO, "is_demo")
enum { COLS_USERS(COL_POS) };
#define COLS_STORES(X)                                                                             \
    X(ST_CODE, "code")                                                                             \
    X(ST_NAME, "name")                                                                             \
    X(ST_SUBDOMAIN, "subdomain")                                                                   \
    X(ST_DESCRIPTION, "description")                                                               \
    X(ST_OWNER_USER_ID, "owner_user_id")                                                           \
    X(ST_CONTACT_EMAIL, "contact_email")                                                           \
    X(ST_DEFAULT_CURRENCY, "default_currency")                                                     \
    X(ST_IS_ACTIVE, "is_active")                                                                   \
    X(ST_IS_VERIFIED, "is_verified")                                                               \
    X(ST_IS_DEMO, "is_demo")
enum { COLS_STORES(COL_POS) };
#define COLS_DOMAINS(X)                                                                            \
    X(DO_STORE_ID, "store_id")                                                                     \
    X(DO_DOMAIN, "domain")                                                                         \
    X(DO_IS_PRIMARY, "is_primary")                                                                 \
    X(DO_IS_VERIFIED, "is_verified")                                                               \
    X(DO_VERIFIED_AT, "verified_at")                                                               \
    X(DO_IS_DEMO, "is_demo")
enum { COLS_DOMAINS(COL_POS) };
#define COLS_STORE_USERS(X)                                                                        \
    X(SU_STORE_ID, "store_id")                                                                     \
    X(SU_USER_ID, "user_id")                                                                       \
    X(SU_ROLE_ID, "role_id")                                                                       \
    X(SU_IS_ACTIVE, "is_active")                                                                   \
    X(SU_INVITED_BY_USER_ID, "invited_by_user_id")                                                 \
    X(SU_JOINED_AT, "joined_at")                                                                   \
    X(SU_IS_DEMO, "is_demo")
enum { COLS_STORE_USERS(COL_POS) };
#define COLS_THEMES(X)                                                                             \
    X(TH_STORE_ID, "store_id")                                                                     \
    X(TH_PRESET, "preset")                                                                         \
    X(TH_PRIMARY_COLOR, "primary_color")                                                           \
    X(TH_SECONDARY_COLOR, "secondary_color")                                                       \
    X(TH_ACCENT_COLOR, "accent_color")                                                             \
    X(TH_FONT_FAMILY, "font_family")                                                               \
    X(TH_IS_DEMO, "is_demo")
enum { COLS_THEMES(COL_POS) };
#define COLS_CUSTOMERS(X)                                                                          \
    X(CU_STORE_ID, "store_id")                                                                     \
    X(CU_EMAIL, "email")                                                                           \
    X(CU_FIRST_NAME, "first_name")                                                                 \
    X(CU_LAST_NAME, "last_name")                                                                   \
    X(CU_PHONE, "phone")                                                                           \
    X(CU_ACCEPTS_MARKETING, "accepts_marketing")                                                   \
    X(CU_IS_ACTIVE, "is_active")                                                                   \
    X(CU_IS_DEMO, "is_demo")
enum { COLS_CUSTOMERS(COL_POS) };
#define COLS_ADDRESSES(X)                                                                          \
    X(AD_STORE_ID, "store_id")                                                                     \
    X(AD_CUSTOMER_ID, "customer_id")                                                               \
    X(AD_KIND, "kind")                                                                             \
    X(AD_FULL_NAME, "full_name")                                                                   \
    X(AD_LINE1, "line1")                                                                           \
    X(AD_LINE2, "line2")                                                                           \
    X(AD_CITY, "city")                                                                             \
    X(AD_POSTCODE, "postcode")                                                                     \
    X(AD_REGION, "region")                                                                         \
    X(AD_COUNTRY_CODE, "country_code")                                                             \
    X(AD_PHONE, "phone")                                                                           \
    X(AD_IS_DEFAULT, "is_default")                                                                 \
    X(AD_IS_DEMO, "is_demo")
enum { COLS_ADDRESSES(COL_POS) };
#define COLS_PRODUCTS(X)                                                                           \
    X(PR_STORE_ID, "store_id")                                                                     \
    X(PR_SKU, "sku")                                                                               \
    X(PR_TITLE, "title")                                                                           \
    X(PR_DESCRIPTION, "description")                                                               \
    X(PR_PRICE_AMOUNT, "price_amount")                                                             \
    X(PR_CURRENCY, "currency")                                                                     \
    X(PR_STOCK_QUANTITY, "stock_quantity")                                                         \
    X(PR_STATUS, "status")                                                                         \
    X(PR_IS_DEMO, "is_demo")
enum { COLS_PRODUCTS(COL_POS) };
#define COLS_MARKETPLACE(X)                                                                        \
    X(MP_STORE_ID, "store_id")                                                                     \
    X(MP_PRODUCT_ID, "product_id")                                                                 \
    X(MP_MARKETPLACE, "marketplace")                                                               \
    X(MP_EXTERNAL_ID, "external_id")                                                               \
    X(MP_PRICE_AMOUNT, "price_amount")                                                             \
    X(MP_CURRENCY, "currency")                                                                     \
    X(MP_STATUS, "status")                                                                         \
    X(MP_LISTED_AT, "listed_at")                                                                   \
    X(MP_IS_DEMO, "is_demo")
enum { COLS_MARKETPLACE(COL_POS) };
#define COLS_ORDERS(X)                                                                             \
    X(OR_STORE_ID, "store_id")                                                                     \
    X(OR_ORDER_NUMBER, "order_number")                                                             \
    X(OR_CUSTOMER_ID, "customer_id")                                                               \
    X(OR_CUSTOMER_EMAIL, "customer_email")                                                         \
    X(OR_STATUS, "status")                                                                         \
    X(OR_CURRENCY, "currency")                                                                     \
    X(OR_SUBTOTAL_AMOUNT, "subtotal_amount")                                                       \
    X(OR_SHIPPING_AMOUNT, "shipping_amount")                                                       \
    X(OR_TAX_AMOUNT, "tax_amount")                                                                 \
    X(OR_TOTAL_AMOUNT, "total_amount")                                                             \
    X(OR_SHIPPING_ADDRESS, "shipping_address")                                                     \
    X(OR_PLACED_AT, "placed_at")                                                                   \
    X(OR_IS_DEMO, "is_demo")
enum { COLS_ORDERS(COL_POS) };
#define COLS_ITEMS(X)                                                                              \
    X(IT_STORE_ID, "store_id")                                                                     \
    X(IT_ORDER_ID, "order_id")                                                                     \
    X(IT_PRODUCT_ID, "product_id")                                                                 \
    X(IT_SKU, "sku")                                                                               \
    X(IT_TITLE, "title")                                                                           \
    X(IT_QUANTITY, "quantity")                                                                     \
    X(IT_UNIT_PRICE_AMOUNT, "unit_price_amount")                                                   \
    X(IT_LINE_TOTAL_AMOUNT, "line_total_amount")                                                   \
    X(IT_IS_DEMO, "is_demo")
enum { COLS_ITEMS(COL_POS) };

static int64_t mode_count(int64_t fixed, int64_t setting)
{
    return fixed == WZ_SEED_FROM_SETTINGS ? setting : fixed;
}

void wz_seed_options_init(struct wz_seed_options *opts, const struct wz_settings *s,
                          const struct wz_seed_mode_def *mode)
{
    memset(opts, 0, sizeof(*opts));
    opts->reset = mode->reset;
    opts->stores = mode_count(mode->stores, s->seed_demo_stores);
    opts->customers = mode_count(mode->customers, s->seed_customers_per_store);
    opts->products = mode_count(mode->products, s->seed_products_per_store);
    opts->orders = mode_count(mode->orders, s->seed_orders_per_store);
    opts->seed = (uint64_t)s->seed_random_seed;
    opts->reference_date = s->seed_reference_date != NULL ? s->seed_reference_date : "";
    opts->currency = s->default_currency;
    opts->migrations_dir = s->migrations_dir;
    opts->environment = s->environment;
}

/* The demo teams use the role templates init-prod creates (src/seed/rbac.c). */
#define MAX_ROLES 32

int wz_seed_check_prerequisites(struct wz_db *db, const struct wz_seed_options *opts,
                                struct wz_seed_result *res, struct wz_err *err)
{
    char *why = NULL;
    bool at_head = false;
    int rc = wz_migrate_at_head(db, opts->migrations_dir, &at_head, &why, err);
    if (rc != WZ_OK) {
        free(why);
        return wz_err_wrap(err, "cannot check the migrations");
    }
    if (!at_head) {
        const char *what = why != NULL ? why : "migrations are pending";
        rc = wz_err_set(err, WZ_EFAIL, "the database is not at the latest migration: %s%s", what,
                        strstr(what, "make migrate-up") != NULL ? ""
                                                                : "; run `make migrate-up` first");
        free(why);
        return rc;
    }
    free(why);

    struct wz_stmt *st = NULL;
    rc = wz_db_prepare(db, "SELECT email FROM users WHERE role = 'admin' AND is_active ORDER BY id",
                       &st, err);
    if (rc != WZ_OK)
        return rc;
    rc = wz_stmt_step(st, err);
    if (rc == WZ_ROW)
        snprintf(res->admin_email, sizeof(res->admin_email), "%s", wz_stmt_column_text(st, 0));
    wz_stmt_finalize(st);
    if (rc < 0)
        return rc;
    if (rc == WZ_DONE)
        return wz_err_set(err, WZ_EFAIL,
                          "no active platform admin in the database: run `make init-prod` first");

    size_t nroles = 0;
    const struct wz_role_def *roles = wz_rbac_roles(&nroles);
    for (size_t i = 0; i < nroles; i++) {
        const char *params[] = {roles[i].name};
        int64_t n = 0;
        rc =
            wz_db_query_int64(db, "SELECT count(*) FROM roles WHERE name = $1", params, 1, &n, err);
        if (rc < 0)
            return rc;
        if (n == 0)
            return wz_err_set(err, WZ_EFAIL,
                              "the role template '%s' is missing: run `make init-prod` first",
                              roles[i].name);
    }
    return WZ_OK;
}

/* ---- the run's state ---- */

struct run {
    struct wz_db *db;
    const struct wz_seed_options *opts;
    struct wz_seed_result *res;
    struct wz_demo_gen gen;
    int64_t role_ids[MAX_ROLES]; /* by position in wz_rbac_roles() */
    struct wz_rowwriter w[WZ_SEED_NTABLES];
    /* PostgreSQL: COPY writers with an explicit id for a store's first customers, products
     * and orders (plan_bulk); unused on SQLite, where a row costs no round trip */
    bool bulk_parents;
    struct wz_rowwriter wb_customers, wb_products, wb_orders;
    struct wz_stmt *any_customer, *any_product, *any_order;
    /* PostgreSQL: look a row up before inserting it where it may exist already (a store
     * seeded before), because a conflicting INSERT still takes a value from the identity
     * sequence, and the ids given later would then differ from SQLite's */
    bool check_first;
    struct wz_stmt *find_domain, *find_member, *find_theme;
    struct wz_stmt *find_user, *find_store, *find_customer, *find_product, *find_order;
    struct wz_stmt *count_addresses, *count_listings, *count_items;
    /* the stores written together (seed_batch): slot_cap of them, each with its own stretch
     * of the row number -> id maps */
    struct slot *slots;
    int slot_cap;
    int64_t *customer_ids, *product_ids, *order_ids;
    unsigned char *customer_new, *product_new, *order_new;
    uint64_t done, total, next_report;
};

/* One store of a batch: its generated values, its id once written, and its stretch of the
 * run's maps, indexed by row number (1-based). */
struct slot {
    struct wz_demo_store s;
    int64_t store_id;
    /* PostgreSQL: its store row was not there before this run, so none of its customers,
     * products and orders can be (they reference it): they all go through COPY */
    bool is_new;
    int64_t *customer_ids, *product_ids, *order_ids;
    unsigned char *customer_new, *product_new, *order_new;
};

static void progress(struct run *r, bool force)
{
    r->done++;
    if (r->opts->progress != NULL && (force || r->done >= r->next_report)) {
        r->next_report = r->done + 4096;
        r->opts->progress(r->opts->progress_ctx, r->done, r->total);
    }
}

/* The hash of a demo user's password, salted from (seed, email, password): each user's hash
 * is its own, and databases seeded alike hold the same ones. */
static int demo_hash(struct run *r, const char *email, const char *password, char *out,
                     struct wz_err *err)
{
    int rc = wz_demo_user_password_hash(r->opts->seed, email, password, out, err);
    if (rc == WZ_OK)
        r->res->passwords_hashed++;
    return rc;
}

/* Runs a prepared lookup with a text param (unless key is NULL) bound after an optional store
 * id; *id = 0 when nothing matches. */
static int lookup(struct wz_stmt *st, int64_t store_id, const char *key, int64_t *id,
                  struct wz_err *err)
{
    int n = 1;
    if (store_id > 0)
        wz_stmt_bind_int64(st, n++, store_id);
    if (key != NULL)
        wz_stmt_bind_text(st, n, key);
    int rc = wz_stmt_step(st, err);
    *id = rc == WZ_ROW ? wz_stmt_column_int64(st, 0) : 0;
    wz_stmt_reset(st);
    return rc < 0 ? rc : WZ_OK;
}

static int count_store(struct wz_stmt *st, int64_t store_id, int64_t *n, struct wz_err *err)
{
    wz_stmt_bind_int64(st, 1, store_id);
    int rc = wz_stmt_step(st, err);
    *n = rc == WZ_ROW ? wz_stmt_column_int64(st, 0) : 0;
    wz_stmt_reset(st);
    return rc < 0 ? rc : WZ_OK;
}

/* Inserts through writer t; on a conflict finds the existing row's id with find (when given).
 * With r->check_first, looks first and inserts only what is missing. Counts the row as
 * created or present. *id: the row's id. */
static int put(struct run *r, int t, struct wz_stmt *find, int64_t store_id, const char *key,
               int64_t *id, bool *created, struct wz_err *err)
{
    int64_t new_id = 0;
    int rc;
    if (r->check_first && find != NULL) {
        rc = lookup(find, store_id, key, &new_id, err);
        if (rc != WZ_OK)
            return rc;
        if (new_id != 0) {
            /* the values bound for the INSERT are replaced by the next row's */
            r->res->tables[t].present++;
            if (created != NULL)
                *created = false;
            if (id != NULL)
                *id = new_id;
            progress(r, false);
            return WZ_OK;
        }
    }
    bool inserted = false;
    rc = wz_rowwriter_insert(&r->w[t], &new_id, &inserted, err);
    if (rc != WZ_OK)
        return rc;
    if (created != NULL)
        *created = inserted;
    if (inserted) {
        r->res->tables[t].created++;
    } else {
        r->res->tables[t].present++;
        if (find != NULL) {
            rc = lookup(find, store_id, key, &new_id, err);
            if (rc != WZ_OK)
                return rc;
            if (new_id == 0)
                return wz_err_set(err, WZ_EFAIL,
                                  "cannot create demo row '%s' in '%s': another of its unique "
                                  "values is taken by a row the seeder did not make; remove that "
                                  "row or run `make seed-demo-reset`",
                                  key, wz_seed_tables[t]);
        }
    }
    if (id != NULL)
        *id = new_id;
    progress(r, false);
    return WZ_OK;
}

/* Writes a row through a COPY writer with an explicit id: always created. */
static int put_bulk(struct run *r, int t, struct wz_rowwriter *w, struct wz_err *err)
{
    int rc = wz_rowwriter_insert(w, NULL, NULL, err);
    if (rc != WZ_OK)
        return rc;
    r->res->tables[t].created++;
    progress(r, false);
    return WZ_OK;
}

/* Ends a parent row whose columns are in w: through COPY (bulk; its id was reserved), or
 * inserted or found by key, recording in is_new whether this run created it and in
 * *any_present whether a row was there before. */
static int put_parent(struct run *r, int t, struct wz_rowwriter *w, bool bulk, struct wz_stmt *find,
                      const struct slot *sl, const char *key, int64_t *id, unsigned char *is_new,
                      bool *any_present, struct wz_err *err)
{
    if (bulk)
        return put_bulk(r, t, w, err);
    bool created = false;
    int rc = put(r, t, find, sl->store_id, key, id, &created, err);
    if (rc != WZ_OK)
        return rc;
    *is_new = created;
    *any_present = *any_present || !created;
    return WZ_OK;
}

/* Decides whether the batch's rows of one parent table (n per store) go through COPY, on
 * PostgreSQL. A batch of new stores does, with the ids of all its stores reserved at once
 * into ids[1..n x nslots] (ascending and store after store: the ids one-by-one inserts would
 * get). A single store that was there before does when it has none of these rows yet (so
 * none can conflict); otherwise its rows are looked up before they are inserted
 * (check_first). A bulk table's rows are all marked new. */
static int plan_bulk(struct run *r, int nslots, struct wz_stmt *any, const char *table, int64_t n,
                     int64_t *ids, unsigned char *is_new, bool *bulk, struct wz_err *err)
{
    *bulk = false;
    r->check_first = false;
    if (!r->bulk_parents || n == 0)
        return WZ_OK;
    int rc;
    if (!r->slots[0].is_new) {
        int64_t existing = 0;
        rc = count_store(any, r->slots[0].store_id, &existing, err);
        if (rc != WZ_OK)
            return rc;
        if (existing > 0) {
            r->check_first = true;
            return WZ_OK;
        }
    }
    rc = wz_rowwriter_reserve_ids(r->db, table, n * nslots, ids + 1, err);
    if (rc != WZ_OK)
        return rc;
    memset(is_new + 1, 1, (size_t)(n * nslots));
    *bulk = true;
    return WZ_OK;
}

static int role_id(const struct run *r, const char *name, int64_t *id, struct wz_err *err)
{
    size_t nroles = 0;
    const struct wz_role_def *roles = wz_rbac_roles(&nroles);
    for (size_t i = 0; i < nroles && i < MAX_ROLES; i++) {
        if (strcmp(roles[i].name, name) == 0) {
            *id = r->role_ids[i];
            return WZ_OK;
        }
    }
    return wz_err_set(err, WZ_EFAIL, "demo user role '%s' is not a role template", name);
}

/* ---- the stores of a batch ---- */

/* The store's team, the store, its domain and theme, row by row: a team member may exist
 * already (users are shared by email), and there are a few of them per store. */
static int seed_team_and_store(struct run *r, struct slot *sl, struct wz_err *err)
{
    const struct wz_demo_store *s = &sl->s;
    int64_t *store_id = &sl->store_id;
    struct wz_rowwriter *w;
    int64_t user_ids[WZ_DEMO_MAX_TEAM + 8];
    struct wz_demo_user users[WZ_DEMO_MAX_TEAM + 8];
    int nusers = s->nusers;
    if (nusers < 1 || nusers > (int)(sizeof(users) / sizeof(users[0])))
        return wz_err_set(err, WZ_EFAIL, "demo store '%s' has %d users (1 to %d allowed)", s->code,
                          nusers, (int)(sizeof(users) / sizeof(users[0])));
    int rc;
    r->check_first = r->bulk_parents && !sl->is_new;
    for (int j = 0; j < nusers; j++) {
        struct wz_demo_user *u = &users[j];
        if (wz_demo_user(&r->gen, s, j, u) != WZ_OK)
            return wz_err_set(err, WZ_EFAIL, "cannot generate user %d of demo store '%s'", j,
                              s->code);
        char hash[WZ_PASSWORD_HASH_MAX];
        rc = demo_hash(r, u->email, u->password, hash, err);
        if (rc != WZ_OK)
            return rc;
        w = &r->w[T_USERS];
        wz_rowwriter_text(w, US_EMAIL, u->email);
        wz_rowwriter_text(w, US_USERNAME, u->username);
        wz_rowwriter_text(w, US_PASSWORD_HASH, hash);
        wz_rowwriter_text(w, US_FIRST_NAME, u->first_name);
        wz_rowwriter_text(w, US_LAST_NAME, u->last_name);
        wz_rowwriter_text(w, US_ROLE, "store");
        wz_rowwriter_bool(w, US_IS_ACTIVE, true);
        wz_rowwriter_bool(w, US_IS_EMAIL_VERIFIED, true);
        wz_rowwriter_bool(w, US_IS_DEMO, true);
        rc = put(r, T_USERS, r->find_user, 0, u->email, &user_ids[j], NULL, err);
        if (rc != WZ_OK)
            return rc;
    }

    w = &r->w[T_STORES];
    wz_rowwriter_text(w, ST_CODE, s->code);
    wz_rowwriter_text(w, ST_NAME, s->name);
    wz_rowwriter_text(w, ST_SUBDOMAIN, s->subdomain);
    wz_rowwriter_text(w, ST_DESCRIPTION, s->description);
    wz_rowwriter_int(w, ST_OWNER_USER_ID, user_ids[0]);
    wz_rowwriter_text(w, ST_CONTACT_EMAIL, s->contact_email);
    wz_rowwriter_text(w, ST_DEFAULT_CURRENCY, r->gen.currency);
    wz_rowwriter_bool(w, ST_IS_ACTIVE, true);
    wz_rowwriter_bool(w, ST_IS_VERIFIED, s->is_verified);
    wz_rowwriter_bool(w, ST_IS_DEMO, true);
    rc = put(r, T_STORES, r->find_store, 0, s->code, store_id, NULL, err);
    if (rc != WZ_OK)
        return rc;

    if (s->has_domain) {
        w = &r->w[T_DOMAINS];
        wz_rowwriter_int(w, DO_STORE_ID, *store_id);
        wz_rowwriter_text(w, DO_DOMAIN, s->domain);
        wz_rowwriter_bool(w, DO_IS_PRIMARY, true);
        wz_rowwriter_bool(w, DO_IS_VERIFIED, s->domain_verified);
        if (s->domain_verified)
            wz_rowwriter_text(w, DO_VERIFIED_AT, s->domain_verified_at);
        else
            wz_rowwriter_null(w, DO_VERIFIED_AT);
        wz_rowwriter_bool(w, DO_IS_DEMO, true);
        rc = put(r, T_DOMAINS, r->find_domain, 0, s->domain, NULL, NULL, err);
        if (rc != WZ_OK)
            return rc;
    }

    for (int j = 0; j < nusers; j++) {
        int64_t rid = 0;
        rc = role_id(r, users[j].role, &rid, err);
        if (rc != WZ_OK)
            return rc;
        w = &r->w[T_STORE_USERS];
        wz_rowwriter_int(w, SU_STORE_ID, *store_id);
        wz_rowwriter_int(w, SU_USER_ID, user_ids[j]);
        wz_rowwriter_int(w, SU_ROLE_ID, rid);
        wz_rowwriter_bool(w, SU_IS_ACTIVE, true);
        if (j == 0)
            wz_rowwriter_null(w, SU_INVITED_BY_USER_ID);
        else
            wz_rowwriter_int(w, SU_INVITED_BY_USER_ID, user_ids[0]);
        wz_rowwriter_text(w, SU_JOINED_AT, users[j].joined_at);
        wz_rowwriter_bool(w, SU_IS_DEMO, true);
        char uid[24];
        snprintf(uid, sizeof(uid), "%lld", (long long)user_ids[j]);
        rc = put(r, T_STORE_USERS, r->find_member, *store_id, uid, NULL, NULL, err);
        if (rc != WZ_OK)
            return rc;
    }

    w = &r->w[T_THEMES];
    wz_rowwriter_int(w, TH_STORE_ID, *store_id);
    wz_rowwriter_text(w, TH_PRESET, s->preset);
    wz_rowwriter_text(w, TH_PRIMARY_COLOR, s->primary);
    wz_rowwriter_text(w, TH_SECONDARY_COLOR, s->secondary);
    wz_rowwriter_text(w, TH_ACCENT_COLOR, s->accent);
    wz_rowwriter_text(w, TH_FONT_FAMILY, s->font_family);
    wz_rowwriter_bool(w, TH_IS_DEMO, true);
    return put(r, T_THEMES, r->find_theme, *store_id, NULL, NULL, NULL, err);
}

/* Leaf rows of parents that were already there: count them as present. */
static int count_present_leaves(struct run *r, int t, struct wz_stmt *count, int64_t store_id,
                                int64_t created_before, struct wz_err *err)
{
    int64_t n = 0;
    int rc = count_store(count, store_id, &n, err);
    if (rc != WZ_OK)
        return rc;
    int64_t created_here = r->res->tables[t].created - created_before;
    if (n > created_here)
        r->res->tables[t].present += n - created_here;
    return WZ_OK;
}

/* The customers of one store: through COPY (bulk, ids reserved) or row by row, recording
 * which ones this run created. */
static int customer_rows(struct run *r, struct slot *sl, bool bulk, bool *any_present,
                         struct wz_err *err)
{
    const struct wz_demo_store *s = &sl->s;
    struct wz_demo_customer c;
    for (int64_t i = 1; i <= r->opts->customers; i++) {
        if (wz_demo_customer(&r->gen, s->k, i, &c) != WZ_OK)
            return wz_err_set(err, WZ_EFAIL, "cannot generate customer %lld of '%s'", (long long)i,
                              s->code);
        /* the bulk writer's columns are the same after the id */
        struct wz_rowwriter *w = bulk ? &r->wb_customers : &r->w[T_CUSTOMERS];
        int b = bulk ? 1 : 0;
        if (bulk)
            wz_rowwriter_int(w, 0, sl->customer_ids[i]);
        wz_rowwriter_int(w, b + CU_STORE_ID, sl->store_id);
        wz_rowwriter_text(w, b + CU_EMAIL, c.email);
        wz_rowwriter_text(w, b + CU_FIRST_NAME, c.first_name);
        wz_rowwriter_text(w, b + CU_LAST_NAME, c.last_name);
        wz_rowwriter_text(w, b + CU_PHONE, c.phone);
        wz_rowwriter_bool(w, b + CU_ACCEPTS_MARKETING, c.accepts_marketing);
        wz_rowwriter_bool(w, b + CU_IS_ACTIVE, c.is_active);
        wz_rowwriter_bool(w, b + CU_IS_DEMO, true);
        int rc = put_parent(r, T_CUSTOMERS, w, bulk, r->find_customer, sl, c.email,
                            &sl->customer_ids[i], &sl->customer_new[i], any_present, err);
        if (rc != WZ_OK)
            return rc;
    }
    return WZ_OK;
}

/* The addresses of the customers this run created in one store. */
static int address_rows(struct run *r, const struct slot *sl, struct wz_err *err)
{
    const struct wz_demo_store *s = &sl->s;
    struct wz_demo_customer c;
    struct wz_rowwriter *w = &r->w[T_ADDRESSES];
    for (int64_t i = 1; i <= r->opts->customers; i++) {
        if (!sl->customer_new[i])
            continue;
        if (wz_demo_customer(&r->gen, s->k, i, &c) != WZ_OK)
            return wz_err_set(err, WZ_EFAIL, "cannot generate customer %lld of '%s'", (long long)i,
                              s->code);
        for (int a = 0; a < c.naddresses; a++) {
            struct wz_demo_address ad;
            if (wz_demo_address(&r->gen, s->k, i, &c, a, &ad) != WZ_OK)
                return wz_err_set(err, WZ_EFAIL,
                                  "cannot generate an address of customer %lld "
                                  "of '%s'",
                                  (long long)i, s->code);
            wz_rowwriter_int(w, AD_STORE_ID, sl->store_id);
            wz_rowwriter_int(w, AD_CUSTOMER_ID, sl->customer_ids[i]);
            wz_rowwriter_text(w, AD_KIND, ad.kind);
            wz_rowwriter_text(w, AD_FULL_NAME, ad.full_name);
            wz_rowwriter_text(w, AD_LINE1, ad.addr.street);
            wz_rowwriter_text(w, AD_LINE2, ad.line2[0] != '\0' ? ad.line2 : NULL);
            wz_rowwriter_text(w, AD_CITY, ad.addr.city);
            wz_rowwriter_text(w, AD_POSTCODE, ad.addr.postcode);
            wz_rowwriter_text(w, AD_REGION, ad.addr.region[0] != '\0' ? ad.addr.region : NULL);
            wz_rowwriter_text(w, AD_COUNTRY_CODE, ad.addr.country);
            wz_rowwriter_text(w, AD_PHONE, c.phone);
            wz_rowwriter_bool(w, AD_IS_DEFAULT, ad.is_default);
            wz_rowwriter_bool(w, AD_IS_DEMO, true);
            int rc = put(r, T_ADDRESSES, NULL, 0, NULL, NULL, NULL, err);
            if (rc != WZ_OK)
                return rc;
        }
    }
    return WZ_OK;
}

/* The products of one store, as customer_rows. */
static int product_rows(struct run *r, struct slot *sl, bool bulk, bool *any_present,
                        struct wz_err *err)
{
    const struct wz_demo_store *s = &sl->s;
    struct wz_demo_product p;
    for (int64_t i = 1; i <= r->opts->products; i++) {
        if (wz_demo_product(&r->gen, s, i, &p) != WZ_OK)
            return wz_err_set(err, WZ_EFAIL, "cannot generate product %lld of '%s'", (long long)i,
                              s->code);
        struct wz_rowwriter *w = bulk ? &r->wb_products : &r->w[T_PRODUCTS];
        int b = bulk ? 1 : 0;
        if (bulk)
            wz_rowwriter_int(w, 0, sl->product_ids[i]);
        wz_rowwriter_int(w, b + PR_STORE_ID, sl->store_id);
        wz_rowwriter_text(w, b + PR_SKU, p.sku);
        wz_rowwriter_text(w, b + PR_TITLE, p.title);
        wz_rowwriter_text(w, b + PR_DESCRIPTION, p.description);
        wz_rowwriter_int(w, b + PR_PRICE_AMOUNT, p.price);
        wz_rowwriter_text(w, b + PR_CURRENCY, r->gen.currency);
        wz_rowwriter_int(w, b + PR_STOCK_QUANTITY, p.stock);
        wz_rowwriter_text(w, b + PR_STATUS, p.status);
        wz_rowwriter_bool(w, b + PR_IS_DEMO, true);
        int rc = put_parent(r, T_PRODUCTS, w, bulk, r->find_product, sl, p.sku, &sl->product_ids[i],
                            &sl->product_new[i], any_present, err);
        if (rc != WZ_OK)
            return rc;
    }
    return WZ_OK;
}

/* The marketplace listings of the products this run created in one store. */
static int listing_rows(struct run *r, const struct slot *sl, struct wz_err *err)
{
    const struct wz_demo_store *s = &sl->s;
    struct wz_demo_product p;
    struct wz_rowwriter *w = &r->w[T_MARKETPLACE];
    for (int64_t i = 1; i <= r->opts->products; i++) {
        if (!sl->product_new[i])
            continue;
        if (wz_demo_product(&r->gen, s, i, &p) != WZ_OK)
            return wz_err_set(err, WZ_EFAIL, "cannot generate product %lld of '%s'", (long long)i,
                              s->code);
        if (!p.listed)
            continue;
        wz_rowwriter_int(w, MP_STORE_ID, sl->store_id);
        wz_rowwriter_int(w, MP_PRODUCT_ID, sl->product_ids[i]);
        wz_rowwriter_text(w, MP_MARKETPLACE, p.marketplace);
        wz_rowwriter_text(w, MP_EXTERNAL_ID, p.external_id);
        wz_rowwriter_int(w, MP_PRICE_AMOUNT, p.price);
        wz_rowwriter_text(w, MP_CURRENCY, r->gen.currency);
        wz_rowwriter_text(w, MP_STATUS, p.mp_status);
        wz_rowwriter_text(w, MP_LISTED_AT, p.has_listed_at ? p.listed_at : NULL);
        wz_rowwriter_bool(w, MP_IS_DEMO, true);
        int rc = put(r, T_MARKETPLACE, NULL, 0, NULL, NULL, NULL, err);
        if (rc != WZ_OK)
            return rc;
    }
    return WZ_OK;
}

/* The orders of one store, as customer_rows; they reference its customers. */
static int order_rows(struct run *r, struct slot *sl, bool bulk, bool *any_present,
                      struct wz_err *err)
{
    const struct wz_demo_store *s = &sl->s;
    struct wz_demo_order o;
    char json[1024];
    for (int64_t i = 1; i <= r->opts->orders; i++) {
        if (wz_demo_order(&r->gen, s, i, r->opts->customers, r->opts->products, &o) != WZ_OK ||
            wz_demo_order_address_json(&r->gen, s, i, &o, json, sizeof(json)) < 0)
            return wz_err_set(err, WZ_EFAIL, "cannot generate order %lld of '%s'", (long long)i,
                              s->code);
        struct wz_rowwriter *w = bulk ? &r->wb_orders : &r->w[T_ORDERS];
        int b = bulk ? 1 : 0;
        if (bulk)
            wz_rowwriter_int(w, 0, sl->order_ids[i]);
        wz_rowwriter_int(w, b + OR_STORE_ID, sl->store_id);
        wz_rowwriter_text(w, b + OR_ORDER_NUMBER, o.number);
        if (o.guest)
            wz_rowwriter_null(w, b + OR_CUSTOMER_ID);
        else
            wz_rowwriter_int(w, b + OR_CUSTOMER_ID, sl->customer_ids[o.customer_no]);
        wz_rowwriter_text(w, b + OR_CUSTOMER_EMAIL, o.customer_email);
        wz_rowwriter_text(w, b + OR_STATUS, o.status);
        wz_rowwriter_text(w, b + OR_CURRENCY, r->gen.currency);
        wz_rowwriter_int(w, b + OR_SUBTOTAL_AMOUNT, o.subtotal);
        wz_rowwriter_int(w, b + OR_SHIPPING_AMOUNT, o.shipping);
        wz_rowwriter_int(w, b + OR_TAX_AMOUNT, o.tax);
        wz_rowwriter_int(w, b + OR_TOTAL_AMOUNT, o.total);
        wz_rowwriter_text(w, b + OR_SHIPPING_ADDRESS, json);
        wz_rowwriter_text(w, b + OR_PLACED_AT, o.placed_at);
        wz_rowwriter_bool(w, b + OR_IS_DEMO, true);
        int rc = put_parent(r, T_ORDERS, w, bulk, r->find_order, sl, o.number, &sl->order_ids[i],
                            &sl->order_new[i], any_present, err);
        if (rc != WZ_OK)
            return rc;
    }
    return WZ_OK;
}

/* The lines of the orders this run created in one store; they reference its products. */
static int item_rows(struct run *r, const struct slot *sl, struct wz_err *err)
{
    const struct wz_demo_store *s = &sl->s;
    struct wz_demo_order o;
    struct wz_rowwriter *w = &r->w[T_ITEMS];
    char sku[64], title[128];
    for (int64_t i = 1; i <= r->opts->orders; i++) {
        if (!sl->order_new[i])
            continue;
        if (wz_demo_order(&r->gen, s, i, r->opts->customers, r->opts->products, &o) != WZ_OK)
            return wz_err_set(err, WZ_EFAIL, "cannot generate order %lld of '%s'", (long long)i,
                              s->code);
        for (int l = 0; l < o.nlines; l++) {
            const struct wz_demo_line *line = &o.lines[l];
            if (wz_demo_product_sku(s, line->product_no, sku, sizeof(sku)) != WZ_OK ||
                wz_demo_product_title(&r->gen, s, line->product_no, title, sizeof(title)) != WZ_OK)
                return wz_err_set(err, WZ_EFAIL, "cannot generate a line of order %lld of '%s'",
                                  (long long)i, s->code);
            wz_rowwriter_int(w, IT_STORE_ID, sl->store_id);
            wz_rowwriter_int(w, IT_ORDER_ID, sl->order_ids[i]);
            wz_rowwriter_int(w, IT_PRODUCT_ID, sl->product_ids[line->product_no]);
            wz_rowwriter_text(w, IT_SKU, sku);
            wz_rowwriter_text(w, IT_TITLE, title);
            wz_rowwriter_int(w, IT_QUANTITY, line->quantity);
            wz_rowwriter_int(w, IT_UNIT_PRICE_AMOUNT, line->unit_price);
            wz_rowwriter_int(w, IT_LINE_TOTAL_AMOUNT, line->line_total);
            wz_rowwriter_bool(w, IT_IS_DEMO, true);
            int rc = put(r, T_ITEMS, NULL, 0, NULL, NULL, NULL, err);
            if (rc != WZ_OK)
                return rc;
        }
    }
    return WZ_OK;
}

/* A parent table and its leaf table for the batch's stores (customers and their addresses,
 * products and their listings, orders and their lines): the parents, then the leaves of the
 * parents this run created, one COPY each on the bulk path (parents before children, for
 * the foreign keys). */
struct family {
    struct wz_stmt *any; /* does the store have any parent row yet */
    const char *table;   /* the parent table, for id reservation */
    int64_t per_store;
    int64_t *ids;
    unsigned char *is_new;
    int (*parents)(struct run *r, struct slot *sl, bool bulk, bool *any_present,
                   struct wz_err *err);
    struct wz_rowwriter *bulk_writer;
    int leaf; /* T_* of the leaf table */
    int (*leaves)(struct run *r, const struct slot *sl, struct wz_err *err);
    struct wz_stmt *count_leaves;
};

static int seed_family(struct run *r, int nslots, const struct family *f, struct wz_err *err)
{
    bool any_present = false, bulk = false;
    int rc = plan_bulk(r, nslots, f->any, f->table, f->per_store, f->ids, f->is_new, &bulk, err);
    for (int i = 0; i < nslots && rc == WZ_OK; i++)
        rc = f->parents(r, &r->slots[i], bulk, &any_present, err);
    if (rc == WZ_OK)
        rc = wz_rowwriter_flush(f->bulk_writer, err);
    int64_t before = r->res->tables[f->leaf].created;
    for (int i = 0; i < nslots && rc == WZ_OK; i++)
        rc = f->leaves(r, &r->slots[i], err);
    if (rc == WZ_OK)
        rc = wz_rowwriter_flush(&r->w[f->leaf], err);
    /* only a store that was there before has parents it did not create */
    if (rc == WZ_OK && any_present)
        rc = count_present_leaves(r, f->leaf, f->count_leaves, r->slots[0].store_id, before, err);
    return rc;
}

/* Fills the slots with stores k, k+1, ...: on PostgreSQL, as many new stores in a row as a
 * batch holds, or the one store k when it was there before; elsewhere store k alone. */
static int gather_batch(struct run *r, int64_t k, int *n, struct wz_err *err)
{
    *n = 0;
    for (; *n < r->slot_cap && k + *n <= r->opts->stores; (*n)++) {
        struct slot *sl = &r->slots[*n];
        if (wz_demo_store(&r->gen, k + *n, &sl->s) != WZ_OK)
            return wz_err_set(err, WZ_EFAIL, "cannot generate demo store %lld",
                              (long long)(k + *n));
        sl->store_id = 0;
        sl->is_new = false;
        if (!r->bulk_parents)
            continue;
        int64_t existing = 0;
        int rc = lookup(r->find_store, 0, sl->s.code, &existing, err);
        if (rc != WZ_OK)
            return rc;
        sl->is_new = existing == 0;
        if (!sl->is_new) {
            /* a store seeded before goes alone, after the new ones before it */
            if (*n == 0)
                *n = 1;
            break;
        }
    }
    return WZ_OK;
}

/* Writes the batch's stores table by table: their teams and stores row by row, then one
 * COPY per table for all of them on PostgreSQL, so the client generates rows while the
 * server takes them, instead of both waiting at the end of a COPY per store and table. */
static int seed_batch(struct run *r, int n, struct wz_err *err)
{
    int rc = WZ_OK;
    for (int i = 0; i < n && rc == WZ_OK; i++)
        rc = seed_team_and_store(r, &r->slots[i], err);
    const struct family families[] = {
        {r->any_customer, "customers", r->opts->customers, r->customer_ids, r->customer_new,
         customer_rows, &r->wb_customers, T_ADDRESSES, address_rows, r->count_addresses},
        {r->any_product, "products", r->opts->products, r->product_ids, r->product_new,
         product_rows, &r->wb_products, T_MARKETPLACE, listing_rows, r->count_listings},
        /* orders reference the customers, their lines the products: this order */
        {r->any_order, "orders", r->opts->orders, r->order_ids, r->order_new, order_rows,
         &r->wb_orders, T_ITEMS, item_rows, r->count_items},
    };
    for (size_t f = 0; f < sizeof(families) / sizeof(families[0]) && rc == WZ_OK; f++)
        rc = seed_family(r, n, &families[f], err);
    return rc;
}

/* ---- setup ---- */

static const char *const cols_users[] = {COLS_USERS(COL_NAME)};
static const char *const cols_stores[] = {COLS_STORES(COL_NAME)};
static const char *const cols_domains[] = {COLS_DOMAINS(COL_NAME)};
static const char *const cols_store_users[] = {COLS_STORE_USERS(COL_NAME)};
static const char *const cols_themes[] = {COLS_THEMES(COL_NAME)};
static const char *const cols_customers[] = {COLS_CUSTOMERS(COL_NAME)};
static const char *const cols_customers_id[] = {"id", COLS_CUSTOMERS(COL_NAME)};
static const char *const cols_addresses[] = {COLS_ADDRESSES(COL_NAME)};
static const char *const cols_products[] = {COLS_PRODUCTS(COL_NAME)};
static const char *const cols_products_id[] = {"id", COLS_PRODUCTS(COL_NAME)};
static const char *const cols_marketplace[] = {COLS_MARKETPLACE(COL_NAME)};
static const char *const cols_orders[] = {COLS_ORDERS(COL_NAME)};
static const char *const cols_orders_id[] = {"id", COLS_ORDERS(COL_NAME)};
static const char *const cols_items[] = {COLS_ITEMS(COL_NAME)};

/* Each table's writer, and the step of the run that writes it (the command prints a heading
 * per step, in this order). */
#define WRITER(t, step, cols, flags)                                                               \
    [t] = {step, cols, (int)(sizeof(cols) / sizeof(cols[0])), flags}
static const struct {
    const char *step;
    const char *const *cols;
    int ncols;
    unsigned flags;
} writers[WZ_SEED_NTABLES] = {
    WRITER(T_USERS, STEP_TEAMS, cols_users, WZ_RW_IGNORE_CONFLICT | WZ_RW_RETURNING_ID),
    WRITER(T_STORES, STEP_TEAMS, cols_stores, WZ_RW_IGNORE_CONFLICT | WZ_RW_RETURNING_ID),
    WRITER(T_DOMAINS, STEP_TEAMS, cols_domains, WZ_RW_IGNORE_CONFLICT),
    WRITER(T_STORE_USERS, STEP_TEAMS, cols_store_users, WZ_RW_IGNORE_CONFLICT),
    WRITER(T_THEMES, STEP_TEAMS, cols_themes, WZ_RW_IGNORE_CONFLICT),
    WRITER(T_CUSTOMERS, "customers", cols_customers, WZ_RW_IGNORE_CONFLICT | WZ_RW_RETURNING_ID),
    WRITER(T_ADDRESSES, "customers", cols_addresses, WZ_RW_BULK),
    WRITER(T_PRODUCTS, "products", cols_products, WZ_RW_IGNORE_CONFLICT | WZ_RW_RETURNING_ID),
    WRITER(T_MARKETPLACE, "products", cols_marketplace, WZ_RW_BULK),
    WRITER(T_ORDERS, "orders", cols_orders, WZ_RW_IGNORE_CONFLICT | WZ_RW_RETURNING_ID),
    WRITER(T_ITEMS, "orders", cols_items, WZ_RW_BULK),
};

/* The prepared statements of a run: prepare_all makes each, release_all finalizes each. */
static const struct {
    size_t offset;
    const char *sql;
} stmts[] = {
    {offsetof(struct run, find_user), "SELECT id FROM users WHERE email = $1"},
    {offsetof(struct run, find_store), "SELECT id FROM stores WHERE code = $1"},
    {offsetof(struct run, find_customer),
     "SELECT id FROM customers WHERE store_id = $1 AND email = $2"},
    {offsetof(struct run, find_product),
     "SELECT id FROM products WHERE store_id = $1 AND sku = $2"},
    {offsetof(struct run, find_order),
     "SELECT id FROM orders WHERE store_id = $1 AND order_number = $2"},
    {offsetof(struct run, count_addresses),
     "SELECT count(*) FROM customer_addresses WHERE store_id = $1 AND is_demo"},
    {offsetof(struct run, count_listings),
     "SELECT count(*) FROM marketplace_products WHERE store_id = $1 AND is_demo"},
    {offsetof(struct run, count_items),
     "SELECT count(*) FROM order_items WHERE store_id = $1 AND is_demo"},
    /* any row at all, demo or not: a store with none can take COPY without conflicts */
    {offsetof(struct run, any_customer),
     "SELECT count(*) FROM (SELECT 1 FROM customers WHERE store_id = $1 LIMIT 1) x"},
    {offsetof(struct run, any_product),
     "SELECT count(*) FROM (SELECT 1 FROM products WHERE store_id = $1 LIMIT 1) x"},
    {offsetof(struct run, any_order),
     "SELECT count(*) FROM (SELECT 1 FROM orders WHERE store_id = $1 LIMIT 1) x"},
    {offsetof(struct run, find_domain), "SELECT id FROM store_domains WHERE domain = $1"},
    {offsetof(struct run, find_member),
     "SELECT id FROM store_users WHERE store_id = $1 AND user_id = $2"},
    {offsetof(struct run, find_theme), "SELECT id FROM store_themes WHERE store_id = $1"},
};

static struct wz_stmt **stmt_slot(struct run *r, size_t i)
{
    return (struct wz_stmt **)((char *)r + stmts[i].offset);
}

static int prepare_all(struct run *r, struct wz_err *err)
{
    for (int t = 0; t < WZ_SEED_NTABLES; t++) {
        int rc = wz_rowwriter_open(&r->w[t], r->db, wz_seed_tables[t], writers[t].cols,
                                   writers[t].ncols, writers[t].flags, err);
        if (rc != WZ_OK)
            return rc;
    }
    r->bulk_parents = wz_rowwriter_can_bulk_ids(r->db);
    if (r->bulk_parents) {
        static const struct {
            size_t offset;
            const char *table;
            const char *const *cols;
            int ncols;
        } bulk[] = {
            {offsetof(struct run, wb_customers), "customers", cols_customers_id,
             (int)(sizeof(cols_customers_id) / sizeof(cols_customers_id[0]))},
            {offsetof(struct run, wb_products), "products", cols_products_id,
             (int)(sizeof(cols_products_id) / sizeof(cols_products_id[0]))},
            {offsetof(struct run, wb_orders), "orders", cols_orders_id,
             (int)(sizeof(cols_orders_id) / sizeof(cols_orders_id[0]))},
        };
        for (size_t i = 0; i < sizeof(bulk) / sizeof(bulk[0]); i++) {
            struct wz_rowwriter *w = (struct wz_rowwriter *)((char *)r + bulk[i].offset);
            int rc = wz_rowwriter_open(w, r->db, bulk[i].table, bulk[i].cols, bulk[i].ncols,
                                       WZ_RW_BULK | WZ_RW_EXPLICIT_ID, err);
            if (rc != WZ_OK)
                return rc;
        }
    }
    for (size_t i = 0; i < sizeof(stmts) / sizeof(stmts[0]); i++) {
        int rc = wz_db_prepare(r->db, stmts[i].sql, stmt_slot(r, i), err);
        if (rc != WZ_OK)
            return rc;
    }
    return WZ_OK;
}

static void release_all(struct run *r)
{
    for (int t = 0; t < WZ_SEED_NTABLES; t++)
        wz_rowwriter_close(&r->w[t]);
    wz_rowwriter_close(&r->wb_customers);
    wz_rowwriter_close(&r->wb_products);
    wz_rowwriter_close(&r->wb_orders);
    for (size_t i = 0; i < sizeof(stmts) / sizeof(stmts[0]); i++)
        wz_stmt_finalize(*stmt_slot(r, i));
    free(r->slots);
    free(r->customer_ids);
    free(r->product_ids);
    free(r->order_ids);
    free(r->customer_new);
    free(r->product_new);
    free(r->order_new);
}

static int load_roles(struct run *r, struct wz_err *err)
{
    size_t nroles = 0;
    const struct wz_role_def *roles = wz_rbac_roles(&nroles);
    if (nroles > MAX_ROLES)
        return wz_err_set(err, WZ_EFAIL, "%zu role templates: the seeder takes up to %d", nroles,
                          MAX_ROLES);
    for (size_t i = 0; i < nroles; i++) {
        const char *params[] = {roles[i].name};
        int rc = wz_db_query_int64(r->db, "SELECT id FROM roles WHERE name = $1", params, 1,
                                   &r->role_ids[i], err);
        if (rc < 0)
            return rc;
        if (rc == 0)
            return wz_err_set(err, WZ_EFAIL,
                              "the role template '%s' is missing: run `make init-prod` first",
                              roles[i].name);
    }
    return WZ_OK;
}

/* The date every demo date counts back from: the stored one (an earlier seeding), else the
 * setting, else today (UTC). Reset starts over with the setting or today. */
static int resolve_reference_date(struct run *r, int64_t *epoch, struct wz_err *err)
{
    const char *setting = r->opts->reference_date != NULL ? r->opts->reference_date : "";
    struct wz_seed_result *res = r->res;
    char *stored = NULL;
    int rc = WZ_OK;
    if (!r->opts->reset) {
        rc = wz_meta_get(r->db, "seed_reference_date", &stored, err);
        if (rc != WZ_OK)
            return rc;
    }
    if (stored != NULL && wz_demo_parse_date(stored, epoch) == 0) {
        snprintf(res->reference_date, sizeof(res->reference_date), "%s", stored);
        res->reference_date_stored = true;
        res->reference_date_ignored = setting[0] != '\0' && strcmp(setting, stored) != 0;
    } else if (setting[0] != '\0') {
        if (wz_demo_parse_date(setting, epoch) != 0)
            rc = wz_err_set(err, WZ_EUSAGE,
                            "SEED_REFERENCE_DATE '%s' is not a date: expected YYYY-MM-DD (or "
                            "empty for today)",
                            setting);
        else
            snprintf(res->reference_date, sizeof(res->reference_date), "%s", setting);
    } else {
        time_t now = time(NULL);
        struct tm tm;
        gmtime_r(&now, &tm);
        strftime(res->reference_date, sizeof(res->reference_date), "%Y-%m-%d", &tm);
        if (wz_demo_parse_date(res->reference_date, epoch) != 0)
            rc = wz_err_set(err, WZ_EFAIL, "cannot read today's date");
    }
    free(stored);
    return rc;
}

/* A batch holds up to this many stores, and up to about this many rows of one table: more
 * stores per COPY save little once the COPYs are long, and the maps stay small. */
#define BATCH_STORES 50
#define BATCH_ROWS   (1 << 16)

/* The batch's slots and maps. A batch is one store where nothing is bulk loaded (SQLite). */
static int alloc_maps(struct run *r, struct wz_err *err)
{
    int64_t widest = r->opts->customers;
    if (r->opts->products > widest)
        widest = r->opts->products;
    if (r->opts->orders > widest)
        widest = r->opts->orders;
    r->slot_cap = 1;
    if (r->bulk_parents && widest < BATCH_ROWS)
        r->slot_cap = widest > 0 && BATCH_ROWS / widest < BATCH_STORES ? (int)(BATCH_ROWS / widest)
                                                                       : BATCH_STORES;
    size_t n = (size_t)r->slot_cap, c = n * (size_t)r->opts->customers + 1,
           p = n * (size_t)r->opts->products + 1, o = n * (size_t)r->opts->orders + 1;
    r->slots = calloc(n, sizeof(*r->slots));
    r->customer_ids = calloc(c, sizeof(int64_t));
    r->product_ids = calloc(p, sizeof(int64_t));
    r->order_ids = calloc(o, sizeof(int64_t));
    r->customer_new = calloc(c, 1);
    r->product_new = calloc(p, 1);
    r->order_new = calloc(o, 1);
    if (r->slots == NULL || r->customer_ids == NULL || r->product_ids == NULL ||
        r->order_ids == NULL || r->customer_new == NULL || r->product_new == NULL ||
        r->order_new == NULL)
        return wz_err_set(err, WZ_ENOMEM, "out of memory for the id maps of %d stores",
                          r->slot_cap);
    /* slot i's row number j is entry i x count + j: a batch's rows of a table are one run */
    for (size_t i = 0; i < n; i++) {
        struct slot *sl = &r->slots[i];
        sl->customer_ids = r->customer_ids + i * (size_t)r->opts->customers;
        sl->product_ids = r->product_ids + i * (size_t)r->opts->products;
        sl->order_ids = r->order_ids + i * (size_t)r->opts->orders;
        sl->customer_new = r->customer_new + i * (size_t)r->opts->customers;
        sl->product_new = r->product_new + i * (size_t)r->opts->products;
        sl->order_new = r->order_new + i * (size_t)r->opts->orders;
    }
    return WZ_OK;
}

/* ---- reset ---- */

static bool has_is_demo(const struct wz_table *t)
{
    return wz_table_column(t, "is_demo") != NULL;
}

static int seed_index(const char *table)
{
    for (int i = 0; i < WZ_SEED_NTABLES; i++)
        if (strcmp(wz_seed_tables[i], table) == 0)
            return i;
    return -1;
}

/* Deletes the demo rows, children before parents. A demo row that a remaining row (one the
 * seeder did not make) still references is kept: deleting it would fail, or cascade into
 * that data. */
static int reset_demo(struct run *r, struct wz_err *err)
{
    const struct wz_schema *m = wz_models();
    int rc = WZ_OK;
    struct wz_strbuf sql = WZ_STRBUF_INIT;
    for (int ti = m->ntables - 1; ti >= 0 && rc == WZ_OK; ti--) {
        const struct wz_table *t = &m->tables[ti];
        if (!has_is_demo(t))
            continue;
        wz_strbuf_reset(&sql);
        wz_strbuf_appendf(&sql, "DELETE FROM %s WHERE is_demo", t->name);
        for (int ci = 0; ci < m->ntables; ci++) {
            const struct wz_table *c = &m->tables[ci];
            if (c == t)
                continue;
            for (int f = 0; f < c->nfks; f++) {
                const struct wz_fk *fk = &c->fks[f];
                if (strcmp(fk->ref_table, t->name) != 0)
                    continue;
                wz_strbuf_appendf(&sql, " AND NOT EXISTS (SELECT 1 FROM %s WHERE", c->name);
                for (int k = 0; k < WZ_KEY_MAX && fk->cols[k] != NULL; k++)
                    wz_strbuf_appendf(&sql, "%s %s.%s = %s.%s", k > 0 ? " AND" : "", c->name,
                                      fk->cols[k], t->name, fk->ref_cols[k]);
                wz_strbuf_append(&sql, ")");
            }
        }
        if (sql.failed) {
            rc = wz_err_set(err, WZ_ENOMEM, "out of memory");
            break;
        }
        rc = wz_db_exec(r->db, wz_strbuf_str(&sql), err);
        if (rc != WZ_OK) {
            wz_err_wrap(err, "cannot delete the demo rows of '%s'", t->name);
            break;
        }
        int si = seed_index(t->name);
        if (si >= 0)
            r->res->tables[si].deleted = wz_db_changes(r->db);
    }
    /* the id generators go back to just after the rows that stay, so the reseeded rows get
     * the ids a fresh database gives them (PostgreSQL's sequences; SQLite does it itself) */
    for (int ti = 0; ti < m->ntables && rc == WZ_OK; ti++) {
        const struct wz_table *t = &m->tables[ti];
        if (has_is_demo(t))
            rc = wz_rowwriter_reset_ids(r->db, t->name, err);
    }
    wz_strbuf_release(&sql);
    if (rc != WZ_OK)
        return rc;

    /* what stays: demo rows still in use, and everything the seeder did not make */
    r->res->nkept = 0;
    for (int ti = 0; ti < m->ntables && rc == WZ_OK; ti++) {
        const struct wz_table *t = &m->tables[ti];
        char q[256];
        int64_t n = 0;
        if (has_is_demo(t)) {
            snprintf(q, sizeof(q), "SELECT count(*) FROM %s WHERE is_demo", t->name);
            rc = wz_db_query_int64(r->db, q, NULL, 0, &n, err);
            int si = seed_index(t->name);
            if (rc >= 0 && si >= 0)
                r->res->tables[si].kept = n;
            snprintf(q, sizeof(q), "SELECT count(*) FROM %s WHERE NOT is_demo", t->name);
        } else {
            snprintf(q, sizeof(q), "SELECT count(*) FROM %s", t->name);
        }
        if (rc >= 0)
            rc = wz_db_query_int64(r->db, q, NULL, 0, &n, err);
        if (rc < 0)
            break;
        rc = WZ_OK;
        if (r->res->nkept < (int)(sizeof(r->res->kept) / sizeof(r->res->kept[0]))) {
            r->res->kept[r->res->nkept].table = t->name;
            r->res->kept[r->res->nkept].rows = n;
            r->res->nkept++;
        }
    }
    return rc < 0 ? rc : WZ_OK;
}

/* ---- the run ---- */

int wz_seed_options_validate(const struct wz_seed_options *o, struct wz_err *err)
{
    if (o->stores < 0 || o->customers < 0 || o->products < 0 || o->orders < 0)
        return wz_err_set(err, WZ_EUSAGE, "demo data counts cannot be negative");
    if (o->orders > 0 && (o->customers == 0 || o->products == 0))
        return wz_err_set(err, WZ_EUSAGE,
                          "SEED_ORDERS_PER_STORE=%lld needs at least one customer and one "
                          "product per store: raise SEED_CUSTOMERS_PER_STORE and "
                          "SEED_PRODUCTS_PER_STORE or set SEED_ORDERS_PER_STORE=0",
                          (long long)o->orders);
    if (o->currency == NULL || strlen(o->currency) != 3)
        return wz_err_set(err, WZ_EUSAGE,
                          "DEFAULT_CURRENCY '%s' is not an ISO 4217 code (three letters)",
                          o->currency != NULL ? o->currency : "");
    if (o->reference_date != NULL && o->reference_date[0] != '\0') {
        int64_t e;
        if (wz_demo_parse_date(o->reference_date, &e) != 0)
            return wz_err_set(err, WZ_EUSAGE,
                              "SEED_REFERENCE_DATE '%s' is not a date: expected YYYY-MM-DD (or "
                              "empty for today)",
                              o->reference_date);
    }
    return WZ_OK;
}

int wz_seed_demo(struct wz_db *db, const struct wz_seed_options *opts, struct wz_seed_result *res,
                 struct wz_err *err)
{
    memset(res, 0, sizeof(*res));
    for (int t = 0; t < WZ_SEED_NTABLES; t++) {
        res->tables[t].table = wz_seed_tables[t];
        res->tables[t].step = writers[t].step;
    }
    res->reset = opts->reset;
    int rc = wz_seed_options_validate(opts, err);
    if (rc != WZ_OK)
        return rc;
    rc = wz_seed_check_prerequisites(db, opts, res, err);
    if (rc != WZ_OK)
        return rc;

    struct run *r = calloc(1, sizeof(*r));
    if (r == NULL)
        return wz_err_set(err, WZ_ENOMEM, "out of memory");
    r->db = db;
    r->opts = opts;
    r->res = res;
    /* rows per store: the team and store, customers with 1.35 addresses, products with 0.3
     * listings, orders with 2.1 items (the generators' averages) */
    uint64_t per_store = 12 + (uint64_t)opts->customers * 235 / 100 +
                         (uint64_t)opts->products * 130 / 100 + (uint64_t)opts->orders * 312 / 100;
    r->total = (uint64_t)opts->stores * per_store;
    r->next_report = 4096;

    rc = wz_db_begin(db, err);
    if (rc != WZ_OK)
        goto cleanup;
    rc = wz_meta_stamp_environment(db, opts->environment, err);
    if (rc != WZ_OK)
        goto cleanup;
    int64_t ref_epoch = 0;
    rc = resolve_reference_date(r, &ref_epoch, err);
    if (rc != WZ_OK)
        goto cleanup;
    rc = wz_meta_set(db, "seed_reference_date", res->reference_date, err);
    if (rc != WZ_OK)
        goto cleanup;
    wz_demo_gen_init(&r->gen, opts->seed, ref_epoch, opts->currency);
    rc = load_roles(r, err);
    if (rc != WZ_OK)
        goto cleanup;
    if (opts->reset) {
        rc = reset_demo(r, err);
        if (rc != WZ_OK)
            goto cleanup;
    }
    rc = prepare_all(r, err);
    if (rc == WZ_OK)
        rc = alloc_maps(r, err);
    if (rc != WZ_OK)
        goto cleanup;

    for (int64_t k = 1; k <= opts->stores;) {
        int n = 0;
        rc = gather_batch(r, k, &n, err);
        if (rc != WZ_OK)
            goto cleanup;
        rc = seed_batch(r, n, err);
        if (rc != WZ_OK) {
            if (n == 1)
                wz_err_wrap(err, "demo store %lld ('%s')", (long long)k, r->slots[0].s.code);
            else
                wz_err_wrap(err, "demo stores %lld to %lld", (long long)k, (long long)(k + n - 1));
            goto cleanup;
        }
        k += n;
        res->stores_seeded = k - 1;
    }
    if (opts->progress != NULL) {
        r->total = r->done;
        opts->progress(opts->progress_ctx, r->done, r->total);
    }
    rc = wz_db_commit(db, err);
    if (rc != WZ_OK)
        wz_err_wrap(err, "cannot commit the demo data");

cleanup:
    release_all(r);
    if (rc != WZ_OK)
        wz_db_rollback(db);
    free(r);
    return rc;
}
