/* crmd_merge.c — the pure decisions after a membership change: which CIB
 * version wins, whether everyone already agrees, and who is DC. */
#include "crmd_core.h"

int crmd_version_cmp(const struct crmd_version *a, const struct crmd_version *b)
{
    if (a->admin_epoch != b->admin_epoch) {
        return a->admin_epoch < b->admin_epoch ? -1 : 1;
    }
    if (a->epoch != b->epoch) {
        return a->epoch < b->epoch ? -1 : 1;
    }
    if (a->num_updates != b->num_updates) {
        return a->num_updates < b->num_updates ? -1 : 1;
    }
    return 0;
}

const struct crmd_offer *crmd_sync_winner(const struct crmd_offer *offers, gsize n)
{
    const struct crmd_offer *best = NULL;
    for (gsize i = 0; i < n; i++) {
        const struct crmd_offer *o = &offers[i];
        if (best == NULL) {
            best = o;
            continue;
        }
        int c = crmd_version_cmp(&o->version, &best->version);
        if (c > 0 || (c == 0 && o->nodeid < best->nodeid)) {
            best = o;
        }
    }
    return best;
}

bool crmd_sync_agreed(const struct crmd_offer *offers, gsize n)
{
    const struct crmd_offer *w = crmd_sync_winner(offers, n);
    for (gsize i = 0; w != NULL && i < n; i++) {
        if (offers[i].version.admin_epoch != w->version.admin_epoch ||
            offers[i].version.epoch != w->version.epoch ||
            g_strcmp0(offers[i].digest, w->digest) != 0) {
            return false;
        }
    }
    return true;
}

static bool contains(const guint32 *ids, gsize n, guint32 id)
{
    for (gsize i = 0; i < n; i++) {
        if (ids[i] == id) {
            return true;
        }
    }
    return false;
}

guint32 crmd_dc_choose(const guint32 *members, gsize n_members, const struct crmd_dc_claim *claims,
                       gsize n_claims)
{
    guint32 dc = 0;
    guint32 weight = 0;
    for (gsize i = 0; i < n_claims; i++) {
        const struct crmd_dc_claim *c = &claims[i];
        if (c->dc == 0 || !contains(members, n_members, c->dc)) {
            continue;
        }
        if (dc == 0 || c->weight > weight || (c->weight == weight && c->dc < dc)) {
            dc = c->dc;
            weight = c->weight;
        }
    }
    if (dc != 0) {
        return dc;
    }
    for (gsize i = 0; i < n_members; i++) {
        if (members[i] != 0 && (dc == 0 || members[i] < dc)) {
            dc = members[i];
        }
    }
    return dc;
}
