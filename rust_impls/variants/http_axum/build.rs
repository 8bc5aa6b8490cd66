//! Exposes the resolved axum version (`XLB_VERSION_AXUM`), read from the
//! workspace Cargo.lock.

fn main() {
    xlb_build::emit_versions("http_axum", &["axum"]);
}
