/* crmd_inject.c — a test tool that talks to crmd the wrong way on purpose:
 * raw IPC bodies, short IPC messages, and malformed CPG messages in the
 * "crm" group; also a plain JSON call for scripting.
 *   crmd_inject call JSON          send a request, print the reply
 *   crmd_inject ipc-raw TEXT       send TEXT as a request body
 *   crmd_inject ipc-short          send a message shorter than a header
 *   crmd_inject cpg-garbage        send malformed messages to group crm
 *   crmd_inject bench N            N property sets on one connection: prints
 *                                  the seconds they took
 *   crmd_inject set-timed NAME VAL property set; prints the time it was sent
 *   crmd_inject wait-prop NAME VAL polls until the property has VAL; prints
 *                                  the time it was seen (epoch seconds) */
#include <crm/client.h>

#include <corosync/cpg.h>
#include <qb/qbipcc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>

static int ipc(const char *mode, const char *text)
{
    g_autoptr(crm_client_t) client = NULL;
    g_autoptr(GError) error = NULL;
    if (crm_client_connect(&client, &error) < 0) {
        fprintf(stderr, "%s\n", error->message);
        return 4;
    }
    g_autofree char *reply = NULL;
    gsize len = 0;
    int rc = crm_client_call_raw(client, text, strlen(text), &reply, &len);
    if (rc < 0) {
        fprintf(stderr, "call failed: %s\n", crm_strerror(rc));
        return 1;
    }
    printf("%s\n", reply);
    return 0;
}

static int ipc_short(void)
{
    qb_ipcc_connection_t *c = qb_ipcc_connect(CRM_CLIENT_SERVICE, CRM_CLIENT_MAX_MSG + 4096);
    if (c == NULL) {
        return 4;
    }
    char junk[4] = {1, 2, 3, 4};
    struct iovec iov = {junk, sizeof(junk)};
    ssize_t n = qb_ipcc_sendv(c, &iov, 1);
    qb_ipcc_disconnect(c);
    printf("sent %zd bytes\n", n);
    return n < 0 ? 1 : 0;
}

static void cpg_send(cpg_handle_t h, const void *buf, size_t len)
{
    struct iovec iov = {(void *)buf, len};
    for (int i = 0; i < 50; i++) {
        if (cpg_mcast_joined(h, CPG_TYPE_AGREED, &iov, 1) != CS_ERR_TRY_AGAIN) {
            return;
        }
        g_usleep(20000);
    }
}

static int cpg_garbage(void)
{
    cpg_handle_t h;
    cpg_callbacks_t cb = {0};
    struct cpg_name name = {.length = 3, .value = "crm"};
    unsigned int local = 0;
    if (cpg_initialize(&h, &cb) != CS_OK || cpg_join(h, &name) != CS_OK ||
        cpg_local_get(h, &local) != CS_OK) {
        fprintf(stderr, "cannot join CPG group crm\n");
        return 4;
    }
    g_usleep(500000); /* let the join settle so the messages are delivered */
    cpg_send(h, "garbage", 7);
    struct crmd_hdr {
        guint32 magic, pad1, len, sender;
    } __attribute__((packed)) hdr = {GUINT32_TO_LE(0x444d5243u), GUINT32_TO_LE(0x00030001u), 0, 0};
    char bad[sizeof(hdr) + 8];
    hdr.len = GUINT32_TO_LE(8);
    hdr.sender = GUINT32_TO_LE(local);
    memcpy(bad, &hdr, sizeof(hdr));
    memcpy(bad + sizeof(hdr), "{\"x\":1}", 8);
    cpg_send(h, bad, sizeof(bad)); /* type 3 (change) with a NUL and no fields */
    g_usleep(500000);
    cpg_leave(h, &name);
    cpg_finalize(h);
    printf("sent 2 malformed messages as node %u\n", local);
    return 0;
}

static int bench(int n)
{
    g_autoptr(crm_client_t) client = NULL;
    g_autoptr(GError) error = NULL;
    if (crm_client_connect(&client, &error) < 0) {
        fprintf(stderr, "%s\n", error->message);
        return 4;
    }
    gint64 start = g_get_monotonic_time();
    for (int i = 0; i < n; i++) {
        char name[32], value[32];
        g_snprintf(name, sizeof(name), "bench-%d", i % 10);
        g_snprintf(value, sizeof(value), "%d", i);
        if (crm_client_property_set(client, name, value, &error) < 0) {
            fprintf(stderr, "set %d: %s\n", i, error->message);
            return 1;
        }
    }
    printf("%.3f\n", (double)(g_get_monotonic_time() - start) / G_USEC_PER_SEC);
    return 0;
}

static int timed(const char *mode, const char *name, const char *value)
{
    g_autoptr(crm_client_t) client = NULL;
    g_autoptr(GError) error = NULL;
    if (crm_client_connect(&client, &error) < 0) {
        fprintf(stderr, "%s\n", error->message);
        return 4;
    }
    if (strcmp(mode, "set-timed") == 0) {
        gint64 sent = g_get_real_time();
        int rc = crm_client_property_set(client, name, value, &error);
        printf("%.6f\n", (double)sent / G_USEC_PER_SEC);
        return rc < 0 ? 1 : 0;
    }
    for (int i = 0; i < 15000; i++) {
        g_autofree char *got = NULL;
        if (crm_client_property_get(client, name, &got, NULL) == 0 && strcmp(got, value) == 0) {
            printf("%.6f\n", (double)g_get_real_time() / G_USEC_PER_SEC);
            return 0;
        }
        g_usleep(2000);
    }
    return 1;
}

int main(int argc, char **argv)
{
    if (argc == 4 && (strcmp(argv[1], "set-timed") == 0 || strcmp(argv[1], "wait-prop") == 0)) {
        return timed(argv[1], argv[2], argv[3]);
    }
    if (argc == 3 && strcmp(argv[1], "bench") == 0) {
        return bench(atoi(argv[2]));
    }
    if (argc >= 3 && (strcmp(argv[1], "call") == 0 || strcmp(argv[1], "ipc-raw") == 0)) {
        return ipc(argv[1], argv[2]);
    }
    if (argc == 2 && strcmp(argv[1], "ipc-short") == 0) {
        return ipc_short();
    }
    if (argc == 2 && strcmp(argv[1], "cpg-garbage") == 0) {
        return cpg_garbage();
    }
    fprintf(stderr, "usage: crmd_inject call JSON | ipc-raw TEXT | ipc-short | cpg-garbage | bench "
                    "N | set-timed|wait-prop NAME VALUE\n");
    return 1;
}
