#!/bin/bash
# cluster-demo-shared.sh — the lab's shared storage: one directory at the same path in every node, usable by postgres, and no write from a node after its power-off.
# Usage: cluster-demo-shared.sh BUILD_DIR
# shellcheck disable=SC2034  # LAB is used by cluster-lib.sh
LAB=dsh$$
. "$(dirname "$0")/cluster-lib.sh"

lab_up 2
shared=$(lab status --output-as json | python3 -c 'import json,sys; print(json.load(sys.stdin)["dir"])')/shared
[ -d "$shared" ] || fail "no shared directory $shared"
for n in 1 2; do
    [ "$(lab exec "$n" sh -c 'echo $CRM_LAB_SHARED')" = "$shared" ] || fail "node$n: CRM_LAB_SHARED is not $shared"
done
note "ok - CRM_LAB_SHARED=$shared in every node"

# Written in one node, read in the other, at the same path, by user postgres.
if id -u postgres >/dev/null 2>&1; then
    lab exec 1 runuser -u postgres -- sh -c "echo from-node1 > $shared/pg-test" || fail "postgres cannot write $shared in node1"
    [ "$(lab exec 2 runuser -u postgres -- cat "$shared/pg-test")" = from-node1 ] ||
        fail "node2 does not see node1's file in $shared"
    note "ok - a file postgres wrote in node1 is read by postgres in node2"
else
    echo "$$" >"$shared/root-test"
    [ "$(lab exec 2 cat "$shared/root-test")" = "$$" ] || fail "node2 does not see the host's file in $shared"
    note "ok - a file written on the host is read in node2 (no user postgres here)"
fi

# A writer in node 1 appends a line every 10 ms; after `kill 1` returns,
# the file must not grow any more.
lab exec 1 sh -c "while :; do echo x >> $shared/writer; sleep 0.01; done" >/dev/null 2>&1 &
wait_for 20 "node1's writer has written" test -s "$shared/writer"
sleep 0.5
lab kill 1 >/dev/null || fail "cts/lab kill 1 failed"
after=$(wc -l <"$shared/writer")
sleep 1.5
later=$(wc -l <"$shared/writer")
[ "$later" = "$after" ] || fail "node1 wrote $((later - after)) lines to the shared storage after its power-off"
note "ok - no write after power-off ($after lines before it, none in the 1.5 s after)"
wait
echo "PASS"
