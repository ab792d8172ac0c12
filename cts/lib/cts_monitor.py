"""cts_monitor.py — the continuous audit: a thread that samples every node's
namespaces every 100 ms and remembers each moment a primitive was active on
two nodes (or a group was split), for the step that is running."""
import threading
import time

import cts_audit
from cts_sample import active_map


class Monitor(threading.Thread):
    def __init__(self, sampler, resources, groups, period=0.1):
        super().__init__(daemon=True, name="cts-monitor")
        self.sampler, self.resources, self.groups = sampler, resources, groups
        self.period = period
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.violations = {}  # message -> [first time, last time, count]
        self.samples = 0
        self.last = {}

    def run(self):
        while not self.stopping.is_set():
            t0 = time.monotonic()
            try:
                t, views = self.sampler.sample()
            except Exception as e:  # a reader bug must not stop the audit silently
                self._note(time.monotonic(), [f"sampler error: {type(e).__name__}: {e}"])
                views = None
            if views is not None:
                active = active_map(self.resources, views)
                self._note(t, cts_audit.exclusive(active))
                with self.lock:
                    self.samples += 1
                    self.last = active
            self.stopping.wait(max(0.0, self.period - (time.monotonic() - t0)))

    def _note(self, t, problems):
        if not problems:
            return
        with self.lock:
            for p in problems:
                v = self.violations.setdefault(p, [t, t, 0])
                v[1], v[2] = t, v[2] + 1

    def take(self):
        """Violations seen since the last call, and the sample count; resets."""
        with self.lock:
            out, n = self.violations, self.samples
            self.violations, self.samples = {}, 0
        return out, n

    def current(self):
        with self.lock:
            return dict(self.last)

    def stop(self):
        self.stopping.set()
        self.join(timeout=5)
