/* The platform's essential admin settings: see admin_settings.h. */
#include "seed/admin_settings.h"

static const struct wz_admin_setting_def defs[] = {
    {"platform_name", "string", "PROJECT_NAME", NULL, "Platform name shown to stores and customers",
     true},
    {"platform_domain", "string", "PLATFORM_DOMAIN", NULL,
     "Domain under which stores get their subdomains", true},
    {"support_email", "string", "SUPPORT_EMAIL", NULL, "Where stores and customers reach support",
     true},
    {"default_currency", "string", "DEFAULT_CURRENCY", NULL, "ISO 4217 currency of new stores",
     true},
    {"default_language", "string", "DEFAULT_LANGUAGE", NULL, "ISO 639-1 language of new stores",
     true},
    {"supported_currencies", "json", NULL, "[\"EUR\",\"USD\",\"GBP\",\"CHF\"]",
     "Currencies a store may sell in", true},
    {"supported_languages", "json", NULL, "[\"en\",\"fr\",\"de\",\"lb\"]",
     "Languages a storefront may use", true},
    {"max_stores_per_user", "integer", "MAX_STORES_PER_USER", NULL,
     "Maximum stores one user may own", false},
    {"max_team_members_per_store", "integer", "MAX_TEAM_MEMBERS_PER_STORE", NULL,
     "Maximum team members per store", false},
    {"invitation_expiry_days", "integer", "INVITATION_EXPIRY_DAYS", NULL,
     "Days before a team invitation expires", false},
    {"maintenance_mode", "boolean", NULL, "false",
     "When true, storefronts show a maintenance page and only admins can log in", true},
    {"allow_store_registration", "boolean", NULL, "false",
     "Whether anyone may open a store, or only admins create them", true},
    {"require_email_verification", "boolean", NULL, "true",
     "Whether users must verify their email before logging in", false},
    {"password_min_length", "integer", NULL, "12", "Minimum length of a new password", false},
    {"session_timeout_minutes", "integer", NULL, "60", "Idle minutes before a session ends", false},
    {"max_products_per_store", "integer", NULL, "10000", "Catalog size limit per store", false},
    {"order_number_prefix", "string", NULL, "ORD", "Prefix of new order numbers", false},
};

const struct wz_admin_setting_def *wz_admin_settings(size_t *n)
{
    *n = sizeof(defs) / sizeof(defs[0]);
    return defs;
}

const char *wz_admin_setting_value(const struct wz_admin_setting_def *def,
                                   const struct wz_settings *s, char *buf, size_t size)
{
    if (def->setting == NULL)
        return def->literal;
    const struct wz_setting_def *row = wz_settings_find(def->setting);
    return row != NULL ? wz_settings_format(s, row, buf, size) : "";
}
