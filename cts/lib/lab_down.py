"""lab_down.py — removing a lab completely: processes, cgroups, namespaces, mounts
and files; works on a half-built lab, after a crash, and a second time."""
import os
import shutil
import signal
import time

import lab_cgroup
import lab_net
from lab_run import mounts, run
from lab_state import ROOT, EXIT_ERROR, LabError, Lock


def _cgroup_sets(lab):
    """The lab's cgroups, from lab.json or, when that is gone, every place they
    could be."""
    sets = []
    try:
        c = lab.conf["cgroup"]
        sets.append(lab_cgroup.Cgroups(c["kind"], c["base"]))
    except (LabError, KeyError):
        pass
    for mnt, fstype, opts in lab_cgroup._mountinfo():
        if fstype == "cgroup2":
            sets.append(lab_cgroup.Cgroups("v2", os.path.join(mnt, lab_cgroup.TOP, lab.name)))
        elif fstype == "cgroup" and "freezer" in opts.split(","):
            sets.append(lab_cgroup.Cgroups("v1", os.path.join(mnt, lab_cgroup.TOP, lab.name)))
    return sets


def _ns_ids(lab):
    """(dev, ino) of every namespace the lab holds by a file."""
    ids = set()
    paths = [f"/run/netns/{ns}" for ns in lab_net.netns_list() if lab.is_lab_netns(ns)]
    if os.path.isdir(lab.ns_dir):
        paths += [os.path.join(lab.ns_dir, f) for f in os.listdir(lab.ns_dir)]
    for p in paths:
        try:
            st = os.stat(p)  # a plain file (not bound) matches no process: harmless
            ids.add((st.st_dev, st.st_ino))
        except OSError:
            pass
    return ids


def _kill_stragglers(lab):
    """SIGKILLs any process still inside one of the lab's namespaces (a process
    that escaped its cgroup, or a lab that crashed before making one)."""
    ids = _ns_ids(lab)
    if not ids:
        return
    me = os.getpid()
    for _ in range(50):
        found = []
        for pid in (int(p) for p in os.listdir("/proc") if p.isdigit()):
            if pid == me:
                continue
            for kind in ("net", "mnt"):
                try:
                    st = os.stat(f"/proc/{pid}/ns/{kind}")
                except OSError:
                    continue
                if (st.st_dev, st.st_ino) in ids:
                    found.append(pid)
                    break
        if not found:
            return
        for pid in found:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        time.sleep(0.05)


def _unmount_all(lab):
    for _ in range(3):
        inside = [m for m in mounts() if m == lab.dir or m.startswith(lab.dir + "/")]
        if not inside:
            return
        for m in reversed(inside):
            if run(["umount", m], check=False).returncode != 0:
                run(["umount", "-l", m], check=False)
    left = [m for m in mounts() if m == lab.dir or m.startswith(lab.dir + "/")]
    if left:
        raise LabError(f"cannot unmount {', '.join(left)}; the lab directory is kept "
                       "(look with findmnt, then run down again)", EXIT_ERROR)


def down(lab):
    """Returns True when there was something to remove."""
    with Lock(lab):
        found = os.path.exists(lab.dir)
        for cg in _cgroup_sets(lab):
            for unit in cg.units():
                cg.freeze(unit)
            for unit in cg.units():
                if unit.startswith("node") and unit[4:].isdigit():
                    lab_net.link_del(lab, int(unit[4:]))
            found |= os.path.isdir(cg.base)
            cg.remove_all()
        _kill_stragglers(lab)
        for ns in lab_net.netns_list():
            if lab.is_lab_netns(ns):
                found = True
                lab_net.netns_del(ns)
        _unmount_all(lab)
        shutil.rmtree(lab.dir, ignore_errors=True)
    with Lock():
        try:
            os.rmdir(ROOT)
        except OSError:
            pass
    return found
