/*
 * The essential platform settings init-prod writes into admin_settings: the one list the
 * guide's "Adding New Admin Settings" section points to. To add a setting, add a row in
 * admin_settings.c (seeded from a configuration variable or a literal), and a test.
 */
#ifndef WZ_ADMIN_SETTINGS_H
#define WZ_ADMIN_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/settings.h"

struct wz_admin_setting_def {
    const char *key;
    const char *value_type; /* string | integer | boolean | json */
    const char *setting;    /* the configuration variable it is seeded from, or NULL */
    const char *literal;    /* the value when setting is NULL */
    const char *description;
    bool is_public; /* visible to stores */
};

/* The list; *n receives its length. */
const struct wz_admin_setting_def *wz_admin_settings(size_t *n);

/* The value a row gets from the current configuration, in buf or static storage. */
const char *wz_admin_setting_value(const struct wz_admin_setting_def *def,
                                   const struct wz_settings *s, char *buf, size_t size);

#endif
