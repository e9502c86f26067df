/*
 * DATABASE_URL parsing (wz_db_url_parse) and its secret list (wz_db_url_secrets) on arbitrary
 * strings. The property is the one src/db/url.c exists for: no secret that
 * wz_db_url_secrets returns, of 4 bytes or more, shows in the redacted URL or in an error
 * message. And, the other way round: whatever a parsed URL will hand to libpq as a password
 * (the password, a parameter whose decoded name says password) is in that list, since the
 * list is what every output line is masked with.
 *
 * A secret may legitimately appear where the URL shows the same text in a public part (user
 * "admin", password "admin"), so occurrences are counted rather than forbidden: the output may
 * hold a secret only as often as the URL holds it outside the secret spans. Counting
 * occurrences in the URL and subtracting those inside the raw secrets gives that number
 * without re-implementing the parser's idea of where the secrets are. Two kinds of text are
 * excluded, being made by the output and not taken from the URL: '*' (the mask "****" next to
 * its neighbours can spell a secret such as ":***") and the messages' own wording, learned at
 * start-up from one probe per error message, and split from the URL by a quote.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/settings.h"
#include "db/db.h"

#define MIN_SECRET 4

static void die(const char *what, const char *url, const char *secret, const char *shown)
{
    fprintf(stderr, "fuzz_url: %s\n  url:    '%s'\n  secret: '%s'\n  shown:  '%s'\n", what, url,
            secret, shown);
    abort();
}

/* Occurrences of needle in hay, overlapping ones included. */
static size_t occurrences(const char *hay, const char *needle)
{
    size_t n = 0;
    if (needle[0] == '\0')
        return 0;
    for (const char *p = hay; (p = strstr(p, needle)) != NULL; p++)
        n++;
    return n;
}

/* The wording of every message wz_db_url_parse writes, from URLs that fail in each way it can
 * fail; the probe URLs' own text is short and harmless to allow. */
static char *message_text;

static void learn_messages(void)
{
    static const char *const probes[] = {
        "",
        "x://",
        "sqlite://x",
        "sqlite:///",
        "sqlite:///a?b",
        "postgresql://h#",
        "postgresql://h/d#",
        "postgresql://%zz@h",
        "postgresql://u:%zz@h",
        "postgresql://[h",
        "postgresql://[h]x",
        "postgresql://%zz",
        "postgresql://h:x",
        "postgresql://h/%zz",
        "postgresql://h/d?a",
        "postgresql://h/d?a=%zz",
    };
    size_t cap = 1, len = 0;
    for (size_t i = 0; i < sizeof(probes) / sizeof(probes[0]); i++)
        cap += sizeof(((struct wz_err *)0)->msg) + 1;
    message_text = calloc(1, cap);
    if (message_text == NULL)
        abort();
    for (size_t i = 0; i < sizeof(probes) / sizeof(probes[0]); i++) {
        struct wz_db_url u;
        struct wz_err err = {0};
        if (wz_db_url_parse(probes[i], &u, &err) == WZ_OK) {
            fprintf(stderr, "fuzz_url: probe '%s' parsed; update learn_messages\n", probes[i]);
            abort();
        }
        size_t n = strlen(err.msg);
        memcpy(message_text + len, err.msg, n);
        message_text[len + n] = '\n';
        len += n + 1;
    }
}

/* pct_decode's rules (src/db/url.c): "%XX" with two hex digits, anything else fails. */
static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static char *pct_decode(const char *s)
{
    size_t n = strlen(s), o = 0;
    char *res = malloc(n + 1);
    if (res == NULL)
        abort();
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '%') {
            int hi = i + 2 < n ? hexval(s[i + 1]) : -1;
            int lo = i + 2 < n ? hexval(s[i + 2]) : -1;
            /* As url.c: %00 is malformed (it would cut a C string short). */
            if (hi < 0 || lo < 0 || (hi == 0 && lo == 0)) {
                free(res);
                return NULL;
            }
            res[o++] = (char)(hi * 16 + lo);
            i += 2;
        } else {
            res[o++] = s[i];
        }
    }
    res[o] = '\0';
    return res;
}

/* The list is documented as each secret "as written and percent-decoded": an entry as written,
 * followed by its decoded form when it decodes. Marks the as-written ones. */
static void mark_raw(const char *url, char **secrets, bool *raw)
{
    for (size_t i = 0; secrets[i] != NULL;) {
        raw[i] = true;
        char *d = pct_decode(secrets[i]);
        if (d == NULL) {
            i++;
            continue;
        }
        if (secrets[i + 1] == NULL || strcmp(secrets[i + 1], d) != 0)
            die("the secret list is no longer (as written, decoded) pairs; update fuzz_url.c", url,
                secrets[i], secrets[i + 1] ? secrets[i + 1] : "(end)");
        free(d);
        raw[i + 1] = false;
        i += 2;
    }
}

/* How often the URL shows s outside its secrets: all occurrences, less those inside the
 * as-written secret with the most (a lower bound on the ones the secret spans hold). */
static size_t public_occurrences(const char *url, char **secrets, const bool *raw, const char *s)
{
    size_t all = occurrences(url, s), in_secret = 0;
    for (size_t i = 0; secrets[i] != NULL; i++) {
        if (!raw[i])
            continue;
        size_t k = occurrences(secrets[i], s);
        if (k > in_secret)
            in_secret = k;
    }
    return all > in_secret ? all - in_secret : 0;
}

static void check_redaction(const char *url, int rc, const struct wz_db_url *u,
                            const struct wz_err *err)
{
    char **secrets = wz_db_url_secrets(url);
    if (secrets == NULL)
        abort();
    size_t n = 0;
    while (secrets[n] != NULL)
        n++;
    bool *raw = calloc(n + 1, sizeof(*raw));
    if (raw == NULL)
        abort();
    mark_raw(url, secrets, raw);

    const char *shown = rc == WZ_OK ? u->redacted : err->msg;
    for (size_t i = 0; i < n; i++) {
        const char *s = secrets[i];
        if (strlen(s) < MIN_SECRET || strchr(s, '*') != NULL)
            continue;
        size_t allowed = public_occurrences(url, secrets, raw, s);
        if (rc != WZ_OK) {
            /* The message's wording; and the text around a quote is not all from the URL. */
            if (strchr(s, '\'') != NULL)
                continue;
            /* "parameter '<item>' has no value" repeats public query text once more. */
            allowed = 2 * allowed + occurrences(message_text, s);
        }
        if (occurrences(shown, s) > allowed)
            die(rc == WZ_OK ? "a secret shows in the redacted URL"
                            : "a secret shows in the error message",
                url, s, shown);
    }

    /* What libpq will take as a password must be in the list that masks every output line. */
    if (rc == WZ_OK) {
        const char *pw = u->password;
        for (size_t p = 0; p <= u->nparams; p++) {
            if (p > 0) {
                const struct wz_db_param *prm = &u->param_list[p - 1];
                pw = strcasestr(prm->key, "password") != NULL ? prm->value : NULL;
            }
            if (pw == NULL || strlen(pw) < MIN_SECRET)
                continue;
            bool listed = false;
            for (size_t i = 0; i < n && !listed; i++)
                listed = strcmp(secrets[i], pw) == 0;
            if (!listed)
                die("a password the driver receives is not in wz_db_url_secrets", url, pw,
                    u->redacted);
        }
    }
    free(raw);
    wz_strv_free(secrets);
}

static void check_copy(const struct wz_db_url *u)
{
    struct wz_db_url c;
    if (wz_db_url_copy(u, &c) != WZ_OK)
        abort();
    if (c.dialect != u->dialect || c.nparams != u->nparams || strcmp(c.redacted, u->redacted) != 0)
        die("the copy differs", u->redacted, "", c.redacted);
    wz_db_url_release(&c);
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    learn_messages();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* A URL is a C string: the input up to its first NUL, in an exact-size copy. */
    const uint8_t *nul = memchr(data, '\0', size);
    size_t len = nul != NULL ? (size_t)(nul - data) : size;
    char *url = malloc(len + 1);
    if (url == NULL)
        return 0;
    memcpy(url, data, len);
    url[len] = '\0';

    struct wz_db_url u;
    struct wz_err err = {0};
    int rc = wz_db_url_parse(url, &u, &err);
    if (rc == WZ_OK) {
        if (u.redacted == NULL ||
            (u.dialect != WZ_DIALECT_SQLITE && u.dialect != WZ_DIALECT_POSTGRES))
            die("parsed without a redacted form or a dialect", url, "", "");
        check_copy(&u);
    } else {
        static const struct wz_db_url zero;
        if (memcmp(&u, &zero, sizeof(zero)) != 0 || err.code != rc || err.msg[0] == '\0')
            die("a failed parse left data behind or no message", url, "", err.msg);
    }
    check_redaction(url, rc, &u, &err);
    wz_db_url_release(&u);
    free(url);
    return 0;
}
