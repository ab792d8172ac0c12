"""cts_scen_node.py — scenarios on whole nodes: clean starts and stops one by
one and all at once, restarts, a node flipped out and in, power-off, and the
near-quorum point."""
from cts_scenario import Scenario, scenario


class NodeScenario(Scenario):
    """Keeps the problems found in the middle of the scenario."""

    def __init__(self, ctx):
        super().__init__(ctx)
        self.problems = []

    def check(self):
        return self.problems

    def settled(self, what):
        self.ctx.wait_settled(what, self.problems)

    def stop_all(self):
        self.ctx.each(self.ctx.stop_node, self.ctx.up_nodes())

    def start_all(self):
        down = [n for n, s in self.ctx.expect.items() if s == "down"]
        self.ctx.each(self.ctx.start_node, down)


@scenario
class StartOnebyOne(NodeScenario):
    name, fault = "StartOnebyOne", "cluster-start"
    summary = "stop every node, then start them one at a time"
    planned = True

    def setup(self):
        self.stop_all()

    def inject(self):
        for n in self.ctx.pick(len(self.ctx.nodes()), self.ctx.nodes()):
            self.ctx.start_node(n)
            self.settled(f"node{n} started")


@scenario
class SimulStart(NodeScenario):
    name, fault = "SimulStart", "cluster-start"
    summary = "stop every node, then start all at once"
    planned = True

    def setup(self):
        self.stop_all()

    def inject(self):
        self.start_all()


@scenario
class SimulStop(NodeScenario):
    name, fault = "SimulStop", "cluster-stop"
    summary = "stop every node at once, then start them again"
    planned = True

    def inject(self):
        self.stop_all()

    def recover(self):
        self.start_all()


@scenario
class StopOnebyOne(NodeScenario):
    name, fault = "StopOnebyOne", "cluster-stop"
    summary = "stop the nodes one at a time (settling between), then start all"
    planned = True

    def inject(self):
        for n in self.ctx.pick(len(self.ctx.up_nodes())):
            self.ctx.stop_node(n)
            self.settled(f"node{n} stopped")

    def recover(self):
        self.start_all()


@scenario
class RestartOnebyOne(NodeScenario):
    name, fault = "RestartOnebyOne", "node-restart"
    summary = "restart each node in turn (stop, start, settle)"

    def inject(self):
        for n in self.ctx.pick(len(self.ctx.up_nodes())):
            self.ctx.stop_node(n)
            self.ctx.start_node(n)
            self.settled(f"node{n} restarted")


@scenario
class Restart(NodeScenario):
    name, fault = "Restart", "node-restart"
    summary = "restart one node (clean stop, start)"

    def setup(self):
        self.node = self.ctx.pick()[0]
        self.detail = f"restart node{self.node}"

    def inject(self):
        self.ctx.stop_node(self.node)
        self.ctx.start_node(self.node)


@scenario
class Flip(NodeScenario):
    name, fault = "Flip", "node-stop"
    summary = "take one node out (clean stop), let the rest settle, bring it back"

    def setup(self):
        self.node = self.ctx.pick()[0]
        self.detail = f"flip node{self.node} out and in"

    def inject(self):
        self.ctx.stop_node(self.node)
        self.settled(f"node{self.node} out")

    def recover(self):
        self.ctx.start_node(self.node)


@scenario
class PowerOff(NodeScenario):
    name, fault = "PowerOff", "power-off"
    summary = "power one node off (every process dies, link down), then on"

    def setup(self):
        self.node = self.ctx.pick()[0]
        self.detail = f"power node{self.node} off and on"

    def inject(self):
        self.ctx.power_off([self.node])
        self.settled(f"node{self.node} off")

    def recover(self):
        self.ctx.power_on([self.node])


@scenario
class NearQuorumPoint(NodeScenario):
    name, fault = "NearQuorumPoint", "quorum-loss"
    summary = "power off as many nodes as keeps quorum, then one more, then all on"
    planned = True
    min_nodes = 3

    def setup(self):
        total = len(self.ctx.nodes())
        keep = total // 2 + 1
        order = self.ctx.pick(total)
        self.first, self.extra = order[:total - keep], order[total - keep]
        self.detail = (f"power off {', '.join(f'node{n}' for n in self.first)} (quorum kept), "
                       f"then node{self.extra} (quorum lost)")

    def inject(self):
        self.ctx.power_off(self.first)
        self.settled("at the quorum point")
        self.ctx.power_off([self.extra])
        self.settled("below the quorum point")

    def recover(self):
        self.ctx.power_on(self.first + [self.extra])
