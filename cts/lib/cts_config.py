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


def layout(vip, pgdata=None):
    """(resources XML, [Resource], {group: [rids]}) for a VIP address; with
    pgdata, the group also holds a PostgreSQL server on that directory."""
    db = primitive("db", "pgsql", {"pgdata": pgdata, "listen_addresses": "*"}) if pgdata else ""
    xml = ("<resources>"
           + primitive("d1", "Dummy")
           + '<group id="g1">'
           + primitive("vip", "VIP", {"ip": vip, "cidr_netmask": "24"})
           + db
           + primitive("d2", "Dummy")
           + "</group></resources>")
    res = [Resource("d1", "dummy"), Resource("vip", "vip", vip, "g1")]
    if pgdata:
        res.append(Resource("db", "process", "postgres", "g1"))
    res.append(Resource("d2", "dummy", group="g1"))
    return xml, res, {"g1": [r.id for r in res if r.group == "g1"]}


def initdb(pgdata, client_net):
    """argv lists that prepare a data directory for the lab: initdb as user
    postgres with trust authentication, and the lab's clients allowed."""
    import glob
    bins = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                  key=lambda p: [int(x) for x in p.split("/")[4].split(".") if x.isdigit()])
    if not bins:
        return None
    hba = f"host all all {client_net} trust"
    return [["runuser", "-u", "postgres", "--", bins[-1], "-D", pgdata, "-A", "trust"],
            ["sh", "-c", f"echo '{hba}' >>'{pgdata}/pg_hba.conf'"]]


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
