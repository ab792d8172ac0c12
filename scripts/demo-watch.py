#!/usr/bin/python3
"""demo-watch.py — the failover watcher of scripts/demo: prints a status line
every 0.5 s from the probes' logs, checks that the group never runs on two
nodes, and measures when the membership, the database and the VIP recovered.

Usage: demo-watch.py DIR KILLED T0 T1 TIMEOUT
DIR holds status.log ("EPOCH JSON" lines of `crmctl status` on a survivor),
vip.log ("EPOCH up|down", ping from the client) and db.log ("EPOCH ok NODE"
or "EPOCH fail", a query through the VIP). KILLED is the powered-off node's
name, T0 when its power-off was asked for, T1 when it was done. Writes
DIR/result.json; exits 0 when the group runs again on one node and both the
database and the VIP answer, 1 when the group ran on two nodes at once, 2 on
timeout."""
import json
import os
import sys
import time

RSC = ("db", "vip")


def lines(path, start):
    """Complete lines of path from byte offset start; returns (lines, next)."""
    try:
        with open(path, "rb") as f:
            f.seek(start)
            data = f.read()
    except OSError:
        return [], start
    end = data.rfind(b"\n") + 1
    out = []
    for raw in data[:end].decode(errors="replace").splitlines():
        ts, _, rest = raw.partition(" ")
        try:
            out.append((float(ts), rest.strip()))
        except ValueError:
            continue
    return out, start + end


def placement(text):
    """(online nodes, {rsc: [online nodes where it runs]}) from status JSON."""
    try:
        st = json.loads(text)
    except ValueError:
        return None
    online = {n.get("name") for n in st.get("nodes", []) if n.get("state") == "online"}
    where = {r: [] for r in RSC}
    for r in st.get("resources", []):
        if r.get("id") in where:
            where[r["id"]] = [n for n in r.get("nodes", []) if n in online]
    return online, where


def violation(where):
    """Why this placement breaks the group's rule, or None."""
    for r in RSC:
        if len(where[r]) > 1:
            return f"{r} runs on {len(where[r])} nodes at once: {', '.join(where[r])}"
    if where["db"] and where["vip"] and where["db"] != where["vip"]:
        return f"the group is split: db on {where['db'][0]}, vip on {where['vip'][0]}"
    return None


class Watch:
    def __init__(self, d, killed, t0, t1):
        self.d, self.killed, self.t0, self.t1 = d, killed, t0, t1
        self.off = {k: 0 for k in ("status", "vip", "db")}
        self.last = {"status": None, "vip": None, "db": None}
        self.first = {}
        self.samples = 0

    def mark(self, key, ts):
        self.first.setdefault(key, round(ts - self.t0, 2))

    def poll(self):
        """Reads new probe lines; returns a violation message or None."""
        new = {}
        for k in self.off:
            new[k], self.off[k] = lines(os.path.join(self.d, k + ".log"), self.off[k])
        for ts, text in new["status"]:
            p = placement(text)
            if p is None:
                continue
            self.samples += 1
            self.last["status"] = p
            bad = violation(p[1])
            if bad:
                return f"at +{ts - self.t0:.2f} s: {bad}"
            if ts > self.t0 and self.killed not in p[0]:
                self.mark("membership", ts)
            if ts > self.t1 and p[1]["db"] and p[1]["db"] == p[1]["vip"]:
                self.mark("group", ts)
        for ts, text in new["vip"]:
            self.last["vip"] = text
            if ts > self.t1 and text == "up":
                self.mark("vip", ts)
        for ts, text in new["db"]:
            self.last["db"] = text
            if ts > self.t1 and text.startswith("ok "):
                self.mark("db", ts)
                self.first.setdefault("db_node", text.split()[1])
        return None

    def line(self, now):
        p = self.last["status"]
        if p is None:
            cluster = "status: (no answer yet)"
        else:
            online, where = p
            lost = "lost" if self.killed not in online else "still a member"
            parts = [f"{self.killed} {lost}"]
            for r in RSC:
                parts.append(f"{r}: {where[r][0] if where[r] else 'stopped'}")
            cluster = ", ".join(parts)
        vip = {"up": "answers", "down": "no answer"}.get(self.last["vip"], "?")
        db = self.last["db"] or "?"
        db = f"answers from {db.split()[1]}" if db.startswith("ok ") else "no answer"
        return f"  +{now - self.t0:5.1f} s  {cluster:<44} ping VIP: {vip:<9}  query: {db}"

    def done(self):
        return all(k in self.first for k in ("group", "vip", "db"))


def main():
    if len(sys.argv) != 6:
        sys.exit(__doc__)
    d, killed = sys.argv[1], sys.argv[2]
    t0, t1, timeout = float(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5])
    w = Watch(d, killed, t0, t1)
    rc = 2
    while time.time() < t0 + timeout:
        bad = w.poll()
        if bad:
            print(f"FAILED: {bad}", flush=True)
            rc = 1
            break
        print(w.line(time.time()), flush=True)
        if w.done():
            rc = 0
            break
        time.sleep(0.5)
    w.first["samples"] = w.samples
    with open(os.path.join(d, "result.json"), "w") as f:
        json.dump(w.first, f)
    if rc == 2:
        print(f"FAILED: after {timeout:.0f} s the group is not running again "
              f"(seen so far: {json.dumps(w.first)})", flush=True)
    sys.exit(rc)


if __name__ == "__main__":
    main()
