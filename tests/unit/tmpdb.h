/*
 * A throwaway SQLite file for unit tests that need a real database: created under /tmp,
 * opened through the driver, and removed with its -wal, -shm and lock side files.
 */
#ifndef WZ_TEST_TMPDB_H
#define WZ_TEST_TMPDB_H

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "db/db.h"

struct tmpdb {
    char path[64];
    struct wz_db *db;
};

/* Creates /tmp/<prefix>XXXXXX and opens it. Returns 0, or -1 after printing why. */
static inline int tmpdb_open(struct tmpdb *t, const char *prefix)
{
    snprintf(t->path, sizeof(t->path), "/tmp/%sXXXXXX", prefix);
    int fd = mkstemp(t->path);
    if (fd < 0)
        return -1;
    close(fd);
    char url[128];
    snprintf(url, sizeof(url), "sqlite:///%s", t->path);
    struct wz_err err = {0};
    if (wz_db_open_url(url, NULL, &t->db, &err) != 0) {
        fprintf(stderr, "%s\n", err.msg);
        return -1;
    }
    return 0;
}

/* Closes the database and removes its file and side files. */
static inline void tmpdb_remove(struct tmpdb *t)
{
    wz_db_close(t->db);
    t->db = NULL;
    static const char *const suffixes[] = {"", "-wal", "-shm", "-migrate.lock"};
    for (size_t i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
        char p[96];
        snprintf(p, sizeof(p), "%s%s", t->path, suffixes[i]);
        unlink(p);
    }
}

/* cmocka fixtures: *state becomes an open struct tmpdb (caller's tests read ->db). */
static inline int tmpdb_setup(void **state, const char *prefix)
{
    struct tmpdb *t = calloc(1, sizeof(*t));
    if (t == NULL || tmpdb_open(t, prefix) != 0) {
        free(t);
        return -1;
    }
    *state = t;
    return 0;
}

static inline int tmpdb_teardown(void **state)
{
    tmpdb_remove(*state);
    free(*state);
    return 0;
}

#endif
