/* "Did you mean": see spell.h. */
#include "core/spell.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

size_t wz_spell_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 63 || lb > 63)
        return 99;
    size_t prev[64], cur[64];
    for (size_t j = 0; j <= lb; j++)
        prev[j] = j;
    for (size_t i = 1; i <= la; i++) {
        cur[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t cost =
                toupper((unsigned char)a[i - 1]) == toupper((unsigned char)b[j - 1]) ? 0 : 1;
            size_t best = prev[j - 1] + cost;
            if (prev[j] + 1 < best)
                best = prev[j] + 1;
            if (cur[j - 1] + 1 < best)
                best = cur[j - 1] + 1;
            cur[j] = best;
        }
        memcpy(prev, cur, (lb + 1) * sizeof(size_t));
    }
    return prev[lb];
}

static size_t length_gap(size_t la, size_t lb)
{
    return la > lb ? la - lb : lb - la;
}

bool wz_spell_within(const char *a, const char *b, size_t max)
{
    return length_gap(strlen(a), strlen(b)) <= max && wz_spell_distance(a, b) <= max;
}

const char *wz_spell_nearest(const char *word, const char *const *candidates, size_t n,
                             size_t max_distance)
{
    size_t len = strlen(word);
    for (size_t i = 0; i < n; i++)
        if (len >= 3 && strncasecmp(word, candidates[i], len) == 0)
            return candidates[i];
    const char *best = NULL;
    size_t best_d = max_distance + 1;
    for (size_t i = 0; i < n; i++) {
        if (length_gap(len, strlen(candidates[i])) >= best_d)
            continue; /* cannot be nearer than the best so far */
        size_t d = wz_spell_distance(word, candidates[i]);
        if (d < best_d) {
            best_d = d;
            best = candidates[i];
        }
    }
    return best;
}
