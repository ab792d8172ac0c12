"""cts_config.py — the configuration the suite gives its cluster: a Dummy and
a group VIP + Dummy (and a lab fence device when fencing is on), as CIB XML,
and the small edits scenarios make (constraints, instance attributes)."""
from cts_sample import Resource

MONITOR = "5s"
VIP_HOST = 100  # the VIP is 198.18.K.100


def _op(rid):
    return (f'<operations><op id="{rid}-monitor" name="monitor" interval="{MONITOR}" '
            f'timeout="20s"/></operations>')


def _attrs(rid, params):
    if not params:
        return ""
    pairs = "".join(f'<nvpair id="{rid}-{k}" name="{k}" value="{v}"/>'
                    for k, v in sorted(params.items()))
    return f'<instance_attributes id="{rid}-params">{pairs}</instance_attributes>'


def primitive(rid, agent_type, params=None, cls="ocf", provider="crm"):
    prov = f' provider="{provider}"' if provider else ""
    return (f'<primitive id="{rid}" class="{cls}"{prov} type="{agent_type}">'
            f'{_attrs(rid, params)}{_op(rid) if cls == "ocf" else ""}</primitive>')


def layout(vip):
    """(resources XML, [Resource], {group: [rids]}) for a VIP address."""
    xml = ("<resources>"
           + primitive("d1", "Dummy")
           + '<group id="g1">'
           + primitive("vip", "VIP", {"ip": vip, "cidr_netmask": "24"})
           + primitive("d2", "Dummy")
           + "</group></resources>")
    res = [Resource("d1", "dummy"), Resource("vip", "vip", vip, "g1"),
           Resource("d2", "dummy", group="g1")]
    return xml, res, {"g1": ["vip", "d2"]}


def with_fencing(resources_xml, lab_name, nodes):
    """Adds a fence_lab device that can fence every node."""
    hosts = ",".join(f"node{n}" for n in nodes)
    dev = primitive("fence-lab", "fence_lab",
                    {"lab_name": lab_name, "pcmk_host_list": hosts}, cls="stonith",
                    provider=None)
    return resources_xml.replace("<resources>", "<resources>" + dev, 1)


def location(cid, rid, node, score="INFINITY"):
    return f'<rsc_location id="{cid}" rsc="{rid}" node="{node}" score="{score}"/>'


def constraints(items):
    return "<constraints>" + "".join(items) + "</constraints>"
