#!/usr/bin/env bash
# cluster-measure.sh — numbers for the record (and loose bounds that catch
# a regression by an order of magnitude): cold start of 3 nodes until a DC
# and all online, 200 sequential 'crmctl property set' from one node, and
# the delay until another node sees a change.
LAB=cm$$ # used by cluster-lib.sh
# shellcheck source=tests/cluster/cluster-lib.sh
source "$(dirname "$0")/cluster-lib.sh"

t0=$(date +%s.%N)
lab up --nodes 3 --build "$build" --no-wait >/dev/null || fail "cts/lab up failed"
# Poll from inside node 1: one crmctl per try, no cts/lab overhead.
lab exec 1 bash -c '
    for _ in $(seq 1200); do
        crmctl status --output-as json 2>/dev/null | python3 -c "
import json, sys
d = json.load(sys.stdin)
sys.exit(0 if d[\"dc\"] and d[\"quorate\"] and
         sum(n[\"state\"] == \"online\" for n in d[\"nodes\"]) == 3 else 1)" && exit 0
        sleep 0.05
    done
    exit 1' || fail "no DC with 3 nodes online in 60 s"
cold=$(calc "$(date +%s.%N) - $t0")
note "cold start: DC and 3 nodes online after ${cold} s (namespaces, corosync and crmd started)"
wait_for 60 "3 nodes agree" converged 1 2 3

secs=$(lab exec 1 bash -c '
    s=$(date +%s.%N)
    for i in $(seq 200); do crmctl property set "bench-$((i % 10))=$i" || exit 1; done
    python3 -c "print(round($(date +%s.%N) - $s, 3))"') || fail "a property set failed"
rate=$(calc "200 / $secs")
note "200 sequential property sets on node 1: ${secs} s, ${rate} per second"
# A crmctl process per change costs its start-up; the cluster's own rate
# shows with one connection.
one=$(lab exec 1 "$inject" bench 200) || fail "bench failed"
note "200 property sets over one connection: ${one} s, $(calc "200 / $one") per second"
[ "$(calc "int($rate > 1)")" = 1 ] || fail "fewer than 1 property set per second"

delays=()
for i in $(seq 5); do
    lab exec 2 "$inject" wait-prop delay-probe "$i" >/tmp/crmd-measure.$$ &
    poller=$!
    sleep 1
    sent=$(lab exec 1 "$inject" set-timed delay-probe "$i") || fail "property set"
    wait $poller || fail "node 2 never saw the change"
    delays+=("$(calc "int(($(cat /tmp/crmd-measure.$$) - $sent) * 1000)")")
done
rm -f /tmp/crmd-measure.$$
sorted=$(printf '%s\n' "${delays[@]}" | sort -n | tr '\n' ' ')
median=$(printf '%s\n' "${delays[@]}" | sort -n | sed -n 3p)
note "delay until node 2 sees a change sent on node 1 (ms, 5 tries): ${sorted}(median $median)"
[ "$median" -lt 1000 ] || fail "a change took over 1 s to reach another node"
sanitizer_clean 1 2 3
echo "PASS"
