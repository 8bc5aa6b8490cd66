//! Exposes the resolved tonic and prost versions (`XLB_VERSION_TONIC`,
//! `XLB_VERSION_PROST`), read from the workspace Cargo.lock. The gRPC code
//! itself is checked in (src/generated, scripts/gen-grpc.sh): this script
//! reads nothing outside rust_impls/.

fn main() {
    xlb_build::emit_versions("xlb_grpc", &["tonic", "prost"]);
}
