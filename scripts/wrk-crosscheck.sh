#!/usr/bin/env bash
# Cross-checks the built-in load generator against wrk: the same server, URL,
# connections, threads, duration and CPU pinning; prints both req/s and the
# ratio built-in / wrk (issue 4's target: >= 1.0, the client is never the bottleneck).
#
#   scripts/wrk-crosscheck.sh [options] HOST:PORT        a server that is already running
#   scripts/wrk-crosscheck.sh [options] --server BINARY  start a server-protocol variant for the check
#
# options: --path /plaintext  --method GET  --body-file F  --content-type T
#          --connections 64  --threads 1  --duration 10 (s)  --rounds 1 (alternating wrk / built-in)
#          --cpus 0 (client CPUs)  --server-cpus 1  --xlbench PATH (default build/harness/xlbench)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
path=/plaintext method=GET body_file="" content_type="application/json"
connections=64 threads=1 duration=10 rounds=1 cpus=0 server_cpus=1 server="" target=""
xlbench="${XLBENCH:-$root/build/harness/xlbench}"

usage() { sed -n '2,12p' "$0" >&2; exit 2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --path) path="$2"; shift 2;;
    --method) method="$2"; shift 2;;
    --body-file) body_file="$2"; shift 2;;
    --content-type) content_type="$2"; shift 2;;
    --connections) connections="$2"; shift 2;;
    --threads) threads="$2"; shift 2;;
    --duration) duration="$2"; shift 2;;
    --rounds) rounds="$2"; shift 2;;
    --cpus) cpus="$2"; shift 2;;
    --server-cpus) server_cpus="$2"; shift 2;;
    --server) server="$2"; shift 2;;
    --xlbench) xlbench="$2"; shift 2;;
    -h|--help) usage;;
    -*) echo "wrk-crosscheck: unknown option '$1'" >&2; usage;;
    *) target="$1"; shift;;
  esac
done
for n in "$connections" "$threads" "$duration" "$rounds"; do
  case "$n" in ''|*[!0-9]*|0) echo "wrk-crosscheck: '$n' is not a positive whole number" >&2; exit 2;; esac
done
command -v wrk >/dev/null || { echo "wrk-crosscheck: wrk is not installed (apt-get install wrk)" >&2; exit 2; }
[ -x "$xlbench" ] || { echo "wrk-crosscheck: no xlbench at $xlbench (build it, or pass --xlbench)" >&2; exit 2; }
[ -z "$body_file" ] || [ -r "$body_file" ] || { echo "wrk-crosscheck: cannot read --body-file '$body_file'" >&2; exit 2; }

tmp="$(mktemp -d)"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill -TERM "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

if [ -n "$server" ]; then
  [ -x "$server" ] || { echo "wrk-crosscheck: --server '$server' is not an executable" >&2; exit 2; }
  server_threads=$(taskset -c "$server_cpus" nproc)
  printf '{"protocol":1,"workload":"http","mode":"plaintext","input":{"name":"default","path":"","schema":"","bytes":0},"params":{},"threads":%s,"host":"127.0.0.1","port":0}\n' \
    "$server_threads" >"$tmp/request.json"
  GOMAXPROCS="$server_threads" taskset -c "$server_cpus" "$server" --request "$tmp/request.json" \
    >"$tmp/server.out" 2>"$tmp/server.err" </dev/null &
  server_pid=$!
  for _ in $(seq 100); do
    grep -q '"ready"' "$tmp/server.out" 2>/dev/null && break
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.1
  done
  port="$(sed -n 's/.*"type":"ready".*"port":\([0-9]*\).*/\1/p' "$tmp/server.out")"
  [ -n "$port" ] || { echo "wrk-crosscheck: the server never became ready:" >&2; cat "$tmp/server.out" "$tmp/server.err" >&2; exit 1; }
  target="127.0.0.1:$port"
  echo "server: $server on CPUs $server_cpus ($server_threads threads), $target"
fi
[ -n "$target" ] || usage
host="${target%:*}" port="${target##*:}"

wrk_args=(-t "$threads" -c "$connections" -d "${duration}s")
if [ "$method" != GET ] || [ -n "$body_file" ]; then
  {
    echo "wrk.method = \"$method\""
    echo "wrk.headers[\"Content-Type\"] = \"$content_type\""
    [ -n "$body_file" ] && echo "local f = assert(io.open(\"$body_file\", \"rb\")); wrk.body = f:read(\"*a\"); f:close()"
  } >"$tmp/request.lua"
  wrk_args+=(-s "$tmp/request.lua")
fi
builtin_args=(loadgen --host "$host" --port "$port" --path "$path" --method "$method" --connections "$connections"
              --threads "$threads" --duration "$duration" --warmup 0 --cpus "$cpus")
[ -n "$body_file" ] && builtin_args+=(--body-file "$body_file" --content-type "$content_type")

run_wrk() {
  taskset -c "$cpus" wrk "${wrk_args[@]}" "http://$target$path" >"$tmp/wrk.txt" 2>&1 || { cat "$tmp/wrk.txt" >&2; exit 1; }
  local rate errors
  rate="$(sed -n 's/^Requests\/sec: *//p' "$tmp/wrk.txt")"
  errors="$(grep -E 'Non-2xx|Socket errors' "$tmp/wrk.txt" | tr -s ' ' | paste -sd';' || true)"
  echo "  wrk       ${rate} req/s ${errors:+ ($errors)}" >&2
  echo "$rate"
}
run_builtin() {
  taskset -c "$cpus" "$xlbench" "${builtin_args[@]}" >"$tmp/builtin.json" 2>"$tmp/builtin.err" ||
    { cat "$tmp/builtin.err" >&2; exit 1; }
  python3 - "$tmp/builtin.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
lat = r["latency"]
print(f"  built-in  {r['achieved_rate']:.2f} req/s  (errors {r['errors']['total']}, p50 {lat['p50_ns']/1e3:.0f} us, "
      f"p99 {lat['p99_ns']/1e3:.0f} us, cpus {r['cpus_used']})", file=sys.stderr)
print(r["achieved_rate"])
PY
}

echo "target http://$target$path  method $method  connections $connections  threads $threads  duration ${duration}s  client CPUs $cpus"
wrk_rates=() builtin_rates=()
for round in $(seq "$rounds"); do
  echo "round $round"
  if [ $((round % 2)) -eq 1 ]; then
    wrk_rates+=("$(run_wrk)"); builtin_rates+=("$(run_builtin)")
  else
    builtin_rates+=("$(run_builtin)"); wrk_rates+=("$(run_wrk)")
  fi
done
python3 - "${wrk_rates[*]}" "${builtin_rates[*]}" <<'PY'
import statistics, sys
wrk = [float(x) for x in sys.argv[1].split()]
builtin = [float(x) for x in sys.argv[2].split()]
w, b = statistics.median(wrk), statistics.median(builtin)
print(f"wrk       median {w:,.0f} req/s")
print(f"built-in  median {b:,.0f} req/s")
print(f"ratio built-in / wrk: {b / w:.3f}" if w > 0 else "ratio: wrk reached 0 req/s")
PY
