# Sourced by the multi-host tests and scripts/multihost-netns-bench.sh: network
# namespaces made here, "client" and "server" (and "database" after
# netns_add_database, "loadgen" after netns_add_loadgen), joined by a bridge in
# the client namespace with one veth pair per other namespace (10.251.N.1
# client, .2 server, .3 database, .4 loadgen /24:
# addresses only inside these namespaces), an sshd in each namespace but the
# client's with a throwaway host key that accepts only a throwaway client key,
# and an ssh_config for the client side (exported as XLBENCH_SSH_CONFIG;
# known-hosts file and strict host key checking of its own). netns_down (an
# EXIT trap) removes all of it.
#
# netns_add_delay_line adds a second, direct link between the client and the
# server namespace (10.252.N.1 and NS_TAP_SERVER_IP=10.252.N.2) through
# tests/tools/delay_line.cpp, which delays each frame from client to server:
# added latency without sch_netem. Servers bound to NS_TAP_SERVER_IP
# (--server-bind) are loaded over it; ssh stays on the bridge.
#
# Without root, ip netns or sshd the caller skips (exit 77) with the reason,
# unless XLBENCH_REQUIRE_NETNS=1, which makes that a failure.

netns_skip() {
  if [ "${XLBENCH_REQUIRE_NETNS:-0}" = 1 ]; then
    echo "FAIL: $1 (XLBENCH_REQUIRE_NETNS=1)" >&2
    exit 1
  fi
  echo "SKIP: $1" >&2
  exit 77
}

netns_up() {
  [ "$(id -u)" = 0 ] || netns_skip "network namespaces need root"
  command -v ip >/dev/null || netns_skip "ip (iproute2) is not installed"
  NS_SSHD=$(command -v sshd || echo /usr/sbin/sshd)
  [ -x "$NS_SSHD" ] || netns_skip "sshd (openssh-server) is not installed"
  command -v ssh >/dev/null && command -v ssh-keygen >/dev/null || netns_skip "ssh (openssh-client) is not installed"
  local n=$((($$ % 200) + 20))
  NS_CLIENT="xlbc$$"
  NS_SERVER="xlbs$$"
  NS_CLIENT_IP="10.251.$n.1"
  NS_SERVER_IP="10.251.$n.2"
  NS_TMP=$(mktemp -d /tmp/xlbench-netns.XXXXXX)
  trap netns_down EXIT
  NS_DB_IP="10.251.$n.3"
  NS_DB=
  NS_LOAD_IP="10.251.$n.4"
  NS_LOAD=
  NS_TAP_CLIENT_IP="10.252.$n.1"
  NS_TAP_SERVER_IP="10.252.$n.2"
  NS_DELAY_PID=
  ip netns add "$NS_CLIENT" 2>/dev/null || netns_skip "cannot create a network namespace (ip netns add)"
  ip -n "$NS_CLIENT" link set lo up
  ip -n "$NS_CLIENT" link add xlbbr type bridge || netns_skip "cannot create a bridge"
  ip -n "$NS_CLIENT" addr add "$NS_CLIENT_IP/24" dev xlbbr
  ip -n "$NS_CLIENT" link set xlbbr up
  ssh-keygen -q -t ed25519 -N '' -C xlbench-netns-host -f "$NS_TMP/host_key"
  ssh-keygen -q -t ed25519 -N '' -C xlbench-netns-client -f "$NS_TMP/client_key"
  cp "$NS_TMP/client_key.pub" "$NS_TMP/authorized_keys"
  : >"$NS_TMP/known_hosts"
  cat >"$NS_TMP/ssh_config" <<CONF
Host *
  User root
  IdentityFile $NS_TMP/client_key
  IdentitiesOnly yes
  UserKnownHostsFile $NS_TMP/known_hosts
  GlobalKnownHostsFile /dev/null
  StrictHostKeyChecking yes
  LogLevel ERROR
CONF
  export XLBENCH_SSH_CONFIG="$NS_TMP/ssh_config"
  mkdir -p /run/sshd # sshd's privilege separation directory
  netns_add_host "$NS_SERVER" "$NS_SERVER_IP" s sshd
}

# The database namespace (NS_DB at NS_DB_IP) with its own sshd, for --database-host.
netns_add_database() {
  NS_DB="xlbd$$"
  netns_add_host "$NS_DB" "$NS_DB_IP" d sshd-db
}

# The load generator's namespace (NS_LOAD at NS_LOAD_IP) with its own sshd, for --client-host.
netns_add_loadgen() {
  NS_LOAD="xlbl$$"
  netns_add_host "$NS_LOAD" "$NS_LOAD_IP" l sshd-load
}

# The delay line between the client and server namespaces: <delay_line binary> <client-to-server delay, us>.
netns_add_delay_line() {
  netns_remove_delay_line
  "$1" --ns-a "$NS_CLIENT" --ns-b "$NS_SERVER" --delay-us "$2" >"$NS_TMP/delay_line.out" 2>&1 &
  NS_DELAY_PID=$!
  for _ in $(seq 100); do
    grep -q ready "$NS_TMP/delay_line.out" 2>/dev/null && break
    sleep 0.05
  done
  grep -q ready "$NS_TMP/delay_line.out" || { cat "$NS_TMP/delay_line.out" >&2; echo "FAIL: no delay line" >&2; exit 1; }
  ip -n "$NS_CLIENT" addr add "$NS_TAP_CLIENT_IP/24" dev xlbtap
  ip -n "$NS_CLIENT" link set xlbtap up
  ip -n "$NS_SERVER" addr add "$NS_TAP_SERVER_IP/24" dev xlbtap
  ip -n "$NS_SERVER" link set xlbtap up
}

# Stops the delay line; its devices go with it.
netns_remove_delay_line() {
  [ -n "${NS_DELAY_PID:-}" ] || return 0
  kill "$NS_DELAY_PID" 2>/dev/null
  wait "$NS_DELAY_PID" 2>/dev/null
  NS_DELAY_PID=
  return 0
}

# A namespace on the bridge (veth xlb0 inside it) with an sshd on its address: <ns> <ip> <tag> <sshd name>.
netns_add_host() {
  local ns=$1 ip=$2 tag=$3 name=$4
  ip netns add "$ns"
  ip -n "$NS_CLIENT" link add "xlb$tag" type veth peer name xlb0 netns "$ns" || netns_skip "cannot create a veth pair"
  ip -n "$NS_CLIENT" link set "xlb$tag" master xlbbr
  ip -n "$NS_CLIENT" link set "xlb$tag" up
  ip -n "$ns" addr add "$ip/24" dev xlb0
  ip -n "$ns" link set lo up
  ip -n "$ns" link set xlb0 up
  echo "$ip $(cut -d' ' -f1,2 "$NS_TMP/host_key.pub")" >>"$NS_TMP/known_hosts"
  cat >"$NS_TMP/$name.conf" <<CONF
ListenAddress $ip
Port 22
HostKey $NS_TMP/host_key
AuthorizedKeysFile $NS_TMP/authorized_keys
PidFile $NS_TMP/$name.pid
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
MaxSessions 100
MaxStartups 100
Subsystem sftp internal-sftp
LogLevel ERROR
CONF
  ip netns exec "$ns" "$NS_SSHD" -f "$NS_TMP/$name.conf" -E "$NS_TMP/$name.log" ||
    { cat "$NS_TMP/$name.log" >&2; echo "FAIL: sshd did not start in $ns" >&2; exit 1; }
  for _ in $(seq 50); do
    ip netns exec "$NS_CLIENT" ssh -F "$XLBENCH_SSH_CONFIG" -o BatchMode=yes "$ip" true 2>/dev/null && return 0
    sleep 0.1
  done
  cat "$NS_TMP/$name.log" >&2
  echo "FAIL: no ssh session to $ip within 5 s" >&2
  exit 1
}

# Processes in namespace $1 (default: the server's) other than its sshd listener, one command line each.
netns_leftovers() {
  local ns=${1:-$NS_SERVER} listener p
  listener=$(cat "$NS_TMP/sshd.pid" "$NS_TMP/sshd-db.pid" "$NS_TMP/sshd-load.pid" 2>/dev/null)
  for p in $(ip netns pids "$ns" 2>/dev/null); do
    case " $(echo $listener) " in *" $p "*) continue ;; esac
    [ -r "/proc/$p/cmdline" ] || continue
    echo "$p $(tr '\0' ' ' <"/proc/$p/cmdline")"
  done
}

# 0 when nothing but the listener is left in the server namespace (and the database's and the load
# generator's, when made) within 5 s (25 s with a database: its shutdown may take the escalation's
# time); else lists what is.
netns_orphan_check() {
  local ns tries=50 clean
  [ -n "${NS_DB:-}" ] && tries=250
  for _ in $(seq "$tries"); do
    clean=1
    for ns in "$NS_SERVER" ${NS_DB:-} ${NS_LOAD:-}; do
      [ -n "$(netns_leftovers "$ns")" ] && clean=0
    done
    [ "$clean" = 1 ] && return 0
    sleep 0.1
  done
  for ns in "$NS_SERVER" ${NS_DB:-} ${NS_LOAD:-}; do
    [ -n "$(netns_leftovers "$ns")" ] && { echo "left in $ns:" >&2; netns_leftovers "$ns" >&2; }
  done
  return 1
}

netns_down() {
  local p ns
  netns_remove_delay_line
  for ns in ${NS_SERVER:-} ${NS_DB:-} ${NS_LOAD:-} ${NS_CLIENT:-}; do
    for p in $(ip netns pids "$ns" 2>/dev/null); do kill -9 "$p" 2>/dev/null; done
    ip netns del "$ns" 2>/dev/null
  done
  [ -n "${NS_TMP:-}" ] && rm -rf "$NS_TMP"
  return 0
}
