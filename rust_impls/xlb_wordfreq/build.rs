//! Exposes the resolved rustc-hash version as a compile-time env var
//! (`XLB_VERSION_RUSTC_HASH`), read from the workspace Cargo.lock (see
//! xlb_build).

fn main() {
    xlb_build::emit_versions("xlb_wordfreq", &["rustc-hash"]);
}
