/*
 * wizamart verify [--json] (make verify-setup): the setup checklist of src/ops/verify.h, one
 * ✓, ⚠, ✗ or – (not checked) line per check with the fix under each ✗ and –. Exit 0 only when every
 * required check holds.
 */
#include <jansson.h>

#include "cmd/cmd.h"
#include "core/out.h"
#include "opener.h"
#include "ops/verify.h"

static int print_json(const struct wz_settings *s, const struct wz_verify_report *r)
{
    json_t *root = json_object();
    json_object_set_new(root, "ok", json_boolean(r->ok));
    json_object_set_new(root, "environment", json_string(wz_environment_name(s->environment)));
    json_object_set_new(root, "database", json_string(s->db_url.redacted));
    json_t *list = json_array();
    for (size_t i = 0; i < r->n; i++) {
        const struct wz_verify_check *c = &r->checks[i];
        json_t *o = json_object();
        json_object_set_new(o, "id", json_string(c->id));
        json_object_set_new(o, "title", json_string(c->title));
        json_object_set_new(o, "status", json_string(wz_verify_status_name(c->status)));
        json_object_set_new(o, "required", json_boolean(c->required));
        json_object_set_new(o, "detail", json_string(c->detail));
        json_object_set_new(o, "fix", c->fix[0] != '\0' ? json_string(c->fix) : json_null());
        json_array_append_new(list, o);
    }
    json_object_set_new(root, "checks", list);
    if (wz_out_json(root) != 0)
        return 1;
    return r->ok ? 0 : 1;
}

int cmd_verify(struct wz_ctx *ctx, const struct wz_args *args)
{
    const struct wz_settings *s = ctx->settings;
    struct wz_verify_report r;
    struct wz_err err;
    wz_err_clear(&err);
    struct wz_db *db = NULL;
    struct wz_err open_err;
    wz_err_clear(&open_err);
    wz_open_db(args, s, &db, &open_err);
    int rc = wz_verify_run(s, db, &open_err, &r, &err);
    wz_db_close(db);
    if (rc != WZ_OK) {
        wz_out_error("%s", err.msg);
        return 1;
    }
    if (wz_args_has(args, "json"))
        return print_json(s, &r);
    wz_out_heading("Verifying the %s setup (ENVIRONMENT=%s, database %s)", s->project_name,
                   wz_environment_name(s->environment), s->db_url.redacted);
    size_t passed = 0, failed = 0, skipped = 0;
    for (size_t i = 0; i < r.n; i++) {
        const struct wz_verify_check *c = &r.checks[i];
        switch (c->status) {
        case WZ_VERIFY_OK:
            wz_out_ok("%s: %s", c->title, c->detail);
            passed++;
            break;
        case WZ_VERIFY_WARN:
            wz_out_caution("%s: %s", c->title, c->detail);
            wz_out_line("    fix: %s", c->fix);
            passed++;
            break;
        case WZ_VERIFY_SKIPPED:
            /* Not a failure of its own: the JSON says "skipped", and so does the text. */
            wz_out_line("– %s: %s", c->title, c->detail);
            wz_out_line("    fix: %s", c->fix);
            skipped++;
            break;
        case WZ_VERIFY_FAIL:
            wz_out_fail("%s: %s", c->title, c->detail);
            wz_out_line("    fix: %s", c->fix);
            if (c->required)
                failed++;
            else
                passed++;
            break;
        }
    }
    if (r.ok)
        wz_out_ok("Setup verified: %zu checks passed", passed);
    else
        wz_out_fail("Setup incomplete: %zu of %zu checks failed%s; run the fixes above", failed,
                    r.n, skipped > 0 ? ", the ones marked – not checked" : "");
    return r.ok ? 0 : 1;
}
