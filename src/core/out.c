/* Output with masking and optional colour: see out.h. */
#include "core/out.h"

#include <jansson.h>

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

static bool colour_stdout;
static bool colour_stderr;
static bool stderr_tty;
static bool stdout_tty;
static char **secrets;
static size_t nsecrets;
static bool out_nomem; /* a line was left out for want of memory */

void wz_out_init(bool no_color)
{
    stderr_tty = isatty(STDERR_FILENO) == 1;
    stdout_tty = isatty(STDOUT_FILENO) == 1;
    colour_stdout = !no_color && isatty(STDOUT_FILENO) == 1;
    colour_stderr = !no_color && stderr_tty;
}

int wz_out_add_secret(const char *secret)
{
    if (secret == NULL || strlen(secret) < 3)
        return WZ_OK;
    for (size_t i = 0; i < nsecrets; i++)
        if (strcmp(secrets[i], secret) == 0)
            return WZ_OK;
    char **grown = realloc(secrets, (nsecrets + 1) * sizeof(*secrets));
    if (grown == NULL)
        return WZ_ENOMEM;
    secrets = grown;
    secrets[nsecrets] = strdup(secret);
    if (secrets[nsecrets] == NULL)
        return WZ_ENOMEM;
    nsecrets++;
    return WZ_OK;
}

void wz_out_release(void)
{
    for (size_t i = 0; i < nsecrets; i++)
        free(secrets[i]);
    free(secrets);
    secrets = NULL;
    nsecrets = 0;
}

/* Writes the masked form of s (len bytes) into res, which has room for len + 1 bytes: "****" is
 * never longer than a secret of 3+ bytes minus one. */
static void mask_into(const char *s, size_t len, char *res)
{
    size_t o = 0;
    size_t masked_to = 0; /* s[..masked_to) has been consumed by earlier masks */
    for (size_t i = 0; i < len;) {
        size_t hit = 0;
        for (size_t k = 0; k < nsecrets; k++) {
            size_t sl = strlen(secrets[k]);
            if (sl > hit && strncmp(s + i, secrets[k], sl) == 0)
                hit = sl;
        }
        if (hit > 0) {
            /* The mask covers the whole word around the secret: masking "short" inside
             * "shorter" as "****er" would spell the secret out to a reader. Letters already
             * copied since the last mask are taken back. */
            size_t back = 0;
            while (back < i - masked_to && isalnum((unsigned char)s[i - back - 1]))
                back++;
            o -= back;
            /* A secret starting inside this match and running past it would show its tail:
             * the masked run extends to the end of every overlapping match. */
            size_t end = i + hit;
            for (size_t j = i + 1; j < end; j++) {
                for (size_t k = 0; k < nsecrets; k++) {
                    size_t sl = strlen(secrets[k]);
                    if (j + sl > end && strncmp(s + j, secrets[k], sl) == 0)
                        end = j + sl;
                }
            }
            while (end < len && isalnum((unsigned char)s[end]))
                end++;
            size_t run = end - i + back;
            size_t stars = run < 4 ? run : 4;
            memset(res + o, '*', stars);
            o += stars;
            i = end;
            masked_to = end;
        } else {
            res[o++] = s[i++];
        }
    }
    res[o] = '\0';
}

char *wz_out_mask(const char *s)
{
    size_t len = strlen(s);
    char *res = malloc(len + 1);
    if (res != NULL)
        mask_into(s, len, res);
    return res;
}

/* Length of the valid UTF-8 sequence at p (2 to 4), or 0. */
static size_t utf8_len(const unsigned char *p)
{
    size_t n = p[0] >= 0xf0 && p[0] <= 0xf4 ? 4 : p[0] >= 0xe0 ? 3 : p[0] >= 0xc2 ? 2 : 0;
    if (p[0] >= 0xf5)
        n = 0;
    for (size_t k = 1; k < n; k++)
        if ((p[k] & 0xc0) != 0x80)
            return 0;
    if ((n == 3 && p[0] == 0xe0 && p[1] < 0xa0) || (n == 3 && p[0] == 0xed && p[1] >= 0xa0) ||
        (n == 4 && p[0] == 0xf0 && p[1] < 0x90) || (n == 4 && p[0] == 0xf4 && p[1] >= 0x90))
        return 0;
    return n;
}

/*
 * Writes text with every control character shown as an escape (\x1b, \u009b), so that a
 * value read from .env or a database can neither drive a terminal (colours, cursor moves, a
 * rewritten title) nor hide text with a CR, on a terminal or in a log file alike. Line breaks
 * and tabs stay. strict (messages): a byte that is not UTF-8 is shown as \xNN too; raw
 * documents (SQL, JSON) keep such bytes, and keep CR, as their files have them.
 */
static void put_escaped(FILE *f, const char *text, bool strict)
{
    const unsigned char *p = (const unsigned char *)text;
    const unsigned char *run = p;
    while (*p != '\0') {
        unsigned c = *p;
        size_t n = c < 0x80 ? 1 : utf8_len(p);
        bool control = c == 0x7f || (c < 0x20 && c != '\n' && c != '\t' && (strict || c != '\r'));
        bool c1 = n == 2 && c == 0xc2 && p[1] < 0xa0;
        if (!control && !c1 && (n > 0 || !strict)) {
            p += n > 0 ? n : 1;
            continue;
        }
        fwrite(run, 1, (size_t)(p - run), f);
        if (c1)
            fprintf(f, "\\u%04x", (unsigned)p[1]);
        else
            fprintf(f, "\\x%02x", c);
        p += c1 ? 2 : 1;
        run = p;
    }
    fwrite(run, 1, (size_t)(p - run), f);
}

static void emit(FILE *f, bool colour, const char *colour_code, const char *prefix, const char *fmt,
                 va_list ap)
{
    /* A line of the usual length is formatted and masked on the stack, so that printing, and
     * above all the error that says memory ran out, needs none. */
    char stackbuf[1024], maskbuf[sizeof(stackbuf)];
    char *text = stackbuf, *masked = maskbuf;
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(stackbuf, sizeof(stackbuf), fmt, ap);
    if (n >= (int)sizeof(stackbuf)) {
        text = malloc((size_t)n + 1);
        masked = text != NULL ? malloc((size_t)n + 1) : NULL;
        if (masked != NULL)
            vsnprintf(text, (size_t)n + 1, fmt, ap2);
    }
    va_end(ap2);
    if (masked == NULL) {
        /* Left out rather than cut short: a cut could fall inside a secret, which would then
         * escape its mask. wz_out_finish reports it. */
        out_nomem = true;
        free(text);
        return;
    }
    mask_into(text, strlen(text), masked);
    const char *body = masked;
    if (colour && colour_code != NULL)
        fprintf(f, "\033[%sm%s\033[0m", colour_code, prefix);
    else
        fputs(prefix, f);
    put_escaped(f, body, true);
    fputc('\n', f);
    /* Each line reaches a file or pipe at once: a command killed mid-way (or watched with
     * tail -f) still shows every step it finished. A terminal is line-buffered already. */
    if (f == stdout && !stdout_tty)
        fflush(f);
    if (masked != maskbuf)
        free(masked);
    if (text != stackbuf)
        free(text);
}

#define DEFINE_OUT(fn, stream, colour_flag, code, prefix)                                          \
    void fn(const char *fmt, ...)                                                                  \
    {                                                                                              \
        va_list ap;                                                                                \
        va_start(ap, fmt);                                                                         \
        emit(stream, colour_flag, code, prefix, fmt, ap);                                          \
        va_end(ap);                                                                                \
    }

DEFINE_OUT(wz_out_line, stdout, colour_stdout, NULL, "")
DEFINE_OUT(wz_out_ok, stdout, colour_stdout, "32", "✓ ")
DEFINE_OUT(wz_out_caution, stdout, colour_stdout, "33", "⚠ ")
DEFINE_OUT(wz_out_fail, stdout, colour_stdout, "31", "✗ ")
DEFINE_OUT(wz_out_heading, stdout, colour_stdout, "1", "")
DEFINE_OUT(wz_out_error, stderr, colour_stderr, "31", "error: ")
DEFINE_OUT(wz_out_warning, stderr, colour_stderr, "33", "warning: ")
DEFINE_OUT(wz_out_note, stderr, colour_stderr, NULL, "")

void wz_out_step(int n, const char *fmt, ...)
{
    char prefix[32];
    snprintf(prefix, sizeof(prefix), "[%d] ", n);
    va_list ap;
    va_start(ap, fmt);
    emit(stdout, colour_stdout, "36", prefix, fmt, ap);
    va_end(ap);
}

void wz_out_raw(const char *text)
{
    char *masked = wz_out_mask(text);
    if (masked == NULL) {
        out_nomem = true; /* wz_out_finish reports it */
        return;
    }
    put_escaped(stdout, masked, false);
    free(masked);
    size_t len = strlen(text);
    if (!stdout_tty && len > 0 && text[len - 1] == '\n')
        fflush(stdout);
}

bool wz_out_stderr_is_tty(void)
{
    return stderr_tty;
}

int wz_out_finish(void)
{
    int rc = 0;
    if (fflush(stdout) != 0 || ferror(stdout))
        rc = -1;
    fflush(stderr);
    return out_nomem ? WZ_ENOMEM : rc;
}

int wz_out_json(struct json_t *root)
{
    char *text = root != NULL ? json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : NULL;
    json_decref(root);
    if (text == NULL) {
        wz_out_error("out of memory");
        return 1;
    }
    wz_out_raw(text);
    wz_out_raw("\n");
    free(text);
    return 0;
}

enum wz_confirm wz_out_confirm(const char *question)
{
    if (!isatty(STDIN_FILENO))
        return WZ_CONFIRM_NO_TTY;
    fprintf(stderr, "%s\nType 'yes' to continue: ", question);
    fflush(stderr);
    char line[32];
    if (fgets(line, sizeof(line), stdin) == NULL)
        return WZ_CONFIRM_NO;
    line[strcspn(line, "\r\n")] = '\0';
    return strcasecmp(line, "yes") == 0 ? WZ_CONFIRM_YES : WZ_CONFIRM_NO;
}
