/*
 * Revision files: parsing (header, sections, statement splitting), checksums and writing new
 * files. The format is docs/migrations.md; every rule there is enforced here with a message
 * that names the file and the line, because a revision file is edited by hand and the author
 * must be able to fix it from the message alone.
 */
#include "migrate/revision.h"

#include "core/fileio.h"
#include "core/strbuf.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define MARK_LINE "-- wizamart revision"

/* ---------------------------------------------------------------- checksums */

static void hex_encode(const unsigned char *bytes, size_t n, char *out)
{
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = digits[bytes[i] >> 4];
        out[2 * i + 1] = digits[bytes[i] & 0x0f];
    }
    out[2 * n] = '\0';
}

void wz_checksum_bytes(const char *text, size_t len, char out[WZ_CHECKSUM_HEX_LEN + 1])
{
    unsigned char hash[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(hash, (const unsigned char *)text, len);
    hex_encode(hash, sizeof(hash), out);
}

/* Removes a leading BOM and turns CRLF into LF. Returns a new NUL-terminated buffer (caller
 * frees) and its length in *outlen, or NULL on out of memory. */
static char *normalise(const char *text, size_t len, size_t *outlen)
{
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        text += 3;
        len -= 3;
    }
    char *buf = malloc(len + 1);
    if (buf == NULL)
        return NULL;
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
        if (text[i] == '\r' && i + 1 < len && text[i + 1] == '\n')
            continue;
        buf[o++] = text[i];
    }
    buf[o] = '\0';
    *outlen = o;
    return buf;
}

void wz_checksum_content(const char *text, size_t len, char out[WZ_CHECKSUM_HEX_LEN + 1])
{
    crypto_hash_sha256_state st;
    unsigned char hash[crypto_hash_sha256_BYTES];
    /* Streamed so that checksumming never needs memory: the normalised text is fed in runs
     * between the CRs that are dropped. */
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        text += 3;
        len -= 3;
    }
    crypto_hash_sha256_init(&st);
    size_t run = 0;
    for (size_t i = 0; i < len; i++) {
        if (text[i] == '\r' && i + 1 < len && text[i + 1] == '\n') {
            crypto_hash_sha256_update(&st, (const unsigned char *)text + run, i - run);
            run = i + 1;
        }
    }
    crypto_hash_sha256_update(&st, (const unsigned char *)text + run, len - run);
    crypto_hash_sha256_final(&st, hash);
    hex_encode(hash, sizeof(hash), out);
}

/* ---------------------------------------------------------------- small helpers */

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static bool is_ident(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           (unsigned char)c >= 0x80;
}

bool wz_revision_id_valid(const char *text)
{
    size_t n = strlen(text);
    if (n == 0 || n > WZ_REVISION_ID_MAX)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = text[i];
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || c == '_'))
            return false;
    }
    return true;
}

static char *dup_range(const char *s, size_t n)
{
    char *r = malloc(n + 1);
    if (r == NULL)
        return NULL;
    memcpy(r, s, n);
    r[n] = '\0';
    return r;
}

/* Trims spaces and tabs on both sides of [*s, *s + *n). */
static void trim_range(const char **s, size_t *n)
{
    while (*n > 0 && is_space(**s)) {
        (*s)++;
        (*n)--;
    }
    while (*n > 0 && is_space((*s)[*n - 1]))
        (*n)--;
}

static size_t line_end(const char *text, size_t len, size_t pos)
{
    const char *nl = memchr(text + pos, '\n', len - pos);
    return nl != NULL ? (size_t)(nl - text) : len;
}

static int count_lines(const char *text, size_t from, size_t to)
{
    int n = 0;
    for (size_t i = from; i < to; i++)
        if (text[i] == '\n')
            n++;
    return n;
}

/* ---------------------------------------------------------------- body lexer */

struct parser {
    const char *path; /* NULL when splitting loose SQL */
    const char *text;
    size_t len;
    bool markers; /* a file body: recognise "-- +" markers */
    struct wz_section *sections;
    size_t nsections, capsections;
    struct wz_err *err;
};

static int perr(struct parser *p, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int perr(struct parser *p, int line, const char *fmt, ...)
{
    char what[768];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof(what), fmt, ap);
    va_end(ap);
    if (p->path != NULL)
        return wz_err_set(p->err, WZ_EFAIL, "invalid revision file '%s': line %d: %s", p->path,
                          line, what);
    return wz_err_set(p->err, WZ_EFAIL, "line %d: %s", line, what);
}

static int add_section(struct parser *p, bool upgrade, int dialect, int line)
{
    if (p->nsections == p->capsections) {
        size_t cap = p->capsections ? p->capsections * 2 : 4;
        struct wz_section *grown = realloc(p->sections, cap * sizeof(*grown));
        if (grown == NULL)
            return wz_err_set(p->err, WZ_ENOMEM, "out of memory");
        p->sections = grown;
        p->capsections = cap;
    }
    struct wz_section *s = &p->sections[p->nsections++];
    memset(s, 0, sizeof(*s));
    s->upgrade = upgrade;
    s->dialect = dialect;
    s->line = line;
    return 0;
}

/* Appends [start, end) as a statement of the last section, without trailing spaces and one
 * closing ';'. Empty text is skipped. */
static int add_statement(struct parser *p, size_t start, size_t end, int line)
{
    const char *s = p->text + start;
    size_t n = end - start;
    while (n > 0 && is_space(*s)) {
        if (*s == '\n')
            line++;
        s++;
        n--;
    }
    while (n > 0 && is_space(s[n - 1]))
        n--;
    if (n > 0 && s[n - 1] == ';') {
        n--;
        while (n > 0 && is_space(s[n - 1]))
            n--;
    }
    if (n == 0)
        return 0;
    struct wz_section *sec = &p->sections[p->nsections - 1];
    if (sec->nstmts % 8 == 0) {
        struct wz_statement *grown = realloc(sec->stmts, (sec->nstmts + 8) * sizeof(*grown));
        if (grown == NULL)
            return wz_err_set(p->err, WZ_ENOMEM, "out of memory");
        sec->stmts = grown;
    }
    char *sql = dup_range(s, n);
    if (sql == NULL)
        return wz_err_set(p->err, WZ_ENOMEM, "out of memory");
    sec->stmts[sec->nstmts].sql = sql;
    sec->stmts[sec->nstmts].line = line;
    sec->nstmts++;
    return 0;
}

static const char *const header_keys[] = {"revision", "down_revision", "message", "created",
                                          "transaction"};
#define NHEADER_KEYS (sizeof(header_keys) / sizeof(header_keys[0]))

/* Recognises "-- key: value" in [s, s+n): key of [A-Za-z_][A-Za-z0-9_]* right before ':'. */
static bool header_line(const char *s, size_t n, const char **key, size_t *keylen, const char **val,
                        size_t *vallen)
{
    if (n < 2 || s[0] != '-' || s[1] != '-')
        return false;
    size_t i = 2;
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    size_t k = i;
    if (i >= n || !((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') || s[i] == '_'))
        return false;
    while (i < n && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
                     (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
        i++;
    if (i >= n || s[i] != ':')
        return false;
    *key = s + k;
    *keylen = i - k;
    *val = s + i + 1;
    *vallen = n - i - 1;
    trim_range(val, vallen);
    return true;
}

static int known_key(const char *key, size_t keylen)
{
    for (size_t i = 0; i < NHEADER_KEYS; i++)
        if (strlen(header_keys[i]) == keylen && memcmp(header_keys[i], key, keylen) == 0)
            return (int)i;
    return -1;
}

/* Handles a line starting with "--" at a line start in the body: a section or block marker,
 * or a plain comment. *handled is set for markers. */
struct lexstate {
    size_t stmt_start; /* SIZE_MAX: no statement open */
    int stmt_line;
    bool in_block;
    size_t block_start;
    int block_line;
};

static int marker(struct parser *p, struct lexstate *ls, const char *s, size_t n, size_t linepos,
                  size_t nextpos, int line, bool *handled)
{
    *handled = false;
    size_t i = 2;
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    if (i >= n || s[i] != '+') {
        const char *key, *val;
        size_t keylen, vallen;
        /* A header key after the header would be silently ignored: say so instead. */
        if (p->nsections == 0 && header_line(s, n, &key, &keylen, &val, &vallen) &&
            known_key(key, keylen) >= 0)
            return perr(p, line,
                        "header key '%.*s' is outside the header: header lines must follow "
                        "the first line with no blank line or other comment between them",
                        (int)keylen, key);
        return 0;
    }
    *handled = true;
    const char *w = s + i + 1;
    size_t wn = n - i - 1;
    trim_range(&w, &wn);
    size_t word_len = 0;
    while (word_len < wn && w[word_len] != ' ' && w[word_len] != '\t')
        word_len++;
    const char *arg = w + word_len;
    size_t argn = wn - word_len;
    trim_range(&arg, &argn);

    bool up = word_len == 7 && memcmp(w, "upgrade", 7) == 0;
    bool down = word_len == 9 && memcmp(w, "downgrade", 9) == 0;
    bool begin = word_len == 15 && memcmp(w, "statement-begin", 15) == 0;
    bool end = word_len == 13 && memcmp(w, "statement-end", 13) == 0;
    if (up || down) {
        int dialect = 0;
        if (argn == 6 && memcmp(arg, "sqlite", 6) == 0)
            dialect = WZ_DIALECT_SQLITE;
        else if (argn == 10 && memcmp(arg, "postgresql", 10) == 0)
            dialect = WZ_DIALECT_POSTGRES;
        else if (argn != 0)
            return perr(p, line, "unknown dialect '%.*s' in '%.*s': use sqlite or postgresql",
                        (int)argn, arg, (int)n, s);
        if (ls->in_block)
            return perr(p, line,
                        "section marker inside the statement block opened at line %d: close "
                        "it with '-- +statement-end' first",
                        ls->block_line);
        if (ls->stmt_start != SIZE_MAX && p->nsections > 0) {
            int rc = add_statement(p, ls->stmt_start, linepos, ls->stmt_line);
            if (rc < 0)
                return rc;
        }
        ls->stmt_start = SIZE_MAX;
        return add_section(p, up, dialect, line);
    }
    if (begin || end) {
        if (argn != 0)
            return perr(p, line, "unexpected text after '-- +%.*s'", (int)word_len, w);
        if (p->nsections == 0)
            return perr(p, line,
                        "statement block outside a section: put it under '-- +upgrade' or "
                        "'-- +downgrade'");
        if (begin) {
            if (ls->in_block)
                return perr(p, line, "'-- +statement-begin' inside the block opened at line %d",
                            ls->block_line);
            if (ls->stmt_start != SIZE_MAX) {
                int rc = add_statement(p, ls->stmt_start, linepos, ls->stmt_line);
                if (rc < 0)
                    return rc;
                ls->stmt_start = SIZE_MAX;
            }
            ls->in_block = true;
            ls->block_start = nextpos;
            ls->block_line = line;
            return 0;
        }
        if (!ls->in_block)
            return perr(p, line, "'-- +statement-end' without a '-- +statement-begin' before it");
        size_t before = p->sections[p->nsections - 1].nstmts;
        int rc = add_statement(p, ls->block_start, linepos, ls->block_line + 1);
        if (rc < 0)
            return rc;
        if (p->sections[p->nsections - 1].nstmts == before)
            return perr(p, ls->block_line, "empty statement block");
        ls->in_block = false;
        return 0;
    }
    return perr(p, line,
                "unknown marker '%.*s': use '-- +upgrade', '-- +downgrade' (optionally followed "
                "by sqlite or postgresql), '-- +statement-begin' or '-- +statement-end'",
                (int)n, s);
}

/* Lexes text[start, len) beginning at line first_line. */
static int lex(struct parser *p, size_t start, int first_line)
{
    const char *t = p->text;
    size_t len = p->len;
    size_t pos = start;
    int line = first_line;
    struct lexstate ls = {.stmt_start = SIZE_MAX};

    while (pos < len) {
        if (p->markers && (pos == start || t[pos - 1] == '\n')) {
            size_t q = pos;
            while (q < len && (t[q] == ' ' || t[q] == '\t'))
                q++;
            if (q + 1 < len && t[q] == '-' && t[q + 1] == '-') {
                size_t eol = line_end(t, len, q);
                bool handled;
                int rc =
                    marker(p, &ls, t + q, eol - q, pos, eol < len ? eol + 1 : len, line, &handled);
                if (rc < 0)
                    return rc;
                if (handled) {
                    pos = eol;
                    continue;
                }
            }
        }
        char c = t[pos];
        if (c == '\n') {
            line++;
            pos++;
            continue;
        }
        if (is_space(c)) {
            pos++;
            continue;
        }
        if (c == '-' && pos + 1 < len && t[pos + 1] == '-') {
            pos = line_end(t, len, pos);
            continue;
        }
        if (c == '/' && pos + 1 < len && t[pos + 1] == '*') {
            /* PostgreSQL nests block comments; counting nesting means an unbalanced comment
             * in SQLite is an error here rather than silently swallowed statements. */
            int depth = 1, start_line = line;
            size_t q = pos + 2;
            while (q < len && depth > 0) {
                if (t[q] == '/' && q + 1 < len && t[q + 1] == '*') {
                    depth++;
                    q += 2;
                } else if (t[q] == '*' && q + 1 < len && t[q + 1] == '/') {
                    depth--;
                    q += 2;
                } else {
                    q++;
                }
            }
            if (depth > 0)
                return perr(p, start_line, "unterminated block comment '/*'");
            line += count_lines(t, pos, q);
            pos = q;
            continue;
        }
        if (ls.stmt_start == SIZE_MAX && !ls.in_block) {
            if (p->nsections == 0)
                return perr(p, line,
                            "SQL before the first section: put statements under '-- +upgrade' "
                            "or '-- +downgrade'");
            ls.stmt_start = pos;
            ls.stmt_line = line;
        }
        if (c == ';') {
            if (!ls.in_block) {
                int rc = add_statement(p, ls.stmt_start, pos, ls.stmt_line);
                if (rc < 0)
                    return rc;
                ls.stmt_start = SIZE_MAX;
            }
            pos++;
            continue;
        }
        if (c == '\'' || c == '"' || c == '`') {
            bool backslash = c == '\'' && pos > 0 && (t[pos - 1] == 'E' || t[pos - 1] == 'e') &&
                             (pos < 2 || !is_ident(t[pos - 2]));
            size_t q = pos + 1;
            bool closed = false;
            while (q < len) {
                if (backslash && t[q] == '\\' && q + 1 < len) {
                    q += 2;
                    continue;
                }
                if (t[q] == c) {
                    if (q + 1 < len && t[q + 1] == c) {
                        q += 2;
                        continue;
                    }
                    closed = true;
                    q++;
                    break;
                }
                q++;
            }
            if (!closed)
                return perr(p, line, "unterminated quoted text starting with %c", c);
            line += count_lines(t, pos, q);
            pos = q;
            continue;
        }
        if (c == '$' && (pos == 0 || !(is_ident(t[pos - 1]) || t[pos - 1] == '$'))) {
            size_t q = pos + 1;
            if (q < len && !(t[q] >= '0' && t[q] <= '9')) {
                while (q < len && is_ident(t[q]))
                    q++;
            }
            if (q < len && t[q] == '$') {
                size_t taglen = q - pos + 1;
                const char *tag = t + pos;
                size_t r = q + 1;
                size_t close = SIZE_MAX;
                while (r + taglen <= len) {
                    const char *d = memchr(t + r, '$', len - r);
                    if (d == NULL)
                        break;
                    r = (size_t)(d - t);
                    if (r + taglen <= len && memcmp(t + r, tag, taglen) == 0) {
                        close = r;
                        break;
                    }
                    r++;
                }
                if (close == SIZE_MAX)
                    return perr(p, line, "unterminated dollar quote %.*s", (int)taglen, tag);
                line += count_lines(t, pos, close + taglen);
                pos = close + taglen;
                continue;
            }
        }
        pos++;
    }
    if (ls.in_block)
        return perr(p, ls.block_line, "'-- +statement-begin' has no matching '-- +statement-end'");
    if (ls.stmt_start != SIZE_MAX)
        return add_statement(p, ls.stmt_start, len, ls.stmt_line);
    return 0;
}

static void free_sections(struct wz_section *s, size_t n)
{
    if (s == NULL)
        return;
    for (size_t i = 0; i < n; i++)
        wz_statements_free(s[i].stmts, s[i].nstmts);
    free(s);
}

void wz_statements_free(struct wz_statement *stmts, size_t n)
{
    if (stmts == NULL)
        return;
    for (size_t i = 0; i < n; i++)
        free(stmts[i].sql);
    free(stmts);
}

int wz_sql_split(const char *sql, int first_line, struct wz_statement **out, size_t *n,
                 struct wz_err *err)
{
    *out = NULL;
    *n = 0;
    struct parser p = {.text = sql, .len = strlen(sql), .markers = false, .err = err};
    int rc = add_section(&p, true, 0, first_line);
    if (rc < 0)
        return rc;
    rc = lex(&p, 0, first_line);
    if (rc < 0) {
        free_sections(p.sections, p.nsections);
        return rc;
    }
    *out = p.sections[0].stmts;
    *n = p.sections[0].nstmts;
    free(p.sections);
    return 0;
}

/* ---------------------------------------------------------------- header */

static bool created_valid(const char *v)
{
    /* YYYY-MM-DDTHH:MM:SS, optional fraction, then Z or +00:00: the writer's form and
     * what other tools print for UTC. */
    static const char shape[] = "dddd-dd-ddTdd:dd:dd";
    size_t n = strlen(v);
    if (n < sizeof(shape) - 1)
        return false;
    for (size_t i = 0; i < sizeof(shape) - 1; i++) {
        if (shape[i] == 'd' ? !(v[i] >= '0' && v[i] <= '9') : v[i] != shape[i])
            return false;
    }
    const char *rest = v + sizeof(shape) - 1;
    if (*rest == '.') {
        rest++;
        if (!(*rest >= '0' && *rest <= '9'))
            return false;
        while (*rest >= '0' && *rest <= '9')
            rest++;
    }
    return strcmp(rest, "Z") == 0 || strcmp(rest, "+00:00") == 0;
}

static int parse_parents(struct parser *p, struct wz_revision *rev, const char *val, size_t vallen,
                         int line)
{
    if (vallen == 4 && memcmp(val, "none", 4) == 0)
        return 0;
    if (vallen == 0)
        return perr(p, line, "empty down_revision: write 'none' for a first revision");
    size_t count = 1;
    for (size_t i = 0; i < vallen; i++)
        if (val[i] == ',')
            count++;
    rev->parents = calloc(count, sizeof(*rev->parents));
    if (rev->parents == NULL)
        return wz_err_set(p->err, WZ_ENOMEM, "out of memory");
    const char *s = val;
    size_t left = vallen;
    while (true) {
        const char *comma = memchr(s, ',', left);
        size_t partlen = comma != NULL ? (size_t)(comma - s) : left;
        const char *part = s;
        trim_range(&part, &partlen);
        char *id = dup_range(part, partlen);
        if (id == NULL)
            return wz_err_set(p->err, WZ_ENOMEM, "out of memory");
        rev->parents[rev->nparents++] = id;
        if (!wz_revision_id_valid(id))
            return perr(p, line,
                        "invalid down_revision '%s': use 'none' or revision ids (1 to 32 "
                        "characters of [0-9a-z_]) separated by commas",
                        id);
        for (size_t k = 0; k + 1 < rev->nparents; k++)
            if (strcmp(rev->parents[k], id) == 0)
                return perr(p, line, "down_revision lists '%s' twice", id);
        if (comma == NULL)
            break;
        left = vallen - (size_t)(comma + 1 - val);
        s = comma + 1;
    }
    return 0;
}

/* Parses the header lines starting at *pos (line 2). Leaves *pos and *line after it. */
static int parse_header(struct parser *p, struct wz_revision *rev, size_t *pos, int *line)
{
    const char *t = p->text;
    int seen_line[NHEADER_KEYS] = {0};
    while (*pos < p->len) {
        size_t eol = line_end(t, p->len, *pos);
        const char *key, *val;
        size_t keylen, vallen;
        if (!header_line(t + *pos, eol - *pos, &key, &keylen, &val, &vallen))
            break;
        int k = known_key(key, keylen);
        if (k < 0)
            return perr(p, *line,
                        "unknown header key '%.*s': the keys are revision, down_revision, "
                        "message, created and transaction",
                        (int)keylen, key);
        if (seen_line[k] != 0)
            return perr(p, *line, "header key '%s' given twice (first at line %d)", header_keys[k],
                        seen_line[k]);
        seen_line[k] = *line;
        int rc = 0;
        switch (k) {
        case 0:
            rev->id = dup_range(val, vallen);
            if (rev->id == NULL)
                return wz_err_set(p->err, WZ_ENOMEM, "out of memory");
            if (!wz_revision_id_valid(rev->id))
                return perr(p, *line,
                            "invalid revision id '%s': use 1 to 32 characters of [0-9a-z_]",
                            rev->id);
            break;
        case 1:
            rc = parse_parents(p, rev, val, vallen, *line);
            break;
        case 2:
            if (vallen == 0)
                return perr(p, *line, "empty message: say what the revision does");
            rev->message = dup_range(val, vallen);
            if (rev->message == NULL)
                return wz_err_set(p->err, WZ_ENOMEM, "out of memory");
            break;
        case 3:
            rev->created = dup_range(val, vallen);
            if (rev->created == NULL)
                return wz_err_set(p->err, WZ_ENOMEM, "out of memory");
            if (!created_valid(rev->created))
                return perr(p, *line,
                            "invalid created time '%s': use UTC ISO 8601, e.g. "
                            "2026-11-26T17:40:00Z",
                            rev->created);
            break;
        default:
            if (vallen == 4 && memcmp(val, "true", 4) == 0)
                rev->transactional = true;
            else if (vallen == 5 && memcmp(val, "false", 5) == 0)
                rev->transactional = false;
            else
                return perr(p, *line, "invalid transaction value '%.*s': use true or false",
                            (int)vallen, val);
            break;
        }
        if (rc < 0)
            return rc;
        *pos = eol < p->len ? eol + 1 : p->len;
        (*line)++;
    }
    for (size_t k = 0; k < 3; k++)
        if (seen_line[k] == 0)
            return perr(p, *line,
                        "missing header key '%s': the header (lines starting at 2) needs "
                        "revision, down_revision and message",
                        header_keys[k]);
    for (size_t i = 0; i < rev->nparents; i++)
        if (strcmp(rev->parents[i], rev->id) == 0)
            return perr(p, seen_line[1], "revision '%s' lists itself as its down_revision",
                        rev->id);
    return 0;
}

int wz_revision_parse(const char *path, const char *text, size_t len, struct wz_revision **out,
                      struct wz_err *err)
{
    *out = NULL;
    size_t n = 0;
    int rc = 0;
    char *buf = normalise(text, len, &n);
    struct wz_revision *rev = calloc(1, sizeof(*rev));
    struct parser p = {.path = path, .text = buf, .len = n, .markers = true, .err = err};
    if (buf == NULL || rev == NULL) {
        rc = wz_err_set(err, WZ_ENOMEM, "out of memory");
        goto cleanup;
    }
    rev->transactional = true;
    wz_checksum_bytes(buf, n, rev->checksum);
    rev->path = strdup(path);
    const char *slash = strrchr(path, '/');
    rev->filename = strdup(slash != NULL ? slash + 1 : path);
    if (rev->path == NULL || rev->filename == NULL) {
        rc = wz_err_set(err, WZ_ENOMEM, "out of memory");
        goto cleanup;
    }
    if (memchr(buf, '\0', n) != NULL) {
        rc = perr(&p, 1, "the file contains a NUL byte: a revision is a text file");
        goto cleanup;
    }
    size_t eol = line_end(buf, n, 0);
    const char *first = buf;
    size_t firstlen = eol;
    while (firstlen > 0 && is_space(first[firstlen - 1]))
        firstlen--;
    if (firstlen != strlen(MARK_LINE) || memcmp(first, MARK_LINE, firstlen) != 0) {
        rc = perr(&p, 1, "the first line must be '%s' (not a revision file?)", MARK_LINE);
        goto cleanup;
    }
    size_t pos = eol < n ? eol + 1 : n;
    int line = 2;
    rc = parse_header(&p, rev, &pos, &line);
    if (rc < 0)
        goto cleanup;
    rc = lex(&p, pos, line);
    if (rc < 0)
        goto cleanup;
    rev->sections = p.sections;
    rev->nsections = p.nsections;
    p.sections = NULL;
    *out = rev;
    rev = NULL;
cleanup:
    free_sections(p.sections, p.nsections);
    wz_revision_free(rev);
    free(buf);
    return rc;
}

int wz_revision_load(const char *path, struct wz_revision **out, struct wz_err *err)
{
    *out = NULL;
    char *data = NULL;
    size_t len = 0;
    int rc = wz_file_read(path, 0, &data, &len, err);
    if (rc != WZ_OK)
        return rc;
    rc = wz_revision_parse(path, data, len, out, err);
    free(data);
    return rc;
}

void wz_revision_free(struct wz_revision *rev)
{
    if (rev == NULL)
        return;
    free(rev->path);
    free(rev->filename);
    free(rev->id);
    for (size_t i = 0; i < rev->nparents; i++)
        free(rev->parents[i]);
    free(rev->parents);
    free(rev->message);
    free(rev->created);
    free_sections(rev->sections, rev->nsections);
    free(rev);
}

int wz_revision_statements(const struct wz_revision *rev, bool upgrade, enum wz_dialect dialect,
                           const struct wz_statement ***out, size_t *n)
{
    *out = NULL;
    *n = 0;
    size_t total = 0;
    for (size_t i = 0; i < rev->nsections; i++) {
        const struct wz_section *s = &rev->sections[i];
        if (s->upgrade == upgrade && (s->dialect == 0 || s->dialect == (int)dialect))
            total += s->nstmts;
    }
    if (total == 0)
        return 0;
    const struct wz_statement **v = malloc(total * sizeof(*v));
    if (v == NULL)
        return WZ_ENOMEM;
    size_t k = 0;
    for (size_t i = 0; i < rev->nsections; i++) {
        const struct wz_section *s = &rev->sections[i];
        if (s->upgrade == upgrade && (s->dialect == 0 || s->dialect == (int)dialect))
            for (size_t j = 0; j < s->nstmts; j++)
                v[k++] = &s->stmts[j];
    }
    *out = v;
    *n = total;
    return 0;
}

/* ---------------------------------------------------------------- writing */

static void make_slug(const char *message, char *slug, size_t size)
{
    size_t o = 0;
    bool sep = false;
    for (const char *c = message; *c != '\0' && o + 1 < size; c++) {
        char ch = *c;
        if (ch >= 'A' && ch <= 'Z')
            ch = (char)(ch - 'A' + 'a');
        if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) {
            if (sep && o > 0 && o + 2 < size)
                slug[o++] = '_';
            slug[o++] = ch;
            sep = false;
        } else {
            sep = true;
        }
    }
    slug[o] = '\0';
    if (o == 0)
        snprintf(slug, size, "revision");
}

static void put_section(struct wz_strbuf *sb, const char *marker, const char *sql)
{
    if (sql == NULL)
        return;
    size_t n = strlen(sql);
    wz_strbuf_appendf(sb, "\n%s\n%s", marker, sql);
    if (n == 0 || sql[n - 1] != '\n')
        wz_strbuf_putc(sb, '\n');
}

/* The sections of a new revision: body's SQL, or the template comments when it has none. */
static void put_body(struct wz_strbuf *sb, const struct wz_revision_body *body, int nparents)
{
    bool empty =
        body == NULL || (body->upgrade == NULL && body->downgrade == NULL &&
                         body->upgrade_sqlite == NULL && body->downgrade_sqlite == NULL &&
                         body->upgrade_postgresql == NULL && body->downgrade_postgresql == NULL);
    if (empty && nparents > 1) {
        wz_strbuf_append(
            sb, "\n-- This revision joins several branches. It usually needs no SQL; add\n"
                "-- statements under the markers below only if the branches must be reconciled.\n"
                "\n-- +upgrade\n\n-- +downgrade\n");
    } else if (empty) {
        wz_strbuf_append(
            sb, "\n-- +upgrade\n"
                "-- Statements end with ';'. SQL that differs by database goes under\n"
                "-- '-- +upgrade sqlite' or '-- +upgrade postgresql'; a statement containing ';'\n"
                "-- of its own (a trigger body) goes between '-- +statement-begin' and\n"
                "-- '-- +statement-end'. See docs/migrations.md.\n"
                "\n"
                "\n-- +downgrade\n"
                "-- Undo the upgrade, in reverse order.\n"
                "\n");
    } else {
        put_section(sb, "-- +upgrade", body->upgrade);
        put_section(sb, "-- +upgrade sqlite", body->upgrade_sqlite);
        put_section(sb, "-- +upgrade postgresql", body->upgrade_postgresql);
        put_section(sb, "-- +downgrade", body->downgrade);
        put_section(sb, "-- +downgrade sqlite", body->downgrade_sqlite);
        put_section(sb, "-- +downgrade postgresql", body->downgrade_postgresql);
    }
}

/* The whole text of a new revision: the header, then the body. NULL on out of memory. */
static char *render_revision(const char *id, const char *msg, const char *const *parents,
                             int nparents, const struct wz_revision_body *body)
{
    char created[32];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(created, sizeof(created), "%Y-%m-%dT%H:%M:%SZ", &tm);

    struct wz_strbuf sb = WZ_STRBUF_INIT;
    wz_strbuf_appendf(&sb, "%s\n-- revision: %s\n-- down_revision: ", MARK_LINE, id);
    if (nparents == 0)
        wz_strbuf_append(&sb, "none");
    for (int i = 0; i < nparents; i++)
        wz_strbuf_appendf(&sb, "%s%s", i > 0 ? ", " : "", parents[i]);
    wz_strbuf_appendf(&sb, "\n-- message: %s\n-- created: %s\n", msg, created);
    put_body(&sb, body, nparents);
    return wz_strbuf_detach(&sb);
}

/* Creates path (never over an existing file) holding len bytes of text; on failure nothing
 * is left under that name. */
static int write_new_file(const char *path, const char *text, size_t len, struct wz_err *err)
{
    int rc = 0;
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
    if (fd < 0)
        return wz_err_set(err, WZ_EFAIL, "cannot create '%s': %s", path, strerror(errno));
    size_t done = 0;
    while (done < len) {
        ssize_t w = write(fd, text + done, len - done);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            rc = wz_err_set(err, WZ_EFAIL, "cannot write '%s': %s", path, strerror(errno));
            break;
        }
        done += (size_t)w;
    }
    if (close(fd) != 0 && rc == 0)
        rc = wz_err_set(err, WZ_EFAIL, "cannot write '%s': %s", path, strerror(errno));
    if (rc < 0)
        unlink(path);
    return rc;
}

/* Checks the message (one non-empty line, trimmed into *m, *mlen) and the parents' ids. */
static int check_write_args(const char **m, size_t *mlen, const char *const *parents, int nparents,
                            struct wz_err *err)
{
    trim_range(m, mlen);
    if (*mlen == 0)
        return wz_err_set(err, WZ_EUSAGE, "a message is required: -m \"what the revision does\"");
    if (memchr(*m, '\n', *mlen) != NULL || memchr(*m, '\r', *mlen) != NULL)
        return wz_err_set(err, WZ_EUSAGE, "the message must be one line");
    for (int i = 0; i < nparents; i++)
        if (!wz_revision_id_valid(parents[i]))
            return wz_err_set(err, WZ_EUSAGE, "invalid parent revision id '%s'", parents[i]);
    return 0;
}

int wz_revision_write(const char *dir, const char *message, const char *const *parents,
                      int nparents, const struct wz_revision_body *body, char **path_out,
                      struct wz_err *err)
{
    *path_out = NULL;
    const char *m = message != NULL ? message : "";
    size_t mlen = strlen(m);
    int rc = check_write_args(&m, &mlen, parents, nparents, err);
    if (rc < 0)
        return rc;
    if (sodium_init() < 0)
        return wz_err_set(err, WZ_EFAIL, "cannot initialise libsodium");
    char failed[PATH_MAX];
    rc = wz_mkdir_p(dir, 0755, failed, sizeof(failed));
    if (rc == WZ_EUSAGE || dir[0] == '\0')
        return wz_err_set(err, WZ_EUSAGE, "invalid migrations directory '%s'", dir);
    if (rc != WZ_OK)
        return wz_err_set(err, WZ_EFAIL, "cannot create directory '%s': %s", failed,
                          strerror(errno));

    unsigned char raw[6];
    char id[sizeof(raw) * 2 + 1];
    randombytes_buf(raw, sizeof(raw));
    hex_encode(raw, sizeof(raw), id);
    char slug[48];
    char *msg = dup_range(m, mlen);
    char *text = NULL, *path = NULL;
    struct wz_revision *check = NULL;
    if (msg != NULL) {
        make_slug(msg, slug, sizeof(slug));
        text = render_revision(id, msg, parents, nparents, body);
        size_t dirlen = strlen(dir);
        bool slash = dirlen > 0 && dir[dirlen - 1] == '/';
        if (asprintf(&path, "%s%s%s_%s.sql", dir, slash ? "" : "/", id, slug) < 0)
            path = NULL;
    }
    if (text == NULL || path == NULL) {
        rc = wz_err_set(err, WZ_ENOMEM, "out of memory");
        goto cleanup;
    }
    /* The writer's own output must read back: a body with an unterminated quote is refused
     * here rather than discovered at `migrate up`. */
    size_t textlen = strlen(text);
    rc = wz_revision_parse(path, text, textlen, &check, err);
    if (rc < 0) {
        wz_err_wrap(err, "refusing to write a revision that would not parse");
        goto cleanup;
    }
    rc = write_new_file(path, text, textlen, err);
    if (rc == 0) {
        *path_out = path;
        path = NULL;
    }
cleanup:
    wz_revision_free(check);
    free(path);
    free(text);
    free(msg);
    return rc;
}
