#!/usr/bin/python3
"""cts_unit.py — unit tests of the cluster test suite's pure parts: the seeded
sequence, the report arithmetic, the audits on canned samples, the namespace
readers' parsers and the probe's ICMP packets. No root needed."""
import os
import sys
import unittest

sys.dont_write_bytecode = True
SRC = sys.argv.pop(1) if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..")
sys.path.insert(0, os.path.join(SRC, "cts", "lib"))

import cts_audit  # noqa: E402
import cts_pgwire  # noqa: E402
import cts_probe  # noqa: E402
import cts_report  # noqa: E402
from cts_sample import Resource, active_map, parse_fib_trie  # noqa: E402
from cts_scenario import REGISTRY  # noqa: E402
from cts_session import choices_rng, sequence  # noqa: E402

FIB = """Local:
  +-- 0.0.0.0/0 2 0 2
     +-- 198.18.0.0/24 2 0 1
        |-- 198.18.0.0
           /24 link UNICAST
        |-- 198.18.0.3
           /32 host LOCAL
        |-- 198.18.0.100
           /32 host LOCAL
        |-- 198.18.0.255
           /32 link BROADCAST
"""


def doc(local, dc="node1", quorate=True, states=None, digest="ab", epoch=3):
    states = states or {1: "online", 2: "online", 3: "online"}
    return {"dc": dc, "quorate": quorate, "local": {"name": f"node{local}"},
            "nodes": [{"id": i, "name": f"node{i}", "state": s} for i, s in states.items()],
            "cib": {"admin_epoch": 0, "epoch": epoch, "digest": digest}}


class SequenceTest(unittest.TestCase):
    def test_same_seed_same_sequence(self):
        names = sorted(REGISTRY)
        self.assertEqual(sequence(7, names, 50), sequence(7, names, 50))
        self.assertEqual(sequence(7, names[::-1], 20), sequence(7, names, 20))

    def test_other_seed_other_sequence(self):
        names = sorted(REGISTRY)
        self.assertNotEqual(sequence(7, names, 30), sequence(8, names, 30))
        self.assertEqual(len(sequence(1, names, 13)), 13)
        self.assertTrue(set(sequence(3, names, 200)) <= set(names))

    def test_choices_are_seeded(self):
        a, b = choices_rng(5), choices_rng(5)
        self.assertEqual([a.random() for _ in range(5)], [b.random() for _ in range(5)])

    def test_registry_has_the_issue_scenarios(self):
        for n in ("StartOnebyOne", "SimulStart", "SimulStop", "StopOnebyOne",
                  "RestartOnebyOne", "Restart", "Flip", "PowerOff", "ComponentFail",
                  "StopCont", "ResourceRecover", "SplitBrain", "LossyLink", "SlowLink",
                  "Standby", "MaintenanceMode", "CibChangeDuringTransition",
                  "NearQuorumPoint"):
            self.assertIn(n, REGISTRY)


class ReportTest(unittest.TestCase):
    def test_service_time(self):
        s = [(0.0, True), (1.0, False), (2.0, False), (3.0, True), (4.0, False), (4.5, True)]
        up, down, longest = cts_report.service_time(s, 0.0, 6.0)
        self.assertAlmostEqual(up, 3.5)
        self.assertAlmostEqual(down, 2.5)
        self.assertAlmostEqual(longest, 2.0)

    def test_service_time_window_clips(self):
        s = [(0.0, False), (10.0, True)]
        up, down, longest = cts_report.service_time(s, 5.0, 12.0)
        self.assertAlmostEqual(down, 5.0)
        self.assertAlmostEqual(up, 2.0)
        self.assertAlmostEqual(longest, 5.0)
        self.assertEqual(cts_report.service_time([], 0, 1), (0.0, 0.0, 0.0))

    def test_figures_per_fault(self):
        steps = [{"fault": "power-off", "passed": True, "outage_s": x, "up_s": 10, "down_s": x,
                  "problems": []} for x in (1.0, 3.0, 2.0)]
        for i, st in enumerate(steps):
            st.update(index=i + 1, scenario="PowerOff")
        steps.append({"index": 4, "scenario": "Standby", "fault": "standby", "passed": False,
                      "outage_s": None, "problems": [{"audit": "running", "message": "x"}]})
        f = cts_report.fault_figures(steps)
        self.assertEqual(f["power-off"]["outage_median_s"], 2.0)
        self.assertEqual(f["power-off"]["outage_max_s"], 3.0)
        self.assertEqual(f["power-off"]["passed"], 3)
        self.assertIsNone(f["standby"]["outage_median_s"])
        self.assertAlmostEqual(cts_report.availability(steps), 30 / 36)
        rep = cts_report.build({"lab": "x", "nodes": 3, "seed": 1}, steps)
        self.assertEqual(rep["summary"]["failed"], 1)
        text = cts_report.render_text(rep)
        self.assertIn("83.333 %", text)
        self.assertIn("result: FAIL", text)
        self.assertIn('"availability"', cts_report.render_json(rep))

    def test_planned_outages_apart(self):
        steps = [{"fault": "cluster-stop", "passed": True, "planned": True, "up_s": 0,
                  "down_s": 10, "outage_s": 10},
                 {"fault": "power-off", "passed": True, "up_s": 9, "down_s": 1, "outage_s": 1}]
        self.assertAlmostEqual(cts_report.availability(steps), 0.9)
        self.assertAlmostEqual(cts_report.availability(steps, planned=True), 0.45)

    def test_no_service_no_availability(self):
        self.assertIsNone(cts_report.availability([{"fault": "x", "passed": True}]))


class AuditTest(unittest.TestCase):
    def test_exclusive_and_running(self):
        res = [Resource("d1", "dummy"), Resource("vip", "vip", "198.18.0.100", "g1"),
               Resource("d2", "dummy", group="g1")]
        views = {1: {"files": {"Dummy-d1.state"}, "addresses": set(), "comms": set()},
                 2: {"files": {"Dummy-d1.state", "Dummy-d2.state"},
                     "addresses": {"198.18.0.2"}, "comms": set()},
                 3: None}
        act = active_map(res, views)
        self.assertEqual(act, {"d1": [1, 2], "vip": [], "d2": [2]})
        self.assertEqual(len(cts_audit.exclusive(act)), 1)
        self.assertIn("d1 active on 2 nodes", cts_audit.exclusive(act)[0])
        self.assertEqual(cts_audit.running(act, {"vip", "d2"}),
                         ["vip runs nowhere although it can run"])
        self.assertEqual(len(cts_audit.together(act, {"g1": ["vip", "d2"]})), 1)
        self.assertEqual(cts_audit.stopped(act, {"d2"}),
                         ["d2 runs on node2 although it must be stopped"])
        self.assertEqual(cts_audit.exclusive({"d1": [3]}), [])

    def test_converged(self):
        expect = {1: "online", 2: "online", 3: "online", "quorate": True}
        docs = {n: doc(n) for n in (1, 2, 3)}
        self.assertEqual(cts_audit.converged(docs, expect), [])
        docs[2] = doc(2, dc="node2")
        self.assertTrue(any("disagree" in p for p in cts_audit.converged(docs, expect)))
        docs[2] = None
        self.assertTrue(any("did not answer" in p for p in cts_audit.converged(docs, expect)))
        down = {1: "online", 2: "online", 3: "down", "quorate": True}
        st = {1: "online", 2: "online", 3: "lost"}
        self.assertEqual(cts_audit.converged({n: doc(n, states=st) for n in (1, 2)}, down), [])
        st[3] = "online"
        self.assertTrue(cts_audit.converged({1: doc(1, states=st)}, down))
        self.assertTrue(cts_audit.converged({1: doc(1, quorate=False)}, expect))

    def test_transition_idle_when_published(self):
        d = doc(1)
        d["transition"] = {"dc_idle": False}
        expect = {1: "online", 2: "online", 3: "online", "quorate": True}
        self.assertTrue(cts_audit.converged({1: d}, expect))
        d["transition"]["dc_idle"] = True
        self.assertEqual(cts_audit.converged({1: d}, expect), [])

    def test_digests(self):
        self.assertEqual(cts_audit.digests({1: doc(1), 2: doc(2), 3: None}), [])
        self.assertEqual(len(cts_audit.digests({1: doc(1), 2: doc(2, digest="cd")})), 1)

    def test_changes(self):
        acked = {"cts-change-1": "a", "cts-change-2": "b"}
        self.assertEqual(cts_audit.changes({1: dict(acked, other="x")}, acked), [])
        p = cts_audit.changes({1: {"cts-change-1": "a"}, 2: None}, acked)
        self.assertEqual(len(p), 2)
        self.assertIn("cts-change-2", p[0])
        self.assertIn("node2", p[1])

    def test_logs(self):
        lines = ["all fine", "==123==ERROR: AddressSanitizer: heap-use-after-free",
                 "x.c:12: runtime error: signed integer overflow",
                 "(crmd:1): GLib-CRITICAL **: g_hash_table_lookup: assertion failed"]
        self.assertEqual(len(cts_audit.log_problems(1, lines)), 3)
        self.assertEqual(cts_audit.log_problems(1, ["crmd: member left", "error: x"]), [])


class SampleTest(unittest.TestCase):
    def test_fib_trie(self):
        self.assertEqual(parse_fib_trie(FIB), {"198.18.0.3", "198.18.0.100"})
        self.assertEqual(parse_fib_trie(""), set())


class ProbeTest(unittest.TestCase):
    def test_echo_packet(self):
        pkt = cts_probe.echo_request(0x1234, 7)
        self.assertEqual(cts_probe.checksum(pkt), 0)  # a valid checksum sums to zero
        reply = bytes([0x45]) + bytes(19) + bytes([0]) + pkt[1:]
        self.assertTrue(cts_probe.is_reply(reply, 0x1234, 7))
        self.assertFalse(cts_probe.is_reply(reply, 0x1234, 8))
        self.assertFalse(cts_probe.is_reply(b"\x45", 1, 1))


class PgWireTest(unittest.TestCase):
    def test_messages(self):
        m = cts_pgwire.startup_message("postgres", "postgres")
        self.assertEqual(int.from_bytes(m[:4], "big"), len(m))
        self.assertEqual(int.from_bytes(m[4:8], "big"), 3 << 16)
        q = cts_pgwire.query_message("select 1")
        self.assertEqual(q[:1], b"Q")
        self.assertEqual(int.from_bytes(q[1:5], "big"), len(q) - 1)
        buf = b"R\0\0\0\x08\0\0\0\0" + b"Z\0\0\0\x05I" + b"D\0\0"
        msgs, rest = cts_pgwire.parse_messages(buf)
        self.assertEqual([k for k, _ in msgs], [b"R", b"Z"])
        self.assertEqual(rest, b"D\0\0")


if __name__ == "__main__":
    unittest.main(verbosity=1)
