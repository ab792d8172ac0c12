/* fence_history_list.c — the fencing history kept by every node: entries by
 * id, oldest first, bounded; lookups, and the summary 'crmctl status' shows. */
#include "fence_internal.h"

#include <string.h>

struct crm_fence_history {
    GPtrArray *entries; /* crm_fence_entry_t, in order of arrival */
};

crm_fence_history_t *crm_fence_history_new(void)
{
    crm_fence_history_t *h = g_new0(crm_fence_history_t, 1);
    h->entries = g_ptr_array_new_with_free_func((GDestroyNotify)crm_fence_entry_free);
    return h;
}

void crm_fence_history_free(crm_fence_history_t *h)
{
    if (h == NULL) {
        return;
    }
    g_ptr_array_unref(h->entries);
    g_free(h);
}

static int find(const crm_fence_history_t *h, const char *id)
{
    for (guint i = 0; i < h->entries->len; i++) {
        if (strcmp(((crm_fence_entry_t *)h->entries->pdata[i])->id, id) == 0) {
            return (int)i;
        }
    }
    return -1;
}

static void trim(crm_fence_history_t *h)
{
    for (guint i = 0; h->entries->len > CRM_FENCE_HISTORY_MAX && i < h->entries->len;) {
        if (((crm_fence_entry_t *)h->entries->pdata[i])->state != CRM_FENCE_PENDING) {
            g_ptr_array_remove_index(h->entries, i);
        } else {
            i++;
        }
    }
}

const crm_fence_entry_t *crm_fence_history_put(crm_fence_history_t *h, crm_fence_entry_t *e)
{
    int i = find(h, e->id);
    if (i < 0) {
        g_ptr_array_add(h->entries, e);
        trim(h);
        return e;
    }
    crm_fence_entry_t *old = h->entries->pdata[i];
    if (old->state != CRM_FENCE_PENDING && e->state == CRM_FENCE_PENDING) {
        crm_fence_entry_free(e);
        return old;
    }
    h->entries->pdata[i] = e;
    crm_fence_entry_free(old);
    return e;
}

const crm_fence_entry_t *crm_fence_history_get(const crm_fence_history_t *h, const char *id)
{
    int i = find(h, id);
    return i < 0 ? NULL : h->entries->pdata[i];
}

GPtrArray *crm_fence_history_list(const crm_fence_history_t *h, const char *target)
{
    GPtrArray *out = g_ptr_array_new();
    for (guint i = 0; i < h->entries->len; i++) {
        crm_fence_entry_t *e = h->entries->pdata[i];
        if (target == NULL || strcmp(e->target, target) == 0) {
            g_ptr_array_add(out, e);
        }
    }
    return out;
}

const crm_fence_entry_t *crm_fence_history_pending(const crm_fence_history_t *h, const char *target,
                                                   const char *action)
{
    for (guint i = 0; i < h->entries->len; i++) {
        crm_fence_entry_t *e = h->entries->pdata[i];
        if (e->state == CRM_FENCE_PENDING && strcmp(e->target, target) == 0 &&
            (action == NULL || strcmp(e->action, action) == 0)) {
            return e;
        }
    }
    return NULL;
}

JsonArray *crm_fence_history_to_json(const crm_fence_history_t *h, const char *target)
{
    JsonArray *arr = json_array_new();
    for (guint i = 0; i < h->entries->len; i++) {
        crm_fence_entry_t *e = h->entries->pdata[i];
        if (target == NULL || strcmp(e->target, target) == 0) {
            json_array_add_object_element(arr, crm_fence_entry_to_json(e));
        }
    }
    return arr;
}

JsonObject *crm_fence_history_summary(const crm_fence_history_t *h)
{
    JsonArray *pending = json_array_new();
    JsonArray *failed = json_array_new();
    /* the last completed entry of each target, newest last */
    g_autoptr(GHashTable) last = g_hash_table_new(g_str_hash, g_str_equal);
    for (guint i = 0; i < h->entries->len; i++) {
        crm_fence_entry_t *e = h->entries->pdata[i];
        if (e->state == CRM_FENCE_PENDING) {
            json_array_add_object_element(pending, crm_fence_entry_to_json(e));
        } else {
            crm_fence_entry_t *prev = g_hash_table_lookup(last, e->target);
            if (prev == NULL || prev->completed <= e->completed) {
                g_hash_table_insert(last, e->target, e);
            }
        }
    }
    for (guint i = 0; i < h->entries->len; i++) {
        crm_fence_entry_t *e = h->entries->pdata[i];
        if (e->state == CRM_FENCE_FAILED && g_hash_table_lookup(last, e->target) == e) {
            json_array_add_object_element(failed, crm_fence_entry_to_json(e));
        }
    }
    JsonObject *o = json_object_new();
    json_object_set_array_member(o, "pending", pending);
    json_object_set_array_member(o, "failed", failed);
    return o;
}
