/*
 * Permissions and the role templates every store's team is built from. Each role's
 * permission set is documented here and in docs/rbac.md; init-prod creates what is missing.
 */
#ifndef WZ_RBAC_H
#define WZ_RBAC_H

#include <stddef.h>

/* The role templates' names, for code that picks a role by name (the demo teams). */
#define WZ_ROLE_OWNER   "owner"
#define WZ_ROLE_MANAGER "manager"
#define WZ_ROLE_STAFF   "staff"
#define WZ_ROLE_SUPPORT "support"
#define WZ_ROLE_VIEWER  "viewer"

struct wz_permission_def {
    const char *code; /* area.action */
    const char *description;
};

struct wz_role_def {
    const char *name;
    const char *description;
    const char *const *permissions; /* NULL-terminated codes */
};

const struct wz_permission_def *wz_rbac_permissions(size_t *n);
const struct wz_role_def *wz_rbac_roles(size_t *n);

#endif
