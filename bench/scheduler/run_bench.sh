#!/bin/sh
# Times 'crmctl simulate' (graph computation, with --save-graph) on CIBs made
# by ../shared/bench/gen_cib.py: 4x100, 16x500, 32x1000, 64x4000 nodes x
# resources, cold and --running. Where Pacemaker's crm_simulate is installed
# it runs 'crm_simulate -x CIB -G FILE' on the same CIBs and prints the
# ratio; peak RSS is reported for both (GNU time).
# Usage: bench/scheduler/run_bench.sh [CRMCTL] [SIZES...]   e.g. 32x1000
# Environment: BEFORE=other-crmctl adds its CPU seconds as a column (an
# older build, same run); PCMK_SIZES="4x100 ..." limits the sizes
# crm_simulate runs on (default all); PCMK_TIMEOUT seconds per run (600).
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
crmctl=${1:-$root/build-sched/tools/crmctl/crmctl}
[ $# -gt 0 ] && shift
sizes=${*:-"4x100 16x500 32x1000 64x4000"}
gen=$root/../shared/bench/gen_cib.py
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
[ -x "$crmctl" ] || { echo "no crmctl at $crmctl (build first)"; exit 1; }
[ -f "$gen" ] || { echo "generator $gen not found"; exit 77; }
pcmk=$(command -v crm_simulate || true)
# run CMD... -> "seconds maxrss_kb" (user+sys CPU seconds and wall seconds)
measure() {
    /usr/bin/time -f "%e %U %S %M" -o "$tmp/time" "$@" >/dev/null 2>&1
    rc=$?
    read -r wall user sys rss < "$tmp/time"
    cpu=$(echo "$user + $sys" | bc)
    echo "$wall $cpu $rss $rc"
}
printf '%-16s %9s %9s %9s %12s' "cib" "wall(s)" "cpu(s)" "rss(MB)" "actions"
[ -n "$BEFORE" ] && printf ' %14s %9s' "before-cpu(s)" "before-MB"
[ -n "$pcmk" ] && printf ' %12s %9s %9s' "pcmk-cpu(s)" "pcmk-MB" "ratio"
echo
for size in $sizes; do
    n=${size%x*}; r=${size#*x}
    for mode in cold running; do
        cib=$tmp/$mode-$size.xml
        if [ "$mode" = running ]; then
            python3 "$gen" "$n" "$r" --running > "$cib"
        else
            python3 "$gen" "$n" "$r" > "$cib"
        fi
        set -- $(measure "$crmctl" simulate -x "$cib" -q --save-graph "$tmp/g.xml")
        wall=$1 cpu=$2 rss=$3
        actions=$(grep -c '<synapse' "$tmp/g.xml" 2>/dev/null || echo 0)
        printf '%-16s %9s %9s %9d %12s' "$mode-$size" "$wall" "$cpu" $((rss / 1024)) "$actions"
        if [ -n "$BEFORE" ]; then
            set -- $(measure "$BEFORE" simulate -x "$cib" -q --save-graph "$tmp/b.xml")
            printf ' %14s %9d' "$2" $(($3 / 1024))
        fi
        case " ${PCMK_SIZES:-$size} " in
        *" $size "*) run_pcmk=$pcmk ;;
        *) run_pcmk= ;;
        esac
        if [ -n "$run_pcmk" ]; then
            set -- $(measure timeout "${PCMK_TIMEOUT:-600}" "$pcmk" -x "$cib" -G "$tmp/pg.xml")
            ratio=$(echo "scale=1; $2 / ($cpu + 0.001)" | bc)x
            [ "$4" = 0 ] || ratio="rc=$4"
            printf ' %12s %9d %9s' "$2" $(($3 / 1024)) "$ratio"
        elif [ -n "$pcmk" ]; then
            printf ' %12s %9s %9s' "-" "-" "-"
        fi
        echo
        rm -f "$cib"
    done
done
