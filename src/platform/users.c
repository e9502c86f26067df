/* Platform users: see users.h. */
#include "platform/users.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/settings.h"
#include "db/db.h"
#include "platform/platform_util.h"

bool wz_user_password_ok(const struct wz_settings *s, const char *password, const char *field,
                         struct wz_field_errors *fe)
{
    size_t len = password != NULL ? strlen(password) : 0;
    if (len < 8) {
        wz_field_error(fe, field, "must be at least 8 characters");
        return false;
    }
    if (len > 1024) {
        wz_field_error(fe, field, "must be at most 1024 bytes");
        return false;
    }
    const char *why = wz_settings_is_production(s) ? wz_password_weakness(password) : NULL;
    if (why != NULL) {
        wz_field_error(fe, field, "is too weak for production: %s", why);
        return false;
    }
    return true;
}

static const char q_username_taken[] = "SELECT id FROM users WHERE username = $1";

int wz_user_username_for_email(struct wz_db *db, const char *email, char out[129],
                               struct wz_err *err)
{
    char base[40];
    size_t n = 0;
    for (const char *p = email; *p != '\0' && *p != '@' && n < 32; p++) {
        char c = *p;
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-')
            base[n++] = c;
    }
    base[n] = '\0';
    if (n == 0)
        snprintf(base, sizeof(base), "user");
    for (int i = 1; i <= 1000; i++) {
        if (i == 1)
            snprintf(out, 129, "%s", base);
        else
            snprintf(out, 129, "%s-%d", base, i);
        int64_t id = 0;
        bool taken = false;
        int rc = wz_pf_int64(db, q_username_taken, &id, &taken, err, "t", out);
        if (rc != WZ_OK)
            return rc;
        if (!taken)
            return WZ_OK;
    }
    /* a thousand namesakes: a random suffix cannot collide in practice */
    char rnd[65];
    wz_pf_random_hex(rnd);
    snprintf(out, 129, "%s-%.12s", base, rnd);
    return WZ_OK;
}

#define USER_COLS                                                                                  \
    "SELECT u.id, u.email, u.username, u.first_name, u.last_name, u.role, CASE WHEN u.is_active "  \
    "THEN 1 ELSE 0 END, CASE WHEN u.is_email_verified THEN 1 ELSE 0 END, u.last_login_at, "        \
    "u.created_at, (SELECT COUNT(*) FROM stores s WHERE s.owner_user_id = u.id) FROM users u "

static void read_user(struct wz_stmt *st, struct wz_user_info *o)
{
    memset(o, 0, sizeof(*o));
    o->id = wz_stmt_column_int64(st, 0);
    snprintf(o->email, sizeof(o->email), "%s", wz_stmt_column_text(st, 1));
    snprintf(o->username, sizeof(o->username), "%s", wz_stmt_column_text(st, 2));
    o->has_first_name = !wz_stmt_column_is_null(st, 3);
    snprintf(o->first_name, sizeof(o->first_name), "%s", wz_stmt_column_text(st, 3));
    o->has_last_name = !wz_stmt_column_is_null(st, 4);
    snprintf(o->last_name, sizeof(o->last_name), "%s", wz_stmt_column_text(st, 4));
    snprintf(o->role, sizeof(o->role), "%s", wz_stmt_column_text(st, 5));
    o->is_active = wz_stmt_column_int64(st, 6) == 1;
    o->is_email_verified = wz_stmt_column_int64(st, 7) == 1;
    wz_pf_ts(wz_stmt_column_text(st, 8), o->last_login_at);
    wz_pf_ts(wz_stmt_column_text(st, 9), o->created_at);
    o->stores_owned = wz_stmt_column_int64(st, 10);
}

/* One statement for every filter: a NULL or -1 parameter switches its condition off, so
 * the statement is prepared once per connection. */
static const char q_list[] = USER_COLS
    "WHERE u.id > $1 AND (CAST($2 AS TEXT) IS NULL OR lower(u.email) LIKE $2 ESCAPE '\\' OR "
    "lower(u.username) LIKE $2 ESCAPE '\\' OR lower(COALESCE(u.first_name, '')) LIKE "
    "$2 ESCAPE '\\' OR lower(COALESCE(u.last_name, '')) LIKE $2 ESCAPE '\\' OR "
    "lower(COALESCE(u.first_name, '') || ' ' || COALESCE(u.last_name, '')) LIKE $2 "
    "ESCAPE '\\') AND ($3 = -1 OR (CASE WHEN u.is_active THEN 1 ELSE 0 END) = $3) AND "
    "(CAST($4 AS TEXT) IS NULL OR u.role = $4) ORDER BY u.id LIMIT $5";
static const char q_get[] = USER_COLS "WHERE u.id = $1";

int wz_user_list(struct wz_db *db, const struct wz_user_filter *f, struct wz_user_info **out,
                 size_t *n, bool *has_more, struct wz_err *err)
{
    *out = NULL;
    *n = 0;
    *has_more = false;
    char pat[1100];
    const char *q = NULL;
    if (f->q != NULL && *f->q != '\0') {
        if (!wz_pf_like(f->q, pat, sizeof(pat)))
            return wz_err_set(err, WZ_EUSAGE, "the search text is too long");
        q = pat;
    }
    struct wz_user_info *rows = calloc((size_t)f->limit + 1, sizeof(*rows));
    if (rows == NULL)
        return wz_err_set(err, WZ_ENOMEM, "out of memory");
    struct wz_stmt *st = NULL;
    int rc = wz_pf_query(db, q_list, &st, err, "ititi", f->after, q, (int64_t)f->active, f->role,
                         (int64_t)f->limit + 1);
    size_t got = 0;
    while (rc == WZ_ROW) {
        read_user(st, &rows[got++]);
        rc = got <= (size_t)f->limit ? wz_stmt_step(st, err) : WZ_DONE;
    }
    wz_stmt_reset(st);
    if (rc < 0) {
        free(rows);
        return rc;
    }
    if (got > (size_t)f->limit) {
        *has_more = true;
        got = (size_t)f->limit;
    }
    *out = rows;
    *n = got;
    return WZ_OK;
}

int wz_user_get(struct wz_db *db, int64_t user_id, struct wz_user_info *out, struct wz_err *err)
{
    struct wz_stmt *st = NULL;
    int rc = wz_pf_query(db, q_get, &st, err, "i", user_id);
    if (rc < 0)
        return rc;
    if (rc == WZ_DONE)
        return wz_err_set(err, WZ_ENOENT, "user %lld not found", (long long)user_id);
    read_user(st, out);
    wz_stmt_reset(st);
    return WZ_OK;
}

static const char q_set_active[] =
    "UPDATE users SET is_active = CASE WHEN $2 = 1 THEN true ELSE false END, updated_at = $3 "
    "WHERE id = $1";

int wz_user_set_active(struct wz_db *db, int64_t user_id, bool active, int64_t acting_user_id,
                       struct wz_field_errors *fe, struct wz_err *err)
{
    if (!active && user_id == acting_user_id) {
        wz_field_error(fe, "is_active", "you cannot deactivate your own account");
        return WZ_EUSAGE;
    }
    char now[24];
    wz_pf_time((int64_t)time(NULL), now);
    bool own = false;
    int rc = wz_pf_begin(db, &own, err);
    if (rc != WZ_OK)
        return rc;
    rc = wz_pf_exec(db, q_set_active, err, "iit", user_id, (int64_t)(active ? 1 : 0), now);
    if (rc == WZ_OK && wz_db_changes(db) != 1)
        rc = wz_err_set(err, WZ_ENOENT, "user %lld not found", (long long)user_id);
    if (rc == WZ_OK)
        rc = wz_pf_commit(db, own, err);
    if (rc != WZ_OK)
        wz_pf_rollback(db, own);
    return rc;
}
