/* fence_device.c — one fence device (a stonith primitive): its options, which
 * nodes it can fence through which port, where it may run, its actions,
 * timeouts and delays. */
#include "fence_internal.h"

#include <string.h>

void crm__fence_device_free(crm_fence_device_t *dev)
{
    if (dev == NULL) {
        return;
    }
    g_free(dev->id);
    g_free(dev->agent);
    g_hash_table_unref(dev->params);
    g_ptr_array_unref(dev->host_list);
    g_hash_table_unref(dev->host_map);
    g_hash_table_unref(dev->actions);
    g_hash_table_unref(dev->timeouts);
    g_ptr_array_unref(dev->banned);
    g_free(dev->host_argument);
    g_free(dev);
}

int crm_fence_host_map_parse(const char *text, GHashTable **ret_map, GError **error)
{
    g_autoptr(GHashTable) map = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    g_auto(GStrv) items = g_strsplit_set(text ? text : "", ";, \t\n", -1);
    for (guint i = 0; items[i] != NULL; i++) {
        if (*items[i] == '\0') {
            continue;
        }
        char *sep = strpbrk(items[i], ":=");
        if (sep == NULL || sep == items[i] || sep[1] == '\0') {
            g_set_error(error, CRM_ERROR, CRM_ERR_PARSE,
                        "pcmk_host_map entry '%s' is not NODE:PORT (or NODE=PORT)", items[i]);
            return CRM_ERR_PARSE;
        }
        g_hash_table_replace(map, g_strndup(items[i], (gsize)(sep - items[i])), g_strdup(sep + 1));
    }
    *ret_map = g_steal_pointer(&map);
    return 0;
}

static int check_parse(const char *v, enum crm_fence_host_check *ret, GError **error)
{
    static const char *names[] = {"static-list", "dynamic-list", "status", "none"};
    for (guint i = 0; i < G_N_ELEMENTS(names); i++) {
        if (g_strcmp0(v, names[i]) == 0) {
            *ret = (enum crm_fence_host_check)i;
            return 0;
        }
    }
    g_set_error(error, CRM_ERROR, CRM_ERR_PARSE,
                "pcmk_host_check '%s' is not static-list, dynamic-list, status or none", v);
    return CRM_ERR_PARSE;
}

/* The pcmk_* options of the device: host list, map, check, delays, action
 * names and timeouts. Leaves the agent's own options in dev->params. */
static int pcmk_options(crm_fence_device_t *dev, GHashTable *all, GError **error)
{
    const char *v = g_hash_table_lookup(all, "pcmk_host_list");
    g_auto(GStrv) hosts = g_strsplit_set(v ? v : "", " ,;\t\n", -1);
    for (guint i = 0; hosts[i] != NULL; i++) {
        if (*hosts[i] != '\0') {
            g_ptr_array_add(dev->host_list, g_strdup(hosts[i]));
        }
    }
    v = g_hash_table_lookup(all, "pcmk_host_map");
    if (v != NULL) {
        g_hash_table_unref(dev->host_map);
        dev->host_map = NULL;
        if (crm_fence_host_map_parse(v, &dev->host_map, error) < 0) {
            dev->host_map = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
            return CRM_ERR_PARSE;
        }
    }
    bool listed = dev->host_list->len > 0 || g_hash_table_size(dev->host_map) > 0;
    dev->host_check = listed ? CRM_FENCE_CHECK_STATIC : CRM_FENCE_CHECK_DYNAMIC;
    v = g_hash_table_lookup(all, "pcmk_host_argument");
    dev->host_argument = g_strcmp0(v, "none") == 0 ? NULL : g_strdup(v ? v : "port");
    v = g_hash_table_lookup(all, "pcmk_host_check");
    if (v != NULL && check_parse(v, &dev->host_check, error) < 0) {
        return CRM_ERR_PARSE;
    }
    guint64 ms = 0;
    const char *names[] = {"pcmk_delay_base", "pcmk_delay_max"};
    guint *dst[] = {&dev->delay_base_ms, &dev->delay_max_ms};
    for (guint i = 0; i < 2; i++) {
        v = g_hash_table_lookup(all, names[i]);
        if (v != NULL && (crm_interval_parse_ms(v, &ms) < 0 || ms > 3600 * 1000)) {
            g_set_error(error, CRM_ERROR, CRM_ERR_PARSE, "%s '%s' is not a duration under 1 h",
                        names[i], v);
            return CRM_ERR_PARSE;
        }
        *dst[i] = v != NULL ? (guint)ms : 0;
    }
    const char *acts[] = {"reboot", "off", "on", "list", "status", "monitor"};
    for (guint i = 0; i < G_N_ELEMENTS(acts); i++) {
        g_autofree char *an = g_strdup_printf("pcmk_%s_action", acts[i]);
        g_autofree char *tn = g_strdup_printf("pcmk_%s_timeout", acts[i]);
        if ((v = g_hash_table_lookup(all, an)) != NULL) {
            g_hash_table_replace(dev->actions, g_strdup(acts[i]), g_strdup(v));
        }
        if ((v = g_hash_table_lookup(all, tn)) != NULL) {
            if (crm_interval_parse_ms(v, &ms) < 0 || ms == 0 || ms > G_MAXUINT32) {
                g_set_error(error, CRM_ERROR, CRM_ERR_PARSE, "%s '%s' is not a duration", tn, v);
                return CRM_ERR_PARSE;
            }
            g_hash_table_replace(dev->timeouts, g_strdup(acts[i]), GUINT_TO_POINTER((guint)ms));
        }
    }
    return 0;
}

static void meta_read(crm_fence_device_t *dev, xmlNode *prim)
{
    crm_xml_foreach_child(prim, "meta_attributes", set)
    {
        crm_xml_foreach_child(set, "nvpair", nv)
        {
            const char *name = crm_xml_attr(nv, "name");
            const char *value = crm_xml_attr(nv, "value");
            if (g_strcmp0(name, "target-role") == 0) {
                dev->disabled = g_strcmp0(value, "Stopped") == 0;
            } else if (g_strcmp0(name, "provides") == 0) {
                dev->unfencing = g_strcmp0(value, "unfencing") == 0;
            } else if (g_strcmp0(name, "priority") == 0) {
                gint64 n = 0;
                dev->priority = crm_str_to_int(value, -1000000, 1000000, &n) == 0 ? (int)n : 0;
            }
        }
    }
}

int crm__fence_device_unpack(xmlNode *prim, crm_fence_device_t **ret_dev, GError **error)
{
    const char *id = crm_xml_attr(prim, "id");
    const char *type = crm_xml_attr(prim, "type");
    if (id == NULL || type == NULL || strchr(type, '/') != NULL) {
        g_set_error(error, CRM_ERROR, CRM_ERR_PARSE,
                    "fence device '%s' needs an id and an agent type without '/'",
                    id ? id : "(no id)");
        return CRM_ERR_PARSE;
    }
    crm_fence_device_t *dev = g_new0(crm_fence_device_t, 1);
    dev->id = g_strdup(id);
    dev->agent = g_strdup(type);
    dev->params = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    dev->host_list = g_ptr_array_new_with_free_func(g_free);
    dev->host_map = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    dev->actions = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    dev->timeouts = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    dev->banned = g_ptr_array_new_with_free_func(g_free);
    g_autoptr(GHashTable) all = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    crm_xml_foreach_child(prim, "instance_attributes", set)
    {
        crm_xml_foreach_child(set, "nvpair", nv)
        {
            const char *name = crm_xml_attr(nv, "name");
            const char *value = crm_xml_attr(nv, "value");
            if (name != NULL && value != NULL && !g_hash_table_contains(all, name)) {
                g_hash_table_insert(all, g_strdup(name), g_strdup(value));
            }
        }
    }
    g_autoptr(GError) local = NULL;
    if (pcmk_options(dev, all, &local) < 0) {
        g_set_error(error, CRM_ERROR, CRM_ERR_PARSE, "fence device '%s': %s", id, local->message);
        crm__fence_device_free(dev);
        return CRM_ERR_PARSE;
    }
    GHashTableIter it;
    gpointer k, v;
    g_hash_table_iter_init(&it, all);
    while (g_hash_table_iter_next(&it, &k, &v)) {
        if (!g_str_has_prefix(k, "pcmk_")) {
            g_hash_table_insert(dev->params, g_strdup(k), g_strdup(v));
        }
    }
    meta_read(dev, prim);
    *ret_dev = dev;
    return 0;
}

bool crm_fence_device_targets(const crm_fence_device_t *dev, const char *target, bool *ret_ask)
{
    *ret_ask = false;
    switch (dev->host_check) {
    case CRM_FENCE_CHECK_NONE:
        return true;
    case CRM_FENCE_CHECK_DYNAMIC:
    case CRM_FENCE_CHECK_STATUS:
        *ret_ask = true;
        return true;
    case CRM_FENCE_CHECK_STATIC:
    default:
        break;
    }
    if (g_hash_table_contains(dev->host_map, target)) {
        return true;
    }
    for (guint i = 0; i < dev->host_list->len; i++) {
        if (strcmp(dev->host_list->pdata[i], target) == 0) {
            return true;
        }
    }
    return false;
}

const char *crm_fence_device_port(const crm_fence_device_t *dev, const char *target)
{
    const char *port = g_hash_table_lookup(dev->host_map, target);
    return port != NULL ? port : target;
}

bool crm_fence_device_runs_on(const crm_fence_device_t *dev, const char *node)
{
    if (dev->disabled) {
        return false;
    }
    for (guint i = 0; i < dev->banned->len; i++) {
        if (g_strcmp0(dev->banned->pdata[i], node) == 0) {
            return false;
        }
    }
    return true;
}

const char *crm_fence_device_action(const crm_fence_device_t *dev, const char *action)
{
    const char *mapped = g_hash_table_lookup(dev->actions, action);
    return mapped != NULL ? mapped : action;
}

guint crm_fence_device_timeout_ms(const crm_fence_device_t *dev, const crm_fence_config_t *config,
                                  const char *action)
{
    guint ms = GPOINTER_TO_UINT(g_hash_table_lookup(dev->timeouts, action));
    return ms != 0 ? ms : config->timeout_ms;
}

guint crm_fence_device_delay_ms(const crm_fence_device_t *dev, const char *target)
{
    if (dev->delay_max_ms <= dev->delay_base_ms) {
        return dev->delay_base_ms;
    }
    guint span = dev->delay_max_ms - dev->delay_base_ms;
    return dev->delay_base_ms + g_str_hash(target) % (span + 1);
}

bool crm_fence_list_has(const char *output, const char *port)
{
    g_auto(GStrv) lines = g_strsplit(output ? output : "", "\n", -1);
    for (guint i = 0; lines[i] != NULL; i++) {
        char *line = g_strstrip(lines[i]);
        gsize n = strcspn(line, ", \t");
        if (n > 0 && strlen(port) == n && strncmp(line, port, n) == 0) {
            return true;
        }
        /* "port,alias": the alias names the node too */
        const char *alias = line[n] != '\0' ? line + n + 1 : NULL;
        if (alias != NULL && g_strcmp0(g_strstrip((char *)alias), port) == 0) {
            return true;
        }
    }
    return false;
}
