"""cts_scen_daemon.py — scenarios on one daemon of a node: kill -9 of
corosync, crmd or crm-execd (ComponentFail), and SIGSTOP past the token
timeout then SIGCONT (StopCont)."""
import os
import time

import cts_audit
from cts_scen_node import NodeScenario
from cts_scenario import scenario

DAEMONS = ("corosync", "crmd", "crm-execd")
AUDIT_RSC = "cts-audit"  # a Dummy only AuditCheck starts (cts_session samples it)


@scenario
class ComponentFail(NodeScenario):
    name, fault = "ComponentFail", "kill-daemon"
    summary = "kill -9 corosync, crmd or crm-execd on one node; it must come back"

    def setup(self):
        self.node = self.ctx.pick()[0]
        self.daemon = self.ctx.rng.choice(DAEMONS)
        self.fault_kind = f"kill-{self.daemon}"
        self.detail = f"kill -9 {self.daemon} on node{self.node}"

    def inject(self):
        self.ctx.drv.cmd("kill-daemon", self.node, self.daemon, "KILL")

    def check(self):
        if not self.ctx.drv.daemon_pids(self.node, self.daemon):
            self.problems.append(f"{self.daemon} did not come back on node{self.node}")
        return self.problems


@scenario
class StopCont(NodeScenario):
    name, fault = "StopCont", "stop-cont"
    summary = "SIGSTOP corosync or crmd on one node past the token timeout, then SIGCONT"

    def setup(self):
        self.node = self.ctx.pick()[0]
        self.daemon = self.ctx.rng.choice(("corosync", "crmd"))
        token = self.ctx.token_ms / 1000.0
        self.pause = round(2 * token + 1.0, 1)
        self.fault_kind = f"stop-cont-{self.daemon}"
        # A frozen corosync cannot tell its crmd to stop anything: without
        # fencing the others start its resources while it still holds them.
        self.split = self.daemon == "corosync"
        self.detail = (f"SIGSTOP {self.daemon} on node{self.node} for {self.pause} s "
                       f"(token {token:.1f} s)")

    def inject(self):
        self.ctx.drv.cmd("kill-daemon", self.node, self.daemon, "STOP")
        time.sleep(self.pause)

    def must_fence(self):
        return [self.node] if self.daemon == "corosync" else []

    def recover(self):
        # With fencing the node may have been fenced meanwhile: no process
        # left to continue, which is fine.
        self.ctx.drv.cmd("kill-daemon", self.node, self.daemon, "CONT", check=False)


@scenario
class AuditCheck(NodeScenario):
    """Proves that the continuous audit and the log audit can fail: starts a
    Dummy by hand on two nodes for a second and writes an assertion line to
    a node's log, and expects both to be caught (then consumes them)."""
    name, fault = "AuditCheck", "audit-check"
    summary = "self-test: a Dummy active on two nodes and an assertion in a log are caught"
    campaign = False

    def setup(self):
        self.pair = self.ctx.pick(2)
        self.detail = f"{AUDIT_RSC} by hand on {', '.join(f'node{n}' for n in self.pair)}"

    def inject(self):
        for n in self.pair:
            self.ctx.agent(n, "ocf:crm:Dummy", "start", AUDIT_RSC)
        time.sleep(1.0)
        for n in self.pair:
            self.ctx.agent(n, "ocf:crm:Dummy", "stop", AUDIT_RSC)
        seen, _ = self.ctx.monitor.take()
        if not any(AUDIT_RSC in m for m in seen):
            self.problems.append(f"the monitor missed {AUDIT_RSC} active on two nodes")
        n = self.pair[0]
        self.ctx.drv.new_log_lines(n)
        with open(os.path.join(self.ctx.drv.lab.log_dir(n), "lab.log"), "a") as f:
            f.write("cts AuditCheck: crmd: assertion failed (a line the log audit must catch)\n")
        if not cts_audit.log_problems(n, self.ctx.drv.new_log_lines(n)):
            self.problems.append("the log audit missed an assertion line")
