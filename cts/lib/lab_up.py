"""lab_up.py — building a lab: subnet, state dir, cgroups, bridge, client,
control socket and nodes; then waiting for quorum everywhere."""
import json
import os
import time

import lab_build
import lab_cgroup
import lab_ctl
import lab_net
import lab_node
import lab_status
from lab_run import require, run
from lab_state import (EXIT_TIMEOUT, EXIT_USAGE, MAX_NODES, ROOT, CLIENT_HOST,
                       LabError, Lock)


def _used_subnets():
    used = set()
    try:
        names = os.listdir(ROOT)
    except FileNotFoundError:
        return used
    for name in names:
        try:
            with open(os.path.join(ROOT, name, "lab.json")) as f:
                used.add(json.load(f)["subnet"])
        except (OSError, ValueError, KeyError):
            pass
    return used


def _pick_subnet(wanted):
    used = _used_subnets()
    if wanted is not None:
        if not 0 <= wanted <= 255:
            raise LabError("--subnet must be 0 to 255 (198.18.K.0/24)", EXIT_USAGE)
        if wanted in used:
            raise LabError(f"subnet 198.18.{wanted}.0/24 is used by another lab", EXIT_USAGE)
        return wanted
    for k in range(256):
        if k not in used:
            return k
    raise LabError("all 256 lab subnets are in use: take some labs down", EXIT_USAGE)


def _private_ns_dir(lab):
    """Namespace files must sit on a mount that is not shared: bind the
    directory on itself and make it private."""
    os.makedirs(lab.ns_dir, exist_ok=True)
    run(["mount", "--bind", lab.ns_dir, lab.ns_dir])
    run(["mount", "--make-private", lab.ns_dir])


def _write_hosts(lab):
    """The /etc/hosts of every node: localhost, the nodes and the client."""
    lines = ["127.0.0.1\tlocalhost", "::1\tlocalhost ip6-localhost ip6-loopback"]
    lines += [f"{lab.address(n)}\tnode{n}" for n in lab.nodes()]
    lines.append(f"{lab.address(CLIENT_HOST)}\tclient")
    with open(os.path.join(lab.dir, "hosts"), "w") as f:
        f.write("\n".join(lines) + "\n")


def _shared_dir(lab):
    """Shared storage: one directory that every node sees at the same path
    (the lab directory is bound into each node's /run). Sticky and writable
    by all, as /tmp, so that a service user (postgres) can keep data there.
    A powered-off node has no process left to write to it."""
    path = os.path.join(lab.dir, "shared")
    os.makedirs(path, exist_ok=True)
    os.chmod(path, 0o1777)


def _check_args(nodes, token, coefficient):
    if not 1 <= nodes <= MAX_NODES:
        raise LabError(f"--nodes must be 1 to {MAX_NODES}", EXIT_USAGE)
    if not 200 <= token <= 600000:
        raise LabError("--token must be 200 to 600000 ms", EXIT_USAGE)
    if coefficient < 0:
        raise LabError("--token-coefficient must be 0 or more", EXIT_USAGE)


def build(lab, opts):
    """Creates the lab (holding the lock); nodes are powered on, not yet quorate."""
    _check_args(opts.nodes, opts.token, opts.token_coefficient)
    require("ip", "nsenter", "unshare", "mount", "corosync", "corosync-quorumtool",
            "corosync-cmapctl")
    if os.geteuid() != 0:
        raise LabError("the lab needs root (namespaces, cgroups, mounts)", EXIT_USAGE)
    with Lock():
        if lab.exists():
            raise LabError(f"lab {lab.name!r} is already up (see `cts/lab --name {lab.name} "
                           "status`; remove it with `down`)", EXIT_USAGE)
        build_dir = lab_build.build_dir(opts.build)
        subnet = _pick_subnet(opts.subnet)
        kind, base = lab_cgroup.detect(lab.name)
        os.makedirs(lab.dir, mode=0o755, exist_ok=True)
        st = os.stat("/proc/self/ns/mnt")
        lab.save_conf({"name": lab.name, "nodes": opts.nodes, "token": opts.token,
                       "token_coefficient": opts.token_coefficient, "subnet": subnet,
                       "build": build_dir, "source": lab_build.SOURCE_ROOT,
                       "cgroup": {"kind": kind, "base": base},
                       "host_mnt_ns": [st.st_dev, st.st_ino],
                       "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())})
    with Lock(lab):
        _write_hosts(lab)
        _shared_dir(lab)
        _private_ns_dir(lab)
        cg = lab_cgroup.Cgroups(kind, base)
        for u in ("client", "ctl"):
            cg.create(u)
        lab_net.bridge_create(lab)
        lab_net.netns_add(lab.client_ns)
        lab_net.link_add(lab, CLIENT_HOST, lab.client_ns)
        lab_ctl.serve_start(lab, cg)
        for n in lab.nodes():
            lab_node.power_on(lab, cg, n)
    return cg


def wait_quorate(lab, cg, nodes, timeout, members=None):
    """Waits until each node in nodes is quorate with membership members
    (default: all nodes); raises a timeout error naming the laggards."""
    want = sorted(members or lab.nodes())
    deadline = time.monotonic() + timeout
    while True:
        qs = lab_status.quorum_many(lab, cg, nodes)
        bad = [(n, q) for n, q in qs.items() if not (q["quorate"] and q["members"] == want)]
        if not bad:
            return
        if time.monotonic() > deadline:
            detail = "; ".join(f"node{n}: quorate={q['quorate']} members={q['members']}"
                               for n, q in bad)
            raise LabError(f"lab {lab.name!r}: no quorum with members {want} after "
                           f"{timeout:.0f} s ({detail}); see `cts/lab logs N`",
                           EXIT_TIMEOUT)
        time.sleep(0.5)
