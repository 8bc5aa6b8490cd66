#!/usr/bin/env bash
# Cross-checks the built-in gRPC load generator against ghz: the same server, method, message,
# concurrency, connections, duration and client CPUs; prints both messages/s and the ratio
# built-in / ghz. ghz counts calls: for chat and collect each call carries --messages-per-call
# Items (ghz streams the same list), so its msgs/s is calls/s x that number; echo is one each.
#
#   scripts/grpc-crosscheck.sh [options] HOST:PORT        a server that is already running
#   scripts/grpc-crosscheck.sh [options] --server BINARY  start a server-protocol variant for the check
#
# options: --method echo|chat|collect (default echo)  --messages-per-call 10  --text-bytes 0
#          --lanes 16 (concurrent calls)  --channels 1  --duration 10 (s)  --rounds 1 (alternating)
#          --cpus 0 (client CPUs)  --server-cpus 1  --xlbench PATH (default build/harness/xlbench)
#          --ghz PATH (default build/tools/ghz, installed there with `go install` when missing)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
method=echo per_call=10 text_bytes=0 lanes=16 channels=1 duration=10 rounds=1 cpus=0 server_cpus=1 server="" target=""
xlbench="${XLBENCH:-$root/build/harness/xlbench}"
ghz="$root/build/tools/ghz"
ghz_version=v0.120.0

usage() { sed -n '2,14p' "$0" >&2; exit 2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --method) method="$2"; shift 2;;
    --messages-per-call) per_call="$2"; shift 2;;
    --text-bytes) text_bytes="$2"; shift 2;;
    --lanes) lanes="$2"; shift 2;;
    --channels) channels="$2"; shift 2;;
    --duration) duration="$2"; shift 2;;
    --rounds) rounds="$2"; shift 2;;
    --cpus) cpus="$2"; shift 2;;
    --server-cpus) server_cpus="$2"; shift 2;;
    --server) server="$2"; shift 2;;
    --xlbench) xlbench="$2"; shift 2;;
    --ghz) ghz="$2"; shift 2;;
    -h|--help) usage;;
    -*) echo "grpc-crosscheck: unknown option '$1'" >&2; usage;;
    *) target="$1"; shift;;
  esac
done
for n in "$per_call" "$lanes" "$channels" "$duration" "$rounds"; do
  case "$n" in ''|*[!0-9]*|0) echo "grpc-crosscheck: '$n' is not a positive whole number" >&2; exit 2;; esac
done
case "$text_bytes" in ''|*[!0-9]*) echo "grpc-crosscheck: --text-bytes '$text_bytes' is not a whole number" >&2; exit 2;; esac
case "$method" in echo) per_call=1; rpc=Echo;; chat) rpc=Chat;; collect) rpc=Collect;;
  *) echo "grpc-crosscheck: --method '$method' (echo, chat, collect; ghz cannot count server-streamed Items)" >&2; exit 2;; esac
[ -x "$xlbench" ] || { echo "grpc-crosscheck: no xlbench at $xlbench (build it, or pass --xlbench)" >&2; exit 2; }
if [ ! -x "$ghz" ]; then
  command -v go >/dev/null || { echo "grpc-crosscheck: no ghz at $ghz and no go to install it" >&2; exit 2; }
  echo "installing ghz $ghz_version into $(dirname "$ghz")" >&2
  mkdir -p "$(dirname "$ghz")"
  GOBIN="$(cd "$(dirname "$ghz")" && pwd)" go install "github.com/bojand/ghz/cmd/ghz@$ghz_version"
fi

tmp="$(mktemp -d)"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill -TERM "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

if [ -n "$server" ]; then
  [ -x "$server" ] || { echo "grpc-crosscheck: --server '$server' is not an executable" >&2; exit 2; }
  server_threads=$(taskset -c "$server_cpus" nproc)
  printf '{"protocol":1,"workload":"grpc","mode":"all","endpoints":["echo","stream","collect","chat"],"input":{"name":"small","path":"","schema":"","bytes":0},"params":{"text_bytes":0},"threads":%s,"host":"127.0.0.1","port":0}\n' \
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
  [ -n "$port" ] || { echo "grpc-crosscheck: the server never became ready:" >&2; cat "$tmp/server.out" "$tmp/server.err" >&2; exit 1; }
  target="127.0.0.1:$port"
  echo "server: $server on CPUs $server_cpus ($server_threads threads), $target"
fi
[ -n "$target" ] || usage
host="${target%:*}" port="${target##*:}"

# The workload's Item, as the built-in generator sends it (workloads/grpc/README.md, "Messages").
python3 - "$text_bytes" "$per_call" "$method" >"$tmp/data.json" <<'PY'
import json, sys
text_bytes, per_call, method = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
text = ("0123456789abcdef" * (text_bytes // 16 + 1))[:text_bytes]
item = {"id": 0, "name": "xlbench", "values": [1, -2, 3, -4, 5, -6, 7, -19], "text": text}
print(json.dumps(item if method == "echo" else [dict(item, id=i) for i in range(per_call)]))
PY

ghz_args=(--insecure --proto "$root/workloads/grpc/bench.proto" --call "xlbench.grpc.v1.Bench.$rpc"
          -D "$tmp/data.json" -c "$lanes" --connections "$channels" -z "${duration}s" -O json)
builtin_args=(grpc-loadgen --host "$host" --port "$port" --method "$method" --lanes "$lanes" --channels "$channels"
              --messages-per-call "$per_call" --text-bytes "$text_bytes" --duration "$duration" --warmup 0 --cpus "$cpus")

run_ghz() {
  taskset -c "$cpus" "$ghz" "${ghz_args[@]}" "$target" >"$tmp/ghz.json" 2>"$tmp/ghz.err" || { cat "$tmp/ghz.err" >&2; exit 1; }
  python3 - "$tmp/ghz.json" "$per_call" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
per_call = int(sys.argv[2])
rate = r["rps"] * per_call
errors = {k: v for k, v in (r.get("statusCodeDistribution") or {}).items() if k != "OK"}
print(f"  ghz       {rate:,.2f} msgs/s ({r['rps']:,.2f} calls/s x {per_call}){'  errors ' + str(errors) if errors else ''}",
      file=sys.stderr)
print(rate)
PY
}
run_builtin() {
  taskset -c "$cpus" "$xlbench" "${builtin_args[@]}" >"$tmp/builtin.json" 2>"$tmp/builtin.err" ||
    { cat "$tmp/builtin.err" >&2; exit 1; }
  python3 - "$tmp/builtin.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
lat = r["latency"]
print(f"  built-in  {r['achieved_rate']:,.2f} msgs/s ({r['calls']} calls; errors {r['errors']['total']} "
      f"{r['grpc_status']}, p50 {lat['p50_ns']/1e3:.0f} us, p99 {lat['p99_ns']/1e3:.0f} us, cpus {r['cpus_used']})",
      file=sys.stderr)
print(r["achieved_rate"])
PY
}

echo "target $target  method $rpc  messages per call $per_call  text $text_bytes B  lanes $lanes  channels $channels  duration ${duration}s  client CPUs $cpus"
ghz_rates=() builtin_rates=()
for round in $(seq "$rounds"); do
  echo "round $round"
  if [ $((round % 2)) -eq 1 ]; then
    ghz_rates+=("$(run_ghz)"); builtin_rates+=("$(run_builtin)")
  else
    builtin_rates+=("$(run_builtin)"); ghz_rates+=("$(run_ghz)")
  fi
done
python3 - "${ghz_rates[*]}" "${builtin_rates[*]}" <<'PY'
import statistics, sys
ghz = [float(x) for x in sys.argv[1].split()]
builtin = [float(x) for x in sys.argv[2].split()]
g, b = statistics.median(ghz), statistics.median(builtin)
print(f"ghz       median {g:,.0f} msgs/s")
print(f"built-in  median {b:,.0f} msgs/s")
print(f"ratio built-in / ghz: {b / g:.3f}" if g > 0 else "ratio: ghz reached 0 msgs/s")
PY
