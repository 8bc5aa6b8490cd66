//! Exposes the resolved axum, tokio-postgres and deadpool-postgres versions
//! (`XLB_VERSION_*`), read from the workspace Cargo.lock.

fn main() {
    xlb_build::emit_versions(
        "sqlapi_axum",
        &["axum", "tokio-postgres", "deadpool-postgres"],
    );
}
