/* The store panel (/store): a store user's stores, and in one store its catalog, customers,
 * orders and team, through the same engine functions as the store API (src/platform/). The
 * route's permission guards every page; the pages offer only what the role may do. */
#include <ctype.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/app.h"
#include "http/auth.h"
#include "panel/panel.h"
#include "panel/panel_routes.h"
#include "platform/catalog.h"
#include "platform/customers.h"
#include "platform/invitations.h"
#include "platform/mystores.h"
#include "platform/orders.h"
#include "platform/team.h"

struct rows {
    struct wz_req *req;
    struct wz_strbuf sb;
    int n;
    int64_t last;
};

static void td(struct wz_strbuf *sb, const char *text)
{
    wz_strbuf_append(sb, "<td>");
    wz_html_esc(sb, text);
    wz_strbuf_append(sb, "</td>");
}

static void td_money(struct wz_strbuf *sb, int64_t cents, const char *currency)
{
    wz_strbuf_append(sb, "<td class=\"num\">");
    wz_html_money(sb, cents, currency);
    wz_strbuf_append(sb, "</td>");
}

static const char *nz(const char *s)
{
    return s != NULL ? s : "";
}

/* The store's URL prefix for the page's links. */
static void base(const struct wz_req *req, char *out, size_t size)
{
    snprintf(out, size, "/store/stores/%lld", (long long)req->who.store_id);
}

static void set_perm(struct wz_tmpl *t, const struct wz_req *req, const char *var, const char *perm)
{
    if (wz_auth_has(&req->who, perm))
        wz_tmpl_set(t, var, "1");
}

static int not_found(struct wz_req *req, struct wz_resp *resp, const char *what)
{
    char msg[96];
    snprintf(msg, sizeof(msg), "There is no such %s in this store.", what);
    return wz_panel_message(req, resp, 404, "Not found", msg);
}

static void common(struct wz_tmpl *t, const struct wz_req *req)
{
    char b[64];
    base(req, b, sizeof(b));
    wz_tmpl_set(t, "base", b);
    wz_tmpl_set(t, "role", req->who.store_role);
}

/* ---- my stores */

static int my_store_row(void *ctx, const struct wz_my_store *s)
{
    struct rows *r = ctx;
    r->n++;
    wz_strbuf_appendf(&r->sb, "<tr><td><a href=\"/store/stores/%lld\">", (long long)s->id);
    wz_html_esc(&r->sb, s->name);
    wz_strbuf_append(&r->sb, "</a></td>");
    td(&r->sb, s->code);
    td(&r->sb, s->subdomain);
    td(&r->sb, s->role);
    wz_strbuf_append(&r->sb, "</tr>");
    return 0;
}

int wz_p_store_home(struct wz_req *req, struct wz_resp *resp)
{
    struct rows r = {.req = req, .sb = WZ_STRBUF_INIT};
    struct wz_err err = {0};
    int rc = wz_my_stores(req->db, req->who.user_id, my_store_row, &r, &err);
    if (rc != WZ_OK) {
        wz_strbuf_release(&r.sb);
        return wz_panel_fail(req, resp, err.msg);
    }
    struct wz_tmpl t = {0};
    if (r.n == 0)
        wz_tmpl_set(&t, "empty", "1");
    wz_tmpl_take(&t, "rows", &r.sb);
    return wz_panel_page(req, resp, 200, "My stores", "store/stores.html", &t);
}

/* ---- a store's overview */

static int view_row(void *ctx, const struct wz_store_view *s)
{
    struct wz_tmpl *t = ctx;
    wz_tmpl_set(t, "name", s->name);
    wz_tmpl_set(t, "code", s->code);
    wz_tmpl_set(t, "subdomain", s->subdomain);
    wz_tmpl_set(t, "description", nz(s->description));
    wz_tmpl_set(t, "contact_email", nz(s->contact_email));
    wz_tmpl_set(t, "currency", s->default_currency);
    wz_tmpl_set(t, "created_at", s->created_at);
    if (s->has_theme) {
        wz_tmpl_set(t, "theme_preset", s->preset);
        wz_tmpl_setf(t, "theme_colors", "%s, %s, %s", s->primary_color, s->secondary_color,
                     s->accent_color);
    }
    return 0;
}

static int domain_row(void *ctx, const struct wz_store_domain *d)
{
    struct rows *r = ctx;
    r->n++;
    wz_strbuf_append(&r->sb, "<li>");
    wz_html_esc(&r->sb, d->domain);
    if (d->is_primary)
        wz_strbuf_append(&r->sb, " <span class=\"badge\">primary</span>");
    wz_strbuf_append(&r->sb, d->is_verified ? " <span class=\"badge on\">verified</span>"
                                            : " <span class=\"badge off\">not verified</span>");
    wz_strbuf_append(&r->sb, "</li>");
    return 0;
}

int wz_p_store_overview(struct wz_req *req, struct wz_resp *resp)
{
    struct wz_tmpl t = {0};
    struct wz_err err = {0};
    int rc = wz_store_view_get(req->db, req->who.store_id, view_row, &t, &err);
    struct rows d = {.req = req, .sb = WZ_STRBUF_INIT};
    if (rc == WZ_OK)
        rc = wz_store_domains(req->db, req->who.store_id, domain_row, &d, &err);
    if (rc != WZ_OK) {
        wz_tmpl_release(&t);
        wz_strbuf_release(&d.sb);
        return rc == WZ_ENOENT ? not_found(req, resp, "store") : wz_panel_fail(req, resp, err.msg);
    }
    common(&t, req);
    wz_tmpl_take(&t, "domains", &d.sb);
    set_perm(&t, req, "can_products", "products.view");
    set_perm(&t, req, "can_orders", "orders.view");
    set_perm(&t, req, "can_customers", "customers.view");
    set_perm(&t, req, "can_team", "team.view");
    char title[160];
    snprintf(title, sizeof(title), "%s", nz(wz_tmpl_get(&t, "name")));
    return wz_panel_page(req, resp, 200, title, "store/overview.html", &t);
}

/* ---- products */

static int product_row(void *ctx, const struct wz_product *p)
{
    struct rows *r = ctx;
    r->n++;
    r->last = p->id;
    wz_strbuf_append(&r->sb, "<tr>");
    td(&r->sb, p->sku);
    td(&r->sb, p->title);
    td_money(&r->sb, p->price_amount, p->currency);
    wz_strbuf_appendf(&r->sb, "<td class=\"num\">%lld</td>", (long long)p->stock_quantity);
    wz_strbuf_append(&r->sb, strcmp(p->status, "active") == 0 ? "<td><span class=\"badge on\">"
                                                              : "<td><span class=\"badge\">");
    wz_html_esc(&r->sb, p->status);
    wz_strbuf_append(&r->sb, "</span></td><td>");
    char b[64];
    base(r->req, b, sizeof(b));
    if (wz_auth_has(&r->req->who, "products.edit")) {
        wz_strbuf_appendf(&r->sb, "<a href=\"%s/products/%lld/edit\">Edit</a> ", b,
                          (long long)p->id);
    }
    if (wz_auth_has(&r->req->who, "products.delete") && strcmp(p->status, "archived") != 0) {
        char action[128];
        snprintf(action, sizeof(action), "%s/products/%lld/deactivate", b, (long long)p->id);
        wz_panel_button(&r->sb, r->req, action, "Deactivate", "danger");
    }
    wz_strbuf_append(&r->sb, "</td></tr>");
    return 0;
}

int wz_p_store_products(struct wz_req *req, struct wz_resp *resp)
{
    char like[256];
    const char *q = wz_req_query(req, "q");
    const char *status = wz_req_query(req, "status");
    if (status != NULL && (*status == '\0' || !wz_product_status_valid(status)))
        status = NULL;
    struct wz_list_filter f = {
        .q = wz_panel_like(req, like, sizeof(like)) ? q : NULL,
        .status = status,
        .after = wz_panel_cursor(req),
        .limit = WZ_PANEL_PAGE,
    };
    struct rows r = {.req = req, .sb = WZ_STRBUF_INIT};
    bool more = false;
    struct wz_err err = {0};
    int rc = wz_products_list(req->db, req->who.store_id, &f, product_row, &r, &more, &err);
    if (rc != WZ_OK) {
        wz_strbuf_release(&r.sb);
        return wz_panel_fail(req, resp, err.msg);
    }
    struct wz_tmpl t = {0};
    common(&t, req);
    wz_tmpl_set(&t, "q", q != NULL ? q : "");
    if (r.n == 0)
        wz_tmpl_set(&t, "empty", f.q != NULL ? "No product matches this search." : "No products.");
    set_perm(&t, req, "can_create", "products.create");
    const char *done = wz_req_query(req, "done");
    if (done != NULL && strcmp(done, "created") == 0)
        wz_tmpl_set(&t, "notice", "The product was created.");
    else if (done != NULL && strcmp(done, "updated") == 0)
        wz_tmpl_set(&t, "notice", "The product was saved.");
    else if (done != NULL && strcmp(done, "deactivated") == 0)
        wz_tmpl_set(&t, "notice", "The product was archived: shoppers no longer see it.");
    wz_tmpl_take(&t, "rows", &r.sb);
    char b[64], url[96];
    base(req, b, sizeof(b));
    snprintf(url, sizeof(url), "%s/products", b);
    struct wz_strbuf pager = WZ_STRBUF_INIT;
    wz_panel_pager(&pager, url, f.q, more, r.last);
    wz_tmpl_take(&t, "pager", &pager);
    return wz_panel_page(req, resp, 200, "Products", "store/products.html", &t);
}

/* "12.34" (or "12", "12.3") into cents; false when it is not such an amount. */
static bool parse_price(const char *s, int64_t *cents)
{
    int64_t whole = 0;
    int digits = 0;
    const char *p = s;
    for (; isdigit((unsigned char)*p); p++) {
        if (++digits > 12)
            return false;
        whole = whole * 10 + (*p - '0');
    }
    int64_t frac = 0;
    int fd = 0;
    if (*p == '.' || *p == ',') {
        p++;
        for (; isdigit((unsigned char)*p) && fd < 2; p++, fd++)
            frac = frac * 10 + (*p - '0');
    }
    if (*p != '\0' || (digits == 0 && fd == 0))
        return false;
    if (fd == 1)
        frac *= 10;
    *cents = whole * 100 + frac;
    return true;
}

static void product_form_vars(struct wz_tmpl *t, struct wz_req *req)
{
    wz_tmpl_set(t, "sku", wz_panel_field(req, "sku"));
    wz_tmpl_set(t, "title_value", wz_panel_field(req, "title"));
    wz_tmpl_set(t, "description", wz_panel_field(req, "description"));
    wz_tmpl_set(t, "price", wz_panel_field(req, "price"));
    wz_tmpl_set(t, "currency", wz_panel_field(req, "currency"));
    wz_tmpl_set(t, "stock_quantity", wz_panel_field(req, "stock_quantity"));
}

static void status_options(struct wz_tmpl *t, const char *current)
{
    static const char *const st[] = {"draft", "active", "archived"};
    struct wz_strbuf sb = WZ_STRBUF_INIT;
    for (size_t i = 0; i < 3; i++) {
        wz_strbuf_appendf(&sb, "<option value=\"%s\"%s>%s</option>", st[i],
                          current != NULL && strcmp(current, st[i]) == 0 ? " selected" : "", st[i]);
    }
    wz_tmpl_take(t, "status_options", &sb);
}

static int product_form(struct wz_req *req, struct wz_resp *resp, int status, int64_t id,
                        struct wz_tmpl *t, const char *current_status)
{
    common(t, req);
    char b[64];
    base(req, b, sizeof(b));
    if (id > 0) {
        wz_tmpl_setf(t, "action", "%s/products/%lld", b, (long long)id);
        wz_tmpl_set(t, "heading", "Edit product");
        wz_tmpl_set(t, "submit", "Save product");
    } else {
        wz_tmpl_setf(t, "action", "%s/products", b);
        wz_tmpl_set(t, "heading", "New product");
        wz_tmpl_set(t, "submit", "Create product");
    }
    status_options(t, current_status != NULL ? current_status : "draft");
    return wz_panel_page(req, resp, status, id > 0 ? "Edit product" : "New product",
                         "store/product_form.html", t);
}

int wz_p_store_product_new(struct wz_req *req, struct wz_resp *resp)
{
    struct wz_tmpl t = {0};
    wz_tmpl_set(&t, "stock_quantity", "0");
    return product_form(req, resp, 200, 0, &t, "draft");
}

/* The form's fields as the engine's input; a price that is not an amount is a field error. */
static void read_product(struct wz_req *req, struct wz_product_input *in,
                         struct wz_field_errors *fe)
{
    memset(in, 0, sizeof(*in));
    in->sku = wz_panel_field(req, "sku");
    in->title = wz_panel_field(req, "title");
    in->description = wz_panel_field(req, "description");
    const char *cur = wz_panel_field(req, "currency");
    in->currency = cur[0] != '\0' ? cur : NULL;
    const char *st = wz_panel_field(req, "status");
    in->status = st[0] != '\0' ? st : NULL;
    const char *price = wz_panel_field(req, "price");
    if (price[0] != '\0') {
        if (parse_price(price, &in->price_amount))
            in->has_price = true;
        else
            wz_field_error(fe, "price_amount", "must be an amount such as 12.50");
    }
    const char *stock = wz_panel_field(req, "stock_quantity");
    if (stock[0] != '\0') {
        char *end = NULL;
        long long v = strtoll(stock, &end, 10);
        if (end != NULL && *end == '\0' && isdigit((unsigned char)stock[0])) {
            in->has_stock = true;
            in->stock_quantity = v;
        } else {
            wz_field_error(fe, "stock_quantity", "must be a whole number");
        }
    }
}

/* Writes an engine refusal of a product form into t: per field, and a conflict on the SKU. */
static int product_refused(struct wz_req *req, struct wz_resp *resp, int rc,
                           const struct wz_field_errors *fe, const struct wz_err *err,
                           struct wz_tmpl *t)
{
    if (rc == WZ_EUSAGE) {
        wz_tmpl_errors(t, fe);
        return 422;
    }
    if (rc == WZ_ECONFLICT) {
        wz_tmpl_set(t, "err_sku", err->msg);
        return 409;
    }
    if (rc == WZ_ENOENT)
        return 404;
    wz_tmpl_release(t);
    return wz_panel_fail(req, resp, err->msg);
}

int wz_p_store_product_create(struct wz_req *req, struct wz_resp *resp)
{
    struct wz_product_input in;
    struct wz_field_errors fe = {0};
    read_product(req, &in, &fe);
    int64_t id = 0;
    struct wz_err err = {0};
    int rc = wz_product_create(req->db, req->who.store_id, &in, &fe, &id, &err);
    if (rc == WZ_OK) {
        char to[128];
        snprintf(to, sizeof(to), "/store/stores/%lld/products?done=created",
                 (long long)req->who.store_id);
        return wz_resp_redirect(resp, to);
    }
    struct wz_tmpl t = {0};
    int status = product_refused(req, resp, rc, &fe, &err, &t);
    if (status == 500)
        return status;
    product_form_vars(&t, req);
    return product_form(req, resp, status, 0, &t, in.status);
}

static int product_fill(void *ctx, const struct wz_product *p)
{
    struct wz_tmpl *t = ctx;
    wz_tmpl_set(t, "sku", p->sku);
    wz_tmpl_set(t, "title_value", p->title);
    wz_tmpl_set(t, "description", nz(p->description));
    char price[32];
    snprintf(price, sizeof(price), "%lld.%02lld", (long long)(p->price_amount / 100),
             (long long)(p->price_amount % 100));
    wz_tmpl_set(t, "price", price);
    wz_tmpl_set(t, "currency", p->currency);
    wz_tmpl_setf(t, "stock_quantity", "%lld", (long long)p->stock_quantity);
    wz_tmpl_set(t, "status_value", p->status);
    return 0;
}

int wz_p_store_product_edit(struct wz_req *req, struct wz_resp *resp)
{
    int64_t id = 0;
    if (!wz_req_param_id(req, 1, &id))
        return not_found(req, resp, "product");
    struct wz_tmpl t = {0};
    struct wz_err err = {0};
    int rc = wz_product_get(req->db, req->who.store_id, id, product_fill, &t, &err);
    if (rc != WZ_OK) {
        wz_tmpl_release(&t);
        return rc == WZ_ENOENT ? not_found(req, resp, "product")
                               : wz_panel_fail(req, resp, err.msg);
    }
    char status[16];
    snprintf(status, sizeof(status), "%s", nz(wz_tmpl_get(&t, "status_value")));
    return product_form(req, resp, 200, id, &t, status);
}

int wz_p_store_product_update(struct wz_req *req, struct wz_resp *resp)
{
    int64_t id = 0;
    if (!wz_req_param_id(req, 1, &id))
        return not_found(req, resp, "product");
    struct wz_product_input in;
    struct wz_field_errors fe = {0};
    read_product(req, &in, &fe);
    struct wz_err err = {0};
    int rc = wz_product_update(req->db, req->who.store_id, id, &in, &fe, &err);
    if (rc == WZ_OK) {
        char to[128];
        snprintf(to, sizeof(to), "/store/stores/%lld/products?done=updated",
                 (long long)req->who.store_id);
        return wz_resp_redirect(resp, to);
    }
    struct wz_tmpl t = {0};
    int status = product_refused(req, resp, rc, &fe, &err, &t);
    if (status == 500)
        return status;
    if (status == 404) {
        wz_tmpl_release(&t);
        return not_found(req, resp, "product");
    }
    product_form_vars(&t, req);
    return product_form(req, resp, status, id, &t, in.status);
}

int wz_p_store_product_deactivate(struct wz_req *req, struct wz_resp *resp)
{
    int64_t id = 0;
    if (!wz_req_param_id(req, 1, &id))
        return not_found(req, resp, "product");
    struct wz_err err = {0};
    int rc = wz_product_deactivate(req->db, req->who.store_id, id, &err);
    if (rc == WZ_ENOENT)
        return not_found(req, resp, "product");
    if (rc != WZ_OK)
        return wz_panel_fail(req, resp, err.msg);
    char to[128];
    snprintf(to, sizeof(to), "/store/stores/%lld/products?done=deactivated",
             (long long)req->who.store_id);
    return wz_resp_redirect(resp, to);
}

/* ---- customers */

static int customer_row(void *ctx, const struct wz_customer *c)
{
    struct rows *r = ctx;
    r->n++;
    r->last = c->id;
    wz_strbuf_append(&r->sb, "<tr>");
    td(&r->sb, c->email);
    wz_strbuf_append(&r->sb, "<td>");
    wz_html_esc(&r->sb, nz(c->first_name));
    wz_strbuf_append(&r->sb, " ");
    wz_html_esc(&r->sb, nz(c->last_name));
    wz_strbuf_append(&r->sb, "</td>");
    td(&r->sb, nz(c->phone));
    td(&r->sb, c->accepts_marketing ? "yes" : "no");
    td(&r->sb, c->created_at);
    wz_strbuf_append(&r->sb, "</tr>");
    return 0;
}

int wz_p_store_customers(struct wz_req *req, struct wz_resp *resp)
{
    char like[256];
    const char *q = wz_req_query(req, "q");
    struct wz_list_filter f = {
        .q = wz_panel_like(req, like, sizeof(like)) ? q : NULL,
        .after = wz_panel_cursor(req),
        .limit = WZ_PANEL_PAGE,
    };
    struct rows r = {.req = req, .sb = WZ_STRBUF_INIT};
    bool more = false;
    struct wz_err err = {0};
    int rc = wz_customers_list(req->db, req->who.store_id, &f, customer_row, &r, &more, &err);
    if (rc != WZ_OK) {
        wz_strbuf_release(&r.sb);
        return wz_panel_fail(req, resp, err.msg);
    }
    struct wz_tmpl t = {0};
    common(&t, req);
    wz_tmpl_set(&t, "q", q != NULL ? q : "");
    if (r.n == 0)
        wz_tmpl_set(&t, "empty",
                    f.q != NULL ? "No customer matches this search." : "No customers.");
    wz_tmpl_take(&t, "rows", &r.sb);
    char b[64], url[96];
    base(req, b, sizeof(b));
    snprintf(url, sizeof(url), "%s/customers", b);
    struct wz_strbuf pager = WZ_STRBUF_INIT;
    wz_panel_pager(&pager, url, f.q, more, r.last);
    wz_tmpl_take(&t, "pager", &pager);
    return wz_panel_page(req, resp, 200, "Customers", "store/customers.html", &t);
}

/* ---- orders */

static int order_row(void *ctx, const struct wz_order *o)
{
    struct rows *r = ctx;
    r->n++;
    r->last = o->id;
    char b[64];
    base(r->req, b, sizeof(b));
    wz_strbuf_appendf(&r->sb, "<tr><td><a href=\"%s/orders/%lld\">", b, (long long)o->id);
    wz_html_esc(&r->sb, o->order_number);
    wz_strbuf_append(&r->sb, "</a></td>");
    td(&r->sb, nz(o->customer_email));
    td(&r->sb, o->status);
    td_money(&r->sb, o->total_amount, o->currency);
    td(&r->sb, o->placed_at);
    wz_strbuf_append(&r->sb, "</tr>");
    return 0;
}

int wz_p_store_orders(struct wz_req *req, struct wz_resp *resp)
{
    const char *status = wz_req_query(req, "status");
    if (status != NULL && (*status == '\0' || !wz_order_status_valid(status)))
        status = NULL;
    struct wz_list_filter f = {
        .status = status,
        .after = wz_panel_cursor(req),
        .limit = WZ_PANEL_PAGE,
    };
    struct rows r = {.req = req, .sb = WZ_STRBUF_INIT};
    bool more = false;
    struct wz_err err = {0};
    int rc = wz_orders_list(req->db, req->who.store_id, &f, order_row, &r, &more, &err);
    if (rc != WZ_OK) {
        wz_strbuf_release(&r.sb);
        return wz_panel_fail(req, resp, err.msg);
    }
    struct wz_tmpl t = {0};
    common(&t, req);
    if (r.n == 0)
        wz_tmpl_set(&t, "empty", "No orders.");
    wz_tmpl_take(&t, "rows", &r.sb);
    char b[64], url[96];
    base(req, b, sizeof(b));
    snprintf(url, sizeof(url), "%s/orders", b);
    struct wz_strbuf pager = WZ_STRBUF_INIT;
    wz_panel_pager(&pager, url, NULL, more, r.last);
    wz_tmpl_take(&t, "pager", &pager);
    return wz_panel_page(req, resp, 200, "Orders", "store/orders.html", &t);
}

static int order_fill(void *ctx, const struct wz_order *o)
{
    struct wz_tmpl *t = ctx;
    wz_tmpl_set(t, "number", o->order_number);
    wz_tmpl_set(t, "customer_email", nz(o->customer_email));
    wz_tmpl_set(t, "status", o->status);
    wz_tmpl_set(t, "placed_at", o->placed_at);
    wz_tmpl_set(t, "shipping_address", nz(o->shipping_address));
    struct wz_strbuf sb = WZ_STRBUF_INIT;
    wz_html_money(&sb, o->subtotal_amount, o->currency);
    wz_tmpl_set(t, "subtotal", wz_strbuf_str(&sb));
    wz_strbuf_reset(&sb);
    wz_html_money(&sb, o->shipping_amount, o->currency);
    wz_tmpl_set(t, "shipping", wz_strbuf_str(&sb));
    wz_strbuf_reset(&sb);
    wz_html_money(&sb, o->tax_amount, o->currency);
    wz_tmpl_set(t, "tax", wz_strbuf_str(&sb));
    wz_strbuf_reset(&sb);
    wz_html_money(&sb, o->total_amount, o->currency);
    wz_tmpl_set(t, "total", wz_strbuf_str(&sb));
    wz_tmpl_set(t, "currency_code", o->currency);
    wz_strbuf_release(&sb);
    return 0;
}

struct item_rows {
    struct wz_strbuf sb;
    const char *currency;
};

static int item_row(void *ctx, const struct wz_order_item *i)
{
    struct item_rows *r = ctx;
    wz_strbuf_append(&r->sb, "<tr>");
    td(&r->sb, i->sku);
    td(&r->sb, i->title);
    wz_strbuf_appendf(&r->sb, "<td class=\"num\">%lld</td>", (long long)i->quantity);
    td_money(&r->sb, i->unit_price_amount, r->currency);
    td_money(&r->sb, i->line_total_amount, r->currency);
    wz_strbuf_append(&r->sb, "</tr>");
    return 0;
}

int wz_p_store_order(struct wz_req *req, struct wz_resp *resp)
{
    int64_t id = 0;
    if (!wz_req_param_id(req, 1, &id))
        return not_found(req, resp, "order");
    struct wz_tmpl t = {0};
    struct wz_err err = {0};
    int rc = wz_order_get(req->db, req->who.store_id, id, order_fill, &t, &err);
    struct item_rows items = {.sb = WZ_STRBUF_INIT, .currency = wz_tmpl_get(&t, "currency_code")};
    if (rc == WZ_OK)
        rc = wz_order_items(req->db, req->who.store_id, id, item_row, &items, &err);
    if (rc != WZ_OK) {
        wz_tmpl_release(&t);
        wz_strbuf_release(&items.sb);
        return rc == WZ_ENOENT ? not_found(req, resp, "order") : wz_panel_fail(req, resp, err.msg);
    }
    common(&t, req);
    wz_tmpl_take(&t, "items", &items.sb);
    char title[96];
    snprintf(title, sizeof(title), "Order %s", nz(wz_tmpl_get(&t, "number")));
    return wz_panel_page(req, resp, 200, title, "store/order.html", &t);
}

/* ---- team */

static int member_row(void *ctx, const struct wz_member *m)
{
    struct rows *r = ctx;
    r->n++;
    wz_strbuf_append(&r->sb, "<tr>");
    td(&r->sb, m->email);
    td(&r->sb, m->username);
    td(&r->sb, m->role);
    td(&r->sb, m->joined_at);
    wz_strbuf_append(&r->sb, "<td>");
    if (!m->is_owner && wz_auth_has(&r->req->who, "team.manage")) {
        char b[64], action[128];
        base(r->req, b, sizeof(b));
        snprintf(action, sizeof(action), "%s/team/%lld/remove", b, (long long)m->user_id);
        wz_panel_button(&r->sb, r->req, action, "Remove", "danger");
    }
    wz_strbuf_append(&r->sb, "</td></tr>");
    return 0;
}

static int team_page(struct wz_req *req, struct wz_resp *resp, int status, struct wz_tmpl *t)
{
    struct rows r = {.req = req, .sb = WZ_STRBUF_INIT};
    struct wz_strbuf inv = WZ_STRBUF_INIT;
    struct wz_err err = {0};
    int rc = wz_team_members(req->db, req->who.store_id, member_row, &r, &err);
    if (rc == WZ_OK)
        rc = wz_panel_invitation_rows(req, req->who.store_id, "/store/stores", false, &inv, &err);
    if (rc != WZ_OK) {
        wz_strbuf_release(&r.sb);
        wz_strbuf_release(&inv);
        wz_tmpl_release(t);
        return wz_panel_fail(req, resp, err.msg);
    }
    common(t, req);
    wz_tmpl_take(t, "members", &r.sb);
    wz_tmpl_take(t, "invitations", &inv);
    wz_tmpl_setf(t, "limit", "%lld", (long long)req->app->settings->max_team_members_per_store);
    wz_tmpl_setf(t, "expiry", "%lld", (long long)req->app->settings->invitation_expiry_days);
    if (wz_auth_has(&req->who, "team.manage")) {
        wz_tmpl_set(t, "can_manage", "1");
        static const char *const roles[] = {"manager", "staff", "support", "viewer"};
        const char *cur = wz_tmpl_get(t, "role_value");
        struct wz_strbuf opts = WZ_STRBUF_INIT;
        for (size_t i = 0; i < sizeof(roles) / sizeof(roles[0]); i++)
            wz_strbuf_appendf(&opts, "<option value=\"%s\"%s>%s</option>", roles[i],
                              cur != NULL && strcmp(cur, roles[i]) == 0 ? " selected" : "",
                              roles[i]);
        wz_tmpl_take(t, "role_options", &opts);
    }
    return wz_panel_page(req, resp, status, "Team", "store/team.html", t);
}

int wz_p_store_team(struct wz_req *req, struct wz_resp *resp)
{
    struct wz_tmpl t = {0};
    const char *done = wz_req_query(req, "done");
    if (done != NULL && strcmp(done, "removed") == 0)
        wz_tmpl_set(&t, "notice", "The member was removed from the team.");
    return team_page(req, resp, 200, &t);
}

int wz_p_store_team_invite(struct wz_req *req, struct wz_resp *resp)
{
    const char *email = wz_panel_field(req, "email");
    const char *role = wz_panel_field(req, "role");
    struct wz_field_errors fe = {0};
    struct wz_invitation_info info;
    char token[WZ_INVITATION_TOKEN_HEX + 1] = "";
    struct wz_err err = {0};
    int rc = wz_invitation_create(req->db, req->app->settings, req->who.store_id, email, role,
                                  req->who.user_id, &fe, &info, token, &err);
    struct wz_tmpl t = {0};
    int status = 200;
    if (rc == WZ_OK) {
        wz_tmpl_set(&t, "token", token);
        wz_tmpl_set(&t, "token_email", info.email);
        wz_tmpl_set(&t, "token_expires", info.expires_at);
        sodium_memzero(token, sizeof(token));
    } else if (rc == WZ_EUSAGE || rc == WZ_ECONFLICT) {
        if (fe.n == 0)
            wz_field_error(&fe, "email", "%s", err.msg);
        wz_tmpl_errors(&t, &fe);
        wz_tmpl_set(&t, "email_value", email);
        wz_tmpl_set(&t, "role_value", role);
        status = rc == WZ_EUSAGE ? 422 : 409;
    } else if (rc == WZ_ENOENT) {
        return not_found(req, resp, "store");
    } else {
        return wz_panel_fail(req, resp, err.msg);
    }
    return team_page(req, resp, status, &t);
}

int wz_p_store_team_remove(struct wz_req *req, struct wz_resp *resp)
{
    int64_t uid = 0;
    if (!wz_req_param_id(req, 1, &uid))
        return not_found(req, resp, "member");
    struct wz_field_errors fe = {0};
    struct wz_err err = {0};
    int rc = wz_team_remove(req->db, req->who.store_id, uid, &fe, &err);
    if (rc == WZ_ENOENT)
        return not_found(req, resp, "member");
    if (rc == WZ_EUSAGE) {
        struct wz_tmpl t = {0};
        wz_tmpl_set(&t, "error", fe.n > 0 ? fe.e[0].message : err.msg);
        return team_page(req, resp, 422, &t);
    }
    if (rc != WZ_OK)
        return wz_panel_fail(req, resp, err.msg);
    char to[96];
    snprintf(to, sizeof(to), "/store/stores/%lld/team?done=removed", (long long)req->who.store_id);
    return wz_resp_redirect(resp, to);
}

/* ---- accepting an invitation (public: the invitee may have no account yet) */

static int accept_form(struct wz_req *req, struct wz_resp *resp, int status, struct wz_tmpl *t)
{
    return wz_panel_page(req, resp, status, "Accept an invitation", "store/accept.html", t);
}

int wz_p_store_accept_form(struct wz_req *req, struct wz_resp *resp)
{
    struct wz_tmpl t = {0};
    return accept_form(req, resp, 200, &t);
}

int wz_p_store_accept(struct wz_req *req, struct wz_resp *resp)
{
    const char *token = wz_panel_field(req, "token");
    const char *pw = wz_req_form(req, "password");
    const char *first = wz_panel_field(req, "first_name");
    const char *last = wz_panel_field(req, "last_name");
    struct wz_field_errors fe = {0};
    struct wz_invitation_accepted out;
    struct wz_err err = {0};
    struct wz_tmpl t = {0};
    if (token[0] == '\0')
        wz_field_error(&fe, "token", "paste the invitation token you were sent");
    if (pw == NULL || pw[0] == '\0')
        wz_field_error(&fe, "password", "is required");
    int rc = WZ_EUSAGE;
    if (fe.n == 0) {
        /* An existing account's password is checked here: throttled as a sign-in is. */
        char account[321] = "";
        if (wz_invitation_email(req->db, token, account, sizeof(account), &err) != WZ_OK)
            return wz_panel_fail(req, resp, err.msg);
        int wait = wz_auth_guard(req, account);
        if (wait > 0) {
            char msg[128];
            snprintf(msg, sizeof(msg), "Too many failed attempts: try again in %d seconds.", wait);
            char ra[16];
            snprintf(ra, sizeof(ra), "%d", wait);
            wz_resp_header(resp, "Retry-After", ra);
            wz_tmpl_set(&t, "error", msg);
            return accept_form(req, resp, 429, &t);
        }
        rc = wz_invitation_accept(req->db, req->app->settings, token, pw, first[0] ? first : NULL,
                                  last[0] ? last : NULL, &fe, &out, &err);
        if (rc == WZ_OK || rc == WZ_ENOENT)
            wz_auth_guard_result(req, account, rc == WZ_OK);
    }
    if (rc == WZ_OK) {
        wz_tmpl_set(&t, "accepted", "1");
        wz_tmpl_set(&t, "email", out.email);
        wz_tmpl_set(&t, "role", out.role);
        wz_tmpl_set(&t, "created", out.created_user ? "1" : "");
        return accept_form(req, resp, 200, &t);
    }
    wz_tmpl_set(&t, "first_name", first);
    wz_tmpl_set(&t, "last_name", last);
    if (rc == WZ_EUSAGE) {
        wz_tmpl_errors(&t, &fe);
        return accept_form(req, resp, 422, &t);
    }
    if (rc == WZ_ENOENT) {
        /* The engine's one answer for an unknown, used or revoked token and a wrong password
         * of an existing account: the page does not tell them apart either. */
        wz_tmpl_set(&t, "error", err.msg);
        return accept_form(req, resp, 404, &t);
    }
    wz_tmpl_release(&t);
    return wz_panel_fail(req, resp, err.msg);
}
