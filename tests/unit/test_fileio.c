/*
 * Whole files and folders (core/fileio.h) on real files, pipes and folders under /tmp: what
 * the .env loader, the revision files and the backups rely on.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/fileio.h"

struct tmpdir {
    char path[64];
};

static void tmpdir_make(struct tmpdir *t)
{
    snprintf(t->path, sizeof(t->path), "/tmp/wz_fileio_XXXXXX");
    assert_non_null(mkdtemp(t->path));
}

static void tmpdir_remove(const struct tmpdir *t)
{
    char cmd[128];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", t->path);
    assert_int_equal(system(cmd), 0);
}

static void write_file(const char *path, const char *content, size_t len)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(content, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

static void test_read_regular_file(void **state)
{
    (void)state;
    struct tmpdir t;
    tmpdir_make(&t);
    char path[128];
    snprintf(path, sizeof(path), "%s/f", t.path);
    write_file(path, "a\0b\nc", 5);
    char *buf = NULL;
    size_t len = 0;
    struct wz_err err = {0};
    assert_int_equal(wz_file_read(path, 0, &buf, &len, &err), WZ_OK);
    assert_int_equal(len, 5);
    assert_memory_equal(buf, "a\0b\nc", 6); /* NUL-terminated too */
    free(buf);

    write_file(path, "", 0);
    assert_int_equal(wz_file_read(path, 0, &buf, &len, &err), WZ_OK);
    assert_int_equal(len, 0);
    assert_string_equal(buf, "");
    free(buf);
    tmpdir_remove(&t);
}

/* A file of exactly max bytes is read; one byte more is refused, by its size or, from a pipe,
 * once max + 1 bytes have arrived. */
static void test_read_limit(void **state)
{
    (void)state;
    struct tmpdir t;
    tmpdir_make(&t);
    char path[128];
    snprintf(path, sizeof(path), "%s/f", t.path);
    char content[10001];
    memset(content, 'x', sizeof(content));
    char *buf = NULL;
    size_t len = 0;
    struct wz_err err = {0};

    write_file(path, content, 10000);
    assert_int_equal(wz_file_read(path, 10000, &buf, &len, &err), WZ_OK);
    assert_int_equal(len, 10000);
    free(buf);

    write_file(path, content, 10001);
    assert_int_equal(wz_file_read(path, 10000, &buf, &len, &err), WZ_EUSAGE);
    assert_null(buf);
    char want[192];
    snprintf(want, sizeof(want), "cannot read '%s': larger than 10000 bytes", path);
    assert_string_equal(err.msg, want);
    tmpdir_remove(&t);
}

/* Reads what a child writes into a pipe, through /dev/fd, as --env-file <(...) does. */
static int read_pipe(size_t n, size_t max, char **buf, size_t *len, struct wz_err *err)
{
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(fds[0]);
        char block[4096];
        memset(block, 'p', sizeof(block));
        for (size_t done = 0; done < n;) {
            size_t want = n - done < sizeof(block) ? n - done : sizeof(block);
            ssize_t w = write(fds[1], block, want);
            if (w <= 0)
                _exit(0); /* the reader stopped early: refusing a long pipe does */
            done += (size_t)w;
        }
        _exit(0);
    }
    close(fds[1]);
    char path[64];
    snprintf(path, sizeof(path), "/dev/fd/%d", fds[0]);
    int rc = wz_file_read(path, max, buf, len, err);
    close(fds[0]);
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    return rc;
}

static void test_read_pipe(void **state)
{
    (void)state;
    char *buf = NULL;
    size_t len = 0;
    struct wz_err err = {0};
    assert_int_equal(read_pipe(100000, 0, &buf, &len, &err), WZ_OK);
    assert_int_equal(len, 100000);
    assert_int_equal(buf[0], 'p');
    assert_int_equal(buf[99999], 'p');
    assert_int_equal(buf[100000], '\0');
    free(buf);

    assert_int_equal(read_pipe(100000, 5000, &buf, &len, &err), WZ_EUSAGE);
    assert_null(buf);
    assert_non_null(strstr(err.msg, "larger than 5000 bytes"));
}

static void test_read_errors(void **state)
{
    (void)state;
    char *buf = NULL;
    size_t len = 0;
    struct wz_err err = {0};
    assert_int_equal(wz_file_read("/nonexistent/dir/f", 0, &buf, &len, &err), WZ_ENOENT);
    assert_string_equal(err.msg, "cannot read '/nonexistent/dir/f': No such file or directory");
    assert_null(buf);

    struct tmpdir t;
    tmpdir_make(&t);
    assert_int_equal(wz_file_read(t.path, 0, &buf, &len, &err), WZ_EFAIL);
    char want[192];
    snprintf(want, sizeof(want), "cannot read '%s': %s", t.path, strerror(EISDIR));
    assert_string_equal(err.msg, want);
    assert_null(buf);
    tmpdir_remove(&t);
}

static void assert_folder(const char *path, mode_t mode)
{
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_true(S_ISDIR(st.st_mode));
    assert_int_equal(st.st_mode & 0777, mode);
}

static void test_mkdir_p(void **state)
{
    (void)state;
    mode_t old = umask(022);
    struct tmpdir t;
    tmpdir_make(&t);
    char dir[128];
    char failed[PATH_MAX] = "";
    snprintf(dir, sizeof(dir), "%s/a/b/c", t.path);
    assert_int_equal(wz_mkdir_p(dir, 0700, failed, sizeof(failed)), WZ_OK);
    assert_folder(dir, 0700);
    snprintf(dir, sizeof(dir), "%s/a", t.path);
    assert_folder(dir, 0700);

    /* Again, with a trailing slash and one new folder: existing parents are fine. */
    snprintf(dir, sizeof(dir), "%s/a/b/d/", t.path);
    assert_int_equal(wz_mkdir_p(dir, 0755, failed, sizeof(failed)), WZ_OK);
    snprintf(dir, sizeof(dir), "%s/a/b/d", t.path);
    assert_folder(dir, 0755);
    assert_string_equal(failed, "");
    umask(old);
    tmpdir_remove(&t);
}

static void test_mkdir_p_errors(void **state)
{
    (void)state;
    struct tmpdir t;
    tmpdir_make(&t);
    char file[128];
    snprintf(file, sizeof(file), "%s/file", t.path);
    write_file(file, "x", 1);
    char dir[160];
    snprintf(dir, sizeof(dir), "%s/sub/deeper", file);
    char failed[PATH_MAX] = "";
    errno = 0;
    assert_int_equal(wz_mkdir_p(dir, 0700, failed, sizeof(failed)), WZ_EFAIL);
    assert_int_equal(errno, ENOTDIR);
    char want[160];
    snprintf(want, sizeof(want), "%s/sub", file);
    assert_string_equal(failed, want); /* the folder it could not create, not the whole path */

    char *long_dir = malloc(PATH_MAX + 1);
    assert_non_null(long_dir);
    memset(long_dir, 'a', PATH_MAX);
    long_dir[PATH_MAX] = '\0';
    assert_int_equal(wz_mkdir_p(long_dir, 0700, failed, sizeof(failed)), WZ_EUSAGE);
    free(long_dir);
    tmpdir_remove(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_read_regular_file), cmocka_unit_test(test_read_limit),
        cmocka_unit_test(test_read_pipe),         cmocka_unit_test(test_read_errors),
        cmocka_unit_test(test_mkdir_p),           cmocka_unit_test(test_mkdir_p_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
