/*
 * wizamart validate [config|migrations|schema|data|all|RULE] [--json]: runs the validators of
 * src/validate/ and prints each finding the moment it is found (table, row, rule, message),
 * then one line per rule. Exit 1 when anything was found or a validator could not run.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "core/out.h"
#include "migrate/meta.h"
#include "opener.h"
#include "validate/validate.h"

struct printer {
    bool json;
    size_t printed; /* findings printed, for the JSON separators */
};

/* Returns WZ_OK, or WZ_ENOMEM when the object could not be built or written out. */
static int print_json(json_t *obj, const char *before)
{
    char *text = json_dumps(obj, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(obj);
    if (text == NULL)
        return WZ_ENOMEM;
    wz_out_raw(before);
    wz_out_raw(text);
    free(text);
    return WZ_OK;
}

static int emit(void *ctx, const struct wz_finding *f)
{
    struct printer *p = ctx;
    if (p->json) {
        json_t *o = json_object();
        json_object_set_new(o, "rule", json_string(f->rule));
        json_object_set_new(o, "table", json_string(f->table));
        json_object_set_new(o, "row", json_string(f->row));
        json_object_set_new(o, "message", json_string(f->message));
        if (print_json(o, p->printed == 0 ? "\n    " : ",\n    ") != WZ_OK)
            return WZ_ENOMEM; /* stops the validator: a finding must not go missing */
    } else if (f->row[0] != '\0') {
        wz_out_fail("%s %s: %s (%s)", f->table, f->row, f->message, f->rule);
    } else {
        wz_out_fail("%s: %s (%s)", f->table, f->message, f->rule);
    }
    p->printed++;
    return 0;
}

/* The validators the argument selects: a group, "all", or one rule by name. */
static bool selected(const struct wz_validator *v, const char *what, unsigned groups)
{
    return groups != 0 ? (v->group & groups) != 0 : strcmp(v->name, what) == 0;
}

int cmd_validate(struct wz_ctx *ctx, const struct wz_args *args)
{
    const char *what = args->npos > 0 ? args->pos[0] : "all";
    unsigned groups = wz_validate_group_parse(what);
    size_t n;
    const struct wz_validator *const *all = wz_validators(&n);
    bool any = false, need_db = false;
    for (size_t i = 0; i < n; i++) {
        if (selected(all[i], what, groups)) {
            any = true;
            need_db = need_db || all[i]->needs_db;
        }
    }
    if (!any) {
        wz_out_error("unknown validator '%s': use config, migrations, schema, data, all, or a "
                     "rule name (see 'wizamart validate --help')",
                     what);
        return 2;
    }
    struct wz_err err;
    wz_err_clear(&err);
    struct wz_db *db = NULL;
    /* A shallow copy whose environment the database's stamp may raise to production. */
    struct wz_settings eff = *ctx->settings;
    if (need_db) {
        int rc = wz_open_db(args, ctx->settings, &db, &err);
        if (rc == WZ_OK)
            rc = wz_meta_apply_stamp(db, &eff, &err);
        if (rc != WZ_OK) {
            wz_out_error("%s", err.msg);
            wz_db_close(db);
            return 1;
        }
    }
    char now[32];
    struct wz_validate_ctx vctx = {
        .db = db, .settings = &eff, .now = wz_validate_now(now, sizeof(now))};
    struct printer p = {.json = wz_args_has(args, "json")};
    json_t *rules = p.json ? json_array() : NULL;
    if (p.json)
        wz_out_raw("{\n  \"findings\": [");
    size_t total = 0, failed_rules = 0, errors = 0, ran = 0;
    for (size_t i = 0; i < n; i++) {
        const struct wz_validator *v = all[i];
        if (!selected(v, what, groups))
            continue;
        struct wz_finding_sink sink = {.emit = emit, .ctx = &p};
        wz_err_clear(&err);
        int rc = v->run(&vctx, &sink, &err);
        if (rc == WZ_ENOMEM) {
            /* No verdict holds once memory ran out, this rule's or the summary's: stop. */
            wz_out_error("%s: %s", v->name, err.msg[0] != '\0' ? err.msg : "out of memory");
            json_decref(rules);
            wz_db_close(db);
            return 1;
        }
        ran++;
        total += sink.count;
        if (rc < 0)
            errors++;
        else if (sink.count > 0)
            failed_rules++;
        if (p.json) {
            json_t *r = json_object();
            json_object_set_new(r, "rule", json_string(v->name));
            json_object_set_new(r, "group", json_string(wz_validate_group_name(v->group)));
            json_object_set_new(r, "findings", json_integer((json_int_t)sink.count));
            json_object_set_new(r, "error", rc < 0 ? json_string(err.msg) : json_null());
            json_array_append_new(rules, r);
        } else if (rc < 0) {
            wz_out_fail("%s: could not run: %s", v->name, err.msg);
        } else if (sink.count > 0) {
            wz_out_fail("%s: %zu finding%s", v->name, sink.count, sink.count == 1 ? "" : "s");
        } else {
            wz_out_ok("%s: %s", v->name, v->summary);
        }
    }
    bool ok = total == 0 && errors == 0;
    if (p.json) {
        wz_out_raw(p.printed > 0 ? "\n  ],\n  \"rules\": " : "],\n  \"rules\": ");
        if (print_json(rules, "") != WZ_OK) {
            wz_out_error("out of memory");
            wz_db_close(db);
            return 1;
        }
        wz_out_raw(ok ? ",\n  \"ok\": true\n}\n" : ",\n  \"ok\": false\n}\n");
    } else if (ok) {
        wz_out_line("Summary: no findings (%zu rule%s checked)", ran, ran == 1 ? "" : "s");
    } else {
        wz_out_line("Summary: %zu finding%s in %zu rule%s%s (%zu rule%s checked)", total,
                    total == 1 ? "" : "s", failed_rules, failed_rules == 1 ? "" : "s",
                    errors > 0 ? ", and some rules could not run" : "", ran, ran == 1 ? "" : "s");
    }
    wz_db_close(db);
    return ok ? 0 : 1;
}
