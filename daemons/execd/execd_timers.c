/* execd_timers.c — when recurring monitors are due: one GLib timer for all of
 * them over a sorted sequence, so that a thousand monitors do not make the
 * main loop walk a thousand sources on every wakeup. */
#include "execd.h"

static GSequence *due;      /* execd_op_t, by op->due_us */
static GSource *wake;       /* fires at the earliest due time */
static execd_due_fn due_fn; /* called for each op that is due */
static gboolean in_wake;    /* on_wake re-arms once at its end */

static gint cmp_due(gconstpointer a, gconstpointer b, gpointer data)
{
    const execd_op_t *x = a, *y = b;
    if (x->due_us != y->due_us) {
        return x->due_us < y->due_us ? -1 : 1;
    }
    return x->call_id < y->call_id ? -1 : (x->call_id > y->call_id);
}

static gboolean on_wake(gpointer data);

static void rearm(void)
{
    if (in_wake) {
        return;
    }
    if (wake != NULL) {
        g_source_destroy(wake);
        g_source_unref(wake);
        wake = NULL;
    }
    GSequenceIter *first = g_sequence_get_begin_iter(due);
    if (g_sequence_iter_is_end(first)) {
        return;
    }
    const execd_op_t *op = g_sequence_get(first);
    gint64 wait_us = op->due_us - g_get_monotonic_time();
    guint ms = wait_us <= 0 ? 0 : (guint)MIN((wait_us + 999) / 1000, G_MAXUINT);
    wake = g_timeout_source_new(ms);
    g_source_set_callback(wake, on_wake, NULL, NULL);
    g_source_attach(wake, NULL);
}

static gboolean on_wake(gpointer data)
{
    gint64 now = g_get_monotonic_time();
    GSequenceIter *it;
    in_wake = TRUE;
    while (!g_sequence_iter_is_end(it = g_sequence_get_begin_iter(due))) {
        execd_op_t *op = g_sequence_get(it);
        if (op->due_us > now) {
            break;
        }
        g_sequence_remove(it);
        op->due_iter = NULL;
        due_fn(op);
    }
    in_wake = FALSE;
    g_source_unref(wake); /* returning REMOVE destroys it */
    wake = NULL;
    rearm();
    return G_SOURCE_REMOVE;
}

void execd_timers_init(execd_due_fn fn)
{
    due = g_sequence_new(NULL);
    due_fn = fn;
}

void execd_timers_add(execd_op_t *op, guint64 delay_ms)
{
    execd_timers_remove(op);
    op->due_us = g_get_monotonic_time() + (gint64)MIN(delay_ms, (guint64)G_MAXINT64 / 2000) * 1000;
    op->due_iter = g_sequence_insert_sorted(due, op, cmp_due, NULL);
    if (g_sequence_iter_is_begin(op->due_iter)) {
        rearm();
    }
}

void execd_timers_remove(execd_op_t *op)
{
    if (op->due_iter == NULL) {
        return;
    }
    gboolean first = g_sequence_iter_is_begin(op->due_iter);
    g_sequence_remove(op->due_iter);
    op->due_iter = NULL;
    if (first) {
        rearm();
    }
}

void execd_timers_shutdown(void)
{
    if (wake != NULL) {
        g_source_destroy(wake);
        g_source_unref(wake);
        wake = NULL;
    }
    if (due != NULL) {
        g_sequence_free(due); /* the ops belong to their resources */
        due = NULL;
    }
}
