/* The server's accept loop: see acceptor.h. */
#include "http/acceptor.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "http/mhd_loader.h"

struct wz_acceptor {
    int lfd;
    struct wz_acceptor_lane *lanes;
    int nlanes;
    int next;    /* where the search for the least busy lane starts: ties go round in turn */
    int stop[2]; /* a pipe: a byte on stop[1] ends the loop */
    pthread_t thread;
};

/* Out of descriptors: wait rather than spin. The pending connection stays in the backlog
 * until one is freed. */
static void pause_after(int e)
{
    static const struct timespec wait = {0, 50 * 1000 * 1000};
    fprintf(stderr, "server: cannot accept a connection: %s; retrying in 50 ms\n", strerror(e));
    nanosleep(&wait, NULL);
}

void wz_acceptor_note(void *cls, struct MHD_Connection *c, void **socket_context,
                      enum MHD_ConnectionNotificationCode toe)
{
    (void)c;
    (void)socket_context;
    struct wz_acceptor_lane *lane = cls;
    if (toe == MHD_CONNECTION_NOTIFY_STARTED)
        atomic_fetch_add(&lane->open, 1);
    else if (toe == MHD_CONNECTION_NOTIFY_CLOSED)
        atomic_fetch_sub(&lane->open, 1);
}

static struct wz_acceptor_lane *least_busy(struct wz_acceptor *a)
{
    int best = a->next, best_open = atomic_load(&a->lanes[best].open);
    for (int k = 1; k < a->nlanes && best_open > 0; k++) {
        int i = (a->next + k) % a->nlanes;
        int open = atomic_load(&a->lanes[i].open);
        if (open < best_open) {
            best = i;
            best_open = open;
        }
    }
    a->next = (best + 1) % a->nlanes;
    return &a->lanes[best];
}

static void *accept_loop(void *arg)
{
    struct wz_acceptor *a = arg;
    struct pollfd fds[2] = {{.fd = a->lfd, .events = POLLIN}, {.fd = a->stop[0], .events = POLLIN}};
    for (;;) {
        if (poll(fds, 2, -1) < 0) {
            if (errno == EINTR)
                continue;
            pause_after(errno);
            continue;
        }
        if (fds[1].revents != 0)
            return NULL;
        struct sockaddr_storage addr;
        socklen_t len = sizeof(addr);
        int fd = accept4(a->lfd, (struct sockaddr *)&addr, &len, SOCK_CLOEXEC | SOCK_NONBLOCK);
        if (fd < 0) {
            /* another poll wakes us for the next one; these are the client's doing */
            if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR ||
                errno == ECONNABORTED || errno == EPROTO)
                continue;
            pause_after(errno);
            continue;
        }
        /* On failure (the connection limits) libmicrohttpd closes the socket itself. */
        wz_mhd.MHD_add_connection(least_busy(a)->d, fd, (const struct sockaddr *)&addr, len);
    }
}

int wz_acceptor_start(int lfd, struct wz_acceptor_lane *lanes, int n, struct wz_acceptor **out,
                      struct wz_err *err)
{
    *out = NULL;
    if (n < 1)
        return wz_err_set(err, WZ_EUSAGE, "the server needs at least one worker thread");
    struct wz_acceptor *a = calloc(1, sizeof(*a));
    if (a == NULL)
        return wz_err_set(err, WZ_ENOMEM, "out of memory");
    a->lfd = lfd;
    a->lanes = lanes;
    a->nlanes = n;
    /* Non-blocking, so a connection the client dropped between poll and accept cannot block
     * the loop (and with it the stop request). */
    int fl = fcntl(lfd, F_GETFL);
    if (fl < 0 || fcntl(lfd, F_SETFL, fl | O_NONBLOCK) != 0 || pipe2(a->stop, O_CLOEXEC) != 0) {
        int e = errno;
        free(a);
        return wz_err_set(err, WZ_EFAIL, "cannot prepare the listening socket: %s", strerror(e));
    }
    int e = pthread_create(&a->thread, NULL, accept_loop, a);
    if (e != 0) {
        close(a->stop[0]);
        close(a->stop[1]);
        free(a);
        return wz_err_set(err, WZ_EFAIL, "cannot start the accept thread: %s", strerror(e));
    }
    *out = a;
    return WZ_OK;
}

void wz_acceptor_stop(struct wz_acceptor *a)
{
    if (a == NULL)
        return;
    ssize_t n;
    do
        n = write(a->stop[1], "x", 1);
    while (n < 0 && errno == EINTR);
    pthread_join(a->thread, NULL);
    close(a->stop[0]);
    close(a->stop[1]);
    free(a);
}
