/* exec_internal.h — what the files of lib/exec share and do not export. */
#pragma once

#include <crm/exec.h>

#define CRM__EXEC_MAX_PARAMS 256
#define CRM__EXEC_MAX_NAME 128
#define CRM__EXEC_MAX_VALUE (64 * 1024)
#define CRM__EXEC_MAX_REASON 512
#define CRM__EXEC_DEFAULT_TIMEOUT_MS 20000

/* The environment of the agent: ours plus the OCF variables. */
char **crm__exec_envp(const crm_exec_request_t *req);
/* True for names of parameters and actions we pass on. */
gboolean crm__exec_name_ok(const char *name);
/* The last "ocf-exit-reason:" text of stderr, else of stdout, or NULL. */
char *crm__exec_exit_reason(const char *err, const char *out);
/* Meta-data for an LSB script, which has none of its own. */
char *crm__exec_lsb_meta_data(const char *name);
/* LSB exit code of action -> OCF code. */
int crm__exec_lsb_rc(const char *action, int code);
/* The stonith class (exec_stonith.c): fence agents of the fence-agents API. */
const char *crm__exec_fence_dir(void);
int crm__exec_stonith_find(const char *type, char **ret_path);
const char *crm__exec_stonith_action(const char *action);
/* The options on stdin: "action=..." then name=value lines; no pcmk_* */
int crm__exec_stonith_input(const crm_exec_request_t *req, char **ret_text, GError **error);
int crm__exec_stonith_rc(const char *action, int code);
/* The last non-empty line of stderr (fence agents print no exit reason). */
char *crm__exec_stonith_reason(const char *err);
