/*
 * Running PostgreSQL's own tools (pg_dump, pg_restore) for backups and restores. A custom-format
 * dump is the one PostgreSQL backup every operator can read back, so we drive the real tools
 * rather than re-implement them. Connection details reach the child only through its
 * environment (PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE and the libpq variable of each URL
 * parameter): never through argv, which every user of the machine can read in `ps`.
 */
#ifndef WZ_DB_PGTOOL_H
#define WZ_DB_PGTOOL_H

#include <stddef.h>

#include "core/err.h"
#include "core/strbuf.h"
#include "db/db.h"

/* The environment entries ("NAME=value") that make libpq in a child connect where url points:
 * a NULL-terminated array the caller frees with wz_pgtool_env_free (which wipes the password).
 * WZ_EUSAGE when a URL parameter has no libpq environment variable. */
int wz_pgtool_env(const struct wz_db_url *url, char ***env, struct wz_err *err);
void wz_pgtool_env_free(char **env);

struct wz_pgtool_run {
    const char *const *argv; /* argv[0] is looked up in PATH; NULL-terminated */
    char *const *env;        /* entries added to the inherited environment, overriding it */
    int stdout_fd;           /* the child's stdout; -1: captured into `out` */
    /* Descriptors the child gets as fd 3 and 4 (0: none), so it can read files that have no
     * name, as /dev/fd/3 and /dev/fd/4. */
    int pass_fds[2];
};

/* Runs the tool and waits for it. stdin is /dev/null. *status is its exit status (128 + the
 * signal when killed). The start of its stderr (without the trailing newline) goes to errbuf.
 * Returns WZ_OK when the tool ran (whatever its status), WZ_ENOENT when it is not installed,
 * WZ_EFAIL/WZ_ENOMEM when it could not be started. out may be NULL when stdout_fd >= 0. */
int wz_pgtool_exec(const struct wz_pgtool_run *run, struct wz_strbuf *out, char *errbuf,
                   size_t errsize, int *status, struct wz_err *err);

#endif
