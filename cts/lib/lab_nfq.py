"""lab_nfq.py — packet delay where the kernel has no netem qdisc: iptables
(nft_compat) hands the node's eth0 packets, both directions, to NFQUEUE, and
lab_nfqdelay.py, a holder in the node's cgroup and network namespace,
accepts each one MS milliseconds later. A power-off kills the holder with the
node; `--queue-bypass` lets packets through while no holder is bound."""
import os
import signal
import sys
import time

import lab_node
from lab_cgroup import Cgroups
from lab_run import have, in_netns, run
from lab_state import EXIT_FAILED, LabError

QUEUE = 7
HOLDER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "lab_nfqdelay.py")
RULES = (("OUTPUT", "-o"), ("INPUT", "-i"))


def _rule(chain, flag):
    return [chain, flag, "eth0", "-j", "NFQUEUE", "--queue-num", str(QUEUE), "--queue-bypass"]


def _pid_file(lab, host):
    return os.path.join(lab.boot_dir(host), "nfqdelay.pid")


def start(lab, host, ms, why):
    """Delays node host's packets by ms in each direction; why: netem's error."""
    if not have("iptables"):
        raise LabError(f"cannot delay packets: tc netem failed ({why}) and the fallback "
                       "needs iptables (Debian package iptables) for NFQUEUE", EXIT_FAILED)
    stop(lab, host)
    ns = lab.node_ns(host)
    for chain, flag in RULES:
        run(in_netns(ns, ["iptables", "-w", "-A"] + _rule(chain, flag)))
    c = lab.conf["cgroup"]
    argv = ["nsenter", f"--net=/run/netns/{ns}", "--", sys.executable, HOLDER,
            str(QUEUE), str(int(ms))]
    proc = lab_node.spawn(Cgroups(c["kind"], c["base"]), lab_node.unit(host), argv, None,
                          log=os.path.join(lab.log_dir(host), "lab.log"))
    with open(_pid_file(lab, host), "w") as f:
        f.write(f"{proc.pid}\n")
    _wait_bound(proc)


def _wait_bound(proc, timeout=15):
    """Waits until the holder has bound the queue (else packets bypass it)."""
    deadline = time.monotonic() + timeout
    path = f"/proc/{proc.pid}/net/netfilter/nfnetlink_queue"
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise LabError(f"the delay holder exited ({proc.returncode}); see the node's "
                           "lab.log", EXIT_FAILED)
        try:
            with open(path) as f:
                if any(line.split()[:1] == [str(QUEUE)] for line in f):
                    return
        except OSError:
            pass
        time.sleep(0.1)
    raise LabError(f"the delay holder did not bind queue {QUEUE} in {timeout} s", EXIT_FAILED)


def stop(lab, host):
    """Removes the rules and the holder of node host (if any)."""
    ns = lab.node_ns(host)
    if os.path.exists(f"/run/netns/{ns}") and have("iptables"):
        for chain, flag in RULES:
            while run(in_netns(ns, ["iptables", "-w", "-D"] + _rule(chain, flag)),
                      check=False).returncode == 0:
                pass
    try:
        with open(_pid_file(lab, host)) as f:
            pid = int(f.read().strip())
        os.unlink(_pid_file(lab, host))
        os.kill(pid, signal.SIGTERM)
    except (OSError, ValueError):
        pass
