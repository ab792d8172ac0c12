"""cts_sample.py — what is really active in each node, read straight from its
namespaces (Dummy state files, addresses on interfaces, processes), not from
what crmd says: the ground truth that the audits compare."""
import os
import time

# Where agents keep their state inside a node (HA_RSCTMP of .crm-ocf-funcs).
RSCTMP = "/run/resource-agents"


class Resource:
    """One primitive the suite configures and how to see it active:
    kind "dummy" (its state file), "vip" (an address on an interface) or
    "process" (a process with this command name)."""

    def __init__(self, rid, kind, what=None, group=None):
        self.id = rid
        self.kind = kind
        self.what = what if what is not None else f"Dummy-{rid}.state"
        self.group = group

    def to_json(self):
        return {"id": self.id, "kind": self.kind, "what": self.what, "group": self.group}


def parse_fib_trie(text):
    """Local IPv4 addresses of a /proc/PID/net/fib_trie text: each address
    line followed by a "/32 host LOCAL" line."""
    out, last = set(), None
    for line in text.splitlines():
        s = line.strip()
        if s.startswith("|-- "):
            last = s[4:].strip()
        elif s.startswith("/32 host LOCAL") and last:
            out.add(last)
    return out


def active_on(resource, view):
    """True when view (a node's sample: files, addresses, comms) shows the
    resource active."""
    if resource.kind == "dummy":
        return resource.what in view["files"]
    if resource.kind == "vip":
        return resource.what in view["addresses"]
    if resource.kind == "process":
        return resource.what in view["comms"]
    return False


def active_map(resources, views):
    """{resource id: sorted nodes where it is active} from {node: view}."""
    return {r.id: sorted(n for n, v in views.items() if v is not None and active_on(r, v))
            for r in resources}


class NodeReader:
    """Reads one node's view through /proc/PID of any process that lives in
    the node's mount and network namespaces (cheap enough for 10 Hz)."""

    def __init__(self, lab, cg, n):
        self.lab, self.cg, self.n = lab, cg, n
        self.pid = None

    def _ns_ino(self):
        try:
            return os.stat(self.lab.ns_file(self.n, "mnt")).st_ino
        except OSError:
            return None

    def _find_pid(self):
        ino = self._ns_ino()
        if ino is None:
            return None
        for pid in self.cg.pids(f"node{self.n}"):
            try:
                if os.stat(f"/proc/{pid}/ns/mnt").st_ino == ino:
                    return pid
            except OSError:
                continue
        return None

    def read(self):
        """The node's view, or None when it is powered off."""
        if not self.lab.powered(self.n):
            self.pid = None
            return None
        for _ in range(3):
            if self.pid is None:
                self.pid = self._find_pid()
                if self.pid is None:
                    return None
            try:
                return self._read_pid(self.pid)
            except OSError:
                self.pid = None  # that process went: pick another
        return None

    def _read_pid(self, pid):
        root = f"/proc/{pid}/root{RSCTMP}"
        try:
            # Regular files only: a directory in a state file's place is a
            # failure that ResourceRecover injects, not an active resource.
            with os.scandir(root) as it:
                files = {e.name for e in it if e.is_file(follow_symlinks=False)}
        except FileNotFoundError:
            files = set()
        with open(f"/proc/{pid}/net/fib_trie") as f:
            addresses = parse_fib_trie(f.read())
        return {"files": files, "addresses": addresses, "comms": self._comms()}

    def _comms(self):
        out = set()
        for pid in self.cg.pids(f"node{self.n}"):
            try:
                with open(f"/proc/{pid}/comm") as f:
                    out.add(f.read().strip())
            except OSError:
                pass
        return out


class Sampler:
    """Samples every node of a lab: {node: view or None} with a timestamp."""

    def __init__(self, lab, cg):
        self.readers = {n: NodeReader(lab, cg, n) for n in lab.nodes()}

    def sample(self):
        return time.monotonic(), {n: r.read() for n, r in self.readers.items()}
