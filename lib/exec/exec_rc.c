/* exec_rc.c — names of OCF exit codes and of execution statuses. */
#include <crm/exec.h>

const char *crm_ocf_rc_str(int rc)
{
    switch (rc) {
    case CRM_OCF_SUCCESS:
        return "success";
    case CRM_OCF_ERR_GENERIC:
        return "generic error";
    case CRM_OCF_ERR_ARGS:
        return "invalid arguments";
    case CRM_OCF_ERR_UNIMPLEMENTED:
        return "unimplemented action";
    case CRM_OCF_ERR_PERM:
        return "insufficient privileges";
    case CRM_OCF_ERR_INSTALLED:
        return "not installed";
    case CRM_OCF_ERR_CONFIGURED:
        return "not configured";
    case CRM_OCF_NOT_RUNNING:
        return "not running";
    case CRM_OCF_RUNNING_PROMOTED:
        return "running and promoted";
    case CRM_OCF_FAILED_PROMOTED:
        return "failed while promoted";
    case CRM_OCF_DEGRADED:
        return "running but degraded";
    case CRM_OCF_DEGRADED_PROMOTED:
        return "promoted but degraded";
    default:
        return "unknown";
    }
}

static const char *const status_names[] = {
    [CRM_EXEC_DONE] = "done",           [CRM_EXEC_TIMEOUT] = "timeout",
    [CRM_EXEC_ERROR] = "error",         [CRM_EXEC_NOT_INSTALLED] = "not-installed",
    [CRM_EXEC_CANCELLED] = "cancelled", [CRM_EXEC_PENDING] = "pending",
};

const char *crm_exec_status_str(enum crm_exec_status status)
{
    if ((guint)status < G_N_ELEMENTS(status_names)) {
        return status_names[status];
    }
    return "unknown";
}

int crm_exec_status_parse(const char *text, enum crm_exec_status *ret_status)
{
    for (guint i = 0; i < G_N_ELEMENTS(status_names); i++) {
        if (g_strcmp0(text, status_names[i]) == 0) {
            *ret_status = (enum crm_exec_status)i;
            return 0;
        }
    }
    return CRM_ERR_PARSE;
}
