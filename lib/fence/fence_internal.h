/* fence_internal.h — what the files of lib/fence share. Not installed. */
#pragma once

#include <crm/fence.h>

crm_fence_config_t *crm__fence_config_new(void);
int crm__fence_device_unpack(xmlNode *prim, crm_fence_device_t **ret_dev, GError **error);
void crm__fence_device_free(crm_fence_device_t *dev);
int crm__fence_level_unpack(xmlNode *x, crm_fence_level_t **ret_level, GError **error);
void crm__fence_level_free(crm_fence_level_t *lv);
/* Does the level apply to TARGET (with the configuration's node attributes)? */
bool crm__fence_level_matches(const crm_fence_config_t *cfg, const crm_fence_level_t *lv,
                              const char *target);
