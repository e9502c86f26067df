/* Whole files and folders: see fileio.h. */
#include "core/fileio.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int read_error(const char *path, int e, struct wz_err *err)
{
    /* fopen allocates its FILE: a failure there is a shortage, not a bad file. */
    if (e == ENOMEM)
        return wz_err_set(err, WZ_ENOMEM, "out of memory while reading '%s'", path);
    return wz_err_set(err, e == ENOENT ? WZ_ENOENT : WZ_EFAIL, "cannot read '%s': %s", path,
                      strerror(e));
}

int wz_file_read(const char *path, size_t max, char **out, size_t *len, struct wz_err *err)
{
    *out = NULL;
    *len = 0;
    char *buf = NULL;
    size_t n = 0;
    int rc = WZ_OK;
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return read_error(path, errno, err);
    /* A regular file's size is only the first guess (it may grow while it is read); one byte
     * more than it, besides the NUL, lets the read that sees the end need no second buffer. */
    size_t cap = 4096;
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size >= 0) {
        if (max > 0 && (size_t)st.st_size > max)
            goto too_large;
        if ((size_t)st.st_size + 2 > cap)
            cap = (size_t)st.st_size + 2;
    }
    if (max > 0 && cap > max + 2)
        cap = max + 2;
    buf = malloc(cap);
    if (buf == NULL)
        goto nomem;
    for (;;) {
        if (n + 1 == cap) {
            if (max > 0 && n > max)
                break; /* one byte past the limit is enough to refuse */
            size_t grow = max > 0 && cap * 2 > max + 2 ? max + 2 : cap * 2;
            char *grown = realloc(buf, grow);
            if (grown == NULL)
                goto nomem;
            buf = grown;
            cap = grow;
        }
        size_t got = fread(buf + n, 1, cap - 1 - n, f);
        n += got;
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        rc = read_error(path, errno, err);
        goto cleanup;
    }
    if (max > 0 && n > max)
        goto too_large;
    buf[n] = '\0';
    *out = buf;
    *len = n;
    buf = NULL;
    goto cleanup;

nomem:
    rc = wz_err_set(err, WZ_ENOMEM, "out of memory while reading '%s'", path);
    goto cleanup;
too_large:
    rc = wz_err_set(err, WZ_EUSAGE, "cannot read '%s': larger than %zu bytes", path, max);
cleanup:
    free(buf);
    fclose(f);
    return rc;
}

int wz_mkdir_p(const char *dir, mode_t mode, char *failed, size_t size)
{
    char path[PATH_MAX];
    size_t n = strlen(dir);
    if (n >= sizeof(path))
        return WZ_EUSAGE;
    memcpy(path, dir, n + 1);
    /* Each prefix ending at a '/' (and the whole path), parents first; i starts at 1 so that
     * an absolute path does not try to create "". */
    for (size_t i = 1; i <= n; i++) {
        if (path[i] != '/' && path[i] != '\0')
            continue;
        char saved = path[i];
        path[i] = '\0';
        if (mkdir(path, mode) != 0 && errno != EEXIST) {
            int e = errno;
            if (size > 0)
                snprintf(failed, size, "%s", path);
            errno = e;
            return WZ_EFAIL;
        }
        path[i] = saved;
    }
    return WZ_OK;
}
