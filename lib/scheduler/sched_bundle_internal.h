/* sched_bundle_internal.h — a bundle's configuration as sched_bundle.c reads
 * it, shared with the file that builds its containers' parameters. */
#pragma once

#include "sched_internal.h"

#define BUNDLE_MAX_REPLICAS 1000

struct bundle_cfg {
    const char *id, *kind, *image, *ip_start, *nic, *netmask, *port;
    const char *options, *network, *run_command;
    bool add_host;
    int replicas, per_host, promoted_max;
    xmlNode *xml, *prim;
    xmlNode *status; /* the CIB's status section, or NULL */
    char **ips;      /* per replica, or NULL without ip-range-start */
};

bool sched_bundle_elem_is(xmlNode *x, const char *name);
/* The instance attributes of replica i's container, as Pacemaker builds
 * them (their digests must match the recorded ones). */
void sched_bundle_container_params(const struct bundle_cfg *cfg, int i, GHashTable *ret_params);
