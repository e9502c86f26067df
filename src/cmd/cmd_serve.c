/* wizamart serve: check that the platform can be served, then serve it until a signal. */
#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "core/out.h"
#include "core/password.h"
#include "http/app.h"
#include "http/server.h"
#include "http/sessions.h"
#include "http/throttle.h"
#include "migrate/runner.h"
#include "panel/panel.h"

/* Password verifications at once: about one per core, so sign-ins never starve the API. */
#define VERIFY_SLOTS 2

/* An integer option in [min, max], or usage error. Absent: *out unchanged. */
static int int_opt(const struct wz_args *args, const char *name, int64_t min, int64_t max,
                   int64_t *out, struct wz_err *err)
{
    const char *v = wz_args_get(args, name);
    if (v == NULL)
        return WZ_OK;
    char *end = NULL;
    errno = 0;
    long long n = strtoll(v, &end, 10);
    if (errno != 0 || end == v || *end != '\0' || n < min || n > max)
        return wz_err_set(err, WZ_EUSAGE, "--%s must be an integer from %lld to %lld, not '%s'",
                          name, (long long)min, (long long)max, v);
    *out = n;
    return WZ_OK;
}

int cmd_serve_check(const struct wz_args *args, struct wz_err *err)
{
    int64_t v = 0;
    int rc = int_opt(args, "port", 0, 65535, &v, err);
    if (rc == WZ_OK)
        rc = int_opt(args, "threads", 0, 256, &v, err);
    const char *host = wz_args_get(args, "host");
    if (rc == WZ_OK && host != NULL && !wz_settings_host_valid(host))
        rc = wz_err_set(err, WZ_EUSAGE,
                        "--host must be an IP address (127.0.0.1, 0.0.0.0, ::1) or localhost, "
                        "not '%s'",
                        host);
    return rc;
}

/* The platform can be served: the schema at head and an active platform admin to sign in. */
static int ready_to_serve(struct wz_ctx *ctx)
{
    struct wz_err err = {0};
    char *why = NULL;
    bool at_head = false;
    int rc = wz_migrate_at_head(ctx->db, ctx->settings->migrations_dir, &at_head, &why, &err);
    if (rc != WZ_OK || !at_head) {
        wz_out_error("cannot serve: %s",
                     rc != WZ_OK
                         ? err.msg
                         : (why != NULL ? why : "migrations are pending; run: make migrate-up"));
        free(why);
        return 1;
    }
    free(why);
    int64_t admins = 0;
    rc = wz_db_query_int64(ctx->db, "SELECT count(*) FROM users WHERE role = 'admin' AND is_active",
                           NULL, 0, &admins, &err);
    if (rc < 0) {
        wz_out_error("cannot serve: %s", err.msg);
        return 1;
    }
    if (admins == 0) {
        wz_out_error("cannot serve: there is no active platform admin to sign in with; run: "
                     "make init-prod");
        return 1;
    }
    return 0;
}

static void print_urls(int port, void *ctx)
{
    const char *host = ctx;
    const char *shown = strcmp(host, "127.0.0.1") == 0 || strcmp(host, "0.0.0.0") == 0 ||
                                strcmp(host, "::") == 0 || strcmp(host, "::1") == 0
                            ? "localhost"
                            : host;
    wz_out_line("API available at: http://%s:%d", shown, port);
    wz_out_line("Admin panel: http://%s:%d/admin/login", shown, port);
    wz_out_line("API docs: http://%s:%d/docs", shown, port);
    wz_out_finish();
}

int cmd_serve(struct wz_ctx *ctx, const struct wz_args *args)
{
    const struct wz_settings *s = ctx->settings;
    struct wz_err lerr = {0};
    if (wz_server_load(&lerr) != WZ_OK) {
        wz_out_error("%s", lerr.msg);
        return 1;
    }
    int64_t port = s->server_port, threads = s->server_threads;
    struct wz_err uerr = {0};
    /* Checked already by cmd_serve_check; this converts. */
    int_opt(args, "port", 0, 65535, &port, &uerr);
    int_opt(args, "threads", 0, 256, &threads, &uerr);
    const char *host =
        wz_args_get(args, "host") != NULL ? wz_args_get(args, "host") : s->server_host;
    if (wz_settings_is_production(s)) {
        char **warnings = NULL;
        if (wz_settings_production_warnings(s, &warnings) != WZ_OK) {
            wz_out_error("out of memory");
            return 1;
        }
        size_t n = 0;
        for (; warnings[n] != NULL; n++)
            wz_out_error("insecure in production (%s): %s", wz_settings_production_reason(s),
                         warnings[n]);
        wz_strv_free(warnings);
        if (n > 0) {
            wz_out_fail("Not serving: fix the settings above (wizamart config validate)");
            return 1;
        }
    }
    int code = ready_to_serve(ctx);
    if (code != 0)
        return code;
    /* The server opens one connection per thread; this one was for the checks. */
    wz_db_close(ctx->db);
    ctx->db = NULL;

    if (threads == 0) {
        long cores = sysconf(_SC_NPROCESSORS_ONLN);
        threads = cores > 0 ? cores : 2;
    }
    struct wz_app *app = calloc(1, sizeof(*app));
    struct wz_err err = {0};
    if (app == NULL || sodium_init() < 0) {
        free(app);
        wz_out_error("cannot initialize: out of memory or no randomness");
        return 1;
    }
    app->settings = s;
    app->page_refusal = wz_panel_refusal;
    app->production = wz_settings_is_production(s);
    app->https = app->production;
    app->throttle = wz_throttle_new();
    app->sessions = wz_sessions_new((int)s->session_idle_minutes * 60);
    sem_init(&app->verify_slots, 0, VERIFY_SLOTS);
    unsigned char random_pw[24];
    char dummy[64];
    randombytes_buf(random_pw, sizeof(random_pw));
    sodium_bin2hex(dummy, sizeof(dummy), random_pw, sizeof(random_pw));
    int rc = app->throttle != NULL && app->sessions != NULL
                 ? wz_password_hash(dummy, app->dummy_hash, &err)
                 : wz_err_set(&err, WZ_ENOMEM, "out of memory");
    if (rc == WZ_OK) {
        struct wz_server_options opt = {.host = host, .port = (int)port, .threads = (int)threads};
        rc = wz_server_run(app, &opt, print_urls, (void *)host, &err);
    }
    if (rc != WZ_OK)
        wz_out_error("%s", err.msg);
    sem_destroy(&app->verify_slots);
    wz_throttle_free(app->throttle);
    wz_sessions_free(app->sessions);
    free(app);
    return rc == WZ_OK ? 0 : wz_err_exit_code(rc);
}
