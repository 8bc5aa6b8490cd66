#!/usr/bin/env bash
# Every test: C++ (GoogleTest via ctest, also under ASan/UBSan), Go and Rust
# unit tests, and the linters the project holds itself to. Sets up first.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="${XLB_BUILD_DIR:-$root/build}"
"$root/scripts/setup.sh"
# The shipped example of a workload from outside the tree (examples/logscan), built once for the
# test that runs it (tests/integration/external_workloads_test.cpp).
"$build_dir/harness/xlbench" --build-dir "$build_dir" build --workloads "$root/examples/logscan"
# report.html's headless-browser test may skip only where chromium is missing; here it must run.
export XLBENCH_REQUIRE_BROWSER=1
# The multi-host tests (network namespaces, a throwaway sshd) may skip only where netns is missing.
export XLBENCH_REQUIRE_NETNS=1

echo "== C++: ctest"
XLBENCH_REQUIRE_REAL=1 XLB_VARIANT_BUILD_DIR="$build_dir" ctest --test-dir "$build_dir" --output-on-failure

if [ "${XLB_SKIP_SANITIZE:-0}" != 1 ]; then
  echo "== C++: ctest under AddressSanitizer + UndefinedBehaviorSanitizer"
  cmake -S "$root" -B "$build_dir-sanitize" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DXLB_SANITIZE=ON \
        -DXLB_BUILD_BENCHMARKS=OFF >/dev/null
  cmake --build "$build_dir-sanitize"
  # The real variants were built above; the sanitized harness reuses them.
  XLBENCH_REQUIRE_REAL=1 XLB_VARIANT_BUILD_DIR="$build_dir" \
    ctest --test-dir "$build_dir-sanitize" --output-on-failure
fi

# The sql-api services' database tests need DATABASE_URL: the Go and Rust tests run next to a
# throwaway PostgreSQL (tests/tools/with_postgres.cpp); where it cannot start, those tests skip.
with_pg=()
if "$build_dir/tests/xlbench_with_postgres" -- true 2>/dev/null; then
  with_pg=("$build_dir/tests/xlbench_with_postgres" --)
else
  echo "note: PostgreSQL is not available: the sql-api database tests will skip"
fi

echo "== gRPC: the checked-in generated code is what workloads/grpc/bench.proto generates"
XLB_BUILD_DIR="$build_dir" "$root/scripts/gen-grpc.sh" --check

echo "== Go: vet, gofmt, go test"
(cd "$root/go_impls"
 go vet ./...
 unformatted="$(gofmt -l .)"; [ -z "$unformatted" ] || { echo "gofmt: $unformatted" >&2; exit 1; }
 "${with_pg[@]}" go test ./...)

echo "== Rust: fmt, clippy, cargo test"
(cd "$root/rust_impls"
 export CARGO_TARGET_DIR="$build_dir/rust-target"
 cargo fmt --all --check
 cargo clippy --locked --workspace --all-targets -q -- -D warnings
 "${with_pg[@]}" cargo test --locked --workspace -q)
echo "== Example workload (examples/logscan): go vet, gofmt, go test; cargo fmt, clippy, test"
(cd "$root/examples/logscan/go"
 go vet ./...
 unformatted="$(gofmt -l .)"; [ -z "$unformatted" ] || { echo "gofmt: $unformatted" >&2; exit 1; }
 go test ./...)
(cd "$root/examples/logscan/rust"
 export CARGO_TARGET_DIR="$build_dir/ext/logscan/rust-target"
 cargo fmt --check
 cargo clippy --locked --release --all-targets -q -- -D warnings
 cargo test --locked --release -q)
echo "== Regression gate smoke: quick run, self-compare, injected slowdown"
XLB_BUILD_DIR="$build_dir" "$root/scripts/ci-smoke.sh"
echo "== all tests passed"
