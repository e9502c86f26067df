/*
 * wizamart config show | validate: the guide's print_environment_info and
 * validate_production_settings.
 */
#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "core/out.h"

static const char *source_name(enum wz_source src)
{
    switch (src) {
    case WZ_SRC_ENVIRONMENT:
        return "environment";
    case WZ_SRC_DOTENV:
        return "dotenv";
    case WZ_SRC_DEFAULT:
        return "default";
    }
    return "default";
}

static int show_json(const struct wz_settings *s)
{
    size_t n;
    const struct wz_setting_def *table = wz_settings_table(&n);
    json_t *root = json_object();
    json_t *list = json_array();
    json_object_set_new(root, "environment", json_string(wz_environment_name(s->environment)));
    json_object_set_new(root, "is_production", json_boolean(wz_settings_is_production(s)));
    json_object_set_new(root, "is_staging", json_boolean(wz_settings_is_staging(s)));
    json_object_set_new(root, "is_development", json_boolean(wz_settings_is_development(s)));
    json_object_set_new(root, "env_file", s->env_file ? json_string(s->env_file) : json_null());
    json_object_set_new(root, "database_dialect", json_string(wz_db_url_dialect_name(&s->db_url)));
    for (size_t i = 0; i < n; i++) {
        char buf[64];
        json_t *o = json_object();
        json_object_set_new(o, "name", json_string(table[i].name));
        json_object_set_new(o, "value",
                            json_string(wz_settings_format(s, &table[i], buf, sizeof(buf))));
        json_object_set_new(o, "source", json_string(source_name(s->sources[i])));
        json_object_set_new(o, "origin", json_string(s->origins[i]));
        json_object_set_new(o, "secret", json_boolean(table[i].flags & WZ_SET_SECRET));
        json_object_set_new(o, "group", json_string(table[i].group));
        json_array_append_new(list, o);
    }
    json_object_set_new(root, "settings", list);
    return wz_out_json(root);
}

int cmd_config_show(struct wz_ctx *ctx, const struct wz_args *args)
{
    const struct wz_settings *s = ctx->settings;
    if (wz_args_has(args, "json"))
        return show_json(s);
    size_t n;
    const struct wz_setting_def *table = wz_settings_table(&n);
    wz_out_heading("%s configuration", s->project_name);
    wz_out_line("  Environment: %s (is_production=%s, is_staging=%s, is_development=%s)",
                wz_environment_name(s->environment),
                wz_settings_is_production(s) ? "true" : "false",
                wz_settings_is_staging(s) ? "true" : "false",
                wz_settings_is_development(s) ? "true" : "false");
    wz_out_line("  .env file:   %s",
                s->env_file != NULL ? s->env_file : "none (environment and defaults)");
    /* Each group once, in the order groups first appear, with all of its rows: a row added
     * at the end of the table still shows under its own heading. */
    for (size_t g = 0; g < n; g++) {
        bool seen = false;
        for (size_t k = 0; k < g && !seen; k++)
            seen = strcmp(table[k].group, table[g].group) == 0;
        if (seen)
            continue;
        wz_out_line("%s", "");
        wz_out_heading("%s", table[g].group);
        for (size_t i = g; i < n; i++) {
            if (strcmp(table[i].group, table[g].group) != 0)
                continue;
            char buf[64];
            wz_out_line("  %-28s %-36s %s", table[i].name,
                        wz_settings_format(s, &table[i], buf, sizeof(buf)), s->origins[i]);
        }
    }
    return 0;
}

int cmd_config_validate(struct wz_ctx *ctx, const struct wz_args *args)
{
    (void)args;
    const struct wz_settings *s = ctx->settings;
    char **warnings = NULL;
    if (wz_settings_production_warnings(s, &warnings) != WZ_OK) {
        wz_out_error("out of memory");
        return 1;
    }
    size_t n = 0;
    while (warnings[n] != NULL)
        n++;
    int code = 0;
    if (wz_settings_is_production(s)) {
        for (size_t i = 0; i < n; i++)
            wz_out_caution("%s", warnings[i]);
        if (n > 0) {
            wz_out_line("Action Required: update %s with secure values (%zu warning%s)",
                        s->env_file != NULL ? s->env_file : ".env", n, n == 1 ? "" : "s");
            code = 1;
        } else {
            wz_out_ok("OK: production settings are safe");
        }
    } else {
        wz_out_ok("OK (ENVIRONMENT=%s: production checks are not enforced)",
                  wz_environment_name(s->environment));
        /* Unlike the other checks, a folder anyone may write to is a risk in development
         * too: backups restored from it run as this user. */
        char risk[768];
        if (wz_settings_backup_dir_risk(s, risk, sizeof(risk)) != NULL)
            wz_out_caution("%s", risk);
        if (n > 0)
            wz_out_line("  %zu setting%s would be flagged in production; see "
                        "'ENVIRONMENT=production build/wizamart config validate'",
                        n, n == 1 ? "" : "s");
    }
    wz_strv_free(warnings);
    return code;
}
