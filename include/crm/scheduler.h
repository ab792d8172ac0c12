/* crm/scheduler.h — the policy engine: a CIB (configuration and status) and
 * the current time in; a transition graph, scores and a summary out. */
#pragma once

#include <crm/common.h>
#include <libxml/tree.h>
#include <time.h>

G_BEGIN_DECLS

struct sched_options {
    /* The time to evaluate rules and failure timeouts at; 0 means: the cib
     * element's execution-date when present, else the current time. */
    time_t now;
};

/* The outcome of one scheduler run (opaque; see the accessors below). */
typedef struct sched_result sched_result;

/* Runs the scheduler on a parsed CIB. The library keeps no reference to
 * cib. On failure returns a negative code, sets *ret_error to a message an
 * operator can act on, and leaves *ret alone. */
int sched_run(const xmlDoc *cib, const struct sched_options *opts,
              struct sched_result **ret, char **ret_error);

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
/* The transition graph in Graphviz dot syntax. */
void sched_result_format_dot(const struct sched_result *res, GString *out);
/* The summary, actions and scores as a JSON document. */
char *sched_result_to_json(const struct sched_result *res);

/* Counts for tests and benchmarks. */
guint sched_result_n_actions(const struct sched_result *res);
guint sched_result_n_required(const struct sched_result *res);

G_END_DECLS
