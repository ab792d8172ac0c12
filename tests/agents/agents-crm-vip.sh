#!/bin/bash
# agents-crm-vip.sh — ocf:crm:VIP adding and removing IPv4 and IPv6 addresses inside a network namespace it creates.
# shellcheck disable=SC2034
# Usage: agents-crm-vip.sh AGENTS_DIR   (root; skips with 77 otherwise)
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/agents-harness.sh"
. "$here/agents-netns.sh"
AGENT=$1/ocf/crm/VIP
tmp=$(mktemp -d)
export HA_RSCTMP=$tmp
netns_setup crmtest-vip "$tmp"

ocf_env_reset vip4
ocf_check_metadata "$here/agents-ocf-ra-1.1.rng"

# IPv4, nic and prefix found from the route; a label.
ocf_param ip 198.18.7.10
ocf_param label vip
ocf_param arp_count 1
ocf_sequence
expect_rc 0 start
check "$(netns_has_addr 198.18.7.10/24; echo $?)" "198.18.7.10/24 is on crmv0 (prefix from the route)"
check "$(ip -n "$NETNS" -o addr show dev crmv0 | grep -q 'crmv0:vip'; echo $?)" "the address carries label crmv0:vip"
# Removed behind the agent's back: monitor sees it.
ip -n "$NETNS" addr del 198.18.7.10/24 dev crmv0
expect_rc 7 monitor 10000 "address removed by hand"
expect_rc 0 start 0 "restart"
expect_rc 0 stop
check "$(! netns_has_addr 198.18.7.10/24; echo $?)" "198.18.7.10 is gone after stop"

# IPv4 with explicit nic and prefix.
ocf_env_reset vip4b
ocf_param ip 198.18.7.11
ocf_param nic crmv0
ocf_param cidr_netmask 32
ocf_param arp_count 0
ocf_sequence
expect_rc 0 start
check "$(netns_has_addr 198.18.7.11/32; echo $?)" "198.18.7.11/32 is on crmv0"
expect_rc 0 stop

# IPv6 (nic from the route, prefix 64), written in a non-canonical form.
ocf_env_reset vip6
ocf_param ip fd00:198:18:7:0::20
ocf_param arp_count 1
ocf_sequence
expect_rc 0 start
check "$(netns_has_addr fd00:198:18:7::20/64; echo $?)" "fd00:198:18:7::20/64 is on crmv0"
expect_rc 0 stop

# Bad configuration: syntax (6), this node lacks something (5).
ocf_env_reset vipbad
expect_rc 6 validate-all 0 "no ip"
expect_reason "ip is required"
for bad in 198.18.7.300 198.18.7 1.2.3.4.5 fd00::1::2 fd00:12345::1 not-an-ip; do
    ocf_param ip "$bad"
    expect_rc 6 validate-all 0 "ip=$bad"
done
ocf_param ip 198.18.7.12
ocf_param cidr_netmask 33
expect_rc 6 validate-all 0 "cidr_netmask=33"
ocf_param cidr_netmask 24
ocf_param label toolonglabel
expect_rc 6 validate-all 0 "label crmv0:toolonglabel (16 characters)"
expect_reason "longer than 15"
ocf_param label 'a b'
expect_rc 6 validate-all 0 "label with a space"
unset OCF_RESKEY_label
ocf_param nic crmnope0
expect_rc 5 validate-all 0 "nic that does not exist"
expect_reason "crmnope0"
expect_rc 7 monitor 0 "probe with a missing nic"
expect_rc 0 stop 0 "stop with a missing nic"
ocf_env_reset vipnoroute
ocf_param ip 198.18.99.1
expect_rc 5 start 0 "no route holds the address and no nic"
expect_reason "no on-link route"

# The interface disappears while the address is up: stop still succeeds.
ocf_env_reset vipgone
ocf_param ip 198.18.7.13
ocf_param arp_count 0
expect_rc 0 start
ip -n "$NETNS" link del crmv0
expect_rc 7 monitor 10000 "interface deleted"
expect_rc 0 stop 0 "interface deleted"

harness_finish
