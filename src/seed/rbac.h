/*
 * Permissions and the role templates every store's team is built from. Each role's
 * permission set is documented here and in docs/rbac.md; init-prod creates what is missing.
 */
#ifndef WZ_RBAC_H
#define WZ_RBAC_H

#include <stddef.h>

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
