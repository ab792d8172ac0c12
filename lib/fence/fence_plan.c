/* fence_plan.c — fencing topology levels and the plan for a target: which
 * devices, level by level, and which node runs them. */
#include "fence_internal.h"

#include <string.h>

void crm__fence_level_free(crm_fence_level_t *lv)
{
    if (lv == NULL) {
        return;
    }
    g_free(lv->id);
    g_free(lv->target);
    g_free(lv->value);
    g_ptr_array_unref(lv->devices);
    g_free(lv);
}

static int level_target(xmlNode *x, crm_fence_level_t *lv, GError **error)
{
    const char *name = crm_xml_attr(x, "target");
    const char *pattern = crm_xml_attr(x, "target-pattern");
    const char *attr = crm_xml_attr(x, "target-attribute");
    if ((name != NULL) + (pattern != NULL) + (attr != NULL) != 1) {
        g_set_error(error, CRM_ERROR, CRM_ERR_PARSE,
                    "fencing-level '%s' needs exactly one of target, target-pattern and "
                    "target-attribute",
                    lv->id);
        return CRM_ERR_PARSE;
    }
    if (pattern != NULL) {
        g_autoptr(GRegex) re = g_regex_new(pattern, 0, 0, NULL);
        if (re == NULL) {
            g_set_error(error, CRM_ERROR, CRM_ERR_PARSE,
                        "fencing-level '%s': target-pattern '%s' is not a regular expression",
                        lv->id, pattern);
            return CRM_ERR_PARSE;
        }
    }
    if (attr != NULL && crm_xml_attr(x, "target-value") == NULL) {
        g_set_error(error, CRM_ERROR, CRM_ERR_PARSE,
                    "fencing-level '%s': target-attribute needs target-value", lv->id);
        return CRM_ERR_PARSE;
    }
    lv->kind = name      ? CRM_FENCE_TARGET_NAME
               : pattern ? CRM_FENCE_TARGET_PATTERN
                         : CRM_FENCE_TARGET_ATTRIBUTE;
    lv->target = g_strdup(name ? name : pattern ? pattern : attr);
    lv->value = g_strdup(crm_xml_attr(x, "target-value"));
    return 0;
}

int crm__fence_level_unpack(xmlNode *x, crm_fence_level_t **ret_level, GError **error)
{
    g_autoptr(GError) local = NULL;
    crm_fence_level_t *lv = g_new0(crm_fence_level_t, 1);
    lv->id = g_strdup(crm_xml_attr(x, "id") ? crm_xml_attr(x, "id") : "(no id)");
    lv->devices = g_ptr_array_new_with_free_func(g_free);
    gint64 index = 0;
    if (crm_xml_attr_int(x, "index", 1, 9, &index) < 0) {
        g_set_error(error, CRM_ERROR, CRM_ERR_PARSE,
                    "fencing-level '%s' needs an index from 1 to 9", lv->id);
        crm__fence_level_free(lv);
        return CRM_ERR_PARSE;
    }
    lv->index = (int)index;
    if (level_target(x, lv, error) < 0) {
        crm__fence_level_free(lv);
        return CRM_ERR_PARSE;
    }
    g_auto(GStrv) devs =
        g_strsplit(crm_xml_attr(x, "devices") ? crm_xml_attr(x, "devices") : "", ",", -1);
    for (guint i = 0; devs[i] != NULL; i++) {
        char *d = g_strstrip(devs[i]);
        if (*d != '\0') {
            g_ptr_array_add(lv->devices, g_strdup(d));
        }
    }
    if (lv->devices->len == 0) {
        g_set_error(error, CRM_ERROR, CRM_ERR_PARSE, "fencing-level '%s' lists no devices", lv->id);
        crm__fence_level_free(lv);
        return CRM_ERR_PARSE;
    }
    *ret_level = lv;
    return 0;
}

bool crm__fence_level_matches(const crm_fence_config_t *cfg, const crm_fence_level_t *lv,
                              const char *target)
{
    switch (lv->kind) {
    case CRM_FENCE_TARGET_NAME:
        return strcmp(lv->target, target) == 0;
    case CRM_FENCE_TARGET_PATTERN:
        return g_regex_match_simple(lv->target, target, 0, 0);
    case CRM_FENCE_TARGET_ATTRIBUTE: {
        GHashTable *attrs = g_hash_table_lookup(cfg->node_attrs, target);
        const char *v = attrs ? g_hash_table_lookup(attrs, lv->target) : NULL;
        return g_strcmp0(v, lv->value) == 0;
    }
    }
    return false;
}

static GPtrArray *level_new(void)
{
    return g_ptr_array_new_with_free_func(g_free);
}

static gint device_order(gconstpointer a, gconstpointer b)
{
    const crm_fence_device_t *x = *(crm_fence_device_t *const *)a;
    const crm_fence_device_t *y = *(crm_fence_device_t *const *)b;
    if (x->priority != y->priority) {
        return x->priority > y->priority ? -1 : 1;
    }
    return strcmp(x->id, y->id);
}

static bool usable(const crm_fence_device_t *d, const char *target, bool unfence)
{
    bool ask = false;
    return d != NULL && (!unfence || d->unfencing) && crm_fence_device_targets(d, target, &ask);
}

GPtrArray *crm_fence_plan(const crm_fence_config_t *config, const char *target, const char *action)
{
    GPtrArray *plan = g_ptr_array_new_with_free_func((GDestroyNotify)g_ptr_array_unref);
    bool unfence = g_strcmp0(action, "on") == 0;
    for (guint i = 0; i < config->levels->len; i++) {
        const crm_fence_level_t *lv = config->levels->pdata[i];
        if (!crm__fence_level_matches(config, lv, target)) {
            continue;
        }
        GPtrArray *level = level_new();
        for (guint j = 0; j < lv->devices->len; j++) {
            const crm_fence_device_t *d = crm_fence_config_device(config, lv->devices->pdata[j]);
            if (d != NULL && (!unfence || d->unfencing)) {
                g_ptr_array_add(level, g_strdup(d->id));
            }
        }
        g_ptr_array_add(plan, level);
    }
    if (plan->len > 0) {
        return plan;
    }
    g_autoptr(GPtrArray) devs = g_ptr_array_new();
    for (guint i = 0; i < config->devices->len; i++) {
        if (usable(config->devices->pdata[i], target, unfence)) {
            g_ptr_array_add(devs, config->devices->pdata[i]);
        }
    }
    g_ptr_array_sort(devs, device_order);
    for (guint i = 0; i < devs->len; i++) {
        GPtrArray *level = level_new();
        g_ptr_array_add(level, g_strdup(((crm_fence_device_t *)devs->pdata[i])->id));
        g_ptr_array_add(plan, level);
    }
    return plan;
}

guint crm_fence_plan_runnable(const crm_fence_config_t *config, GPtrArray *plan, const char *node)
{
    guint n = 0;
    for (guint i = 0; i < plan->len; i++) {
        GPtrArray *level = plan->pdata[i];
        for (guint j = 0; j < level->len; j++) {
            const crm_fence_device_t *d = crm_fence_config_device(config, level->pdata[j]);
            n += d != NULL && crm_fence_device_runs_on(d, node);
        }
    }
    return n;
}

const char *crm_fence_choose_executor(const crm_fence_config_t *config, GPtrArray *plan,
                                      const char *target, const char *preferred,
                                      GPtrArray *candidates)
{
    const char *best = NULL;
    guint best_n = 0;
    if (preferred != NULL && g_strcmp0(preferred, target) != 0) {
        best_n = crm_fence_plan_runnable(config, plan, preferred);
        best = best_n > 0 ? preferred : NULL;
    }
    for (guint i = 0; candidates != NULL && i < candidates->len; i++) {
        const char *node = candidates->pdata[i];
        if (g_strcmp0(node, target) == 0 || g_strcmp0(node, preferred) == 0) {
            continue;
        }
        guint n = crm_fence_plan_runnable(config, plan, node);
        if (n > best_n) {
            best = node;
            best_n = n;
        }
    }
    return best;
}
