/*
 * application/x-www-form-urlencoded, as browsers send HTML forms (the WHATWG URL standard's
 * parser): fields split on '&', name and value on the first '=', '+' is a space, %XX a byte.
 * A malformed escape is kept as it is, as browsers do. Untrusted input: fuzzed
 * (tests/fuzz/fuzz_form.c).
 */
#ifndef WZ_FORM_H
#define WZ_FORM_H

#include <stdbool.h>
#include <stddef.h>

/* Finds the first field named key in body (len bytes) and decodes its value into *out (a new
 * NUL-terminated string the caller frees). Returns 1 when found, 0 when not, -1 when out
 * of memory. A value holding a NUL byte (%00) is refused as not found. */
int wz_form_get(const char *body, size_t len, const char *key, char **out);

/* Decodes n bytes of s (percent escapes, and '+' as a space when plus_is_space) into out,
 * which has room for n + 1 bytes; returns the decoded length, or -1 when a %00 appears. */
long wz_form_decode(const char *s, size_t n, char *out, int plus_is_space);

/* The same decoding for URLs (no '+' rule), in place, except that %00 stays as written (a
 * decoded NUL would cut the text short). Returns the decoded length. */
long wz_form_decode_keep_nul(const char *s, size_t n, char *out);

/* True when every name and value of the form body decodes to valid UTF-8. */
bool wz_form_utf8(const char *body, size_t len);

#endif
