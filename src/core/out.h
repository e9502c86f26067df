/*
 * The one output module every command uses. Results go to stdout in the guide's style
 * (✓ ⚠ ✗ lines, numbered steps); errors and progress go to stderr. Colours only when the
 * stream is a terminal and NO_COLOR is unset. Every line passes through secret masking:
 * any string registered with wz_out_add_secret() is printed as "****", so a password can
 * never leak through a message that happened to quote it.
 */
#ifndef WZ_OUT_H
#define WZ_OUT_H

#include <stdbool.h>
#include <stdio.h>

#include "core/err.h"

/* Decides colour use for stdout and stderr. no_color: NO_COLOR was set (main reads it). */
void wz_out_init(bool no_color);

/* Registers a secret to mask in all later output; strings shorter than 3 bytes are ignored
 * (masking "a" everywhere would garble output and protect nothing). The string is copied.
 * Returns WZ_OK, or WZ_ENOMEM: the secret is not registered, so nothing may be printed. */
int wz_out_add_secret(const char *secret);

/* Frees the registered secrets. */
void wz_out_release(void);

/* Writes the masked form of s into a new string. Caller frees. NULL on out of memory. */
char *wz_out_mask(const char *s);

/* Result lines on stdout: the guide's ✓ ⚠ ✗ (a caution is a result; a diagnostic warning
 * goes to stderr with wz_out_warning, below). */
void wz_out_line(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void wz_out_ok(const char *fmt, ...) __attribute__((format(printf, 1, 2)));      /* ✓ */
void wz_out_caution(const char *fmt, ...) __attribute__((format(printf, 1, 2))); /* ⚠ */
void wz_out_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));    /* ✗ */
void wz_out_step(int n, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void wz_out_heading(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Raw, masked write of already formatted text (JSON documents, tables) to stdout. */
void wz_out_raw(const char *text);

/* Prints a JSON document (indented, keys in insertion order, masked) and a newline on stdout,
 * taking ownership of root. Returns 0, or 1 after reporting an out-of-memory error: the exit
 * code for the command. */
struct json_t;
int wz_out_json(struct json_t *root);

/* Diagnostics on stderr: "error: ..." and "warning: ...", and plain progress notes. */
void wz_out_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void wz_out_warning(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void wz_out_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

enum wz_confirm {
    WZ_CONFIRM_YES,    /* the user typed yes */
    WZ_CONFIRM_NO,     /* anything else, or end of input */
    WZ_CONFIRM_NO_TTY, /* nobody to ask: stdin is not a terminal */
};

/* Asks question on the terminal (stderr) and reads the answer from stdin; only "yes" (any
 * case) confirms. Never asks when stdin is not a terminal, so scripts must pass --yes. */
enum wz_confirm wz_out_confirm(const char *question);

/* True when stderr is an interactive terminal (progress bars are drawn only then). */
bool wz_out_stderr_is_tty(void);

/* Flushes stdout and reports whether every line was written (a full disk or closed pipe must
 * not pass as success). Returns 0; -1 when a write failed; WZ_ENOMEM when a line longer than
 * 1 KiB, or a raw text, was left out because the memory to mask it was missing. */
int wz_out_finish(void);

#endif
