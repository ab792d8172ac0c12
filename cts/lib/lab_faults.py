"""lab_faults.py — fault injection on a running lab: daemons (stop, start,
signal), partitions, loss and delay on links; and reading a node's logs."""
import glob
import os
import signal
import time

import lab_net
import lab_node
from lab_state import (EXIT_FAILED, EXIT_NOT_FOUND, EXIT_OK, EXIT_TIMEOUT, EXIT_USAGE,
                       LabError, Lock)

SUPERVISED = ("corosync", "crmd")


def _signal(name):
    name = str(name).upper()
    if name.isdigit():
        return int(name)
    try:
        return signal.Signals[name if name.startswith("SIG") else "SIG" + name]
    except KeyError:
        raise LabError(f"unknown signal {name!r} (use KILL, TERM, STOP, CONT, 9...)",
                       EXIT_USAGE) from None


def _pids(lab, cg, n, daemon):
    lab_node.require_on(lab, n)
    pids = lab_node.daemon_pids(lab, cg, n, daemon)
    if not pids:
        raise LabError(f"no {daemon} process runs on node{n}", EXIT_NOT_FOUND)
    return pids


def kill_daemon(lab, cg, o):
    n = lab.check_node(o.node)
    sig = _signal(o.signal)
    pids = _pids(lab, cg, n, o.daemon)
    for pid in pids:
        try:
            os.kill(pid, sig)
        except ProcessLookupError:
            pass
    print(f"node{n}: sent {signal.Signals(sig).name} to {o.daemon} "
          f"(pid {', '.join(map(str, pids))})")
    return EXIT_OK


def stop_daemon(lab, cg, o, timeout=30):
    n = lab.check_node(o.node)
    if o.daemon in SUPERVISED:
        open(os.path.join(lab.boot_dir(n), f"{o.daemon}.stop"), "w").close()
    pids = _pids(lab, cg, n, o.daemon)
    for pid in pids:
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
    deadline = time.monotonic() + timeout
    while lab_node.daemon_pids(lab, cg, n, o.daemon):
        if time.monotonic() > deadline:
            raise LabError(f"node{n}: {o.daemon} still runs {timeout} s after SIGTERM "
                           f"(cts/lab kill-daemon {n} {o.daemon})", EXIT_TIMEOUT)
        time.sleep(0.1)
    held = "stays stopped until start-daemon" if o.daemon in SUPERVISED else \
        "its parent may start it again"
    print(f"node{n}: {o.daemon} stopped; {held}")
    return EXIT_OK


def start_daemon(lab, cg, o, timeout=15):
    n = lab.check_node(o.node)
    lab_node.require_on(lab, n)
    if o.daemon not in SUPERVISED:
        raise LabError(f"the lab supervises only {' and '.join(SUPERVISED)}; "
                       f"{o.daemon} is started by its parent", EXIT_USAGE)
    try:
        os.unlink(os.path.join(lab.boot_dir(n), f"{o.daemon}.stop"))
    except FileNotFoundError:
        pass
    deadline = time.monotonic() + timeout
    while not lab_node.daemon_pids(lab, cg, n, o.daemon):
        if time.monotonic() > deadline:
            raise LabError(f"node{n}: {o.daemon} did not start in {timeout} s "
                           f"(cts/lab logs {n})", EXIT_FAILED)
        time.sleep(0.1)
    print(f"node{n}: {o.daemon} running")
    return EXIT_OK


def reapply(lab):
    state = lab.net_state()
    if state.get("groups") or state.get("loss"):
        lab_net.filters_apply(lab, state)


def partition(lab, o):
    nodes = sorted({lab.check_node(x) for x in o.nodes})
    with Lock(lab):
        state = lab.net_state()
        groups = [[h for h in g if h not in nodes] for g in state.get("groups", [])]
        state["groups"] = [g for g in groups if g] + [nodes]
        lab_net.filters_apply(lab, state)
        lab.save_net_state(state)
    print(f"nodes {', '.join(map(str, nodes))} cut off from the others")
    return EXIT_OK


def heal(lab, o):
    with Lock(lab):
        state = lab.net_state()
        state["groups"] = []
        lab_net.filters_apply(lab, state)
        lab.save_net_state(state)
    print("partitions removed")
    return EXIT_OK


def loss(lab, o):
    n = lab.check_node(o.node)
    if not 0 <= o.pct <= 100:
        raise LabError("loss: PCT must be 0 to 100", EXIT_USAGE)
    with Lock(lab):
        state = lab.net_state()
        state.setdefault("loss", {})[str(n)] = o.pct
        if o.pct == 0:
            del state["loss"][str(n)]
        lab_net.filters_apply(lab, state)
        lab.save_net_state(state)
    return EXIT_OK


def delay(lab, o):
    n = lab.check_node(o.node)
    lab_node.require_on(lab, n)
    if not 0 <= o.ms <= 60000:
        raise LabError("delay: MS must be 0 to 60000", EXIT_USAGE)
    with Lock(lab):
        state = lab.net_state()
        lab_net.delay_set(lab, n, o.ms)
        state.setdefault("delay", {})[str(n)] = o.ms
        lab.save_net_state(state)
    return EXIT_OK


def undelay(lab, o):
    nodes = [lab.check_node(x) for x in o.nodes] or lab.nodes()
    with Lock(lab):
        state = lab.net_state()
        for n in nodes:
            if state.get("delay", {}).pop(str(n), None) is not None and lab.powered(n):
                lab_net.delay_clear(lab, n)
            state.get("loss", {}).pop(str(n), None)
        lab_net.filters_apply(lab, state)
        lab.save_net_state(state)
    return EXIT_OK


def logs(lab, o):
    n = lab.check_node(o.node)
    files = sorted(glob.glob(os.path.join(lab.log_dir(n), "*")))
    for path in files:
        with open(path, errors="replace") as f:
            lines = f.readlines()
        if o.lines > 0:
            lines = lines[-o.lines:]
        print(f"==> {path} <==")
        print("".join(lines), end="" if not lines or lines[-1].endswith("\n") else "\n")
    return EXIT_OK
