# cluster-resources-lib.sh — helpers of the cluster-resources*.sh tests
# (sourced after cluster-lib.sh): Dummy resources, where crmd says they run
# (polled: one crmctl call) and where the agents' state files say they run
# (checked at each step: one call per node).
# shellcheck shell=bash

# dummy ID [MONITOR_INTERVAL [MIGRATION_THRESHOLD]]: a primitive's XML.
dummy() {
    local ops="" meta=""
    [ -n "${2:-}" ] && ops="<operations><op id=\"$1-mon\" name=\"monitor\" interval=\"$2\" timeout=\"20s\"/></operations>"
    [ -n "${3:-}" ] && meta="<meta_attributes id=\"$1-meta\"><nvpair id=\"$1-mt\" name=\"migration-threshold\" value=\"$3\"/></meta_attributes>"
    echo "<primitive id=\"$1\" class=\"ocf\" provider=\"crm\" type=\"Dummy\">$meta$ops</primitive>"
}

NODES=${NODES:-"1 2 3"}
ASK=${ASK:-1} # the node whose crmctl the polls ask

# files: "ID:N" for every Dummy state file on every listed node (the
# nodes are asked in parallel: each 'lab exec' costs a second under load).
files() {
    local n dir
    dir=$(mktemp -d)
    for n in $NODES; do
        lab exec "$n" ls /run/resource-agents/ >"$dir/$n" 2>/dev/null &
    done
    wait
    for n in $NODES; do
        sed -n "s/^Dummy-\(.*\)\.state$/\1:$n/p" "$dir/$n"
    done | sort | tr '\n' ' '
    rm -rf "$dir"
}

# until SECONDS DESCRIPTION EXPR: polls node $ASK's status JSON (d) from
# inside the node every 0.2 s until the Python expression EXPR is true.
until_st() {
    local limit=$1 what=$2
    lab exec "$ASK" python3 -c '
import json, subprocess, sys, time
end = time.time() + float(sys.argv[1])
while time.time() < end:
    p = subprocess.run(["crmctl", "status", "--output-as", "json"], capture_output=True, text=True)
    try:
        d = json.loads(p.stdout)
        if eval(sys.argv[2]):
            sys.exit(0)
    except (ValueError, KeyError, IndexError):
        pass
    time.sleep(0.2)
sys.exit(1)' "$limit" "$3" || fail "timed out after ${limit}s waiting until $what"
}

# where ID: the nodes crmd's report shows ID active on ("1 3"; "" if none).
where() {
    st "$ASK" "' '.join(sorted(n[4:] for r in d['resources'] if r['id']=='$1' for n in r['nodes']))"
}
# on ID: the Python expression of the node list of ID in a status (d).
on() { echo "[n[4:] for r in d['resources'] if r['id']=='$1' for n in r['nodes']]"; }
wait_on() { until_st 30 "$1 runs on node$2" "$(on "$1") == ['$2']"; }
wait_off() { until_st 30 "$1 runs on one node but node$2" "len($(on "$1")) == 1 and $(on "$1") != ['$2']"; }
wait_stopped() { until_st 30 "$1 stops" "$(on "$1") == []"; }
wait_failcount() {
    until_st 30 "$1 has $3 failure(s) on node$2" \
        "sum(f['count'] for f in d['failures'] if f['resource']=='$1' and f['node']=='node$2') == $3"
}
# settled: the DC has nothing in flight and its last run had no actions.
wait_settled() { until_st 30 "the cluster settles" 'd["transition"]["dc_idle"]'; }

# agree: the state files show exactly what crmd reports, every resource
# at most once; prints the placement ("d1:1 d2:3 ").
agree() {
    local f report
    f=$(files)
    report=$(st "$ASK" "' '.join(sorted(r['id']+':'+n[4:] for r in d['resources'] for n in r['nodes']))+' '")
    [ "$f" = "$report" ] || fail "state files ($f) and crmd ($report) disagree"
    [ "$(echo "$f" | tr ' ' '\n' | grep -v '^$' | cut -d: -f1 | sort | uniq -d)" = "" ] ||
        fail "a resource runs twice: $f"
    echo "$f"
}

