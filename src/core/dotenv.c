/*
 * The .env parser (syntax in dotenv.h). One pass over the text, line by line: each definition
 * is cut into key and raw value span, then the span is decoded (escapes, CRLF, ${} expansion)
 * into a growable buffer. Expansion happens during decoding, not afterwards, so that an
 * escaped \$ can never be expanded and an expanded value is never expanded again.
 */
#include "core/dotenv.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/fileio.h"
#include "core/strbuf.h"

/* A .env file holds a few dozen settings; anything this big is the wrong file. */
#define DOTENV_MAX_BYTES (1024 * 1024)

/* How much of a key or expression a message quotes, so one line stays readable. */
#define MSG_SNIPPET 64
/* Bounds on what ${} expansion may produce: each reference is expanded once from values
 * already defined (python-dotenv's and compose's rule), but values can still double line after
 * line, and a 555-byte file would ask for terabytes. No real setting comes near these. */
#define EXPANDED_VALUE_MAX (64 * 1024)
#define EXPANDED_TOTAL_MAX (1024 * 1024)

struct parser {
    const char *p;
    const char *end;
    const char *path;
    int line;
    wz_dotenv_lookup_fn lookup;
    void *ctx;
    struct wz_dotenv *out;
    struct wz_err *err;
    size_t entries_cap;
    const char *key; /* the key being defined: stored with the entry, quoted in messages */
    size_t key_len;
    size_t expanded; /* bytes produced by ${} expansion in the whole file so far */
};

/* Appends to a value being decoded; false when the buffer could not grow (out of memory). */
static bool put(struct wz_strbuf *val, const char *s, size_t n)
{
    wz_strbuf_append_n(val, s, n);
    return !val->failed;
}

static bool put_char(struct wz_strbuf *val, char c)
{
    return put(val, &c, 1);
}

static bool is_blank(char c)
{
    return c == ' ' || c == '\t';
}

static bool is_key_start(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
}

static bool is_key_char(char c)
{
    return is_key_start(c) || (c >= '0' && c <= '9') || c == '.';
}

/* A line ends at LF, at CR LF, or at a lone CR (old Mac files): python-dotenv reads the file
 * with universal newlines, so a CR-only file is several lines there, never one long value. */
static bool at_eol(const char *p, const char *end)
{
    return p >= end || *p == '\n' || *p == '\r';
}

/* Whether p starts a line break inside a multi-line value (LF, or a CR not followed by LF). */
static bool is_break(const char *p, const char *end)
{
    return *p == '\n' || (*p == '\r' && (p + 1 == end || p[1] != '\n'));
}

/* Moves past the line ending at p (if any) and counts the line. */
static void skip_eol(struct parser *ps)
{
    if (ps->p < ps->end && *ps->p == '\r')
        ps->p++;
    if (ps->p < ps->end && *ps->p == '\n')
        ps->p++;
    ps->line++;
}

static void skip_blanks(struct parser *ps)
{
    while (ps->p < ps->end && is_blank(*ps->p))
        ps->p++;
}

static int oom(struct parser *ps)
{
    return wz_err_set(ps->err, WZ_ENOMEM, "out of memory while parsing '%s'", ps->path);
}

static int snippet_len(size_t n)
{
    return n > MSG_SNIPPET ? MSG_SNIPPET : (int)n;
}

/* The value of name from the environment, else from the last earlier definition, else NULL. */
static const char *resolve(const struct parser *ps, const char *name)
{
    if (ps->lookup != NULL) {
        const char *v = ps->lookup(name, ps->ctx);
        if (v != NULL)
            return v;
    }
    for (size_t i = ps->out->count; i > 0; i--) {
        if (strcmp(ps->out->entries[i - 1].key, name) == 0)
            return ps->out->entries[i - 1].value;
    }
    return NULL;
}

static int decode(struct parser *ps, const char *s, const char *e, bool dquote, bool expand,
                  int line, struct wz_strbuf *val);

/*
 * Expands the ${...} starting at *sp (which points at '$') and moves *sp past the '}'.
 * An unset or empty variable takes the default, as ${VAR:-default} means in the shell and in
 * docker compose; the default is decoded like its surroundings but never expanded itself.
 */
static int expand_at(struct parser *ps, const char **sp, const char *e, bool dquote, int line,
                     struct wz_strbuf *val)
{
    const char *open = *sp;
    const char *inner = open + 2;
    const char *close = inner;
    while (close < e && *close != '}' && *close != '\n' && *close != '\r')
        close++;
    if (close >= e || *close != '}')
        return wz_err_set(ps->err, WZ_EUSAGE,
                          "%s:%d: unterminated '${' in the value of '%.*s'; add the closing '}', "
                          "or single-quote the value to keep it literal",
                          ps->path, line, snippet_len(ps->key_len), ps->key);

    const char *name_end = inner;
    if (name_end < close && is_key_start(*name_end)) {
        while (name_end < close && is_key_char(*name_end))
            name_end++;
    }
    const char *dflt = NULL;
    if (close - name_end >= 2 && name_end[0] == ':' && name_end[1] == '-')
        dflt = name_end + 2;
    if (name_end == inner || (name_end != close && dflt == NULL))
        return wz_err_set(ps->err, WZ_EUSAGE,
                          "%s:%d: invalid expansion '${%.*s}' in the value of '%.*s'; write "
                          "${NAME} or ${NAME:-default} (NAME is letters, digits, '_' and '.')",
                          ps->path, line, snippet_len((size_t)(close - inner)), inner,
                          snippet_len(ps->key_len), ps->key);

    char *name = strndup(inner, (size_t)(name_end - inner));
    if (name == NULL)
        return oom(ps);
    const char *v = resolve(ps, name);
    free(name);
    *sp = close + 1;
    if (v != NULL && (*v != '\0' || dflt == NULL)) {
        size_t n = strlen(v);
        ps->expanded += n;
        if (val->len + n > EXPANDED_VALUE_MAX || ps->expanded > EXPANDED_TOTAL_MAX)
            return wz_err_set(ps->err, WZ_EUSAGE,
                              "%s:%d: the value of '%.*s' grows past %d KiB through ${} "
                              "expansion (%d KiB for the whole file); expand fewer or shorter "
                              "values",
                              ps->path, line, snippet_len(ps->key_len), ps->key,
                              EXPANDED_VALUE_MAX / 1024, EXPANDED_TOTAL_MAX / 1024);
        return put(val, v, n) ? 0 : oom(ps);
    }
    if (dflt == NULL)
        return 0;
    return decode(ps, dflt, close, dquote, false, line, val);
}

/*
 * Appends the raw value span [s, e) to val. In double quotes the escapes apply (an unknown
 * escape is kept as written, so Windows paths survive) and CR LF becomes LF. ${} expands when
 * expand is set. line is the line s is on, for messages.
 */
static int decode(struct parser *ps, const char *s, const char *e, bool dquote, bool expand,
                  int line, struct wz_strbuf *val)
{
    const char *q = s;
    while (q < e) {
        char c = *q;
        if (dquote && c == '\\' && q + 1 < e) {
            char out;
            switch (q[1]) {
            case 'n':
                out = '\n';
                break;
            case 'r':
                out = '\r';
                break;
            case 't':
                out = '\t';
                break;
            case '"':
            case '\\':
            case '$':
            case '\'':
                out = q[1];
                break;
            default:
                out = '\0';
                break;
            }
            if (out != '\0') {
                if (!put_char(val, out))
                    return oom(ps);
                q += 2;
                continue;
            }
        }
        if (c == '\r' && q + 1 < e && q[1] == '\n') {
            q++;
            continue;
        }
        if (c == '\r') {
            /* A lone CR is a line break: it reads as LF, like CR LF does. */
            line++;
            if (!put_char(val, '\n'))
                return oom(ps);
            q++;
            continue;
        }
        if (expand && c == '$' && q + 1 < e && q[1] == '{') {
            int rc = expand_at(ps, &q, e, dquote, line, val);
            if (rc != 0)
                return rc;
            continue;
        }
        if (c == '\n')
            line++;
        if (!put_char(val, c))
            return oom(ps);
        q++;
    }
    return 0;
}

/* After a closing quote only blanks and an optional comment may follow on the line. */
static int expect_line_end(struct parser *ps)
{
    skip_blanks(ps);
    if (ps->p < ps->end && *ps->p == '#') {
        while (!at_eol(ps->p, ps->end))
            ps->p++;
    }
    if (!at_eol(ps->p, ps->end))
        return wz_err_set(ps->err, WZ_EUSAGE,
                          "%s:%d: unexpected text after the closing quote of '%.*s'; put the whole "
                          "value inside the quotes, or start a comment with '#'",
                          ps->path, ps->line, snippet_len(ps->key_len), ps->key);
    return 0;
}

/* Literal but for two escapes, \' and \\, as python-dotenv and docker compose read
 * 'Let\'s go!' as Let's go!; nothing else is decoded and ${} is kept as written. */
static int parse_single(struct parser *ps, struct wz_strbuf *val)
{
    const char *s = ps->p + 1;
    const char *q = s;
    while (!at_eol(q, ps->end) && *q != '\'') {
        if (*q == '\\' && q + 1 < ps->end && (q[1] == '\'' || q[1] == '\\'))
            q++;
        q++;
    }
    if (at_eol(q, ps->end))
        return wz_err_set(ps->err, WZ_EUSAGE,
                          "%s:%d: unterminated single quote in the value of '%.*s'; add the "
                          "closing ' on the same line (use double quotes for a value that spans "
                          "lines)",
                          ps->path, ps->line, snippet_len(ps->key_len), ps->key);
    for (const char *c = s; c < q; c++) {
        if (*c == '\\' && c + 1 < q && (c[1] == '\'' || c[1] == '\\'))
            c++;
        if (!put_char(val, *c))
            return oom(ps);
    }
    ps->p = q + 1;
    return expect_line_end(ps);
}

static int parse_double(struct parser *ps, struct wz_strbuf *val)
{
    const char *s = ps->p + 1;
    const char *q = s;
    int lines = 0;
    while (q < ps->end && *q != '"') {
        if (*q == '\\' && q + 1 < ps->end)
            q++;
        if (is_break(q, ps->end))
            lines++;
        q++;
    }
    if (q >= ps->end)
        return wz_err_set(ps->err, WZ_EUSAGE,
                          "%s:%d: unterminated double quote in the value of '%.*s'; add the "
                          "closing \" where the value ends",
                          ps->path, ps->line, snippet_len(ps->key_len), ps->key);
    int rc = decode(ps, s, q, true, true, ps->line, val);
    if (rc != 0)
        return rc;
    ps->line += lines;
    ps->p = q + 1;
    return expect_line_end(ps);
}

/* An unquoted value runs to the end of the line, minus a blank-then-'#' comment, trimmed. */
static int parse_unquoted(struct parser *ps, bool blank_before, struct wz_strbuf *val)
{
    const char *s = ps->p;
    const char *e = s;
    while (!at_eol(e, ps->end)) {
        bool after_blank = e == s ? blank_before : is_blank(e[-1]);
        if (*e == '#' && after_blank)
            break;
        e++;
    }
    const char *line_end = e;
    while (!at_eol(line_end, ps->end))
        line_end++;
    while (e > s && is_blank(e[-1]))
        e--;
    ps->p = line_end;
    return decode(ps, s, e, false, true, ps->line, val);
}

static int add_entry(struct parser *ps, struct wz_strbuf *val, int line)
{
    struct wz_dotenv *out = ps->out;
    if (out->count == ps->entries_cap) {
        size_t cap = ps->entries_cap ? ps->entries_cap * 2 : 16;
        struct wz_dotenv_entry *entries = realloc(out->entries, cap * sizeof(*entries));
        if (entries == NULL)
            return oom(ps);
        out->entries = entries;
        ps->entries_cap = cap;
    }
    char *key = strndup(ps->key, ps->key_len);
    if (key == NULL)
        return oom(ps);
    char *value = wz_strbuf_detach(val); /* "" for an empty value */
    if (value == NULL) {
        free(key);
        return oom(ps);
    }
    out->entries[out->count].key = key;
    out->entries[out->count].value = value;
    out->entries[out->count].line = line;
    out->count++;
    return 0;
}

/* One logical line: blank, comment, or a definition (which may span lines in double quotes). */
static int parse_line(struct parser *ps)
{
    skip_blanks(ps);
    if (at_eol(ps->p, ps->end)) {
        skip_eol(ps);
        return 0;
    }
    if (*ps->p == '#') {
        while (!at_eol(ps->p, ps->end))
            ps->p++;
        skip_eol(ps);
        return 0;
    }
    int line = ps->line;
    if ((size_t)(ps->end - ps->p) > 6 && memcmp(ps->p, "export", 6) == 0 && is_blank(ps->p[6])) {
        ps->p += 6;
        skip_blanks(ps);
    }
    const char *ks = ps->p;
    while (!at_eol(ps->p, ps->end) && *ps->p != '=' && !is_blank(*ps->p))
        ps->p++;
    size_t klen = (size_t)(ps->p - ks);
    ps->key = ks;
    ps->key_len = klen;
    if (klen == 0)
        return wz_err_set(ps->err, WZ_EUSAGE, "%s:%d: missing key before '='; expected KEY=value",
                          ps->path, line);
    bool valid = is_key_start(ks[0]);
    for (size_t i = 1; valid && i < klen; i++)
        valid = is_key_char(ks[i]);
    if (!valid)
        /* The text is not quoted: a line pasted by mistake is often a password. */
        return wz_err_set(ps->err, WZ_EUSAGE,
                          "%s:%d: invalid key; a key uses only letters, digits, '_' and '.', "
                          "and does not start with a digit",
                          ps->path, line);
    skip_blanks(ps);
    if (at_eol(ps->p, ps->end) || *ps->p != '=')
        return wz_err_set(ps->err, WZ_EUSAGE,
                          "%s:%d: missing '=' after the key; expected KEY=value", ps->path, line);
    ps->p++;
    const char *after_eq = ps->p;
    skip_blanks(ps);

    struct wz_strbuf val = WZ_STRBUF_INIT;
    int rc;
    if (ps->p < ps->end && *ps->p == '\'')
        rc = parse_single(ps, &val);
    else if (ps->p < ps->end && *ps->p == '"')
        rc = parse_double(ps, &val);
    else
        rc = parse_unquoted(ps, ps->p > after_eq, &val);
    if (rc == 0)
        rc = add_entry(ps, &val, line);
    wz_strbuf_release(&val);
    if (rc != 0)
        return rc;
    skip_eol(ps);
    return 0;
}

int wz_dotenv_parse(const char *text, size_t len, const char *path, wz_dotenv_lookup_fn lookup,
                    void *ctx, struct wz_dotenv *out, struct wz_err *err)
{
    memset(out, 0, sizeof(*out));
    if (path == NULL)
        path = "<input>";
    if (text == NULL || len == 0) {
        text = "";
        len = 0;
    }
    out->path = strdup(path);
    if (out->path == NULL)
        return wz_err_set(err, WZ_ENOMEM, "out of memory while parsing '%s'", path);

    struct parser ps = {
        .p = text,
        .end = text + len,
        .path = out->path,
        .line = 1,
        .lookup = lookup,
        .ctx = ctx,
        .out = out,
        .err = err,
    };
    int rc = 0;
    const char *nul = memchr(text, '\0', len);
    if (nul != NULL) {
        int line = 1;
        for (const char *q = text; q < nul; q++)
            line += is_break(q, text + len);
        rc = wz_err_set(err, WZ_EUSAGE,
                        "%s:%d: unexpected NUL byte; a .env file is text, check that the path "
                        "points to the right file",
                        path, line);
        goto cleanup;
    }
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        ps.p += 3;
    while (ps.p < ps.end) {
        rc = parse_line(&ps);
        if (rc != 0)
            goto cleanup;
    }

cleanup:
    if (rc != 0)
        wz_dotenv_release(out);
    return rc;
}

int wz_dotenv_load_file(const char *path, wz_dotenv_lookup_fn lookup, void *ctx,
                        struct wz_dotenv *out, struct wz_err *err)
{
    memset(out, 0, sizeof(*out));
    char *buf = NULL;
    size_t len = 0;
    int rc = wz_file_read(path, DOTENV_MAX_BYTES, &buf, &len, err);
    if (rc == WZ_EUSAGE)
        return wz_err_set(err, WZ_EUSAGE,
                          "cannot read '%s': larger than 1 MiB, which no .env file should be; "
                          "check that the path points to the right file",
                          path);
    if (rc != WZ_OK)
        return rc;
    rc = wz_dotenv_parse(buf, len, path, lookup, ctx, out, err);
    free(buf);
    return rc;
}

const struct wz_dotenv_entry *wz_dotenv_get(const struct wz_dotenv *env, const char *key)
{
    if (env == NULL || key == NULL)
        return NULL;
    for (size_t i = env->count; i > 0; i--) {
        if (strcmp(env->entries[i - 1].key, key) == 0)
            return &env->entries[i - 1];
    }
    return NULL;
}

void wz_dotenv_release(struct wz_dotenv *env)
{
    if (env == NULL)
        return;
    for (size_t i = 0; i < env->count; i++) {
        free(env->entries[i].key);
        free(env->entries[i].value);
    }
    free(env->entries);
    free(env->path);
    memset(env, 0, sizeof(*env));
}
