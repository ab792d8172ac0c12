#!/usr/bin/env bash
# cts_campaign.sh — a short fixed-seed campaign of the cluster test suite on
# a 3-node lab of its own; fails when any step fails an audit or the report
# is malformed. Usage: cts_campaign.sh SOURCE_DIR BUILD_DIR
set -uo pipefail
src=$(realpath "${1:?usage: $0 SOURCE_DIR BUILD_DIR}")
build=$(realpath "${2:?usage: $0 SOURCE_DIR BUILD_DIR}")
# The lab name carries the pid: concurrent runs do not collide.
name="cts$$"
name=${name:0:10}
iterations=${CTS_ITERATIONS:-8}
seed=${CTS_SEED:-20261125}

skip() { echo "SKIP: $*"; exit 77; }
[ "$(id -u)" = 0 ] || skip "the cts campaign needs root (namespaces, cgroups, corosync)"
command -v corosync >/dev/null || skip "corosync is not installed"
command -v nsenter >/dev/null || skip "nsenter (util-linux) is not installed"
[ -x "$build/daemons/crmd/crmd" ] || { echo "FAIL: no crmd in $build"; exit 1; }

out=$(mktemp)
trap '"$src/cts/lab" --name "$name" down >/dev/null 2>&1; rm -f "$out"' EXIT
trap 'exit 1' INT TERM HUP

"$src/cts/cts" campaign --nodes 3 --iterations "$iterations" --seed "$seed" \
    --name "$name" --build "$build" --output-as json >"$out"
rc=$?
python3 - "$out" "$iterations" <<'PY' || rc=1
import json, sys
rep = json.load(open(sys.argv[1]))
s = rep["summary"]
# AuditCheck first (the audits can fail), then the seeded sequence.
assert s["steps"] == int(sys.argv[2]) + 1, f"{s['steps']} steps, expected {sys.argv[2]} + 1"
assert rep["steps"][0]["scenario"] == "AuditCheck", "the campaign must start with AuditCheck"
assert len(rep["meta"]["sequence"]) == int(sys.argv[2]), "sequence length"
for st in rep["steps"]:
    print(f"{st['index']:3} {st['scenario']:26} {st['fault']:22} "
          f"{'ok' if st['passed'] else 'FAILED'} {st.get('duration_s', 0):6.1f} s"
          f" outage {st.get('outage_s')}")
    for p in st["problems"]:
        print(f"      [{p['audit']}] {p['message']}")
print("faults:", json.dumps(s["faults"]))
print("availability:", s["availability"], "notes:", rep["meta"]["notes"])
assert s["failed"] == 0, f"{s['failed']} step(s) failed"
PY
[ $rc = 0 ] && echo "PASS" || echo "FAIL (exit $rc)"
exit $rc
