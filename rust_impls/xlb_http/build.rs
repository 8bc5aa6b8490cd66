//! Exposes the resolved tokio version as a compile-time env var
//! (`XLB_VERSION_TOKIO`), read from the workspace Cargo.lock (see xlb_build).

fn main() {
    xlb_build::emit_versions("xlb_http", &["tokio"]);
}
