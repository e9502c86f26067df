/* The seeding modes: see seed_modes.h. Adding a mode: a row below (docs/extending.md). */
#include "seed/seed_modes.h"

#include <inttypes.h>
#include <stdio.h>
#include <strings.h>

#include "core/spell.h"

const struct wz_seed_mode_def wz_seed_modes[] = {
    {
        .name = "normal",
        .make_target = "seed-demo",
        .summary = "Create demo stores and test data (idempotent: adds only what is missing)",
        .stores = WZ_SEED_FROM_SETTINGS,
        .customers = WZ_SEED_FROM_SETTINGS,
        .products = WZ_SEED_FROM_SETTINGS,
        .orders = WZ_SEED_FROM_SETTINGS,
        .reset = false,
    },
    {
        .name = "minimal",
        .make_target = "seed-demo-minimal",
        .summary = "Create 1 store with minimal data",
        .stores = 1,
        .customers = WZ_SEED_MINIMAL_CUSTOMERS,
        .products = WZ_SEED_MINIMAL_PRODUCTS,
        .orders = WZ_SEED_MINIMAL_ORDERS,
        .reset = false,
    },
    {
        .name = "reset",
        .make_target = "seed-demo-reset",
        .summary = "DELETE all demo data and reseed (asks; YES=1 or --yes confirms)",
        .stores = WZ_SEED_FROM_SETTINGS,
        .customers = WZ_SEED_FROM_SETTINGS,
        .products = WZ_SEED_FROM_SETTINGS,
        .orders = WZ_SEED_FROM_SETTINGS,
        .reset = true,
    },
};
const size_t wz_seed_mode_count = sizeof(wz_seed_modes) / sizeof(wz_seed_modes[0]);

const struct wz_seed_mode_def *wz_seed_mode_find(const char *name)
{
    for (size_t i = 0; name != NULL && i < wz_seed_mode_count; i++)
        if (strcasecmp(name, wz_seed_modes[i].name) == 0)
            return &wz_seed_modes[i];
    return NULL;
}

int wz_seed_mode_unknown(const char *name, struct wz_err *err)
{
    const char *names[32];
    char list[512];
    size_t n = 0, used = 0;
    list[0] = '\0';
    for (size_t i = 0; i < wz_seed_mode_count; i++) {
        if (n < sizeof(names) / sizeof(names[0]))
            names[n++] = wz_seed_modes[i].name;
        int w = snprintf(list + used, sizeof(list) - used, "%s%s", i > 0 ? ", " : "",
                         wz_seed_modes[i].name);
        if (w > 0 && (size_t)w < sizeof(list) - used)
            used += (size_t)w;
    }
    const char *near = wz_spell_nearest(name, names, n, 2);
    if (near != NULL)
        return wz_err_set(err, WZ_EUSAGE,
                          "unknown mode '%s' for 'wizamart seed-demo'; did you mean '%s'? "
                          "(modes: %s)",
                          name, near, list);
    return wz_err_set(err, WZ_EUSAGE,
                      "unknown mode '%s' for 'wizamart seed-demo': use one of %s (see "
                      "'wizamart seed-demo --help')",
                      name, list);
}

/* "N things", "1 thing" or "SETTING things". */
static const char *count_text(int64_t n, const char *setting, const char *one, const char *many,
                              char *buf, size_t size)
{
    if (n == WZ_SEED_FROM_SETTINGS)
        snprintf(buf, size, "%s %s", setting, many);
    else
        snprintf(buf, size, "%" PRId64 " %s", n, n == 1 ? one : many);
    return buf;
}

int wz_seed_mode_describe(const struct wz_seed_mode_def *m, char *buf, size_t size)
{
    char s[64], c[64], p[64], o[64];
    return snprintf(
        buf, size, "%s %s%s %s, %s and %s",
        m->reset ? "deletes every demo row first, then writes" : "writes",
        count_text(m->stores, "SEED_DEMO_STORES", "store", "stores", s, sizeof(s)),
        m->stores == 1 ? " with" : ", each with",
        count_text(m->customers, "SEED_CUSTOMERS_PER_STORE", "customer", "customers", c, sizeof(c)),
        count_text(m->products, "SEED_PRODUCTS_PER_STORE", "product", "products", p, sizeof(p)),
        count_text(m->orders, "SEED_ORDERS_PER_STORE", "order", "orders", o, sizeof(o)));
}
