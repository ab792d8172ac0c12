/* sched_resources.c — unpacking of the <resources> section: primitives
 * (with templates), groups and clones into a typed resource tree. */
#include "sched_internal.h"

#include <stdlib.h>
#include <string.h>

static bool xml_is(xmlNode *x, const char *name)
{
    return x != NULL && x->type == XML_ELEMENT_NODE && strcmp((const char *)x->name, name) == 0;
}

static void copy_absent(gpointer k, gpointer v, gpointer user)
{
    GHashTable *dst = user;
    if (!g_hash_table_contains(dst, k)) {
        g_hash_table_insert(dst, g_strdup(k), g_strdup(v));
    }
}

static enum sched_on_fail on_fail_parse(const char *v, bool *ok)
{
    *ok = true;
    if (v == NULL) {
        *ok = false;
        return FAIL_RECOVER;
    }
    if (strcmp(v, "ignore") == 0 || strcmp(v, "nothing") == 0) {
        return FAIL_IGNORE;
    }
    if (strcmp(v, "block") == 0) {
        return FAIL_BLOCK;
    }
    if (strcmp(v, "stop") == 0) {
        return FAIL_STOP;
    }
    if (strcmp(v, "standby") == 0) {
        return FAIL_STANDBY;
    }
    if (strcmp(v, "fence") == 0) {
        return FAIL_FENCE;
    }
    if (strcmp(v, "migrate") == 0) {
        return FAIL_MIGRATE;
    }
    if (strcmp(v, "demote") == 0) {
        return FAIL_DEMOTE;
    }
    if (strcmp(v, "restart") == 0) {
        return FAIL_RECOVER;
    }
    if (strcmp(v, "restart-container") == 0) {
        return FAIL_RESTART_CONTAINER;
    }
    *ok = false;
    return FAIL_RECOVER;
}

static void unpack_op(struct sched_cluster *cl, struct sched_rsc *rsc, xmlNode *x)
{
    const char *name = sched_xml_attr(x, "name");
    if (name == NULL) {
        return;
    }
    struct sched_op_cfg *op = g_new0(struct sched_op_cfg, 1);
    op->id = g_strdup(sched_xml_attr(x, "id"));
    op->name = g_strdup(name);
    const char *iv = sched_xml_attr(x, "interval");
    if (iv != NULL && crm_interval_parse_ms(iv, &op->interval_ms) != 0) {
        sched_error(cl, "operation '%s' of '%s' has an invalid interval '%s'",
                    op->id ? op->id : name, rsc->id, iv);
        op->interval_ms = 0;
    }
    op->role = sched_role_parse(sched_xml_attr(x, "role"));
    g_autoptr(GHashTable) meta = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    for (xmlAttr *a = x->properties; a != NULL; a = a->next) {
        if (a->children != NULL) {
            g_hash_table_insert(meta, g_strdup((const char *)a->name),
                                g_strdup((const char *)a->children->content));
        }
    }
    struct sched_rule_ctx ctx = {.rsc_class = rsc->cls, .rsc_provider = rsc->provider,
                                 .rsc_type = rsc->type, .op_name = name,
                                 .op_interval = op->interval_ms, .has_op = true};
    sched_unpack_nvpairs(cl, x, "meta_attributes", &ctx, meta, false);
    sched_unpack_nvpairs(cl, cl->op_defaults_xml, "meta_attributes", &ctx, meta, false);
    const char *en = g_hash_table_lookup(meta, "enabled");
    op->enabled = en == NULL || sched_is_true(en);
    const char *of = g_hash_table_lookup(meta, "on-fail");
    op->on_fail = on_fail_parse(of, &op->has_on_fail);
    op->on_fail_str = g_strdup(of);
    const char *to = g_hash_table_lookup(meta, "timeout");
    if (to != NULL && crm_interval_parse_ms(to, &op->timeout_ms) != 0) {
        op->timeout_ms = 0;
    }
    if (sched_xml_child(x, "instance_attributes") != NULL) {
        op->params = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
        sched_unpack_nvpairs(cl, x, "instance_attributes", &ctx, op->params, false);
    }
    g_ptr_array_add(rsc->ops, op);
}

static void unpack_ops(struct sched_cluster *cl, struct sched_rsc *rsc, xmlNode *prim)
{
    xmlNode *ops = sched_xml_resolve_ref(cl, sched_xml_child(prim, "operations"));
    for (xmlNode *x = ops != NULL ? ops->children : NULL; x != NULL; x = x->next) {
        if (xml_is(x, "op")) {
            xmlNode *r = sched_xml_resolve_ref(cl, x);
            if (r != NULL) {
                unpack_op(cl, rsc, r);
            }
        }
    }
}

static int meta_int(struct sched_rsc *rsc, const char *name, int dflt)
{
    const char *v = g_hash_table_lookup(rsc->meta, name);
    crm_score_t s;
    if (v == NULL || crm_score_parse(v, &s) != 0) {
        return dflt;
    }
    return s;
}

static void unpack_common_meta(struct sched_cluster *cl, struct sched_rsc *rsc)
{
    GHashTable *m = rsc->meta;
    rsc->priority = meta_int(rsc, "priority", 0);
    int dflt_stick = cl->default_stickiness;
    rsc->stickiness = meta_int(rsc, "resource-stickiness", dflt_stick);
    rsc->migration_threshold = meta_int(rsc, "migration-threshold", SCORE_INF);
    if (rsc->migration_threshold < 0) {
        rsc->migration_threshold = 0;
    }
    const char *ft = g_hash_table_lookup(m, "failure-timeout");
    if (ft != NULL && crm_interval_parse_ms(ft, &rsc->failure_timeout_ms) != 0) {
        rsc->failure_timeout_ms = 0;
    }
    const char *v = g_hash_table_lookup(m, "is-managed");
    rsc->managed = v == NULL || sched_is_true(v);
    v = g_hash_table_lookup(m, "maintenance");
    if ((v != NULL && sched_is_true(v)) || cl->maintenance) {
        rsc->managed = false;
        rsc->maintenance = true;
    }
    v = g_hash_table_lookup(m, "target-role");
    rsc->target_role = sched_role_parse(v);
    struct sched_rsc *top = sched_rsc_top(rsc);
    bool promotable = top->promotable ||
                      sched_is_true(g_hash_table_lookup(top->meta, "promotable"));
    if (rsc->target_role == ROLE_STOPPED ||
        (rsc->target_role == ROLE_UNPROMOTED && promotable)) {
        rsc->has_target_role = true;
        rsc->next_role = rsc->target_role;
    }
    v = g_hash_table_lookup(m, "multiple-active");
    rsc->recovery = RECOVER_STOP_START;
    if (g_strcmp0(v, "stop_only") == 0) {
        rsc->recovery = RECOVER_STOP_ONLY;
    } else if (g_strcmp0(v, "block") == 0) {
        rsc->recovery = RECOVER_BLOCK;
    } else if (g_strcmp0(v, "stop_unexpected") == 0) {
        rsc->recovery = RECOVER_STOP_UNEXPECTED;
    }
    v = g_hash_table_lookup(m, "allow-migrate");
    rsc->allow_migrate = v != NULL && sched_is_true(v);
    v = g_hash_table_lookup(m, "critical");
    rsc->critical = v == NULL || sched_is_true(v);
    v = g_hash_table_lookup(m, "restart-type");
    rsc->restart_is_restart = g_strcmp0(v, "restart") == 0;
    v = g_hash_table_lookup(m, "notify");
    rsc->notify = v != NULL && sched_is_true(v);
}

static void unpack_requires(struct sched_cluster *cl, struct sched_rsc *rsc)
{
    const char *v = g_hash_table_lookup(rsc->meta, "requires");
    if (rsc->is_stonith) {
        rsc->requires = REQ_QUORUM;
        if (g_strcmp0(v, "nothing") == 0) {
            rsc->requires = REQ_NOTHING;
        }
        return;
    }
    if (v == NULL) {
        rsc->requires = cl->stonith_enabled ? REQ_FENCING : REQ_QUORUM;
    } else if (strcmp(v, "nothing") == 0) {
        rsc->requires = REQ_NOTHING;
    } else if (strcmp(v, "quorum") == 0) {
        rsc->requires = REQ_QUORUM;
    } else {
        rsc->requires = cl->stonith_enabled ? REQ_FENCING : REQ_QUORUM;
    }
}

/* Meta attributes: own blocks first, then the parent's, then rsc_defaults. */
static void unpack_meta(struct sched_cluster *cl, struct sched_rsc *rsc, xmlNode *x,
                        xmlNode *tmpl)
{
    struct sched_rule_ctx ctx = {.rsc_class = rsc->cls, .rsc_provider = rsc->provider,
                                 .rsc_type = rsc->type};
    sched_unpack_nvpairs(cl, x, "meta_attributes", &ctx, rsc->meta, false);
    if (tmpl != NULL) {
        sched_unpack_nvpairs(cl, tmpl, "meta_attributes", &ctx, rsc->meta, false);
    }
    if (rsc->parent != NULL) {
        g_hash_table_foreach(rsc->parent->meta, copy_absent, rsc->meta);
    }
    sched_unpack_nvpairs(cl, cl->rsc_defaults_xml, "meta_attributes", &ctx, rsc->meta, false);
    g_hash_table_foreach(cl->rsc_defaults, copy_absent, rsc->meta);
}

/* Instance attributes: own blocks first, then the template's, then the
 * parent's (a group's or clone's instance_attributes reach its children and
 * count in their parameter digests), then rsc_defaults'. */
static void unpack_params(struct sched_cluster *cl, struct sched_rsc *rsc, xmlNode *x,
                          xmlNode *tmpl)
{
    struct sched_rule_ctx ctx = {.rsc_class = rsc->cls};
    sched_unpack_nvpairs(cl, x, "instance_attributes", &ctx, rsc->params, false);
    if (tmpl != NULL) {
        sched_unpack_nvpairs(cl, tmpl, "instance_attributes", &ctx, rsc->params, false);
    }
    if (rsc->parent != NULL) {
        g_hash_table_foreach(rsc->parent->params, copy_absent, rsc->params);
    }
    sched_unpack_nvpairs(cl, cl->rsc_defaults_xml, "instance_attributes", &ctx, rsc->params,
                         false);
}

static struct sched_rsc *unpack_primitive(struct sched_cluster *cl, xmlNode *x,
                                          struct sched_rsc *parent, const char *suffix)
{
    const char *id = sched_xml_attr(x, "id");
    g_autofree char *full = g_strconcat(id, suffix, NULL);
    struct sched_rsc *rsc = sched_rsc_new(cl, full, VAR_PRIMITIVE);
    rsc->parent = parent;
    xmlNode *tmpl = NULL;
    const char *tname = sched_xml_attr(x, "template");
    if (tname != NULL) {
        tmpl = g_hash_table_lookup(cl->templates, tname);
        if (tmpl == NULL) {
            sched_error(cl, "primitive '%s' refers to unknown template '%s'", id, tname);
        }
    }
    const char *cls = sched_xml_attr(x, "class");
    const char *prov = sched_xml_attr(x, "provider");
    const char *type = sched_xml_attr(x, "type");
    rsc->cls = g_strdup(cls != NULL ? cls : sched_xml_attr(tmpl, "class"));
    rsc->provider = g_strdup(prov != NULL ? prov : sched_xml_attr(tmpl, "provider"));
    rsc->type = g_strdup(type != NULL ? type : sched_xml_attr(tmpl, "type"));
    rsc->is_stonith = g_strcmp0(rsc->cls, "stonith") == 0;
    if (rsc->is_stonith) {
        cl->have_stonith_rsc = true;
    }
    unpack_meta(cl, rsc, x, tmpl);
    struct sched_rule_ctx ctx = {.rsc_class = rsc->cls};
    unpack_params(cl, rsc, x, tmpl);
    sched_unpack_nvpairs(cl, x, "utilization", &ctx, rsc->utilization, false);
    if (tmpl != NULL) {
        sched_unpack_nvpairs(cl, tmpl, "utilization", &ctx, rsc->utilization, false);
        unpack_ops(cl, rsc, tmpl);
    }
    unpack_ops(cl, rsc, x);
    unpack_common_meta(cl, rsc);
    unpack_requires(cl, rsc);
    const char *gu = g_hash_table_lookup(rsc->meta, "globally-unique");
    if (parent != NULL && sched_rsc_top(parent)->variant == VAR_CLONE) {
        rsc->unique = gu != NULL && sched_is_true(gu);
    }
    return rsc;
}

static int unpack_one(struct sched_cluster *cl, xmlNode *x, struct sched_rsc *parent,
                      const char *suffix, struct sched_rsc **ret);

static int unpack_group(struct sched_cluster *cl, xmlNode *x, struct sched_rsc *parent,
                        const char *suffix, struct sched_rsc **ret)
{
    const char *id = sched_xml_attr(x, "id");
    g_autofree char *full = g_strconcat(id, suffix, NULL);
    struct sched_rsc *grp = sched_rsc_new(cl, full, VAR_GROUP);
    grp->parent = parent;
    unpack_meta(cl, grp, x, NULL);
    unpack_params(cl, grp, x, NULL);
    unpack_common_meta(cl, grp);
    const char *v = g_hash_table_lookup(grp->meta, "ordered");
    grp->ordered = v == NULL || sched_is_true(v);
    v = g_hash_table_lookup(grp->meta, "collocated");
    grp->colocated = v == NULL || sched_is_true(v);
    for (xmlNode *c = x->children; c != NULL; c = c->next) {
        if (xml_is(c, "primitive")) {
            struct sched_rsc *child = NULL;
            int rc = unpack_one(cl, c, grp, suffix, &child);
            if (rc != 0) {
                return rc;
            }
            g_ptr_array_add(grp->children, child);
        }
    }
    *ret = grp;
    return 0;
}

static int clone_instance_count(struct sched_cluster *cl, struct sched_rsc *clone)
{
    int n = meta_int(clone, "clone-max", (int)cl->nodes->len);
    return n < 0 ? 0 : (n > 10000 ? 10000 : n);
}

static int unpack_clone(struct sched_cluster *cl, xmlNode *x, bool legacy_master,
                        struct sched_rsc **ret)
{
    const char *id = sched_xml_attr(x, "id");
    struct sched_rsc *clone = sched_rsc_new(cl, id, VAR_CLONE);
    unpack_meta(cl, clone, x, NULL);
    unpack_params(cl, clone, x, NULL);
    if (!g_hash_table_contains(clone->meta, "resource-stickiness") && cl->default_stickiness == 0) {
        g_hash_table_insert(clone->meta, g_strdup("resource-stickiness"), g_strdup("1"));
    }
    unpack_common_meta(cl, clone);
    const char *v = g_hash_table_lookup(clone->meta, "promotable");
    clone->promotable = legacy_master || (v != NULL && sched_is_true(v));
    v = g_hash_table_lookup(clone->meta, "globally-unique");
    clone->unique = v != NULL && sched_is_true(v);
    v = g_hash_table_lookup(clone->meta, "interleave");
    clone->interleave = v != NULL && sched_is_true(v);
    v = g_hash_table_lookup(clone->meta, "ordered");
    clone->ordered = v != NULL && sched_is_true(v);
    clone->clone_max = clone_instance_count(cl, clone);
    clone->clone_node_max = meta_int(clone, "clone-node-max", 1);
    clone->promoted_max = meta_int(clone, "promoted-max", meta_int(clone, "master-max", 1));
    clone->promoted_node_max =
        meta_int(clone, "promoted-node-max", meta_int(clone, "master-node-max", 1));
    clone->clone_min = meta_int(clone, "clone-min", 0);
    xmlNode *tmpl = NULL;
    for (xmlNode *c = x->children; c != NULL; c = c->next) {
        if (xml_is(c, "primitive") || xml_is(c, "group")) {
            tmpl = c;
            break;
        }
    }
    if (tmpl == NULL) {
        sched_error(cl, "clone '%s' has no primitive or group inside", id);
        return CRM_ERR_PARSE;
    }
    g_hash_table_replace(cl->clone_base, g_strdup(sched_xml_attr(tmpl, "id")), clone);
    if (xml_is(tmpl, "group")) {
        for (xmlNode *c = tmpl->children; c != NULL; c = c->next) {
            if (xml_is(c, "primitive")) {
                g_hash_table_replace(cl->clone_base, g_strdup(sched_xml_attr(c, "id")), clone);
            }
        }
    }
    for (int i = 0; i < clone->clone_max; i++) {
        g_autofree char *suffix = g_strdup_printf(":%d", i);
        struct sched_rsc *inst = NULL;
        int rc = unpack_one(cl, tmpl, clone, suffix, &inst);
        if (rc != 0) {
            return rc;
        }
        g_ptr_array_add(clone->children, inst);
    }
    *ret = clone;
    return 0;
}

static int unpack_one(struct sched_cluster *cl, xmlNode *x, struct sched_rsc *parent,
                      const char *suffix, struct sched_rsc **ret)
{
    const char *id = sched_xml_attr(x, "id");
    if (id == NULL) {
        sched_error(cl, "a <%s> in <resources> has no id", (const char *)x->name);
        return CRM_ERR_PARSE;
    }
    g_autofree char *full = g_strconcat(id, suffix, NULL);
    if (sched_rsc_find(cl, full) != NULL) {
        sched_error(cl, "resource id '%s' is used twice", full);
        return CRM_ERR_DUPLICATE_ID;
    }
    if (xml_is(x, "primitive")) {
        if (sched_xml_attr(x, "type") == NULL && sched_xml_attr(x, "template") == NULL) {
            sched_error(cl, "primitive '%s' has no type", id);
            return CRM_ERR_PARSE;
        }
        *ret = unpack_primitive(cl, x, parent, suffix);
        return 0;
    }
    if (xml_is(x, "group")) {
        return unpack_group(cl, x, parent, suffix, ret);
    }
    if (xml_is(x, "clone")) {
        return unpack_clone(cl, x, false, ret);
    }
    if (xml_is(x, "master")) {
        return unpack_clone(cl, x, true, ret);
    }
    *ret = NULL;
    return 0;
}

int sched_unpack_resources(struct sched_cluster *cl, xmlNode *resources)
{
    for (xmlNode *x = resources != NULL ? resources->children : NULL; x != NULL; x = x->next) {
        if (xml_is(x, "template")) {
            const char *id = sched_xml_attr(x, "id");
            if (id != NULL) {
                g_hash_table_insert(cl->templates, (gpointer)id, x);
            }
        }
    }
    for (xmlNode *x = resources != NULL ? resources->children : NULL; x != NULL; x = x->next) {
        if (x->type != XML_ELEMENT_NODE || xml_is(x, "template")) {
            continue;
        }
        struct sched_rsc *rsc = NULL;
        int rc = unpack_one(cl, x, NULL, "", &rsc);
        if (rc != 0) {
            return rc;
        }
        if (rsc != NULL) {
            g_ptr_array_add(cl->resources, rsc);
        }
    }
    for (guint i = 0; i < cl->all_rsc->len; i++) {
        struct sched_rsc *r = cl->all_rsc->pdata[i];
        sched_nodeset_init(cl, &r->allowed, cl->symmetric, 0);
    }
    return 0;
}
