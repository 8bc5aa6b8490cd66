#!/usr/bin/env bash
# Regenerates the checked-in gRPC code of the Go and Rust servers from
# workloads/grpc/bench.proto (workloads/grpc/README.md, "Generated code"):
#   go_impls/internal/grpcbench/pb/   protoc-gen-go + protoc-gen-go-grpc
#   rust_impls/xlb_grpc/src/generated/  prost + tonic (rust_impls/xlb_grpc/examples/generate.rs)
# Checked in rather than generated at build time so that builds need no protoc and the Rust
# build reads nothing outside rust_impls/ (the build workload copies it alone).
#   scripts/gen-grpc.sh           regenerate in place
#   scripts/gen-grpc.sh --check   regenerate into a scratch directory; fail if it differs
# Needs protoc (Debian's protobuf-compiler), go and cargo. The Go plugins are installed at pinned
# versions into $XLB_BUILD_DIR/tools (default build/tools), never into the tree.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="${XLB_BUILD_DIR:-$root/build}"

# protoc-gen-go is protobuf-go's, at the version go.mod pins for the runtime its code calls.
protoc_gen_go_grpc_version=v1.6.2

check=0
case "${1:-}" in
  "") ;;
  --check) check=1 ;;
  *) echo "usage: $0 [--check]" >&2; exit 2 ;;
esac
command -v protoc >/dev/null || { echo "gen-grpc: protoc is required (apt-get install protobuf-compiler)" >&2; exit 1; }

proto_dir="$root/workloads/grpc"
go_dest="$root/go_impls/internal/grpcbench/pb"
rust_dest="$root/rust_impls/xlb_grpc/src/generated"
tools="$build_dir/tools/grpc-gen"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$tools" "$scratch/go" "$scratch/rust"

protobuf_version="$(cd "$root/go_impls" && go list -m -f '{{.Version}}' google.golang.org/protobuf)"
GOBIN="$tools" go install "google.golang.org/protobuf/cmd/protoc-gen-go@$protobuf_version"
GOBIN="$tools" go install "google.golang.org/grpc/cmd/protoc-gen-go-grpc@$protoc_gen_go_grpc_version"
protoc -I "$proto_dir" \
  --plugin=protoc-gen-go="$tools/protoc-gen-go" --go_out="$scratch/go" --go_opt=paths=source_relative \
  --plugin=protoc-gen-go-grpc="$tools/protoc-gen-go-grpc" --go-grpc_out="$scratch/go" \
  --go-grpc_opt=paths=source_relative \
  "$proto_dir/bench.proto"

(cd "$root/rust_impls" &&
 CARGO_TARGET_DIR="$build_dir/rust-target" cargo run --locked -q -p xlb_grpc --example generate -- \
   "$proto_dir/bench.proto" "$scratch/rust")

if [ "$check" = 1 ]; then
  status=0
  diff -ru "$go_dest" "$scratch/go" || status=1
  diff -ru "$rust_dest" "$scratch/rust" || status=1
  if [ "$status" != 0 ]; then
    echo "gen-grpc: the checked-in gRPC code is not what workloads/grpc/bench.proto generates;" \
         "run scripts/gen-grpc.sh and commit the result" >&2
    exit 1
  fi
  echo "gen-grpc: the generated gRPC code is up to date"
else
  mkdir -p "$go_dest" "$rust_dest"
  rm -f "$go_dest"/*.pb.go "$rust_dest"/*.rs
  cp "$scratch/go"/* "$go_dest/"
  cp "$scratch/rust"/* "$rust_dest/"
  echo "gen-grpc: wrote $(cd "$root" && ls go_impls/internal/grpcbench/pb/*.go rust_impls/xlb_grpc/src/generated/*.rs | tr '\n' ' ')"
fi
