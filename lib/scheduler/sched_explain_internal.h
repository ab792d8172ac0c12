/* sched_explain_internal.h — the records behind sched_explain(), shared by
 * the sched_explain*.c files only. */
#pragma once

#include "sched_internal.h"

/* One contribution to a resource's score on one node. */
struct expl_item {
    int node; /* node index */
    crm_score_t score;
    bool set;     /* the score was set to this value (not added) */
    bool skipped; /* a location rule that did not match: nothing applied */
    enum sched_explain_src src;
    char *id;     /* constraint or resource id, or NULL */
    char *detail; /* plain words, or NULL */
};

/* A failed operation in a resource's history. */
struct expl_note {
    int node;
    bool stop;
    char *text;
};

struct expl_rsc {
    GPtrArray *items;    /* struct expl_item, in the order applied */
    GPtrArray *failures; /* struct expl_note */
    crm_score_t *final;  /* the scores when its node was chosen, or NULL */
    guint8 *final_in;
};

struct sched_explain {
    struct sched_cluster *cl;
    GHashTable *by_rsc; /* struct sched_rsc* -> struct expl_rsc */
    GHashTable *rules;  /* struct sched_location* -> its rule in words */
    GHashTable *marks;  /* struct sched_rsc* -> struct sched_nodeset copy */
    GHashTable *phase;  /* the same, for every resource */
};

struct expl_rsc *sched_explain_rsc(struct sched_explain *ex, const struct sched_rsc *rsc,
                                   bool create);
/* "2026-11-25 16:32:30 UTC" (free it), or NULL. */
char *sched_explain_time(time_t t);
/* A rule (rule, expression, date_expression, ...) in words (free it). */
char *sched_explain_rule_text(xmlNode *rule);
/* sched_explain_report.c: the "nodes" array of a primitive. */
void sched_explain_nodes(JsonBuilder *b, struct sched_cluster *cl, const struct sched_rsc *rsc);
/* sched_explain_block.c: what keeps rsc from running (strings), and why it
 * cannot run on n (NULL if it can). depth bounds the chain of orderings. */
GPtrArray *sched_explain_blocked(struct sched_cluster *cl, struct sched_rsc *rsc, int depth);
char *sched_explain_node_blocker(struct sched_cluster *cl, const struct sched_rsc *rsc,
                                 struct sched_node *n);
/* sched_explain_why.c: the decision in one sentence (free it). */
char *sched_explain_decision(struct sched_cluster *cl, struct sched_rsc *rsc, int depth);
