//! Exposes the resolved actix-web version (`XLB_VERSION_ACTIX_WEB`), read
//! from the workspace Cargo.lock.

fn main() {
    xlb_build::emit_versions("http_actix", &["actix-web"]);
}
