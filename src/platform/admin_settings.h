/*
 * The admin_settings table as the platform admin reads and edits it: every row typed by its
 * value_type (string, integer, boolean, json). A new value is checked against the row's type
 * here, whichever adapter it came through (a JSON body's typed value, or a form's text).
 * Results follow the platform engine's convention (src/platform/invitations.h).
 */
#ifndef WZ_PLATFORM_ADMIN_SETTINGS_H
#define WZ_PLATFORM_ADMIN_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "http/http.h" /* struct wz_field_errors */

struct wz_db;

struct wz_admin_setting {
    int64_t id;
    char key[128];
    char *value; /* as stored: "42", "true", "[\"EUR\"]", or the text itself */
    char value_type[8];
    char *description; /* NULL for none */
    bool is_public;
    char updated_at[24];
};

/* Every row ordered by key, into a malloc'ed array; release with wz_admin_settings_free. */
int wz_admin_settings_list(struct wz_db *db, struct wz_admin_setting **out, size_t *n,
                           struct wz_err *err);
void wz_admin_settings_free(struct wz_admin_setting *rows, size_t n);

/* One row (release with wz_admin_settings_free(out, 1) semantics: free value, description).
 * WZ_ENOENT: no such key. */
int wz_admin_setting_get(struct wz_db *db, const char *key, struct wz_admin_setting *out,
                         struct wz_err *err);

/* A new value, as the caller received it. */
enum wz_setting_value_kind {
    WZ_SV_STRING, /* a JSON string */
    WZ_SV_INTEGER,
    WZ_SV_BOOLEAN,
    WZ_SV_OTHER, /* a JSON array, object, number with a fraction, or null */
    WZ_SV_TEXT,  /* untyped text (a form field): parsed by the row's type */
};
struct wz_setting_value {
    enum wz_setting_value_kind kind;
    const char *text; /* STRING, TEXT: the text */
    int64_t integer;  /* INTEGER */
    bool boolean;     /* BOOLEAN */
    const char *json; /* every kind but TEXT: the value serialized as JSON */
};

/* Sets key's value after checking it against the row's value_type (WZ_EUSAGE on "value"
 * otherwise; a json row takes any JSON value, an integer row an integer, ...). WZ_ENOENT: no
 * such key. On success *out is the updated row (release it as for get). */
int wz_admin_setting_set(struct wz_db *db, const char *key, const struct wz_setting_value *v,
                         struct wz_field_errors *fe, struct wz_admin_setting *out,
                         struct wz_err *err);

#endif
