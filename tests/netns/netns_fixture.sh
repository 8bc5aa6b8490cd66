# Sourced by the multi-host tests and scripts/multihost-netns-bench.sh: two
# network namespaces made here, "client" and "server", joined by a veth pair
# (10.251.N.1 and 10.251.N.2/24: addresses only inside these namespaces), an
# sshd in the server namespace with a throwaway host key that accepts only a
# throwaway client key, and an ssh_config for the client side (exported as
# XLBENCH_SSH_CONFIG; known-hosts file and strict host key checking of its
# own). netns_down (an EXIT trap) removes all of it.
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
  ip netns add "$NS_CLIENT" 2>/dev/null || netns_skip "cannot create a network namespace (ip netns add)"
  ip netns add "$NS_SERVER"
  ip -n "$NS_CLIENT" link add xlb0 type veth peer name xlb0 netns "$NS_SERVER" ||
    netns_skip "cannot create a veth pair"
  ip -n "$NS_CLIENT" addr add "$NS_CLIENT_IP/24" dev xlb0
  ip -n "$NS_SERVER" addr add "$NS_SERVER_IP/24" dev xlb0
  for ns in "$NS_CLIENT" "$NS_SERVER"; do
    ip -n "$ns" link set lo up
    ip -n "$ns" link set xlb0 up
  done
  ssh-keygen -q -t ed25519 -N '' -C xlbench-netns-host -f "$NS_TMP/host_key"
  ssh-keygen -q -t ed25519 -N '' -C xlbench-netns-client -f "$NS_TMP/client_key"
  cp "$NS_TMP/client_key.pub" "$NS_TMP/authorized_keys"
  echo "$NS_SERVER_IP $(cut -d' ' -f1,2 "$NS_TMP/host_key.pub")" >"$NS_TMP/known_hosts"
  cat >"$NS_TMP/sshd_config" <<CONF
ListenAddress $NS_SERVER_IP
Port 22
HostKey $NS_TMP/host_key
AuthorizedKeysFile $NS_TMP/authorized_keys
PidFile $NS_TMP/sshd.pid
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
  mkdir -p /run/sshd # sshd's privilege separation directory
  ip netns exec "$NS_SERVER" "$NS_SSHD" -f "$NS_TMP/sshd_config" -E "$NS_TMP/sshd.log" ||
    { cat "$NS_TMP/sshd.log" >&2; echo "FAIL: sshd did not start" >&2; exit 1; }
  export XLBENCH_SSH_CONFIG="$NS_TMP/ssh_config"
  for _ in $(seq 50); do
    ip netns exec "$NS_CLIENT" ssh -F "$XLBENCH_SSH_CONFIG" -o BatchMode=yes "$NS_SERVER_IP" true 2>/dev/null && return 0
    sleep 0.1
  done
  cat "$NS_TMP/sshd.log" >&2
  echo "FAIL: no ssh session to $NS_SERVER_IP within 5 s" >&2
  exit 1
}

netns_sshd_pid() { cat "$NS_TMP/sshd.pid" 2>/dev/null; }

# Processes in the server namespace other than the sshd listener, one command line each.
netns_leftovers() {
  local listener p
  listener=$(netns_sshd_pid)
  for p in $(ip netns pids "$NS_SERVER" 2>/dev/null); do
    [ "$p" = "$listener" ] && continue
    [ -r "/proc/$p/cmdline" ] || continue
    echo "$p $(tr '\0' ' ' <"/proc/$p/cmdline")"
  done
}

# 0 when nothing but the listener is left in the server namespace within 5 s; else lists what is.
netns_orphan_check() {
  for _ in $(seq 50); do
    [ -z "$(netns_leftovers)" ] && return 0
    sleep 0.1
  done
  echo "left in $NS_SERVER:" >&2
  netns_leftovers >&2
  return 1
}

netns_down() {
  local p
  [ -n "${NS_SERVER:-}" ] && for p in $(ip netns pids "$NS_SERVER" 2>/dev/null); do kill -9 "$p" 2>/dev/null; done
  [ -n "${NS_CLIENT:-}" ] && for p in $(ip netns pids "$NS_CLIENT" 2>/dev/null); do kill -9 "$p" 2>/dev/null; done
  [ -n "${NS_CLIENT:-}" ] && ip netns del "$NS_CLIENT" 2>/dev/null
  [ -n "${NS_SERVER:-}" ] && ip netns del "$NS_SERVER" 2>/dev/null
  [ -n "${NS_TMP:-}" ] && rm -rf "$NS_TMP"
  return 0
}
