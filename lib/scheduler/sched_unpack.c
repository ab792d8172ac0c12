/* sched_unpack.c — XML helpers and unpacking of the cluster options,
 * defaults, tags and node list of a CIB into the typed model. */
#include "sched_internal.h"

#include <string.h>

xmlNode *sched_xml_child(xmlNode *parent, const char *name)
{
    if (parent == NULL) {
        return NULL;
    }
    for (xmlNode *c = parent->children; c != NULL; c = c->next) {
        if (c->type == XML_ELEMENT_NODE && strcmp((const char *)c->name, name) == 0) {
            return c;
        }
    }
    return NULL;
}

const char *sched_xml_attr(xmlNode *n, const char *name)
{
    if (n == NULL) {
        return NULL;
    }
    if (n->properties == NULL && n->_private != NULL) {
        return sched_cib_compact_attr(n, name);
    }
    for (xmlAttr *a = n->properties; a != NULL; a = a->next) {
        if (strcmp((const char *)a->name, name) == 0) {
            if (a->children == NULL) {
                return "";
            }
            return (const char *)a->children->content;
        }
    }
    return NULL;
}

xmlNode *sched_xml_resolve_ref(struct sched_cluster *cl, xmlNode *n)
{
    if (n == NULL) {
        return NULL;
    }
    const char *ref = sched_xml_attr(n, "id-ref");
    if (ref == NULL) {
        return n;
    }
    xmlNode *r = g_hash_table_lookup(cl->xml_ids, ref);
    if (r == NULL) {
        sched_error(cl, "reference to unknown id '%s' in <%s>", ref, (const char *)n->name);
    }
    return r;
}

static void index_ids(struct sched_cluster *cl, xmlNode *n)
{
    for (xmlNode *c = n; c != NULL; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) {
            continue;
        }
        const char *id = sched_xml_attr(c, "id");
        if (id != NULL && sched_xml_attr(c, "id-ref") == NULL &&
            !g_hash_table_contains(cl->xml_ids, id)) {
            g_hash_table_insert(cl->xml_ids, (gpointer)id, c);
        }
        if (strcmp((const char *)c->name, "status") != 0) {
            index_ids(cl, c->children);
        }
    }
}

static bool opt_bool(GHashTable *t, const char *name, bool dflt)
{
    const char *v = g_hash_table_lookup(t, name);
    return v == NULL ? dflt : sched_is_true(v);
}

static void unpack_nq_policy(struct sched_cluster *cl, const char *v)
{
    if (v == NULL || strcmp(v, "stop") == 0) {
        cl->nq_policy = NQ_STOP;
    } else if (strcmp(v, "ignore") == 0) {
        cl->nq_policy = NQ_IGNORE;
    } else if (strcmp(v, "freeze") == 0) {
        cl->nq_policy = NQ_FREEZE;
    } else if (strcmp(v, "demote") == 0) {
        cl->nq_policy = NQ_DEMOTE;
    } else if (strcmp(v, "suicide") == 0) {
        cl->nq_policy = NQ_SUICIDE;
    } else {
        cl->nq_policy = NQ_STOP;
    }
}

static void unpack_options(struct sched_cluster *cl, xmlNode *config)
{
    g_autoptr(GHashTable) opts = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    sched_unpack_nvpairs(cl, sched_xml_child(config, "crm_config"), "cluster_property_set",
                         NULL, opts, false);
    cl->symmetric = opt_bool(opts, "symmetric-cluster", true);
    cl->stonith_enabled = opt_bool(opts, "stonith-enabled", true);
    /* A watchdog (self-fencing) counts as a way to fence, as in Pacemaker. */
    if (opt_bool(opts, "have-watchdog", false)) {
        cl->have_stonith_rsc = true;
    }
    cl->stop_all = opt_bool(opts, "stop-all-resources", false);
    cl->startup_fencing = opt_bool(opts, "startup-fencing", true);
    cl->start_failure_fatal = opt_bool(opts, "start-failure-is-fatal", true);
    cl->maintenance = opt_bool(opts, "maintenance-mode", false);
    cl->stop_orphans = opt_bool(opts, "stop-orphan-resources", true);
    cl->stop_orphan_actions = opt_bool(opts, "stop-orphan-actions", true);
    cl->shutdown_lock = opt_bool(opts, "shutdown-lock", false);
    cl->remove_after_stop = opt_bool(opts, "remove-after-stop", false);
    unpack_nq_policy(cl, g_hash_table_lookup(opts, "no-quorum-policy"));
    const char *ps = g_hash_table_lookup(opts, "placement-strategy");
    if (ps != NULL) {
        g_free(cl->placement_strategy);
        cl->placement_strategy = g_ascii_strdown(ps, -1);
    }
    const char *sa = g_hash_table_lookup(opts, "stonith-action");
    if (sa != NULL) {
        g_free(cl->stonith_action);
        cl->stonith_action = g_strdup(strcmp(sa, "poweroff") == 0 ? "off" : sa);
    }
    const char *st = g_hash_table_lookup(opts, "default-resource-stickiness");
    if (st != NULL) {
        crm_score_parse(st, &cl->default_stickiness);
    }
    if (!opt_bool(opts, "is-managed-default", true)) {
        g_hash_table_insert(cl->rsc_defaults, g_strdup("is-managed"), g_strdup("false"));
    }
}

static int unpack_nodes(struct sched_cluster *cl, xmlNode *nodes)
{
    for (xmlNode *x = nodes != NULL ? nodes->children : NULL; x != NULL; x = x->next) {
        if (x->type != XML_ELEMENT_NODE || strcmp((const char *)x->name, "node") != 0) {
            continue;
        }
        const char *id = sched_xml_attr(x, "id");
        const char *uname = sched_xml_attr(x, "uname");
        if (id == NULL) {
            sched_error(cl, "a <node> in the configuration has no id");
            return CRM_ERR_PARSE;
        }
        if (uname == NULL) {
            uname = id;
        }
        if (sched_node_find(cl, uname) != NULL || g_hash_table_contains(cl->node_by_id, id)) {
            sched_error(cl, "node '%s' (id %s) is defined twice", uname, id);
            return CRM_ERR_DUPLICATE_ID;
        }
        const char *type = sched_xml_attr(x, "type");
        if (type != NULL && strcmp(type, "ping") == 0) {
            continue;
        }
        struct sched_node *n = sched_node_new(cl, id, uname);
        n->remote = type != NULL && strcmp(type, "remote") == 0;
        n->weight = 0;
        if (cl->startup_fencing && !n->remote) {
            n->unclean = true;
        }
        n->unseen = true;
        struct sched_rule_ctx ctx = {.node = n};
        sched_unpack_nvpairs(cl, x, "instance_attributes", &ctx, n->attrs, false);
        sched_unpack_nvpairs(cl, x, "utilization", &ctx, n->utilization, false);
    }
    return 0;
}

static void unpack_tags(struct sched_cluster *cl, xmlNode *tags)
{
    for (xmlNode *t = tags != NULL ? tags->children : NULL; t != NULL; t = t->next) {
        if (t->type != XML_ELEMENT_NODE || strcmp((const char *)t->name, "tag") != 0) {
            continue;
        }
        const char *id = sched_xml_attr(t, "id");
        if (id == NULL) {
            continue;
        }
        GPtrArray *ids = g_ptr_array_new_with_free_func(g_free);
        for (xmlNode *r = t->children; r != NULL; r = r->next) {
            const char *ref = r->type == XML_ELEMENT_NODE ? sched_xml_attr(r, "id") : NULL;
            if (ref != NULL) {
                g_ptr_array_add(ids, g_strdup(ref));
            }
        }
        g_hash_table_replace(cl->tags, g_strdup(id), ids);
    }
}

int sched_unpack_config(struct sched_cluster *cl, xmlNode *cib)
{
    if (cib == NULL || strcmp((const char *)cib->name, "cib") != 0) {
        sched_error(cl, "the document's root element is not <cib>");
        return CRM_ERR_PARSE;
    }
    xmlNode *config = sched_xml_child(cib, "configuration");
    if (config == NULL) {
        sched_error(cl, "the CIB has no <configuration> section");
        return CRM_ERR_PARSE;
    }
    index_ids(cl, cib->children);
    const char *q = sched_xml_attr(cib, "have-quorum");
    cl->have_quorum = q != NULL && sched_is_true(q);
    cl->dc_uuid = g_strdup(sched_xml_attr(cib, "dc-uuid"));
    unpack_options(cl, config);
    if (cl->nq_policy == NQ_SUICIDE) {
        /* suicide only with fencing, and only once the cluster had quorum
         * (or the CIB says to panic anyway) */
        const char *panic = sched_xml_attr(cib, "no-quorum-panic");
        bool do_panic = panic != NULL && g_ascii_strtoll(panic, NULL, 10) != 0;
        if (!cl->stonith_enabled || !(do_panic || cl->have_quorum)) {
            cl->nq_policy = NQ_STOP;
        }
    }
    cl->rsc_defaults_xml = sched_xml_child(config, "rsc_defaults");
    cl->op_defaults_xml = sched_xml_child(config, "op_defaults");
    unpack_tags(cl, sched_xml_child(config, "tags"));
    int rc = unpack_nodes(cl, sched_xml_child(config, "nodes"));
    if (rc != 0) {
        return rc;
    }
    return 0;
}
