/* te_key.c — transition keys ("ACTION:TRANSITION:TARGET_RC:UUID") and
 * transition magic ("OP_STATUS:RC;KEY") as Pacemaker writes them, and the
 * executor's status mapped to Pacemaker's op-status. */
#include <crm/exec.h>
#include <crm/transition.h>

#include <string.h>

char *crm_te_key_new(int action_id, int transition_id, int target_rc, const char *uuid)
{
    return g_strdup_printf("%d:%d:%d:%s", action_id, transition_id, target_rc,
                           uuid != NULL ? uuid : "");
}

static bool int_part(const char *text, gsize len, int *ret)
{
    if (len == 0 || len > 10) {
        return false;
    }
    g_autofree char *copy = g_strndup(text, len);
    gint64 v = 0;
    if (crm_str_to_int(copy, G_MININT32, G_MAXINT32, &v) < 0) {
        return false;
    }
    *ret = (int)v;
    return true;
}

int crm_te_key_parse(const char *key, int *ret_action_id, int *ret_transition_id,
                     int *ret_target_rc, char **ret_uuid)
{
    int v[3] = {0, 0, 0};
    const char *p = key;
    for (int i = 0; i < 3; i++) {
        const char *colon = p != NULL ? strchr(p, ':') : NULL;
        if (colon == NULL || !int_part(p, (gsize)(colon - p), &v[i])) {
            return CRM_ERR_PARSE;
        }
        p = colon + 1;
    }
    if (*p == '\0') {
        return CRM_ERR_PARSE;
    }
    if (ret_action_id != NULL) {
        *ret_action_id = v[0];
    }
    if (ret_transition_id != NULL) {
        *ret_transition_id = v[1];
    }
    if (ret_target_rc != NULL) {
        *ret_target_rc = v[2];
    }
    if (ret_uuid != NULL) {
        *ret_uuid = g_strdup(p);
    }
    return 0;
}

char *crm_te_magic_new(int op_status, int rc, const char *key)
{
    return g_strdup_printf("%d:%d;%s", op_status, rc, key != NULL ? key : "");
}

int crm_te_magic_parse(const char *magic, int *ret_op_status, int *ret_rc, char **ret_key)
{
    const char *colon = magic != NULL ? strchr(magic, ':') : NULL;
    const char *semi = colon != NULL ? strchr(colon, ';') : NULL;
    int status = 0, rc = 0;
    if (semi == NULL || !int_part(magic, (gsize)(colon - magic), &status) ||
        !int_part(colon + 1, (gsize)(semi - colon - 1), &rc) ||
        crm_te_key_parse(semi + 1, NULL, NULL, NULL, NULL) < 0) {
        return CRM_ERR_PARSE;
    }
    if (ret_op_status != NULL) {
        *ret_op_status = status;
    }
    if (ret_rc != NULL) {
        *ret_rc = rc;
    }
    if (ret_key != NULL) {
        *ret_key = g_strdup(semi + 1);
    }
    return 0;
}

int crm_te_op_status_from_exec(int exec_status)
{
    switch (exec_status) {
    case CRM_EXEC_DONE:
        return CRM_TE_OP_DONE;
    case CRM_EXEC_TIMEOUT:
        return CRM_TE_OP_TIMEOUT;
    case CRM_EXEC_NOT_INSTALLED:
        return CRM_TE_OP_NOT_INSTALLED;
    case CRM_EXEC_CANCELLED:
        return CRM_TE_OP_CANCELLED;
    case CRM_EXEC_PENDING:
        return CRM_TE_OP_PENDING;
    default:
        return CRM_TE_OP_ERROR;
    }
}
