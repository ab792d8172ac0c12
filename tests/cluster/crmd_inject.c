/* crmd_inject.c — a test tool that talks to crmd the wrong way on purpose:
 * raw IPC bodies, short IPC messages, and malformed CPG messages in the
 * "crm" group; also a plain JSON call for scripting.
 *   crmd_inject call JSON          send a request, print the reply
 *   crmd_inject ipc-raw TEXT       send TEXT as a request body
 *   crmd_inject ipc-short          send a message shorter than a header
 *   crmd_inject cpg-garbage        send malformed messages to group crm */
#include <crm/client.h>

#include <corosync/cpg.h>
#include <qb/qbipcc.h>
#include <stdio.h>
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

int main(int argc, char **argv)
{
    if (argc >= 3 && (strcmp(argv[1], "call") == 0 || strcmp(argv[1], "ipc-raw") == 0)) {
        return ipc(argv[1], argv[2]);
    }
    if (argc == 2 && strcmp(argv[1], "ipc-short") == 0) {
        return ipc_short();
    }
    if (argc == 2 && strcmp(argv[1], "cpg-garbage") == 0) {
        return cpg_garbage();
    }
    fprintf(stderr, "usage: crmd_inject call JSON | ipc-raw TEXT | ipc-short | cpg-garbage\n");
    return 1;
}
