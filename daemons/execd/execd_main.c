/* execd_main.c — crm-execd: options, logging, signals and the main loop. The
 * work is in execd_rsc.c (resources), execd_ipc.c and execd_requests.c. */
#include "execd.h"

#include <fcntl.h>
#include <glib-unix.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static gboolean on_quit(gpointer data)
{
    qb_log(LOG_NOTICE, "crm-execd shutting down on a signal");
    g_main_loop_quit(data);
    return G_SOURCE_CONTINUE;
}

/* crm_log_init of lib/common; INFO by default so that every result of a
 * one-off action leaves a line, unless CRM_LOG_LEVEL or CRM_DEBUG says more. */
static void log_setup(gboolean verbose, gboolean no_syslog)
{
    int level = LOG_INFO;
    if (verbose) {
        level = LOG_DEBUG;
    } else if (g_getenv("CRM_LOG_LEVEL") != NULL || g_getenv("CRM_DEBUG") != NULL) {
        level = -1;
    }
    unsigned targets = CRM_LOG_TARGET_STDERR | (no_syslog ? 0 : CRM_LOG_TARGET_SYSLOG);
    crm_log_init("crm-execd", targets, level);
}

int main(int argc, char **argv)
{
    g_autofree char *name = NULL;
    gboolean verbose = FALSE, no_syslog = FALSE, version = FALSE;
    gint max_children = 0;
    GOptionEntry entries[] = {
        {"name", 'n', 0, G_OPTION_ARG_STRING, &name,
         "IPC service name (default $CRM_EXECD_NAME or crm-execd)", "NAME"},
        {"max-children", 'j', 0, G_OPTION_ARG_INT, &max_children,
         "agents running at once, at most (default 16)", "N"},
        {"verbose", 'V', 0, G_OPTION_ARG_NONE, &verbose, "log debug messages too", NULL},
        {"no-syslog", 0, 0, G_OPTION_ARG_NONE, &no_syslog, "log to stderr only", NULL},
        {"version", 0, 0, G_OPTION_ARG_NONE, &version, "print the version and exit", NULL},
        {NULL}};
    g_autoptr(GOptionContext) ctx = g_option_context_new("- the crm executor daemon");
    g_option_context_set_summary(ctx, "Runs resource agent actions for crmd: one action at a "
                                      "time per resource, recurring monitors, history.");
    g_option_context_set_description(ctx, "Exit codes: 0 clean shutdown, 1 usage error, "
                                          "8 the IPC service could not start.\n");
    g_option_context_add_main_entries(ctx, entries, NULL);
    g_autoptr(GError) error = NULL;
    if (!g_option_context_parse(ctx, &argc, &argv, &error) || argc > 1 || max_children < 0 ||
        max_children > 1024) {
        fprintf(stderr, "crm-execd: %s; see --help\n",
                error ? error->message : "bad arguments (--max-children is 1 to 1024)");
        return CRM_EXIT_USAGE;
    }
    if (version) {
        printf("crm-execd (crm) %s\n", CRM_VERSION);
        return CRM_EXIT_OK;
    }
    if (max_children == 0) {
        max_children = 16;
    }
    const char *service = name ? name : crm_execd_service_name();
    signal(SIGPIPE, SIG_IGN);
    /* fds 0-2 must be taken, or a pipe to an agent could become its stdin */
    int fd;
    while ((fd = open("/dev/null", O_RDWR)) >= 0 && fd <= 2) {
    }
    if (fd > 2) {
        close(fd);
    }
    log_setup(verbose, no_syslog);

    GMainLoop *loop = g_main_loop_new(NULL, FALSE);
    execd_rsc_init((guint)max_children);
    int rc = execd_ipc_start(service);
    if (rc < 0) {
        qb_log(LOG_CRIT, "cannot offer IPC service '%s': %s (is another crm-execd running?)",
               service, g_strerror(-rc));
        crm_log_fini();
        return CRM_EXIT_ERROR;
    }
    g_unix_signal_add(SIGTERM, on_quit, loop);
    g_unix_signal_add(SIGINT, on_quit, loop);
    qb_log(LOG_NOTICE, "crm-execd %s serving '%s' (OCF_ROOT %s, %d agents at once)", CRM_VERSION,
           service, crm_ocf_root(), max_children);
    g_main_loop_run(loop);
    execd_ipc_stop();
    execd_rsc_shutdown();
    g_main_loop_unref(loop);
    crm_log_fini();
    return CRM_EXIT_OK;
}
