//! Exposes the resolved versions of the JSON libraries as compile-time env
//! vars (`XLB_VERSION_<NAME>`), read from the workspace Cargo.lock (see
//! xlb_build).

fn main() {
    xlb_build::emit_versions("xlb_json", &["serde_json", "simd-json", "sonic-rs"]);
}
