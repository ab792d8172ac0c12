/* crmd_fence_internal.h — what the fencer's files in crmd share: the history,
 * the callers waiting for outcomes, and the steps of an operation. */
#pragma once

#include "crmd.h"

#include <crm/fence.h>

struct crmd_fence_waiter {
    char *op_id;
    crmd_fence_done_fn done;
    gpointer user_data;
};

struct crmd_fence_state {
    crm_fence_history_t *history;
    GPtrArray *waiters;    /* struct crmd_fence_waiter */
    guint64 counter;       /* for operation ids */
    GHashTable *failures;  /* target -> failed attempts since its last fencing */
    GHashTable *deadlines; /* op id -> monotonic µs: the origin gives up then */
    GHashTable *joins;     /* op id -> the target's crmd joins when it was requested */
    guint timer;
};

extern struct crmd_fence_state crmd_fence;

const char *crmd_fence_local_name(void);
/* Broadcasts {"kind": kind, "entry": e}. */
int crmd_fence_broadcast(const char *kind, const crm_fence_entry_t *e);
/* Completes an operation: sets the state and reason of a copy of e and
 * broadcasts it as the result. */
void crmd_fence_complete(const crm_fence_entry_t *e, enum crm_fence_state state, const char *device,
                         const char *reason);
/* Adds a caller waiting for the outcome of operation op_id. */
void crmd_fence_waiter_add(const char *op_id, crmd_fence_done_fn done, gpointer user_data);
/* Starts an operation from this node (the origin); done may be NULL. */
void crmd_fence_start(const char *target, const char *action, const char *client,
                      crmd_fence_done_fn done, gpointer user_data);

/* crmd_fence_exec.c: this node is the executor of the request e. */
void crmd_fence_exec_start(const crm_fence_entry_t *e);

/* crmd_fence_watchdog.c: housekeeping every second; self-fencing. */
gboolean crmd_fence_tick(gpointer data);
/* Kills this node (the lab's power switch, else the watchdog device). */
void crmd_fence_self(const char *why);
