/*
 * What the API handlers share: reading a JSON body and its fields into a list of field
 * errors (one 422 names every invalid field), keyset pagination, and the handlers of the
 * route table (src/api/routes.c). Handlers read the caller from req->who, filled by the
 * route's access check, and run every write in one transaction.
 */
#ifndef WZ_API_H
#define WZ_API_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"
#include "http/http.h"

/* The request's JSON object body, or NULL with the problem written (415 when it is not
 * application/json, 400 when it is not a JSON object). The caller decrefs it. */
json_t *wz_api_body(struct wz_req *req, struct wz_resp *resp);

/* Field readers: the value, or NULL/default with an entry in fe when present but invalid, or
 * absent while required. Strings are trimmed of nothing, must be valid UTF-8 (jansson
 * guarantees it) and at most maxlen bytes. */
const char *wz_api_str(json_t *obj, const char *name, bool required, size_t maxlen,
                       struct wz_field_errors *fe);
bool wz_api_int(json_t *obj, const char *name, bool required, int64_t min, int64_t max,
                int64_t *out, struct wz_field_errors *fe);
bool wz_api_bool(json_t *obj, const char *name, bool *out, struct wz_field_errors *fe);
/* Fields the schema does not know are refused (a typo must not pass silently). */
void wz_api_only(json_t *obj, const char *const *known, struct wz_field_errors *fe);

/* Keyset pagination: ?limit=1..100 (default 50) and ?cursor=<opaque, from next_cursor>.
 * Rows are ordered by id; the cursor is the last id seen. False with a 400 written when the
 * parameters are invalid. */
struct wz_page {
    int limit;
    int64_t after;
};
bool wz_api_page(struct wz_req *req, struct wz_resp *resp, struct wz_page *page);
/* {"items": items, "next_cursor": "<last id>" | null}: next_cursor is set when the page is
 * full (fetch limit + 1 rows to know; pass has_more). Steals items. */
int wz_api_list(struct wz_resp *resp, json_t *items, bool has_more, int64_t last_id);
/* The same page written as its rows are read (core/jsonw.h): begin writes {"items":[ and
 * points w at the body; the caller writes each item with w; end closes the array and writes
 * next_cursor. Returns the status (a 500 when the body ran out of memory). */
void wz_api_list_begin(struct wz_resp *resp, struct wz_jw *w);
int wz_api_list_end(struct wz_resp *resp, struct wz_jw *w, bool has_more, int64_t last_id);

/* The answer for an engine function's result: WZ_ENOENT 404, WZ_ECONFLICT 409 (naming the
 * field in conflict when fe has it), WZ_EUSAGE 422 with one entry per field (400 without
 * fields), anything else a 500. fe may be NULL; its duplicate fields are dropped. */
int wz_api_answer(struct wz_req *req, struct wz_resp *resp, int rc, struct wz_field_errors *fe,
                  const struct wz_err *err);

/* A server-side failure: logged with the request id, answered as a 500 without detail. */
int wz_api_fail(struct wz_req *req, struct wz_resp *resp, const char *msg);

/* Columns as JSON values. */
json_t *wz_api_col_str(struct wz_stmt *st, int col);  /* null for NULL */
json_t *wz_api_col_bool(struct wz_stmt *st, int col); /* 1/t -> true */

/* ---- handlers (one per route) */
int wz_h_healthz(struct wz_req *req, struct wz_resp *resp);
int wz_h_readyz(struct wz_req *req, struct wz_resp *resp);
int wz_h_openapi(struct wz_req *req, struct wz_resp *resp);
int wz_h_asset(struct wz_req *req, struct wz_resp *resp);
int wz_h_root(struct wz_req *req, struct wz_resp *resp);
int wz_h_login(struct wz_req *req, struct wz_resp *resp);
int wz_h_me(struct wz_req *req, struct wz_resp *resp);

#endif
