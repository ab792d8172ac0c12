/* sched_health.c — node health: #health-* node attributes summed per node
 * under node-health-strategy, applied as a location score to every resource. */
#include "sched_internal.h"

#include <string.h>

enum health_strategy {
    HEALTH_NONE,
    HEALTH_MIGRATE_ON_RED,
    HEALTH_ONLY_GREEN,
    HEALTH_PROGRESSIVE,
    HEALTH_CUSTOM,
};

/* The scores of the three colours, and the starting score of each node. */
struct health_scores {
    crm_score_t red, yellow, green, base;
};

static enum health_strategy health_strategy_parse(const char *s)
{
    if (s == NULL) {
        return HEALTH_NONE;
    }
    if (g_ascii_strcasecmp(s, "migrate-on-red") == 0) {
        return HEALTH_MIGRATE_ON_RED;
    }
    if (g_ascii_strcasecmp(s, "only-green") == 0) {
        return HEALTH_ONLY_GREEN;
    }
    if (g_ascii_strcasecmp(s, "progressive") == 0) {
        return HEALTH_PROGRESSIVE;
    }
    if (g_ascii_strcasecmp(s, "custom") == 0) {
        return HEALTH_CUSTOM;
    }
    /* "none" and anything unknown: health is not tracked (the option's
     * documented default) */
    return HEALTH_NONE;
}

static crm_score_t option_score(GHashTable *opts, const char *name)
{
    crm_score_t s = 0;
    const char *v = g_hash_table_lookup(opts, name);
    if (v == NULL || crm_score_parse(v, &s) != 0) {
        return 0;
    }
    return s;
}

/* migrate-on-red and only-green fix the colour scores; progressive and
 * custom take them from the cluster options (default 0). */
static void health_scores_unpack(enum health_strategy st, GHashTable *opts,
                                 struct health_scores *ret)
{
    memset(ret, 0, sizeof(*ret));
    switch (st) {
    case HEALTH_MIGRATE_ON_RED:
        ret->red = -SCORE_INF;
        break;
    case HEALTH_ONLY_GREEN:
        ret->red = -SCORE_INF;
        ret->yellow = -SCORE_INF;
        break;
    case HEALTH_PROGRESSIVE:
    case HEALTH_CUSTOM:
        ret->red = option_score(opts, "node-health-red");
        ret->yellow = option_score(opts, "node-health-yellow");
        ret->green = option_score(opts, "node-health-green");
        ret->base = st == HEALTH_PROGRESSIVE ? option_score(opts, "node-health-base") : 0;
        break;
    case HEALTH_NONE:
        break;
    }
}

/* One #health-* value: a colour or a score; anything else counts 0. */
static crm_score_t health_value_score(const char *v, const struct health_scores *sc)
{
    crm_score_t s = 0;
    if (v == NULL) {
        return 0;
    }
    if (g_ascii_strcasecmp(v, "red") == 0) {
        return sc->red;
    }
    if (g_ascii_strcasecmp(v, "yellow") == 0) {
        return sc->yellow;
    }
    if (g_ascii_strcasecmp(v, "green") == 0) {
        return sc->green;
    }
    return crm_score_parse(v, &s) == 0 ? s : 0;
}

static crm_score_t node_health_sum(const struct sched_node *n, const struct health_scores *sc)
{
    crm_score_t sum = sc->base;
    if (n->attrs == NULL) {
        return sum;
    }
    GHashTableIter it;
    gpointer k, v;
    g_hash_table_iter_init(&it, n->attrs);
    while (g_hash_table_iter_next(&it, &k, &v)) {
        if (g_str_has_prefix(k, "#health")) {
            sum = crm_score_add(sum, health_value_score(v, sc));
        }
    }
    return sum;
}

/* Negative health does not keep resources with allow-unhealthy-nodes=true
 * (their own meta or inherited) off the node. */
static bool rsc_allows_unhealthy(const struct sched_rsc *rsc)
{
    const char *v =
        rsc->meta != NULL ? g_hash_table_lookup(rsc->meta, "allow-unhealthy-nodes") : NULL;
    return v != NULL && sched_is_true(v);
}

static void health_location_add(struct sched_cluster *cl, const char *strategy,
                                struct sched_rsc *rsc, guint node_index, crm_score_t score)
{
    guint nn = cl->nodes->len;
    struct sched_location *l = g_new0(struct sched_location, 1);
    l->id = g_strdup(strategy);
    l->rsc = rsc;
    l->node_scores = g_new0(crm_score_t, nn + 1);
    l->node_in = g_new0(guint8, nn + 1);
    l->node_scores[node_index] = score;
    l->node_in[node_index] = 1;
    l->role = ROLE_UNKNOWN;
    g_ptr_array_add(cl->locations, l);
}

void sched_health_apply(struct sched_cluster *cl, xmlNode *cib)
{
    xmlNode *config = sched_xml_child(cib, "configuration");
    g_autoptr(GHashTable) opts = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    sched_unpack_nvpairs(cl, sched_xml_child(config, "crm_config"), "cluster_property_set", NULL,
                         opts, false);
    const char *strategy = g_hash_table_lookup(opts, "node-health-strategy");
    enum health_strategy st = health_strategy_parse(strategy);
    if (st == HEALTH_NONE) {
        return;
    }
    struct health_scores sc;
    health_scores_unpack(st, opts, &sc);
    for (guint i = 0; i < cl->nodes->len; i++) {
        const struct sched_node *n = cl->nodes->pdata[i];
        crm_score_t health = node_health_sum(n, &sc);
        if (health == 0) {
            continue;
        }
        for (guint j = 0; j < cl->resources->len; j++) {
            struct sched_rsc *rsc = cl->resources->pdata[j];
            if (health < 0 && rsc_allows_unhealthy(rsc)) {
                continue;
            }
            health_location_add(cl, strategy, rsc, (guint)n->index, health);
        }
    }
}
