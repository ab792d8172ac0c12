/* sched_bundle_link.c — after unpacking: makes a bundle's containers the
 * instances of the clone that stands for it, pins each instance of its
 * inner primitive to its replica's guest node and adds the orderings and
 * colocations between a bundle's parts. */
#include "sched_internal.h"

#include <stdlib.h>
#include <string.h>

static void bundle_order(struct sched_cluster *cl, struct sched_rsc *a, const char *ta,
                         struct sched_rsc *b, const char *tb, unsigned type)
{
    sched_order_add(cl, a, g_intern_string(ta), NULL, b, g_intern_string(tb), NULL, type);
}

static int bundle_meta_int(struct sched_rsc *rsc, const char *name)
{
    const char *v = g_hash_table_lookup(rsc->meta, name);
    return v != NULL ? atoi(v) : 0;
}

/* The IP of a replica is the one started before its container. */
static void bundle_replica_ip(struct sched_cluster *cl, struct sched_rsc *container)
{
    struct sched_rsc *ip = NULL;
    const char *cid = container->id;
    for (guint i = 0; i < cl->resources->len && ip == NULL; i++) {
        struct sched_rsc *r = cl->resources->pdata[i];
        if (r->variant == VAR_PRIMITIVE && g_strcmp0(r->type, "IPaddr2") == 0 &&
            g_strcmp0(g_hash_table_lookup(r->meta, SCHED_BUNDLE_META_IP_OF), cid) == 0) {
            ip = r;
        }
    }
    if (ip == NULL) {
        return;
    }
    g_autofree char *id = g_strdup_printf("%s-with-%s", ip->id, cid);
    sched_colocation_add(cl, id, ip, container, SCORE_INF, ROLE_UNKNOWN, ROLE_UNKNOWN, NULL, true);
    bundle_order(cl, ip, "start", container, "start", OF_IMPLIES_THEN | OF_RUNNABLE_LEFT);
    bundle_order(cl, container, "stop", ip, "stop", OF_IMPLIES_FIRST);
}

/* Moves the containers B-KIND-i from the top level into the bundle. */
static void bundle_adopt_containers(struct sched_cluster *cl, struct sched_rsc *b)
{
    const char *kind = g_hash_table_lookup(b->meta, SCHED_BUNDLE_META);
    int n = bundle_meta_int(b, SCHED_BUNDLE_META_REPLICAS);
    b->clone_max = n;
    b->clone_node_max = MAX(1, bundle_meta_int(b, SCHED_BUNDLE_META_PER_HOST));
    b->unique = true; /* the containers are distinct resources */
    for (int i = 0; i < n; i++) {
        g_autofree char *cid = g_strdup_printf("%s-%s-%d", b->id, kind, i);
        struct sched_rsc *c = sched_rsc_find(cl, cid);
        if (c == NULL || c->parent != NULL || !g_ptr_array_remove(cl->resources, c)) {
            continue;
        }
        c->parent = b;
        c->index = i;
        c->unique = true;
        g_ptr_array_add(b->children, c);
        bundle_replica_ip(cl, c);
    }
}

static bool bundle_owns(const struct sched_rsc *child, const struct sched_rsc *r)
{
    for (; r != NULL; r = r->parent) {
        if (r == child) {
            return true;
        }
    }
    return false;
}

/* Instance i of the inner primitive runs on guest node B-i only, and no
 * other resource runs (or is probed) on a bundle's guest nodes. */
static void bundle_pin_child(struct sched_cluster *cl, struct sched_rsc *b, struct sched_rsc *child)
{
    for (guint i = 0; i < child->children->len; i++) {
        struct sched_rsc *inst = child->children->pdata[i];
        g_autofree char *name = g_strdup_printf("%s-%u", b->id, i);
        struct sched_node *guest = sched_node_find(cl, name);
        if (guest == NULL) {
            sched_rsc_location(cl, inst, NULL, -SCORE_INF);
            continue;
        }
        sched_rsc_location(cl, child, guest, 0);
        for (guint k = 0; k < cl->nodes->len; k++) {
            struct sched_node *n = cl->nodes->pdata[k];
            sched_rsc_location(cl, inst, n, n == guest ? 500 : -SCORE_INF);
        }
        for (guint k = 0; k < cl->all_rsc->len; k++) {
            struct sched_rsc *r = cl->all_rsc->pdata[k];
            if (!bundle_owns(child, r)) {
                sched_rsc_location(cl, r, guest, -SCORE_INF);
                r->discover_never[guest->index] = 1;
            }
        }
    }
    /* (first "start" of a clone means its "running": no implies_then, or
     * every recovered container would restart all instances) */
    bundle_order(cl, b, "start", child, "start", OF_RUNNABLE_LEFT);
    bundle_order(cl, child, "running", b, "running", OF_RUNNABLE_LEFT);
    bundle_order(cl, b, "stop", child, "stop", OF_IMPLIES_THEN);
    bundle_order(cl, child, "stopped", b, "stopped", OF_IMPLIES_THEN | OF_RUNNABLE_LEFT);
}

void sched_bundle_link(struct sched_cluster *cl)
{
    g_autoptr(GPtrArray) top = g_ptr_array_copy(cl->resources, NULL, NULL);
    for (guint i = 0; i < top->len; i++) {
        struct sched_rsc *b = top->pdata[i];
        if (b->variant != VAR_CLONE || !g_hash_table_contains(b->meta, SCHED_BUNDLE_META)) {
            continue;
        }
        bundle_adopt_containers(cl, b);
        for (guint k = 0; k < top->len; k++) {
            struct sched_rsc *child = top->pdata[k];
            if (child->variant == VAR_CLONE &&
                g_strcmp0(g_hash_table_lookup(child->meta, SCHED_BUNDLE_META_CHILD), b->id) == 0) {
                bundle_pin_child(cl, b, child);
            }
        }
    }
}

bool sched_bundle_is_container(const struct sched_rsc *rsc)
{
    return rsc->parent != NULL && g_hash_table_contains(rsc->parent->meta, SCHED_BUNDLE_META);
}

bool sched_bundle_is_part(struct sched_cluster *cl, const struct sched_rsc *rsc)
{
    if (g_hash_table_contains(rsc->meta, SCHED_BUNDLE_META_IP_OF) ||
        g_hash_table_contains(rsc->meta, SCHED_BUNDLE_META_CHILD)) {
        return true;
    }
    const struct sched_node *n = g_hash_table_lookup(cl->node_by_id, rsc->id);
    return n != NULL && n->remote_rsc == rsc && n->container != NULL &&
           sched_bundle_conn_of(rsc, n->container);
}

struct sched_rsc *sched_bundle_find_instance(struct sched_cluster *cl, struct sched_rsc *clone,
                                             struct sched_node *node)
{
    (void)cl;
    const char *bid = g_hash_table_lookup(clone->meta, SCHED_BUNDLE_META_CHILD);
    if (bid == NULL || node == NULL || !g_str_has_prefix(node->id, bid)) {
        return NULL;
    }
    const char *s = node->id + strlen(bid);
    char *end = NULL;
    if (*s != '-' || s[1] == '\0') {
        return NULL;
    }
    guint64 i = g_ascii_strtoull(s + 1, &end, 10);
    if (*end != '\0' || i >= clone->children->len) {
        return NULL;
    }
    struct sched_rsc *inst = clone->children->pdata[i];
    return inst->variant == VAR_PRIMITIVE ? inst : NULL;
}

bool sched_bundle_conn_of(const struct sched_rsc *conn, const struct sched_rsc *container)
{
    return sched_bundle_is_container(container) &&
           g_strcmp0(g_hash_table_lookup(conn->meta, "container"), container->id) == 0;
}

bool sched_bundle_conn_floats(const struct sched_rsc *conn, const struct sched_rsc *container)
{
    /* on a remote node, the container's connection runs on a cluster node */
    bool floats = container->allocated_to == NULL || container->allocated_to->remote;
    return floats && sched_bundle_conn_of(conn, container);
}
