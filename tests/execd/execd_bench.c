/* execd_bench.c — load generator for bench/execd: N resources with
 * recurring monitors on a running crm-execd; measures the daemon's own CPU
 * time (utime + stime of /proc/PID/stat; agents are its children and not
 * counted) and the delay from an injected failure to its event. */
#include <crm/exec.h>

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static double proc_cpu_s(int pid)
{
    g_autofree char *path = g_strdup_printf("/proc/%d/stat", pid);
    g_autofree char *stat = NULL;
    if (!g_file_get_contents(path, &stat, NULL, NULL)) {
        return -1;
    }
    const char *p = strrchr(stat, ')');
    unsigned long long utime = 0, stime = 0;
    /* after ") ": state(3) ... utime is field 14, stime 15 */
    if (p == NULL || sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", &utime,
                            &stime) != 2) {
        return -1;
    }
    return (double)(utime + stime) / (double)sysconf(_SC_CLK_TCK);
}

static gint64 daemon_runs(crm_exec_client_t *c)
{
    g_autoptr(JsonObject) req = json_object_new();
    g_autoptr(JsonObject) status = NULL;
    json_object_set_string_member(req, "op", "status");
    if (crm_exec_client_call(c, req, 5000, &status) < 0) {
        return -1;
    }
    return json_object_get_int_member(status, "runs");
}

static void die(crm_exec_client_t *c, const char *what)
{
    fprintf(stderr, "execd-bench: %s: %s\n", what, crm_exec_client_last_error(c));
    exit(1);
}

static void setup(crm_exec_client_t *c, int n, guint64 interval_ms, const char *dir)
{
    g_autoptr(crm_agent_t) agent = NULL;
    crm_agent_parse("ocf:crmtest:good", &agent, NULL);
    for (int i = 0; i < n; i++) {
        g_autofree char *id = g_strdup_printf("bench%d", i);
        g_autoptr(GHashTable) params =
            g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
        g_hash_table_insert(params, g_strdup("state"), g_strdup_printf("%s/%s.state", dir, id));
        g_hash_table_insert(params, g_strdup("fail_file"), g_strdup_printf("%s/%s.fail", dir, id));
        int call = 0;
        if (crm_exec_client_register(c, id, agent, params) < 0 ||
            crm_exec_client_exec(c, id, "start", 0, 20000, NULL, &call) < 0) {
            die(c, "register/start");
        }
    }
    for (int i = 0; i < n; i++) {
        g_autoptr(crm_exec_event_t) ev = NULL;
        if (crm_exec_client_wait_event(c, -1, 120000, &ev) < 0) {
            die(c, "start results");
        }
    }
    for (int i = 0; i < n; i++) {
        g_autofree char *id = g_strdup_printf("bench%d", i);
        int call = 0;
        if (crm_exec_client_exec(c, id, "monitor", interval_ms, 20000, NULL, &call) < 0) {
            die(c, "monitor");
        }
    }
    for (int i = 0; i < n; i++) { /* first result of each monitor */
        g_autoptr(crm_exec_event_t) ev = NULL;
        if (crm_exec_client_wait_event(c, -1, 120000, &ev) < 0) {
            die(c, "monitor results");
        }
    }
}

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: execd-bench RESOURCES INTERVAL_S DURATION_S DIR\n");
        return 1;
    }
    int n = atoi(argv[1]), duration = atoi(argv[3]);
    guint64 interval_ms = (guint64)atoi(argv[2]) * 1000;
    const char *dir = argv[4];
    g_autoptr(crm_exec_client_t) c = NULL;
    if (crm_exec_client_connect(NULL, &c) < 0 || crm_exec_client_subscribe(c) < 0) {
        fprintf(stderr, "execd-bench: crm-execd not reachable\n");
        return 1;
    }
    g_autoptr(JsonObject) req = json_object_new();
    g_autoptr(JsonObject) status = NULL;
    json_object_set_string_member(req, "op", "status");
    if (crm_exec_client_call(c, req, 5000, &status) < 0) {
        die(c, "status");
    }
    int pid = (int)json_object_get_int_member(status, "pid");
    gint64 t_setup = g_get_monotonic_time();
    setup(c, n, interval_ms, dir);
    printf("setup: %d resources started and monitored in %.1f s\n", n,
           (g_get_monotonic_time() - t_setup) / 1e6);

    double cpu0 = proc_cpu_s(pid);
    gint64 runs0 = daemon_runs(c);
    gint64 t0 = g_get_monotonic_time(), end = t0 + (gint64)duration * G_USEC_PER_SEC;
    GArray *delays = g_array_new(FALSE, FALSE, sizeof(double));
    int events = 0, victim = -1;
    gint64 injected = 0;
    while (g_get_monotonic_time() < end) {
        if (victim < 0) { /* inject a failure on a random resource */
            victim = g_random_int_range(0, n);
            g_autofree char *f = g_strdup_printf("%s/bench%d.fail", dir, victim);
            g_file_set_contents(f, "", 0, NULL);
            injected = g_get_monotonic_time();
        }
        g_autoptr(crm_exec_event_t) ev = NULL;
        if (crm_exec_client_wait_event(c, -1, 1000, &ev) < 0) {
            continue;
        }
        events++;
        g_autofree char *want = g_strdup_printf("bench%d", victim);
        if (ev->result.rc == CRM_OCF_NOT_RUNNING && g_strcmp0(ev->rsc_id, want) == 0) {
            double d = (g_get_monotonic_time() - injected) / 1000.0;
            g_array_append_val(delays, d);
            g_autofree char *f = g_strdup_printf("%s/bench%d.fail", dir, victim);
            g_unlink(f);
            victim = -1;
        }
    }
    double cpu = proc_cpu_s(pid) - cpu0;
    gint64 runs = daemon_runs(c) - runs0;
    double secs = (g_get_monotonic_time() - t0) / 1e6;
    printf("crm-execd CPU: %.2f s in %.1f s = %.2f %% of one core (agents excluded)\n", cpu, secs,
           100.0 * cpu / secs);
    printf("monitor runs: %" G_GINT64_FORMAT " (%.0f expected at the interval); %.0f us of "
           "daemon CPU per run; events (changes) received: %d\n",
           runs, secs * n / ((double)interval_ms / 1000), runs > 0 ? cpu * 1e6 / runs : 0.0,
           events);
    double sum = 0, max = 0, min = 1e9;
    for (guint i = 0; i < delays->len; i++) {
        double d = g_array_index(delays, double, i);
        sum += d;
        max = MAX(max, d);
        min = MIN(min, d);
    }
    if (delays->len > 0) {
        printf("failure to event: %u failures, min %.0f ms, mean %.0f ms, max %.0f ms "
               "(interval %" G_GUINT64_FORMAT " ms)\n",
               delays->len, min, sum / delays->len, max, interval_ms);
    }
    g_array_free(delays, TRUE);
    for (int i = 0; i < n; i++) {
        g_autofree char *id = g_strdup_printf("bench%d", i);
        crm_exec_client_unregister(c, id);
    }
    return 0;
}
