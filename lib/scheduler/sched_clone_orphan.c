/* sched_clone_orphan.c — histories of an anonymous clone that match no
 * configured instance: reusing an inactive orphan and naming a new one. */
#include "sched_internal.h"

#include <string.h>

static bool is_orphan_of(const struct sched_rsc *r, const char *base)
{
    size_t bl = strlen(base);
    return r->orphan && r->variant == VAR_PRIMITIVE && strncmp(r->id, base, bl) == 0 &&
           r->id[bl] == ':' && r->id[bl + 1] != '\0';
}

static char *base_of(const char *hist_id)
{
    char *base = g_strdup(hist_id);
    char *colon = strrchr(base, ':');
    if (colon != NULL) {
        *colon = '\0';
    }
    return base;
}

/* An orphan instance of an anonymous clone made for an earlier history
 * that is inactive everywhere: a later history on any node maps to it, as
 * a history maps to an inactive configured instance. */
struct sched_rsc *sched_clone_find_orphan(struct sched_cluster *cl, struct sched_rsc *clone,
                                          const char *hist_id)
{
    if (clone->unique) {
        return NULL;
    }
    g_autofree char *base = base_of(hist_id);
    for (guint i = 0; i < cl->resources->len; i++) {
        struct sched_rsc *r = cl->resources->pdata[i];
        if (is_orphan_of(r, base) && r->running_on->len == 0 && !r->start_pending) {
            return r;
        }
    }
    return NULL;
}

/* The id of a new orphan instance: the history's own id for a globally
 * unique clone, else base:N, N counting the configured instances and the
 * orphans already made (so orphans never take a configured instance's name). */
char *sched_clone_orphan_id(struct sched_cluster *cl, struct sched_rsc *clone, const char *hist_id)
{
    if (clone->unique) {
        return g_strdup(hist_id);
    }
    g_autofree char *base = base_of(hist_id);
    guint n = clone->children->len;
    for (guint i = 0; i < cl->resources->len; i++) {
        if (is_orphan_of(cl->resources->pdata[i], base)) {
            n++;
        }
    }
    return g_strdup_printf("%s:%u", base, n);
}

/* An orphan instance of a configured clone is the clone's own surplus, not a
 * resource removed from the configuration: stop-orphan-resources does not
 * apply, it is stopped whenever the clone is managed. Returns orphan. */
struct sched_rsc *sched_clone_orphan_adopt(struct sched_cluster *cl, struct sched_rsc *clone,
                                           struct sched_rsc *orphan)
{
    if (cl->stop_orphans || !clone->managed || cl->maintenance) {
        return orphan;
    }
    orphan->managed = true;
    sched_rsc_location(cl, orphan, NULL, -SCORE_INF);
    return orphan;
}
