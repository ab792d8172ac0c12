/* crm/common.h — shared basics of every crm library, daemon and tool:
 * result codes, scores, intervals, logging set-up. */
#pragma once

#include <glib.h>
#include <stdbool.h>
#include <stdint.h>

G_BEGIN_DECLS

/* ---- result codes --------------------------------------------------------
 * Functions return 0 on success, a negative errno, or a negative project
 * code from the range below. crm_strerror() names either kind. */
enum crm_result {
    CRM_OK = 0,
    CRM_ERR_BASE = 1000,
    CRM_ERR_INVALID_XML = -(CRM_ERR_BASE + 1),   /* not well-formed XML */
    CRM_ERR_SCHEMA = -(CRM_ERR_BASE + 2),        /* does not validate against the schema */
    CRM_ERR_NOT_FOUND = -(CRM_ERR_BASE + 3),     /* no such object */
    CRM_ERR_DIGEST = -(CRM_ERR_BASE + 4),        /* digest mismatch: file corrupt */
    CRM_ERR_OLD_VERSION = -(CRM_ERR_BASE + 5),   /* update older than what we hold */
    CRM_ERR_DUPLICATE_ID = -(CRM_ERR_BASE + 6),  /* two objects share an id */
    CRM_ERR_PARSE = -(CRM_ERR_BASE + 7),         /* a value could not be parsed */
    CRM_ERR_NOT_CONNECTED = -(CRM_ERR_BASE + 8), /* daemon not reachable */
    CRM_ERR_TIMEOUT = -(CRM_ERR_BASE + 9),       /* gave up waiting */
    CRM_ERR_NO_QUORUM = -(CRM_ERR_BASE + 10),    /* partition has no quorum */
    CRM_ERR_PERMISSION = -(CRM_ERR_BASE + 11),   /* caller may not do this */
    CRM_ERR_PROTOCOL = -(CRM_ERR_BASE + 12),     /* malformed message */
};

const char *crm_strerror(int rc);

/* The error domain for GError at the edges (messages for the operator). */
#define CRM_ERROR crm_error_quark()
GQuark crm_error_quark(void);

/* Tool exit codes, a separate space from result codes (listed in --help). */
enum crm_exit {
    CRM_EXIT_OK = 0,
    CRM_EXIT_USAGE = 1,          /* bad command line */
    CRM_EXIT_INVALID = 2,        /* invalid input document or value */
    CRM_EXIT_NOT_FOUND = 3,      /* no such object */
    CRM_EXIT_NOT_CONNECTED = 4,  /* the cluster daemon is not reachable */
    CRM_EXIT_PERMISSION = 5,     /* not allowed */
    CRM_EXIT_TIMEOUT = 6,        /* timed out waiting */
    CRM_EXIT_FAILED = 7,         /* the operation ran and failed */
    CRM_EXIT_ERROR = 8,          /* internal or system error */
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

G_END_DECLS
