/* sched_bundle_params.c — the parameters of a bundle's container resources
 * (image, run_opts, mount_points, run_cmd, monitor_cmd) in the exact form
 * Pacemaker gives them, so that recorded operation digests still match. */
#include "sched_bundle_internal.h"

#include <string.h>

#define BUNDLE_AUTHKEY "/etc/pacemaker/authkey"
#define BUNDLE_LOG_ROOT "/var/log/pacemaker/bundles"
#define BUNDLE_REMOTED "/usr/sbin/pacemaker-remoted"

static bool is_rkt(const struct bundle_cfg *cfg)
{
    return strcmp(cfg->kind, "rkt") == 0;
}

static const char *control_port(const struct bundle_cfg *cfg)
{
    return cfg->port != NULL ? cfg->port : "3121";
}

/* One volume: docker/podman "-v SRC:TGT[:OPTS]", rkt a volume and a mount. */
static void add_mount(const struct bundle_cfg *cfg, GString *opts, const char *src, const char *tgt,
                      const char *options, int *volid)
{
    if (is_rkt(cfg)) {
        g_string_append_printf(
            opts, " --volume vol%d,kind=host,source=%s%s%s --mount volume=vol%d,target=%s", *volid,
            src, options != NULL ? "," : "", options != NULL ? options : "", *volid, tgt);
        (*volid)++;
        return;
    }
    g_string_append_printf(opts, " -v %s:%s", src, tgt);
    if (options != NULL) {
        g_string_append_printf(opts, ":%s", options);
    }
}

static void add_mounts(const struct bundle_cfg *cfg, int i, GString *opts, GString *points)
{
    int volid = 0;
    bool log_mount = true;
    xmlNode *storage = NULL;
    for (xmlNode *c = cfg->xml->children; c != NULL; c = c->next) {
        storage = sched_bundle_elem_is(c, "storage") ? c : storage;
    }
    for (xmlNode *m = storage != NULL ? storage->children : NULL; m != NULL; m = m->next) {
        if (!sched_bundle_elem_is(m, "storage-mapping")) {
            continue;
        }
        const char *src = sched_xml_attr(m, "source-dir");
        const char *root = src == NULL ? sched_xml_attr(m, "source-dir-root") : NULL;
        const char *tgt = sched_xml_attr(m, "target-dir");
        if ((src == NULL && root == NULL) || tgt == NULL) {
            continue;
        }
        log_mount = log_mount && strcmp(tgt, "/var/log") != 0;
        g_autofree char *sub = root != NULL ? g_strdup_printf("%s/%s-%d", root, cfg->id, i) : NULL;
        if (sub != NULL) {
            g_string_append_printf(points, "%s%s", points->len > 0 ? "," : "", sub);
        }
        add_mount(cfg, opts, sub != NULL ? sub : src, tgt, sched_xml_attr(m, "options"), &volid);
    }
    if (cfg->prim == NULL) {
        return;
    }
    add_mount(cfg, opts, BUNDLE_AUTHKEY, BUNDLE_AUTHKEY, NULL, &volid);
    if (log_mount) {
        g_autofree char *sub = g_strdup_printf("%s/%s-%d", BUNDLE_LOG_ROOT, cfg->id, i);
        g_string_append_printf(points, "%s%s", points->len > 0 ? "," : "", sub);
        add_mount(cfg, opts, sub, "/var/log", NULL, &volid);
    }
}

static void add_port(const struct bundle_cfg *cfg, int i, GString *opts, const char *src,
                     const char *tgt)
{
    const char *ip = cfg->ips != NULL ? cfg->ips[i] : NULL;
    if (is_rkt(cfg)) {
        g_string_append_printf(opts, " --port=%s:%s%s%s", tgt, ip != NULL ? ip : "",
                               ip != NULL ? ":" : "", src);
    } else if (ip != NULL) {
        g_string_append_printf(opts, " -p %s:%s:%s", ip, src, tgt);
    } else if (g_strcmp0(cfg->network, "host") != 0) {
        g_string_append_printf(opts, " -p %s:%s", src, tgt);
    }
}

static void add_ports(const struct bundle_cfg *cfg, int i, GString *opts)
{
    xmlNode *net = NULL;
    for (xmlNode *c = cfg->xml->children; c != NULL; c = c->next) {
        net = sched_bundle_elem_is(c, "network") ? c : net;
    }
    for (xmlNode *m = net != NULL ? net->children : NULL; m != NULL; m = m->next) {
        if (!sched_bundle_elem_is(m, "port-mapping")) {
            continue;
        }
        const char *src = sched_xml_attr(m, "port");
        const char *tgt = src != NULL ? sched_xml_attr(m, "internal-port") : NULL;
        if (src == NULL) {
            src = sched_xml_attr(m, "range");
        }
        if (src == NULL || src[0] == '\0') {
            continue;
        }
        add_port(cfg, i, opts, src, tgt != NULL ? tgt : src);
    }
    if (cfg->prim != NULL) {
        add_port(cfg, i, opts, control_port(cfg), control_port(cfg));
    }
}

/* Every replica's container knows every replica's address. */
static void add_hosts(const struct bundle_cfg *cfg, GString *opts)
{
    g_autoptr(GString) hosts = g_string_new(NULL);
    for (int k = 0; cfg->ips != NULL && k < cfg->replicas; k++) {
        if (!is_rkt(cfg) && cfg->add_host) {
            g_string_append_printf(hosts, " --add-host=%s-%d:%s", cfg->id, k, cfg->ips[k]);
        } else {
            g_string_append_printf(hosts, " --hosts-entry=%s=%s-%d", cfg->ips[k], cfg->id, k);
        }
    }
    if (cfg->options != NULL) {
        g_string_append_printf(opts, " %s", cfg->options);
    }
    g_string_append_printf(opts, " %s", hosts->str);
}

void sched_bundle_container_params(const struct bundle_cfg *cfg, int i, GHashTable *ret_params)
{
    const char *env = is_rkt(cfg) ? "--environment=" : "-e ";
    g_autoptr(GString) opts = g_string_new(NULL);
    g_autoptr(GString) points = g_string_new(NULL);
    if (strcmp(cfg->kind, "docker") == 0) {
        g_string_append(opts, " --restart=no");
    }
    if (cfg->ips != NULL) {
        g_string_append_printf(opts, " %s%s-%d", is_rkt(cfg) ? "--hostname=" : "-h ", cfg->id, i);
    }
    g_string_append_printf(opts, " %sPCMK_stderr=1", env);
    if (cfg->network != NULL) {
        g_string_append_printf(opts, " --net=%s", cfg->network);
    }
    g_string_append_printf(opts, " %sPCMK_remote_port=%s", env, control_port(cfg));
    add_mounts(cfg, i, opts, points);
    add_ports(cfg, i, opts);
    add_hosts(cfg, opts);
    if (cfg->image != NULL) {
        g_hash_table_replace(ret_params, g_strdup("image"), g_strdup(cfg->image));
    }
    g_hash_table_replace(ret_params, g_strdup("allow_pull"), g_strdup("true"));
    g_hash_table_replace(ret_params, g_strdup("force_kill"), g_strdup("false"));
    g_hash_table_replace(ret_params, g_strdup("reuse"), g_strdup("false"));
    g_hash_table_replace(ret_params, g_strdup("run_opts"), g_strdup(opts->str));
    g_hash_table_replace(ret_params, g_strdup("mount_points"), g_strdup(points->str));
    const char *cmd = cfg->run_command;
    if (cmd == NULL && cfg->prim != NULL) {
        cmd = BUNDLE_REMOTED;
    }
    if (cmd != NULL) {
        g_hash_table_replace(ret_params, g_strdup("run_cmd"), g_strdup(cmd));
    }
    g_hash_table_replace(ret_params, g_strdup("monitor_cmd"), g_strdup("/bin/true"));
}
