/* exec_stonith.c — the "stonith" agent class: fence agents (fence-agents
 * API) found in $CRM_FENCE_AGENTS_DIR or /usr/sbin, given their options as
 * name=value lines on stdin, with their exit codes mapped to OCF ones. */
#include "exec_internal.h"

#include <string.h>

const char *crm__exec_fence_dir(void)
{
    const char *env = g_getenv("CRM_FENCE_AGENTS_DIR");
    return (env != NULL && *env != '\0') ? env : NULL;
}

int crm__exec_stonith_find(const char *type, char **ret_path)
{
    const char *dirs[] = {crm__exec_fence_dir(), "/usr/sbin", "/sbin"};
    for (guint i = 0; i < G_N_ELEMENTS(dirs); i++) {
        if (dirs[i] == NULL) {
            continue;
        }
        char *path = g_build_filename(dirs[i], type, NULL);
        if (g_file_test(path, G_FILE_TEST_IS_REGULAR)) {
            *ret_path = path;
            return 0;
        }
        g_free(path);
    }
    return CRM_ERR_NOT_FOUND;
}

/* start and stop of a fence device: start checks it (monitor), stop is
 * nothing to do; meta-data is spelled metadata in fence-agents. */
const char *crm__exec_stonith_action(const char *action)
{
    if (strcmp(action, "start") == 0 || strcmp(action, "probe") == 0) {
        return "monitor";
    }
    if (strcmp(action, "meta-data") == 0) {
        return "metadata";
    }
    return action;
}

int crm__exec_stonith_input(const crm_exec_request_t *req, char **ret_text, GError **error)
{
    GString *s = g_string_new(NULL);
    g_string_append_printf(s, "action=%s\n", crm__exec_stonith_action(req->action));
    GHashTableIter it;
    gpointer k, v;
    if (req->params != NULL) {
        g_hash_table_iter_init(&it, req->params);
    }
    while (req->params != NULL && g_hash_table_iter_next(&it, &k, &v)) {
        const char *name = k;
        if (g_str_has_prefix(name, "pcmk_") || g_str_has_prefix(name, "CRM_meta_") ||
            strcmp(name, "action") == 0 || strcmp(name, "trace_ra") == 0) {
            continue;
        }
        if (strpbrk(v, "\r\n") != NULL) {
            g_set_error(error, CRM_ERROR, CRM_ERR_PARSE,
                        "fence agent option '%s' holds a line break", name);
            g_string_free(s, TRUE);
            return CRM_ERR_PARSE;
        }
        g_string_append_printf(s, "%s=%s\n", name, (const char *)v);
    }
    if (s->len > 60 * 1024) { /* must fit in the pipe before the agent runs */
        g_set_error(error, CRM_ERROR, CRM_ERR_TOO_LARGE, "fence agent options exceed 60 KiB");
        g_string_free(s, TRUE);
        return CRM_ERR_TOO_LARGE;
    }
    *ret_text = g_string_free(s, FALSE);
    return 0;
}

int crm__exec_stonith_rc(const char *action, int code)
{
    if (strcmp(action, "status") == 0) {
        /* fence-agents: 0 on, 2 off, anything else unknown */
        return code == 0 ? CRM_OCF_SUCCESS : code == 2 ? CRM_OCF_NOT_RUNNING : CRM_OCF_ERR_GENERIC;
    }
    switch (code) {
    case 0:
        return CRM_OCF_SUCCESS;
    case 2:
        return CRM_OCF_ERR_ARGS;
    case 10: /* EC_PASSWORD_MISSING */
        return CRM_OCF_ERR_CONFIGURED;
    default:
        return CRM_OCF_ERR_GENERIC;
    }
}

char *crm__exec_stonith_reason(const char *err)
{
    g_auto(GStrv) lines = g_strsplit(err ? err : "", "\n", -1);
    for (int i = (int)g_strv_length(lines) - 1; i >= 0; i--) {
        char *line = g_strstrip(lines[i]);
        if (*line != '\0') {
            return g_strndup(line, CRM__EXEC_MAX_REASON);
        }
    }
    return NULL;
}
