#!/usr/bin/env bash
# CI smoke of the regression gate: a quick run of the suite, compared with
# itself (must find no regression, exit 0) and with a copy whose samples were
# slowed by 20% (must find it, exit 1). Expects scripts/setup.sh to have run.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="${XLB_BUILD_DIR:-$root/build}"
xlb="${XLB_CLI:-$build_dir/harness/xlbench}"  # XLB_CLI: another build's xlbench, same variants
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

echo "== smoke: quick suite run"
"$xlb" --build-dir "$build_dir" run --quick --no-build --results-dir "$out" --run-id smoke > "$out/run.log" 2>&1 ||
  { tail -40 "$out/run.log"; echo "smoke: the quick run failed" >&2; exit 1; }
run="$out/smoke/results.json"

echo "== smoke: compare the run with itself (expect exit 0)"
set +e
"$xlb" compare "$run" "$run" --format markdown > "$out/self.md"; self_status=$?
python3 "$root/scripts/inject_slowdown.py" --slowdown 0.20 "$run" "$out/slowed.json"
"$xlb" compare "$run" "$out/slowed.json" > "$out/slowed.txt"; slowed_status=$?
set -e
echo "self-compare exit $self_status; compare against the 20% slowdown exit $slowed_status"
if [ "$self_status" -ne 0 ]; then cat "$out/self.md"; echo "smoke: a run compared with itself regressed" >&2; exit 1; fi
if [ "$slowed_status" -ne 1 ]; then cat "$out/slowed.txt"; echo "smoke: the injected 20% slowdown was not detected" >&2; exit 1; fi
grep -c "regressed" "$out/slowed.txt" | xargs echo "regressed rows:"
echo "== smoke passed"
