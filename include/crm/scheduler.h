/* crm/scheduler.h — the policy engine: a CIB (configuration and status) and
 * the current time in; a transition graph, scores and a summary out. */
#pragma once

#include <crm/common.h>
#include <json-glib/json-glib.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <time.h>

G_BEGIN_DECLS

struct sched_options {
    /* The time to evaluate rules and failure timeouts at; 0 means: the cib
     * element's execution-date when present, else the current time. */
    time_t now;
    /* Record each contribution to every resource's node scores, for
     * sched_explain(). Off by default: it costs memory and time. */
    bool explain;
};

/* The outcome of one scheduler run (opaque; see the accessors below). */
typedef struct sched_result sched_result;

/* Runs the scheduler on a parsed CIB. The library keeps no reference to
 * cib. On failure returns a negative code, sets *ret_error to a message an
 * operator can act on, and leaves *ret alone. */
int sched_run(const xmlDoc *cib, const struct sched_options *opts,
              struct sched_result **ret, char **ret_error);

/* Parses a CIB file (or a buffer) for sched_run only: the DOM xmlReadFile
 * makes (no network, blanks dropped), except that lrm_resource and
 * lrm_rsc_op entries hold their attributes in a compact block that only
 * the scheduler reads (lrm_rsc_op without the bookkeeping ones:
 * crm-debug-origin, crm_feature_set,
 * transition-magic, exec-time, queue-time, on_node): several times faster
 * and smaller on a big status section. Free with sched_cib_free. Returns
 * 0, -ENOENT, CRM_ERR_INVALID_XML (also unreadable or empty) or
 * CRM_ERR_TOO_LARGE with a message in
 * *ret_error. */
int sched_cib_read_file(const char *path, xmlDoc **ret, char **ret_error);
int sched_cib_read_memory(const char *buf, size_t len, xmlDoc **ret, char **ret_error);
void sched_cib_free(xmlDoc *doc);

void sched_result_free(struct sched_result *res);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(sched_result, sched_result_free)

/* crm_simulate-style text: "Current cluster status", "Transition Summary",
 * "Executing Cluster Transition" and "Revised Cluster Status". The last two
 * are computed on the first call (not thread-safe on one result). */
void sched_result_format_text(const struct sched_result *res, GString *out);
/* Only the "Transition Summary:" block. */
void sched_result_format_summary(const struct sched_result *res, GString *out);
/* Allocation scores, one line per resource and node. */
void sched_result_format_scores(const struct sched_result *res, GString *out);
/* The transition graph as XML (xml/schemas/graph.rng), as a document or
 * written straight to text (much cheaper for big graphs). */
xmlDoc *sched_result_graph_xml(const struct sched_result *res);
void sched_result_format_graph(const struct sched_result *res, GString *out);
/* The same text written to f in chunks; 0 or -EIO. */
int sched_result_write_graph(const struct sched_result *res, FILE *f);
/* The transition graph in Graphviz dot syntax. */
void sched_result_format_dot(const struct sched_result *res, GString *out);
/* When the run's outcome changes with time alone (the earliest failure
 * that expires by failure-timeout), or 0: the DC runs again by then. */
time_t sched_result_recheck_at(const struct sched_result *res);
/* The summary, actions and scores as a JSON document. */
char *sched_result_to_json(const struct sched_result *res);

/* The op-digest of a parameter table (name -> value) as the scheduler
 * computes it to compare with a recorded lrm_rsc_op's op-digest: the MD5 of
 * " <parameters k=\"v\" .../>\n" with sorted names. g_free it. */
char *sched_params_digest(GHashTable *params);

/* Why rsc_id is placed where it is, or why it cannot run (the run must
 * have had sched_options.explain): a JSON object with "resource",
 * "running_on", "role", "decision", "nodes" (each node's score and its
 * contributions) and "blocked_by". For an unknown id returns
 * CRM_ERR_NOT_FOUND and a message naming similar ids. */
int sched_explain(const struct sched_result *res, const char *rsc_id, JsonObject **ret,
                  char **ret_error);
/* The same explanation in plain words, from the object sched_explain made. */
void sched_explain_format_text(JsonObject *why, GString *out);

/* Counts for tests and benchmarks. */
guint sched_result_n_actions(const struct sched_result *res);
guint sched_result_n_required(const struct sched_result *res);

G_END_DECLS
