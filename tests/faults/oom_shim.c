/*
 * The allocation-failure injector of tests/cli/t_oom.sh (docs/architecture.md, "Out of
 * memory"). Preloaded into build/wizamart (LD_PRELOAD), it counts every allocation the
 * process makes once main has started, the program's own and those made inside SQLite,
 * jansson, libsodium and libc (asprintf, fopen, ... call malloc, which this replaces; strdup
 * and strndup are replaced too), and
 * makes one of them fail as a real shortage would: NULL, errno ENOMEM. Allocations made
 * before main (the libraries' constructors, the dynamic loader) are not counted: the program
 * cannot handle those.
 *
 *   WZ_OOM_FAIL_AT=N    the Nth allocation after main starts fails (1 = the first); only that
 *                       one, later ones succeed. Unset or 0: none fails, only counted.
 *   WZ_OOM_REPORT=PATH  written at exit: "allocations COUNT" and "failed 0|1", then, when one
 *                       failed, the call stack of that allocation (addresses and symbols, for
 *                       addr2line). A process killed by a signal writes no report.
 *
 * Built by the Makefile into $(BUILD)/faults/oom_shim.so, without the sanitizers: under
 * AddressSanitizer it comes first (ASAN_OPTIONS=verify_asan_link_order=0) and forwards to
 * libasan's allocator.
 */
#include <dlfcn.h>
#include <errno.h>
#include <execinfo.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef void *(*malloc_fn)(size_t);
typedef void *(*calloc_fn)(size_t, size_t);
typedef void *(*realloc_fn)(void *, size_t);
typedef void (*free_fn)(void *);
typedef int (*posix_memalign_fn)(void **, size_t, size_t);
typedef void *(*aligned_alloc_fn)(size_t, size_t);
typedef int (*main_fn)(int, char **, char **);
typedef int (*start_main_fn)(main_fn, int, char **, void (*)(void), void (*)(void), void (*)(void),
                             void *);

static malloc_fn real_malloc;
static calloc_fn real_calloc;
static realloc_fn real_realloc;
static free_fn real_free;
static posix_memalign_fn real_posix_memalign;
static aligned_alloc_fn real_aligned_alloc;
static main_fn real_main;

static unsigned long fail_at;   /* WZ_OOM_FAIL_AT */
static const char *report_path; /* WZ_OOM_REPORT */
static volatile int armed;      /* main has started */
static unsigned long count;     /* allocations counted since */
static int failed;              /* the Nth one was made to fail */
static void *fail_stack[64];    /* its call stack */
static int fail_depth;
static __thread int inside; /* this thread is in the shim's own work */

/* dlsym may allocate (its error state) while the real functions are looked up: those few
 * requests are served from here, and never freed. */
static _Alignas(max_align_t) unsigned char boot[8192];
static size_t boot_used;

static void *boot_alloc(size_t n)
{
    size_t need = (n + 15) & ~(size_t)15;
    if (boot_used + need > sizeof(boot))
        return NULL;
    void *p = boot + boot_used;
    boot_used += need;
    return p;
}

static bool from_boot(const void *p)
{
    return (const unsigned char *)p >= boot && (const unsigned char *)p < boot + sizeof(boot);
}

/* The next definition of a function (libc's, or a sanitizer's), stored into *fn: ISO C has
 * no conversion from dlsym's object pointer to a function pointer, so it is copied. */
static void next_fn(void *fn, size_t size, const char *name)
{
    void *p = dlsym(RTLD_NEXT, name);
    memcpy(fn, &p, size);
}

static void resolve(void)
{
    static int resolving;
    if (real_malloc != NULL || resolving)
        return;
    resolving = 1;
    next_fn(&real_calloc, sizeof(real_calloc), "calloc");
    next_fn(&real_realloc, sizeof(real_realloc), "realloc");
    next_fn(&real_free, sizeof(real_free), "free");
    next_fn(&real_posix_memalign, sizeof(real_posix_memalign), "posix_memalign");
    next_fn(&real_aligned_alloc, sizeof(real_aligned_alloc), "aligned_alloc");
    next_fn(&real_malloc, sizeof(real_malloc), "malloc");
    resolving = 0;
}

/* True when this allocation is the one to fail. */
static bool should_fail(void)
{
    if (!armed || inside)
        return false;
    unsigned long n = __atomic_add_fetch(&count, 1, __ATOMIC_RELAXED);
    if (fail_at == 0 || n != fail_at)
        return false;
    inside = 1;
    fail_depth = backtrace(fail_stack, (int)(sizeof(fail_stack) / sizeof(fail_stack[0])));
    inside = 0;
    failed = 1;
    return true;
}

void *malloc(size_t n)
{
    if (real_malloc == NULL) {
        resolve();
        if (real_malloc == NULL)
            return boot_alloc(n);
    }
    if (should_fail()) {
        errno = ENOMEM;
        return NULL;
    }
    return real_malloc(n);
}

void *calloc(size_t n, size_t size)
{
    if (real_calloc == NULL) {
        resolve();
        if (real_calloc == NULL) {
            if (size != 0 && n > SIZE_MAX / size)
                return NULL;
            return boot_alloc(n * size); /* static, so already zero */
        }
    }
    if (should_fail()) {
        errno = ENOMEM;
        return NULL;
    }
    return real_calloc(n, size);
}

void *realloc(void *p, size_t n)
{
    if (from_boot(p)) {
        size_t left = (size_t)(boot + sizeof(boot) - (unsigned char *)p);
        void *q = malloc(n);
        if (q != NULL)
            memcpy(q, p, n < left ? n : left); /* the old size is not kept: copy what may be */
        return q;
    }
    if (real_realloc == NULL) {
        resolve();
        if (real_realloc == NULL)
            return NULL;
    }
    /* realloc(p, 0) frees; counting it would fail a call that allocates nothing. */
    if ((p == NULL || n != 0) && should_fail()) {
        errno = ENOMEM;
        return NULL;
    }
    return real_realloc(p, n);
}

void free(void *p)
{
    if (p == NULL || from_boot(p))
        return;
    if (real_free == NULL)
        resolve();
    if (real_free != NULL)
        real_free(p);
}

int posix_memalign(void **out, size_t align, size_t n)
{
    if (real_posix_memalign == NULL)
        resolve();
    if (real_posix_memalign == NULL)
        return ENOMEM;
    if (should_fail())
        return ENOMEM;
    return real_posix_memalign(out, align, n);
}

void *aligned_alloc(size_t align, size_t n)
{
    if (real_aligned_alloc == NULL)
        resolve();
    if (real_aligned_alloc == NULL)
        return NULL;
    if (should_fail()) {
        errno = ENOMEM;
        return NULL;
    }
    return real_aligned_alloc(align, n);
}

/* libc's strdup calls malloc, but AddressSanitizer's replaces it with one that does not: these
 * count under both. */
char *strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = malloc(n);
    return p != NULL ? memcpy(p, s, n) : NULL;
}

char *strndup(const char *s, size_t max)
{
    size_t n = strnlen(s, max);
    char *p = malloc(n + 1);
    if (p == NULL)
        return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

static void put(int fd, const char *label, unsigned long v)
{
    char line[64];
    int len = snprintf(line, sizeof(line), "%s %lu\n", label, v);
    if (len > 0 && write(fd, line, (size_t)len) < 0)
        return;
}

__attribute__((destructor)) static void write_report(void)
{
    if (report_path == NULL || !armed)
        return;
    inside = 1;
    int fd = open(report_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        return;
    put(fd, "allocations", __atomic_load_n(&count, __ATOMIC_RELAXED));
    put(fd, "failed", (unsigned long)failed);
    if (failed)
        backtrace_symbols_fd(fail_stack, fail_depth, fd);
    close(fd);
}

static int counted_main(int argc, char **argv, char **envp)
{
    armed = 1;
    return real_main(argc, argv, envp);
}

int __libc_start_main(main_fn main_, int argc, char **argv, void (*init)(void), void (*fini)(void),
                      void (*rtld_fini)(void), void *stack_end);

/* Called by the C runtime with the program's main: the hook that arms the counter at the
 * moment main starts. */
int __libc_start_main(main_fn main_, int argc, char **argv, void (*init)(void), void (*fini)(void),
                      void (*rtld_fini)(void), void *stack_end)
{
    start_main_fn next;
    next_fn(&next, sizeof(next), "__libc_start_main");
    resolve();
    const char *at = getenv("WZ_OOM_FAIL_AT");
    fail_at = at != NULL ? strtoul(at, NULL, 10) : 0;
    report_path = getenv("WZ_OOM_REPORT");
    /* backtrace() loads libgcc's unwinder on first use, with allocations of its own: done
     * here, before anything is counted. */
    void *warm[2];
    inside = 1;
    backtrace(warm, 2);
    inside = 0;
    real_main = main_;
    return next(counted_main, argc, argv, init, fini, rtld_fini, stack_end);
}
