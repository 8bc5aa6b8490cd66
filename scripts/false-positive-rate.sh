#!/usr/bin/env bash
# False-positive rate of the regression gate: runs the same selection N times
# with nothing changed and compares each run with the next. Every
# "regressed" verdict is then a false positive.
#   scripts/false-positive-rate.sh [N] [xlbench run options...]
#   e.g. scripts/false-positive-rate.sh 6 --quick --workload json --input small
# XLB_BUILD_DIR: where the variants are built (default: build/); XLB_CLI: the xlbench to
# measure and compare with (default: $XLB_BUILD_DIR/harness/xlbench), e.g. another build's.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="${XLB_BUILD_DIR:-$root/build}"
xlb="${XLB_CLI:-$build_dir/harness/xlbench}"
runs="${1:-6}"
shift || true
[[ "$runs" =~ ^[0-9]+$ ]] && [ "$runs" -ge 2 ] || { echo "N must be a number >= 2, got '$runs'" >&2; exit 2; }
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

for i in $(seq 1 "$runs"); do
  echo "run $i/$runs"
  "$xlb" --build-dir "$build_dir" run --no-build --results-dir "$out" --run-id "fp-$i" "$@" > "$out/run-$i.log" 2>&1 ||
    { tail -20 "$out/run-$i.log"; exit 1; }
done
for i in $(seq 1 $((runs - 1))); do
  set +e
  "$xlb" compare "$out/fp-$i/results.json" "$out/fp-$((i + 1))/results.json" -f json -o "$out/cmp-$i.json"
  status=$?
  set -e
  [ "$status" -le 1 ] || { echo "compare failed (exit $status)" >&2; exit 1; }
done
python3 - "$out" "$runs" <<'PY'
import glob, json, sys
out, runs = sys.argv[1], int(sys.argv[2])
rows = flagged = 0
per = {}
for path in sorted(glob.glob(f"{out}/cmp-*.json")):
    for r in json.load(open(path))["rows"]:
        key = f'{r["workload"]}/{r["mode"]}/{r["input"]} {r["language"]}/{r["variant"]}'
        rows += 1
        bad = r["verdict"] == "regressed"
        flagged += bad
        per.setdefault(key, [0, 0])
        per[key][0] += 1
        per[key][1] += bad
print(f"\n{runs} identical runs, {runs - 1} comparisons of consecutive runs")
for key, (n, bad) in sorted(per.items()):
    print(f"  {key:60s} {bad}/{n} flagged as regressed")
rate = flagged / rows if rows else 0
print(f"false-positive rate: {flagged}/{rows} = {rate:.1%} (measurement comparisons with a 'regressed' verdict)")
PY
