/*
 * UTF-8 decoding, strict as RFC 3629: no overlong forms, no surrogates, nothing past
 * U+10FFFF. Untrusted text (settings, query strings, form values) is checked with it before it
 * reaches a database, where PostgreSQL would refuse it and SQLite would store it.
 */
#ifndef WZ_UTF8_H
#define WZ_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Decodes the code point at p (before end) into *cp; returns the next position, or NULL when
 * the bytes there are not valid UTF-8. */
const char *wz_utf8_next(const char *p, const char *end, uint32_t *cp);

/* True when the n bytes at s are valid UTF-8 (a NUL byte counts as invalid). */
bool wz_utf8_valid(const char *s, size_t n);

#endif
