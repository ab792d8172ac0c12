"""cts_scenario.py — the scenario base class and the registry: a scenario is a
small class with setup, inject, recover and an optional check of its own;
the runner audits the cluster around it (cts_runner)."""

REGISTRY = {}


def scenario(cls):
    """Class decorator: registers a scenario under its name."""
    REGISTRY[cls.name] = cls
    return cls


class Scenario:
    name = "?"
    fault = "?"        # the fault kind the report groups outages by
    summary = ""       # one line for `cts/cts list`
    min_nodes = 2
    needs_resources = False
    campaign = True    # drawn by campaigns (else only by `cts/cts run`)
    planned = False    # the service is meant to go down (whole cluster or
                       # quorum stopped on purpose): outside the availability
    split = False      # a moment of double activity is the accepted risk
                       # of running without fencing (cts_runner)

    def __init__(self, ctx):
        self.ctx = ctx
        self.detail = ""
        self.fault_kind = self.fault

    def applicable(self):
        """Why the scenario cannot run on this cluster, or None."""
        if len(self.ctx.nodes()) < self.min_nodes:
            return f"needs {self.min_nodes} nodes"
        return None

    def setup(self):
        """Choices (seeded) and preparation; the cluster is settled."""

    def inject(self):
        """The fault itself."""
        raise NotImplementedError

    def recover(self):
        """Undo the fault; the runner then waits until the cluster settles."""

    def check(self):
        """Expectations of the scenario itself: a list of problems."""
        return []

    def must_fence(self):
        """Nodes that leave uncleanly in this scenario: with fencing on, the
        cluster must fence each before the step may settle."""
        return []

    def cleanup(self):
        """After the audits: restore what the next scenario expects."""
