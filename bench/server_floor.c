/*
 * The server benchmark's floor: the same libmicrohttpd setup as `wizamart serve` (THREADS
 * workers, each a daemon with its own epoll thread, fed by the server's own accept thread,
 * src/http/acceptor.c; the same connection limits, timeout and strict parsing) answering every
 * request with a constant JSON body of BYTES bytes and the same response headers, with no routing,
 * no access check and no database. What HTTP alone costs on this machine; bench/run_server.sh
 * compares the real routes against it.
 *
 *   server_floor PORT THREADS BYTES     (runs until SIGINT/SIGTERM)
 */
#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "http/acceptor.h"
#include "http/mhd_loader.h"

static char *body;
static size_t body_len;

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version, const char *upload,
                                  size_t *upload_size, void **con_cls)
{
    (void)cls, (void)url, (void)method, (void)version, (void)upload, (void)upload_size;
    if (*con_cls == NULL) {
        *con_cls = c;
        return MHD_YES;
    }
    struct MHD_Response *r =
        MHD_create_response_from_buffer(body_len, body, MHD_RESPMEM_PERSISTENT);
    MHD_add_response_header(r, "Content-Type", "application/json");
    MHD_add_response_header(r, "X-Request-Id", "0123456789abcdef0123456789abcdef");
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "X-Frame-Options", "DENY");
    MHD_add_response_header(r, "Referrer-Policy", "same-origin");
    MHD_add_response_header(r, "Cross-Origin-Opener-Policy", "same-origin");
    MHD_add_response_header(r, "Content-Security-Policy",
                            "default-src 'none'; frame-ancestors 'none'");
    MHD_add_response_header(r, "Cache-Control", "no-store");
    enum MHD_Result ok = MHD_queue_response(c, 200, r);
    MHD_destroy_response(r);
    return ok;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: server_floor PORT THREADS BYTES\n");
        return 2;
    }
    int port = atoi(argv[1]);
    unsigned threads = (unsigned)atoi(argv[2]);
    body_len = (size_t)strtoul(argv[3], NULL, 10);
    body = malloc(body_len + 1);
    if (body == NULL)
        return 1;
    memset(body, 'x', body_len);
    if (body_len >= 2) {
        body[0] = '"';
        body[body_len - 1] = '"';
    }
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    struct wz_err err = {0};
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    int one = 1;
    int lfd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (wz_mhd_load(&err) != WZ_OK || threads < 1 || lfd < 0 ||
        setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) != 0 ||
        bind(lfd, (struct sockaddr *)&addr, sizeof(addr)) != 0 || listen(lfd, 1024) != 0) {
        fprintf(stderr, "server_floor: cannot listen on port %d %s\n", port, err.msg);
        return 1;
    }
    struct wz_acceptor_lane *lanes = calloc(threads, sizeof(*lanes));
    for (unsigned i = 0; lanes != NULL && i < threads; i++) {
        lanes[i].d =
            MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC |
                                 MHD_USE_NO_LISTEN_SOCKET,
                             0, NULL, NULL, on_request, NULL, MHD_OPTION_CONNECTION_LIMIT,
                             (1024u + threads - 1) / threads, MHD_OPTION_PER_IP_CONNECTION_LIMIT,
                             (256u + threads - 1) / threads, MHD_OPTION_CONNECTION_TIMEOUT, 15u,
                             MHD_OPTION_STRICT_FOR_CLIENT, 1, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
                             (size_t)(128 * 1024), MHD_OPTION_NOTIFY_CONNECTION, wz_acceptor_note,
                             &lanes[i], MHD_OPTION_END);
        if (lanes[i].d == NULL) {
            fprintf(stderr, "server_floor: cannot start a daemon\n");
            return 1;
        }
    }
    struct wz_acceptor *acceptor = NULL;
    if (lanes == NULL || wz_acceptor_start(lfd, lanes, (int)threads, &acceptor, &err) != WZ_OK) {
        fprintf(stderr, "server_floor: cannot accept: %s\n", err.msg);
        return 1;
    }
    printf("listening on %d\n", port);
    fflush(stdout);
    int sig;
    sigwait(&stop, &sig);
    wz_acceptor_stop(acceptor);
    close(lfd);
    for (unsigned i = 0; i < threads; i++)
        MHD_stop_daemon(lanes[i].d);
    free(lanes);
    free(body);
    return 0;
}
