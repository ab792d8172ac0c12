"""cts_session.py — one run of the suite: brings its lab up, configures the
cluster, starts the continuous audit and the client probe, runs the steps
(named scenarios or a seeded campaign), and always takes the lab down."""
import os
import random
import subprocess
import time

import cts_config
import cts_report
import cts_runner
# Importing the scenario modules registers their classes.
import cts_scen_daemon  # noqa: F401
import cts_scen_net  # noqa: F401
import cts_scen_node  # noqa: F401
import cts_scen_rsc  # noqa: F401
from cts_context import Context
from cts_lab import CtsError, LabDriver
from cts_monitor import Monitor
from cts_probe import Probe
from cts_sample import Resource, Sampler
from cts_scenario import REGISTRY


def sequence(seed, names, iterations):
    """The campaign's scenarios: the same seed and names give the same list."""
    rng = random.Random(f"cts-sequence-{seed}")
    pool = sorted(names)
    return [rng.choice(pool) for _ in range(iterations)]


def choices_rng(seed):
    """The generator scenarios draw their nodes and variants from."""
    return random.Random(f"cts-choices-{seed}")


class Session:
    def __init__(self, o, log):
        self.o, self.log = o, log
        self.drv = LabDriver(o.name, o.build, o.nodes, log)
        self.ctx = None
        self.probe = self.monitor = None
        self.notes = []
        self.steps = []

    # ---- bring-up ------------------------------------------------------------
    def start(self):
        o = self.o
        self.log(f"lab {o.name}: {o.nodes} nodes, build {o.build}, token {o.token} ms")
        self.drv.up(o.token)
        vip = self.drv.address(cts_config.VIP_HOST)
        self.pgdata = self._database()
        xml, resources, groups = cts_config.layout(vip, self.pgdata)
        ctx = self.ctx = Context(self.drv, choices_rng(o.seed), resources, groups, self.log)
        ctx.token_ms, ctx.loss_pct, ctx.fencing = o.token, o.loss, o.fencing
        ctx.settle_timeout = o.settle_timeout
        ctx.sampler = Sampler(self.drv.lab, self.drv.cg)
        ctx.check_running = False  # nothing is configured yet
        self._wait_first_settle()
        self._configure(xml)
        ctx.delay_unavailable = self._delay_check()
        audit = Resource(cts_scen_daemon.AUDIT_RSC, "dummy")
        self.monitor = ctx.monitor = Monitor(ctx.sampler, resources + [audit], groups)
        self.monitor.start()
        if ctx.check_running:
            self.probe = Probe(f"/run/netns/{self.drv.lab.client_ns}", vip,
                               db=self.pgdata is not None)
            self.probe.start()
            ctx.measure_service = True

    def _database(self):
        """The data directory of the group's PostgreSQL on the lab's shared
        storage, initialised here; None for a VIP-only service."""
        o = self.o
        shared = os.path.join(self.drv.lab.dir, "shared")
        steps = cts_config.initdb(os.path.join(shared, "pgdata"),
                                  self.drv.address(0) + "/24")
        why = ("--service vip" if o.service == "vip" else
               "the lab has no shared storage" if not os.path.isdir(shared) else
               "PostgreSQL is not installed" if steps is None else None)
        if why:
            if o.service == "pgsql":
                raise CtsError(f"--service pgsql: {why}")
            self.notes.append(f"service: the VIP only ({why})")
            return None
        for argv in steps:
            cp = subprocess.run(argv, capture_output=True, text=True)
            if cp.returncode != 0:
                raise CtsError(f"preparing the database failed: {' '.join(argv)}: "
                               f"{(cp.stderr or cp.stdout).strip()[-300:]}")
        self.log("service: VIP + PostgreSQL on the shared storage")
        return os.path.join(shared, "pgdata")

    def _wait_first_settle(self):
        secs, probs = cts_runner.settle(self.ctx, self.o.settle_timeout)
        if probs:
            raise CtsError("the new cluster did not settle: " + "; ".join(probs[:3]))
        self.log(f"cluster settled in {secs:.1f} s")

    def _configure(self, xml):
        ctx, o = self.ctx, self.o
        ctx.set_property("stonith-enabled", "true" if o.fencing else "false")
        if o.fencing:
            # Fenced nodes stay off until cts powers them on: a reboot by the
            # fencer would race with the scenarios' own power-offs.
            ctx.set_property("stonith-action", "off")
        if o.resources == "no":
            ctx.check_running = False
            self.notes.append("no resources configured (--resources no)")
            return
        if o.fencing:
            xml = cts_config.with_fencing(xml, o.name, self.drv.nodes())
        ctx.cib_replace("/cib/configuration/resources", xml)
        ctx.check_running = True
        t0 = time.monotonic()
        while time.monotonic() - t0 < o.resource_wait:
            if not cts_runner.settle_problems(ctx):
                self.log(f"resources running after {time.monotonic() - t0:.1f} s")
                return
            time.sleep(1)
        if o.resources == "yes":
            raise CtsError(f"the resources did not start within {o.resource_wait:.0f} s: "
                           + "; ".join(cts_runner.settle_problems(ctx)[:3]))
        ctx.check_running = False
        note = (f"the resources did not start within {o.resource_wait:.0f} s (no transition "
                "engine yet?): the running audit, resource scenarios and service figures are off")
        self.notes.append(note)
        self.log("NOTE: " + note)

    def _delay_check(self):
        rc, out = self.drv.cmd("delay", 1, 10, check=False)
        self.drv.cmd("undelay", check=False)
        if rc == 0:
            return None
        why = out.strip().splitlines()[-1] if out.strip() else f"exit {rc}"
        self.notes.append(f"SlowLink skipped: the lab cannot delay packets here ({why})")
        return f"the lab cannot delay packets here ({why})"

    # ---- steps -----------------------------------------------------------------
    def applicable_names(self):
        return sorted(n for n, c in REGISTRY.items()
                      if c.campaign and c(self.ctx).applicable() is None)

    def run_steps(self, names):
        """Runs the steps; self.steps keeps those done even if interrupted."""
        steps = self.steps
        for i, name in enumerate(names, 1):
            steps.append(cts_runner.run_step(self.ctx, i, REGISTRY[name], self.probe,
                                             self.monitor))
            if self.o.stop_on_failure and not steps[-1]["passed"]:
                self.log("stopping at the first failure (--stop-on-failure)")
                break
        return steps

    def report(self, steps, t0, sequence_names):
        meta = {"lab": self.o.name, "nodes": self.o.nodes, "seed": self.o.seed,
                "token_ms": self.o.token, "fencing": self.o.fencing,
                "duration_s": round(time.monotonic() - t0, 1), "sequence": sequence_names,
                "notes": self.notes,
                "resources": [r.to_json() for r in self.ctx.resources] if self.ctx else [],
                "service_note": None if self.ctx and self.ctx.measure_service else
                "not measured (the resources never ran)"}
        if self.probe is not None and self.probe.error:
            meta["service_note"] = f"probe failed: {self.probe.error}"
        return cts_report.build(meta, steps)

    def stop(self):
        for t in (self.probe, self.monitor):
            if t is not None:
                t.stop()
        if not self.o.keep:
            self.log(f"lab {self.o.name}: taking it down")
            self.drv.down()
