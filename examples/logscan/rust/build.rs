//! Records, for the hello line, the compiler's version and the regex version
//! that Cargo.lock pins.

use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=Cargo.lock");
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let out = Command::new(rustc)
        .arg("--version")
        .output()
        .expect("rustc --version");
    let version = String::from_utf8_lossy(&out.stdout);
    println!("cargo:rustc-env=RUSTC_VERSION={}", version.trim());

    let lock = std::fs::read_to_string("Cargo.lock").expect("reading Cargo.lock");
    let regex = lock
        .split("[[package]]")
        .find_map(|p| p.trim().strip_prefix("name = \"regex\"\nversion = \""))
        .and_then(|rest| rest.split('"').next())
        .expect("regex in Cargo.lock");
    println!("cargo:rustc-env=REGEX_VERSION={regex}");
}
