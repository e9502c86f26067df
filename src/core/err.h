/*
 * Errors as values: every engine function returns 0 or a negative WZ_E* code and writes one
 * human message into a caller-owned struct wz_err, once, where the failure is understood.
 * Commands map the code to the contract's exit code (docs/cli.md): usage/config -> 2, else 1.
 */
#ifndef WZ_ERR_H
#define WZ_ERR_H

enum {
    WZ_OK = 0,
    WZ_EFAIL = -1,     /* the operation failed or was refused: exit 1 */
    WZ_EUSAGE = -2,    /* bad usage or configuration, nothing touched: exit 2 */
    WZ_ENOMEM = -3,    /* out of memory: exit 1 */
    WZ_ENOENT = -4,    /* a file or object that was asked for does not exist: exit 1 */
    WZ_EBUSY = -5,     /* a lock could not be taken in time: exit 1 */
    WZ_ECONFLICT = -6, /* a unique constraint refused the write: exit 1 */
};

struct wz_err {
    int code;
    char msg[1024];
};

/* Clears err (NULL is fine). */
void wz_err_clear(struct wz_err *err);

/* Sets code and a printf-style message (truncated to fit); returns code so callers can write
 * `return wz_err_set(err, WZ_EFAIL, "...")`. err may be NULL. */
int wz_err_set(struct wz_err *err, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Prefixes the existing message with more context: "<context>: <old message>". */
int wz_err_wrap(struct wz_err *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The process exit code for an error code: 0, 1 or 2. */
int wz_err_exit_code(int code);

#endif
