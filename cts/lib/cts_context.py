"""cts_context.py — what scenarios act on: the lab driver, the expected state
of every node (the model the audits check), the acknowledged changes, and
helpers to stop, start, kill nodes and change the configuration."""
import os
import time

from cts_lab import CtsError


class Context:
    def __init__(self, drv, rng, resources, groups, log):
        self.drv, self.rng, self.log = drv, rng, log
        self.resources, self.groups = resources, groups
        self.expect = {n: "online" for n in drv.nodes()}  # online, standby, down
        self.acked = {}
        self.change_no = 0
        self.maintenance = False
        self.check_running = True  # off when resources never start (see cts_runner)
        self.expect_stopped = set()
        self.settle_timeout = 90.0
        self.fencing = False       # a fence device is configured
        self.measure_service = False  # the probe's figures count
        self.sampler = None
        self.monitor = None
        self.fenced = []  # nodes the cluster fenced and cts powered on again
        self.token_ms = 1000
        self.loss_pct = 1
        self.delay_unavailable = None  # why SlowLink cannot run here, or None

    # ---- the model ---------------------------------------------------------
    def nodes(self):
        return self.drv.nodes()

    def up_nodes(self):
        return [n for n, s in sorted(self.expect.items()) if s != "down"]

    def quorate_expected(self):
        return len(self.up_nodes()) * 2 > len(self.expect)

    def expect_running(self):
        """Resources that must run once the cluster settles."""
        hosts = [n for n, s in self.expect.items() if s == "online"]
        if not self.check_running or self.maintenance or not hosts \
                or not self.quorate_expected():
            return set()
        return {r.id for r in self.resources} - self.expect_stopped

    def pick(self, k=1, among=None):
        """k distinct nodes chosen by the seeded generator."""
        pool = sorted(among if among is not None else self.up_nodes())
        if len(pool) < k:
            raise CtsError(f"need {k} nodes up, have {len(pool)}")
        return sorted(self.rng.sample(pool, k))

    # ---- node actions ------------------------------------------------------
    def stop_node(self, n):
        """A clean stop: crmd, then corosync; the node stays powered."""
        self.log(f"  stop node{n} (crmd, then corosync)")
        self.drv.cmd("stop-daemon", n, "crmd", timeout=120)
        self.drv.cmd("stop-daemon", n, "corosync", timeout=120)
        self.expect[n] = "down"

    def start_node(self, n):
        self.log(f"  start node{n} (corosync, then crmd)")
        self.drv.cmd("start-daemon", n, "corosync")
        self.drv.cmd("start-daemon", n, "crmd")
        self.expect[n] = "online"

    def power_off(self, nodes):
        self.log(f"  power off {', '.join(f'node{n}' for n in nodes)}")
        self.drv.cmd("kill", *nodes, timeout=120)
        for n in nodes:
            self.expect[n] = "down"

    def power_on(self, nodes):
        self.log(f"  power on {', '.join(f'node{n}' for n in nodes)}")
        self.drv.cmd("start", *nodes, timeout=120)
        for n in nodes:
            self.expect[n] = "online"

    # ---- configuration -------------------------------------------------------
    def change(self, tag):
        """A numbered property change on some member; remembered when the
        cluster acknowledged it (exit 0), since then it must never be lost."""
        self.change_no += 1
        name, value = f"cts-change-{self.change_no}", tag
        for n in self.rng.sample(self.up_nodes(), len(self.up_nodes())):
            rc, _out, err = self.drv.crmctl(n, "property", "set", f"{name}={value}")
            if rc == 0:
                self.acked[name] = value
                self.log(f"  change {name}={value} acknowledged by node{n}")
                return True
            self.log(f"  change {name} refused by node{n} (exit {rc}: {err.strip()[:80]})")
        return False

    def set_property(self, name, value, retries=20):
        for _ in range(retries):
            for n in self.up_nodes():
                if self.drv.crmctl(n, "property", "set", f"{name}={value}")[0] == 0:
                    return n
            time.sleep(1)
        raise CtsError(f"no member accepted the property {name}={value}")

    def agent(self, n, agent, action, rid, *params):
        rc, out, err = self.drv.run(n, ["crmctl", "agent", "run", agent, action, "--local",
                                        "-r", rid] + list(params), timeout=60)
        return rc, out + err

    def where(self, rid):
        """Nodes where the samplers see rid active now."""
        from cts_sample import active_map
        views = {n: r.read() for n, r in self.sampler.readers.items()}
        return active_map([r for r in self.resources if r.id == rid], views)[rid]

    def restore(self):
        """After a scenario broke off: every node up and online, links whole,
        maintenance off; errors here are reported by the next audits."""
        self.log("  restoring the cluster")
        for args in (("heal",), ("undelay",)):
            self.drv.cmd(*args, check=False)
        for n in self.nodes():
            if not self.drv.powered(n):
                self.drv.cmd("start", n, check=False, timeout=120)
            else:
                for d in ("corosync", "crmd"):
                    self.drv.cmd("start-daemon", n, d, check=False)
                for d in ("corosync", "crmd", "crm-execd"):
                    self.drv.cmd("kill-daemon", n, d, "CONT", check=False)
            self.expect[n] = "online"
        for n in self.nodes():
            self.drv.crmctl(n, "node", "online", f"node{n}")
        if self.maintenance:
            self.drv.crmctl(self.nodes()[0], "property", "set", "maintenance-mode=false")
            self.maintenance = False
        self.expect_stopped = set()
        self.clear_failures()
        self.wait_settled("after restoring", [])

    def wait_settled(self, what, problems):
        """Waits until the members agree with the model, in the middle of a
        scenario; appends what did not settle to problems."""
        from cts_runner import settle
        if not self.up_nodes():
            return
        secs, probs = settle(self, self.settle_timeout)
        self.log(f"  {what}: " + (f"settled in {secs:.1f} s" if not probs
                                   else f"NOT settled after {secs:.0f} s"))
        problems += [f"{what}: {p}" for p in probs[:5]]

    def each(self, fn, items):
        """fn(item) for every item at the same moment (one thread each)."""
        import threading
        errors = []

        def call(x):
            try:
                fn(x)
            except CtsError as e:
                errors.append(str(e))
        threads = [threading.Thread(target=call, args=(x,)) for x in items]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        if errors:
            raise CtsError("; ".join(errors))

    def cib_replace(self, xpath, xml, retries=10):
        """Replaces one element of the live CIB through some member."""
        err = ""
        for _ in range(retries):
            for n in self.up_nodes():
                rc, _out, err = self.drv.crmctl(n, "cib", "replace", "--xpath", xpath,
                                                "--xml-text", xml)
                if rc == 0:
                    return n
            time.sleep(1)
        raise CtsError(f"no member accepted the CIB change at {xpath}: {err.strip()[:200]}")

    def clear_failures(self):
        """Forgets failures and operation history (crmctl resource cleanup);
        where that verb is missing, deletes the fail-count attributes."""
        rc, _out, err = self.drv.crmctl(self.up_nodes()[0], "resource", "cleanup", timeout=60)
        if rc == 0:
            return
        self.log(f"  crmctl resource cleanup failed (exit {rc}: {err.strip()[:100]}); "
                 "deleting fail counts instead")
        docs = self.drv.status_many(self.up_nodes()[:1])
        d = next(iter(docs.values()), None) or {}
        for f in d.get("failures", []):
            for prefix in ("fail-count", "last-failure"):
                attr = f"{prefix}-{f['resource']}#{f['operation']}"
                self.drv.crmctl(self.up_nodes()[0], "node", "attribute", "--node",
                                f["node"], "--name", attr, "--delete")

    # ---- fencing -------------------------------------------------------------
    def boot_id(self, n):
        """Changes each time node n powers on (its boot directory is made anew)."""
        try:
            return os.stat(self.drv.lab.boot_dir(n)).st_ino
        except OSError:
            return None

    def revive_fenced(self):
        """With fencing (stonith-action=off), a node the cluster fenced stays
        off: power it on again, as an operator would, and say so."""
        if not self.fencing:
            return
        for n, want in sorted(self.expect.items()):
            if want != "down" and not self.drv.powered(n):
                self.log(f"  node{n} was fenced (powered off): powering it on")
                self.fenced.append(n)
                self.drv.cmd("start", n, check=False, timeout=120)

    def await_fencing(self, nodes, boot_ids, problems, timeout=60):
        """Waits until each node was fenced (powered off, or already off and on
        again); a node that left uncleanly must be fenced before recovery."""
        deadline = time.monotonic() + timeout
        left = set(nodes)
        while left and time.monotonic() < deadline:
            left = {n for n in left
                    if self.drv.powered(n) and self.boot_id(n) == boot_ids.get(n)}
            if left:
                time.sleep(0.5)
        for n in sorted(left):
            problems.append(f"node{n} left uncleanly but was not fenced within {timeout} s")
        self.revive_fenced()
