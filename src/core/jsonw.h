/*
 * A streaming JSON writer: values are appended to a wz_strbuf as they are produced, with no
 * tree in between. The server's list pages write fifty objects a request; building them as
 * jansson trees and dumping them cost two thirds of the server's CPU in mallocs and frees
 * (bench/README.md). Parsing stays with jansson; this writes only.
 *
 * Commas and colons are placed by the writer: call wz_jw_key before each member's value, and
 * the value functions in order. Output is compact, as jansson's JSON_COMPACT. Text that is not
 * valid UTF-8 is written with U+FFFD in place of each bad sequence, so the output is always
 * valid JSON. The writer owns nothing: the strbuf belongs to the caller, whose `failed` flag
 * tells whether an append ran out of memory.
 */
#ifndef WZ_JSONW_H
#define WZ_JSONW_H

#include <stdbool.h>
#include <stdint.h>

#include "core/strbuf.h"

struct wz_jw {
    struct wz_strbuf *out;
    bool comma; /* the next value or key needs a ',' before it */
};

void wz_jw_init(struct wz_jw *w, struct wz_strbuf *out);
void wz_jw_object_begin(struct wz_jw *w);
void wz_jw_object_end(struct wz_jw *w);
void wz_jw_array_begin(struct wz_jw *w);
void wz_jw_array_end(struct wz_jw *w);
void wz_jw_key(struct wz_jw *w, const char *key);
/* A string, or null when s is NULL. */
void wz_jw_string(struct wz_jw *w, const char *s);
void wz_jw_int(struct wz_jw *w, int64_t v);
void wz_jw_bool(struct wz_jw *w, bool v);
void wz_jw_null(struct wz_jw *w);
/* A value that is already JSON text (e.g. jansson's dump of a stored document), as it is. */
void wz_jw_raw(struct wz_jw *w, const char *json);

/* A member whose name is a string literal of ours (plain ASCII, nothing to escape): the name
 * is pasted as `"name":` at compile time, so a page's thousands of names cost a copy each,
 * not a scan. A name that is not a literal does not compile; use wz_jw_key for those. */
#define wz_jw_kstring(w, name, s)                                                                  \
    (wz_jw_name((w), "\"" name "\":", sizeof(name) + 2), wz_jw_string((w), (s)))
#define wz_jw_kint(w, name, v)                                                                     \
    (wz_jw_name((w), "\"" name "\":", sizeof(name) + 2), wz_jw_int((w), (v)))
#define wz_jw_kbool(w, name, v)                                                                    \
    (wz_jw_name((w), "\"" name "\":", sizeof(name) + 2), wz_jw_bool((w), (v)))
void wz_jw_name(struct wz_jw *w, const char *quoted_name_colon, size_t n);

#endif
