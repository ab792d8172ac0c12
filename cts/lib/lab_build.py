"""lab_build.py — which build tree a lab runs (crmd, crm-execd, crmctl) and the
environment that every process inside a node gets."""
import os

from lab_state import EXIT_USAGE, LabError

SOURCE_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CTS_LIB = os.path.join(SOURCE_ROOT, "cts", "lib")
LAB_CMD = os.path.join(SOURCE_ROOT, "cts", "lab")

# Passed from the caller to the daemons (sanitizers, debug switches).
PASS_ENV = ("ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS", "G_MESSAGES_DEBUG",
            "G_DEBUG", "CRM_DEBUG", "CRM_LOG_LEVEL", "LANG", "TZ")


def build_dir(option):
    """--build DIR, else $CRM_BUILD_DIR, else SOURCE_ROOT/build."""
    d = option or os.environ.get("CRM_BUILD_DIR") or os.path.join(SOURCE_ROOT, "build")
    d = os.path.abspath(d)
    if not os.path.isdir(d):
        raise LabError(f"build directory {d} does not exist: build first "
                       "(meson setup build && ninja -C build) or pass --build DIR",
                       EXIT_USAGE)
    return d


def binary(build, name):
    """Path of a product binary in the build tree, or None when not built yet."""
    rel = {"crmd": "daemons/crmd/crmd",
           "crm-execd": "daemons/execd/crm-execd",
           "crmctl": "tools/crmctl/crmctl"}[name]
    path = os.path.join(build, rel)
    return path if os.access(path, os.X_OK) else None


def node_env(lab, n, base=None):
    """The environment of node n's processes: base (default: a clean one, as a
    service manager gives) plus the node's paths and names."""
    build = lab.conf["build"]
    env = dict(base) if base is not None else {
        k: v for k, v in os.environ.items() if k in PASS_ENV}
    env.update({
        "PATH": ":".join([os.path.join(build, "tools", "crmctl"),
                          os.path.join(build, "daemons", "crmd"),
                          os.path.join(build, "daemons", "execd"),
                          os.path.join(SOURCE_ROOT, "cts"),
                          "/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin",
                          "/sbin", "/bin"]),
        "HOME": env.get("HOME", "/root"),
        "HOSTNAME": f"node{n}",
        "CRM_LAB_NAME": lab.name,
        "CRM_LAB_DIR": lab.dir,
        "CRM_LAB_ROOT": os.path.dirname(lab.dir),
        "CRM_LAB_NODE": str(n),
        "CRM_LAB_CMD": LAB_CMD,
        "CRM_LAB_SHARED": os.path.join(lab.dir, "shared"),
        "CRM_BUILD_DIR": build,
        "CRM_SOURCE_ROOT": SOURCE_ROOT,
        "CRM_OCF_PATH": os.path.join(SOURCE_ROOT, "agents", "ocf"),
        "CRM_FENCE_AGENTS_DIR": os.path.join(SOURCE_ROOT, "agents", "fence"),
        "CRM_SCHEMA_DIR": os.path.join(SOURCE_ROOT, "xml", "schemas"),
        "CRM_STATE_DIR": "/var/lib/crm",
    })
    if base is None:
        # Daemons (crmd and the crm-execd it starts) log to the node's crm.log.
        env["CRM_LOG_FILE"] = os.path.join(lab.log_dir(n), "crm.log")
    execd = binary(build, "crm-execd")
    if execd:
        env["CRM_EXECD"] = execd
    return env
