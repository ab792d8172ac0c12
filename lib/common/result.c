/* result.c — names of result codes and their mapping to tool exit codes. */
#include <crm/common.h>

#include <errno.h>
#include <string.h>

G_DEFINE_QUARK(crm - error - quark, crm_error)

const char *crm_strerror(int rc)
{
    switch (rc) {
    case CRM_OK:
        return "OK";
    case CRM_ERR_INVALID_XML:
        return "not well-formed XML";
    case CRM_ERR_SCHEMA:
        return "document does not validate against the CIB schema";
    case CRM_ERR_NOT_FOUND:
        return "no such object";
    case CRM_ERR_DIGEST:
        return "digest mismatch (file corrupt)";
    case CRM_ERR_OLD_VERSION:
        return "update is older than the current version";
    case CRM_ERR_DUPLICATE_ID:
        return "duplicate id";
    case CRM_ERR_PARSE:
        return "value could not be parsed";
    case CRM_ERR_NOT_CONNECTED:
        return "cluster daemon not reachable";
    case CRM_ERR_TIMEOUT:
        return "timed out";
    case CRM_ERR_NO_QUORUM:
        return "partition has no quorum";
    case CRM_ERR_PERMISSION:
        return "permission denied";
    case CRM_ERR_PROTOCOL:
        return "malformed message";
    case CRM_ERR_VERSION_MISMATCH:
        return "patch was made for another CIB version";
    case CRM_ERR_TOO_LARGE:
        return "input is over the size limit";
    default:
        break;
    }
    if (rc < 0 && rc > -CRM_ERR_BASE) {
        return g_strerror(-rc);
    }
    return "unknown error";
}

int crm_exit_from_result(int rc)
{
    switch (rc) {
    case CRM_OK:
        return CRM_EXIT_OK;
    case CRM_ERR_INVALID_XML:
    case CRM_ERR_SCHEMA:
    case CRM_ERR_PARSE:
    case CRM_ERR_DUPLICATE_ID:
    case CRM_ERR_DIGEST:
    case CRM_ERR_TOO_LARGE:
    case CRM_ERR_VERSION_MISMATCH:
    case -ERANGE:
    case -EINVAL:
    case CRM_ERR_PROTOCOL:
        return CRM_EXIT_INVALID;
    case CRM_ERR_NOT_FOUND:
    case -ENOENT:
        return CRM_EXIT_NOT_FOUND;
    case CRM_ERR_NOT_CONNECTED:
    case -ECONNREFUSED:
    case -ENOTCONN:
        return CRM_EXIT_NOT_CONNECTED;
    case CRM_ERR_PERMISSION:
    case -EACCES:
    case -EPERM:
        return CRM_EXIT_PERMISSION;
    case CRM_ERR_TIMEOUT:
    case -ETIMEDOUT:
        return CRM_EXIT_TIMEOUT;
    default:
        return CRM_EXIT_ERROR;
    }
}
