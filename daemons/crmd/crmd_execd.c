/* crmd_execd.c — starts crm-execd and keeps it running: restarts it when
 * it dies (with a growing delay), adopts one left running by a previous
 * crmd (via its pid file), stops it on a clean shutdown; and the IPC
 * connection to it, subscribed to its results. */
#include "crmd.h"

#include <crm/exec.h>
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static char *pid_path(void)
{
    return g_strdup_printf("%s/crm-execd.pid", crmd.run_dir);
}

static void pid_write(GPid pid)
{
    g_autofree char *path = pid_path();
    g_autofree char *text = g_strdup_printf("%d\n", pid);
    g_mkdir_with_parents(crmd.run_dir, 0750);
    if (!g_file_set_contents(path, text, -1, NULL)) {
        qb_log(LOG_WARNING, "cannot write %s", path);
    }
}

/* A crm-execd left by a previous crmd of this node, still alive. */
static GPid pid_adoptable(void)
{
    g_autofree char *path = pid_path();
    g_autofree char *text = NULL;
    if (!g_file_get_contents(path, &text, NULL, NULL)) {
        return 0;
    }
    gint64 pid = g_ascii_strtoll(text, NULL, 10);
    if (pid <= 1 || pid > G_MAXINT32 || kill((pid_t)pid, 0) < 0) {
        return 0;
    }
    g_autofree char *exe_link = g_strdup_printf("/proc/%d/exe", (int)pid);
    g_autofree char *exe = g_file_read_link(exe_link, NULL);
    g_autofree char *base = exe ? g_path_get_basename(exe) : NULL;
    return g_strcmp0(base, "crm-execd") == 0 ? (GPid)pid : 0;
}

static void schedule_start(void);
static crm_exec_client_t *client;
static guint check_timer;
static guint check_tries;

static gboolean client_free_cb(gpointer data)
{
    crm_exec_client_free(data);
    return G_SOURCE_REMOVE;
}

static void on_lost(gpointer data)
{
    qb_log(LOG_WARNING, "lost the IPC connection to crm-execd");
    crmd.execd_connected = false;
    /* freeing the client from its own callback is not safe: later */
    g_idle_add(client_free_cb, client);
    client = NULL;
}

static void on_event(const crm_exec_event_t *ev, gpointer data)
{
    crmd_te_exec_event(ev);
}

crm_exec_client_t *crmd_execd_client(void)
{
    return client;
}

/* Subscribes to results; then the transition engine sends this node's
 * history (a new crm-execd has none: its resources get probed again). */
static bool connected(void)
{
    static GPid last_pid;
    if (crm_exec_client_subscribe(client) < 0) {
        qb_log(LOG_WARNING, "cannot subscribe to crm-execd's results: %s",
               crm_exec_client_last_error(client));
        crm_exec_client_free(client);
        client = NULL;
        return false;
    }
    crm_exec_client_attach(client, on_event, on_lost, NULL);
    crmd.execd_connected = true;
    qb_log(LOG_NOTICE, "connected to crm-execd (pid %d)", crmd.execd_pid);
    bool fresh = crmd.execd_pid != last_pid;
    last_pid = crmd.execd_pid;
    crmd_te_execd_connected(fresh);
    return true;
}

/* The connection check: crm-execd must answer on its IPC service soon
 * after it starts. */
static gboolean check_cb(gpointer data)
{
    if (client != NULL || crmd.execd_pid == 0) {
        check_timer = 0;
        return G_SOURCE_REMOVE;
    }
    if (crm_exec_client_connect(NULL, &client) == 0 && connected()) {
        check_timer = 0;
        return G_SOURCE_REMOVE;
    }
    if (++check_tries == 40) {
        qb_log(LOG_ERR, "crm-execd (pid %d) does not answer on IPC after 20 s", crmd.execd_pid);
    }
    return G_SOURCE_CONTINUE;
}

static void check_start(void)
{
    check_tries = 0;
    if (check_timer == 0) {
        check_timer = g_timeout_add(500, check_cb, NULL);
    }
}

static void on_execd_exit(GPid pid, gint status, gpointer data)
{
    g_spawn_close_pid(pid);
    crmd.execd_watch = 0;
    crmd.execd_pid = 0;
    if (crmd.shutting_down) {
        return;
    }
    if (WIFSIGNALED(status)) {
        qb_log(LOG_ERR, "crm-execd (pid %d) was killed by signal %d; restarting it", pid,
               WTERMSIG(status));
    } else {
        qb_log(LOG_ERR, "crm-execd (pid %d) exited with status %d; restarting it", pid,
               WEXITSTATUS(status));
    }
    schedule_start();
}

/* An adopted crm-execd is not our child: poll whether it still lives. */
static gboolean adopted_check(gpointer data)
{
    if (crmd.execd_pid != 0 && kill(crmd.execd_pid, 0) == 0) {
        return G_SOURCE_CONTINUE;
    }
    crmd.execd_watch = 0;
    if (!crmd.shutting_down) {
        qb_log(LOG_ERR, "crm-execd (pid %d) is gone; restarting it", crmd.execd_pid);
        crmd.execd_pid = 0;
        schedule_start();
    }
    return G_SOURCE_REMOVE;
}

static bool spawn(void)
{
    char *argv[] = {crmd.execd_path, NULL};
    g_autoptr(GError) error = NULL;
    GPid pid = 0;
    if (!g_spawn_async(NULL, argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid, &error)) {
        qb_log(LOG_ERR, "cannot start %s: %s", crmd.execd_path, error->message);
        return false;
    }
    crmd.execd_pid = pid;
    crmd.execd_watch = g_child_watch_add(pid, on_execd_exit, NULL);
    pid_write(pid);
    qb_log(LOG_NOTICE, "started crm-execd (pid %d)", pid);
    check_start();
    return true;
}

static gboolean start_cb(gpointer data)
{
    crmd.execd_timer = 0;
    GPid old = pid_adoptable();
    if (old != 0) {
        crmd.execd_pid = old;
        crmd.execd_watch = g_timeout_add(1000, adopted_check, NULL);
        qb_log(LOG_NOTICE, "crm-execd (pid %d) is already running: supervising it", old);
        check_start();
        return G_SOURCE_REMOVE;
    }
    if (!spawn()) {
        schedule_start();
    }
    return G_SOURCE_REMOVE;
}

static void schedule_start(void)
{
    guint delay = MIN(100u << MIN(crmd.execd_restarts, 7u), 10000u);
    crmd.execd_restarts++;
    if (crmd.execd_timer == 0) {
        crmd.execd_timer = g_timeout_add(delay, start_cb, NULL);
    }
}

void crmd_execd_start(void)
{
    if (crmd.execd_path == NULL) {
        qb_log(LOG_WARNING, "no crm-execd found: resources cannot be run on this node");
        return;
    }
    start_cb(NULL);
}

void crmd_execd_stop(void)
{
    if (check_timer != 0) {
        g_source_remove(check_timer);
        check_timer = 0;
    }
    g_clear_pointer(&client, crm_exec_client_free);
    crmd.execd_connected = false;
    if (crmd.execd_timer != 0) {
        g_source_remove(crmd.execd_timer);
        crmd.execd_timer = 0;
    }
    if (crmd.execd_pid == 0) {
        return;
    }
    GPid pid = crmd.execd_pid;
    kill(pid, SIGTERM);
    for (int i = 0; i < 100; i++) { /* up to 10 s */
        int status;
        pid_t r = waitpid(pid, &status, WNOHANG);
        if (r == pid || (r < 0 && errno == ECHILD && kill(pid, 0) < 0)) {
            break;
        }
        g_usleep(100 * 1000);
    }
    if (kill(pid, 0) == 0) {
        qb_log(LOG_WARNING, "crm-execd (pid %d) did not stop in 10 s: killing it", pid);
        kill(pid, SIGKILL);
        waitpid(pid, NULL, 0);
    }
    g_autofree char *path = pid_path();
    unlink(path);
    crmd.execd_pid = 0;
    qb_log(LOG_NOTICE, "stopped crm-execd");
}
