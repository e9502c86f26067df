/*
 * Files embedded in the binary at build time: Swagger UI for /docs, the admin panel's
 * templates and stylesheet. web/assets.list names them; scripts/embed_assets.sh turns the list
 * into an assembler file (.incbin) and a table, so the server reads no file at run time and
 * no request leaves the machine. Entries whose path starts with '/' are served at that URL
 * path; the others (tmpl/...) are for the code only.
 */
#ifndef WZ_ASSETS_H
#define WZ_ASSETS_H

#include <stddef.h>

struct wz_asset {
    const char *path;         /* "/docs/swagger-ui.css", or "tmpl/admin/login.html" */
    const char *content_type; /* the Content-Type header value */
    /* len bytes, then a NUL not counted in len: a text file is also a C string. */
    const unsigned char *data;
    size_t len;
    /* The ETag header value, quotes included: a strong validator made of the first 16 hex
     * digits of the file's SHA-256, so it changes exactly when the bytes change. */
    const char *etag;
};

/* The asset at path (exact match), or NULL. */
const struct wz_asset *wz_asset_find(const char *path);

/* Every asset, sorted by path (strcmp order), for tests and listings; *n is their count. */
const struct wz_asset *wz_assets(size_t *n);

/* Written by scripts/embed_assets.sh ($(BUILD)/gen/assets_table.c); use the functions above. */
extern const struct wz_asset wz_asset_table[];
extern const size_t wz_asset_count;

#endif
