/* exec_meta_internal.h — the meta-data schema text, shared by the parser. */
#pragma once

#include "exec_internal.h"

extern const char *const crm__exec_meta_rng;
