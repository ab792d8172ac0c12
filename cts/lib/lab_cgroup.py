"""lab_cgroup.py — one cgroup per node, so that a power-off kills every process of
the node at one instant (cgroup v2 freeze + cgroup.kill, or the v1 freezer)."""
import errno
import os
import signal
import time

from lab_state import EXIT_ERROR, LabError

TOP = "crm-lab"


def _mountinfo():
    with open("/proc/self/mountinfo") as f:
        for line in f:
            pre, _, post = line.partition(" - ")
            fields, sfields = pre.split(), post.split()
            yield fields[4], sfields[0], sfields[2] if len(sfields) > 2 else ""


def detect(lab_name):
    """Returns (kind, base dir) of the best cgroup backend on this machine."""
    v2 = v1 = None
    for mnt, fstype, opts in _mountinfo():
        if fstype == "cgroup2" and v2 is None:
            v2 = mnt
        elif fstype == "cgroup" and "freezer" in opts.split(",") and v1 is None:
            v1 = mnt
    forced = os.environ.get("CRM_LAB_CGROUP")  # v2 or v1: to test a backend
    if forced == "v1" and v1 is not None:
        return "v1", os.path.join(v1, TOP, lab_name)
    if v2 is not None and os.access(v2, os.W_OK):
        base = os.path.join(v2, TOP, lab_name)
        probe = os.path.join(v2, TOP)
        try:
            os.makedirs(probe, exist_ok=True)
            if os.path.exists(os.path.join(probe, "cgroup.kill")) or v1 is None:
                return "v2", base
        except OSError:
            pass
    if v1 is not None:
        return "v1", os.path.join(v1, TOP, lab_name)
    raise LabError("no usable cgroup hierarchy: the lab needs cgroup v2 (with cgroup.kill) "
                   "or the v1 freezer mounted, to power nodes off at once", EXIT_ERROR)


class Cgroups:
    """The cgroups of one lab: BASE/UNIT for UNIT in node1.., client, ctl."""

    def __init__(self, kind, base):
        self.kind, self.base = kind, base

    def path(self, unit):
        return os.path.join(self.base, unit)

    def procs_file(self, unit):
        return os.path.join(self.path(unit), "cgroup.procs")

    def create(self, unit):
        os.makedirs(self.path(unit), exist_ok=True)

    def pids(self, unit):
        try:
            with open(self.procs_file(unit)) as f:
                return [int(x) for x in f.read().split()]
        except FileNotFoundError:
            return []

    def units(self):
        try:
            return sorted(d for d in os.listdir(self.base)
                          if os.path.isdir(os.path.join(self.base, d)))
        except FileNotFoundError:
            return []

    def freeze(self, unit):
        """Stops every process of unit at once (they can still be killed)."""
        try:
            if self.kind == "v2":
                _write(os.path.join(self.path(unit), "cgroup.freeze"), "1")
            else:
                _write(os.path.join(self.path(unit), "freezer.state"), "FROZEN")
        except FileNotFoundError:
            pass

    def kill(self, unit, wait=10.0):
        """SIGKILLs every process of unit and waits until none is left."""
        if not os.path.isdir(self.path(unit)):
            return
        killfile = os.path.join(self.path(unit), "cgroup.kill")
        if self.kind == "v2" and os.path.exists(killfile):
            _write(killfile, "1")
        deadline = time.monotonic() + wait
        while True:
            pids = self.pids(unit)
            if not pids:
                break
            for pid in pids:
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            self._thaw(unit)
            if time.monotonic() > deadline:
                raise LabError(f"processes {pids} of {self.path(unit)} survived SIGKILL "
                               f"for {wait:.0f} s", EXIT_ERROR)
            time.sleep(0.02)
        self._thaw(unit)

    def _thaw(self, unit):
        try:
            if self.kind == "v2":
                _write(os.path.join(self.path(unit), "cgroup.freeze"), "0")
            else:
                _write(os.path.join(self.path(unit), "freezer.state"), "THAWED")
        except FileNotFoundError:
            pass

    def remove(self, unit):
        self.kill(unit)
        _rmdir(self.path(unit))

    def remove_all(self):
        for unit in self.units():
            self.remove(unit)
        _rmdir(self.base)
        _rmdir(os.path.dirname(self.base))  # TOP: fails while another lab uses it


def _write(path, text):
    with open(path, "w") as f:
        f.write(text)


def _rmdir(path):
    for _ in range(50):
        try:
            os.rmdir(path)
            return
        except FileNotFoundError:
            return
        except OSError as e:
            if e.errno == errno.ENOTEMPTY:
                return
            if e.errno != errno.EBUSY:
                raise
        time.sleep(0.02)
