/*
 * Lookup in the generated table of embedded files. The generator sorts the table in byte
 * order, which is strcmp's, so a binary search finds a path in log2(n) compares.
 */
#include "http/assets.h"

#include <string.h>

const struct wz_asset *wz_asset_find(const char *path)
{
    if (path == NULL)
        return NULL;
    size_t lo = 0, hi = wz_asset_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int cmp = strcmp(path, wz_asset_table[mid].path);
        if (cmp == 0)
            return &wz_asset_table[mid];
        if (cmp < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

const struct wz_asset *wz_assets(size_t *n)
{
    if (n != NULL)
        *n = wz_asset_count;
    return wz_asset_table;
}
