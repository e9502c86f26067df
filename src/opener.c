/* Opening the database for a command, as its flags say: see opener.h. */
#include "opener.h"

#include <errno.h>
#include <limits.h>
#include <string.h>
#include <sys/stat.h>

#include "core/out.h"

int wz_open_db(const struct wz_args *args, const struct wz_settings *s, struct wz_db **out,
               struct wz_err *err)
{
    *out = NULL;
    const unsigned flags = args->cmd->flags;
    const struct wz_db_url *url = &s->db_url;
    const bool sql = wz_args_has(args, "sql");
    const bool may_create = (flags & WZ_CMD_CREATE_DB) && !sql;
    const bool missing_is_empty = (flags & WZ_CMD_MISSING_IS_EMPTY) || sql;
    char what[PATH_MAX + 32];
    /* A check asks "is the database there?" before opening it: its answer names the file. */
    const char *file = wz_db_url_file(url);
    struct stat st;
    if ((flags & WZ_CMD_CONNECTS) && file != NULL && stat(file, &st) != 0)
        return wz_err_set(err, errno == ENOENT ? WZ_ENOENT : WZ_EFAIL,
                          "no database at '%s' (DATABASE_URL=%s): %s; run `make db-setup`", file,
                          url->redacted, strerror(errno));
    /* no_create also keeps the driver from writing to the file (a journal-mode switch turns a
     * 0-byte file into a 4 KiB database): a command that may not create a database must not
     * change what it reads. */
    const struct wz_db_options opt = {.busy_timeout_ms = (int)s->db_busy_timeout,
                                      .connect_wait_s = args->wait_s,
                                      .no_create = !may_create};
    int rc = wz_db_open(url, &opt, out, err);
    if (rc == WZ_ENOENT && missing_is_empty) {
        /* Nothing to read means an empty database: show it as one, create nothing. */
        wz_err_clear(err);
        wz_out_note("note: %s does not exist yet; showing it as an empty database",
                    wz_db_url_describe(url, what, sizeof(what)));
        rc = wz_db_open_empty(url, &opt, out, err);
    } else if (rc == WZ_ENOENT && may_create && wz_db_can_create(url)) {
        wz_err_clear(err);
        rc = wz_db_create(url, err);
        if (rc == WZ_OK) {
            wz_out_note("Created %s", wz_db_url_describe(url, what, sizeof(what)));
            rc = wz_db_open(url, &opt, out, err);
        }
    }
    return rc;
}
