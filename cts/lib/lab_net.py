"""lab_net.py — the lab's network: a bridge namespace, a veth link per node and for
the client, and faults on links (partition and loss with nftables in the bridge
namespace, delay with tc netem)."""
import os

from lab_run import have, in_netns, run
from lab_state import CLIENT_HOST, EXIT_FAILED, LabError

BRIDGE = "br0"
TABLE = "crmlab"


def netns_exists(ns):
    return os.path.exists(f"/run/netns/{ns}")


def netns_list():
    try:
        return sorted(os.listdir("/run/netns"))
    except FileNotFoundError:
        return []


def netns_add(ns):
    if netns_exists(ns):
        netns_del(ns)
    run(["ip", "netns", "add", ns])


def netns_del(ns):
    if netns_exists(ns):
        run(["ip", "netns", "del", ns], check=False)


def port_name(host):
    return "vcl" if host == CLIENT_HOST else f"vn{host}"


def mac(lab, host, side):
    """Fixed MAC addresses: a node that powers on again keeps its MAC, so the
    peers' ARP entries stay right (as with real hardware)."""
    return f"02:{side:02x}:c6:12:{lab.conf['subnet']:02x}:{host:02x}"


def bridge_create(lab):
    netns_add(lab.br_ns)
    run(["ip", "-n", lab.br_ns, "link", "add", BRIDGE, "type", "bridge"])
    run(["ip", "-n", lab.br_ns, "link", "set", BRIDGE, "up"])


def link_add(lab, host, ns):
    """A veth pair: port vnN (or vcl) on the bridge, eth0 in ns with 198.18.K.host.
    (ip -batch: two processes instead of six, which counts on a busy machine.)"""
    port = port_name(host)
    bridge_side = (f"link add {port} address {mac(lab, host, 1)} type veth peer name eth0 "
                   f"address {mac(lab, host, 0)} netns {ns}\n"
                   f"link set {port} master {BRIDGE} up\n")
    if run(["ip", "-n", lab.br_ns, "-batch", "-"], input=bridge_side, check=False).returncode:
        run(["ip", "-n", lab.br_ns, "link", "del", port], check=False)  # a leftover
        run(["ip", "-n", lab.br_ns, "-batch", "-"], input=bridge_side)
    run(["ip", "-n", ns, "-batch", "-"],
        input=(f"link set lo up\naddr add {lab.address(host)}/24 dev eth0\n"
               "link set eth0 up\n"))


def link_del(lab, host):
    """Removes both ends at once: the node loses its link and its addresses."""
    if netns_exists(lab.br_ns):
        run(["ip", "-n", lab.br_ns, "link", "del", port_name(host)], check=False)


def link_set(lab, host, up):
    run(["ip", "-n", lab.br_ns, "link", "set", port_name(host), "up" if up else "down"],
        check=False)


# ---- partition and loss: one nftables table in the bridge namespace -------

def _ports(hosts):
    return "{ " + ", ".join(f'"{port_name(h)}"' for h in hosts) + " }"


def filter_rules(state):
    """nft rules for the partition groups and loss percentages in state."""
    rules = []
    for group in state.get("groups", []):
        rules.append(f"iifname {_ports(group)} oifname != {_ports(group)} drop")
        rules.append(f"oifname {_ports(group)} iifname != {_ports(group)} drop")
    for host, pct in sorted(state.get("loss", {}).items()):
        port = f'"{port_name(int(host))}"'
        chance = "" if int(pct) >= 100 else f"numgen random mod 100 < {int(pct)} "
        rules.append(f"iifname {port} {chance}drop")
        rules.append(f"oifname {port} {chance}drop")
    return rules


def filters_apply(lab, state):
    rules = filter_rules(state)
    if not have("nft"):
        if state.get("loss"):
            raise LabError("loss needs nftables (Debian package nftables)", EXIT_FAILED)
        return _partition_by_links(lab, state)
    body = "\n".join(f"    {r}" for r in rules)
    text = (f"table bridge {TABLE}\ndelete table bridge {TABLE}\n"
            f"table bridge {TABLE} {{\n  chain lab_forward {{\n"
            f"    type filter hook forward priority 0; policy accept;\n{body}\n  }}\n}}\n")
    run(in_netns(lab.br_ns, ["nft", "-f", "-"]), input=text)


def _partition_by_links(lab, state):
    """Without nftables: a partitioned node's bridge port goes down (each such
    node is then alone, also cut from the others of its group)."""
    cut = {h for g in state.get("groups", []) for h in g}
    for n in lab.nodes():
        if lab.powered(n):
            link_set(lab, n, n not in cut)


# ---- delay: tc netem on both ends of a node's link ---------------------------

def delay_set(lab, host, ms):
    for ns, dev in ((lab.node_ns(host), "eth0"), (lab.br_ns, port_name(host))):
        cp = run(["tc", "-n", ns, "qdisc", "replace", "dev", dev, "root", "netem",
                  "delay", f"{int(ms)}ms"], check=False)
        if cp.returncode != 0 and "qdisc kind is unknown" in cp.stderr:
            import lab_nfq  # no netem in this kernel: NFQUEUE and a holder instead
            return lab_nfq.start(lab, host, ms, cp.stderr.strip())
        if cp.returncode != 0:
            raise LabError(f"cannot add a {ms} ms delay on {dev}: {cp.stderr.strip()} "
                           "(the kernel needs the netem qdisc, CONFIG_NET_SCH_NETEM)",
                           EXIT_FAILED)


def delay_clear(lab, host):
    import lab_nfq
    lab_nfq.stop(lab, host)
    for ns, dev in ((lab.node_ns(host), "eth0"), (lab.br_ns, port_name(host))):
        if netns_exists(ns):
            run(["tc", "-n", ns, "qdisc", "del", "dev", dev, "root"], check=False)
