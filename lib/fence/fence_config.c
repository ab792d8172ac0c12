/* fence_config.c — unpacking fencing from a CIB: stonith primitives with
 * their options, locations and meta attributes, fencing-topology levels, and
 * the stonith-* cluster properties. */
#include "fence_internal.h"

#include <libxml/xpath.h>
#include <string.h>

static void nvset_read(xmlNode *parent, const char *set_name, GHashTable *out)
{
    crm_xml_foreach_child(parent, set_name, set)
    {
        crm_xml_foreach_child(set, "nvpair", nv)
        {
            const char *name = crm_xml_attr(nv, "name");
            const char *value = crm_xml_attr(nv, "value");
            if (name != NULL && value != NULL && !g_hash_table_contains(out, name)) {
                g_hash_table_insert(out, g_strdup(name), g_strdup(value));
            }
        }
    }
}

static GHashTable *str_table(void)
{
    return g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
}

static GPtrArray *xpath_nodes(xmlDoc *cib, const char *expr)
{
    GPtrArray *out = g_ptr_array_new();
    xmlXPathContext *ctx = xmlXPathNewContext(cib);
    xmlXPathObject *res = xmlXPathEvalExpression(BAD_CAST expr, ctx);
    for (int i = 0; res != NULL && res->nodesetval != NULL && i < res->nodesetval->nodeNr; i++) {
        g_ptr_array_add(out, res->nodesetval->nodeTab[i]);
    }
    xmlXPathFreeObject(res);
    xmlXPathFreeContext(ctx);
    return out;
}

static int ms_value(const char *text, const char *what, guint *ret_ms, GError **error)
{
    guint64 ms = 0;
    if (crm_interval_parse_ms(text, &ms) < 0 || ms > G_MAXUINT32) {
        g_set_error(error, CRM_ERROR, CRM_ERR_PARSE, "%s '%s' is not a valid duration", what, text);
        return CRM_ERR_PARSE;
    }
    *ret_ms = (guint)ms;
    return 0;
}

static int properties_read(xmlDoc *cib, crm_fence_config_t *cfg, GError **error)
{
    g_autoptr(GHashTable) props = str_table();
    g_autoptr(GPtrArray) sets =
        xpath_nodes(cib, "/cib/configuration/crm_config/cluster_property_set");
    for (guint i = 0; i < sets->len; i++) {
        crm_xml_foreach_child(sets->pdata[i], "nvpair", nv)
        {
            const char *name = crm_xml_attr(nv, "name");
            const char *value = crm_xml_attr(nv, "value");
            if (name != NULL && value != NULL && !g_hash_table_contains(props, name)) {
                g_hash_table_insert(props, g_strdup(name), g_strdup(value));
            }
        }
    }
    const char *v = g_hash_table_lookup(props, "stonith-enabled");
    cfg->enabled = v == NULL || !crm_str_is_false(v);
    v = g_hash_table_lookup(props, "stonith-action");
    cfg->action = g_strdup(v != NULL && strcmp(v, "off") == 0 ? "off" : "reboot");
    v = g_hash_table_lookup(props, "stonith-timeout");
    if (v != NULL && ms_value(v, "stonith-timeout", &cfg->timeout_ms, error) < 0) {
        return CRM_ERR_PARSE;
    }
    v = g_hash_table_lookup(props, "stonith-watchdog-timeout");
    if (v != NULL && strcmp(v, "-1") != 0 &&
        ms_value(v, "stonith-watchdog-timeout", &cfg->watchdog_timeout_ms, error) < 0) {
        return CRM_ERR_PARSE;
    }
    v = g_hash_table_lookup(props, "stonith-max-attempts");
    gint64 n = 0;
    if (v != NULL) {
        if (crm_str_to_int(v, 1, 1000, &n) < 0) {
            g_set_error(error, CRM_ERROR, CRM_ERR_PARSE,
                        "stonith-max-attempts '%s' is not a number from 1 to 1000", v);
            return CRM_ERR_PARSE;
        }
        cfg->max_attempts = (guint)n;
    }
    return 0;
}

static void node_attrs_read(xmlDoc *cib, crm_fence_config_t *cfg)
{
    g_autoptr(GPtrArray) nodes = xpath_nodes(cib, "/cib/configuration/nodes/node");
    for (guint i = 0; i < nodes->len; i++) {
        const char *uname = crm_xml_attr(nodes->pdata[i], "uname");
        if (uname == NULL) {
            continue;
        }
        GHashTable *attrs = str_table();
        nvset_read(nodes->pdata[i], "instance_attributes", attrs);
        g_hash_table_replace(cfg->node_attrs, g_strdup(uname), attrs);
    }
}

/* rsc_location rsc=ID node=N score=-INFINITY: N may not run the device. */
static void locations_read(xmlDoc *cib, crm_fence_device_t *dev)
{
    g_autofree char *xp = g_strdup_printf(
        "/cib/configuration/constraints/rsc_location[@rsc='%s' and @node]", dev->id);
    g_autoptr(GPtrArray) locs = xpath_nodes(cib, xp);
    for (guint i = 0; i < locs->len; i++) {
        crm_score_t score = 0;
        if (crm_xml_attr_score(locs->pdata[i], "score", &score) == 0 &&
            score <= -CRM_SCORE_INFINITY) {
            g_ptr_array_add(dev->banned, g_strdup(crm_xml_attr(locs->pdata[i], "node")));
        }
    }
}

crm_fence_config_t *crm__fence_config_new(void)
{
    crm_fence_config_t *cfg = g_new0(crm_fence_config_t, 1);
    cfg->devices = g_ptr_array_new_with_free_func((GDestroyNotify)crm__fence_device_free);
    cfg->levels = g_ptr_array_new_with_free_func((GDestroyNotify)crm__fence_level_free);
    cfg->enabled = true;
    cfg->action = NULL;
    cfg->timeout_ms = CRM_FENCE_DEFAULT_TIMEOUT_MS;
    cfg->max_attempts = CRM_FENCE_DEFAULT_MAX_ATTEMPTS;
    cfg->node_attrs =
        g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_hash_table_unref);
    return cfg;
}

static gint device_cmp(gconstpointer a, gconstpointer b)
{
    const crm_fence_device_t *x = *(crm_fence_device_t *const *)a;
    const crm_fence_device_t *y = *(crm_fence_device_t *const *)b;
    return strcmp(x->id, y->id);
}

static gint level_cmp(gconstpointer a, gconstpointer b)
{
    const crm_fence_level_t *x = *(crm_fence_level_t *const *)a;
    const crm_fence_level_t *y = *(crm_fence_level_t *const *)b;
    return x->index - y->index;
}

int crm_fence_config_unpack(xmlDoc *cib, crm_fence_config_t **ret_config, GError **error)
{
    g_autoptr(crm_fence_config_t) cfg = crm__fence_config_new();
    if (cib == NULL || properties_read(cib, cfg, error) < 0) {
        if (cib == NULL) {
            g_set_error(error, CRM_ERROR, CRM_ERR_PARSE, "no CIB");
        }
        return CRM_ERR_PARSE;
    }
    node_attrs_read(cib, cfg);
    g_autoptr(GPtrArray) prims =
        xpath_nodes(cib, "/cib/configuration/resources//primitive[@class='stonith']");
    for (guint i = 0; i < prims->len; i++) {
        crm_fence_device_t *dev = NULL;
        if (crm__fence_device_unpack(prims->pdata[i], &dev, error) < 0) {
            return CRM_ERR_PARSE;
        }
        locations_read(cib, dev);
        g_ptr_array_add(cfg->devices, dev);
    }
    g_ptr_array_sort(cfg->devices, device_cmp);
    g_autoptr(GPtrArray) levels =
        xpath_nodes(cib, "/cib/configuration/fencing-topology/fencing-level");
    for (guint i = 0; i < levels->len; i++) {
        crm_fence_level_t *lv = NULL;
        if (crm__fence_level_unpack(levels->pdata[i], &lv, error) < 0) {
            return CRM_ERR_PARSE;
        }
        g_ptr_array_add(cfg->levels, lv);
    }
    g_ptr_array_sort(cfg->levels, level_cmp);
    *ret_config = g_steal_pointer(&cfg);
    return 0;
}

void crm_fence_config_free(crm_fence_config_t *config)
{
    if (config == NULL) {
        return;
    }
    g_ptr_array_unref(config->devices);
    g_ptr_array_unref(config->levels);
    g_free(config->action);
    g_hash_table_unref(config->node_attrs);
    g_free(config);
}

const crm_fence_device_t *crm_fence_config_device(const crm_fence_config_t *config, const char *id)
{
    for (guint i = 0; id != NULL && i < config->devices->len; i++) {
        const crm_fence_device_t *d = config->devices->pdata[i];
        if (strcmp(d->id, id) == 0) {
            return d;
        }
    }
    return NULL;
}
