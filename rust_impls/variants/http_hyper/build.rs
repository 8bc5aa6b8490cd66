//! Exposes the resolved hyper and hyper-util versions (`XLB_VERSION_HYPER`,
//! `XLB_VERSION_HYPER_UTIL`), read from the workspace Cargo.lock.

fn main() {
    xlb_build::emit_versions("http_hyper", &["hyper", "hyper-util"]);
}
