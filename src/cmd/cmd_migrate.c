/*
 * wizamart migrate up | down | status | history | create | merge | stamp: the commands over
 * the migration engine (src/migrate/). They turn arguments into engine calls and engine
 * results into the guide's ✓ ⚠ ✗ lines; every decision lives in the engine.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "core/out.h"
#include "migrate/autogen.h"
#include "migrate/graph.h"
#include "migrate/plan.h"
#include "migrate/revision.h"
#include "migrate/runner.h"
#include "ops/backup.h"

static struct wz_migrate_opts run_opts(const struct wz_ctx *ctx, const struct wz_args *args)
{
    struct wz_migrate_opts opt = {
        .lock_timeout_ms = (int)(ctx->settings->migrate_lock_timeout * 1000),
        .offline = wz_args_has(args, "sql"),
        .stamp = true,
        .environment = ctx->settings->environment,
    };
    return opt;
}

static const char *dir_of(const struct wz_ctx *ctx)
{
    return ctx->settings->migrations_dir;
}

/* The runner's after_step: each revision's line is printed (and flushed, when stdout is a
 * file or a pipe) as soon as it is committed, so output cut short by a kill still lists every
 * revision the database holds. */
static void print_step(const struct wz_migrate_step *s, void *arg)
{
    const char *verb = arg;
    if (s->resumed > 0)
        wz_out_ok("%s %s %s (%lld ms; continued after statement %zu of an earlier run)", verb,
                  s->revision, s->message, (long long)s->ms, s->resumed);
    else
        wz_out_ok("%s %s %s (%lld ms)", verb, s->revision, s->message, (long long)s->ms);
}

static int fail(int rc, const struct wz_err *err)
{
    wz_out_error("%s", err->msg);
    return wz_err_exit_code(rc);
}

/* The pre-migration backup (BACKUP_BEFORE_MIGRATE, on by default in staging and production):
 * taken under the migration lock, only when something is about to be applied; a failed backup
 * stops the migration before anything runs. */
struct backup_hook {
    const struct wz_settings *settings;
    const char *verb; /* "applying" or "reverting" */
};

static int backup_before_apply(struct wz_db *db, size_t npending, void *arg, struct wz_err *err)
{
    const struct backup_hook *hook = arg;
    const struct wz_settings *s = hook->settings;
    struct wz_backup_result res;
    int rc = wz_backup_create(db, s, WZ_BACKUP_KIND_PRE_MIGRATE, NULL, &res, err);
    if (rc < 0)
        return wz_err_wrap(err, "refusing to migrate without the pre-migration backup "
                                "(set BACKUP_BEFORE_MIGRATE=false to skip it)");
    char size[32];
    wz_out_ok("Backed up before %s %zu revision%s: %s (%s)", hook->verb, npending,
              npending == 1 ? "" : "s", res.path,
              wz_backup_size_text(res.size, size, sizeof(size)));
    if (res.warning[0] != '\0')
        wz_out_caution("%s", res.warning);
    return 0;
}

/* Arms the pre-migration backup when BACKUP_BEFORE_MIGRATE asks for it; an in-memory
 * database ends with the process and has nothing to protect. */
static void use_backup_hook(const struct wz_ctx *ctx, struct wz_migrate_opts *opt,
                            struct backup_hook *hook)
{
    if (wz_settings_backup_before_migrate(ctx->settings) &&
        !wz_db_url_in_memory(&ctx->settings->db_url)) {
        opt->before_apply = backup_before_apply;
        opt->before_apply_arg = hook;
    }
}

int cmd_migrate_up(struct wz_ctx *ctx, const struct wz_args *args)
{
    struct wz_err err;
    wz_err_clear(&err);
    struct wz_migrate_opts opt = run_opts(ctx, args);
    char *table = NULL;
    int pre = opt.offline ? 0 : wz_migrate_plan_predates(ctx->db, dir_of(ctx), &table, &err);
    if (pre < 0)
        return fail(pre, &err);
    if (table != NULL) {
        wz_out_error("this database predates the migrations: it has the platform's tables "
                     "('%s', ...) but no migration record, so applying the revisions would "
                     "create them again",
                     table);
        wz_out_note("check that it matches: `make migrate-check` (the revisions build the "
                    "models) and `make validate` (no schema drift in the database); then adopt "
                    "it without running anything: `build/wizamart migrate stamp heads`");
        free(table);
        return 1;
    }
    struct backup_hook hook = {ctx->settings, "applying"};
    use_backup_hook(ctx, &opt, &hook);
    opt.after_step = print_step;
    opt.after_step_arg = (void *)"Applied";
    struct wz_migrate_result res;
    const char *target = args->npos > 0 ? args->pos[0] : NULL;
    int rc = wz_migrate_up(ctx->db, dir_of(ctx), target, &opt, &res, &err);
    if (rc == 0 && opt.offline)
        wz_out_raw(res.sql);
    else if (rc == 0 && res.empty)
        wz_out_ok("No revisions in '%s': nothing to apply", dir_of(ctx));
    else if (rc == 0 && res.n == 0)
        wz_out_ok("Database is up to date (at %s)", res.at != NULL ? res.at : "base");
    else if (rc == 0)
        wz_out_ok("Database is at %s (%zu revision%s applied)", res.at, res.n,
                  res.n == 1 ? "" : "s");
    wz_migrate_result_release(&res);
    return rc < 0 ? fail(rc, &err) : 0;
}

int cmd_migrate_down(struct wz_ctx *ctx, const struct wz_args *args)
{
    struct wz_err err;
    wz_err_clear(&err);
    struct wz_migrate_opts opt = run_opts(ctx, args);
    struct backup_hook hook = {ctx->settings, "reverting"};
    use_backup_hook(ctx, &opt, &hook);
    opt.after_step = print_step;
    opt.after_step_arg = (void *)"Reverted";
    struct wz_migrate_result res;
    const char *target = args->npos > 0 ? args->pos[0] : NULL;
    int rc = wz_migrate_down(ctx->db, dir_of(ctx), target, &opt, &res, &err);
    if (rc == 0 && opt.offline)
        wz_out_raw(res.sql);
    else if (rc == 0 && res.n == 0)
        wz_out_ok("Nothing to roll back (at %s)", res.at != NULL ? res.at : "base");
    else if (rc == 0)
        wz_out_ok("Database is now at %s (%zu revision%s reverted)",
                  res.at != NULL ? res.at : "base", res.n, res.n == 1 ? "" : "s");
    wz_migrate_result_release(&res);
    return rc < 0 ? fail(rc, &err) : 0;
}

int cmd_migrate_stamp(struct wz_ctx *ctx, const struct wz_args *args)
{
    struct wz_err err;
    wz_err_clear(&err);
    struct wz_migrate_opts opt = run_opts(ctx, args);
    struct wz_migrate_result res;
    int rc = wz_migrate_stamp(ctx->db, dir_of(ctx), args->pos[0], &opt, &res, &err);
    for (size_t i = 0; i < res.n; i++)
        wz_out_ok("%s %s %s", res.steps[i].removed ? "Unstamped" : "Stamped", res.steps[i].revision,
                  res.steps[i].message);
    if (rc == 0)
        wz_out_ok("Database %s at %s; no migration SQL was run",
                  res.n > 0 ? "is now" : "was already", res.at != NULL ? res.at : "base");
    wz_migrate_result_release(&res);
    return rc < 0 ? fail(rc, &err) : 0;
}

/* ---------------------------------------------------------------- status */

static json_t *json_str_or_null(const char *s)
{
    return s != NULL ? json_string(s) : json_null();
}

static json_t *json_strv(char **v, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, json_string(v[i]));
    return a;
}

/* The problems as status --json and history --json show them. */
static json_t *json_problems(const struct wz_problems *ps)
{
    json_t *problems = json_array();
    for (size_t i = 0; i < ps->n; i++) {
        const struct wz_problem *p = &ps->v[i];
        json_t *o = json_object();
        json_object_set_new(o, "kind", json_string(wz_problem_kind_name(p->kind)));
        json_object_set_new(o, "revision", json_str_or_null(p->revision));
        json_object_set_new(o, "file", json_str_or_null(p->file));
        json_object_set_new(o, "message", json_string(p->message));
        json_array_append_new(problems, o);
    }
    return problems;
}

static json_t *json_revs(const struct wz_status_rev *v, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *o = json_object();
        json_object_set_new(o, "revision", json_string(v[i].revision));
        json_object_set_new(o, "message", json_str_or_null(v[i].message));
        json_object_set_new(o, "file", json_str_or_null(v[i].file));
        if (v[i].applied_at != NULL) {
            json_object_set_new(o, "applied_at", json_string(v[i].applied_at));
            json_object_set_new(o, "execution_ms", json_integer(v[i].execution_ms));
        }
        json_array_append_new(a, o);
    }
    return a;
}

static int status_json(const struct wz_ctx *ctx, const struct wz_migrate_status *st)
{
    json_t *root = json_object();
    json_object_set_new(root, "database", json_string(ctx->settings->db_url.redacted));
    json_object_set_new(root, "dialect", json_string(st->dialect));
    json_object_set_new(root, "migrations_dir", json_string(dir_of(ctx)));
    json_object_set_new(root, "revisions", json_integer((json_int_t)st->nrevisions));
    json_object_set_new(root, "current", json_strv(st->current, st->ncurrent));
    json_object_set_new(root, "heads", json_strv(st->heads, st->nheads));
    json_object_set_new(root, "up_to_date", json_boolean(st->npending == 0 && st->problems.n == 0));
    json_object_set_new(root, "applied", json_revs(st->applied, st->napplied));
    json_object_set_new(root, "pending", json_revs(st->pending, st->npending));
    json_object_set_new(root, "problems", json_problems(&st->problems));
    return wz_out_json(root);
}

static const char *message_of(const struct wz_migrate_status *st, const char *id)
{
    for (size_t i = 0; i < st->napplied; i++)
        if (strcmp(st->applied[i].revision, id) == 0)
            return st->applied[i].message;
    for (size_t i = 0; i < st->npending; i++)
        if (strcmp(st->pending[i].revision, id) == 0)
            return st->pending[i].message;
    return "";
}

static void status_text(const struct wz_ctx *ctx, const struct wz_migrate_status *st)
{
    wz_out_heading("Migration status");
    wz_out_line("  Database:   %s (%s)", ctx->settings->db_url.redacted, st->dialect);
    wz_out_line("  Revisions:  %zu in %s", st->nrevisions, dir_of(ctx));
    if (st->ncurrent == 0)
        wz_out_line("  Current:    base (nothing applied)");
    for (size_t i = 0; i < st->ncurrent; i++)
        wz_out_line("  %-11s %s  %s", i == 0 ? "Current:" : "", st->current[i],
                    message_of(st, st->current[i]));
    if (st->nheads == 0)
        wz_out_line("  Head:       none");
    for (size_t i = 0; i < st->nheads; i++)
        wz_out_line("  %-11s %s  %s", i == 0 ? (st->nheads > 1 ? "Heads:" : "Head:") : "",
                    st->heads[i], message_of(st, st->heads[i]));

    wz_out_line("%s", "");
    wz_out_heading("Applied (%zu)", st->napplied);
    for (size_t i = 0; i < st->napplied; i++) {
        const struct wz_status_rev *r = &st->applied[i];
        wz_out_line("  %s  %-40s %s", r->revision, r->message != NULL ? r->message : "",
                    r->applied_at);
    }
    wz_out_line("%s", "");
    wz_out_heading("Pending (%zu)", st->npending);
    for (size_t i = 0; i < st->npending; i++)
        wz_out_line("  %s  %-40s %s", st->pending[i].revision, st->pending[i].message,
                    st->pending[i].file);
    wz_out_line("%s", "");
    wz_out_heading("Problems (%zu)", st->problems.n);
    for (size_t i = 0; i < st->problems.n; i++)
        wz_out_fail("%s", st->problems.v[i].message);
    wz_out_line("%s", "");
    if (st->problems.n > 0)
        wz_out_fail("%zu problem%s to fix before migrating", st->problems.n,
                    st->problems.n == 1 ? "" : "s");
    else if (st->npending > 0)
        wz_out_caution("%zu revision%s pending: run `make migrate-up`", st->npending,
                       st->npending == 1 ? "" : "s");
    else
        wz_out_ok("Database is up to date");
}

int cmd_migrate_status(struct wz_ctx *ctx, const struct wz_args *args)
{
    struct wz_err err;
    wz_err_clear(&err);
    struct wz_migrate_status st;
    int rc = wz_migrate_status(ctx->db, dir_of(ctx), &st, &err);
    if (rc < 0)
        return fail(rc, &err);
    int code = 0;
    if (wz_args_has(args, "json"))
        code = status_json(ctx, &st);
    else
        status_text(ctx, &st);
    if (code == 0 && (st.problems.n > 0 || (wz_args_has(args, "exit-code") && st.npending > 0)))
        code = 1;
    wz_migrate_status_release(&st);
    return code;
}

/* ---------------------------------------------------------------- history */

/* The same graph for scripts: newest first, as the text. */
static int history_json(const struct wz_ctx *ctx, const struct wz_graph *g)
{
    json_t *root = json_object();
    json_object_set_new(root, "migrations_dir", json_string(dir_of(ctx)));
    json_t *revs = json_array();
    for (size_t k = g->n; k-- > 0;) {
        const struct wz_node *node = &g->nodes[k];
        const struct wz_revision *rev = node->rev;
        json_t *o = json_object();
        json_object_set_new(o, "id", json_string(rev->id));
        json_object_set_new(o, "parents", json_strv(rev->parents, rev->nparents));
        json_object_set_new(o, "message", json_string(rev->message));
        json_object_set_new(o, "created", json_str_or_null(rev->created));
        json_object_set_new(o, "file", json_string(rev->path));
        json_object_set_new(o, "head", json_boolean(node->nchildren == 0));
        json_object_set_new(o, "branchpoint", json_boolean(node->nchildren > 1));
        json_object_set_new(o, "mergepoint", json_boolean(rev->nparents > 1));
        json_array_append_new(revs, o);
    }
    json_object_set_new(root, "revisions", revs);
    json_t *heads = json_array();
    for (size_t i = 0; i < g->nheads; i++)
        json_array_append_new(heads, json_string(g->nodes[g->heads[i]].rev->id));
    json_object_set_new(root, "heads", heads);
    json_object_set_new(root, "problems", json_problems(&g->problems));
    return wz_out_json(root);
}

int cmd_migrate_history(struct wz_ctx *ctx, const struct wz_args *args)
{
    struct wz_err err;
    wz_err_clear(&err);
    struct wz_graph *g = NULL;
    int rc = wz_graph_load(dir_of(ctx), &g, &err);
    if (rc < 0)
        return fail(rc, &err);
    if (wz_args_has(args, "json")) {
        int code = history_json(ctx, g);
        if (code == 0 && g->problems.n > 0)
            code = 1;
        wz_graph_free(g);
        return code;
    }
    if (g->n == 0 && g->problems.n == 0)
        wz_out_line("No revisions in '%s'", dir_of(ctx));
    /* Newest first, as Alembic prints it: "parents -> id (marks), message". */
    for (size_t k = g->n; k-- > 0;) {
        const struct wz_node *node = &g->nodes[k];
        const struct wz_revision *rev = node->rev;
        char parents[512];
        size_t o = 0;
        parents[0] = '\0';
        if (rev->nparents == 0)
            snprintf(parents, sizeof(parents), "<base>");
        for (size_t i = 0; i < rev->nparents && o < sizeof(parents); i++)
            o += (size_t)snprintf(parents + o, sizeof(parents) - o, "%s%s", i > 0 ? ", " : "",
                                  rev->parents[i]);
        wz_out_line("%s -> %s%s%s%s, %s", parents, rev->id, node->nchildren == 0 ? " (head)" : "",
                    node->nchildren > 1 ? " (branchpoint)" : "",
                    rev->nparents > 1 ? " (mergepoint)" : "", rev->message);
    }
    for (size_t i = 0; i < g->problems.n; i++)
        wz_out_fail("%s", g->problems.v[i].message);
    int code = g->problems.n > 0 ? 1 : 0;
    if (g->nheads > 1)
        wz_out_caution("%zu heads: join them with `wizamart migrate merge -m \"merge heads\"`",
                       g->nheads);
    wz_graph_free(g);
    return code;
}

/* ---------------------------------------------------------------- create, merge */

static const char *required_message(const struct wz_args *args)
{
    const char *m = wz_args_get(args, "message");
    if (m == NULL || m[strspn(m, " \t")] == '\0') {
        wz_out_error("a message is required: -m \"what the revision does\" (make: "
                     "message=\"...\")");
        return NULL;
    }
    return m;
}

int cmd_migrate_create(struct wz_ctx *ctx, const struct wz_args *args)
{
    const char *message = required_message(args);
    if (message == NULL)
        return 2;
    struct wz_err err;
    wz_err_clear(&err);
    char *path = NULL;
    if (!wz_args_has(args, "empty")) {
        int arc = wz_autogen_create(dir_of(ctx), message, &path, &err);
        if (arc != WZ_OK)
            return fail(arc, &err);
        if (path == NULL) {
            wz_out_ok("No changes between the models and the revisions: nothing to write");
            return 0;
        }
        wz_out_ok("Created %s", path);
        wz_out_line("  Review it, then apply it with `make migrate-up`.");
        free(path);
        return 0;
    }
    char *parent = NULL;
    int rc = wz_migrate_plan_create(dir_of(ctx), message, &path, &parent, &err);
    if (rc == WZ_OK) {
        wz_out_ok("Created %s (down_revision: %s)", path, parent != NULL ? parent : "none");
        wz_out_line("  Write its SQL under -- +upgrade and -- +downgrade, then run `make "
                    "migrate-up`.");
    }
    free(parent);
    free(path);
    return rc != WZ_OK ? fail(rc, &err) : 0;
}

int cmd_migrate_merge(struct wz_ctx *ctx, const struct wz_args *args)
{
    const char *message = required_message(args);
    if (message == NULL)
        return 2;
    struct wz_err err;
    wz_err_clear(&err);
    char *path = NULL, *parents = NULL;
    int rc = wz_migrate_plan_merge(dir_of(ctx), message, &path, &parents, &err);
    if (rc == WZ_OK)
        wz_out_ok("Created %s merging %s", path, parents);
    free(parents);
    free(path);
    return rc != WZ_OK ? fail(rc, &err) : 0;
}
