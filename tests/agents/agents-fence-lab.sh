#!/bin/bash
# agents-fence-lab.sh — fence_lab against a stand-in lab command: the lab commands it runs, status and list parsing, failures.
# Usage: agents-fence-lab.sh AGENTS_DIR   (the real lab is exercised by the lab and cluster tests)
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/agents-harness.sh"
# shellcheck disable=SC2034 # F is read by fence_run in agents-harness.sh
F=$1/fence/fence_lab
command -v python3 >/dev/null 2>&1 || harness_skip "python3 not installed"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The stand-in: logs its arguments, answers status in the lab's JSON form,
# fails every power action when $tmp/fail exists.
cat >"$tmp/lab" <<END
#!/bin/sh
echo "\$*" >>"$tmp/calls"
case "\$*" in
    *"status --output-as json")
        echo '{"name": "t", "nodes": [{"name": "node1", "state": "up"}, {"name": "node2", "state": "down"}]}'
        exit 0 ;;
esac
[ -e "$tmp/fail" ] && { echo "no node 9 in lab" >&2; exit 7; }
echo "node\${2} powered off"
END
chmod +x "$tmp/lab"

fence_run 0 "metadata" -o metadata
check "$(xmllint --noout - <<<"$OUT" 2>&1; echo $?)" "metadata is well-formed XML"

STDIN="action=off
plug=node2
lab_cmd=$tmp/lab" fence_run 0 "off node2 on stdin"
check "$([ "$(tail -n 1 "$tmp/calls")" = "kill 2" ]; echo $?)" "off runs: lab kill 2"
fence_run 0 "on 3 on the command line" -o on -n 3 --lab-cmd "$tmp/lab"
check "$([ "$(tail -n 1 "$tmp/calls")" = "start 3" ]; echo $?)" "on runs: lab start 3"
fence_run 0 "reboot with a lab name" --action=reboot --plug=node1 --lab-cmd="$tmp/lab" --lab-name=mylab
check "$([ "$(tail -n 1 "$tmp/calls")" = "--name mylab reboot 1" ]; echo $?)" "reboot runs: lab --name mylab reboot 1"
fence_run 0 "status node1 (up)" -o status -n node1 --lab-cmd "$tmp/lab"
fence_run 2 "status node2 (down)" -o status -n node2 --lab-cmd "$tmp/lab"
fence_run 1 "status node7 (not in the lab)" -o status -n node7 --lab-cmd "$tmp/lab"
fence_run 0 "list" -o list --lab-cmd "$tmp/lab"
check "$([ "$OUT" = "node1,
node2," ]; echo $?)" "list prints the lab's nodes"
fence_run 0 "monitor" -o monitor --lab-cmd "$tmp/lab"

touch "$tmp/fail"
fence_run 1 "off when the lab command fails" -o off -n node9 --lab-cmd "$tmp/lab"
check "$(grep -q 'no node 9 in lab' <<<"$OUT"; echo $?)" "the lab's error is passed on"
fence_run 1 "lab command missing" -o off -n node1 --lab-cmd "$tmp/nope"
fence_run 2 "plug that is not a node" -o off -n 'node1;rm' --lab-cmd "$tmp/lab"
fence_run 2 "off without a plug" -o off --lab-cmd "$tmp/lab"
fence_run 2 "unknown argument" --frobnicate

harness_finish
