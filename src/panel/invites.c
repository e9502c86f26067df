/* Invitation rows and buttons shared by the admin's store page and the store's team page. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "panel/panel.h"
#include "platform/invitations.h"

void wz_panel_button(struct wz_strbuf *sb, const struct wz_req *req, const char *action,
                     const char *label, const char *cls)
{
    wz_strbuf_append(sb, "<form method=\"post\" action=\"");
    wz_html_esc(sb, action);
    wz_strbuf_append(sb, "\"><input type=\"hidden\" name=\"csrf_token\" value=\"");
    wz_html_esc(sb, req->who.csrf);
    wz_strbuf_append(sb, "\"><button type=\"submit\" class=\"");
    wz_html_esc(sb, cls);
    wz_strbuf_append(sb, "\">");
    wz_html_esc(sb, label);
    wz_strbuf_append(sb, "</button></form>");
}

int wz_panel_invitation_rows(struct wz_req *req, int64_t store_id, const char *base, bool buttons,
                             struct wz_strbuf *rows, struct wz_err *err)
{
    struct wz_invitation_info *list = NULL;
    size_t n = 0;
    int rc = wz_invitation_list(req->db, store_id, NULL, &list, &n, err);
    if (rc != WZ_OK)
        return rc;
    for (size_t i = 0; i < n; i++) {
        const struct wz_invitation_info *v = &list[i];
        /* Accepted and revoked ones are history: the page shows what is still open. */
        if (strcmp(v->status, "pending") != 0 && strcmp(v->status, "expired") != 0)
            continue;
        wz_strbuf_append(rows, "<tr><td>");
        wz_html_esc(rows, v->email);
        wz_strbuf_append(rows, "</td><td>");
        wz_html_esc(rows, v->role);
        wz_strbuf_append(rows, "</td><td>");
        wz_html_esc(rows, v->status);
        wz_strbuf_append(rows, "</td><td>");
        wz_html_esc(rows, v->expires_at);
        wz_strbuf_append(rows, "</td><td>");
        if (buttons) {
            char action[128];
            snprintf(action, sizeof(action), "%s/%lld/invitations/%lld/resend", base,
                     (long long)store_id, (long long)v->id);
            wz_panel_button(rows, req, action, "Resend", "secondary");
            snprintf(action, sizeof(action), "%s/%lld/invitations/%lld/revoke", base,
                     (long long)store_id, (long long)v->id);
            wz_panel_button(rows, req, action, "Revoke", "danger");
        }
        wz_strbuf_append(rows, "</td></tr>");
    }
    free(list);
    return WZ_OK;
}
