#!/usr/bin/env bash
# Builds and runs xlbench_history_detection_rate: the false-positive rate of `xlbench history
# check` on synthetic series of unchanged runs and its detection rate for injected 5%, 10% and
# 20% steps (docs/history.md, "Measured rates"). Extra arguments go to the tool
# (--series N, --seed S).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="${XLB_BUILD_DIR:-$root/build}"
[ -f "$build_dir/build.ninja" ] || cmake -S "$root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
nice -n 10 ninja -C "$build_dir" xlbench_history_detection_rate >/dev/null
exec "$build_dir/tests/xlbench_history_detection_rate" "$@"
