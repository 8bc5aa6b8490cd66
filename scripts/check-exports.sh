#!/usr/bin/env bash
# Feeds two xlbench runs' benchstat exports to Go's real benchstat and checks it
# parses them (exit 0, output names the benchmarks). Installs benchstat into
# build/tools (GOBIN) on first use; skips (exit 77) when it cannot be installed.
#
#   scripts/check-exports.sh results/<old>/results.json results/<new>/results.json
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="${XLB_BUILD_DIR:-$root/build}"
old="${1:?usage: check-exports.sh old/results.json new/results.json}"
new="${2:?usage: check-exports.sh old/results.json new/results.json}"
tools="$build_dir/tools"
benchstat="$tools/benchstat"
if [ ! -x "$benchstat" ]; then
  mkdir -p "$tools"
  if ! GOBIN="$tools" go install golang.org/x/perf/cmd/benchstat@latest; then
    echo "check-exports: skipped, could not install benchstat (go install golang.org/x/perf/cmd/benchstat@latest)" >&2
    exit 77
  fi
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$build_dir/harness/xlbench" report "$old" -f benchstat -o "$work/old.txt"
"$build_dir/harness/xlbench" report "$new" -f benchstat -o "$work/new.txt"
"$benchstat" "$work/old.txt" "$work/new.txt" | tee "$work/out.txt"
first="$(sed -n 's/^Benchmark\([^ ]*\) .*/\1/p' "$work/old.txt" | head -1 || true)"
grep -qF "$first" "$work/out.txt" || { echo "check-exports: FAIL, benchstat output lacks $first" >&2; exit 1; }
echo "check-exports: ok, benchstat parsed both exports"
