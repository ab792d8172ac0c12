/* crmd_main.c — entry point of crmd: options, logging, the main loop,
 * start-up order and the graceful shutdown on SIGTERM. */
#include "crmd.h"

#include <glib-unix.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

struct crmd_state crmd;

static void log_setup(const char *logfile, bool verbose)
{
    int level = verbose ? LOG_DEBUG : LOG_INFO;
    qb_log_init("crmd", LOG_DAEMON, level);
    qb_log_ctl(QB_LOG_SYSLOG, QB_LOG_CONF_ENABLED, QB_FALSE);
    qb_log_ctl(QB_LOG_STDERR, QB_LOG_CONF_ENABLED, QB_TRUE);
    qb_log_filter_ctl(QB_LOG_STDERR, QB_LOG_FILTER_ADD, QB_LOG_FILTER_FILE, "*", level);
    qb_log_format_set(QB_LOG_STDERR, "%t [%P] %p: %b");
    if (logfile != NULL) {
        int t = qb_log_file_open(logfile);
        if (t >= 0) {
            qb_log_ctl(t, QB_LOG_CONF_ENABLED, QB_TRUE);
            qb_log_filter_ctl(t, QB_LOG_FILTER_ADD, QB_LOG_FILTER_FILE, "*", level);
            qb_log_format_set(t, "%t [%P] %p: %b");
        }
    }
}

static char *execd_find(const char *given)
{
    if (given != NULL) {
        return g_strdup(given);
    }
    const char *env = g_getenv("CRM_EXECD");
    if (env != NULL && g_file_test(env, G_FILE_TEST_IS_EXECUTABLE)) {
        return g_strdup(env);
    }
    g_autofree char *self = g_file_read_link("/proc/self/exe", NULL);
    g_autofree char *dir = self ? g_path_get_dirname(self) : NULL;
    g_autofree char *beside = dir ? g_build_filename(dir, "..", "execd", "crm-execd", NULL) : NULL;
    if (beside != NULL && g_file_test(beside, G_FILE_TEST_IS_EXECUTABLE)) {
        return g_steal_pointer(&beside);
    }
    g_autofree char *installed = g_build_filename(CRMD_SBINDIR, "crm-execd", NULL);
    if (g_file_test(installed, G_FILE_TEST_IS_EXECUTABLE)) {
        return g_steal_pointer(&installed);
    }
    return NULL;
}

void crmd_leave(void)
{
    if (crmd.shutting_down) {
        return;
    }
    qb_log(LOG_NOTICE, "shutting down");
    crmd.shutting_down = true;
    if (crmd.cpg_connected) {
        g_autoptr(JsonObject) body = json_object_new();
        crmd_cpg_send(CRMD_MSG_SHUTDOWN, body);
    }
    crmd_execd_stop();
    crmd_requests_fail_all(-ESHUTDOWN, "crmd is shutting down");
    if (crmd.cpg_connected) {
        struct cpg_name name = {.length = 3, .value = "crm"};
        cpg_leave(crmd.cpg, &name);
    }
    g_main_loop_quit(crmd.loop);
}

/* The first signal asks the DC to stop this node's resources (crmd_leave
 * follows when it has); a second one, or no cluster, leaves at once. */
static gboolean on_term(gpointer data)
{
    if (!crmd.shutting_down && !crmd_te_shutdown_request()) {
        crmd_leave();
    }
    return G_SOURCE_CONTINUE;
}

static gboolean first_connect(gpointer data)
{
    if (crmd_cluster_connect() == 0) {
        crmd.reconnect_timer = 0;
        return G_SOURCE_REMOVE;
    }
    return G_SOURCE_CONTINUE;
}

static void state_init(void)
{
    crmd.nodes = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
    crmd.members = g_array_new(FALSE, FALSE, sizeof(guint32));
    crmd.outq = g_queue_new();
    crmd.offers = g_array_new(FALSE, FALSE, sizeof(struct crmd_offer));
    crmd.pending = crmd_pending_table_new();
    crmd.held = g_queue_new();
    crmd.dampen = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, crmd_dampen_free);
    crmd.loop = g_main_loop_new(NULL, FALSE);
}

int main(int argc, char **argv)
{
    g_autofree char *state_dir = NULL;
    g_autofree char *run_dir = NULL;
    g_autofree char *execd = NULL;
    g_autofree char *logfile = NULL;
    gboolean verbose = FALSE;
    GOptionEntry entries[] = {
        {"state-dir", 's', 0, G_OPTION_ARG_FILENAME, &state_dir,
         "where cib.xml is kept ($CRM_STATE_DIR, /var/lib/crm)", "DIR"},
        {"run-dir", 'r', 0, G_OPTION_ARG_FILENAME, &run_dir, "where pid files go (/run/crm)",
         "DIR"},
        {"execd", 'e', 0, G_OPTION_ARG_FILENAME, &execd, "the crm-execd binary to run", "PATH"},
        {"logfile", 'l', 0, G_OPTION_ARG_FILENAME, &logfile,
         "also log to this file ($CRM_LOG_FILE)", "FILE"},
        {"verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose, "log debug messages", NULL},
        {NULL}};
    g_autoptr(GOptionContext) ctx = g_option_context_new("- the crm cluster daemon");
    g_option_context_add_main_entries(ctx, entries, NULL);
    g_autoptr(GError) error = NULL;
    if (!g_option_context_parse(ctx, &argc, &argv, &error)) {
        fprintf(stderr, "crmd: %s\n", error->message);
        return CRM_EXIT_USAGE;
    }
    signal(SIGPIPE, SIG_IGN);
    log_setup(logfile ? logfile : g_getenv("CRM_LOG_FILE"), verbose);
    state_init();
    /* The design fixes /var/lib/crm (the lab bind-mounts it per node);
     * CRM_STATE_DIR follows the prefix, /var/local/lib/crm under /usr/local. */
    const char *env_dir = g_getenv("CRM_STATE_DIR");
    crmd.state_dir = g_strdup(state_dir ? state_dir : env_dir ? env_dir : "/var/lib/crm");
    crmd.run_dir = g_strdup(run_dir ? run_dir : "/run/crm");
    crmd.execd_path = execd_find(execd);
    if (crmd_store_load(crmd.state_dir, &crmd.cib, &error) < 0) {
        qb_log(LOG_CRIT, "cannot load the CIB: %s", error->message);
        return CRM_EXIT_INVALID;
    }
    int rc = crmd_ipc_start();
    if (rc < 0) {
        qb_log(LOG_CRIT, "cannot start the IPC server '%s': %s (is another crmd running?)",
               CRM_CLIENT_SERVICE, g_strerror(-rc));
        return CRM_EXIT_ERROR;
    }
    g_unix_signal_add(SIGTERM, on_term, NULL);
    g_unix_signal_add(SIGINT, on_term, NULL);
    if (crmd_cluster_connect() < 0) {
        qb_log(LOG_WARNING, "corosync is not reachable yet: retrying every second");
        crmd.reconnect_timer = g_timeout_add(1000, first_connect, NULL);
    }
    crmd_execd_start();
    crmd_fence_init();
    qb_log(LOG_NOTICE, "crmd %s started", CRM_VERSION);
    g_main_loop_run(crmd.loop);
    crmd_cluster_disconnect();
    crmd_ipc_stop();
    qb_log(LOG_NOTICE, "crmd stopped");
    qb_log_fini();
    return CRM_EXIT_OK;
}
