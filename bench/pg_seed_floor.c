/*
 * The floor for the seeder benchmark on PostgreSQL: the same rows as `wizamart seed-demo`
 * (the same generators, src/seed/demo_rows.h), loaded as fast as PostgreSQL takes them: one
 * transaction, one COPY per table for every store at once, plain libpq. The ids the rows
 * reference are computed here (the next ids of a database nobody else writes to) instead of
 * being reserved, and the identity sequences are moved past them at the end; every key,
 * foreign key and CHECK of the schema is enforced by the server as for the seeder. What it
 * leaves out is what makes the seeder a tool: the driver interface, prerequisites, the
 * per-store checks that keep a second run idempotent, progress and counts.
 *
 *   DATABASE_URL=postgresql://... pg_seed_floor STORES CUSTOMERS PRODUCTS ORDERS SEED
 *                                               REFERENCE_DATE CURRENCY
 *
 * The URL comes from the environment, so its password is not on a command line. The
 * database must be migrated and hold the role templates (init-prod). Prints the rows written
 * and the time taken on one line.
 */
#include <libpq-fe.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/password.h"
#include "seed/demo_rows.h"

static PGconn *conn;
static uint64_t rows;

/* One COPY's outgoing text, sent in large pieces. */
static char buf[1 << 16];
static size_t used;
static int col;

static void die(const char *what)
{
    fprintf(stderr, "pg_seed_floor: %s: %s\n", what, PQerrorMessage(conn));
    exit(1);
}

static void exec_ok(const char *sql)
{
    PGresult *res = PQexec(conn, sql);
    if (PQresultStatus(res) != PGRES_COMMAND_OK && PQresultStatus(res) != PGRES_TUPLES_OK)
        die(sql);
    PQclear(res);
}

static int64_t query_int(const char *sql)
{
    PGresult *res = PQexec(conn, sql);
    if (PQresultStatus(res) != PGRES_TUPLES_OK || PQntuples(res) != 1)
        die(sql);
    int64_t v = PQgetisnull(res, 0, 0) ? 0 : strtoll(PQgetvalue(res, 0, 0), NULL, 10);
    PQclear(res);
    return v;
}

static void flush_buf(void)
{
    if (used > 0 && PQputCopyData(conn, buf, (int)used) != 1)
        die("COPY data");
    used = 0;
}

static void copy_begin(const char *sql)
{
    PGresult *res = PQexec(conn, sql);
    if (PQresultStatus(res) != PGRES_COPY_IN)
        die(sql);
    PQclear(res);
}

static void copy_end(void)
{
    flush_buf();
    if (PQputCopyEnd(conn, NULL) != 1)
        die("COPY end");
    PGresult *res = PQgetResult(conn);
    if (PQresultStatus(res) != PGRES_COMMAND_OK)
        die("COPY");
    PQclear(res);
}

static void put_raw(const char *s, size_t n)
{
    if (used + n > sizeof(buf))
        flush_buf();
    memcpy(buf + used, s, n);
    used += n;
}

static void sep(void)
{
    if (col++ > 0)
        put_raw("\t", 1);
}

/* A text value with COPY's escapes; NULL is \N. */
static void t(const char *v)
{
    sep();
    if (v == NULL) {
        put_raw("\\N", 2);
        return;
    }
    for (const char *p = v; *p != '\0'; p++) {
        switch (*p) {
        case '\\':
            put_raw("\\\\", 2);
            break;
        case '\t':
            put_raw("\\t", 2);
            break;
        case '\n':
            put_raw("\\n", 2);
            break;
        case '\r':
            put_raw("\\r", 2);
            break;
        default:
            put_raw(p, 1);
        }
    }
}

static void n(int64_t v)
{
    char s[24];
    int len = snprintf(s, sizeof(s), "%lld", (long long)v);
    sep();
    put_raw(s, (size_t)len);
}

static void b(bool v)
{
    sep();
    put_raw(v ? "t" : "f", 1);
}

static void end_row(void)
{
    put_raw("\n", 1);
    col = 0;
    rows++;
}

static const char *const role_names[] = {"owner", "manager", "staff", "support", "viewer"};

static int64_t role_id(const char *name)
{
    const char *params[] = {name};
    PGresult *res =
        PQexecParams(conn, "SELECT id FROM roles WHERE name = $1", 1, NULL, params, NULL, NULL, 0);
    if (PQresultStatus(res) != PGRES_TUPLES_OK || PQntuples(res) != 1) {
        fprintf(stderr, "pg_seed_floor: role templates missing: run init-prod first\n");
        exit(1);
    }
    int64_t id = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
    PQclear(res);
    return id;
}

static void gen_fail(const char *what, int64_t k)
{
    fprintf(stderr, "pg_seed_floor: cannot generate %s of store %lld\n", what, (long long)k);
    exit(1);
}

int main(int argc, char **argv)
{
    if (argc != 8 || getenv("DATABASE_URL") == NULL) {
        fprintf(stderr, "usage: DATABASE_URL=postgresql://... pg_seed_floor STORES CUSTOMERS "
                        "PRODUCTS ORDERS SEED REFERENCE_DATE CURRENCY\n");
        return 2;
    }
    int64_t nstores = atoll(argv[1]), nc = atoll(argv[2]), np = atoll(argv[3]), no = atoll(argv[4]);
    uint64_t seed = strtoull(argv[5], NULL, 10);
    int64_t ref = 0;
    if (wz_demo_parse_date(argv[6], &ref) != 0)
        return 2;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);

    conn = PQconnectdb(getenv("DATABASE_URL"));
    if (PQstatus(conn) != CONNECTION_OK)
        die("connect");
    exec_ok("SET client_min_messages = warning");
    exec_ok("BEGIN");
    int64_t roles[5];
    for (int i = 0; i < 5; i++)
        roles[i] = role_id(role_names[i]);

    struct wz_demo_gen g;
    wz_demo_gen_init(&g, seed, ref, argv[7]);
    char hash[WZ_PASSWORD_HASH_MAX];
    struct wz_err err = {0};

    /* The ids rows get in an empty part of each table, as the seeder's would. */
    int64_t user0 = query_int("SELECT coalesce(max(id), 0) FROM users");
    int64_t store0 = query_int("SELECT coalesce(max(id), 0) FROM stores");
    int64_t cust0 = query_int("SELECT coalesce(max(id), 0) FROM customers");
    int64_t prod0 = query_int("SELECT coalesce(max(id), 0) FROM products");
    int64_t order0 = query_int("SELECT coalesce(max(id), 0) FROM orders");
    int64_t *first_user = calloc((size_t)nstores + 2, sizeof(int64_t));
    struct wz_demo_store *stores = calloc((size_t)nstores + 1, sizeof(*stores));
    if (first_user == NULL || stores == NULL)
        return 1;
    first_user[1] = user0 + 1;
    for (int64_t k = 1; k <= nstores; k++) {
        if (wz_demo_store(&g, k, &stores[k]) != 0)
            gen_fail("the store", k);
        first_user[k + 1] = first_user[k] + stores[k].nusers;
    }

    struct wz_demo_user u;
    copy_begin("COPY users (id, email, username, password_hash, first_name, last_name, role, "
               "is_active, is_email_verified, is_demo) FROM STDIN");
    for (int64_t k = 1; k <= nstores; k++) {
        for (int j = 0; j < stores[k].nusers; j++) {
            if (wz_demo_user(&g, &stores[k], j, &u) != 0)
                gen_fail("a user", k);
            /* each user's own salt, as the seeder's */
            if (wz_demo_user_password_hash(seed, u.email, u.password, hash, &err) != 0) {
                fprintf(stderr, "pg_seed_floor: %s\n", err.msg);
                return 1;
            }
            n(first_user[k] + j), t(u.email), t(u.username), t(hash), t(u.first_name),
                t(u.last_name), t("store"), b(true), b(true), b(true);
            end_row();
        }
    }
    copy_end();

    copy_begin("COPY stores (id, code, name, subdomain, description, owner_user_id, "
               "contact_email, default_currency, is_active, is_verified, is_demo) FROM STDIN");
    for (int64_t k = 1; k <= nstores; k++) {
        const struct wz_demo_store *s = &stores[k];
        n(store0 + k), t(s->code), t(s->name), t(s->subdomain), t(s->description), n(first_user[k]),
            t(s->contact_email), t(g.currency), b(true), b(s->is_verified), b(true);
        end_row();
    }
    copy_end();

    copy_begin("COPY store_domains (store_id, domain, is_primary, is_verified, verified_at, "
               "is_demo) FROM STDIN");
    for (int64_t k = 1; k <= nstores; k++) {
        const struct wz_demo_store *s = &stores[k];
        if (!s->has_domain)
            continue;
        n(store0 + k), t(s->domain), b(true), b(s->domain_verified),
            t(s->domain_verified ? s->domain_verified_at : NULL), b(true);
        end_row();
    }
    copy_end();

    copy_begin("COPY store_users (store_id, user_id, role_id, is_active, invited_by_user_id, "
               "joined_at, is_demo) FROM STDIN");
    for (int64_t k = 1; k <= nstores; k++) {
        for (int j = 0; j < stores[k].nusers; j++) {
            if (wz_demo_user(&g, &stores[k], j, &u) != 0)
                gen_fail("a user", k);
            int r = 0;
            while (r < 5 && strcmp(role_names[r], u.role) != 0)
                r++;
            n(store0 + k), n(first_user[k] + j), n(roles[r < 5 ? r : 0]), b(true);
            if (j == 0)
                t(NULL);
            else
                n(first_user[k]);
            t(u.joined_at), b(true);
            end_row();
        }
    }
    copy_end();

    copy_begin("COPY store_themes (store_id, preset, primary_color, secondary_color, "
               "accent_color, font_family, is_demo) FROM STDIN");
    for (int64_t k = 1; k <= nstores; k++) {
        const struct wz_demo_store *s = &stores[k];
        n(store0 + k), t(s->preset), t(s->primary), t(s->secondary), t(s->accent),
            t(s->font_family), b(true);
        end_row();
    }
    copy_end();

    struct wz_demo_customer c;
    struct wz_demo_address a;
    copy_begin("COPY customers (id, store_id, email, first_name, last_name, phone, "
               "accepts_marketing, is_active, is_demo) FROM STDIN");
    for (int64_t k = 1; k <= nstores; k++) {
        for (int64_t i = 1; i <= nc; i++) {
            if (wz_demo_customer(&g, k, i, &c) != 0)
                gen_fail("a customer", k);
            n(cust0 + (k - 1) * nc + i), n(store0 + k), t(c.email), t(c.first_name), t(c.last_name),
                t(c.phone), b(c.accepts_marketing), b(c.is_active), b(true);
            end_row();
        }
    }
    copy_end();

    copy_begin("COPY customer_addresses (store_id, customer_id, kind, full_name, line1, line2, "
               "city, postcode, region, country_code, phone, is_default, is_demo) FROM STDIN");
    for (int64_t k = 1; k <= nstores; k++) {
        for (int64_t i = 1; i <= nc; i++) {
            if (wz_demo_customer(&g, k, i, &c) != 0)
                gen_fail("a customer", k);
            for (int ai = 0; ai < c.naddresses; ai++) {
                if (wz_demo_address(&g, k, i, &c, ai, &a) != 0)
                    gen_fail("an address", k);
                n(store0 + k), n(cust0 + (k - 1) * nc + i), t(a.kind), t(a.full_name),
                    t(a.addr.street), t(a.line2[0] != '\0' ? a.line2 : NULL), t(a.addr.city),
                    t(a.addr.postcode), t(a.addr.region[0] != '\0' ? a.addr.region : NULL),
                    t(a.addr.country), t(c.phone), b(a.is_default), b(true);
                end_row();
            }
        }
    }
    copy_end();

    struct wz_demo_product p;
    copy_begin("COPY products (id, store_id, sku, title, description, price_amount, currency, "
               "stock_quantity, status, is_demo) FROM STDIN");
    for (int64_t k = 1; k <= nstores; k++) {
        for (int64_t i = 1; i <= np; i++) {
            if (wz_demo_product(&g, &stores[k], i, &p) != 0)
                gen_fail("a product", k);
            n(prod0 + (k - 1) * np + i), n(store0 + k), t(p.sku), t(p.title), t(p.description),
                n(p.price), t(g.currency), n(p.stock), t(p.status), b(true);
            end_row();
        }
    }
    copy_end();

    copy_begin("COPY marketplace_products (store_id, product_id, marketplace, external_id, "
               "price_amount, currency, status, listed_at, is_demo) FROM STDIN");
    for (int64_t k = 1; k <= nstores; k++) {
        for (int64_t i = 1; i <= np; i++) {
            if (wz_demo_product(&g, &stores[k], i, &p) != 0)
                gen_fail("a product", k);
            if (!p.listed)
                continue;
            n(store0 + k), n(prod0 + (k - 1) * np + i), t(p.marketplace), t(p.external_id),
                n(p.price), t(g.currency), t(p.mp_status), t(p.has_listed_at ? p.listed_at : NULL),
                b(true);
            end_row();
        }
    }
    copy_end();

    struct wz_demo_order o;
    char json[1024], sku[64], title[128];
    copy_begin("COPY orders (id, store_id, order_number, customer_id, customer_email, status, "
               "currency, subtotal_amount, shipping_amount, tax_amount, total_amount, "
               "shipping_address, placed_at, is_demo) FROM STDIN");
    for (int64_t k = 1; k <= nstores; k++) {
        for (int64_t i = 1; i <= no; i++) {
            if (wz_demo_order(&g, &stores[k], i, nc, np, &o) != 0 ||
                wz_demo_order_address_json(&g, &stores[k], i, &o, json, sizeof(json)) < 0)
                gen_fail("an order", k);
            n(order0 + (k - 1) * no + i), n(store0 + k), t(o.number);
            if (o.guest)
                t(NULL);
            else
                n(cust0 + (k - 1) * nc + o.customer_no);
            t(o.customer_email), t(o.status), t(g.currency), n(o.subtotal), n(o.shipping), n(o.tax),
                n(o.total), t(json), t(o.placed_at), b(true);
            end_row();
        }
    }
    copy_end();

    copy_begin("COPY order_items (store_id, order_id, product_id, sku, title, quantity, "
               "unit_price_amount, line_total_amount, is_demo) FROM STDIN");
    for (int64_t k = 1; k <= nstores; k++) {
        for (int64_t i = 1; i <= no; i++) {
            if (wz_demo_order(&g, &stores[k], i, nc, np, &o) != 0)
                gen_fail("an order", k);
            for (int l = 0; l < o.nlines; l++) {
                const struct wz_demo_line *line = &o.lines[l];
                if (wz_demo_product_sku(&stores[k], line->product_no, sku, sizeof(sku)) != 0 ||
                    wz_demo_product_title(&g, &stores[k], line->product_no, title, sizeof(title)) !=
                        0)
                    gen_fail("an order line", k);
                n(store0 + k), n(order0 + (k - 1) * no + i),
                    n(prod0 + (k - 1) * np + line->product_no), t(sku), t(title), n(line->quantity),
                    n(line->unit_price), n(line->line_total), b(true);
                end_row();
            }
        }
    }
    copy_end();

    /* The ids given here must not be handed out again by the identity defaults. */
    static const char *const given[] = {"users", "stores", "customers", "products", "orders"};
    for (size_t i = 0; i < sizeof(given) / sizeof(given[0]); i++) {
        char sql[200];
        snprintf(sql, sizeof(sql),
                 "SELECT setval(pg_get_serial_sequence('%s', 'id'), max(id)) FROM %s", given[i],
                 given[i]);
        exec_ok(sql);
    }
    exec_ok("COMMIT");
    PQfinish(conn);
    free(first_user);
    free(stores);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    printf("floor: %llu rows in %.2f s (%.0f rows/s)\n", (unsigned long long)rows, secs,
           (double)rows / secs);
    return 0;
}
