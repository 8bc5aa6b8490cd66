#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (AddressSanitizer + UndefinedBehaviorSanitizer)
# and runs each for a bounded time, printing executions and crashes.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]     default: 60 s each, every target
#
# Seeds and regression inputs live in tests/fuzz/corpus/<target>/ (replayed by
# the FuzzCorpus unit test on every ctest run); a crashing input is copied there.
# The growing working corpus stays in the build directory.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${XLB_FUZZ_BUILD_DIR:-$root/build-fuzz}"
seconds="${1:-60}"
[ $# -gt 0 ] && shift
case "$seconds" in ''|*[!0-9]*) echo "fuzz.sh: SECONDS must be a whole number, got '$seconds'" >&2; exit 2;; esac

# One line per target: name | fuzz source | sources it links (all relative to the root) | extra clang flags
targets=(
  "http_response|tests/fuzz/http_response_fuzz.cpp|harness/src/loadgen/http_response_parser.cpp|"
  "protocol_line|tests/fuzz/protocol_line_fuzz.cpp|harness/src/protocol/protocol.cpp harness/src/core/bounded_json.cpp|"
  "results_loader|tests/fuzz/results_loader_fuzz.cpp|harness/src/model/results.cpp harness/src/model/metrics.cpp harness/src/stats/stats.cpp harness/src/core/atomic_file.cpp harness/src/core/bounded_json.cpp|"
  # The gRPC answer checks need the protobuf classes of bench.proto, generated below.
  "grpc_answer|tests/fuzz/grpc_answer_fuzz.cpp|harness/src/loadgen/grpc/grpc_items.cpp|$build/gen/grpcbench/bench.pb.cc -I$build/gen -lprotobuf"
)
mkdir -p "$build/gen/grpcbench"
protoc -I "$root/workloads/grpc" --cpp_out="$build/gen/grpcbench" "$root/workloads/grpc/bench.proto"

cxx="${CXX_FUZZ:-clang++}"
command -v "$cxx" >/dev/null || { echo "fuzz.sh: $cxx not found (install clang)" >&2; exit 2; }
launcher=""
command -v ccache >/dev/null && launcher=ccache
flags=(-std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
       -fno-omit-frame-pointer -I"$root/harness/src" -I"$root/tests")

selected=("$@")
wanted() {
  [ ${#selected[@]} -eq 0 ] && return 0
  local s; for s in "${selected[@]}"; do [ "$s" = "$1" ] && return 0; done; return 1
}

failures=0
matched=0
for line in "${targets[@]}"; do
  IFS='|' read -r name source libs extra <<<"$line"
  wanted "$name" || continue
  matched=$((matched + 1))
  bin="$build/$name"
  work="$build/corpus/$name"
  artifacts="$build/artifacts/$name"
  seeds="$root/tests/fuzz/corpus/$name"
  mkdir -p "$work" "$artifacts" "$seeds"
  rm -f "$artifacts"/*
  srcs=("$root/$source")
  for lib in $libs; do srcs+=("$root/$lib"); done
  echo "== $name: build"
  # shellcheck disable=SC2086  # extra flags are words on purpose
  $launcher "$cxx" "${flags[@]}" $extra "${srcs[@]}" -o "$bin"
  echo "== $name: fuzz for $seconds s"
  log="$build/$name.log"
  set +e
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    "$bin" -max_total_time="$seconds" -print_final_stats=1 -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$artifacts/" "$work" "$seeds" >"$log" 2>&1
  rc=$?
  set -e
  execs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)"
  crashes=0
  for f in "$artifacts"/*; do
    [ -e "$f" ] || continue
    crashes=$((crashes + 1))
    cp "$f" "$seeds/$(basename "$f")"
    echo "   kept regression input tests/fuzz/corpus/$name/$(basename "$f")"
  done
  echo "   $name: ${execs:-unknown} executions, $crashes crashes, exit $rc (log: $log)"
  if [ "$crashes" -gt 0 ] || [ "$rc" -ne 0 ]; then
    failures=$((failures + 1))
    grep -m 5 -E "ERROR|invariant|runtime error" "$log" || tail -20 "$log"
  fi
done
[ "$matched" -gt 0 ] || { echo "fuzz.sh: no target named: ${selected[*]}" >&2; exit 2; }
[ "$failures" -eq 0 ] || { echo "fuzz.sh: $failures target(s) crashed" >&2; exit 1; }
echo "fuzz.sh: no crashes"
