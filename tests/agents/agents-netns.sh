# agents-netns.sh — sourced by the address agent tests: a throw-away network namespace with a veth pair.
# shellcheck shell=bash disable=SC2034
# bash. netns_setup NAME [TMPDIR] sets NETNS and HARNESS_WRAP, or skips the test (77)
# when not root or namespaces are unavailable; netns_cleanup always runs on
# exit and removes the namespace with whatever still runs inside it, and TMPDIR.
# Inside: crmv0 (198.18.7.1/24, fd00:198:18:7::1/64) with its peer crmv1.

NETNS=""

netns_cleanup() {
    [ -n "$NETNS" ] || return 0
    local pids
    pids=$(ip netns pids "$NETNS" 2>/dev/null)
    if [ -n "$pids" ]; then
        kill $pids 2>/dev/null
        sleep 0.2
    fi
    ip netns del "$NETNS" 2>/dev/null
    NETNS=""
}

netns_setup() {
    NETNS_TMP=${2:-}
    trap 'netns_cleanup; [ -z "$NETNS_TMP" ] || rm -rf "$NETNS_TMP"' EXIT
    [ "$(id -u)" -eq 0 ] || harness_skip "needs root to create a network namespace"
    command -v ip >/dev/null 2>&1 || harness_skip "iproute2 (ip) is not installed"
    NETNS=$1-$$
    if ! ip netns add "$NETNS" 2>/dev/null; then
        NETNS=""
        harness_skip "cannot create a network namespace (ip netns add failed)"
    fi
    local n="ip -n $NETNS"
    if ! { $n link set lo up && $n link add crmv0 type veth peer name crmv1 &&
        $n link set crmv1 up && $n link set crmv0 up &&
        $n addr add 198.18.7.1/24 dev crmv0 &&
        $n -6 addr add fd00:198:18:7::1/64 dev crmv0 nodad; }; then
        echo "FAIL - cannot set up veth interfaces in $NETNS"
        exit 1
    fi
    HARNESS_WRAP=(ip netns exec "$NETNS")
}

# netns_has_addr ADDR/PREFIX: the address is on crmv0 inside the namespace.
netns_has_addr() {
    ip -n "$NETNS" -o addr show dev crmv0 | grep -q " $1 "
}
