/*
 * "Did you mean": how far a mistyped word is from a known one, for the suggestions that
 * unknown settings, environments and option values get.
 */
#ifndef WZ_SPELL_H
#define WZ_SPELL_H

#include <stdbool.h>
#include <stddef.h>

/* Levenshtein distance, ignoring ASCII case; words over 63 bytes count as far apart (99). */
size_t wz_spell_distance(const char *a, const char *b);

/* True when a and b are at most max edits apart. Each edit changes the length by at most one,
 * so most pairs are told apart by their lengths without computing a distance. */
bool wz_spell_within(const char *a, const char *b, size_t max);

/* The candidate nearest to word within max_distance edits, or NULL. A prefix of at least
 * three letters ("min" for "minimal") counts as near too. */
const char *wz_spell_nearest(const char *word, const char *const *candidates, size_t n,
                             size_t max_distance);

#endif
