#!/usr/bin/env bash
# cluster-recover.sh — kill -9 of crmd, of crm-execd and of corosync on one
# node: each is noticed (by the peers or the local crmd) and recovered.
LAB=cr$$ # used by cluster-lib.sh
# shellcheck source=tests/cluster/cluster-lib.sh
source "$(dirname "$0")/cluster-lib.sh"

lab_up 3
wait_for 60 "3 nodes agree on a DC" converged 1 2 3
lab exec 1 crmctl node attribute --name keep --update 1 --lifetime forever || fail "attribute"

# crmd: the peers see it leave, the supervisor restarts it, it rejoins.
lab kill-daemon 2 crmd KILL || fail "kill crmd"
wait_for 20 "node 1 notices crmd on node 2 left" log_has 1 "node node2 (2) left the crm group"
wait_for 60 "crmd on node 2 is back" converged 1 2 3
[ "$(crmd_starts 2)" -ge 2 ] || fail "the supervisor did not restart crmd"
log_has 2 "crm-execd (pid [0-9]*) is already running" || fail "the new crmd did not adopt crm-execd"
note "kill -9 crmd: noticed and recovered"

# crm-execd: its crmd notices and starts it again.
pid=$(lab exec 2 cat /run/crm/crm-execd.pid) || fail "no crm-execd pid file on node 2"
lab kill-daemon 2 crm-execd KILL || fail "kill crm-execd"
wait_for 20 "crmd notices crm-execd died" log_has 2 "crm-execd (pid $pid) .*restarting it"
wait_for 20 "a new crm-execd runs" sh -c "p=\$('$labcmd' --name $LAB exec 2 cat /run/crm/crm-execd.pid) && [ \"\$p\" != $pid ] && kill -0 \$p"
new=$(lab exec 2 cat /run/crm/crm-execd.pid)
wait_for 20 "crmd connects to the new crm-execd" log_has 2 "connected to crm-execd (pid $new)"
[ "$(st 2 'd["local"]["execd"]')" = True ] || fail "status must show crm-execd connected"
note "kill -9 crm-execd: noticed, restarted, connection checked"

# corosync: crmd acts without quorum, then rejoins when it is back.
lab kill-daemon 3 corosync KILL || fail "kill corosync"
wait_for 20 "crmd on node 3 notices corosync is gone" log_has 3 "lost the connection to corosync"
wait_for 90 "node 3 rejoins" converged 1 2 3
log_has 3 "connected to corosync as node node3" || fail "no reconnect logged"
[ "$(lab exec 3 crmctl node attribute --node node1 --name keep --lifetime forever --query)" = 1 ] ||
    fail "node 3 lost the configuration"
note "kill -9 corosync: noticed, crmd reconnected"

# a clean stop: crmd leaves CPG and stops crm-execd.
lab stop-daemon 3 crmd || fail "stop crmd"
wait_for 20 "node 1 sees node 3 offline, not lost" st_is 1 "[x['state'] for x in d['nodes'] if x['id']==3][0]" offline
wait_for 10 "crm-execd stopped with crmd" log_has 3 "stopped crm-execd"
lab start-daemon 3 crmd || fail "start crmd"
wait_for 60 "crmd on node 3 is back" converged 1 2 3
note "SIGTERM: clean shutdown seen as offline; restart rejoins"
sanitizer_clean 1 2 3
echo "PASS"
