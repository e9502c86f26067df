/*
 * pg_dump, pg_restore and psql as child processes: see pgtool.h. The child is tied to our
 * life (PR_SET_PDEATHSIG): a command killed by SIGTERM or SIGKILL takes its psql with it, so a
 * restore can never commit after the command reported failure and released its lock. The two
 * output pipes are drained together with poll() so a chatty tool can never block on a full
 * pipe while we wait on the other one.
 */
#include "db/pgtool.h"

#include <errno.h>
#include <fcntl.h>
#include <libpq-fe.h>
#include <poll.h>
#include <sodium.h>
#include <signal.h>
#include <sys/prctl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "db/db_postgres.h"

extern char **environ;

/* Appends "name=value" to env (room was reserved by the caller). */
static int env_add(char **env, size_t *n, const char *name, const char *value)
{
    size_t len = strlen(name) + strlen(value) + 2;
    char *e = malloc(len);
    if (e == NULL)
        return WZ_ENOMEM;
    snprintf(e, len, "%s=%s", name, value);
    env[(*n)++] = e;
    return WZ_OK;
}

/* The environment being built: entries so far, and whether the URL set a timeout. */
struct env_build {
    char **env;
    size_t n;
    bool timeout_given;
};

/* One URL parameter as the libpq environment variable of its keyword. */
static int env_param(const struct wz_db_param *param, const PQconninfoOption *opt, void *arg,
                     struct wz_err *err)
{
    struct env_build *b = arg;
    if (opt->envvar == NULL)
        return wz_err_set(err, WZ_EUSAGE,
                          "parameter '%s' of DATABASE_URL cannot be passed to pg_dump and "
                          "pg_restore (libpq has no environment variable for it); remove "
                          "it, or set it in a pg_service.conf service",
                          param->key);
    if (strcmp(param->key, "connect_timeout") == 0)
        b->timeout_given = true;
    if (env_add(b->env, &b->n, opt->envvar, param->value) != WZ_OK)
        return wz_err_set(err, WZ_ENOMEM, "out of memory");
    return WZ_OK;
}

int wz_pgtool_env(const struct wz_db_url *url, char ***out, struct wz_err *err)
{
    *out = NULL;
    struct env_build b = {.env = calloc(url->nparams + 8, sizeof(char *))};
    if (b.env == NULL)
        return wz_err_set(err, WZ_ENOMEM, "out of memory");
    char **env = b.env;
    /* The URL's parameters as the driver reads them (the same check, the same message for an
     * unknown one). */
    int rc = wz_postgres_each_param(url, env_param, &b, err);
    if (rc != WZ_OK)
        goto cleanup;
    size_t n = b.n;
    /* The driver's default, so a firewalled host does not hang a backup for minutes. */
    bool timeout_given = b.timeout_given;
    /* The parts of the URL proper come last: they win over a parameter of the same name, as
     * they do in the driver. */
    const struct {
        const char *var, *value;
    } parts[] = {
        {"PGHOST", url->host},
        {"PGPORT", url->port},
        {"PGUSER", url->user},
        {"PGPASSWORD", url->password},
        {"PGDATABASE", url->dbname},
        {"PGCONNECT_TIMEOUT", timeout_given ? NULL : WZ_PG_DEFAULT_CONNECT_TIMEOUT},
        {"PGCLIENTENCODING", "UTF8"},
    };
    for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
        if (parts[i].value == NULL)
            continue;
        if (env_add(env, &n, parts[i].var, parts[i].value) != WZ_OK) {
            rc = wz_err_set(err, WZ_ENOMEM, "out of memory");
            goto cleanup;
        }
    }
    *out = env;
    env = NULL;

cleanup:
    wz_pgtool_env_free(env);
    return rc;
}

void wz_pgtool_env_free(char **env)
{
    if (env == NULL)
        return;
    for (char **e = env; *e != NULL; e++) {
        sodium_memzero(*e, strlen(*e));
        free(*e);
    }
    free(env);
}

/* The inherited environment without the names `over` sets, followed by `over`. The strings
 * are borrowed; the caller frees the array only. */
static char **merge_env(char *const *over)
{
    size_t ninh = 0, nover = 0;
    for (char **e = environ; e != NULL && *e != NULL; e++)
        ninh++;
    for (char *const *e = over; e != NULL && *e != NULL; e++)
        nover++;
    char **env = calloc(ninh + nover + 1, sizeof(*env));
    if (env == NULL)
        return NULL;
    size_t n = 0;
    for (char **e = environ; e != NULL && *e != NULL; e++) {
        size_t len = strcspn(*e, "=");
        bool replaced = false;
        for (char *const *o = over; o != NULL && *o != NULL && !replaced; o++)
            replaced = strncmp(*o, *e, len) == 0 && (*o)[len] == '=';
        if (!replaced)
            env[n++] = *e;
    }
    for (char *const *o = over; o != NULL && *o != NULL; o++)
        env[n++] = *o;
    return env;
}

int wz_pgtool_exec(const struct wz_pgtool_run *run, struct wz_strbuf *out, char *errbuf,
                   size_t errsize, int *status, struct wz_err *err)
{
    int outp[2] = {-1, -1}, errp[2] = {-1, -1};
    char **env = NULL;
    int execp[2] = {-1, -1}; /* the child reports a failed exec here; closed by a good one */
    size_t errlen = 0;
    int rc = WZ_OK;
    const char *tool = run->argv[0];

    *status = -1;
    if (errsize > 0)
        errbuf[0] = '\0';
    env = merge_env(run->env);
    if (env == NULL)
        return wz_err_set(err, WZ_ENOMEM, "out of memory");
    if ((run->stdout_fd < 0 && pipe2(outp, O_CLOEXEC) != 0) || pipe2(errp, O_CLOEXEC) != 0 ||
        pipe2(execp, O_CLOEXEC) != 0) {
        rc = wz_err_set(err, WZ_EFAIL, "cannot run %s: %s", tool, strerror(errno));
        goto cleanup;
    }
    int devnull = open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (devnull < 0) {
        rc = wz_err_set(err, WZ_EFAIL, "cannot open /dev/null: %s", strerror(errno));
        goto cleanup;
    }
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid == 0) {
        /* Between fork and exec only async-signal-safe calls. */
        int e = 0;
        if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid() != parent)
            _exit(127);
        /* fds 3 and 4 first: the pipes' descriptors may sit there and are dup'ed below. */
        int pass[2] = {run->pass_fds[0] > 0 ? dup(run->pass_fds[0]) : -1,
                       run->pass_fds[1] > 0 ? dup(run->pass_fds[1]) : -1};
        if (dup2(devnull, 0) < 0 || dup2(run->stdout_fd >= 0 ? run->stdout_fd : outp[1], 1) < 0 ||
            dup2(errp[1], 2) < 0 || (pass[0] >= 0 && dup2(pass[0], 3) < 0) ||
            (pass[1] >= 0 && dup2(pass[1], 4) < 0))
            e = errno;
        else {
            execvpe(tool, (char *const *)run->argv, env);
            e = errno;
        }
        ssize_t w = write(execp[1], &e, sizeof(e));
        (void)w;
        _exit(127);
    }
    close(devnull);
    close(execp[1]);
    execp[1] = -1;
    if (pid < 0) {
        rc = wz_err_set(err, WZ_EFAIL, "cannot run %s: %s", tool, strerror(errno));
        goto cleanup;
    }
    int child_errno = 0;
    ssize_t got_errno;
    while ((got_errno = read(execp[0], &child_errno, sizeof(child_errno))) < 0 && errno == EINTR)
        ;
    if (got_errno == (ssize_t)sizeof(child_errno)) {
        waitpid(pid, NULL, 0);
        if (child_errno == ENOENT)
            rc = wz_err_set(err, WZ_ENOENT,
                            "%s is not installed or not in PATH; install the PostgreSQL client "
                            "tools (`make deps`, or apt-get install postgresql-client)",
                            tool);
        else
            rc = wz_err_set(err, WZ_EFAIL, "cannot run %s: %s", tool, strerror(child_errno));
        goto cleanup;
    }
    close(errp[1]);
    errp[1] = -1;
    if (outp[1] >= 0) {
        close(outp[1]);
        outp[1] = -1;
    }

    /* Drain both pipes until both are closed. */
    struct pollfd fds[2] = {{.fd = errp[0], .events = POLLIN}, {.fd = outp[0], .events = POLLIN}};
    int nfds = outp[0] >= 0 ? 2 : 1;
    int open_fds = nfds;
    char buf[4096];
    while (open_fds > 0) {
        if (poll(fds, (nfds_t)nfds, -1) < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        for (int i = 0; i < nfds; i++) {
            if (fds[i].fd < 0 || fds[i].revents == 0)
                continue;
            ssize_t got = read(fds[i].fd, buf, sizeof(buf));
            if (got < 0 && errno == EINTR)
                continue;
            if (got <= 0) {
                fds[i].fd = -1;
                open_fds--;
                continue;
            }
            if (i == 0) {
                size_t room = errsize > errlen + 1 ? errsize - errlen - 1 : 0;
                size_t take = (size_t)got < room ? (size_t)got : room;
                memcpy(errbuf + errlen, buf, take);
                errlen += take;
                if (errsize > 0)
                    errbuf[errlen] = '\0';
            } else if (out != NULL) {
                wz_strbuf_append_n(out, buf, (size_t)got);
            }
        }
    }
    int ws;
    while (waitpid(pid, &ws, 0) < 0) {
        if (errno != EINTR) {
            rc = wz_err_set(err, WZ_EFAIL, "cannot wait for %s: %s", tool, strerror(errno));
            goto cleanup;
        }
    }
    *status = WIFEXITED(ws) ? WEXITSTATUS(ws) : 128 + (WIFSIGNALED(ws) ? WTERMSIG(ws) : 0);
    while (errlen > 0 && (errbuf[errlen - 1] == '\n' || errbuf[errlen - 1] == '\r'))
        errbuf[--errlen] = '\0';
    if (out != NULL && out->failed)
        rc = wz_err_set(err, WZ_ENOMEM, "out of memory reading the output of %s", tool);

cleanup:
    for (int i = 0; i < 2; i++) {
        if (execp[i] >= 0)
            close(execp[i]);
        if (outp[i] >= 0)
            close(outp[i]);
        if (errp[i] >= 0)
            close(errp[i]);
    }
    free(env);
    return rc;
}
