/* crm/common.h — shared basics of every crm library, daemon and tool:
 * result codes, scores, intervals, logging set-up. */
#pragma once

#include <glib.h>
#include <libxml/tree.h>
#include <qb/qblog.h>
#include <stdbool.h>
#include <stdint.h>

G_BEGIN_DECLS

/* ---- result codes --------------------------------------------------------
 * Functions return 0 on success, a negative errno, or a negative project
 * code from the range below. crm_strerror() names either kind. */
enum crm_result {
    CRM_OK = 0,
    CRM_ERR_BASE = 1000,
    CRM_ERR_INVALID_XML = -(CRM_ERR_BASE + 1),       /* not well-formed XML */
    CRM_ERR_SCHEMA = -(CRM_ERR_BASE + 2),            /* does not validate against the schema */
    CRM_ERR_NOT_FOUND = -(CRM_ERR_BASE + 3),         /* no such object */
    CRM_ERR_DIGEST = -(CRM_ERR_BASE + 4),            /* digest mismatch: file corrupt */
    CRM_ERR_OLD_VERSION = -(CRM_ERR_BASE + 5),       /* update older than what we hold */
    CRM_ERR_DUPLICATE_ID = -(CRM_ERR_BASE + 6),      /* two objects share an id */
    CRM_ERR_PARSE = -(CRM_ERR_BASE + 7),             /* a value could not be parsed */
    CRM_ERR_NOT_CONNECTED = -(CRM_ERR_BASE + 8),     /* daemon not reachable */
    CRM_ERR_TIMEOUT = -(CRM_ERR_BASE + 9),           /* gave up waiting */
    CRM_ERR_NO_QUORUM = -(CRM_ERR_BASE + 10),        /* partition has no quorum */
    CRM_ERR_PERMISSION = -(CRM_ERR_BASE + 11),       /* caller may not do this */
    CRM_ERR_PROTOCOL = -(CRM_ERR_BASE + 12),         /* malformed message */
    CRM_ERR_VERSION_MISMATCH = -(CRM_ERR_BASE + 13), /* patch made for another version */
    CRM_ERR_TOO_LARGE = -(CRM_ERR_BASE + 14),        /* input over the size limit */
};

const char *crm_strerror(int rc);

/* The error domain for GError at the edges (messages for the operator). */
#define CRM_ERROR crm_error_quark()
GQuark crm_error_quark(void);

/* Tool exit codes, a separate space from result codes (listed in --help). */
enum crm_exit {
    CRM_EXIT_OK = 0,
    CRM_EXIT_USAGE = 1,         /* bad command line */
    CRM_EXIT_INVALID = 2,       /* invalid input document or value */
    CRM_EXIT_NOT_FOUND = 3,     /* no such object */
    CRM_EXIT_NOT_CONNECTED = 4, /* the cluster daemon is not reachable */
    CRM_EXIT_PERMISSION = 5,    /* not allowed */
    CRM_EXIT_TIMEOUT = 6,       /* timed out waiting */
    CRM_EXIT_FAILED = 7,        /* the operation ran and failed */
    CRM_EXIT_ERROR = 8,         /* internal or system error */
};

int crm_exit_from_result(int rc);

/* ---- scores -------------------------------------------------------------
 * Scores are clamped to [-INFINITY, +INFINITY]. Adding follows Pacemaker's
 * documented rules: -INFINITY + anything = -INFINITY, INFINITY + x = INFINITY
 * for any x other than -INFINITY. */
#define CRM_SCORE_INFINITY 1000000
typedef int crm_score_t;

crm_score_t crm_score_add(crm_score_t a, crm_score_t b);
/* Parses "INFINITY", "+INFINITY", "-INFINITY", "-inf"..., and integers
 * (clamped). Returns 0 or CRM_ERR_PARSE, leaving *ret_score alone. */
int crm_score_parse(const char *text, crm_score_t *ret_score);
/* Formats into buf ("INFINITY", "-INFINITY" or the number); returns buf. */
const char *crm_score_str(crm_score_t score, char buf[static 16]);

/* ---- intervals and timeouts ---------------------------------------------
 * "10" (seconds), "10s", "500ms", "2min", "2m", "1h", "1d", ISO 8601
 * durations "PT10S", "P1DT2H". Result in milliseconds. */
int crm_interval_parse_ms(const char *text, guint64 *ret_ms);

/* ---- logging (libqb qb_log) ---------------------------------------------
 * Daemons and tools log; library code does not. crm_log_init() sets the tag
 * (ident) and the targets; the level comes from `level` or, when level < 0,
 * from the environment: CRM_LOG_LEVEL (a name such as "debug" or a syslog
 * number), else CRM_DEBUG (true/yes/1 means debug), else LOG_NOTICE.
 * CRM_LOG_FILE in the environment adds a file target. */
enum crm_log_target {
    CRM_LOG_TARGET_STDERR = 1 << 0,
    CRM_LOG_TARGET_SYSLOG = 1 << 1,
    CRM_LOG_TARGET_FILE = 1 << 2, /* needs crm_log_set_file() or CRM_LOG_FILE */
};

int crm_log_init(const char *tag, unsigned targets, int level);
/* Sends the log (also) to a file; NULL closes the file target. */
int crm_log_set_file(const char *path);
/* Changes the level of every open target (a syslog LOG_* priority). */
int crm_log_set_level(int level);
int crm_log_get_level(void);
/* "error", "warning", "notice", "info", "debug", "trace" or a number 0-8. */
int crm_log_level_parse(const char *text, int *ret_level);
void crm_log_fini(void);

#define crm_log_err(fmt, ...) qb_log(LOG_ERR, fmt, ##__VA_ARGS__)
#define crm_log_warn(fmt, ...) qb_log(LOG_WARNING, fmt, ##__VA_ARGS__)
#define crm_log_notice(fmt, ...) qb_log(LOG_NOTICE, fmt, ##__VA_ARGS__)
#define crm_log_info(fmt, ...) qb_log(LOG_INFO, fmt, ##__VA_ARGS__)
#define crm_log_debug(fmt, ...) qb_log(LOG_DEBUG, fmt, ##__VA_ARGS__)
#define crm_log_trace(fmt, ...) qb_log(LOG_TRACE, fmt, ##__VA_ARGS__)

/* ---- ISO 8601 dates, durations, periods -----------------------------------
 * Dates: "2005-11-01", "20051101", week dates "2005-W44-2", ordinal dates
 * "2005-305"; a time after 'T' or a space ("10:00", "10:00:00", "100000");
 * an offset "Z", "+02:00", "+0200", "-05" (optionally after a space). No
 * offset means UTC. Results are GDateTime (free with g_date_time_unref). */
int crm_iso8601_parse(const char *text, GDateTime **ret_dt);
/* "2005-11-01T10:00:00Z" or with the offset ("+02:00"); g_free the result. */
char *crm_iso8601_str(GDateTime *dt);

/* A duration "P1Y2M3W4DT5H6M7S" (any subset, 'T' before time fields) kept
 * as fields because months and years have no fixed length. */
typedef struct crm_duration {
    int years;
    int months;
    int days; /* weeks are added as 7 days */
    int hours;
    int minutes;
    int seconds;
} crm_duration_t;

int crm_duration_parse(const char *text, crm_duration_t *ret_duration);
/* dt + duration, calendar-aware (P1M from Jan 31 is the end of February). */
GDateTime *crm_duration_add(GDateTime *dt, const crm_duration_t *duration);
/* Reads the attributes of Pacemaker's <duration> element (years, months,
 * weeks, days, hours, minutes, seconds); missing ones are 0. */
int crm_duration_from_xml(const xmlNode *node, crm_duration_t *ret_duration);

/* A period "start/end", "start/duration" or "duration/end": start and end
 * are always both set on success. crm_period_clear() frees them. */
typedef struct crm_period {
    GDateTime *start;
    GDateTime *end;
} crm_period_t;

int crm_period_parse(const char *text, crm_period_t *ret_period);
void crm_period_clear(crm_period_t *period);

/* A date_spec field value: "5" or "1-5" (inclusive), or "-5"/"5-" for an
 * open end (G_MININT64 / G_MAXINT64). */
int crm_range_parse(const char *text, gint64 *ret_low, gint64 *ret_high);

/* Pacemaker's date rules at time `now`. A <date_expression> with operation
 * gt (now > start), lt (now < end), in_range (start <= now <= end, end given
 * or start + <duration>, either bound may be absent) or date_spec (its
 * <date_spec> child). A <date_spec>'s fields (seconds, minutes, hours,
 * monthdays, weekdays 1 = Monday, yeardays, months, weeks and weekyears as
 * ISO weeks, years) are ranges, compared in now's time zone; all must match.
 * -EINVAL for a missing required part, CRM_ERR_PARSE for a bad value,
 * -ENOTSUP for "moon". */
int crm_date_expression_eval(const xmlNode *expr, GDateTime *now, bool *ret_match);
int crm_date_spec_match(const xmlNode *spec, GDateTime *now, bool *ret_match);

/* ---- XML ----------------------------------------------------------------
 * Safe parsing: no network, no entity expansion, no DTD loading, invalid
 * UTF-8 rejected, input over max_size (0 = CRM_XML_MAX_SIZE) refused. Errors
 * carry "NAME:LINE:COLUMN: message" in *error (CRM_ERROR domain, code = the
 * result code). */
#define CRM_XML_MAX_SIZE (64 * 1024 * 1024)

G_DEFINE_AUTOPTR_CLEANUP_FUNC(xmlDoc, xmlFreeDoc)

int crm_xml_parse_string(const char *text, gssize len, const char *name, gsize max_size,
                         xmlDoc **ret_doc, GError **error);
/* path "-" reads stdin. */
int crm_xml_parse_file(const char *path, gsize max_size, xmlDoc **ret_doc, GError **error);
int crm_xml_parse_fd(int fd, const char *name, gsize max_size, xmlDoc **ret_doc, GError **error);
/* Serializes a node (with its subtree) or a whole document; g_free it. */
char *crm_xml_node_str(const xmlNode *node, bool pretty);
char *crm_xml_doc_str(const xmlDoc *doc, bool pretty);

/* Attribute getters. The string getter returns a borrowed pointer or NULL.
 * Typed getters return 0, CRM_ERR_NOT_FOUND (attribute absent), CRM_ERR_PARSE
 * (not of that type) or -ERANGE (outside [min, max]); *ret_ is untouched on
 * failure. */
const char *crm_xml_attr(const xmlNode *node, const char *name);
int crm_xml_attr_int(const xmlNode *node, const char *name, gint64 min, gint64 max,
                     gint64 *ret_value);
int crm_xml_attr_bool(const xmlNode *node, const char *name, bool *ret_value);
int crm_xml_attr_score(const xmlNode *node, const char *name, crm_score_t *ret_score);
int crm_xml_attr_interval_ms(const xmlNode *node, const char *name, guint64 *ret_ms);
/* Sets (value != NULL) or removes (value == NULL) an attribute. */
void crm_xml_set_attr(xmlNode *node, const char *name, const char *value);

/* Element children by name (NULL: any element); text and comments skipped. */
xmlNode *crm_xml_first_child(const xmlNode *parent, const char *name);
xmlNode *crm_xml_next_sibling(const xmlNode *node, const char *name);
#define crm_xml_foreach_child(parent, name, var)                                                   \
    for (xmlNode *var = crm_xml_first_child((parent), (name)); var != NULL;                        \
         var = crm_xml_next_sibling(var, (name)))
/* True when the node is an element with that name. */
bool crm_xml_is(const xmlNode *node, const char *name);

/* ---- strings -------------------------------------------------------------- */
/* true/yes/on/y/1 (any case) → true; everything else, NULL included → false. */
bool crm_str_is_true(const char *text);
/* false/no/off/n/0 (any case) → true. */
bool crm_str_is_false(const char *text);
/* Either of the above into *ret_value; CRM_ERR_PARSE for anything else. */
int crm_str_to_bool(const char *text, bool *ret_value);
/* Base-10 integer in [min, max]; surrounding spaces allowed. CRM_ERR_PARSE
 * or -ERANGE on failure. */
int crm_str_to_int(const char *text, gint64 min, gint64 max, gint64 *ret_value);
/* "name=value" → name and value (value may be empty, name may not); spaces
 * around name are trimmed. CRM_ERR_PARSE without '=' or with an empty name. */
int crm_str_split_nv(const char *text, char **ret_name, char **ret_value);

G_END_DECLS
