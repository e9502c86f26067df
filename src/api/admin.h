/*
 * The platform admin's API and the public invitation acceptance (src/api/admin.c): the
 * handlers of the rows in src/api/routes_admin.inc. The table file must see this header
 * before the table (src/api/routes.c includes it); until it does, routes_admin.inc adds no
 * row (it tests WZ_API_ADMIN_H), so the build never breaks.
 */
#ifndef WZ_API_ADMIN_H
#ifndef __ASSEMBLER__
#define WZ_API_ADMIN_H

#include "http/http.h"

#define WZ_ADMIN_HANDLER(name) int name(struct wz_req *req, struct wz_resp *resp)

/* Stores (ADMIN). */
WZ_ADMIN_HANDLER(wz_h_admin_stores_list);
WZ_ADMIN_HANDLER(wz_h_admin_store_create);
WZ_ADMIN_HANDLER(wz_h_admin_store_get);
WZ_ADMIN_HANDLER(wz_h_admin_store_update);
WZ_ADMIN_HANDLER(wz_h_admin_store_team);
WZ_ADMIN_HANDLER(wz_h_admin_invitation_resend);
WZ_ADMIN_HANDLER(wz_h_admin_invitation_revoke);
WZ_ADMIN_HANDLER(wz_h_admin_store_orders);
/* Users (ADMIN). */
WZ_ADMIN_HANDLER(wz_h_admin_users_list);
WZ_ADMIN_HANDLER(wz_h_admin_user_get);
WZ_ADMIN_HANDLER(wz_h_admin_user_update);
/* Admin settings (ADMIN). */
WZ_ADMIN_HANDLER(wz_h_admin_settings_list);
WZ_ADMIN_HANDLER(wz_h_admin_setting_update);
/* Accepting an invitation (PUBLIC). */
WZ_ADMIN_HANDLER(wz_h_invitation_accept);

#endif
#endif
