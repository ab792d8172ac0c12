#!/usr/bin/python3
"""demo-watch.py — the failover watcher of scripts/demo: prints a status line
every 0.5 s from the probes' logs, checks that the group never runs on two
nodes, and measures when the membership, the database and the VIP recovered.

Usage: demo-watch.py DIR KILLED COROSYNC_LOG TIMEOUT
DIR holds status.log ("EPOCH JSON" lines of `crmctl status` on a survivor),
vip.log ("EPOCH up|down", ping from the client) and db.log ("EPOCH ok NODE"
or "EPOCH fail", a query through the VIP). KILLED is the name (nodeN) of
the node to be powered off; COROSYNC_LOG a survivor's corosync log. The
watcher starts before the power-off: it creates DIR/ready, then waits for
DIR/t0 (when the power-off was asked for) and later DIR/t1 (when it was
done), each holding an epoch time. Writes DIR/result.json; exits 0 when the
group runs again on one node and both the database and the VIP answer, 1
when the group ran on two nodes at once, 2 on timeout.""" + "\n"
import json
import os
import re
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


def read_time(path, wait):
    """The epoch time in path; waits for it up to wait seconds (None: gone)."""
    end = time.time() + wait
    while True:
        try:
            with open(path) as f:
                return float(f.read().strip())
        except (OSError, ValueError):
            if time.time() > end:
                return None
            time.sleep(0.02)


def corosync_left(log, killed, t0):
    """Seconds from t0 until the survivor's corosync formed a membership
    without the killed node (its log has millisecond local timestamps)."""
    nid = killed.removeprefix("node")
    year = time.localtime(t0).tm_year
    try:
        with open(log, errors="replace") as f:
            for line in f:
                m = re.match(r"(\w+ +\d+ [\d:]+\.\d+) .*A new membership .*Members left: ([\d ]+)", line)
                if not m or nid not in m.group(2).split():
                    continue
                stamp, frac = m.group(1).rsplit(".", 1)
                ts = time.mktime(time.strptime(f"{year} {stamp}", "%Y %b %d %H:%M:%S"))
                ts += int(frac) / 1000
                if ts > t0:
                    return round(ts - t0, 2)
    except OSError:
        pass
    return None


class Watch:
    def __init__(self, d, killed, t0):
        self.d, self.killed, self.t0, self.t1 = d, killed, t0, float("inf")
        self.off = {k: 0 for k in ("status", "vip", "db")}
        self.last = {"status": None, "vip": None, "db": None}
        self.first = {}
        self.last_up = {}  # the last answer before the failover
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
            # After the loss was seen: a reboot by fencing may bring the
            # node back before the group runs again.
            if "membership" in self.first and p[1]["db"] and p[1]["db"] == p[1]["vip"]:
                self.mark("group", ts)
        for ts, text in new["vip"]:
            self.last["vip"] = text
            if ts > self.t1 and text == "up":
                self.mark("vip", ts)
            elif text == "up" and "vip" not in self.first:
                self.last_up["vip"] = ts
        for ts, text in new["db"]:
            self.last["db"] = text
            if text == f"ok {self.killed}" and "db" not in self.first:
                self.last_up["db"] = ts
            elif ts > self.t1 and text.startswith("ok "):
                self.mark("db", ts)
                self.first.setdefault("db_node", text.split()[1])
        return None

    def line(self, now):
        p = self.last["status"]
        if p is None:
            cluster = "status: (no answer yet)"
        else:
            online, where = p
            lost = ("lost" if self.killed not in online
                    else "back" if "membership" in self.first else "still a member")
            parts = [f"{self.killed} {lost}"]
            for r in RSC:
                parts.append(f"{r}: {where[r][0] if where[r] else 'stopped'}")
            cluster = ", ".join(parts)
        vip = {"up": "answers", "down": "no answer"}.get(self.last["vip"], "?")
        db = self.last["db"] or "?"
        db = f"answers from {db.split()[1]}" if db.startswith("ok ") else "no answer"
        return f"  +{now - self.t0:5.1f} s  {cluster:<44} ping VIP: {vip:<9}  query: {db}"

    def outages(self):
        """What the client saw: from the last answer of the old node to the
        first answer after the power-off, for the query and for ping."""
        for k in ("db", "vip"):
            if k in self.first and k in self.last_up:
                self.first[k + "_outage"] = round(self.first[k] + self.t0 - self.last_up[k], 2)

    def done(self):
        return all(k in self.first for k in ("group", "vip", "db"))


def main():
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    d, killed, corolog, timeout = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
    open(os.path.join(d, "ready"), "w").close()
    t0 = read_time(os.path.join(d, "t0"), 60)
    if t0 is None:
        sys.exit("demo-watch: no power-off time (t0) after 60 s")
    w = Watch(d, killed, t0)
    rc = 2
    while time.time() < t0 + timeout:
        if w.t1 == float("inf"):
            w.t1 = read_time(os.path.join(d, "t1"), 0) or float("inf")
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
    w.outages()
    w.first["corosync"] = corosync_left(corolog, killed, t0)
    with open(os.path.join(d, "result.json"), "w") as f:
        json.dump(w.first, f)
    if rc == 2:
        print(f"FAILED: after {timeout:.0f} s the group is not running again "
              f"(seen so far: {json.dumps(w.first)})", flush=True)
    sys.exit(rc)


if __name__ == "__main__":
    main()
