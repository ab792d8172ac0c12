/* sched_test_util.h — helpers for the scheduler unit tests: build a small
 * CIB from fragments, run the scheduler, return the summary text. */
#pragma once

#include <crm/scheduler.h>
#include <libxml/parser.h>
#include <stdbool.h>
#include <string.h>

/* Assert that a summary holds (HAS) or lacks (HASNT) a piece of text. */
#define HAS(s, x)                                                                       \
    do {                                                                                \
        if (strstr((s), (x)) == NULL) {                                                 \
            g_error("expected '%s' in:\n%s", (x), (s));                                 \
        }                                                                               \
    } while (0)
#define HASNT(s, x)                                                                     \
    do {                                                                                \
        if (strstr((s), (x)) != NULL) {                                                 \
            g_error("did not expect '%s' in:\n%s", (x), (s));                           \
        }                                                                               \
    } while (0)

/* Runs the scheduler on a whole CIB and returns its Transition Summary
 * (full: the whole crm_simulate text) with runs of spaces collapsed, so
 * tests do not depend on column padding; "ERROR: ..." when it refuses. */
static inline char *sched_test_run_xml(const char *xml, bool full)
{
    xmlDoc *doc = xmlReadMemory(xml, (int)strlen(xml), "test.xml", NULL, XML_PARSE_NONET);
    g_assert_nonnull(doc);
    struct sched_result *res = NULL;
    g_autofree char *err = NULL;
    int rc = sched_run(doc, NULL, &res, &err);
    xmlFreeDoc(doc);
    if (rc != 0) {
        return g_strdup_printf("ERROR: %s", err ? err : "?");
    }
    g_autoptr(GString) out = g_string_new(NULL);
    if (full) {
        sched_result_format_text(res, out);
    } else {
        sched_result_format_summary(res, out);
    }
    sched_result_free(res);
    g_autoptr(GRegex) re = g_regex_new(" +", 0, 0, NULL);
    return g_regex_replace_literal(re, out->str, -1, 0, " ", 0, NULL);
}

/* Returns the Transition Summary for a CIB made of the given sections
 * (NULL for empty); status may be NULL (all nodes online, no history). */
static inline char *sched_test_summary(const char *props, const char *nodes,
                                       const char *resources, const char *constraints,
                                       const char *status)
{
    g_autofree char *xml = g_strdup_printf(
        "<cib have-quorum=\"1\" execution-date=\"1600000000\"><configuration><crm_config>"
        "<cluster_property_set id=\"o\"><nvpair id=\"o1\" name=\"stonith-enabled\" "
        "value=\"false\"/>%s</cluster_property_set></crm_config><nodes>%s</nodes>"
        "<resources>%s</resources><constraints>%s</constraints></configuration>"
        "<status>%s</status></cib>",
        props ? props : "", nodes, resources, constraints ? constraints : "",
        status ? status : "");
    return sched_test_run_xml(xml, false);
}

#define NODES2                                                                  \
    "<node id=\"1\" uname=\"n1\"/><node id=\"2\" uname=\"n2\"/>"
#define NODES3 NODES2 "<node id=\"3\" uname=\"n3\"/>"
#define ONLINE(id, name)                                                        \
    "<node_state id=\"" id "\" uname=\"" name "\" in_ccm=\"true\" crmd=\"online\" " \
    "join=\"member\" expected=\"member\"/>"
#define STATUS2 ONLINE("1", "n1") ONLINE("2", "n2")
#define STATUS3 STATUS2 ONLINE("3", "n3")
#define DUMMY(id)                                                               \
    "<primitive id=\"" id "\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\"/>"
#define RUNNING_ON(nid, nname, rsc)                                             \
    "<node_state id=\"" nid "\" uname=\"" nname "\" in_ccm=\"true\" crmd=\"online\" "     \
    "join=\"member\" expected=\"member\"><lrm id=\"" nid "\"><lrm_resources>"     \
    "<lrm_resource id=\"" rsc "\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">" \
    "<lrm_rsc_op id=\"" rsc "_start_0\" operation=\"start\" call-id=\"1\" rc-code=\"0\" " \
    "op-status=\"0\" interval=\"0\" transition-key=\"1:1:0:x\"/></lrm_resource>"  \
    "</lrm_resources></lrm></node_state>"
