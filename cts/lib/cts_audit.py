"""cts_audit.py — the audits as pure functions over samples and status
documents: each returns a list of problems (empty: the audit passed)."""
import re

# Log lines that must never appear: assertion failures, sanitizer reports,
# GLib criticals and crashes.
LOG_PATTERNS = re.compile(
    r"ERROR: AddressSanitizer|ERROR: LeakSanitizer|runtime error:|"
    r"assertion failed|Assertion `|\*\*:ERROR:|CRITICAL \*\*|Segmentation fault|"
    r"stack-overflow|heap-use-after-free|double-free")

DOWN_STATES = ("offline", "lost")


def exclusive(active):
    """No primitive active on two nodes: active is {rid: [nodes]}."""
    return [f"{rid} active on {len(nodes)} nodes at once: "
            + ", ".join(f"node{n}" for n in nodes)
            for rid, nodes in sorted(active.items()) if len(nodes) > 1]


def running(active, expected):
    """Every resource expected to run runs (somewhere, once)."""
    return [f"{rid} runs nowhere although it can run" for rid in sorted(expected)
            if not active.get(rid)]


def stopped(active, expected_stopped):
    """Resources that must not run anywhere (e.g. no node may host them)."""
    return [f"{rid} runs on node{active[rid][0]} although it must be stopped"
            for rid in sorted(expected_stopped) if active.get(rid)]


def together(active, groups):
    """Members of a group run on one node: groups is {gid: [rids]}."""
    out = []
    for gid, rids in sorted(groups.items()):
        where = {tuple(active.get(r, [])) for r in rids}
        if len(where) > 1:
            out.append(f"group {gid} split: " + ", ".join(
                f"{r} on {','.join(f'node{n}' for n in active.get(r, [])) or 'none'}"
                for r in rids))
    return out


def _node_states(doc):
    return {x["id"]: x.get("state") for x in doc.get("nodes", [])}


def converged(docs, expect):
    """The members agree: docs is {node: status JSON or None} for the nodes
    that should answer; expect is {node: state} for every node ("online",
    "standby", or "down" for offline or lost) and the key "quorate"."""
    out = []
    for n, d in sorted(docs.items()):
        if d is None:
            out.append(f"node{n}: crmctl status did not answer")
    live = {n: d for n, d in docs.items() if d is not None}
    if not live:
        return out or ["no node answered"]
    dcs = {d.get("dc") for d in live.values()}
    if len(dcs) != 1 or None in dcs:
        out.append("nodes disagree on the DC or there is none: "
                   + ", ".join(f"node{n}: {d.get('dc')}" for n, d in sorted(live.items())))
    for n, d in sorted(live.items()):
        if bool(d.get("quorate")) != expect["quorate"]:
            out.append(f"node{n}: quorate is {d.get('quorate')}, expected {expect['quorate']}")
        out += _states_problems(n, d, expect)
        tr = d.get("transition")
        if isinstance(tr, dict) and d.get("dc") == d.get("local", {}).get("name") \
                and tr.get("dc_idle") is False:
            out.append(f"node{n} (DC): transition not idle")
    return out


def _states_problems(n, d, expect):
    out = []
    states = _node_states(d)
    for m, want in sorted((k, v) for k, v in expect.items() if isinstance(k, int)):
        got = states.get(m)
        ok = got in DOWN_STATES if want == "down" else got == want
        if not ok:
            out.append(f"node{n} sees node{m} {got}, expected {want}")
    return out


def digests(docs):
    """Every member holds the same CIB (version and digest)."""
    seen = {}
    for n, d in sorted(docs.items()):
        if d is None or "cib" not in d:
            continue
        c = d["cib"]
        seen.setdefault((c.get("admin_epoch"), c.get("epoch"), c.get("digest")), []).append(n)
    if len(seen) <= 1:
        return []
    return ["CIB differs between members: " + "; ".join(
        f"{','.join(f'node{n}' for n in ns)} at {k[0]}.{k[1]} digest {str(k[2])[:12]}"
        for k, ns in sorted(seen.items(), key=lambda kv: kv[1]))]


def changes(props, acked):
    """No acknowledged change lost: props is {node: {name: value}} (the
    properties each member holds), acked {name: value}."""
    out = []
    for n, have in sorted(props.items()):
        if have is None:
            out.append(f"node{n}: could not read the cluster properties")
            continue
        lost = [k for k, v in sorted(acked.items()) if have.get(k) != v]
        if lost:
            out.append(f"node{n} lost {len(lost)} acknowledged change(s): {', '.join(lost[:5])}")
    return out


def log_problems(node, lines):
    """Lines of a node's logs that report an assertion or sanitizer error."""
    return [f"node{node}: {ln.strip()[:200]}" for ln in lines if LOG_PATTERNS.search(ln)]
