"""lab_status.py — what runs where: power, corosync membership and quorum, and
the crm daemons of every node, as text or JSON."""
import json

import lab_node
from lab_corosync import parse_quorumtool

DAEMONS = ("corosync", "crmd", "crm-execd")


QUORUM_ARGV = ["corosync-quorumtool", "-s", "-p"]


def _quorum_result(rc, out, err):
    quorate, members = parse_quorumtool(out)
    if quorate is None:
        return {"quorate": False, "members": [],
                "error": ((err or out).strip().splitlines() or [f"exit {rc}"])[-1]}
    return {"quorate": quorate, "members": members}


def quorum(lab, cg, n):
    """Quorum and members as node n's corosync sees them."""
    return quorum_many(lab, cg, [n])[n]


def quorum_many(lab, cg, nodes):
    """quorum() of several nodes, asked in parallel."""
    procs = {n: lab_node.capture_start(lab, cg, n, QUORUM_ARGV)
             for n in nodes if lab.powered(n)}
    res = {n: {"quorate": False, "members": [], "error": "powered off"} for n in nodes}
    for n, p in procs.items():
        res[n] = _quorum_result(*lab_node.capture_finish(p, timeout=5))
    return res


def node_status(lab, cg, n, groups, q):
    on = lab.powered(n)
    info = {"id": n, "name": f"node{n}", "address": lab.address(n),
            "state": "up" if on else "down", "partition": 0}
    for i, g in enumerate(groups, 1):
        if n in g:
            info["partition"] = i
    for d in DAEMONS:
        pids = lab_node.daemon_pids(lab, cg, n, d) if on else []
        info[d] = {"running": bool(pids), "pids": pids}
    info["corosync"].update({"quorate": q["quorate"], "members": q["members"]})
    if on and "error" in q:
        info["corosync"]["error"] = q["error"]
    return info


def collect(lab, cg):
    net = lab.net_state()
    c = lab.conf
    qs = quorum_many(lab, cg, lab.nodes())
    return {
        "name": lab.name, "dir": lab.dir, "subnet": f"198.18.{c['subnet']}.0/24",
        "client": lab.address(254), "build": c["build"], "token": c["token"],
        "nodes": [node_status(lab, cg, n, net.get("groups", []), qs[n]) for n in lab.nodes()],
        "partitions": net.get("groups", []), "loss": net.get("loss", {}),
        "delay": net.get("delay", {}),
    }


def render_text(st):
    lines = [f"lab {st['name']}: {len(st['nodes'])} nodes on {st['subnet']}, "
             f"client {st['client']}, token {st['token']} ms, build {st['build']}"]
    for nd in st["nodes"]:
        if nd["state"] == "down":
            lines.append(f"  {nd['name']:7} {nd['address']:15} down")
            continue
        cs = nd["corosync"]
        quor = "quorate" if cs["quorate"] else "NOT quorate"
        members = ",".join(str(m) for m in cs["members"]) or "-"
        daemons = "  ".join(f"{d} {'/'.join(map(str, nd[d]['pids'])) or 'stopped'}"
                            for d in DAEMONS)
        part = f"  partition {nd['partition']}" if nd["partition"] else ""
        err = f"  ({cs['error']})" if cs.get("error") else ""
        lines.append(f"  {nd['name']:7} {nd['address']:15} up  {quor:11} "
                     f"members {members:12} {daemons}{part}{err}")
    if st["loss"]:
        lines.append("  loss: " + ", ".join(f"node{k} {v}%" for k, v in st["loss"].items()))
    if st["delay"]:
        lines.append("  delay: " + ", ".join(f"node{k} {v} ms" for k, v in st["delay"].items()))
    return "\n".join(lines)


def render_json(st):
    return json.dumps(st, indent=2, sort_keys=True)
