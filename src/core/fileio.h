/*
 * Whole files and folders: reading a file into memory and `mkdir -p`, the two things the .env
 * loader, the revision files and the backups each did by hand.
 */
#ifndef WZ_FILEIO_H
#define WZ_FILEIO_H

#include <stddef.h>
#include <sys/types.h>

#include "core/err.h"

/*
 * Reads all of path into *out (caller frees; NUL-terminated, *len without the NUL). It reads
 * to the end rather than trusting the file's size, so a pipe (--env-file <(...)) works too.
 * max > 0 refuses a file longer than max bytes with WZ_EUSAGE ("cannot read 'P': larger than
 * max bytes"; the caller may say it better) before reading more than max + 1 of it.
 * Otherwise WZ_ENOENT for a missing file, WZ_ENOMEM, or WZ_EFAIL ("cannot read 'P': reason").
 * *out is NULL on any error.
 */
int wz_file_read(const char *path, size_t max, char **out, size_t *len, struct wz_err *err);

/*
 * mkdir -p: creates dir and every missing parent with mode (less the umask); folders that
 * already exist are fine. WZ_OK; WZ_EUSAGE when dir is PATH_MAX long or longer; WZ_EFAIL
 * when a mkdir failed, with errno as it left it and the folder it could not create in
 * failed[size] (the caller words the message: what the folder is for, what to do).
 */
int wz_mkdir_p(const char *dir, mode_t mode, char *failed, size_t size);

#endif
