/* logging.c — log set-up for daemons and tools on libqb's qb_log: stderr,
 * syslog and file targets, a level from options or the environment. */
#include <crm/common.h>

#include <errno.h>
#include <string.h>
#include <syslog.h>

#define LOG_FORMAT_FILE "%t %N[%P] %p: %b"
#define LOG_FORMAT_STDERR "%N: %p: %b"

static struct {
    bool initialized;
    int level;
    int file_target; /* -1 when no file is open */
    unsigned targets;
} log_state = {false, LOG_NOTICE, -1, 0};

int crm_log_level_parse(const char *text, int *ret_level)
{
    static const struct {
        const char *name;
        int level;
    } names[] = {
        {"emerg", LOG_EMERG},  {"alert", LOG_ALERT},   {"crit", LOG_CRIT},
        {"error", LOG_ERR},    {"err", LOG_ERR},       {"warning", LOG_WARNING},
        {"warn", LOG_WARNING}, {"notice", LOG_NOTICE}, {"info", LOG_INFO},
        {"debug", LOG_DEBUG},  {"trace", LOG_TRACE},
    };
    if (text == NULL) {
        return CRM_ERR_PARSE;
    }
    for (gsize i = 0; i < G_N_ELEMENTS(names); i++) {
        if (g_ascii_strcasecmp(text, names[i].name) == 0) {
            *ret_level = names[i].level;
            return 0;
        }
    }
    gint64 v;
    if (crm_str_to_int(text, LOG_EMERG, LOG_TRACE, &v) != 0) {
        return CRM_ERR_PARSE;
    }
    *ret_level = (int)v;
    return 0;
}

static int level_from_env(void)
{
    int level;
    if (crm_log_level_parse(g_getenv("CRM_LOG_LEVEL"), &level) == 0) {
        return level;
    }
    if (crm_str_is_true(g_getenv("CRM_DEBUG"))) {
        return LOG_DEBUG;
    }
    return LOG_NOTICE;
}

static void target_level(int32_t target, int level)
{
    qb_log_filter_ctl(target, QB_LOG_FILTER_CLEAR_ALL, QB_LOG_FILTER_FILE, "*", 0);
    qb_log_filter_ctl(target, QB_LOG_FILTER_ADD, QB_LOG_FILTER_FILE, "*", (uint8_t)level);
}

static void target_enable(int32_t target, bool on)
{
    qb_log_ctl(target, QB_LOG_CONF_ENABLED, on ? QB_TRUE : QB_FALSE);
    if (on) {
        target_level(target, log_state.level);
    }
}

int crm_log_set_level(int level)
{
    if (level < LOG_EMERG || level > LOG_TRACE) {
        return -EINVAL;
    }
    log_state.level = level;
    if (!log_state.initialized) {
        return 0;
    }
    if (log_state.targets & CRM_LOG_TARGET_STDERR) {
        target_level(QB_LOG_STDERR, level);
    }
    if (log_state.targets & CRM_LOG_TARGET_SYSLOG) {
        target_level(QB_LOG_SYSLOG, level);
    }
    if (log_state.file_target >= 0) {
        target_level(log_state.file_target, level);
    }
    return 0;
}

int crm_log_get_level(void)
{
    return log_state.level;
}

int crm_log_set_file(const char *path)
{
    if (!log_state.initialized) {
        return -EINVAL;
    }
    if (log_state.file_target >= 0) {
        qb_log_file_close(log_state.file_target);
        log_state.file_target = -1;
    }
    if (path == NULL) {
        return 0;
    }
    int32_t t = qb_log_file_open(path);
    if (t < 0) {
        return t;
    }
    log_state.file_target = t;
    qb_log_format_set(t, LOG_FORMAT_FILE);
    target_enable(t, true);
    return 0;
}

int crm_log_init(const char *tag, unsigned targets, int level)
{
    if (tag == NULL || *tag == '\0') {
        return -EINVAL;
    }
    if (log_state.initialized) {
        crm_log_fini();
    }
    log_state.level = (level < 0) ? level_from_env() : level;
    if (log_state.level > LOG_TRACE) {
        log_state.level = LOG_TRACE;
    }
    qb_log_init(tag, LOG_DAEMON, LOG_INFO);
    log_state.initialized = true;
    log_state.targets = targets;
    qb_log_format_set(QB_LOG_STDERR, LOG_FORMAT_STDERR);
    target_enable(QB_LOG_SYSLOG, (targets & CRM_LOG_TARGET_SYSLOG) != 0);
    target_enable(QB_LOG_STDERR, (targets & CRM_LOG_TARGET_STDERR) != 0);
    const char *file = g_getenv("CRM_LOG_FILE");
    if (file != NULL && *file != '\0') {
        return crm_log_set_file(file);
    }
    return 0;
}

void crm_log_fini(void)
{
    if (!log_state.initialized) {
        return;
    }
    if (log_state.file_target >= 0) {
        qb_log_file_close(log_state.file_target);
        log_state.file_target = -1;
    }
    qb_log_fini();
    log_state.initialized = false;
}
