/*
 * The database's share of the server benchmark's two routes: the engine calls their
 * handlers make (wz_shop_products, wz_orders_list), each page in its own read snapshot as a
 * GET's, with nothing written out. What is left of a request's CPU time once this and the
 * floor server's (bench/server_floor.c) are taken away is routing, the access check and the
 * JSON; bench/run_server.sh prints the three side by side, so that a ratio to the floor can be
 * told apart from what the rows themselves cost.
 *
 *   page_cost DATABASE_URL STORE_CODE STORE_ID PAGES
 *
 * Prints "shop_us orders_us": the CPU time (user + system) per page of 50 rows.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "core/err.h"
#include "db/db.h"
#include "platform/catalog.h"
#include "platform/orders.h"

/* Each row's values are read, as a handler reads them to write them out. */
static int shop_row(void *ctx, const struct wz_shop_product *p)
{
    *(int64_t *)ctx += p->id + p->price_amount + (p->sku[0] != '\0') + (p->title[0] != '\0');
    return 0;
}

static int order_row(void *ctx, const struct wz_order *o)
{
    *(int64_t *)ctx += o->id + o->total_amount + (o->order_number[0] != '\0');
    return 0;
}

static double cpu_seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void die(const char *what, const struct wz_err *err)
{
    fprintf(stderr, "page_cost: %s: %s\n", what, err->msg);
    exit(1);
}

/* The CPU time per page of one route's engine call, in microseconds. */
static double per_page(struct wz_db *db, int pages, const char *code, int64_t store_id, bool orders)
{
    struct wz_err err = {0};
    int64_t sum = 0;
    struct wz_list_filter f = {.limit = 50};
    double t0 = 0;
    /* the first tenth warms the statement cache and the page cache, unmeasured */
    for (int i = -pages / 10; i < pages; i++) {
        if (i == 0)
            t0 = cpu_seconds();
        bool more = false;
        if (wz_db_begin_read(db, &err) != WZ_OK)
            die("begin", &err);
        int rc = orders ? wz_orders_list(db, store_id, &f, order_row, &sum, &more, &err)
                        : wz_shop_products(db, code, 0, 50, shop_row, &sum, &more, &err);
        if (rc != WZ_OK)
            die(orders ? "orders" : "shop", &err);
        wz_db_end_read(db);
    }
    if (sum == 0)
        die("no rows", &err);
    return (cpu_seconds() - t0) / pages * 1e6;
}

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: page_cost DATABASE_URL STORE_CODE STORE_ID PAGES\n");
        return 2;
    }
    struct wz_err err = {0};
    struct wz_db_options opt = {.no_create = true};
    struct wz_db *db = NULL;
    if (wz_db_open_url(argv[1], &opt, &db, &err) != WZ_OK)
        die("open", &err);
    int pages = atoi(argv[4]);
    double shop = per_page(db, pages, argv[2], 0, false);
    double orders = per_page(db, pages, NULL, atoll(argv[3]), true);
    printf("%.1f %.1f\n", shop, orders);
    wz_db_close(db);
    return 0;
}
