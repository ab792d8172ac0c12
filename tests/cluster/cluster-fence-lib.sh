# cluster-fence-lib.sh — helpers of the cluster-fence*.sh tests (sourced
# after cluster-lib.sh): where a Dummy runs according to its state file,
# read inside each node's mount namespace through /proc/PID/root of the
# node's corosync (no process per check: fast enough to sample every 100 ms
# on a loaded machine), and a background sampler.
# shellcheck shell=bash

labdir="${CRM_LAB_ROOT:-/run/crm-lab}/$LAB"
samples=$(mktemp "/tmp/$LAB-samples.XXXXXX")
sampler=""
trap '[ -n "$sampler" ] && kill "$sampler" 2>/dev/null; lab down >/dev/null 2>&1; rm -f "$samples"' EXIT

# holders ID: the nodes (numbers) whose state file says Dummy ID runs.
holders() {
    local n pid out=""
    for n in 1 2 3; do
        pid=$(cat "$labdir/node$n/boot/corosync.pid" 2>/dev/null) || continue
        [ -e "/proc/$pid/root/run/resource-agents/Dummy-$1.state" ] && out+="$n "
    done
    echo "${out% }"
}
runs_on_node() { [ "$(holders "$1")" = "$2" ]; }
runs_elsewhere() { local h; h=$(holders "$1") && [ -n "$h" ] && [ "${h// /}" = "$h" ] && [ "$h" != "$2" ]; }

# sample_start ID: every 100 ms, a line "TIME NODE..." of the nodes running ID.
sample_start() {
    local code='
import os, sys, time
lab, out, rsc = sys.argv[1], sys.argv[2], sys.argv[3]
with open(out, "a") as f:
    while True:
        line = ["%.3f" % time.time()]
        for n in (1, 2, 3):
            try:
                pid = open(f"{lab}/node{n}/boot/corosync.pid").read().strip()
                if os.path.exists(f"/proc/{pid}/root/run/resource-agents/Dummy-{rsc}.state"):
                    line.append(str(n))
            except OSError:
                pass
        f.write(" ".join(line) + "\n")
        f.flush()
        time.sleep(0.1)
'
    /usr/bin/python3 -c "$code" "$labdir" "$samples" "$1" &
    sampler=$!
}

# sample_check NODE: stops the sampler; fails if ID ever ran on two nodes or
# was never seen on NODE (a sampler that saw nothing proves nothing).
sample_check() {
    kill "$sampler" 2>/dev/null
    sampler=""
    local twice
    twice=$(awk 'NF > 2' "$samples" | head -3)
    [ -z "$twice" ] || fail "the resource ran on two nodes at once: $twice"
    [ "$(awk -v n="$1" '$2 == n' "$samples" | wc -l)" -gt 0 ] || fail "the sampler never saw it on node$1"
    note "$(wc -l <"$samples") samples every 100 ms: it never ran on two nodes"
}

settled() { [ "$(st 1 'd["transition"]["dc_idle"]')" = True ]; }
node_down() {
    [ "$(lab status --output-as json | python3 -c "import json,sys; print(json.load(sys.stdin)['nodes'][$1-1]['state'])")" = down ]
}
