"""lab_state.py — a lab's names, paths, saved settings, lock and errors."""
import fcntl
import json
import os
import re

ROOT = os.environ.get("CRM_LAB_ROOT", "/run/crm-lab")
DEFAULT_NAME = "crmlab"
NAME_RE = re.compile(r"^[a-z][a-z0-9]{0,9}$")
MAX_NODES = 16
CLIENT_HOST = 254

# Exit codes, the same numbers as enum crm_exit in include/crm/common.h.
EXIT_OK = 0
EXIT_USAGE = 1
EXIT_INVALID = 2
EXIT_NOT_FOUND = 3
EXIT_TIMEOUT = 6
EXIT_FAILED = 7
EXIT_ERROR = 8


class LabError(Exception):
    """An error for the operator: a message that says what to do, an exit code."""

    def __init__(self, message, code=EXIT_FAILED):
        super().__init__(message)
        self.code = code


def check_name(name):
    if not NAME_RE.match(name or ""):
        raise LabError(f"invalid lab name {name!r}: use 1 to 10 characters, "
                       "a lowercase letter then lowercase letters or digits",
                       EXIT_USAGE)
    return name


class Lab:
    """Names and paths of one lab; settings saved in DIR/lab.json by `up`."""

    def __init__(self, name):
        self.name = check_name(name)
        self.dir = os.path.join(ROOT, name)
        self.conf_path = os.path.join(self.dir, "lab.json")
        self.ns_dir = os.path.join(self.dir, "ns")
        self.ctl_sock = os.path.join(self.dir, "ctl.sock")
        self._conf = None

    # ---- namespaces and interfaces --------------------------------------
    @property
    def br_ns(self):
        return f"{self.name}-br"

    @property
    def client_ns(self):
        return f"{self.name}-cl"

    def node_ns(self, n):
        return f"{self.name}-n{n}"

    def is_lab_netns(self, ns):
        return re.match(rf"^{re.escape(self.name)}-(br|cl|n\d+)$", ns) is not None

    # ---- paths -----------------------------------------------------------
    def node_dir(self, n):
        return os.path.join(self.dir, f"node{n}")

    def disk_dir(self, n):
        return os.path.join(self.node_dir(n), "disk")

    def boot_dir(self, n):
        """Per power-on: pid files and stop flags, emptied by `start`."""
        return os.path.join(self.node_dir(n), "boot")

    def log_dir(self, n):
        return os.path.join(self.node_dir(n), "log")

    def ns_file(self, n, kind):
        return os.path.join(self.ns_dir, f"n{n}.{kind}")

    def power_file(self, n):
        return os.path.join(self.node_dir(n), "power")

    def net_path(self):
        return os.path.join(self.dir, "net.json")

    # ---- settings ----------------------------------------------------------
    def exists(self):
        return os.path.exists(self.conf_path)

    @property
    def conf(self):
        if self._conf is None:
            try:
                with open(self.conf_path) as f:
                    self._conf = json.load(f)
            except FileNotFoundError:
                raise LabError(f"lab {self.name!r} is not up "
                               f"(start it with: cts/lab --name {self.name} up --nodes 3)",
                               EXIT_NOT_FOUND) from None
            except (OSError, ValueError) as e:
                raise LabError(f"lab {self.name!r}: cannot read {self.conf_path}: {e}; "
                               "run `cts/lab down` and start again", EXIT_ERROR) from None
        return self._conf

    def save_conf(self, conf):
        write_json(self.conf_path, conf)
        self._conf = conf

    def nodes(self):
        return list(range(1, self.conf["nodes"] + 1))

    def check_node(self, text):
        """Accepts N, nodeN; returns the node number or raises."""
        m = re.match(r"^(?:node)?(\d+)$", str(text))
        n = int(m.group(1)) if m else 0
        if not 1 <= n <= self.conf["nodes"]:
            raise LabError(f"no node {text!r} in lab {self.name!r}: "
                           f"nodes are 1 to {self.conf['nodes']}", EXIT_USAGE)
        return n

    def address(self, host):
        return f"198.18.{self.conf['subnet']}.{host}"

    def powered(self, n):
        try:
            with open(self.power_file(n)) as f:
                return f.read().strip() == "on"
        except FileNotFoundError:
            return False

    def set_power(self, n, on):
        with open(self.power_file(n), "w") as f:
            f.write("on\n" if on else "off\n")

    def net_state(self):
        try:
            with open(self.net_path()) as f:
                return json.load(f)
        except (FileNotFoundError, ValueError):
            return {"groups": [], "loss": {}, "delay": {}}

    def save_net_state(self, state):
        write_json(self.net_path(), state)


def write_json(path, data):
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        json.dump(data, f, indent=2, sort_keys=True)
        f.write("\n")
    os.replace(tmp, path)


class Lock:
    """An exclusive flock: on ROOT (no argument) while labs are created or
    removed and subnets picked; on a lab's directory while that lab changes,
    so that commands on different labs do not wait for each other."""

    def __init__(self, lab=None):
        self.path = lab.dir if lab is not None and os.path.isdir(lab.dir) else ROOT

    def __enter__(self):
        while True:
            os.makedirs(ROOT, mode=0o755, exist_ok=True)
            try:
                self.fd = os.open(self.path, os.O_RDONLY | os.O_DIRECTORY)
            except FileNotFoundError:  # the lab went down meanwhile
                self.path = ROOT
                continue
            fcntl.flock(self.fd, fcntl.LOCK_EX)
            if os.fstat(self.fd).st_nlink > 0:
                return self
            os.close(self.fd)  # removed while we waited: lock what is there now

    def __exit__(self, *exc):
        os.close(self.fd)
        return False
