/*
 * config.production: the guide's validate_production_settings as a validator. In production
 * each insecure setting (default admin password or JWT secret, DEBUG, a wildcard host, SQLite,
 * a world-readable .env, ...) is a finding; elsewhere the same settings are only what they
 * are meant to be in development, so nothing is reported.
 */
#include "validate/validate.h"

static int run(const struct wz_validate_ctx *ctx, struct wz_finding_sink *sink, struct wz_err *err)
{
    const struct wz_settings *s = ctx->settings;
    if (!wz_settings_is_production(s))
        return WZ_OK;
    char **warnings = NULL;
    if (wz_settings_production_warnings(s, &warnings) != WZ_OK)
        return wz_err_set(err, WZ_ENOMEM, "out of memory");
    int rc = WZ_OK;
    for (size_t i = 0; warnings[i] != NULL && rc == WZ_OK; i++)
        rc = wz_finding_emit(sink, wz_validator_config_production.name, "settings",
                             s->env_file != NULL ? s->env_file : "", "%s", warnings[i]);
    wz_strv_free(warnings);
    return rc;
}

const struct wz_validator wz_validator_config_production = {
    .name = "config.production",
    .group = WZ_VALIDATE_CONFIG,
    .needs_db = false,
    .summary = "no insecure setting (enforced when ENVIRONMENT=production)",
    .run = run,
};
