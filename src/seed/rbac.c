/* Permissions and role templates: see rbac.h. */
#include "seed/rbac.h"

static const struct wz_permission_def permissions[] = {
    {"store.view", "See the store's dashboard and settings"},
    {"store.settings", "Change the store's name, description and settings"},
    {"theme.manage", "Change the storefront theme"},
    {"domains.manage", "Add, verify and remove custom domains"},
    {"billing.manage", "Manage the store's plan and payment details"},
    {"team.view", "See the store's team members and invitations"},
    {"team.manage", "Invite, change and remove team members"},
    {"products.view", "See the catalog"},
    {"products.create", "Add products"},
    {"products.edit", "Change products, prices and stock"},
    {"products.delete", "Delete products"},
    {"marketplace.manage", "List products on marketplaces"},
    {"orders.view", "See orders"},
    {"orders.manage", "Change order status, fulfil and ship orders"},
    {"orders.refund", "Refund and cancel orders"},
    {"customers.view", "See customers and their addresses"},
    {"customers.manage", "Change and delete customers"},
    {"reports.view", "See sales reports"},
};

/* owner: everything. */
static const char *const owner[] = {
    "store.view",
    "store.settings",
    "theme.manage",
    "domains.manage",
    "billing.manage",
    "team.view",
    "team.manage",
    "products.view",
    "products.create",
    "products.edit",
    "products.delete",
    "marketplace.manage",
    "orders.view",
    "orders.manage",
    "orders.refund",
    "customers.view",
    "customers.manage",
    "reports.view",
    NULL,
};
/* manager: runs the store day to day; no billing, domains or team changes. */
static const char *const manager[] = {
    "store.view",         "store.settings",   "theme.manage",  "team.view",
    "products.view",      "products.create",  "products.edit", "products.delete",
    "marketplace.manage", "orders.view",      "orders.manage", "orders.refund",
    "customers.view",     "customers.manage", "reports.view",  NULL,
};
/* staff: catalog and order fulfilment. */
static const char *const staff[] = {
    "store.view",  "products.view", "products.create", "products.edit",
    "orders.view", "orders.manage", "customers.view",  NULL,
};
/* support: customer care, including refunds. */
static const char *const support[] = {
    "store.view",    "orders.view", "orders.refund", "customers.view", "customers.manage",
    "products.view", NULL,
};
/* viewer: read-only access. */
static const char *const viewer[] = {
    "store.view",   "team.view", "products.view", "orders.view", "customers.view",
    "reports.view", NULL,
};

static const struct wz_role_def roles[] = {
    {WZ_ROLE_OWNER, "Store owner: every permission", owner},
    {WZ_ROLE_MANAGER, "Runs the store day to day; no billing, domains or team changes", manager},
    {WZ_ROLE_STAFF, "Catalog and order fulfilment", staff},
    {WZ_ROLE_SUPPORT, "Customer care, including refunds", support},
    {WZ_ROLE_VIEWER, "Read-only access", viewer},
};

const struct wz_permission_def *wz_rbac_permissions(size_t *n)
{
    *n = sizeof(permissions) / sizeof(permissions[0]);
    return permissions;
}

const struct wz_role_def *wz_rbac_roles(size_t *n)
{
    *n = sizeof(roles) / sizeof(roles[0]);
    return roles;
}
