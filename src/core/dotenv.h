/*
 * The .env parser. No Debian library parses the dialect users actually write (python-dotenv
 * and docker compose), so this one is ours: small, strict where a mistake would silently
 * change a value, and exhaustively unit tested (tests/unit/test_dotenv.c).
 *
 * Accepted syntax:
 *   - blank lines and lines starting with '#' (after optional whitespace);
 *   - KEY=value and `export KEY=value`; KEY is [A-Za-z_][A-Za-z0-9_.]*; spaces around '=' ok;
 *   - unquoted values: trimmed; ` #...` (whitespace then '#') starts an inline comment;
 *   - 'single quoted': literal, no escapes, no expansion; may not span lines;
 *   - "double quoted": escapes \n \r \t \" \\ \$ and \' ; may span lines; expansion applies;
 *   - after a closing quote only whitespace and an optional `# comment` may follow;
 *   - ${VAR} and ${VAR:-default} expansion in unquoted and double-quoted values, resolving VAR
 *     in the process environment first (through the lookup callback), then in the keys
 *     defined earlier in the same file, else the default or "" (python-dotenv's order);
 *     a bare $VAR is kept literally, as python-dotenv does;
 *   - CRLF and LF line endings; a UTF-8 BOM at the start.
 * A later definition of the same key wins. A malformed line is an error naming path:line.
 */
#ifndef WZ_DOTENV_H
#define WZ_DOTENV_H

#include <stddef.h>

#include "core/err.h"

struct wz_dotenv_entry {
    char *key;   /* owned by the struct wz_dotenv */
    char *value; /* owned by the struct wz_dotenv; after unquoting and expansion */
    int line;    /* 1-based line where the definition starts */
};

struct wz_dotenv {
    struct wz_dotenv_entry *entries; /* in file order; duplicates kept, wz_dotenv_get picks last */
    size_t count;
    char *path; /* copy of the path given for messages, owned */
};

/* Returns the value of name in the process environment, or NULL. ctx is passed through. */
typedef const char *(*wz_dotenv_lookup_fn)(const char *name, void *ctx);

/* Parses len bytes of text. path is used in messages only ("path:line: ..."). lookup may be
 * NULL (no environment). On success out owns everything (release with wz_dotenv_release);
 * on failure out is zeroed and err says "<path>:<line>: <what is wrong>; <how to fix>" with
 * code WZ_EUSAGE. */
int wz_dotenv_parse(const char *text, size_t len, const char *path, wz_dotenv_lookup_fn lookup,
                    void *ctx, struct wz_dotenv *out, struct wz_err *err);

/* Reads and parses a file. A missing file gives WZ_ENOENT (callers decide if that is fine). */
int wz_dotenv_load_file(const char *path, wz_dotenv_lookup_fn lookup, void *ctx,
                        struct wz_dotenv *out, struct wz_err *err);

/* The last entry for key, or NULL. Valid until wz_dotenv_release. */
const struct wz_dotenv_entry *wz_dotenv_get(const struct wz_dotenv *env, const char *key);

/* Frees everything out owns and zeroes it; NULL and zeroed structs are fine. */
void wz_dotenv_release(struct wz_dotenv *env);

#endif
