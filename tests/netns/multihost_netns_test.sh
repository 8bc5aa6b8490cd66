#!/usr/bin/env bash
# The http workload (plaintext, go/nethttp and rust/hyper, quick plan) with the
# servers in another network namespace reached over a real sshd
# (netns_fixture.sh), and the faults a second host brings, each followed by
# the orphan check (nothing but the sshd listener left in the server namespace):
#   valid      a clean run: valid rows, topology multi-host, the server host's environment
#   link       the sshd session of the running server killed: that server's rows fail, the other's do not
#   crash      the remote server killed (SIGKILL): that server's rows fail, the other's do not
#   interrupt  SIGINT to the harness mid-run: exit 130
#   database   the sql-api workload (get_user) with its servers in the server namespace and its
#              PostgreSQL in a third, database namespace (--database-host): valid rows, the database
#              CPU measured there, no password in the log or results.json; nothing left in either namespace
#   client     the servers in the server namespace and the load generator in a fourth, loadgen
#              namespace (--client-host): valid rows, every phase measured there, topology roles
#   client-crash, client-link
#              the remote load generator killed (SIGKILL), or its sshd session, mid-phase: that phase's
#              row fails naming the load generator, the run goes on, the other server's rows are valid
#   delay      the servers loaded over the delay line (netns_fixture.sh) with 1 ms added from client to
#              server: valid rows, no request faster than the added millisecond
# Usage: multihost_netns_test.sh <xlbench> <build-dir> [<xlbench_delay_line>]   (exit 77: skipped, with the reason)
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
xlbench=$1
build_dir=${XLB_VARIANT_BUILD_DIR:-$2}
delay_line=${3:-$2/tests/xlbench_delay_line}
# shellcheck source=netns_fixture.sh
source "$here/netns_fixture.sh"

for bin in "$build_dir/bin/go/http_nethttp" "$build_dir/rust-target/release/http_hyper" \
  "$build_dir/bin/go/sqlapi_nethttp" "$build_dir/rust-target/release/sqlapi_axum"; do
  [ -x "$bin" ] && continue
  [ -n "${XLBENCH_REQUIRE_REAL:-}" ] && { echo "FAIL: $bin is not built" >&2; exit 1; }
  echo "SKIP: $bin is not built (build the variants first)" >&2
  exit 77
done
netns_up

failures=0
fail() {
  echo "FAIL [$scenario]: $*" >&2
  failures=$((failures + 1))
}

# xlbench run in the client namespace, the servers on the server namespace's sshd.
run_http() { # run-id
  ip netns exec "$NS_CLIENT" env XLBENCH_SSH_CONFIG="$XLBENCH_SSH_CONFIG" \
    "$xlbench" --build-dir "$build_dir" run -w http -m plaintext --variant go/nethttp --variant rust/hyper \
    --quick --no-build --allow-concurrent --server-host "$NS_SERVER_IP" \
    --results-dir "$NS_TMP/results" --run-id "$1" >"$NS_TMP/$1.log" 2>&1
}

# The pid of a process in namespace $1 whose command line matches the regex $2, within 20 s.
pid_in_ns() {
  local p
  for _ in $(seq 200); do
    for p in $(ip netns pids "$1" 2>/dev/null); do
      tr '\0' ' ' 2>/dev/null <"/proc/$p/cmdline" | grep -q "$2" && { echo "$p"; return 0; }
    done
    sleep 0.1
  done
  return 1
}
# The running server variant whose binary is $1.
server_pid() { pid_in_ns "$NS_SERVER" "^/tmp/xlbench-run\.[^ ]*/[0-9]*-$1 --request"; }

# Checks results.json: python3 <run-id> <expectations as JSON>.
check_rows() {
  python3 - "$NS_TMP/results/$1/results.json" "$2" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
want = json.loads(sys.argv[2])  # {"go/nethttp": "ok" | "failed:<text>", ...}
problems = []
env = doc["environment"]
if env.get("topology", {}).get("kind") != "multi-host":
    problems.append("topology is %r" % env.get("topology"))
hosts = env.get("hosts", [])
if len(hosts) != 2 or hosts[1].get("roles") != ["server"] or not hosts[1].get("cpu_model"):
    problems.append("hosts: %r" % hosts)
for variant, expect in want.items():
    lang, name = variant.split("/")
    rows = [m for m in doc["measurements"] if m["language"] == lang and m["variant"] == name]
    life = [m for m in rows if m["mode"] == "server" and m["input"] == "lifecycle"]
    phases = [m for m in rows if m["mode"] == "plaintext"]
    if not life or not phases:
        problems.append("%s: no rows" % variant)
        continue
    if expect == "ok":
        for m in life + phases:
            if m["status"] != "ok":
                problems.append("%s %s/%s: %s (%s)" % (variant, m["mode"], m["input"], m["status"], m.get("reason")))
        for m in phases:
            rounds = m["load"]["rounds"]
            if not m["samples"] or not rounds or rounds[0]["server"]["rss_peak_kb"] <= 0 or rounds[0]["server"]["cpu_s"] <= 0:
                problems.append("%s %s: no samples or no remote RSS/CPU" % (variant, m["input"]))
    else:
        text = expect.split(":", 1)[1]
        if life[0]["status"] != "failed" or text not in (life[0].get("reason") or ""):
            problems.append("%s lifecycle: %s (%s), want failed with %r" % (variant, life[0]["status"], life[0].get("reason"), text))
for p in problems:
    print(p)
sys.exit(1 if problems else 0)
PY
}

scenario=valid
run_http valid || fail "exit $? ($(tail -3 "$NS_TMP/valid.log"))"
check_rows valid '{"go/nethttp": "ok", "rust/hyper": "ok"}' || fail "results"
netns_orphan_check || fail "orphans"

# Runs <runner> <run-id> in the background, finds a pid with <finder...>, waits <seconds>, runs
# <action> with it, then waits for the run (which must still exit 0).
fault_during_run() { # runner run-id seconds action finder...
  "$1" "$2" &
  local harness=$! pid
  if pid=$("${@:5}"); then
    sleep "$3"
    $4 "$pid"
  else
    fail "no process found by '${*:5}'"
  fi
  wait "$harness" || fail "exit $? ($(tail -3 "$NS_TMP/$2.log"))"
}

# A fault while <variant binary> serves: starts the run, waits for that server, runs <action> with its
# pid, then checks that only that variant failed (its lifecycle reason has <text>) and the orphans.
fault_scenario() { # name binary action expectations
  scenario=$1
  fault_during_run run_http "$1" 0.5 "$3" server_pid "$2"
  check_rows "$1" "$4" || fail "results"
  netns_orphan_check || fail "orphans"
}

# Every sshd session process in namespace $1 but the listener (pid in file $2): the link is gone.
kill_sshd_sessions() {
  local p
  for p in $(ip netns pids "$1"); do
    [ "$p" != "$(cat "$2")" ] && tr '\0' ' ' 2>/dev/null <"/proc/$p/cmdline" | grep -q '^sshd' && kill -9 "$p"
  done
}
kill_ssh_link() { kill_sshd_sessions "$NS_SERVER" "$NS_TMP/sshd.pid"; }
# SIGKILL: a crash no runtime can turn into something else (Rust's SIGSEGV handler resumes on a signal from kill).
crash_server() { kill -KILL "$1"; }

fault_scenario link http_nethttp kill_ssh_link '{"go/nethttp": "failed:ssh link", "rust/hyper": "ok"}'
fault_scenario crash http_hyper crash_server '{"go/nethttp": "ok", "rust/hyper": "failed:SIGKILL"}'

scenario=interrupt
run_http interrupt &
harness=$!
if server_pid http_nethttp >/dev/null; then
  sleep 0.3
  target=$harness  # the background job, or the xlbench it started when the shell forked for it
  child=$(pgrep -P "$harness" | head -1)
  [ -n "$child" ] && target=$child
  kill -INT "$target"
fi
wait "$harness"
status=$?
[ "$status" = 130 ] || fail "exit $status, want 130 ($(tail -3 "$NS_TMP/interrupt.log"))"
netns_orphan_check || fail "orphans"

scenario=database
netns_add_database
ip netns exec "$NS_CLIENT" env XLBENCH_SSH_CONFIG="$XLBENCH_SSH_CONFIG" \
  "$xlbench" --build-dir "$build_dir" run -w sql-api -m get_user --quick --no-build --allow-concurrent \
  --server-host "$NS_SERVER_IP" --database-host "$NS_DB_IP" \
  --results-dir "$NS_TMP/results" --run-id database >"$NS_TMP/database.log" 2>&1 ||
  fail "exit $? ($(tail -3 "$NS_TMP/database.log"))"
python3 - "$NS_TMP/results/database/results.json" "$NS_SERVER_IP" "$NS_DB_IP" <<'PY' || fail "results"
import json, sys
doc = json.load(open(sys.argv[1]))
server_ip, db_ip = sys.argv[2], sys.argv[3]
problems = []
env = doc["environment"]
topology = env.get("topology", {})
if topology.get("kind") != "multi-host" or topology.get("roles", {}).get("database") != db_ip \
        or topology.get("roles", {}).get("server") != server_ip:
    problems.append("topology: %r" % topology)
roles = {h.get("host"): h.get("roles") for h in env.get("hosts", [])}
if roles.get(server_ip) != ["server"] or roles.get(db_ip) != ["database"]:
    problems.append("hosts: %r" % roles)
database = doc["plan"]["workloads"]["sql-api"].get("database", {})
if database.get("database_host") != db_ip or database.get("host") != db_ip:
    problems.append("plan database: %r" % database)
text = json.dumps(doc)
rows = [m for m in doc["measurements"] if m["workload"] == "sql-api" and m["mode"] == "get_user"]
if sorted({m["variant"] for m in rows}) != ["axum_tokio_postgres", "nethttp_pgx"]:
    problems.append("get_user rows of %r" % sorted({m["variant"] for m in rows}))
for m in rows:
    if m["status"] != "ok":
        problems.append("%s/%s: %s (%s)" % (m["language"], m["variant"], m["status"], m.get("reason")))
        continue
    url = m["params"].get("database_url", "")
    if not url.startswith("postgres://postgres:***@%s:" % db_ip):
        problems.append("%s database_url %r" % (m["variant"], url))
    rounds = m["load"]["rounds"]
    if not any(r.get("database", {}).get("cpu_s", 0) > 0 for r in rounds):
        problems.append("%s: no database CPU measured on the database host" % m["variant"])
for p in problems:
    print(p)
sys.exit(1 if problems else 0)
PY
grep -Eq 'postgres://postgres:[0-9a-f]{32}@' "$NS_TMP/database.log" "$NS_TMP/results/database/results.json" &&
  fail "the database password reached the log or results.json"
netns_orphan_check || fail "orphans"

# xlbench run in the client namespace, servers on the server namespace's sshd, load generator on the loadgen's.
run_client() { # run-id
  ip netns exec "$NS_CLIENT" env XLBENCH_SSH_CONFIG="$XLBENCH_SSH_CONFIG" \
    "$xlbench" --build-dir "$build_dir" run -w http -m plaintext --variant go/nethttp --variant rust/hyper \
    --quick --no-build --allow-concurrent --server-host "$NS_SERVER_IP" --client-host "$NS_LOAD_IP" \
    --results-dir "$NS_TMP/results" --run-id "$1" >"$NS_TMP/$1.log" 2>&1
}

# Checks a --client-host run: python3 <run-id> <phase rows expected to fail, as JSON ["go/nethttp c64", ...]>.
check_client_rows() {
  python3 - "$NS_TMP/results/$1/results.json" "$2" "$NS_SERVER_IP" "$NS_LOAD_IP" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
failing, server_ip, load_ip = set(json.loads(sys.argv[2])), sys.argv[3], sys.argv[4]
problems = []
env = doc["environment"]
roles = env.get("topology", {}).get("roles", {})
if env.get("topology", {}).get("kind") != "multi-host" or roles.get("loadgen") != load_ip or roles.get("server") != server_ip:
    problems.append("topology: %r" % env.get("topology"))
hosts = {h.get("host"): h.get("roles") for h in env.get("hosts", [])}
if hosts.get(load_ip) != ["loadgen"] or hosts.get("local") != ["harness", "database"]:
    problems.append("hosts: %r" % hosts)
seen = set()
for m in doc["measurements"]:
    if m["workload"] != "http":
        continue
    key = "%s/%s %s" % (m["language"], m["variant"], m["input"])
    if m["mode"] == "server":
        if m["status"] != "ok":
            problems.append("%s: %s (%s)" % (key, m["status"], m.get("reason")))
        continue
    if key in failing:
        seen.add(key)
        if m["status"] != "failed" or "load generator" not in (m.get("reason") or ""):
            problems.append("%s: %s (%s), want failed naming the load generator" % (key, m["status"], m.get("reason")))
        continue
    if m["status"] != "ok" or not m["samples"]:
        problems.append("%s: %s (%s)" % (key, m["status"], m.get("reason")))
        continue
    for r in m["load"]["rounds"]:
        if r.get("client", {}).get("host") != load_ip or r.get("client", {}).get("cpu_s", 0) <= 0:
            problems.append("%s: round not measured on the loadgen host: %r" % (key, r.get("client")))
if seen != failing:
    problems.append("rows expected to fail but not found: %r" % sorted(failing - seen))
hyper = [m for m in doc["measurements"] if m["variant"] == "hyper" and m["mode"] == "plaintext" and m["status"] == "ok"]
if not hyper:
    problems.append("rust/hyper has no valid plaintext row")
for p in problems:
    print(p)
sys.exit(1 if problems else 0)
PY
}

# The load generator running in the loadgen namespace.
loadgen_pid() { pid_in_ns "$NS_LOAD" "^/tmp/xlbench-run\.[^ ]*/[0-9]*-xlbench loadgen --job"; }

kill_loadgen_link() { kill_sshd_sessions "$NS_LOAD" "$NS_TMP/sshd-load.pid"; }
crash_loadgen() { kill -KILL "$1"; }

scenario=client
netns_add_loadgen
run_client client || fail "exit $? ($(tail -3 "$NS_TMP/client.log"))"
check_client_rows client '[]' || fail "results"
grep -q "load generator on $NS_LOAD_IP (--client-host)" "$NS_TMP/results/client/report.md" || fail "report"
netns_orphan_check || fail "orphans"

# A fault while the first phase (go/nethttp c64) loads from the loadgen namespace: <name> <action>.
client_fault() {
  scenario=$1
  fault_during_run run_client "$1" 0.3 "$2" loadgen_pid
  check_client_rows "$1" '["go/nethttp c64"]' || fail "results"
  netns_orphan_check || fail "orphans"
}
client_fault client-crash crash_loadgen
client_fault client-link kill_loadgen_link

scenario=delay
netns_add_delay_line "$delay_line" 1000
ip netns exec "$NS_CLIENT" env XLBENCH_SSH_CONFIG="$XLBENCH_SSH_CONFIG" \
  "$xlbench" --build-dir "$build_dir" run -w http -m plaintext --variant go/nethttp --variant rust/hyper \
  --quick --no-build --allow-concurrent --server-host "$NS_SERVER_IP" --server-bind "$NS_TAP_SERVER_IP" \
  --results-dir "$NS_TMP/results" --run-id delay >"$NS_TMP/delay.log" 2>&1 || fail "exit $? ($(tail -3 "$NS_TMP/delay.log"))"
python3 - "$NS_TMP/results/delay/results.json" <<'PY' || fail "results"
import json, sys
doc = json.load(open(sys.argv[1]))
problems, phases = [], 0
for m in doc["measurements"]:
    if m["workload"] != "http":
        continue
    if m["status"] != "ok":
        problems.append("%s/%s %s: %s (%s)" % (m["language"], m["variant"], m["input"], m["status"], m.get("reason")))
    if m["mode"] != "plaintext":
        continue
    for r in m["load"]["rounds"]:
        phases += 1
        if r["latency"]["min_ns"] < 1_000_000:
            problems.append("%s %s: a request took %d ns, under the added 1 ms" % (m["variant"], m["input"], r["latency"]["min_ns"]))
if phases == 0:
    problems.append("no plaintext phase measured")
for p in problems:
    print(p)
sys.exit(1 if problems else 0)
PY
netns_remove_delay_line
netns_orphan_check || fail "orphans"

if [ "$failures" -gt 0 ]; then
  echo "$failures failure(s); logs:" >&2
  tail -n 20 "$NS_TMP"/*.log >&2
  exit 1
fi
echo "multi-host netns scenarios passed: valid, link, crash, interrupt, database, client, client-crash, client-link, delay (orphan check after each: 0 left)"
