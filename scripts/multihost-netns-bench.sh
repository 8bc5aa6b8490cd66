#!/usr/bin/env bash
# The http workload's plaintext endpoint for go/nethttp and rust/hyper: single-host
# (loopback, server and load generator pinned apart); with the server in another
# network namespace over ssh (tests/netns/netns_fixture.sh), loaded over the bridge
# and over the delay line (tests/tools/delay_line.cpp: 0 and 1 ms added from
# client to server; tc netem where the kernel has it); and with the load generator
# in a third namespace (--client-host), the harness in the first.
# Then the sql-api workload's get_user endpoint (go/nethttp_pgx, rust/axum_tokio_postgres)
# single-host and with the servers and PostgreSQL in two more namespaces
# (--server-host, --database-host). Then the fault scenarios' orphan check
# (tests/netns/multihost_netns_test.sh). Prints one table: req/s, p50 and p99 of the
# closed-loop phase at 64 connections (median over rounds). Both namespaces share this machine's CPUs: the netns
# rows show what the network path and the remote plumbing cost, not what a
# second machine would give.
# Needs root, iproute2, openssh-server, /dev/net/tun and built variants and tests. Usage:
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
# The same server loaded over the delay line, with nothing and then 1 ms added: the line's own
# cost is in both rows, so the difference is the millisecond.
for delay in 0 1000; do
  echo "netns run over the delay line, $delay us added ..." >&2
  netns_add_delay_line "$build_dir/tests/xlbench_delay_line" "$delay"
  ip netns exec "$NS_CLIENT" "$xlbench" "${common[@]}" --run-id "line$delay" --server-host "$NS_SERVER_IP" \
    --server-bind "$NS_TAP_SERVER_IP" >"$NS_TMP/line$delay.log" 2>&1
  netns_remove_delay_line
done
netns_add_loadgen
echo "three namespaces: harness, servers, load generator ..." >&2
ip netns exec "$NS_CLIENT" "$xlbench" "${common[@]}" --run-id three --server-host "$NS_SERVER_IP" \
  --client-host "$NS_LOAD_IP" >"$NS_TMP/three.log" 2>&1
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
setups = [("single-host (loopback)", "single", "plaintext"), ("netns over ssh, bridge", "netns0", "plaintext"),
          ("netns over ssh, delay line +0 ms", "line0", "plaintext"),
          ("netns over ssh, delay line +1 ms", "line1000", "plaintext"),
          ("three namespaces: servers, load generator (--client-host), harness", "three", "plaintext"),
          ("sql-api single-host (server, database and load generator here)", "sql-single", "get_user"),
          ("sql-api: servers and database in two namespaces over ssh", "sql-netns", "get_user")]
print("| setup | endpoint | server | req/s (c64) | p50 (c64) | p99 (c64) | server CPU util | load generator threads |")
print("|---|---|---|---:|---:|---:|---:|---:|")
for label, run, mode in setups:
    try:
        doc = json.load(open("%s/%s/results.json" % (base, run)))
    except FileNotFoundError:
        print("| %s | %s | - | not measured (the run failed: see its log) | | | | |" % (label, mode))
        continue
    for m in doc["measurements"]:
        if m["mode"] != mode or m["input"] != "c64":
            continue
        rounds = [r for r in m["load"]["rounds"] if r.get("elapsed_s")]
        if m["status"] != "ok" or not rounds:
            print("| %s | %s | %s/%s | %s | | | | |" % (label, mode, m["language"], m["variant"], m["status"]))
            continue
        rate = statistics.median(r["requests"] / r["elapsed_s"] for r in rounds)
        p50 = statistics.median(r["latency"]["p50_ns"] for r in rounds) / 1e6
        p99 = statistics.median(r["latency"]["p99_ns"] for r in rounds) / 1e6
        cpu = statistics.median(r["server"]["cpu_utilization"] for r in rounds)
        print("| %s | %s | %s/%s | %.0f | %.2f ms | %.2f ms | %.0f%% | %s |" % (label, mode, m["language"], m["variant"], rate, p50, p99,
              cpu * 100, rounds[0].get("loadgen_threads", "-")))
PY
echo
echo "orphan check after the runs: $orphans"
echo "fault scenarios (tests/netns/multihost_netns_test.sh) with their orphan checks:"
bash "$root/tests/netns/multihost_netns_test.sh" "$xlbench" "$build_dir" "$build_dir/tests/xlbench_delay_line" 2>&1 |
  tail -n 3
