# demo-steps.sh — the steps of scripts/demo (sourced by it): lab, fencing, database, group, write, power-off, failover, read back.
# shellcheck shell=bash disable=SC2154  # build, name, repo, work...: set by scripts/demo

PGPW=crm-demo   # the database password of the demo's client

demo_lab_up() {
    step "1. A 3-node cluster: corosync, crmd and crm-execd in network namespaces"
    local subnet=() t0 conf
    # 198.18.0.0/24 when no other lab has it (the VIP is then 198.18.0.100).
    lab list 2>/dev/null | grep -q '198\.18\.0\.0/24' || subnet=(--subnet 0)
    t0=$(date +%s.%N)
    run lab up --nodes 3 --build "$build" --timeout 120 "${subnet[@]}" || die "the lab did not come up"
    alive=(1 2 3)
    wait_until 90 "a DC is chosen and all 3 nodes are online" all_online 1
    awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "cluster up with a DC in %.1f s\n", b - a }'
    conf=$(lab status --output-as json)
    net=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["subnet"])' "$conf")
    client=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["client"])' "$conf")
    shared=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["dir"])' "$conf")/shared
    vip=${net%.0/24}.100
    run crmctl 1 status
}

demo_fencing() {
    step "2. Fencing"
    if [ "$fencing" = auto ] && crmctl 1 fence devices >/dev/null 2>&1; then
        fencing=1
        say "A fence_lab device (stonith:fence_lab) powers a lost node off through the lab before"
        say "its resources are started elsewhere."
        say "stonith-action=off: the fenced node stays off (a reboot would make the failover"
        say "wait until the node is back up)."
        run crmctl 1 property set stonith-enabled=true || die "cannot set stonith-enabled"
        run crmctl 1 property set stonith-action=off || die "cannot set stonith-action"
    else
        fencing=0
        printf '%sFencing is not built yet: stonith-enabled=false.%s A lost node is trusted to be\n' "$B" "$N"
        say "off (the lab's power-off makes sure of it here; a real cluster needs fencing)."
        run crmctl 1 property set stonith-enabled=false || die "cannot set stonith-enabled"
    fi
}

demo_database() {
    step "3. A PostgreSQL database on the shared storage ($shared, the same in every node)"
    say "initdb as user postgres, a password for clients, and clients of the lab's subnet allowed:"
    local pw=$work/pw
    echo "$PGPW" >"$pw"
    chmod 644 "$pw"
    install -d -o postgres -g postgres -m 700 "$shared/pgdata"
    (cd / && run runuser -u postgres -- "$pgbin/initdb" -D "$shared/pgdata" -U postgres \
        --pwfile="$pw" --auth-local=peer --auth-host=scram-sha-256) >"$work/initdb.log" 2>&1 ||
        { cat "$work/initdb.log"; die "initdb failed"; }
    head -n 1 "$work/initdb.log"
    echo "host all all $net scram-sha-256" >>"$shared/pgdata/pg_hba.conf"
    say "\$ echo 'host all all $net scram-sha-256' >> $shared/pgdata/pg_hba.conf"
}

# The group as CIB XML (for `crmctl cib replace` while `crmctl resource
# create` is not there): the database first, then its address.
demo_resources_xml() {
    local fence=
    [ "$fencing" = 1 ] && fence='
  <primitive id="fence-lab" class="stonith" type="fence_lab">
    <instance_attributes id="fence-lab-params">
      <nvpair id="fence-lab-hosts" name="pcmk_host_list" value="node1 node2 node3"/>
    </instance_attributes>
  </primitive>'
    cat <<EOF
<resources>$fence
  <group id="demo">
    <primitive id="db" class="ocf" provider="crm" type="pgsql">
      <instance_attributes id="db-params">
        <nvpair id="db-pgdata" name="pgdata" value="$shared/pgdata"/>
      </instance_attributes>
      <operations>
        <op id="db-start" name="start" interval="0" timeout="120s"/>
        <op id="db-stop" name="stop" interval="0" timeout="120s"/>
        <op id="db-monitor" name="monitor" interval="5s" timeout="30s"/>
      </operations>
    </primitive>
    <primitive id="vip" class="ocf" provider="crm" type="VIP">
      <instance_attributes id="vip-params">
        <nvpair id="vip-ip" name="ip" value="$vip"/>
        <nvpair id="vip-cidr" name="cidr_netmask" value="24"/>
      </instance_attributes>
      <operations>
        <op id="vip-monitor" name="monitor" interval="2s" timeout="20s"/>
      </operations>
    </primitive>
  </group>
</resources>
EOF
}

demo_create_group() {
    if crmctl 1 resource create --help >/dev/null 2>&1; then
        if [ "$fencing" = 1 ]; then
            run crmctl 1 resource create fence-lab stonith:fence_lab pcmk_host_list="node1 node2 node3" ||
                die "cannot create the fence device"
        fi
        run crmctl 1 resource create db ocf:crm:pgsql pgdata="$shared/pgdata" --group demo \
            op start timeout=120s op stop timeout=120s op monitor interval=5s timeout=30s ||
            die "cannot create the database resource"
        run crmctl 1 resource create vip ocf:crm:VIP ip="$vip" cidr_netmask=24 --group demo \
            op monitor interval=2s timeout=20s || die "cannot create the VIP resource"
    else
        say "(crmctl resource create is not built yet: the same configuration as CIB XML)"
        demo_resources_xml | tee "$work/resources.xml"
        run crmctl 1 cib replace --xpath /cib/configuration/resources \
            --xml-text "$(cat "$work/resources.xml")" >/dev/null || die "the CIB refused the resources"
    fi
}

# ops_recorded: the cluster ran at least one resource action (the status
# section holds an operation).
ops_recorded() { crmctl 1 cib query --xpath '//lrm_rsc_op' >/dev/null 2>&1; }

demo_group() {
    step "4. The group 'demo': the database (ocf:crm:pgsql), then its address (ocf:crm:VIP $vip)"
    demo_create_group
    local end=$((SECONDS + 180)) t0=$SECONDS
    gnode=
    while [ -z "$gnode" ]; do
        gnode=$(group_node 1 2>/dev/null || true)
        [ -n "$gnode" ] && break
        if [ $((SECONDS - t0)) -ge 60 ] && ! ops_recorded; then
            show_logs 1
            missing "after 60 s the cluster ran no resource action (no operation in the CIB status section): the transition engine is not there yet"
        fi
        [ $SECONDS -lt $end ] || die "the group did not start within 180 s"
        sleep 0.5
    done
    say "the group runs on $gnode (started in $((SECONDS - t0)) s)"
    run crmctl 1 status
}

# client_sql SQL: psql through the VIP from the client namespace.
client_sql() {
    printf '$ cts/lab client psql -h %s -U postgres -c "%s"\n' "$vip" "$1"
    lab client env PGPASSWORD="$PGPW" PGCONNECT_TIMEOUT=5 "$pgbin/psql" -X -h "$vip" -U postgres \
        -d postgres -v ON_ERROR_STOP=1 -c "$1"
}
# Which node's server answers: its hostname (each node has its own UTS namespace).
HOST_SQL="split_part(pg_read_file('/proc/sys/kernel/hostname'), chr(10), 1)"

demo_write() {
    step "5. The client ($client) writes a row through the VIP"
    client_sql "create table demo (id serial primary key, note text, written_on text, at timestamptz default now())" ||
        die "cannot create the table through the VIP"
    client_sql "insert into demo (note, written_on) values ('written before the failover', $HOST_SQL) returning *" ||
        die "cannot insert the row through the VIP"
}

# The probes log to $work until $work/stop exists: the cluster's view from a
# survivor, ping of the VIP and a query through it from the client.
probe_status() {
    lab exec "$1" sh -c "while [ ! -e $work/stop ]; do j=\$(crmctl status --output-as json 2>/dev/null | tr -d '\n'); echo \"\$(date +%s.%N) \$j\"; sleep 0.4; done"
}
probe_vip() {
    lab client sh -c "while [ ! -e $work/stop ]; do if ping -n -q -c1 -W1 $vip >/dev/null 2>&1; then s=up; else s=down; fi; echo \"\$(date +%s.%N) \$s\"; sleep 0.2; done"
}
probe_db() {
    local q="select $HOST_SQL"
    lab client sh -c "while [ ! -e $work/stop ]; do h=\$(PGPASSWORD=$PGPW PGCONNECT_TIMEOUT=1 timeout 3 $pgbin/psql -X -Atq -h $vip -U postgres -d postgres -c \"$q\" 2>/dev/null); if [ -n \"\$h\" ]; then echo \"\$(date +%s.%N) ok \$h\"; else echo \"\$(date +%s.%N) fail\"; sleep 0.2; fi; sleep 0.1; done"
}
demo_probes() {
    probe_status "$1" >"$work/status.log" 2>/dev/null &
    probes+=($!)
    probe_vip >"$work/vip.log" 2>/dev/null &
    probes+=($!)
    probe_db >"$work/db.log" 2>/dev/null &
    probes+=($!)
    wait_until 30 "the probes see the VIP and the database answer" \
        sh -c "grep -q ' up\$' $work/vip.log && grep -q ' ok ' $work/db.log && grep -q resources $work/status.log"
}

demo_failover() {
    local n=${gnode#node} survivor t0 t1 rc=0 watcher
    survivor=1
    [ "$n" = 1 ] && survivor=2
    step "6. Power off $gnode, the node that runs the group"
    say "Probes: crmctl status on node$survivor every 0.4 s, ping of $vip and a query through it from the client."
    demo_probes "$survivor"
    # The watcher starts first: its start-up is no part of the measure.
    python3 "$repo/scripts/demo-watch.py" "$work" "$gnode" \
        "${CRM_LAB_ROOT:-/run/crm-lab}/$name/node$survivor/log/corosync.log" 120 &
    watcher=$!
    wait_until 30 "the failover watcher is ready" test -e "$work/ready"
    t0=$(date +%s.%N)
    echo "$t0" >"$work/t0"
    run lab kill "$n" || die "cannot power off $gnode"
    t1=$(date +%s.%N)
    echo "$t1" >"$work/t1"
    awk -v a="$t0" -v b="$t1" 'BEGIN { printf "(the power-off took %.1f s: freeze, link down, kill every process)\n", b - a }'
    mapfile -t alive < <(printf '%s\n' 1 2 3 | grep -vx "$n")
    wait "$watcher" || rc=$?
    touch "$work/stop"
    [ $rc = 0 ] || die "the failover went wrong (see above)"
    newnode=$(group_node "$survivor") || true
    [ -n "$newnode" ] && [ "$newnode" != "$gnode" ] || die "the group does not run on one survivor ('$newnode')"
}

# Ground truth: the VIP is configured on exactly one powered node.
demo_vip_holders() {
    local n holders=()
    for n in "${alive[@]}"; do
        lab exec "$n" ip -o -4 addr show to "$vip/32" 2>/dev/null | grep -q . && holders+=("node$n")
    done
    [ ${#holders[@]} = 1 ] && [ "${holders[0]}" = "$newnode" ] ||
        die "the VIP is configured on: ${holders[*]:-no node} (expected $newnode only)"
    say "$vip is configured on $newnode only"
}

demo_read_back() {
    step "7. The client reads the row back through the VIP, now served by $newnode"
    local out
    out=$(client_sql "select note, written_on, $HOST_SQL as read_on from demo") || die "cannot read through the VIP"
    printf '%s\n' "$out"
    grep -q "written before the failover .*| *$gnode *| *$newnode" <<<"$out" ||
        die "the row written on $gnode did not come back from $newnode"
    demo_vip_holders
    run crmctl "${alive[0]}" status
}

demo_report() {
    step "8. Failover time"
    say "From the moment the power-off of $gnode was asked for:"
    python3 - "$work/result.json" "$gnode" "$newnode" "$fencing" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
gone, new, fencing = sys.argv[2], sys.argv[3], sys.argv[4] == "1"
rows = [(f"corosync formed a membership without {gone}", r.get("corosync")),
        (f"crmctl status showed {gone} lost", r.get("membership")),
        (f"crmctl status showed the group on {new}", r.get("group")),
        ("the database answered through the VIP", r.get("db")),
        ("the VIP answered ping", r.get("vip"))]
for what, t in rows:
    print(f"  {what + ':':<46} {'+%.2f s' % t if t is not None else '?'}")
print(f"  ({r.get('samples', 0)} status samples; fencing {'on' if fencing else 'off'})")
print("What the client saw, from the last answer of the old node to the first of the new one:")
print(f"  ping of the VIP: {r.get('vip_outage', '?')} s without an answer")
print(f"FAILOVER TIME: {r.get('db_outage', '?')} s without an answer from the database through the VIP")
PY
}

demo_main() {
    demo_lab_up
    demo_fencing
    demo_database
    demo_group
    demo_write
    demo_failover
    demo_read_back
    demo_report
    step "9. Tearing down"
    run lab down
    printf '%sdemo finished%s\n' "$G" "$N"
}
