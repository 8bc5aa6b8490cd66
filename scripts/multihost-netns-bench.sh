#!/usr/bin/env bash
# The http workload's plaintext endpoint for go/nethttp and rust/hyper three
# ways: single-host (loopback, server and load generator pinned apart), and with
# the server in another network namespace over ssh (tests/netns/netns_fixture.sh)
# with 0 ms and 1 ms of added latency (tc netem on the server side of the veth).
# Then the sql-api workload's get_user endpoint (go/nethttp_pgx, rust/axum_tokio_postgres)
# single-host and with the servers and PostgreSQL in two more namespaces
# (--server-host, --database-host). Then the fault scenarios' orphan check
# (tests/netns/multihost_netns_test.sh). Prints one table: req/s and p99 of the
# closed-loop phase at 64 connections (median over rounds). Both namespaces share this machine's CPUs: the netns
# rows show what the network path and the remote plumbing cost, not what a
# second machine would give.
# Needs root, iproute2, openssh-server and built variants. Usage:
#   scripts/multihost-netns-bench.sh [build-dir]   (XLBENCH_BENCH_PLAN=quick for a short run)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="$(cd "${1:-$root/build}" && pwd)"
xlbench="$build_dir/harness/xlbench"
plan=()
[ "${XLBENCH_BENCH_PLAN:-full}" = quick ] && plan=(--quick)
export XLBENCH_REQUIRE_NETNS=1
# shellcheck source=../tests/netns/netns_fixture.sh
source "$root/tests/netns/netns_fixture.sh"
netns_up

common=(--build-dir "$build_dir" run -w http -m plaintext --variant go/nethttp --variant rust/hyper
        "${plan[@]}" --no-build --allow-concurrent --results-dir "$NS_TMP/results")
echo "single-host run ..." >&2
"$xlbench" "${common[@]}" --run-id single >"$NS_TMP/single.log" 2>&1
echo "netns run, 0 ms added ..." >&2
ip netns exec "$NS_CLIENT" "$xlbench" "${common[@]}" --run-id netns0 --server-host "$NS_SERVER_IP" \
  >"$NS_TMP/netns0.log" 2>&1
# The kernel may be built without netem (CONFIG_NET_SCH_NETEM): then that row says so.
if ip netns exec "$NS_SERVER" tc qdisc add dev xlb0 root netem delay 1ms 2>"$NS_TMP/netem.err"; then
  echo "netns run, 1 ms added ..." >&2
  ip netns exec "$NS_CLIENT" "$xlbench" "${common[@]}" --run-id netns1 --server-host "$NS_SERVER_IP" \
    >"$NS_TMP/netns1.log" 2>&1
  ip netns exec "$NS_SERVER" tc qdisc del dev xlb0 root
else
  echo "tc netem is not available here ($(cat "$NS_TMP/netem.err")): no +1 ms run" >&2
fi
sql=(--build-dir "$build_dir" run -w sql-api -m get_user "${plan[@]}" --no-build --allow-concurrent
     --results-dir "$NS_TMP/results")
echo "sql-api single-host run ..." >&2
"$xlbench" "${sql[@]}" --run-id sql-single >"$NS_TMP/sql-single.log" 2>&1
netns_add_database
echo "sql-api run, servers and database in two namespaces ..." >&2
ip netns exec "$NS_CLIENT" "$xlbench" "${sql[@]}" --run-id sql-netns --server-host "$NS_SERVER_IP" \
  --database-host "$NS_DB_IP" >"$NS_TMP/sql-netns.log" 2>&1
netns_orphan_check && orphans="0 left" || orphans="LEFT (see above)"

python3 - "$NS_TMP/results" <<'PY'
import json, statistics, sys
base = sys.argv[1]
setups = [("single-host (loopback)", "single", "plaintext"), ("netns over ssh, +0 ms", "netns0", "plaintext"),
          ("netns over ssh, +1 ms", "netns1", "plaintext"),
          ("sql-api single-host (server, database and load generator here)", "sql-single", "get_user"),
          ("sql-api: servers and database in two namespaces over ssh", "sql-netns", "get_user")]
print("| setup | endpoint | server | req/s (c64) | p99 (c64) | server CPU util | load generator threads |")
print("|---|---|---|---:|---:|---:|---:|")
for label, run, mode in setups:
    try:
        doc = json.load(open("%s/%s/results.json" % (base, run)))
    except FileNotFoundError:
        print("| %s | %s | - | not measured (tc netem unavailable) | | | |" % (label, mode))
        continue
    for m in doc["measurements"]:
        if m["mode"] != mode or m["input"] != "c64":
            continue
        rounds = [r for r in m["load"]["rounds"] if r.get("elapsed_s")]
        if m["status"] != "ok" or not rounds:
            print("| %s | %s | %s/%s | %s | | | |" % (label, mode, m["language"], m["variant"], m["status"]))
            continue
        rate = statistics.median(r["requests"] / r["elapsed_s"] for r in rounds)
        p99 = statistics.median(r["latency"]["p99_ns"] for r in rounds) / 1e6
        cpu = statistics.median(r["server"]["cpu_utilization"] for r in rounds)
        print("| %s | %s | %s/%s | %.0f | %.2f ms | %.0f%% | %s |" % (label, mode, m["language"], m["variant"], rate, p99,
              cpu * 100, rounds[0].get("loadgen_threads", "-")))
PY
echo
echo "orphan check after the runs: $orphans"
echo "fault scenarios (valid, killed ssh link, remote crash, interrupt, database) with their orphan checks:"
bash "$root/tests/netns/multihost_netns_test.sh" "$xlbench" "$build_dir" 2>&1 | tail -n 3
