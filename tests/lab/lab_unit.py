#!/usr/bin/python3
"""lab_unit.py — the lab's pure parts without root: corosync.conf, parsing
corosync-quorumtool, nftables rules, names and argument handling."""
import atexit
import os
import shutil
import sys
import tempfile
import unittest

SRC = sys.argv.pop(1) if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..")
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(SRC, "cts", "lib"))
os.environ["CRM_LAB_ROOT"] = tempfile.mkdtemp(prefix="crm-labunit.")
atexit.register(shutil.rmtree, os.environ["CRM_LAB_ROOT"], True)

import lab_corosync  # noqa: E402
import lab_net  # noqa: E402
import lab_state  # noqa: E402

QUORUMTOOL = """Quorum information
------------------
Date:             Wed Nov 25 14:00:00 2026
Quorum provider:  corosync_votequorum
Nodes:            2
Node ID:          1
Ring ID:          1.d
Quorate:          Yes

Votequorum information
----------------------
Expected votes:   3
Highest expected: 3
Total votes:      2
Quorum:           2
Flags:            Quorate

Membership information
----------------------
    Nodeid      Votes Name
         3          1 node3
         1          1 node1 (local)
"""


def lab_with(nodes, subnet=7, token=1000, coefficient=0):
    lab = lab_state.Lab("unit")
    lab._conf = {"nodes": nodes, "subnet": subnet, "token": token,
                 "token_coefficient": coefficient}
    return lab


class Corosync(unittest.TestCase):
    def test_conf_three_nodes(self):
        text = lab_corosync.conf_text(lab_with(3, token=1500), 2)
        self.assertIn("transport: knet", text)
        self.assertIn("token: 1500", text)
        self.assertIn("token_coefficient: 0", text)
        self.assertIn("provider: corosync_votequorum", text)
        self.assertNotIn("two_node", text)
        self.assertEqual(text.count("node {"), 3)
        self.assertIn("ring0_addr: 198.18.7.3\n        nodeid: 3\n        name: node3", text)
        self.assertIn("/node2/log/corosync.log", text)
        self.assertEqual(text.count("{"), text.count("}"))

    def test_conf_two_nodes(self):
        self.assertIn("two_node: 1", lab_corosync.conf_text(lab_with(2), 1))

    def test_parse(self):
        self.assertEqual(lab_corosync.parse_quorumtool(QUORUMTOOL), (True, [1, 3]))
        no = QUORUMTOOL.replace("Quorate:          Yes", "Quorate:          No")
        self.assertEqual(lab_corosync.parse_quorumtool(no), (False, [1, 3]))
        self.assertEqual(lab_corosync.parse_quorumtool("Cannot initialize CMAP service"),
                         (None, []))


class Net(unittest.TestCase):
    def test_partition_rules(self):
        rules = lab_net.filter_rules({"groups": [[1], [2, 3]], "loss": {}})
        self.assertIn('iifname { "vn1" } oifname != { "vn1" } drop', rules)
        self.assertIn('oifname { "vn2", "vn3" } iifname != { "vn2", "vn3" } drop', rules)
        self.assertEqual(len(rules), 4)

    def test_loss_rules(self):
        rules = lab_net.filter_rules({"groups": [], "loss": {"2": 30, "3": 100}})
        self.assertIn('iifname "vn2" numgen random mod 100 < 30 drop', rules)
        self.assertIn('oifname "vn3" drop', rules)

    def test_names(self):
        lab = lab_with(3, subnet=9)
        self.assertEqual(lab_net.port_name(254), "vcl")
        self.assertEqual(lab_net.mac(lab, 3, 0), "02:00:c6:12:09:03")
        self.assertEqual(lab.address(254), "198.18.9.254")
        self.assertTrue(lab.is_lab_netns("unit-n12"))
        self.assertFalse(lab.is_lab_netns("unit2-n1"))


class State(unittest.TestCase):
    def test_names(self):
        for bad in ("", "A", "1ab", "abcdefghijk", "a-b", "a b"):
            with self.assertRaises(lab_state.LabError):
                lab_state.Lab(bad)
        lab_state.Lab("crmlab")

    def test_nodes(self):
        lab = lab_with(3)
        self.assertEqual(lab.check_node("node2"), 2)
        self.assertEqual(lab.check_node("3"), 3)
        for bad in ("0", "4", "x", "node", "-1"):
            with self.assertRaises(lab_state.LabError):
                lab.check_node(bad)

    def test_not_up(self):
        with self.assertRaises(lab_state.LabError) as cm:
            lab_state.Lab("nosuch").conf
        self.assertEqual(cm.exception.code, lab_state.EXIT_NOT_FOUND)


if __name__ == "__main__":
    unittest.main(verbosity=1)
