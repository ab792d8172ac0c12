/* crmctl_resource_agent.c — checks the agent of a new resource on this node
 * (installed, required parameters given, no unknown ones) and adds default
 * operations from its meta-data, as pcs does. */
#include "crmctl_resource.h"

#include <crm/exec.h>
#include <stdio.h>
#include <string.h>

/* Operations a new resource gets from its agent's meta-data. */
static const char *const default_ops[] = {"monitor", "start", "stop", "promote", "demote", NULL};

static bool spec_has_op(const crm_cib_rsc_spec_t *spec, const char *name)
{
    for (guint i = 0; spec->ops != NULL && i < spec->ops->len; i++) {
        if (strcmp(((crm_cib_op_spec_t *)spec->ops->pdata[i])->name, name) == 0) {
            return true;
        }
    }
    return false;
}

/* The CIB's spelling of an OCF 1.1 meta-data role ("promoted"). */
static const char *op_role(const char *role)
{
    static const char *const cib_roles[] = {"Promoted", "Unpromoted", "Started", "Stopped"};
    for (gsize i = 0; i < G_N_ELEMENTS(cib_roles); i++) {
        if (g_ascii_strcasecmp(role, cib_roles[i]) == 0) {
            return cib_roles[i];
        }
    }
    if (g_ascii_strcasecmp(role, "master") == 0) {
        return "Promoted";
    }
    return g_ascii_strcasecmp(role, "slave") == 0 ? "Unpromoted" : role;
}

static void op_add_defaults(crm_cib_rsc_spec_t *spec, const crm_agent_meta_t *meta)
{
    g_autoptr(GHashTable) given = g_hash_table_new(g_str_hash, g_str_equal);
    for (const char *const *n = default_ops; *n != NULL; n++) {
        if (spec_has_op(spec, *n)) {
            g_hash_table_add(given, (gpointer)*n);
        }
    }
    for (guint i = 0; i < meta->actions->len; i++) {
        const crm_agent_action_t *act = meta->actions->pdata[i];
        if (!g_strv_contains(default_ops, act->name) || g_hash_table_contains(given, act->name)) {
            continue;
        }
        crm_cib_op_spec_t *op = crm_cib_op_spec_new(act->name);
        guint64 interval = act->interval_ms;
        if (strcmp(act->name, "monitor") == 0 && interval == 0) {
            interval = 10000;
        }
        if (strcmp(act->name, "monitor") != 0) {
            interval = 0;
        }
        g_ptr_array_add(op->attrs,
                        g_strdup_printf("interval=%" G_GUINT64_FORMAT "s", interval / 1000));
        if (act->timeout_ms > 0) {
            g_ptr_array_add(op->attrs, g_strdup_printf("timeout=%us", act->timeout_ms / 1000));
        }
        if (act->role != NULL && strcmp(act->name, "monitor") == 0) {
            g_ptr_array_add(op->attrs, g_strdup_printf("role=%s", op_role(act->role)));
        }
        g_ptr_array_add(spec->ops, op);
    }
}

static int params_check(struct crmctl_admin *a, const crm_cib_rsc_spec_t *spec,
                        const crm_agent_meta_t *meta)
{
    int bad = 0;
    for (guint i = 0; spec->params != NULL && i < spec->params->len; i++) {
        g_autofree char *name = NULL;
        g_autofree char *value = NULL;
        if (crm_str_split_nv(spec->params->pdata[i], &name, &value) == 0 &&
            !g_ptr_array_find_with_equal_func(meta->parameters, name, g_str_equal, NULL)) {
            fprintf(stderr, "crmctl %s: %s has no parameter '%s'%s\n", a->cmd, spec->agent, name,
                    a->force ? " (kept: --force)" : "");
            bad += !a->force;
        }
    }
    for (guint i = 0; i < meta->required->len; i++) {
        const char *req = meta->required->pdata[i];
        g_autofree char *prefix = g_strconcat(req, "=", NULL);
        bool found = false;
        for (guint j = 0; spec->params != NULL && j < spec->params->len && !found; j++) {
            found = g_str_has_prefix(spec->params->pdata[j], prefix);
        }
        if (!found) {
            fprintf(stderr, "crmctl %s: %s needs the parameter '%s'%s\n", a->cmd, spec->agent, req,
                    a->force ? " (created anyway: --force)" : "");
            bad += !a->force;
        }
    }
    if (bad > 0) {
        fprintf(stderr,
                "crmctl %s: see 'crmctl agent meta-data %s'; --force creates the "
                "resource anyway\n",
                a->cmd, spec->agent);
        return CRM_EXIT_INVALID;
    }
    return CRM_EXIT_OK;
}

static int meta_get(const crm_agent_t *agent, crm_agent_meta_t **ret_meta, GError **error)
{
    g_autoptr(crm_exec_request_t) req = crm_exec_request_new(agent, "meta-data", 15000);
    g_autoptr(crm_exec_result_t) res = crm_exec_run_sync(req);
    if (res->status != CRM_EXEC_DONE || res->rc != 0 || res->output == NULL) {
        g_set_error(error, CRM_ERROR, CRM_ERR_PARSE, "its meta-data action failed (rc %d, %s)",
                    res->rc, crm_ocf_rc_str(res->rc));
        return CRM_ERR_PARSE;
    }
    return crm_agent_meta_parse(res->output, ret_meta, error);
}

int crmctl_agent_check(struct crmctl_admin *a, crm_cib_rsc_spec_t *spec)
{
    g_autoptr(GError) error = NULL;
    g_autoptr(crm_agent_t) agent = NULL;
    bool checkable = g_str_has_prefix(spec->agent, "ocf:") ||
                     g_str_has_prefix(spec->agent, "lsb:") ||
                     g_str_has_prefix(spec->agent, "stonith:");
    if (!checkable) {
        return CRM_EXIT_OK; /* systemd: and others cannot be looked up here */
    }
    if (crm_agent_parse(spec->agent, &agent, &error) < 0) {
        fprintf(stderr, "crmctl %s: %s\n", a->cmd, error->message);
        return CRM_EXIT_INVALID;
    }
    g_autofree char *path = NULL;
    if (crm_agent_find(agent, &path) < 0) {
        fprintf(stderr,
                "crmctl %s: the agent %s is not installed on this node (see 'crmctl "
                "agent list')%s\n",
                a->cmd, spec->agent,
                a->force ? "; created anyway (--force)" : "; --force creates it anyway");
        return a->force ? CRM_EXIT_OK : CRM_EXIT_INVALID;
    }
    if (strcmp(agent->klass, "ocf") != 0) {
        return CRM_EXIT_OK;
    }
    g_autoptr(crm_agent_meta_t) meta = NULL;
    if (meta_get(agent, &meta, &error) < 0) {
        fprintf(stderr, "crmctl %s: cannot read the meta-data of %s: %s%s\n", a->cmd, spec->agent,
                error->message, a->force ? "" : "; --force creates the resource anyway");
        return a->force ? CRM_EXIT_OK : CRM_EXIT_INVALID;
    }
    int ex = params_check(a, spec, meta);
    if (ex == CRM_EXIT_OK) {
        op_add_defaults(spec, meta);
    }
    return ex;
}
