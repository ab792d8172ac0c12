/* crmctl_cib_live.c — the live CIB of the running cluster: 'crmctl cib
 * query [--xpath X]', 'replace --xpath X --xml-text XML' (or 'replace
 * FILE|-' for a whole CIB), 'patch PATCHFILE' and 'edit'. */
#include "crmctl.h"

#include <crm/client.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int fail(const char *verb, int rc, GError *error)
{
    fprintf(stderr, "crmctl cib %s: %s\n", verb, error ? error->message : crm_strerror(rc));
    return crm_client_exit_code(rc);
}

static int read_input(const char *verb, const char *path, char **ret_text)
{
    g_autoptr(GError) error = NULL;
    gsize len = 0;
    if (strcmp(path, "-") == 0) {
        GString *buf = g_string_new(NULL);
        char chunk[65536];
        size_t n;
        while ((n = fread(chunk, 1, sizeof(chunk), stdin)) > 0 && buf->len <= CRM_CLIENT_MAX_MSG) {
            g_string_append_len(buf, chunk, (gssize)n);
        }
        *ret_text = g_string_free(buf, FALSE);
        return CRM_EXIT_OK;
    }
    if (!g_file_get_contents(path, ret_text, &len, &error)) {
        fprintf(stderr, "crmctl cib %s: %s\n", verb, error->message);
        return CRM_EXIT_NOT_FOUND;
    }
    return CRM_EXIT_OK;
}

static int run_editor(const char *path)
{
    const char *editor = g_getenv("VISUAL") ? g_getenv("VISUAL") : g_getenv("EDITOR");
    g_autofree char *cmdline = g_strdup_printf("%s '%s'", editor ? editor : "vi", path);
    g_autoptr(GError) error = NULL;
    int status = 0;
    if (!g_spawn_sync(NULL, (char *[]){"/bin/sh", "-c", cmdline, NULL}, NULL,
                      G_SPAWN_CHILD_INHERITS_STDIN, NULL, NULL, NULL, NULL, &status, &error) ||
        !g_spawn_check_wait_status(status, &error)) {
        fprintf(stderr, "crmctl cib edit: the editor failed: %s; nothing changed\n",
                error->message);
        return CRM_EXIT_FAILED;
    }
    return CRM_EXIT_OK;
}

static int edit(crm_client_t *client)
{
    g_autoptr(GError) error = NULL;
    g_autofree char *before = NULL;
    int rc = crm_client_cib_query(client, NULL, &before, &error);
    if (rc < 0) {
        return fail("edit", rc, error);
    }
    g_autofree char *path = NULL;
    int fd = g_file_open_tmp("crmctl-cib-XXXXXX.xml", &path, &error);
    if (fd < 0 || write(fd, before, strlen(before)) != (ssize_t)strlen(before)) {
        fprintf(stderr, "crmctl cib edit: cannot write a temporary copy: %s\n",
                error ? error->message : g_strerror(errno));
        if (fd >= 0) {
            close(fd);
        }
        return CRM_EXIT_ERROR;
    }
    close(fd);
    int ex = run_editor(path);
    g_autofree char *after = NULL;
    if (ex == CRM_EXIT_OK && !g_file_get_contents(path, &after, NULL, &error)) {
        ex = CRM_EXIT_ERROR;
    }
    if (ex == CRM_EXIT_OK && strcmp(before, after) == 0) {
        fprintf(stderr, "crmctl cib edit: no change\n");
    } else if (ex == CRM_EXIT_OK) {
        rc = crm_client_cib_replace(client, NULL, after, &error);
        if (rc < 0) {
            ex = fail("edit", rc, error);
            fprintf(stderr, "crmctl cib edit: your copy is kept in %s\n", path);
            return ex;
        }
    }
    g_unlink(path);
    return ex;
}

int crmctl_cib_live(int argc, char **argv)
{
    const char *verb = argv[0];
    g_autofree char *xpath = NULL;
    g_autofree char *xml_text = NULL;
    g_autofree char *output_as = NULL;
    GOptionEntry entries[] = {
        {"xpath", 'x', 0, G_OPTION_ARG_STRING, &xpath,
         "query: what matches XPATH; replace: the element to replace", "XPATH"},
        {"xml-text", 0, 0, G_OPTION_ARG_STRING, &xml_text, "replace: the new element", "XML"},
        {"output-as", 0, 0, G_OPTION_ARG_STRING, &output_as, "text (XML, the default) or json",
         "FORMAT"},
        {NULL}};
    g_autoptr(GOptionContext) ctx =
        g_option_context_new("- query|replace FILE|patch FILE|edit the live CIB");
    g_option_context_add_main_entries(ctx, entries, NULL);
    g_option_context_set_description(ctx, crmctl_exit_codes_help);
    g_autoptr(GError) error = NULL;
    if (!g_option_context_parse(ctx, &argc, &argv, &error)) {
        fprintf(stderr, "crmctl cib %s: %s\n", verb, error->message);
        return CRM_EXIT_USAGE;
    }
    crmctl_output_t output = CRMCTL_OUTPUT_TEXT;
    if (output_as != NULL && !crmctl_output_parse(output_as, &output)) {
        return CRM_EXIT_USAGE;
    }
    bool is_replace = strcmp(verb, "replace") == 0;
    bool with_file = strcmp(verb, "patch") == 0 || (is_replace && xml_text == NULL);
    bool known = with_file || is_replace || strcmp(verb, "query") == 0 || strcmp(verb, "edit") == 0;
    if (!known || argc != (with_file ? 2 : 1) ||
        (xpath && strcmp(verb, "query") != 0 && !is_replace) || (xml_text && !is_replace) ||
        (is_replace && xml_text && !xpath)) {
        fprintf(stderr, "Usage: crmctl cib query [--xpath X] | replace --xpath X --xml-text XML | "
                        "replace FILE | patch PATCHFILE | edit\n");
        return CRM_EXIT_USAGE;
    }
    g_autofree char *text = NULL;
    if (xml_text != NULL) {
        text = g_strdup(xml_text);
    } else if (with_file) {
        int ex = read_input(verb, argv[1], &text);
        if (ex != CRM_EXIT_OK) {
            return ex;
        }
    }
    g_autoptr(crm_client_t) client = NULL;
    int rc = crm_client_connect(&client, &error);
    if (rc < 0) {
        return fail(verb, rc, error);
    }
    if (strcmp(verb, "edit") == 0) {
        return edit(client);
    }
    if (strcmp(verb, "query") == 0) {
        g_autofree char *xml = NULL;
        rc = crm_client_cib_query(client, xpath, &xml, &error);
        if (rc == 0 && output == CRMCTL_OUTPUT_JSON) {
            g_autoptr(JsonObject) o = json_object_new();
            json_object_set_string_member(o, "xml", xml);
            g_autofree char *js = crm_client_json_dump(o, NULL);
            printf("%s\n", js);
        } else if (rc == 0) {
            fputs(xml, stdout);
            if (xml[0] != '\0' && xml[strlen(xml) - 1] != '\n') {
                fputc('\n', stdout);
            }
        }
    } else if (strcmp(verb, "replace") == 0) {
        rc = crm_client_cib_replace(client, xpath, text, &error);
    } else {
        rc = crm_client_cib_patch(client, text, &error);
    }
    return rc < 0 ? fail(verb, rc, error) : CRM_EXIT_OK;
}
