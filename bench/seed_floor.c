/*
 * The floor for the seeder benchmark: the same rows as `wizamart seed-demo` (the same
 * generators, src/seed/demo_rows.h), written into the same schema as fast as SQLite allows
 * with the same safety: one transaction, WAL with synchronous=NORMAL, foreign keys on, every
 * constraint of the schema checked. What it leaves out is everything that makes the seeder a
 * tool rather than a loop: the driver interface, ON CONFLICT / RETURNING and the lookups that
 * make a second run idempotent, prerequisites, progress and counts. Plain sqlite3 calls,
 * `?` parameters bound without copies, ids from sqlite3_last_insert_rowid.
 *
 *   seed_floor DB STORES CUSTOMERS PRODUCTS ORDERS SEED REFERENCE_DATE CURRENCY
 *
 * DB must be migrated and hold the role templates (init-prod). Prints the rows written and
 * the time taken on one line.
 */
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/password.h"
#include "seed/demo_rows.h"

static sqlite3 *db;
static uint64_t rows;

static void die(const char *what)
{
    fprintf(stderr, "seed_floor: %s: %s\n", what, sqlite3_errmsg(db));
    exit(1);
}

static sqlite3_stmt *prep(const char *sql)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK)
        die(sql);
    return st;
}

static void text(sqlite3_stmt *st, int i, const char *v)
{
    if (v == NULL || (v[0] == '\0'))
        sqlite3_bind_null(st, i);
    else
        sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
}

static int64_t insert(sqlite3_stmt *st)
{
    if (sqlite3_step(st) != SQLITE_DONE)
        die("insert");
    sqlite3_reset(st);
    rows++;
    return sqlite3_last_insert_rowid(db);
}

static int64_t role_id(const char *name)
{
    sqlite3_stmt *st = prep("SELECT id FROM roles WHERE name = ?");
    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_ROW)
        die("role templates missing: run init-prod first");
    int64_t id = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return id;
}

int main(int argc, char **argv)
{
    if (argc != 9) {
        fprintf(stderr, "usage: seed_floor DB STORES CUSTOMERS PRODUCTS ORDERS SEED "
                        "REFERENCE_DATE CURRENCY\n");
        return 2;
    }
    int64_t nstores = atoll(argv[2]), nc = atoll(argv[3]), np = atoll(argv[4]), no = atoll(argv[5]);
    uint64_t seed = strtoull(argv[6], NULL, 10);
    int64_t ref = 0;
    if (wz_demo_parse_date(argv[7], &ref) != 0)
        return 2;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);

    if (sqlite3_open(argv[1], &db) != SQLITE_OK)
        die("open");
    if (sqlite3_exec(db,
                     "PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL; "
                     "PRAGMA synchronous = NORMAL; BEGIN IMMEDIATE",
                     NULL, NULL, NULL) != SQLITE_OK)
        die("setup");
    static const char *const role_names[] = {"owner", "manager", "staff", "support", "viewer"};
    int64_t roles[5];
    for (int i = 0; i < 5; i++)
        roles[i] = role_id(role_names[i]);

    struct wz_demo_gen g;
    wz_demo_gen_init(&g, seed, ref, argv[8]);
    char hash[WZ_PASSWORD_HASH_MAX];
    struct wz_err err = {0};

    sqlite3_stmt *users = prep("INSERT INTO users (email, username, password_hash, first_name, "
                               "last_name, role, is_active, is_email_verified, is_demo) VALUES "
                               "(?, ?, ?, ?, ?, 'store', 1, 1, 1)");
    sqlite3_stmt *stores = prep("INSERT INTO stores (code, name, subdomain, description, "
                                "owner_user_id, contact_email, default_currency, is_active, "
                                "is_verified, is_demo) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, 1)");
    sqlite3_stmt *domains = prep("INSERT INTO store_domains (store_id, domain, is_primary, "
                                 "is_verified, verified_at, is_demo) VALUES (?, ?, 1, ?, ?, 1)");
    sqlite3_stmt *members = prep("INSERT INTO store_users (store_id, user_id, role_id, "
                                 "is_active, invited_by_user_id, joined_at, is_demo) VALUES "
                                 "(?, ?, ?, 1, ?, ?, 1)");
    sqlite3_stmt *themes = prep("INSERT INTO store_themes (store_id, preset, primary_color, "
                                "secondary_color, accent_color, font_family, is_demo) VALUES "
                                "(?, ?, ?, ?, ?, ?, 1)");
    sqlite3_stmt *customers = prep("INSERT INTO customers (store_id, email, first_name, "
                                   "last_name, phone, accepts_marketing, is_active, is_demo) "
                                   "VALUES (?, ?, ?, ?, ?, ?, ?, 1)");
    sqlite3_stmt *addresses = prep(
        "INSERT INTO customer_addresses (store_id, customer_id, kind, full_name, line1, line2, "
        "city, postcode, region, country_code, phone, is_default, is_demo) VALUES (?, ?, ?, ?, "
        "?, ?, ?, ?, ?, ?, ?, ?, 1)");
    sqlite3_stmt *products = prep("INSERT INTO products (store_id, sku, title, description, "
                                  "price_amount, currency, stock_quantity, status, is_demo) "
                                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)");
    sqlite3_stmt *listings = prep(
        "INSERT INTO marketplace_products (store_id, product_id, marketplace, external_id, "
        "price_amount, currency, status, listed_at, is_demo) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)");
    sqlite3_stmt *orders = prep(
        "INSERT INTO orders (store_id, order_number, customer_id, customer_email, status, "
        "currency, subtotal_amount, shipping_amount, tax_amount, total_amount, shipping_address, "
        "placed_at, is_demo) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)");
    sqlite3_stmt *items =
        prep("INSERT INTO order_items (store_id, order_id, product_id, sku, title, quantity, "
             "unit_price_amount, line_total_amount, is_demo) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)");

    int64_t *cids = calloc((size_t)nc + 1, sizeof(int64_t));
    int64_t *pids = calloc((size_t)np + 1, sizeof(int64_t));
    if (cids == NULL || pids == NULL)
        return 1;
    for (int64_t k = 1; k <= nstores; k++) {
        struct wz_demo_store s;
        if (wz_demo_store(&g, k, &s) != 0)
            return 1;
        int64_t uids[16];
        struct wz_demo_user u[16];
        for (int j = 0; j < s.nusers && j < 16; j++) {
            if (wz_demo_user(&g, &s, j, &u[j]) != 0)
                return 1;
            /* each user's own salt, as the seeder's */
            if (wz_demo_user_password_hash(seed, u[j].email, u[j].password, hash, &err) != 0) {
                fprintf(stderr, "seed_floor: %s\n", err.msg);
                return 1;
            }
            text(users, 1, u[j].email);
            text(users, 2, u[j].username);
            text(users, 3, hash);
            text(users, 4, u[j].first_name);
            text(users, 5, u[j].last_name);
            uids[j] = insert(users);
        }
        text(stores, 1, s.code);
        text(stores, 2, s.name);
        text(stores, 3, s.subdomain);
        text(stores, 4, s.description);
        sqlite3_bind_int64(stores, 5, uids[0]);
        text(stores, 6, s.contact_email);
        text(stores, 7, g.currency);
        sqlite3_bind_int(stores, 8, s.is_verified);
        int64_t sid = insert(stores);
        if (s.has_domain) {
            sqlite3_bind_int64(domains, 1, sid);
            text(domains, 2, s.domain);
            sqlite3_bind_int(domains, 3, s.domain_verified);
            text(domains, 4, s.domain_verified ? s.domain_verified_at : NULL);
            insert(domains);
        }
        for (int j = 0; j < s.nusers && j < 16; j++) {
            int r = 0;
            while (r < 5 && strcmp(role_names[r], u[j].role) != 0)
                r++;
            sqlite3_bind_int64(members, 1, sid);
            sqlite3_bind_int64(members, 2, uids[j]);
            sqlite3_bind_int64(members, 3, roles[r < 5 ? r : 0]);
            if (j == 0)
                sqlite3_bind_null(members, 4);
            else
                sqlite3_bind_int64(members, 4, uids[0]);
            text(members, 5, u[j].joined_at);
            insert(members);
        }
        sqlite3_bind_int64(themes, 1, sid);
        text(themes, 2, s.preset);
        text(themes, 3, s.primary);
        text(themes, 4, s.secondary);
        text(themes, 5, s.accent);
        text(themes, 6, s.font_family);
        insert(themes);

        struct wz_demo_customer c;
        struct wz_demo_address a;
        for (int64_t i = 1; i <= nc; i++) {
            if (wz_demo_customer(&g, k, i, &c) != 0)
                return 1;
            sqlite3_bind_int64(customers, 1, sid);
            text(customers, 2, c.email);
            text(customers, 3, c.first_name);
            text(customers, 4, c.last_name);
            text(customers, 5, c.phone);
            sqlite3_bind_int(customers, 6, c.accepts_marketing);
            sqlite3_bind_int(customers, 7, c.is_active);
            cids[i] = insert(customers);
            for (int ai = 0; ai < c.naddresses; ai++) {
                if (wz_demo_address(&g, k, i, &c, ai, &a) != 0)
                    return 1;
                sqlite3_bind_int64(addresses, 1, sid);
                sqlite3_bind_int64(addresses, 2, cids[i]);
                text(addresses, 3, a.kind);
                text(addresses, 4, a.full_name);
                text(addresses, 5, a.addr.street);
                text(addresses, 6, a.line2);
                text(addresses, 7, a.addr.city);
                text(addresses, 8, a.addr.postcode);
                text(addresses, 9, a.addr.region);
                text(addresses, 10, a.addr.country);
                text(addresses, 11, c.phone);
                sqlite3_bind_int(addresses, 12, a.is_default);
                insert(addresses);
            }
        }
        struct wz_demo_product p;
        for (int64_t i = 1; i <= np; i++) {
            if (wz_demo_product(&g, &s, i, &p) != 0)
                return 1;
            sqlite3_bind_int64(products, 1, sid);
            text(products, 2, p.sku);
            text(products, 3, p.title);
            text(products, 4, p.description);
            sqlite3_bind_int64(products, 5, p.price);
            text(products, 6, g.currency);
            sqlite3_bind_int64(products, 7, p.stock);
            text(products, 8, p.status);
            pids[i] = insert(products);
            if (!p.listed)
                continue;
            sqlite3_bind_int64(listings, 1, sid);
            sqlite3_bind_int64(listings, 2, pids[i]);
            text(listings, 3, p.marketplace);
            text(listings, 4, p.external_id);
            sqlite3_bind_int64(listings, 5, p.price);
            text(listings, 6, g.currency);
            text(listings, 7, p.mp_status);
            text(listings, 8, p.has_listed_at ? p.listed_at : NULL);
            insert(listings);
        }
        struct wz_demo_order o;
        char json[1024], sku[64], title[128];
        for (int64_t i = 1; i <= no; i++) {
            if (wz_demo_order(&g, &s, i, nc, np, &o) != 0 ||
                wz_demo_order_address_json(&g, &s, i, &o, json, sizeof(json)) < 0)
                return 1;
            sqlite3_bind_int64(orders, 1, sid);
            text(orders, 2, o.number);
            if (o.guest)
                sqlite3_bind_null(orders, 3);
            else
                sqlite3_bind_int64(orders, 3, cids[o.customer_no]);
            text(orders, 4, o.customer_email);
            text(orders, 5, o.status);
            text(orders, 6, g.currency);
            sqlite3_bind_int64(orders, 7, o.subtotal);
            sqlite3_bind_int64(orders, 8, o.shipping);
            sqlite3_bind_int64(orders, 9, o.tax);
            sqlite3_bind_int64(orders, 10, o.total);
            text(orders, 11, json);
            text(orders, 12, o.placed_at);
            int64_t oid = insert(orders);
            for (int l = 0; l < o.nlines; l++) {
                const struct wz_demo_line *line = &o.lines[l];
                if (wz_demo_product_sku(&s, line->product_no, sku, sizeof(sku)) != 0 ||
                    wz_demo_product_title(&g, &s, line->product_no, title, sizeof(title)) != 0)
                    return 1;
                sqlite3_bind_int64(items, 1, sid);
                sqlite3_bind_int64(items, 2, oid);
                sqlite3_bind_int64(items, 3, pids[line->product_no]);
                text(items, 4, sku);
                text(items, 5, title);
                sqlite3_bind_int64(items, 6, line->quantity);
                sqlite3_bind_int64(items, 7, line->unit_price);
                sqlite3_bind_int64(items, 8, line->line_total);
                insert(items);
            }
        }
    }
    sqlite3_stmt *all[] = {users,     stores,   domains,  members, themes, customers,
                           addresses, products, listings, orders,  items};
    for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++)
        sqlite3_finalize(all[i]);
    if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
        die("commit");
    sqlite3_close(db);
    free(cids);
    free(pids);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    printf("floor: %llu rows in %.2f s (%.0f rows/s)\n", (unsigned long long)rows, secs,
           (double)rows / secs);
    return 0;
}
