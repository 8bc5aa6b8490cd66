#!/usr/bin/env bash
# Every test: C++ (GoogleTest via ctest, also under ASan/UBSan), Go and Rust
# unit tests, and the linters the project holds itself to. Sets up first.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="${XLB_BUILD_DIR:-$root/build}"
"$root/scripts/setup.sh"

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

echo "== Go: vet, gofmt, go test"
(cd "$root/go_impls"
 go vet ./...
 unformatted="$(gofmt -l .)"; [ -z "$unformatted" ] || { echo "gofmt: $unformatted" >&2; exit 1; }
 go test ./...)

echo "== Rust: fmt, clippy, cargo test"
(cd "$root/rust_impls"
 export CARGO_TARGET_DIR="$build_dir/rust-target"
 cargo fmt --all --check
 cargo clippy --locked --workspace --all-targets -q -- -D warnings
 cargo test --locked --workspace -q)
echo "== all tests passed"
