#!/bin/sh
# Runs the scheduler conformance cases and fails when a case listed in
# passing.txt (the floor) no longer passes.
# Usage: run_conformance.sh CRMCTL SHARED_CONFORMANCE_DIR PASSING_TXT
crmctl=$1 data=$2 floor=$3
if [ ! -f "$data/score.py" ] || [ ! -d "$data/scheduler/cases" ]; then
    echo "conformance data not found at $data; skipping"
    exit 77
fi
fail=$(mktemp) || exit 1
trap 'rm -f "$fail"' EXIT
only=""
while read -r name; do
    case "$name" in ''|'#'*) continue ;; esac
    only="$only --only $name"
done < "$floor"
# shellcheck disable=SC2086
python3 "$data/score.py" --cases "$data/scheduler" --cmd "$crmctl simulate -x {xml}" \
    --jobs 2 --timeout 30 --failures "$fail" $only || exit 1
if [ -s "$fail" ]; then
    echo "cases in the floor (passing.txt) that no longer pass:"
    cat "$fail"
    exit 1
fi
echo "all $(grep -c . "$floor") floor cases pass"
