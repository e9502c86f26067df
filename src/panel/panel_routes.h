/*
 * The handlers of the panels' rows in the route table (src/panel/routes_panel.inc). The
 * table file must see this header before the table: src/api/routes.c includes it; until it
 * does, routes_panel.inc adds no row (it tests WZ_PANEL_ROUTES_H), so the build never breaks.
 */
#ifndef WZ_PANEL_ROUTES_H
#ifndef __ASSEMBLER__ /* harmless when force-included into the embedded files' .S */
#define WZ_PANEL_ROUTES_H

#include "http/http.h"

#define WZ_PANEL_HANDLER(name) int name(struct wz_req *req, struct wz_resp *resp)

/* Sign-in and sign-out (page.c). */
WZ_PANEL_HANDLER(wz_p_admin_login_form);
WZ_PANEL_HANDLER(wz_p_admin_login);
WZ_PANEL_HANDLER(wz_p_admin_logout);
WZ_PANEL_HANDLER(wz_p_store_login_form);
WZ_PANEL_HANDLER(wz_p_store_login);
WZ_PANEL_HANDLER(wz_p_store_logout);

/* The platform admin's pages (admin_pages.c). */
WZ_PANEL_HANDLER(wz_p_admin_dashboard);
WZ_PANEL_HANDLER(wz_p_admin_stores);
WZ_PANEL_HANDLER(wz_p_admin_store_new);
WZ_PANEL_HANDLER(wz_p_admin_store_create);
WZ_PANEL_HANDLER(wz_p_admin_store);
WZ_PANEL_HANDLER(wz_p_admin_store_edit);
WZ_PANEL_HANDLER(wz_p_admin_store_update);
WZ_PANEL_HANDLER(wz_p_admin_store_deactivate);
WZ_PANEL_HANDLER(wz_p_admin_store_reactivate);
WZ_PANEL_HANDLER(wz_p_admin_invitation_resend);
WZ_PANEL_HANDLER(wz_p_admin_invitation_revoke);
WZ_PANEL_HANDLER(wz_p_admin_users);
WZ_PANEL_HANDLER(wz_p_admin_user_deactivate);
WZ_PANEL_HANDLER(wz_p_admin_settings);
WZ_PANEL_HANDLER(wz_p_admin_setting_update);

/* The store panel (store_pages.c). */
WZ_PANEL_HANDLER(wz_p_store_home);
WZ_PANEL_HANDLER(wz_p_store_overview);
WZ_PANEL_HANDLER(wz_p_store_products);
WZ_PANEL_HANDLER(wz_p_store_product_new);
WZ_PANEL_HANDLER(wz_p_store_product_create);
WZ_PANEL_HANDLER(wz_p_store_product_edit);
WZ_PANEL_HANDLER(wz_p_store_product_update);
WZ_PANEL_HANDLER(wz_p_store_product_deactivate);
WZ_PANEL_HANDLER(wz_p_store_customers);
WZ_PANEL_HANDLER(wz_p_store_orders);
WZ_PANEL_HANDLER(wz_p_store_order);
WZ_PANEL_HANDLER(wz_p_store_team);
WZ_PANEL_HANDLER(wz_p_store_team_invite);
WZ_PANEL_HANDLER(wz_p_store_team_remove);
WZ_PANEL_HANDLER(wz_p_store_accept_form);
WZ_PANEL_HANDLER(wz_p_store_accept);

#endif /* __ASSEMBLER__ */
#endif
