"""cts_scen_rsc.py — scenarios on resources: an agent that fails its monitor,
its start or its stop (ResourceRecover), standby and online, maintenance mode
with resources left alone, and a CIB change while a transition runs."""
import time

import cts_config
from cts_lab import CtsError
from cts_sample import RSCTMP
from cts_scen_node import NodeScenario
from cts_scenario import scenario


class ResourceScenario(NodeScenario):
    needs_resources = True

    def applicable(self):
        if not self.ctx.check_running:
            return "resources do not start in this cluster (see the run's first lines)"
        return super().applicable()

    def host_of(self, rid):
        where = self.ctx.where(rid)
        if len(where) != 1:
            raise CtsError(f"{rid} should run on one node before the fault, runs on {where}")
        return where[0]


@scenario
class ResourceRecover(ResourceScenario):
    name, fault = "ResourceRecover", "resource-failure"
    summary = "an agent fails its monitor, its start or its stop; the cluster recovers"

    def setup(self):
        self.kind = self.ctx.rng.choice(("monitor", "start", "stop"))
        pool = ("d1", "vip") + (("db",) if any(r.id == "db" for r in self.ctx.resources) else ())
        self.rid = self.ctx.rng.choice(pool) if self.kind == "monitor" else "d1"
        self.node = self.host_of(self.rid)
        self.fault_kind = f"{self.kind}-failure"
        self.detail = f"{self.rid} fails its {self.kind} on node{self.node}"

    def must_fence(self):
        return [self.node] if self.kind == "stop" else []  # on-fail=fence for stop

    def inject(self):
        getattr(self, f"_fail_{self.kind}")()

    def _fail_monitor(self):
        if self.rid == "db":
            self.ctx.drv.cmd("kill-daemon", self.node, "postgres", "KILL")
        elif self.rid == "vip":
            vip = next(r.what for r in self.ctx.resources if r.id == "vip")
            self.ctx.drv.run(self.node, ["ip", "addr", "del", f"{vip}/24", "dev", "eth0"])
        else:
            self.ctx.drv.run(self.node, ["rm", "-f", f"{RSCTMP}/Dummy-{self.rid}.state"])

    def _fail_start(self):
        # Move d1 to another node whose start fails (Dummy's fail_start_on):
        # it must end on a third node, never twice.
        others = [n for n in self.ctx.up_nodes() if n != self.node]
        self.target = self.ctx.rng.choice(others)
        self.ctx.cib_replace("/cib/configuration/resources/primitive[@id='d1']",
                             cts_config.primitive("d1", "Dummy",
                                                  {"fail_start_on": f"node{self.target}"}))
        self._move(self.target)
        self.detail = f"d1 moved to node{self.target} whose start fails"

    def _fail_stop(self):
        # A directory in the state file's place: monitor says stopped, stop
        # (rm -f) fails; the node must be fenced or the resource blocked.
        path = f"{RSCTMP}/Dummy-d1.state"
        self.ctx.drv.run(self.node, ["sh", "-c", f"rm -f {path} && mkdir {path}"])
        if not self.ctx.fencing:
            self.ctx.expect_stopped = {"d1"}

    def _move(self, node):
        self.ctx.cib_replace("/cib/configuration/constraints", cts_config.constraints(
            [cts_config.location("cts-move", "d1", f"node{node}")]))

    def recover(self):
        if self.kind == "monitor":
            time.sleep(8)  # one monitor interval and a little
        elif self.kind == "start":
            time.sleep(5)

    def check(self):
        if self.kind == "start":
            where = self.ctx.where("d1")
            if where == [self.target]:
                self.problems.append(f"d1 stays on node{self.target} where its start fails")
        return self.problems

    def cleanup(self):
        if self.kind == "stop":
            self.ctx.drv.run(self.node, ["rmdir", f"{RSCTMP}/Dummy-d1.state"])
            self.ctx.expect_stopped = set()
        if self.kind in ("start", "stop"):
            self.ctx.cib_replace("/cib/configuration/constraints", "<constraints/>")
            self.ctx.cib_replace("/cib/configuration/resources/primitive[@id='d1']",
                                 cts_config.primitive("d1", "Dummy"))
        self.ctx.clear_failures()
        self.ctx.wait_settled("after cleanup", self.problems)


@scenario
class Standby(ResourceScenario):
    name, fault = "Standby", "standby"
    summary = "put the node that hosts the group in standby, then online again"

    def setup(self):
        self.node = self.host_of("vip")
        self.detail = f"node{self.node} (hosting g1) to standby and back"

    def inject(self):
        self.ctx.drv.crmctl(self.node, "node", "standby", f"node{self.node}")
        self.ctx.expect[self.node] = "standby"
        self.settled(f"node{self.node} in standby")
        for r in self.ctx.resources:
            if self.node in self.ctx.where(r.id):
                self.problems.append(f"{r.id} still on node{self.node} in standby")

    def recover(self):
        self.ctx.drv.crmctl(self.node, "node", "online", f"node{self.node}")
        self.ctx.expect[self.node] = "online"


@scenario
class MaintenanceMode(ResourceScenario):
    name, fault = "MaintenanceMode", "maintenance"
    summary = "maintenance mode on, stop d1 by hand: it stays stopped; off: it runs again"

    def setup(self):
        self.node = self.host_of("d1")
        self.detail = f"maintenance on, d1 stopped by hand on node{self.node}, off"

    def inject(self):
        self.ctx.set_property("maintenance-mode", "true")
        self.ctx.maintenance = True
        self.settled("maintenance on")
        self.ctx.agent(self.node, "ocf:crm:Dummy", "stop", "d1")
        self.ctx.expect_stopped = {"d1"}
        time.sleep(12)  # two monitor intervals: nobody may touch d1
        if self.ctx.where("d1"):
            self.problems.append("d1 was started again during maintenance mode")

    def recover(self):
        self.ctx.set_property("maintenance-mode", "false")
        self.ctx.maintenance = False
        self.ctx.expect_stopped = set()

    def cleanup(self):
        self.ctx.clear_failures()


@scenario
class CibChangeDuringTransition(ResourceScenario):
    name, fault = "CibChangeDuringTransition", "cib-change"
    summary = "standby the group's node and change the configuration at once"

    def setup(self):
        self.node = self.host_of("vip")
        self.n = self.ctx.change_no + 1
        self.detail = f"standby node{self.node} and change d2's parameters meanwhile"

    def inject(self):
        self.ctx.drv.crmctl(self.node, "node", "standby", f"node{self.node}")
        self.ctx.expect[self.node] = "standby"
        self.ctx.cib_replace("/cib/configuration/resources/group[@id='g1']/primitive[@id='d2']",
                             cts_config.primitive("d2", "Dummy", {"fake": f"v{self.n}"}))

    def recover(self):
        self.settled("standby with the change")
        self.ctx.drv.crmctl(self.node, "node", "online", f"node{self.node}")
        self.ctx.expect[self.node] = "online"
