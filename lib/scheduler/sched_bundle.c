/* sched_bundle.c — expands each <bundle> of the configuration into the
 * resources Pacemaker derives from it: per replica an IP and a container
 * primitive (a guest node when the bundle has a primitive), a clone that
 * stands for the bundle and a clone of the inner primitive. */
#include "sched_bundle_internal.h"

#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

bool sched_bundle_elem_is(xmlNode *x, const char *name)
{
    return x != NULL && x->type == XML_ELEMENT_NODE && strcmp((const char *)x->name, name) == 0;
}

/* A non-negative integer attribute (dflt when absent); -1 when invalid. */
static int bundle_int(xmlNode *x, const char *name, int dflt)
{
    const char *v = sched_xml_attr(x, name);
    if (v == NULL) {
        return dflt;
    }
    char *end = NULL;
    gint64 n = g_ascii_strtoll(v, &end, 10);
    if (end == v || *end != '\0' || n < 0 || n > BUNDLE_MAX_REPLICAS) {
        return -1;
    }
    return (int)n;
}

static xmlNode *bundle_container_elem(xmlNode *b)
{
    for (xmlNode *c = b->children; c != NULL; c = c->next) {
        if (sched_bundle_elem_is(c, "docker") || sched_bundle_elem_is(c, "podman") ||
            sched_bundle_elem_is(c, "rkt")) {
            return c;
        }
    }
    return NULL;
}

/* Whether another resource (top level or one level down) has this id. */
static bool bundle_id_taken(xmlNode *resources, const char *id, xmlNode *self)
{
    for (xmlNode *x = resources != NULL ? resources->children : NULL; x != NULL; x = x->next) {
        for (xmlNode *c = x->type == XML_ELEMENT_NODE ? x->children : NULL; c != NULL;
             c = c->next) {
            if (c != self && c->type == XML_ELEMENT_NODE &&
                g_strcmp0(sched_xml_attr(c, "id"), id) == 0 &&
                !sched_bundle_elem_is(c, "meta_attributes")) {
                return true;
            }
        }
        if (x->type == XML_ELEMENT_NODE && g_strcmp0(sched_xml_attr(x, "id"), id) == 0) {
            return true;
        }
    }
    return false;
}

static int bundle_parse(struct sched_cluster *cl, xmlNode *b, struct bundle_cfg *cfg)
{
    memset(cfg, 0, sizeof(*cfg));
    cfg->xml = b;
    cfg->id = sched_xml_attr(b, "id");
    if (cfg->id == NULL || cfg->id[0] == '\0') {
        sched_error(cl, "a <bundle> in <resources> has no id");
        return CRM_ERR_PARSE;
    }
    xmlNode *ct = bundle_container_elem(b);
    if (ct == NULL) {
        sched_error(cl, "bundle '%s' has no <docker>, <podman> or <rkt> element", cfg->id);
        return CRM_ERR_PARSE;
    }
    cfg->kind = (const char *)ct->name;
    cfg->image = sched_xml_attr(ct, "image");
    cfg->options = sched_xml_attr(ct, "options");
    cfg->network = sched_xml_attr(ct, "network");
    cfg->run_command = sched_xml_attr(ct, "run-command");
    cfg->promoted_max = bundle_int(ct, "promoted-max", bundle_int(ct, "masters", 0));
    cfg->replicas = bundle_int(ct, "replicas", cfg->promoted_max > 0 ? cfg->promoted_max : 1);
    cfg->per_host = bundle_int(ct, "replicas-per-host", 1);
    if (cfg->promoted_max < 0 || cfg->replicas < 1 || cfg->per_host < 1) {
        sched_error(cl,
                    "bundle '%s': replicas, replicas-per-host and promoted-max must be "
                    "whole numbers up to %d (replicas and replicas-per-host at least 1)",
                    cfg->id, BUNDLE_MAX_REPLICAS);
        return CRM_ERR_PARSE;
    }
    xmlNode *net = NULL;
    for (xmlNode *c = b->children; c != NULL; c = c->next) {
        if (sched_bundle_elem_is(c, "network")) {
            net = c;
        } else if (sched_bundle_elem_is(c, "primitive")) {
            if (cfg->prim != NULL) {
                sched_error(cl, "bundle '%s' has more than one <primitive>", cfg->id);
                return CRM_ERR_PARSE;
            }
            cfg->prim = c;
        }
    }
    cfg->ip_start = sched_xml_attr(net, "ip-range-start");
    cfg->nic = sched_xml_attr(net, "host-interface");
    cfg->netmask = sched_xml_attr(net, "host-netmask");
    cfg->port = sched_xml_attr(net, "control-port");
    const char *add_host = sched_xml_attr(net, "add-host");
    cfg->add_host = add_host == NULL || !crm_str_is_false(add_host);
    if (cfg->prim != NULL && cfg->ip_start == NULL && cfg->port == NULL) {
        sched_error(cl,
                    "bundle '%s': its primitive can only be managed with an ip-range-start or "
                    "a control-port in <network>",
                    cfg->id);
        return CRM_ERR_PARSE;
    }
    if (cfg->prim != NULL && sched_xml_attr(cfg->prim, "id") == NULL) {
        sched_error(cl, "the <primitive> of bundle '%s' has no id", cfg->id);
        return CRM_ERR_PARSE;
    }
    const char *pid = cfg->prim != NULL ? sched_xml_attr(cfg->prim, "id") : NULL;
    if (pid != NULL && bundle_id_taken(b->parent, pid, cfg->prim)) {
        sched_error(cl, "bundle '%s': resource id '%s' is used twice", cfg->id, pid);
        return CRM_ERR_DUPLICATE_ID;
    }
    return 0;
}

/* The address after last: the next in the last octet, wrapping to .1 of
 * the next third octet after .254 (as Pacemaker allocates them). */
static char *bundle_next_ip(const char *last)
{
    unsigned o1, o2, o3, o4;
    char end;
    if (sscanf(last, "%u.%u.%u.%u%c", &o1, &o2, &o3, &o4, &end) != 4 || o3 > 253) {
        return NULL;
    }
    if (o4 > 253) {
        o3++;
        o4 = 1;
    } else {
        o4++;
    }
    return g_strdup_printf("%u.%u.%u.%u", o1, o2, o3, o4);
}

static int bundle_ips(struct sched_cluster *cl, struct bundle_cfg *cfg)
{
    if (cfg->ip_start == NULL) {
        return 0;
    }
    cfg->ips = g_new0(char *, cfg->replicas + 1);
    cfg->ips[0] = g_strdup(cfg->ip_start);
    for (int i = 1; i < cfg->replicas; i++) {
        cfg->ips[i] = bundle_next_ip(cfg->ips[i - 1]);
        if (cfg->ips[i] == NULL) {
            sched_error(cl,
                        "bundle '%s': no address for replica %d from ip-range-start '%s' "
                        "(an IPv4 address with room for %d replicas is needed)",
                        cfg->id, i, cfg->ip_start, cfg->replicas);
            return CRM_ERR_PARSE;
        }
    }
    return 0;
}

static void bundle_nvpair(xmlNode *set, const char *name, const char *value)
{
    if (value == NULL) {
        return;
    }
    xmlNode *nv = xmlNewChild(set, NULL, BAD_CAST "nvpair", NULL);
    g_autofree char *id = g_strdup_printf("%s-%s", sched_xml_attr(set, "id"), name);
    xmlNewProp(nv, BAD_CAST "id", BAD_CAST id);
    xmlNewProp(nv, BAD_CAST "name", BAD_CAST name);
    xmlNewProp(nv, BAD_CAST "value", BAD_CAST value);
}

static xmlNode *bundle_set(xmlNode *parent, const char *tag)
{
    xmlNode *set = xmlNewChild(parent, NULL, BAD_CAST tag, NULL);
    g_autofree char *id = g_strdup_printf("%s-%s", sched_xml_attr(parent, "id"), tag);
    xmlNewProp(set, BAD_CAST "id", BAD_CAST id);
    return set;
}

/* Copies the bundle's meta attributes (inherited by all it contains) and
 * returns a fresh meta set of the new resource for its own values. */
static xmlNode *bundle_inherit_meta(const struct bundle_cfg *cfg, xmlNode *rsc)
{
    for (xmlNode *c = cfg->xml->children; c != NULL; c = c->next) {
        if (sched_bundle_elem_is(c, "meta_attributes")) {
            xmlAddChild(rsc, xmlDocCopyNode(c, rsc->doc, 1));
        }
    }
    return bundle_set(rsc, "meta_attributes");
}

static xmlNode *bundle_primitive(xmlNode *before, const char *id, const char *provider,
                                 const char *type)
{
    xmlNode *p = xmlNewDocNode(before->doc, NULL, BAD_CAST "primitive", NULL);
    xmlNewProp(p, BAD_CAST "id", BAD_CAST id);
    xmlNewProp(p, BAD_CAST "class", BAD_CAST "ocf");
    xmlNewProp(p, BAD_CAST "provider", BAD_CAST provider);
    xmlNewProp(p, BAD_CAST "type", BAD_CAST type);
    xmlAddPrevSibling(before, p);
    return p;
}

static void bundle_monitor(xmlNode *p)
{
    xmlNode *ops = xmlNewChild(p, NULL, BAD_CAST "operations", NULL);
    xmlNode *op = xmlNewChild(ops, NULL, BAD_CAST "op", NULL);
    g_autofree char *id = g_strdup_printf("%s-monitor-60s", sched_xml_attr(p, "id"));
    xmlNewProp(op, BAD_CAST "id", BAD_CAST id);
    xmlNewProp(op, BAD_CAST "name", BAD_CAST "monitor");
    xmlNewProp(op, BAD_CAST "interval", BAD_CAST "60s");
}

/* Whether the history of one resource on a node leaves it active there:
 * its latest operation (by call id) is not a stop and did not fail. */
static bool bundle_hist_active(xmlNode *lrm_rsc)
{
    xmlNode *last = NULL;
    long last_call = -2;
    for (xmlNode *op = lrm_rsc->children; op != NULL; op = op->next) {
        const char *call = sched_xml_attr(op, "call-id");
        long c = call != NULL ? strtol(call, NULL, 10) : -1;
        if (sched_bundle_elem_is(op, "lrm_rsc_op") && c > last_call) {
            last = op;
            last_call = c;
        }
    }
    return last != NULL && g_strcmp0(sched_xml_attr(last, "operation"), "stop") != 0 &&
           g_strcmp0(sched_xml_attr(last, "rc-code"), "0") == 0;
}

/* Where a container runs now, from the status section: what a bundle
 * connection without its own address connects to ("#uname"). */
static const char *bundle_container_host(xmlNode *status, const char *cid)
{
    crm_xml_foreach_child(status, "node_state", st)
    {
        xmlNode *rscs = sched_xml_child(sched_xml_child(st, "lrm"), "lrm_resources");
        crm_xml_foreach_child(rscs, "lrm_resource", r)
        {
            if (g_strcmp0(sched_xml_attr(r, "id"), cid) == 0 && bundle_hist_active(r)) {
                const char *uname = sched_xml_attr(st, "uname");
                return uname != NULL ? uname : sched_xml_attr(st, "id");
            }
        }
    }
    return NULL;
}

static void bundle_params_xml(const struct bundle_cfg *cfg, int i, xmlNode *p)
{
    g_autoptr(GHashTable) params = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    sched_bundle_container_params(cfg, i, params);
    xmlNode *ia = bundle_set(p, "instance_attributes");
    static const char *const order[] = {"image",    "allow_pull",   "force_kill", "reuse",
                                        "run_opts", "mount_points", "run_cmd",    "monitor_cmd"};
    for (size_t k = 0; k < G_N_ELEMENTS(order); k++) {
        bundle_nvpair(ia, order[k], g_hash_table_lookup(params, order[k]));
    }
}

static void bundle_replica_xml(const struct bundle_cfg *cfg, int i, xmlNode *before)
{
    const char *ip = cfg->ips != NULL ? cfg->ips[i] : NULL;
    g_autofree char *cid = g_strdup_printf("%s-%s-%d", cfg->id, cfg->kind, i);
    if (ip != NULL) {
        g_autofree char *ip_id = g_strdup_printf("%s-ip-%s", cfg->id, ip);
        xmlNode *p = bundle_primitive(before, ip_id, "heartbeat", "IPaddr2");
        bundle_nvpair(bundle_inherit_meta(cfg, p), SCHED_BUNDLE_META_IP_OF, cid);
        xmlNode *ia = bundle_set(p, "instance_attributes");
        bundle_nvpair(ia, "ip", ip);
        bundle_nvpair(ia, "nic", cfg->nic);
        bundle_nvpair(ia, "cidr_netmask", cfg->netmask != NULL ? cfg->netmask : "32");
        bundle_monitor(p);
    }
    xmlNode *p = bundle_primitive(before, cid, "heartbeat", cfg->kind);
    xmlNode *meta = bundle_inherit_meta(cfg, p);
    if (cfg->prim != NULL) {
        g_autofree char *node = g_strdup_printf("%s-%d", cfg->id, i);
        bundle_nvpair(meta, "remote-node", node);
        const char *host = ip == NULL ? bundle_container_host(cfg->status, cid) : NULL;
        bundle_nvpair(meta, "remote-addr", ip != NULL ? ip : (host != NULL ? host : "#uname"));
        bundle_nvpair(meta, "remote-port", cfg->port != NULL ? cfg->port : "3121");
    }
    bundle_params_xml(cfg, i, p);
    bundle_monitor(p);
    /* the container accounts for what its primitive uses */
    for (xmlNode *c = cfg->prim != NULL ? cfg->prim->children : NULL; c != NULL; c = c->next) {
        if (sched_bundle_elem_is(c, "utilization")) {
            xmlAddChild(p, xmlDocCopyNode(c, p->doc, 1));
        }
    }
}

/* The clone that stands for the bundle itself (its instances, the
 * containers, are attached after unpacking by sched_bundle_link) and the
 * clone of the inner primitive. */
static void bundle_clones_xml(const struct bundle_cfg *cfg, xmlNode *before)
{
    char num[32];
    xmlNode *b = xmlNewDocNode(before->doc, NULL, BAD_CAST "clone", NULL);
    xmlNewProp(b, BAD_CAST "id", BAD_CAST cfg->id);
    xmlAddPrevSibling(before, b);
    xmlNode *meta = bundle_inherit_meta(cfg, b);
    bundle_nvpair(meta, SCHED_BUNDLE_META, cfg->kind);
    bundle_nvpair(meta, "clone-max", "0");
    g_snprintf(num, sizeof(num), "%d", cfg->replicas);
    bundle_nvpair(meta, SCHED_BUNDLE_META_REPLICAS, num);
    g_snprintf(num, sizeof(num), "%d", cfg->per_host);
    bundle_nvpair(meta, SCHED_BUNDLE_META_PER_HOST, num);
    g_autofree char *base = g_strdup_printf("%s-%s", cfg->id, cfg->kind);
    xmlNode *ph = xmlNewChild(b, NULL, BAD_CAST "primitive", NULL);
    xmlNewProp(ph, BAD_CAST "id", BAD_CAST base);
    xmlNewProp(ph, BAD_CAST "class", BAD_CAST "ocf");
    xmlNewProp(ph, BAD_CAST "provider", BAD_CAST "heartbeat");
    xmlNewProp(ph, BAD_CAST "type", BAD_CAST cfg->kind);
    if (cfg->prim == NULL) {
        return;
    }
    g_autofree char *cid =
        g_strdup_printf("%s-%s", cfg->id, cfg->promoted_max > 0 ? "master" : "clone");
    xmlNode *c = xmlNewDocNode(before->doc, NULL, BAD_CAST "clone", NULL);
    xmlNewProp(c, BAD_CAST "id", BAD_CAST cid);
    xmlAddPrevSibling(before, c);
    meta = bundle_inherit_meta(cfg, c);
    bundle_nvpair(meta, SCHED_BUNDLE_META_CHILD, cfg->id);
    g_snprintf(num, sizeof(num), "%d", cfg->replicas);
    bundle_nvpair(meta, "ordered", "true");
    bundle_nvpair(meta, "clone-max", num);
    g_snprintf(num, sizeof(num), "%d", cfg->per_host);
    bundle_nvpair(meta, "clone-node-max", num);
    bundle_nvpair(meta, "globally-unique", cfg->per_host > 1 ? "true" : "false");
    if (cfg->promoted_max > 0) {
        g_snprintf(num, sizeof(num), "%d", cfg->promoted_max);
        bundle_nvpair(meta, "promotable", "true");
        bundle_nvpair(meta, "promoted-max", num);
    }
    xmlNode *prim = xmlAddChild(c, xmlDocCopyNode(cfg->prim, before->doc, 1));
    xmlNode *next = NULL;
    for (xmlNode *u = prim->children; u != NULL; u = next) {
        next = u->next;
        if (sched_bundle_elem_is(u, "utilization")) {
            xmlUnlinkNode(u);
            xmlFreeNode(u);
        }
    }
}

static int bundle_expand_one(struct sched_cluster *cl, xmlNode *b, xmlNode *status)
{
    struct bundle_cfg cfg;
    int rc = bundle_parse(cl, b, &cfg);
    cfg.status = status;
    if (rc != 0) {
        return rc;
    }
    rc = bundle_ips(cl, &cfg);
    if (rc == 0) {
        bundle_clones_xml(&cfg, b);
        for (int i = 0; i < cfg.replicas; i++) {
            bundle_replica_xml(&cfg, i, b);
        }
    }
    g_strfreev(cfg.ips);
    return rc;
}

int sched_bundle_expand(struct sched_cluster *cl, xmlNode *resources, xmlDoc **ret_doc,
                        xmlNode **ret_resources)
{
    *ret_doc = NULL;
    *ret_resources = resources;
    bool any = false;
    for (xmlNode *x = resources != NULL ? resources->children : NULL; x != NULL; x = x->next) {
        any = any || sched_bundle_elem_is(x, "bundle");
    }
    if (!any) {
        return 0;
    }
    xmlNode *cib = resources->parent != NULL ? resources->parent->parent : NULL;
    xmlNode *status = cib != NULL ? sched_xml_child(cib, "status") : NULL;
    g_autoptr(xmlDoc) doc = xmlNewDoc(BAD_CAST "1.0");
    xmlNode *copy = xmlDocCopyNode(resources, doc, 1);
    xmlDocSetRootElement(doc, copy);
    int rc = 0;
    xmlNode *next = NULL;
    for (xmlNode *x = copy->children; x != NULL; x = next) {
        next = x->next;
        if (!sched_bundle_elem_is(x, "bundle")) {
            continue;
        }
        if (bundle_expand_one(cl, x, status) != 0) {
            rc = CRM_ERR_PARSE; /* the message says why; the other bundles too */
        }
        xmlUnlinkNode(x);
        xmlFreeNode(x);
    }
    if (rc != 0) {
        return rc;
    }
    *ret_resources = copy;
    *ret_doc = g_steal_pointer(&doc);
    return 0;
}
