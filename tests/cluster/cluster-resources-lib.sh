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

# files: "ID:N" for every Dummy state file on every listed node.
files() {
    local n
    for n in $NODES; do
        lab exec "$n" ls /run/resource-agents/ 2>/dev/null | sed -n "s/^Dummy-\(.*\)\.state$/\1:$n/p"
    done | sort | tr '\n' ' '
}

# where ID: the nodes crmd's report shows ID active on ("1 3"; "" if none).
where() {
    st "$ASK" "' '.join(sorted(n[4:] for r in d['resources'] if r['id']=='$1' for n in r['nodes']))"
}
runs_on_node() { [ "$(where "$1")" = "$2" ]; }
runs_elsewhere() { local n; n=$(where "$1") && [ -n "$n" ] && [ "$n" != "$2" ] && [ "${n// /}" = "$n" ]; }
not_running() { [ -z "$(where "$1")" ]; }

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

# settled: the DC has nothing in flight and its last run had no actions.
settled() { [ "$(st "$ASK" 'd["transition"]["dc_idle"]')" = True ]; }

# failcount_is ID NODE COUNT: the fail count of ID on node NODE (summed).
failcount_is() {
    [ "$(st "$ASK" "sum(f['count'] for f in d['failures'] if f['resource']=='$1' and f['node']=='node$2')")" = "$3" ]
}
