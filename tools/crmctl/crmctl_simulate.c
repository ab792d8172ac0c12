/* crmctl_simulate.c — 'crmctl simulate': runs the scheduler on a CIB file
 * or (--live) on the running cluster's CIB with its status, and prints what
 * it would do (crm_simulate style), the graph, the dot file, the scores or
 * JSON. Nothing is executed. */
#include "crmctl.h"

#include <crm/client.h>
#include <crm/scheduler.h>
#include <errno.h>
#include <libxml/parser.h>
#include <stdio.h>
#include <glib/gstdio.h>
#include <unistd.h>
#include <sys/stat.h>
#include <string.h>

struct sim_opts {
    char *xml_file;
    char *save_graph;
    char *save_dot;
    char *output_as;
    gboolean show_scores;
    gboolean quiet;
    gboolean live;
};

/* Streams the graph (100+ MB for a big cluster) to PATH atomically: a
 * temporary file beside it, fsync, rename. Returns 0 or a negative errno. */
static int graph_write_atomic(struct sched_result *res, const char *path)
{
    g_autofree char *tmp = g_strdup_printf("%s.XXXXXX", path);
    int fd = g_mkstemp(tmp);
    if (fd < 0) {
        return -errno;
    }
    FILE *f = fdopen(fd, "w");
    if (f == NULL) {
        int rc = -errno;
        close(fd);
        unlink(tmp);
        return rc;
    }
    int rc = sched_result_write_graph(res, f);
    if (rc == 0 && (fflush(f) != 0 || fsync(fileno(f)) != 0)) {
        rc = -errno;
    }
    if (fclose(f) != 0 && rc == 0) {
        rc = -errno;
    }
    if (rc == 0 && (chmod(tmp, 0644) != 0 || rename(tmp, path) != 0)) {
        rc = -errno;
    }
    if (rc != 0) {
        unlink(tmp);
    }
    return rc;
}

static int write_outputs(struct sched_result *res, const struct sim_opts *o)
{
    if (o->save_graph != NULL) {
        int rc = graph_write_atomic(res, o->save_graph);
        if (rc != 0) {
            fprintf(stderr, "crmctl simulate: cannot write graph to '%s': %s\n", o->save_graph,
                    g_strerror(-rc));
            return CRM_EXIT_ERROR;
        }
    }
    if (o->save_dot != NULL) {
        g_autoptr(GString) dot = g_string_new(NULL);
        sched_result_format_dot(res, dot);
        g_autoptr(GError) err = NULL;
        if (!g_file_set_contents(o->save_dot, dot->str, (gssize)dot->len, &err)) {
            fprintf(stderr, "crmctl simulate: %s\n", err->message);
            return CRM_EXIT_ERROR;
        }
    }
    return CRM_EXIT_OK;
}

static int run(const struct sim_opts *o)
{
    g_autoptr(GError) err = NULL;
    crmctl_output_t fmt = CRMCTL_OUTPUT_TEXT;
    if (o->output_as != NULL && !crmctl_output_parse(o->output_as, &fmt)) {
        return CRM_EXIT_USAGE;
    }
    xmlDoc *doc = o->live ? crmctl_cib_read_live(&err) : crmctl_cib_read_input(o->xml_file, &err);
    if (doc == NULL) {
        fprintf(stderr, "crmctl simulate: %s\n", err->message);
        return err->code;
    }
    struct sched_result *res = NULL;
    g_autofree char *msg = NULL;
    struct sched_options sopts = {0};
    int rc = sched_run(doc, &sopts, &res, &msg);
    sched_cib_free(doc);
    if (rc != 0) {
        fprintf(stderr, "crmctl simulate: invalid CIB '%s': %s\n", o->live ? "live" : o->xml_file,
                msg != NULL ? msg : crm_strerror(rc));
        return CRM_EXIT_INVALID;
    }
    g_autoptr(GString) out = g_string_new(NULL);
    if (fmt == CRMCTL_OUTPUT_JSON) {
        g_autofree char *json = sched_result_to_json(res);
        g_string_append(out, json);
        g_string_append_c(out, '\n');
    } else {
        if (o->show_scores) {
            sched_result_format_scores(res, out);
            g_string_append_c(out, '\n');
        }
        if (o->quiet) {
            sched_result_format_summary(res, out);
        } else {
            sched_result_format_text(res, out);
        }
    }
    fputs(out->str, stdout);
    int wrc = write_outputs(res, o);
    sched_result_free(res);
    return wrc;
}

int crmctl_cmd_simulate(int argc, char **argv)
{
    struct sim_opts o = {0};
    GOptionEntry entries[] = {
        {"xml-file", 'x', 0, G_OPTION_ARG_FILENAME, &o.xml_file,
         "CIB to simulate ('-' reads standard input)", "FILE"},
        {"save-graph", 'G', 0, G_OPTION_ARG_FILENAME, &o.save_graph,
         "write the transition graph (XML, xml/schemas/graph.rng) to FILE", "FILE"},
        {"save-dotfile", 'D', 0, G_OPTION_ARG_FILENAME, &o.save_dot,
         "write the transition graph in Graphviz dot syntax to FILE", "FILE"},
        {"show-scores", 's', 0, G_OPTION_ARG_NONE, &o.show_scores,
         "show the allocation score of each resource on each node", NULL},
        {"summary-only", 'q', 0, G_OPTION_ARG_NONE, &o.quiet, "print only the Transition Summary",
         NULL},
        {"output-as", 0, 0, G_OPTION_ARG_STRING, &o.output_as, "text (default) or json", "FORMAT"},
        {"live", 'L', 0, G_OPTION_ARG_NONE, &o.live,
         "the running cluster's CIB with its status: what the cluster would do now (nothing "
         "is done)",
         NULL},
        {NULL},
    };
    g_autoptr(GOptionContext) ctx = g_option_context_new("- run the scheduler on a CIB");
    g_option_context_add_main_entries(ctx, entries, NULL);
    g_option_context_set_description(ctx, crmctl_exit_codes_help);
    g_autoptr(GError) err = NULL;
    int rc;
    if (!g_option_context_parse(ctx, &argc, &argv, &err)) {
        fprintf(stderr, "crmctl simulate: %s\n", err->message);
        rc = CRM_EXIT_USAGE;
    } else if ((o.xml_file == NULL) == !o.live) {
        fprintf(stderr, "crmctl simulate: give -x FILE or --live (one of them)\n");
        rc = CRM_EXIT_USAGE;
    } else {
        rc = run(&o);
    }
    g_free(o.xml_file);
    g_free(o.save_graph);
    g_free(o.save_dot);
    g_free(o.output_as);
    return rc;
}
