//! Exposes the resolved serde_json version as a compile-time env var
//! (`XLB_VERSION_SERDE_JSON`), read from the workspace Cargo.lock (see xlb_build).

fn main() {
    xlb_build::emit_versions("xlb_holding", &["serde_json"]);
}
