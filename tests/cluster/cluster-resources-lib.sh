# cluster-resources-lib.sh — helpers of the cluster-resources*.sh tests
# (sourced after cluster-lib.sh): Dummy resources and where they run,
# checked through the agents' state files inside the nodes.
# shellcheck shell=bash

# dummy ID [MONITOR_INTERVAL [MIGRATION_THRESHOLD]]: a primitive's XML.
dummy() {
    local ops="" meta=""
    [ -n "${2:-}" ] && ops="<operations><op id=\"$1-mon\" name=\"monitor\" interval=\"$2\" timeout=\"20s\"/></operations>"
    [ -n "${3:-}" ] && meta="<meta_attributes id=\"$1-meta\"><nvpair id=\"$1-mt\" name=\"migration-threshold\" value=\"$3\"/></meta_attributes>"
    echo "<primitive id=\"$1\" class=\"ocf\" provider=\"crm\" type=\"Dummy\">$meta$ops</primitive>"
}

NODES=${NODES:-"1 2 3"}

# state_files: which node holds which Dummy state file.
state_files() {
    local n
    for n in $NODES; do
        echo -n "node$n:[$(lab exec "$n" ls /run/resource-agents/ 2>/dev/null | sed 's/Dummy-//;s/.state//' | tr '\n' ' ')] "
    done
}

# runs_on ID: prints the one node whose state file says ID runs; fails
# unless exactly one node runs it.
runs_on() {
    local n found=()
    for n in $NODES; do
        lab exec "$n" test -e "/run/resource-agents/Dummy-$1.state" 2>/dev/null && found+=("$n")
    done
    [ "${#found[@]}" = 1 ] || return 1
    echo "${found[0]}"
}
runs_on_node() { [ "$(runs_on "$1")" = "$2" ]; }
runs_elsewhere() { local n; n=$(runs_on "$1") && [ "$n" != "$2" ]; }
not_running() {
    local n
    for n in $NODES; do
        lab exec "$n" test -e "/run/resource-agents/Dummy-$1.state" 2>/dev/null && return 1
    done
    return 0
}
node_empty() { [ -z "$(lab exec "$1" ls /run/resource-agents/ 2>/dev/null)" ]; }

# settled: the DC has nothing in flight and its last run had no actions;
# every node's report agrees.
settled() {
    local n
    for n in $NODES; do
        [ "$(st "$n" 'd["transition"]["dc_idle"]')" = True ] || return 1
    done
}

# failcount_is ID NODE COUNT: the fail count of ID on node NODE (summed).
failcount_is() {
    [ "$(st 1 "sum(f['count'] for f in d['failures'] if f['resource']=='$1' and f['node']=='node$2')")" = "$3" ]
}
