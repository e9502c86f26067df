/* The offline SQL script: see offline.h. */
#include "migrate/offline.h"

#include <stdlib.h>

#include "core/strbuf.h"

static void sql_literal(struct wz_strbuf *sb, const char *s)
{
    wz_strbuf_putc(sb, '\'');
    for (; *s != '\0'; s++) {
        if (*s == '\'')
            wz_strbuf_putc(sb, '\'');
        wz_strbuf_putc(sb, *s);
    }
    wz_strbuf_putc(sb, '\'');
}

int wz_offline_script(struct wz_db *db, const struct wz_books *st, const struct wz_plan *plan,
                      bool up, struct wz_migrate_result *res, struct wz_err *err)
{
    struct wz_strbuf sb = WZ_STRBUF_INIT;
    char at[40];
    wz_books_now(at, sizeof(at));
    wz_strbuf_appendf(&sb, "-- wizamart migrate %s --sql: what would run on %s (%zu revision%s)\n",
                      up ? "up" : "down", wz_db_dialect_name(db), plan->n, plan->n == 1 ? "" : "s");
    /* As online: the bookkeeping tables belong to the first revision's transaction. */
    bool need_tables = up && !st->tables;
    for (size_t k = 0; k < plan->n; k++) {
        const struct wz_revision *rev = st->g->nodes[plan->v[k]].rev;
        const struct wz_statement **stmts = NULL;
        size_t n = 0;
        if (wz_revision_statements(rev, up, wz_db_dialect(db), &stmts, &n) != WZ_OK) {
            wz_strbuf_release(&sb);
            return wz_err_set(err, WZ_ENOMEM, "out of memory");
        }
        wz_strbuf_appendf(&sb, "\n-- %s %s: %s (%s)%s\n", up ? "apply" : "revert", rev->id,
                          rev->message, rev->path,
                          rev->transactional ? "" : ", transaction: false");
        if (rev->transactional)
            wz_strbuf_append(&sb, "BEGIN;\n");
        for (size_t i = 0; need_tables && i < wz_books_nddl; i++)
            wz_strbuf_appendf(&sb, "%s;\n", wz_books_ddl[i]);
        need_tables = false;
        for (size_t i = 0; i < n; i++)
            wz_strbuf_appendf(&sb, "%s;\n", stmts[i]->sql);
        free(stmts);
        if (up) {
            wz_strbuf_append(&sb, "INSERT INTO " WZ_MIGRATE_TABLE " (revision, checksum, filename, "
                                  "message, applied_at, execution_ms) VALUES (");
            sql_literal(&sb, rev->id);
            wz_strbuf_append(&sb, ", ");
            sql_literal(&sb, rev->checksum);
            wz_strbuf_append(&sb, ", ");
            sql_literal(&sb, rev->filename);
            wz_strbuf_append(&sb, ", ");
            sql_literal(&sb, rev->message);
            wz_strbuf_append(&sb, ", ");
            sql_literal(&sb, at);
            wz_strbuf_append(&sb, ", 0);\n");
        } else {
            wz_strbuf_append(&sb, "DELETE FROM " WZ_MIGRATE_TABLE " WHERE revision = ");
            sql_literal(&sb, rev->id);
            wz_strbuf_append(&sb, ";\n");
        }
        if (rev->transactional)
            wz_strbuf_append(&sb, "COMMIT;\n");
    }
    res->sql = wz_strbuf_detach(&sb);
    if (res->sql == NULL)
        return wz_err_set(err, WZ_ENOMEM, "out of memory");
    return 0;
}
