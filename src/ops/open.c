/* Opening an existing database without creating it: see open.h. */
#include "ops/open.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

int wz_ops_open_existing(const struct wz_settings *s, int wait_s, struct wz_db **out,
                         struct wz_err *err)
{
    *out = NULL;
    const struct wz_db_url *url = &s->db_url;
    if (url->dialect == WZ_DIALECT_SQLITE && strcmp(url->path, ":memory:") != 0) {
        struct stat st;
        if (stat(url->path, &st) != 0)
            return wz_err_set(err, errno == ENOENT ? WZ_ENOENT : WZ_EFAIL,
                              "no database at '%s' (DATABASE_URL=%s): %s; run `make db-setup`",
                              url->path, url->redacted, strerror(errno));
    }
    /* no_create also keeps the driver from writing to the file (a journal-mode switch turns a
     * 0-byte file into a 4 KiB database): a check must not change what it reports on. */
    struct wz_db_options opt = {
        .busy_timeout_ms = (int)s->db_busy_timeout, .connect_wait_s = wait_s, .no_create = true};
    return wz_db_open(url, &opt, out, err);
}
