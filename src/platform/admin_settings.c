/* The admin_settings table for the platform admin: see admin_settings.h. */
#include "platform/admin_settings.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db/db.h"
#include "platform/platform_util.h"

#define SETTING_COLS                                                                               \
    "SELECT id, key, value, value_type, description, CASE WHEN is_public THEN 1 ELSE 0 END, "      \
    "updated_at FROM admin_settings "

static const char q_list[] = SETTING_COLS "ORDER BY key";
static const char q_get[] = SETTING_COLS "WHERE key = $1";
static const char q_set[] = "UPDATE admin_settings SET value = $2, updated_at = $3 WHERE key = $1";

static int read_row(struct wz_stmt *st, struct wz_admin_setting *o, struct wz_err *err)
{
    memset(o, 0, sizeof(*o));
    o->id = wz_stmt_column_int64(st, 0);
    snprintf(o->key, sizeof(o->key), "%s", wz_stmt_column_text(st, 1));
    o->value = strdup(wz_stmt_column_text(st, 2));
    snprintf(o->value_type, sizeof(o->value_type), "%s", wz_stmt_column_text(st, 3));
    if (!wz_stmt_column_is_null(st, 4))
        o->description = strdup(wz_stmt_column_text(st, 4));
    o->is_public = wz_stmt_column_int64(st, 5) == 1;
    wz_pf_ts(wz_stmt_column_text(st, 6), o->updated_at);
    if (o->value == NULL || (!wz_stmt_column_is_null(st, 4) && o->description == NULL)) {
        free(o->value);
        free(o->description);
        memset(o, 0, sizeof(*o));
        return wz_err_set(err, WZ_ENOMEM, "out of memory");
    }
    return WZ_OK;
}

void wz_admin_settings_free(struct wz_admin_setting *rows, size_t n)
{
    if (rows == NULL)
        return;
    for (size_t i = 0; i < n; i++) {
        free(rows[i].value);
        free(rows[i].description);
    }
}

int wz_admin_settings_list(struct wz_db *db, struct wz_admin_setting **out, size_t *n,
                           struct wz_err *err)
{
    *out = NULL;
    *n = 0;
    size_t cap = 0;
    struct wz_stmt *st = NULL;
    int rc = wz_pf_query(db, q_list, &st, err, "");
    while (rc == WZ_ROW) {
        if (*n == cap) {
            size_t ncap = cap ? cap * 2 : 32;
            struct wz_admin_setting *p = realloc(*out, ncap * sizeof(*p));
            if (p == NULL) {
                rc = wz_err_set(err, WZ_ENOMEM, "out of memory");
                break;
            }
            *out = p;
            cap = ncap;
        }
        rc = read_row(st, &(*out)[*n], err);
        if (rc != WZ_OK)
            break;
        (*n)++;
        rc = wz_stmt_step(st, err);
    }
    wz_stmt_reset(st);
    if (rc < 0) {
        wz_admin_settings_free(*out, *n);
        free(*out);
        *out = NULL;
        *n = 0;
        return rc;
    }
    return WZ_OK;
}

int wz_admin_setting_get(struct wz_db *db, const char *key, struct wz_admin_setting *out,
                         struct wz_err *err)
{
    memset(out, 0, sizeof(*out));
    struct wz_stmt *st = NULL;
    int rc = wz_pf_query(db, q_get, &st, err, "t", key);
    if (rc < 0)
        return rc;
    if (rc == WZ_DONE)
        return wz_err_set(err, WZ_ENOENT, "no admin setting is named '%s'", key);
    rc = read_row(st, out, err);
    wz_stmt_reset(st);
    return rc;
}

/* The stored text of v for a row of type `type`, into buf (or pointing at v's own text);
 * NULL with a field error when v is not of that type. */
static const char *stored_form(const char *type, const struct wz_setting_value *v, char *buf,
                               size_t size, struct wz_field_errors *fe)
{
    if (strcmp(type, "integer") == 0) {
        if (v->kind == WZ_SV_INTEGER) {
            snprintf(buf, size, "%lld", (long long)v->integer);
            return buf;
        }
        if (v->kind == WZ_SV_TEXT && v->text[0] != '\0') {
            char *end = NULL;
            errno = 0;
            long long x = strtoll(v->text, &end, 10);
            if (errno == 0 && *end == '\0') {
                snprintf(buf, size, "%lld", x);
                return buf;
            }
        }
        wz_field_error(fe, "value", "must be an integer: this setting's value_type is integer");
        return NULL;
    }
    if (strcmp(type, "boolean") == 0) {
        if (v->kind == WZ_SV_BOOLEAN)
            return v->boolean ? "true" : "false";
        if (v->kind == WZ_SV_TEXT &&
            (strcmp(v->text, "true") == 0 || strcmp(v->text, "false") == 0))
            return v->text;
        wz_field_error(fe, "value", "must be true or false: this setting's value_type is boolean");
        return NULL;
    }
    if (strcmp(type, "json") == 0) {
        const char *text = v->kind == WZ_SV_TEXT ? v->text : v->json;
        json_error_t e;
        json_t *parsed = text != NULL ? json_loads(text, JSON_DECODE_ANY, &e) : NULL;
        if (parsed == NULL) {
            wz_field_error(fe, "value", "must be a JSON value: this setting's value_type is json");
            return NULL;
        }
        json_decref(parsed);
        return text;
    }
    if (v->kind == WZ_SV_STRING || v->kind == WZ_SV_TEXT)
        return v->text;
    wz_field_error(fe, "value", "must be a string: this setting's value_type is string");
    return NULL;
}

int wz_admin_setting_set(struct wz_db *db, const char *key, const struct wz_setting_value *v,
                         struct wz_field_errors *fe, struct wz_admin_setting *out,
                         struct wz_err *err)
{
    memset(out, 0, sizeof(*out));
    bool own = false;
    int rc = wz_pf_begin(db, &own, err);
    if (rc != WZ_OK)
        return rc;
    struct wz_admin_setting cur;
    rc = wz_admin_setting_get(db, key, &cur, err);
    if (rc != WZ_OK) {
        wz_pf_rollback(db, own);
        return rc;
    }
    char buf[32];
    const char *text = stored_form(cur.value_type, v, buf, sizeof(buf), fe);
    wz_admin_settings_free(&cur, 1);
    if (text == NULL) {
        wz_pf_rollback(db, own);
        return WZ_EUSAGE;
    }
    char now[24];
    wz_pf_time((int64_t)time(NULL), now);
    rc = wz_pf_exec(db, q_set, err, "ttt", key, text, now);
    if (rc == WZ_OK)
        rc = wz_admin_setting_get(db, key, out, err);
    if (rc == WZ_OK)
        rc = wz_pf_commit(db, own, err);
    if (rc != WZ_OK) {
        wz_admin_settings_free(out, 1);
        memset(out, 0, sizeof(*out));
        wz_pf_rollback(db, own);
    }
    return rc;
}
