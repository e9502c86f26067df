/*
 * Database backups: see backup.h for the promises. The copy is written under a hidden
 * temporary name created by us (O_EXCL, 0600), so there is never a moment where a readable
 * copy of the data exists under a wider mode; it is checked (a SQLite copy with quick_check, or
 * integrity_check when asked) and fsynced, and only then linked
 * under its real name, never replacing a file (two backups started in the same second get -2),
 * so a backup killed or failing part-way never leaves anything under a real backup name.
 * Pruning counts and removes only files that are backups of this database by their content
 * (the SQLite or pg_dump header), oldest by modification time.
 */
#include "ops/backup.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/fileio.h"
#include "core/strbuf.h"

#define TS_LEN 16 /* YYYYmmddTHHMMSSZ */

/* A kind ends a file name and is parsed back by prune: lowercase words joined by '-'. */
static bool kind_valid(const char *kind)
{
    if (kind[0] == '\0' || kind[0] == '-')
        return false;
    for (const char *c = kind; *c != '\0'; c++) {
        if (*c == '-' && (c[1] == '-' || c[1] == '\0'))
            return false;
        if (*c != '-' && (*c < 'a' || *c > 'z'))
            return false;
    }
    return true;
}

/* The database's name as it starts a backup's file name (wz_db_url_name); characters other
 * than letters, digits, '_', '.' and '-' become '_', so the name is safe in any shell. */
static void db_base(const struct wz_db_url *url, char *buf, size_t size)
{
    const char *name;
    size_t len = wz_db_url_name(url, &name);
    if (len == 0) {
        name = "database";
        len = strlen(name);
    }
    if (len >= size)
        len = size - 1;
    for (size_t i = 0; i < len; i++) {
        char c = name[i];
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '_' || c == '.' || c == '-';
        buf[i] = ok ? c : '_';
    }
    buf[len] = '\0';
}

int wz_backup_check_parse(const char *text, enum wz_db_check *out, struct wz_err *err)
{
    if (text == NULL || strcmp(text, "quick") == 0)
        *out = WZ_DB_CHECK_QUICK;
    else if (strcmp(text, "full") == 0)
        *out = WZ_DB_CHECK_FULL;
    else
        return wz_err_set(err, WZ_EUSAGE,
                          "invalid --verify '%s': use quick (PRAGMA quick_check, the default) "
                          "or full (PRAGMA integrity_check)",
                          text);
    return WZ_OK;
}

const char *wz_backup_size_text(int64_t size, char *buf, size_t bufsize)
{
    if (size < 1024) {
        snprintf(buf, bufsize, "%lld bytes", (long long)size);
        return buf;
    }
    const char *units[] = {"KiB", "MiB", "GiB", "TiB"};
    double v = (double)size / 1024.0;
    size_t u = 0;
    while (v >= 1024.0 && u + 1 < sizeof(units) / sizeof(units[0])) {
        v /= 1024.0;
        u++;
    }
    snprintf(buf, bufsize, "%.1f %s", v, units[u]);
    return buf;
}

/* mkdir -p, new folders private (0700): backups hold every password hash of the platform. */
static int make_dirs(const char *dir, struct wz_err *err)
{
    char failed[PATH_MAX];
    int rc = wz_mkdir_p(dir, 0700, failed, sizeof(failed));
    if (rc == WZ_EUSAGE)
        return wz_err_set(err, WZ_EUSAGE, "BACKUP_DIR '%s' is too long", dir);
    if (rc != WZ_OK) {
        int e = errno;
        bool denied = e == EACCES || e == EPERM || e == EROFS;
        return wz_err_set(err, WZ_EFAIL, "cannot create the backup folder '%s': %s; %s", failed,
                          strerror(e),
                          denied ? "make its parent writable for this user (chmod/chown) or "
                                   "set BACKUP_DIR"
                                 : "check BACKUP_DIR");
    }
    struct stat st;
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
        return wz_err_set(err, WZ_EFAIL, "BACKUP_DIR '%s' is not a folder", dir);
    return WZ_OK;
}

/* Where a backup is written, for messages: the hidden temporary name means nothing to the
 * reader, the folder and the setting that chose it do. */
struct target {
    const char *dir;
    bool from_setting; /* BACKUP_DIR, rather than --output */
};

/* The failure to create a file in t->dir: a folder this user may not write says which one,
 * and how to change it, rather than "Permission denied" on a name nobody chose. */
static int create_failed(const struct target *t, int e, struct wz_err *err)
{
    if (e == EACCES || e == EPERM || e == EROFS) {
        const char *why =
            e == EROFS ? "is on a read-only file system" : "is not writable for this user";
        if (t->from_setting)
            return wz_err_set(err, WZ_EFAIL, "BACKUP_DIR '%s' %s: chmod/chown it or set BACKUP_DIR",
                              t->dir, why);
        return wz_err_set(err, WZ_EFAIL,
                          "the folder '%s' %s: chmod/chown it or choose another --output", t->dir,
                          why);
    }
    return wz_err_set(err, WZ_EFAIL, "cannot create a backup file in '%s': %s", t->dir,
                      strerror(e));
}

/* Creates path exclusively with mode 0600 and closes it again: the database engine reopens it
 * (closing a descriptor of a file drops every POSIX lock this process holds on it, so ours
 * must be gone before SQLite takes its locks). */
static int create_private(const struct target *t, const char *path, struct wz_err *err)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0)
        return errno == EEXIST ? WZ_EBUSY : create_failed(t, errno, err);
    /* The umask can only remove bits from 0600; fchmod makes the mode exact whatever it is. */
    int rc = fchmod(fd, 0600) == 0 ? WZ_OK
                                   : wz_err_set(err, WZ_EFAIL, "cannot set the mode of '%s': %s",
                                                path, strerror(errno));
    close(fd);
    if (rc != WZ_OK)
        unlink(path);
    return rc;
}

/* The hidden temporary file a backup is written into, in the folder it will be published in
 * (a link never crosses file systems). Its name never parses as a backup. */
static int create_temp(const struct target *t, const char *base, char *path, size_t size,
                       struct wz_err *err)
{
    const char *dir = t->dir;
    for (int attempt = 0; attempt < 100; attempt++) {
        int n = snprintf(path, size, "%s/.%s.partial-%ld-%d", dir, base, (long)getpid(), attempt);
        if (n < 0 || (size_t)n >= size)
            return wz_err_set(err, WZ_EUSAGE, "the backup path under '%s' is too long", dir);
        int rc = create_private(t, path, err);
        if (rc != WZ_EBUSY)
            return rc;
    }
    return wz_err_set(err, WZ_EFAIL, "cannot create a temporary file in '%s'", dir);
}

/* Gives the finished temporary file its real name without ever replacing a file: link()
 * fails on an existing name, where rename() would overwrite it. */
static int publish_as(const char *tmp, const char *path, struct wz_err *err)
{
    if (link(tmp, path) != 0)
        return errno == EEXIST ? WZ_EBUSY
                               : wz_err_set(err, WZ_EFAIL, "cannot name the backup '%s': %s", path,
                                            strerror(errno));
    unlink(tmp);
    return WZ_OK;
}

/* Publishes tmp as <dir>/<base>-<ts>[-kind][-N]<ext> and writes the name into path. */
static int publish_named(const char *tmp, const char *dir, const char *base, const char *kind,
                         const char *ext, char *path, size_t size, struct wz_err *err)
{
    char ts[TS_LEN + 1];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(ts, sizeof(ts), "%Y%m%dT%H%M%SZ", &tm);
    for (int seq = 1; seq < 1000; seq++) {
        char sfx[16] = "";
        if (seq > 1)
            snprintf(sfx, sizeof(sfx), "-%d", seq);
        int n = snprintf(path, size, "%s/%s-%s%s%s%s%s", dir, base, ts, kind != NULL ? "-" : "",
                         kind != NULL ? kind : "", sfx, ext);
        if (n < 0 || (size_t)n >= size)
            return wz_err_set(err, WZ_EUSAGE, "the backup path under '%s' is too long", dir);
        int rc = publish_as(tmp, path, err);
        if (rc != WZ_EBUSY)
            return rc;
    }
    return wz_err_set(err, WZ_EFAIL, "cannot find a free backup name in '%s'", dir);
}

/* Temporary files of backups killed part-way, left for an hour in case one is still being
 * written by a slow run, then removed. */
static void remove_stale_partials(const char *dir, const char *base)
{
    DIR *d = opendir(dir);
    if (d == NULL)
        return;
    char prefix[160];
    snprintf(prefix, sizeof(prefix), ".%s.partial-", base);
    time_t now = time(NULL);
    const struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        if (strncmp(de->d_name, prefix, strlen(prefix)) != 0)
            continue;
        char path[PATH_MAX];
        struct stat st;
        snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
        if (lstat(path, &st) == 0 && S_ISREG(st.st_mode) && now - st.st_mtime > 3600)
            unlink(path);
    }
    closedir(d);
}

/* A failed write into t->dir: the system's reason, and for a full disk or the file size limit
 * what to do, in the words the drivers use. */
static int write_failed(const struct target *t, const char *what, int e, struct wz_err *err)
{
    return wz_db_write_error(err, what, t->dir, e);
}

static int fsync_path(const struct target *t, const char *path, struct wz_err *err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0 || fsync(fd) != 0) {
        int e = errno;
        if (fd >= 0)
            close(fd);
        return write_failed(t, "cannot write the backup to disk", e, err);
    }
    close(fd);
    return WZ_OK;
}

/* ---- pruning ---- */

struct entry {
    char *path;
    char ts[TS_LEN + 1];
    struct timespec mtime;
    dev_t dev;
    ino_t ino;
    bool pre_migrate;
};

/* True when name is a backup of base: <base>-<ts>[-word...][-N]<ext>. */
static bool parse_name(const char *name, const char *base, const char *ext, char ts[TS_LEN + 1],
                       bool *pre_migrate)
{
    size_t bl = strlen(base), el = strlen(ext), nl = strlen(name);
    if (nl < bl + 1 + TS_LEN + el || strncmp(name, base, bl) != 0 || name[bl] != '-' ||
        strcmp(name + nl - el, ext) != 0)
        return false;
    const char *t = name + bl + 1;
    for (int i = 0; i < TS_LEN; i++) {
        bool ok = i == 8 ? t[i] == 'T' : i == 15 ? t[i] == 'Z' : t[i] >= '0' && t[i] <= '9';
        if (!ok)
            return false;
    }
    memcpy(ts, t, TS_LEN);
    ts[TS_LEN] = '\0';
    /* The middle: "", or '-' separated words of lowercase letters, the last one may be a
     * sequence number instead. */
    const char *mid = t + TS_LEN, *end = name + nl - el;
    char kind[64] = "";
    size_t klen = 0;
    bool seq_seen = false;
    while (mid < end) {
        if (*mid != '-' || seq_seen)
            return false;
        mid++;
        const char *w = mid;
        while (mid < end && *mid != '-')
            mid++;
        size_t wl = (size_t)(mid - w);
        if (wl == 0)
            return false;
        bool letters = true, digits = true;
        for (size_t i = 0; i < wl; i++) {
            letters = letters && w[i] >= 'a' && w[i] <= 'z';
            digits = digits && w[i] >= '0' && w[i] <= '9';
        }
        if (digits) {
            seq_seen = true;
            continue;
        }
        if (!letters)
            return false;
        if (klen + wl + 2 > sizeof(kind))
            return false;
        if (klen > 0)
            kind[klen++] = '-';
        memcpy(kind + klen, w, wl);
        klen += wl;
        kind[klen] = '\0';
    }
    *pre_migrate = strcmp(kind, WZ_BACKUP_KIND_PRE_MIGRATE) == 0;
    return true;
}

/* Newest first by real age: the modification time the file got when it was written (a name
 * is only text, and a timestamp in the future would keep its file for ever; a modification
 * time in the future counts as the oldest), then by the time in the name, then by name. */
static int entry_cmp(const void *a, const void *b)
{
    const struct entry *x = a, *y = b;
    if (x->mtime.tv_sec != y->mtime.tv_sec)
        return y->mtime.tv_sec > x->mtime.tv_sec ? 1 : -1;
    if (x->mtime.tv_nsec != y->mtime.tv_nsec)
        return y->mtime.tv_nsec > x->mtime.tv_nsec ? 1 : -1;
    int c = strcmp(y->ts, x->ts);
    if (c != 0)
        return c;
    return strcmp(y->path, x->path);
}

/* True when the file starts as the driver's backups do (a SQLite database, a pg_dump
 * custom-format archive). A zero-filled or foreign file under a backup's name is not one. */
static bool looks_like_backup(const char *path, const struct wz_db_driver *drv)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0)
        return false;
    char head[64];
    size_t want = drv->backup_magic_len < sizeof(head) ? drv->backup_magic_len : sizeof(head);
    ssize_t n = read(fd, head, want);
    close(fd);
    return n == (ssize_t)want && memcmp(head, drv->backup_magic, want) == 0;
}

static void entries_free(struct entry *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i].path);
    free(v);
}

/* Lists the backups of base in dir, newest first. */
static int list_backups(const char *dir, const char *base, const struct wz_db_driver *drv,
                        struct entry **out, size_t *nout, struct wz_err *err)
{
    const char *ext = drv->backup_ext;
    *out = NULL;
    *nout = 0;
    DIR *d = opendir(dir);
    if (d == NULL)
        return errno == ENOENT ? WZ_OK
                               : wz_err_set(err, WZ_EFAIL, "cannot read the backup folder '%s': %s",
                                            dir, strerror(errno));
    struct entry *v = NULL;
    size_t n = 0, cap = 0;
    int rc = WZ_OK;
    const struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        char ts[TS_LEN + 1];
        bool pre;
        if (!parse_name(de->d_name, base, ext, ts, &pre))
            continue;
        size_t plen = strlen(dir) + strlen(de->d_name) + 2;
        char *path = malloc(plen);
        if (path == NULL) {
            rc = wz_err_set(err, WZ_ENOMEM, "out of memory");
            break;
        }
        snprintf(path, plen, "%s/%s", dir, de->d_name);
        struct stat st;
        if (lstat(path, &st) != 0 || !S_ISREG(st.st_mode) || !looks_like_backup(path, drv)) {
            free(path);
            continue;
        }
        if (n == cap) {
            size_t ncap = cap ? cap * 2 : 16;
            struct entry *nv = realloc(v, ncap * sizeof(*v));
            if (nv == NULL) {
                free(path);
                rc = wz_err_set(err, WZ_ENOMEM, "out of memory");
                break;
            }
            v = nv;
            cap = ncap;
        }
        struct entry *e = &v[n++];
        e->path = path;
        memcpy(e->ts, ts, sizeof(ts));
        e->mtime = st.st_mtim;
        if (e->mtime.tv_sec > time(NULL) + 60)
            e->mtime.tv_sec = e->mtime.tv_nsec = 0;
        e->dev = st.st_dev;
        e->ino = st.st_ino;
        e->pre_migrate = pre;
    }
    closedir(d);
    if (rc != WZ_OK) {
        entries_free(v, n);
        return rc;
    }
    if (n > 1)
        qsort(v, n, sizeof(*v), entry_cmp);
    *out = v;
    *nout = n;
    return WZ_OK;
}

static bool same_file(const struct entry *e, const char *path)
{
    struct stat st;
    return path != NULL && stat(path, &st) == 0 && st.st_dev == e->dev && st.st_ino == e->ino;
}

/* Keeps the `keep` newest backups of base, the newest pre-migrate one, and the files written
 * and protected; removes the rest. A file that cannot be removed is reported in warn. */
static int prune(const char *dir, const char *base, const struct wz_db_driver *drv, int64_t keep,
                 const char *written, const char *protect, size_t *pruned, char *warn, size_t wsize,
                 struct wz_err *err)
{
    struct entry *v;
    size_t n;
    *pruned = 0;
    int rc = list_backups(dir, base, drv, &v, &n, err);
    if (rc != WZ_OK)
        return rc;
    bool pre_kept = false;
    for (size_t i = 0; i < n; i++) {
        bool keep_it = (int64_t)i < keep;
        if (v[i].pre_migrate && !pre_kept) {
            pre_kept = true;
            keep_it = true;
        }
        if (keep_it || same_file(&v[i], written) || same_file(&v[i], protect))
            continue;
        if (unlink(v[i].path) == 0)
            (*pruned)++;
        else if (warn[0] == '\0')
            snprintf(warn, wsize, "cannot remove the old backup '%s': %s", v[i].path,
                     strerror(errno));
    }
    entries_free(v, n);
    return WZ_OK;
}

/* ---- the entry points ---- */

static int backup_run(struct wz_db *db, const struct wz_settings *s, const char *kind,
                      const char *output, const char *protect, enum wz_db_check check,
                      struct wz_backup_result *res, struct wz_err *err)
{
    memset(res, 0, sizeof(*res));
    const struct wz_db_url *url = &db->url;
    if (kind != NULL && !kind_valid(kind))
        return wz_err_set(err, WZ_EUSAGE,
                          "invalid backup kind '%s': use lowercase words joined by '-'", kind);
    if (wz_db_url_in_memory(url))
        return wz_err_set(err, WZ_EFAIL,
                          "cannot back up an in-memory database (DATABASE_URL=%s): it ends with "
                          "the process; use a file database",
                          url->redacted);
    char base[128];
    db_base(url, base, sizeof(base));
    const char *ext = db->drv->backup_ext;
    const char *dir = NULL; /* the backup folder, pruned afterwards */
    const char *target_dir; /* where the file is written and named */
    bool to_file = false;   /* --output names the file, not a folder */
    char outdir[PATH_MAX];
    int rc;
    struct stat st;
    if (output == NULL) {
        dir = s->backup_dir;
        rc = make_dirs(dir, err);
        if (rc != WZ_OK)
            return rc;
        target_dir = dir;
    } else if (stat(output, &st) == 0 && S_ISDIR(st.st_mode)) {
        target_dir = output;
    } else {
        if (strlen(output) >= sizeof(res->path))
            return wz_err_set(err, WZ_EUSAGE, "the output path '%s' is too long", output);
        if (lstat(output, &st) == 0)
            return wz_err_set(err, WZ_EFAIL,
                              "'%s' already exists; a backup never overwrites a file: choose "
                              "another --output or remove it",
                              output);
        snprintf(outdir, sizeof(outdir), "%s", output);
        target_dir = dirname(outdir);
        to_file = true;
    }
    const struct target where = {.dir = target_dir, .from_setting = dir != NULL};
    char tmp[PATH_MAX];
    rc = create_temp(&where, base, tmp, sizeof(tmp), err);
    if (rc != WZ_OK) {
        memset(res, 0, sizeof(*res));
        return rc;
    }

    const struct wz_db_backup_opts bo = {
        .dir = where.dir, .check = check, .busy_timeout_ms = s->db_busy_timeout};
    const char *checked = NULL;
    rc = wz_db_backup(db, tmp, &bo, &checked, err);
    if (rc == WZ_OK)
        rc = fsync_path(&where, tmp, err);
    if (rc == WZ_OK && stat(tmp, &st) != 0)
        rc =
            wz_err_set(err, WZ_EFAIL, "cannot read the backup file '%s': %s", tmp, strerror(errno));
    if (rc == WZ_OK) {
        if (to_file) {
            snprintf(res->path, sizeof(res->path), "%s", output);
            rc = publish_as(tmp, res->path, err);
            if (rc == WZ_EBUSY)
                rc = wz_err_set(err, WZ_EFAIL,
                                "'%s' appeared while the backup was written; a backup never "
                                "overwrites a file: choose another --output",
                                output);
        } else {
            rc = publish_named(tmp, target_dir, base, kind, ext, res->path, sizeof(res->path), err);
        }
    }
    if (rc != WZ_OK) {
        char journal[PATH_MAX + 16];
        snprintf(journal, sizeof(journal), "%s-journal", tmp);
        unlink(journal);
        unlink(tmp);
        memset(res, 0, sizeof(*res));
        return rc;
    }
    res->size = (int64_t)st.st_size;
    res->checked = checked;
    /* Make the new name durable too, not only the file's content. */
    int dfd = open(target_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        fsync(dfd);
        close(dfd);
    }
    remove_stale_partials(target_dir, base);
    if (dir != NULL)
        return prune(dir, base, db->drv, s->backup_keep, res->path, protect, &res->pruned,
                     res->warning, sizeof(res->warning), err);
    return WZ_OK;
}

int wz_backup_create(struct wz_db *db, const struct wz_settings *s, const char *kind,
                     const char *output, struct wz_backup_result *res, struct wz_err *err)
{
    return backup_run(db, s, kind, output, NULL, WZ_DB_CHECK_QUICK, res, err);
}

int wz_backup_create_checked(struct wz_db *db, const struct wz_settings *s, const char *kind,
                             const char *output, enum wz_db_check check,
                             struct wz_backup_result *res, struct wz_err *err)
{
    return backup_run(db, s, kind, output, NULL, check, res, err);
}

int wz_backup_create_protecting(struct wz_db *db, const struct wz_settings *s, const char *kind,
                                const char *protect, struct wz_backup_result *res,
                                struct wz_err *err)
{
    return backup_run(db, s, kind, NULL, protect, WZ_DB_CHECK_QUICK, res, err);
}
