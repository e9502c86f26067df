/*
 * The settings loader (src/core/settings.h) on an arbitrary .env file: every setting's type
 * check, bounds and provenance over text a user wrote. The file is a memfd named through
 * /proc/self/fd, so no file system is involved. The process environment is a fixed table
 * holding the two secrets; beyond "no crash, no leak": a load that fails exits with a usage
 * or configuration code and a message that holds neither secret, nor the bytes of any value
 * the file gives a secret setting (ADMIN_PASSWORD, JWT_SECRET_KEY) when 4 bytes or longer.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <unistd.h>

#include "core/out.h"
#include "core/settings.h"

static const char *const ENV[] = {
    "JWT_SECRET_KEY", "fuzz-env-secret-0123456789", "ADMIN_PASSWORD", "Env-Passw0rd-Zq!", NULL,
};

static const char *lookup(const char *name, void *ctx)
{
    (void)ctx;
    for (size_t i = 0; ENV[i] != NULL; i += 2)
        if (strcmp(ENV[i], name) == 0)
            return ENV[i + 1];
    return NULL;
}

static void die(const char *what, const char *detail)
{
    fprintf(stderr, "fuzz_settings: %s: %s\n", what, detail);
    abort();
}

/* How often needle occurs in the n bytes at hay. */
static size_t occurrences(const void *hay, size_t n, const char *needle)
{
    size_t count = 0, len = strlen(needle);
    const char *p = hay, *end = p + n;
    while (len > 0 && (p = memmem(p, (size_t)(end - p), needle, len)) != NULL) {
        count++;
        p++;
    }
    return count;
}

/* The value the file gives key on a line of its own ("KEY=value" at a line start), or NULL. */
static char *file_value(const char *text, size_t len, const char *key)
{
    size_t klen = strlen(key);
    for (size_t i = 0; i + klen < len; i++) {
        if ((i == 0 || text[i - 1] == '\n') && memcmp(text + i, key, klen) == 0 &&
            text[i + klen] == '=') {
            size_t start = i + klen + 1, end = start;
            while (end < len && text[end] != '\n' && text[end] != '\r' && text[end] != '\0')
                end++;
            return strndup(text + start, end - start);
        }
    }
    return NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int fd = memfd_create("fuzz.env", MFD_CLOEXEC);
    if (fd < 0)
        return 0;
    if (size > 0 && write(fd, data, size) != (ssize_t)size) {
        close(fd);
        return 0;
    }
    char path[64];
    snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
    struct wz_settings s;
    struct wz_err err = {0};
    /* The loader warns about unknown keys on stderr: keep the run quiet. */
    FILE *saved = stderr;
    stderr = fopen("/dev/null", "w");
    int rc = wz_settings_load(&s, path, lookup, NULL, &err);
    fclose(stderr);
    stderr = saved;
    if (rc != WZ_OK) {
        if (rc != WZ_EUSAGE && rc != WZ_EFAIL && rc != WZ_ENOMEM && rc != WZ_ENOENT)
            die("unexpected error code", err.msg);
        /* A file that expands ${JWT_SECRET_KEY} into another setting, or writes its text, put
         * it there itself (the command masks it when printing); any other way in is a leak. */
        bool expands = memmem(data, size, "${", 2) != NULL;
        for (size_t i = 1; ENV[i - 1] != NULL && !expands; i += 2)
            if (strstr(err.msg, ENV[i]) != NULL &&
                memmem(data, size, ENV[i], strlen(ENV[i])) == NULL)
                die("a secret from the environment is in the message", err.msg);
        static const char *const secret_keys[] = {"ADMIN_PASSWORD", "JWT_SECRET_KEY"};
        for (size_t k = 0; k < 2; k++) {
            char *v = file_value((const char *)data, size, secret_keys[k]);
            /* A value that is also all of the message's own wording cannot be told apart. */
            /* Written once, as that secret's value: text the file also uses elsewhere (in a
             * public setting) is public text there. */
            if (v != NULL && strlen(v) >= 4 && strstr(err.msg, v) != NULL &&
                occurrences(data, size, v) == 1 && strstr("invalid DATABASE_URL", v) == NULL)
                die("a secret value from the file is in the message", err.msg);
            free(v);
        }
    }
    wz_settings_release(&s);
    wz_out_release();
    close(fd);
    return 0;
}
