"""cts_lab.py — the suite's handle on its lab: faults through the cts/lab
command (so that the lab's locks and bookkeeping apply), and fast parallel
queries inside the nodes through the lab's own modules."""
import json
import os
import subprocess
import time

import lab_cgroup
import lab_node
from lab_state import Lab

CTS_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LAB_CMD = os.path.join(CTS_DIR, "lab")


class CtsError(Exception):
    """An error that ends a run, with a message for the operator."""


class LabDriver:
    def __init__(self, name, build, nodes, log=print):
        self.name, self.build, self.n_nodes, self.log = name, build, nodes, log
        self.lab = Lab(name)
        self.cg = None
        self._log_offsets = {}

    # ---- the cts/lab command -------------------------------------------
    def cmd(self, *args, timeout=180, check=True):
        argv = [LAB_CMD, "--name", self.name] + [str(a) for a in args]
        try:
            cp = subprocess.run(argv, capture_output=True, text=True, timeout=timeout,
                                stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            raise CtsError(f"`cts/lab {' '.join(map(str, args))}` did not finish "
                           f"in {timeout} s") from None
        if check and cp.returncode != 0:
            raise CtsError(f"`cts/lab {' '.join(map(str, args))}` failed (exit "
                           f"{cp.returncode}): {(cp.stderr or cp.stdout).strip()[-400:]}")
        return cp.returncode, cp.stdout + cp.stderr

    def up(self, token=1000):
        self.cmd("down", check=False)
        self.cmd("up", "--nodes", self.n_nodes, "--build", self.build, "--token", token,
                 "--timeout", 120, timeout=300)
        self.lab = Lab(self.name)
        c = self.lab.conf["cgroup"]
        self.cg = lab_cgroup.Cgroups(c["kind"], c["base"])

    def down(self):
        return self.cmd("down", check=False, timeout=300)

    def nodes(self):
        return list(range(1, self.n_nodes + 1))

    def powered(self, n):
        return self.lab.powered(n)

    def address(self, host):
        return self.lab.address(host)

    # ---- commands inside nodes ------------------------------------------
    def run_many(self, nodes, argv, timeout=15):
        """Runs argv in each node at once: {node: (rc, out, err)}."""
        procs = {}
        for n in nodes:
            if self.lab.powered(n):
                procs[n] = lab_node.capture_start(self.lab, self.cg, n, argv)
        res = {n: (125, "", "powered off") for n in nodes}
        deadline = time.monotonic() + timeout
        for n, p in procs.items():
            res[n] = lab_node.capture_finish(p, max(0.5, deadline - time.monotonic()))
        return res

    def run(self, n, argv, timeout=30):
        return self.run_many([n], argv, timeout)[n]

    def json_many(self, nodes, argv, timeout=15):
        out = {}
        for n, (rc, text, _err) in self.run_many(nodes, argv, timeout).items():
            try:
                out[n] = json.loads(text) if rc == 0 else None
            except ValueError:
                out[n] = None
        return out

    def status_many(self, nodes):
        return self.json_many(nodes, ["crmctl", "status", "--output-as", "json"])

    def props_many(self, nodes):
        return self.json_many(nodes, ["crmctl", "property", "list", "--output-as", "json"])

    def crmctl(self, n, *args, timeout=30):
        return self.run(n, ["crmctl"] + [str(a) for a in args], timeout)

    def daemon_pids(self, n, name):
        if not self.lab.powered(n):
            return []
        return lab_node.daemon_pids(self.lab, self.cg, n, name)

    # ---- logs ------------------------------------------------------------
    def new_log_lines(self, n):
        """Lines appended to node n's log files since the last call."""
        out = []
        d = self.lab.log_dir(n)
        try:
            names = sorted(os.listdir(d))
        except OSError:
            return out
        for name in names:
            path = os.path.join(d, name)
            off = self._log_offsets.get(path, 0)
            try:
                with open(path, "rb") as f:
                    if os.fstat(f.fileno()).st_size < off:
                        off = 0  # truncated or replaced
                    f.seek(off)
                    data = f.read()
                    self._log_offsets[path] = off + len(data)
            except OSError:
                continue
            out += data.decode(errors="replace").splitlines()
        return out
