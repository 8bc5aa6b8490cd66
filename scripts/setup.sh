#!/usr/bin/env bash
# Sets up everything xlbench needs on a fresh Debian machine and builds it:
# system packages, Go modules, crates, the harness (CMake) and every variant.
# Idempotent: a warm machine skips what is already there.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="${XLB_BUILD_DIR:-$root/build}"

packages=(cmake ninja-build g++ pkg-config libboost-dev libboost-filesystem-dev nlohmann-json3-dev
          libspdlog-dev libcli11-dev libgtest-dev libbenchmark-dev libssl-dev
          postgresql)  # the sql-api workload's database (a throwaway cluster per run)
packages+=(libsqlite3-dev libpq-dev)  # the history database: SQLite by default, PostgreSQL shared (docs/history.md)
packages+=(chromium)  # headless browser for report.html's test (tests/integration/html_browser_test.cpp)
packages+=(libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler)  # the grpc workload's load generator
packages+=(valgrind wrk clang)  # --instructions (callgrind), scripts/wrk-crosscheck.sh, scripts/fuzz.sh
packages+=(openssh-client openssh-server iproute2)  # --server-host (system ssh); the netns tests start their own sshd
command -v npm >/dev/null || packages+=(npm)  # Chart.js for report.html (package-lock.json)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=(); [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
fi
for tool in go cargo; do
  command -v "$tool" >/dev/null || { echo "setup: '$tool' is required on PATH" >&2; exit 1; }
done

echo "setup: fetching Go modules and crates"
(cd "$root/go_impls" && go mod download)
(cd "$root/rust_impls" && cargo fetch --locked -q)

# Chart.js, embedded inline into report.html; without it reports still render, with tables only.
chart_js="$root/node_modules/chart.js/dist/chart.umd.js"
want_chart="$(sed -n 's/.*"chart.js": *"\([0-9.]*\)".*/\1/p' "$root/package.json")"
have_chart="$(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$root/node_modules/chart.js/package.json" 2>/dev/null | head -1 || true)"
if [ -f "$chart_js" ] && [ "$have_chart" = "$want_chart" ]; then
  :
elif command -v npm >/dev/null; then
  echo "setup: installing Chart.js $want_chart (npm ci)"
  (cd "$root" && npm ci --no-audit --no-fund --loglevel=error)
else
  echo "setup: warning: npm not found; HTML reports will have tables but no charts" >&2
fi

echo "setup: building the harness in $build_dir"
cmake -S "$root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
# The main job needs only the xlbench binary (XLB_SETUP_HARNESS_ONLY=1, scripts/run-suite.sh);
# the test command builds the tests and benchmarks too.
if [ "${XLB_SETUP_HARNESS_ONLY:-0}" = 1 ]; then
  cmake --build "$build_dir" --target xlbench
else
  cmake --build "$build_dir"
fi

echo "setup: building every Go and Rust variant (release)"
"$build_dir/harness/xlbench" --build-dir "$build_dir" build
