#!/usr/bin/env bash
# The main job: set up, then run the default suite and write its report.
# Extra arguments go to `xlbench run` (e.g. --quick, --workload json).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="${XLB_BUILD_DIR:-$root/build}"
XLB_SETUP_HARNESS_ONLY=1 "$root/scripts/setup.sh"  # the harness and the variants, not the tests
exec "$build_dir/harness/xlbench" --build-dir "$build_dir" run --no-build "$@"
