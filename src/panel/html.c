/* Escaping and templates: see panel.h. */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/assets.h"
#include "panel/panel.h"

void wz_html_esc(struct wz_strbuf *sb, const char *s)
{
    if (s == NULL)
        return;
    const char *run = s;
    for (const char *p = s; *p != '\0'; p++) {
        const char *rep = NULL;
        switch (*p) {
        case '&':
            rep = "&amp;";
            break;
        case '<':
            rep = "&lt;";
            break;
        case '>':
            rep = "&gt;";
            break;
        case '"':
            rep = "&quot;";
            break;
        case '\'':
            rep = "&#39;";
            break;
        default:
            continue;
        }
        wz_strbuf_append_n(sb, run, (size_t)(p - run));
        wz_strbuf_append(sb, rep);
        run = p + 1;
    }
    wz_strbuf_append(sb, run);
}

void wz_html_escf(struct wz_strbuf *sb, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    wz_html_esc(sb, buf);
}

void wz_html_money(struct wz_strbuf *sb, int64_t cents, const char *currency)
{
    const char *sign = cents < 0 ? "-" : "";
    int64_t a = cents < 0 ? -cents : cents;
    wz_html_escf(sb, "%s%lld.%02lld %s", sign, (long long)(a / 100), (long long)(a % 100),
                 currency != NULL ? currency : "");
}

/* ---- variables */

static int find(const struct wz_tmpl *t, const char *name, size_t len)
{
    for (int i = 0; i < t->n; i++)
        if (strlen(t->v[i].name) == len && memcmp(t->v[i].name, name, len) == 0)
            return i;
    return -1;
}

static void set_owned(struct wz_tmpl *t, const char *name, char *value)
{
    if (value == NULL)
        return;
    int i = find(t, name, strlen(name));
    if (i >= 0) {
        free(t->v[i].value);
        t->v[i].value = value;
        return;
    }
    if (t->n >= WZ_TMPL_MAX_VARS) {
        free(value);
        return;
    }
    t->v[t->n].name = name;
    t->v[t->n].value = value;
    t->n++;
}

void wz_tmpl_set(struct wz_tmpl *t, const char *name, const char *value)
{
    if (value != NULL)
        set_owned(t, name, strdup(value));
}

void wz_tmpl_setf(struct wz_tmpl *t, const char *name, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    wz_tmpl_set(t, name, buf);
}

void wz_tmpl_take(struct wz_tmpl *t, const char *name, struct wz_strbuf *sb)
{
    if (sb->buf == NULL) {
        wz_tmpl_set(t, name, "");
        return;
    }
    set_owned(t, name, wz_strbuf_detach(sb));
    wz_strbuf_release(sb);
}

/* Names of the err_<field> variables: static, since a template variable's name is. */
static const char *const error_names[] = {
    "err_code",
    "err_name",
    "err_subdomain",
    "err_theme_preset",
    "err_domain",
    "err_owner",
    "err_owner_email",
    "err_description",
    "err_email",
    "err_role",
    "err_sku",
    "err_title",
    "err_price",
    "err_currency",
    "err_stock",
    "err_status",
    "err_password",
    "err_token",
    "err_value",
    "err_contact_email",
    "err_user_id",
    "err_owner_user_id",
    "err_username",
    "err_first_name",
    "err_last_name",
    "err_custom_domain",
    "err_price_amount",
    "err_stock_quantity",
    "err_default_currency",
    "err_is_active",
};

void wz_tmpl_errors(struct wz_tmpl *t, const struct wz_field_errors *fe)
{
    struct wz_strbuf other = WZ_STRBUF_INIT;
    for (int i = 0; i < fe->n; i++) {
        char want[64];
        snprintf(want, sizeof(want), "err_%s", fe->e[i].field);
        const char *name = NULL;
        for (size_t k = 0; k < sizeof(error_names) / sizeof(error_names[0]); k++)
            if (strcmp(error_names[k], want) == 0)
                name = error_names[k];
        if (name != NULL && wz_tmpl_get(t, name) == NULL) {
            wz_tmpl_set(t, name, fe->e[i].message);
            continue;
        }
        if (other.len > 0)
            wz_strbuf_append(&other, " ");
        wz_strbuf_append(&other, fe->e[i].message);
    }
    if (other.len > 0)
        wz_tmpl_set(t, "err_form", wz_strbuf_str(&other));
    wz_strbuf_release(&other);
}

const char *wz_tmpl_get(const struct wz_tmpl *t, const char *name)
{
    int i = find(t, name, strlen(name));
    return i >= 0 ? t->v[i].value : NULL;
}

void wz_tmpl_release(struct wz_tmpl *t)
{
    for (int i = 0; i < t->n; i++)
        free(t->v[i].value);
    t->n = 0;
}

/* ---- rendering */

static bool is_name_char(char c)
{
    return isalnum((unsigned char)c) || c == '_';
}

/* The end of the section opened by {{#name}} / {{^name}}: the start of its {{/name}}, or NULL
 * when it is not closed; *after is set past the closing tag. Same-name sections nest. */
static const char *section_end(const char *p, const char *end, const char *name, size_t nlen,
                               const char **after)
{
    int depth = 1;
    while (p < end) {
        const char *o = memmem(p, (size_t)(end - p), "{{", 2);
        if (o == NULL || o + 3 + nlen + 2 > end)
            return NULL;
        char kind = o[2];
        if ((kind == '#' || kind == '^' || kind == '/') && memcmp(o + 3, name, nlen) == 0 &&
            memcmp(o + 3 + nlen, "}}", 2) == 0) {
            if (kind == '/') {
                if (--depth == 0) {
                    *after = o + 3 + nlen + 2;
                    return o;
                }
            } else {
                depth++;
            }
        }
        p = o + 2;
    }
    return NULL;
}

static void render(struct wz_strbuf *out, const char *p, const char *end, const struct wz_tmpl *t)
{
    while (p < end) {
        const char *o = memmem(p, (size_t)(end - p), "{{", 2);
        if (o == NULL) {
            wz_strbuf_append_n(out, p, (size_t)(end - p));
            return;
        }
        wz_strbuf_append_n(out, p, (size_t)(o - p));
        bool raw = o + 2 < end && o[2] == '{';
        char kind = o + 2 < end ? o[2] : '\0';
        const char *n = o + (raw || kind == '#' || kind == '^' ? 3 : 2);
        const char *ne = n;
        while (ne < end && is_name_char(*ne))
            ne++;
        const char *close = raw ? "}}}" : "}}";
        size_t clen = strlen(close);
        if (ne == n || ne + clen > end || memcmp(ne, close, clen) != 0) {
            /* Not a tag: the braces are text. */
            wz_strbuf_append(out, "{{");
            p = o + 2;
            continue;
        }
        size_t nlen = (size_t)(ne - n);
        int i = find(t, n, nlen);
        const char *val = i >= 0 ? t->v[i].value : NULL;
        if (kind == '#' || kind == '^') {
            const char *after = NULL;
            const char *body = ne + 2;
            const char *stop = section_end(body, end, n, nlen, &after);
            if (stop == NULL) {
                p = body; /* unclosed: drop the tag, keep the rest */
                continue;
            }
            bool set = val != NULL && val[0] != '\0';
            if (set == (kind == '#'))
                render(out, body, stop, t);
            p = after;
            continue;
        }
        if (raw)
            wz_strbuf_append(out, val != NULL ? val : "");
        else
            wz_html_esc(out, val);
        p = ne + clen;
    }
}

void wz_tmpl_render_text(struct wz_strbuf *out, const char *text, size_t len,
                         const struct wz_tmpl *t)
{
    render(out, text, text + len, t);
}

bool wz_tmpl_render(struct wz_strbuf *out, const char *name, const struct wz_tmpl *t)
{
    char path[128];
    snprintf(path, sizeof(path), "tmpl/%s", name);
    const struct wz_asset *a = wz_asset_find(path);
    if (a == NULL)
        return false;
    render(out, (const char *)a->data, (const char *)a->data + a->len, t);
    return true;
}
