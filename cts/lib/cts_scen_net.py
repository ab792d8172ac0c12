"""cts_scen_net.py — scenarios on the network: partitions (one node, a
minority) and their healing, and links that lose or delay packets below
what breaks the token (no false failover)."""
import time

from cts_scen_node import NodeScenario
from cts_scenario import scenario


@scenario
class SplitBrain(NodeScenario):
    name, fault = "SplitBrain", "partition"
    summary = "cut off one node, or a minority, from the others; then heal"
    split = True  # without fencing, a moment of double activity is accepted

    def setup(self):
        total = len(self.ctx.nodes())
        minority = (total - 1) // 2
        self.kind = self.ctx.rng.choice(("one", "minority")) if minority > 1 else "one"
        self.cut = self.ctx.pick(1 if self.kind == "one" else minority)
        self.fault_kind = f"partition-{self.kind}"
        self.detail = f"partition {', '.join(f'node{n}' for n in self.cut)} from the rest"

    def inject(self):
        self.ctx.drv.cmd("partition", *self.cut)
        for n in self.cut:
            self.ctx.expect[n] = "down"  # as the majority sees it
        self.settled("majority after the cut")
        self._minority_loses_quorum()

    def _minority_loses_quorum(self):
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            docs = self.ctx.drv.status_many(self.cut)
            # A fenced node (powered off) has no quorum either.
            if all(not self.ctx.drv.powered(n) or (d is not None and not d.get("quorate"))
                   for n, d in docs.items()):
                return
            time.sleep(1)
        self.problems.append("the cut-off minority still claims quorum after 30 s")

    def must_fence(self):
        return self.cut

    def recover(self):
        self.ctx.drv.cmd("heal")
        for n in self.cut:
            self.ctx.expect[n] = "online"


class LinkScenario(NodeScenario):
    """A degraded link on one node for a while: the membership, the DC and
    the resources' places must not change."""
    hold = 15.0

    def setup(self):
        self.node = self.ctx.pick()[0]

    def _snapshot(self):
        docs = self.ctx.drv.status_many(self.ctx.up_nodes())
        dcs = {d.get("dc") for d in docs.values() if d}
        return dcs, self.ctx.monitor.current()

    def inject(self):
        self.before = self._snapshot()
        self.degrade()
        deadline = time.monotonic() + self.hold
        while time.monotonic() < deadline:
            self._watch()
            time.sleep(1)

    def _watch(self):
        docs = self.ctx.drv.status_many(self.ctx.up_nodes())
        for n, d in docs.items():
            if d is None:
                continue
            bad = [f"{x['name']} {x.get('state')}" for x in d.get("nodes", [])
                   if x.get("state") != "online"]
            if bad and not getattr(self, "flagged", False):
                self.flagged = True
                self.problems.append(f"false failover: node{n} saw {', '.join(bad)} "
                                     f"during {self.detail}")

    def recover(self):
        self.ctx.drv.cmd("undelay")

    def check(self):
        dcs, active = self._snapshot()
        if dcs != self.before[0]:
            self.problems.append(f"the DC changed from {self.before[0]} to {dcs}")
        if self.ctx.check_running and active != self.before[1]:
            self.problems.append(f"resources moved: {self.before[1]} -> {active}")
        return self.problems


@scenario
class LossyLink(LinkScenario):
    name, fault = "LossyLink", "lossy-link"
    summary = "drop a few percent of one node's packets (below what breaks the token)"

    def setup(self):
        super().setup()
        self.pct = self.ctx.loss_pct
        self.detail = f"{self.pct} % loss on node{self.node} for {self.hold:.0f} s"

    def degrade(self):
        self.ctx.drv.cmd("loss", self.node, self.pct)


@scenario
class SlowLink(LinkScenario):
    name, fault = "SlowLink", "slow-link"
    summary = "delay one node's packets (well below the token timeout)"

    def applicable(self):
        return self.ctx.delay_unavailable or super().applicable()

    def setup(self):
        super().setup()
        self.ms = max(10, self.ctx.token_ms // 10)
        self.detail = f"{self.ms} ms delay on node{self.node} for {self.hold:.0f} s"

    def degrade(self):
        self.ctx.drv.cmd("delay", self.node, self.ms)
