#!/usr/bin/env bash
# cluster-clone-promotable.sh — a promotable clone of Stateful on 3 nodes,
# made with 'crmctl resource create --promotable': one instance promoted by
# the promotion score the agent sets (master-s), the others unpromoted; at
# most one promoted at every sample, busy or settled; the promoted node
# powered off: another instance is promoted (the time is measured), and when
# it comes back its history from before the power-off never counts (the DC
# shows it "pending" until its own report replaces it); 'crmctl resource ban
# --promoted' moves the promoted role, 'clear' lets it be.
LAB=cp$$ # used by cluster-lib.sh
# shellcheck source=tests/cluster/cluster-lib.sh
source "$(dirname "$0")/cluster-lib.sh"
# shellcheck source=tests/cluster/cluster-resources-lib.sh
source "$(dirname "$0")/cluster-resources-lib.sh"
FAILOVER_LIMIT=${FAILOVER_LIMIT:-30} # seconds from power-off to a new promoted instance
tmp=$(mktemp -d)
trap 'touch "$tmp/stop"; wait; rm -rf "$tmp"; lab down >/dev/null 2>&1' EXIT

promoted() { st "$ASK" "' '.join(sorted(n[4:] for r in d['resources'] if r['id']=='s' for n in r.get('promoted', [])))"; }
# roles: "N:role" from the agents' state files on the listed nodes
roles() {
    local n
    for n in $NODES; do
        echo "$n:$(lab exec "$n" cat /run/resource-agents/Stateful-s.state 2>/dev/null)"
    done | tr '\n' ' '
}
# check_one: crmd reports one promoted instance, where the state file says so
check_one() {
    local p r
    p=$(promoted)
    r=$(roles)
    [ "$(wc -w <<<"$p")" = 1 ] || fail "exactly one promoted instance expected, crmd says '$p'"
    [ "$(grep -o ':promoted' <<<"$r" | wc -l)" = 1 ] || fail "state files: $r"
    grep -q "$p:promoted" <<<"$r" || fail "crmd says node$p is promoted, state files say $r"
    echo "$p"
}
# sampler NODE: counts promoted instances in NODE's status every 0.3 s into
# $tmp/samples ("count dc_idle") until $tmp/stop exists.
sampler() {
    lab exec "$1" python3 -c '
import json, os, subprocess, sys, time
out = open(sys.argv[1], "a")
while not os.path.exists(sys.argv[2]):
    p = subprocess.run(["crmctl", "status", "--output-as", "json"], capture_output=True, text=True)
    try:
        d = json.loads(p.stdout)
        n = sum(len(r.get("promoted", [])) for r in d["resources"] if r["id"] == "s")
        out.write("%d %s\n" % (n, d["transition"]["dc_idle"])); out.flush()
    except (ValueError, KeyError):
        pass
    time.sleep(0.3)' "$tmp/samples" "$tmp/stop" &
}

lab_up 3
wait_for 60 "3 nodes agree on a DC" converged 1 2 3
lab exec 1 crmctl property set stonith-enabled=false || fail "property set"
t0=$(date +%s.%N)
lab exec 1 crmctl resource create s ocf:crm:Stateful --promotable --wait=90 ||
    fail "creating the promotable clone"
note "s-clone: started and one promoted in $(calc "$(date +%s.%N) - $t0") s"
wait_settled
[ "$(where s)" = "1 2 3" ] || fail "s must run on the 3 nodes, not '$(where s)'"
p=$(check_one)
scores=$(st "$ASK" "sorted(n['attributes'].get('master-s') for n in d['nodes'])")
[ "$scores" = "['10', '5', '5']" ] || fail "promotion scores (master-s) must be 10, 5, 5: $scores"
text=$(lab exec 2 crmctl status)
grep -qF "Clone Set: s-clone [s] (promotable)" <<<"$text" || fail "crmctl status: $text"
grep -qF "Promoted: [ node$p ]" <<<"$text" || fail "crmctl status: no 'Promoted: [ node$p ]' in $text"
note "node$p promoted, scores $scores"

# power off the promoted node; another instance is promoted
ASK=$((p % 3 + 1))
NODES=$(echo 1 2 3 | tr ' ' '\n' | grep -vx "$p" | tr '\n' ' ')
sampler "$ASK"
sleep 1
t0=$(date +%s.%N)
lab kill "$p" || fail "power off node$p"
until_st "$FAILOVER_LIMIT" "another instance is promoted" \
    "[r for r in d['resources'] if r['id']=='s'][0]['promoted'] not in ([], ['node$p'])"
failover=$(calc "$(date +%s.%N) - $t0")
note "PROMOTION FAILOVER: node$p powered off, node$(promoted) promoted after $failover s"
wait_settled
p2=$(check_one)
[ "$p2" != "$p" ] || fail "node$p is off and still promoted"
lab start "$p" || fail "power on node$p"
NODES="1 2 3"
wait_for 90 "node$p is back" converged 1 2 3
until_st 60 "s runs on the 3 nodes" "$(on s) == ['1', '2', '3']"
wait_settled
p2b=$(check_one)
# Pacemaker keeps the role where it is (promotion scores 10 against 5).
[ "$p2b" = "$p2" ] || fail "the promoted role moved from node$p2 to node$p2b when node$p came back"
p2=$p2b

# ban the promoted role from its node: it moves, the instance stays there
t0=$(date +%s.%N)
lab exec "$ASK" crmctl resource ban s-clone --promoted --node "node$p2" || fail "ban --promoted"
until_st 30 "the promoted role leaves node$p2" \
    "[r for r in d['resources'] if r['id']=='s'][0]['promoted'] not in ([], ['node$p2'])"
note "ban --promoted: node$(promoted) promoted $(calc "$(date +%s.%N) - $t0") s after the ban"
wait_settled
p3=$(check_one)
[ "$(where s)" = "1 2 3" ] || fail "s must still run on the 3 nodes: '$(where s)'"
lab exec "$ASK" crmctl resource clear s-clone --wait=60 >/dev/null || fail "clear"
wait_settled
check_one >/dev/null

touch "$tmp/stop"
wait
samples=$(wc -l <"$tmp/samples")
[ "$samples" -gt 10 ] || fail "only $samples samples"
# Never two promoted, settled or not: a node that comes back is pending
# until its own history replaces the one from before the power-off.
two=$(awk '$1 > 1' "$tmp/samples" | wc -l)
[ "$two" = 0 ] || fail "$two of $samples samples show two promoted instances"
idle0=$(awk '$1 != 1 && $2 == "True"' "$tmp/samples" | wc -l)
[ "$idle0" = 0 ] || fail "$idle0 samples show a settled cluster without exactly one promoted"
note "samples: $samples, never two promoted, $(awk '$1 == 0' "$tmp/samples" | wc -l) without one (failover)"
[ "$(st "$ASK" "len(d['failures'])")" = 0 ] || fail "failures: $(st "$ASK" "d['failures']")"
echo "PASS: promotable clone, failover $failover s (ban: node$p2 -> node$p3)"
