/* exec_agent.c — agent names ("ocf:PROVIDER:TYPE", "lsb:NAME", "stonith:NAME"), where their
 * executables are, and the list of installed agents. */
#include "exec_internal.h"

#include <string.h>
#include <unistd.h>

/* A file name that cannot leave its folder. */
static gboolean name_ok(const char *s)
{
    if (s == NULL || *s == '\0' || strlen(s) > 255 || strcmp(s, ".") == 0 || strcmp(s, "..") == 0) {
        return FALSE;
    }
    for (const char *p = s; *p; p++) {
        if (!g_ascii_isalnum(*p) && strchr("_.-+@", *p) == NULL) {
            return FALSE;
        }
    }
    return TRUE;
}

int crm_agent_new(const char *klass, const char *provider, const char *type,
                  crm_agent_t **ret_agent, GError **error)
{
    gboolean ocf = g_strcmp0(klass, "ocf") == 0;
    if (!ocf && g_strcmp0(klass, "lsb") != 0 && g_strcmp0(klass, "stonith") != 0) {
        g_set_error(error, CRM_ERROR, CRM_ERR_PARSE,
                    "unknown agent class '%s' (use ocf:PROVIDER:TYPE, lsb:NAME or stonith:NAME)",
                    klass ? klass : "");
        return CRM_ERR_PARSE;
    }
    if ((ocf && !name_ok(provider)) || (!ocf && provider != NULL)) {
        g_set_error(error, CRM_ERROR, CRM_ERR_PARSE, "invalid agent provider '%s'",
                    provider ? provider : "");
        return CRM_ERR_PARSE;
    }
    if (!name_ok(type)) {
        g_set_error(error, CRM_ERROR, CRM_ERR_PARSE,
                    "invalid agent type '%s' (letters, digits and _.-+@ only)", type ? type : "");
        return CRM_ERR_PARSE;
    }
    crm_agent_t *a = g_new0(crm_agent_t, 1);
    a->klass = g_strdup(klass);
    a->provider = g_strdup(provider);
    a->type = g_strdup(type);
    *ret_agent = a;
    return 0;
}

int crm_agent_parse(const char *spec, crm_agent_t **ret_agent, GError **error)
{
    g_auto(GStrv) parts = g_strsplit(spec ? spec : "", ":", 4);
    guint n = g_strv_length(parts);
    if (n == 3 && strcmp(parts[0], "ocf") == 0) {
        return crm_agent_new(parts[0], parts[1], parts[2], ret_agent, error);
    }
    if (n == 2 && (strcmp(parts[0], "lsb") == 0 || strcmp(parts[0], "stonith") == 0)) {
        return crm_agent_new(parts[0], NULL, parts[1], ret_agent, error);
    }
    g_set_error(error, CRM_ERROR, CRM_ERR_PARSE,
                "invalid agent '%s': use ocf:PROVIDER:TYPE, lsb:NAME or stonith:NAME",
                spec ? spec : "");
    return CRM_ERR_PARSE;
}

void crm_agent_free(crm_agent_t *agent)
{
    if (agent == NULL) {
        return;
    }
    g_free(agent->klass);
    g_free(agent->provider);
    g_free(agent->type);
    g_free(agent);
}

char *crm_agent_spec(const crm_agent_t *agent)
{
    if (agent->provider != NULL) {
        return g_strdup_printf("%s:%s:%s", agent->klass, agent->provider, agent->type);
    }
    return g_strdup_printf("%s:%s", agent->klass, agent->type);
}

const char *crm_ocf_root(void)
{
    const char *env = g_getenv("OCF_ROOT");
    return (env != NULL && *env != '\0') ? env : CRM_OCF_ROOT;
}

static const char *lsb_dir(void)
{
    const char *env = g_getenv("CRM_LSB_DIR");
    return (env != NULL && *env != '\0') ? env : "/etc/init.d";
}

/* Folders laid out like resource.d (PROVIDER/TYPE), in search order. */
static GPtrArray *ocf_dirs(void)
{
    GPtrArray *dirs = g_ptr_array_new_with_free_func(g_free);
    const char *extra = g_getenv("CRM_OCF_PATH");
    if (extra != NULL) {
        g_auto(GStrv) v = g_strsplit(extra, ":", -1);
        for (guint i = 0; v[i]; i++) {
            if (*v[i] != '\0') {
                g_ptr_array_add(dirs, g_strdup(v[i]));
            }
        }
    }
    g_ptr_array_add(dirs, g_build_filename(crm_ocf_root(), "resource.d", NULL));
    g_ptr_array_add(dirs, g_build_filename(CRM_SOURCE_ROOT, "agents", "ocf", NULL));
    return dirs;
}

int crm_agent_find(const crm_agent_t *agent, char **ret_path)
{
    if (g_strcmp0(agent->klass, "stonith") == 0) {
        return crm__exec_stonith_find(agent->type, ret_path);
    }
    if (g_strcmp0(agent->klass, "lsb") == 0) {
        char *path = g_build_filename(lsb_dir(), agent->type, NULL);
        if (!g_file_test(path, G_FILE_TEST_IS_REGULAR)) {
            g_free(path);
            return CRM_ERR_NOT_FOUND;
        }
        *ret_path = path;
        return 0;
    }
    g_autoptr(GPtrArray) dirs = ocf_dirs();
    for (guint i = 0; i < dirs->len; i++) {
        char *path = g_build_filename(dirs->pdata[i], agent->provider, agent->type, NULL);
        if (g_file_test(path, G_FILE_TEST_IS_REGULAR)) {
            *ret_path = path;
            return 0;
        }
        g_free(path);
    }
    return CRM_ERR_NOT_FOUND;
}

/* Adds "prefix:NAME" for each executable regular file of dir. */
static void list_dir(GHashTable *seen, const char *dir, const char *prefix)
{
    g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
    const char *name;
    while (d != NULL && (name = g_dir_read_name(d)) != NULL) {
        g_autofree char *path = g_build_filename(dir, name, NULL);
        if (name_ok(name) && name[0] != '.' && g_file_test(path, G_FILE_TEST_IS_REGULAR) &&
            access(path, X_OK) == 0) {
            g_hash_table_add(seen, g_strdup_printf("%s:%s", prefix, name));
        }
    }
}

static void list_ocf(GHashTable *seen, const char *provider)
{
    g_autoptr(GPtrArray) dirs = ocf_dirs();
    for (guint i = 0; i < dirs->len; i++) {
        g_autoptr(GDir) d = g_dir_open(dirs->pdata[i], 0, NULL);
        const char *prov;
        while (d != NULL && (prov = g_dir_read_name(d)) != NULL) {
            if (!name_ok(prov) || (provider != NULL && strcmp(prov, provider) != 0)) {
                continue;
            }
            g_autofree char *sub = g_build_filename(dirs->pdata[i], prov, NULL);
            g_autofree char *prefix = g_strdup_printf("ocf:%s", prov);
            list_dir(seen, sub, prefix);
        }
    }
}

static gint cmp_str(gconstpointer a, gconstpointer b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

GPtrArray *crm_agent_list(const char *klass, const char *provider)
{
    g_autoptr(GHashTable) seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    if (klass == NULL || strcmp(klass, "ocf") == 0) {
        list_ocf(seen, provider);
    }
    if (klass == NULL || (strcmp(klass, "lsb") == 0 && provider == NULL)) {
        list_dir(seen, lsb_dir(), "lsb");
    }
    GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
    GHashTableIter it;
    gpointer key;
    g_hash_table_iter_init(&it, seen);
    while (g_hash_table_iter_next(&it, &key, NULL)) {
        g_hash_table_iter_steal(&it);
        g_ptr_array_add(out, key);
    }
    g_ptr_array_sort(out, cmp_str);
    return out;
}
