//! Shared by the workload crates' build scripts: exposes the resolved
//! versions of a crate's libraries as compile-time env vars
//! (`XLB_VERSION_<NAME>`), read from the workspace Cargo.lock so the hello
//! line reports what was really built, not what a manifest asked for.

use std::path::{Path, PathBuf};

struct Package {
    name: String,
    version: String,
    dependencies: Vec<String>,
}

/// Called from `build.rs` of `this_crate`: prints one
/// `cargo:rustc-env=XLB_VERSION_<LIB>=<version>` per library (`-` becomes
/// `_`, upper case), with the version `this_crate` resolved in Cargo.lock.
pub fn emit_versions(this_crate: &str, libraries: &[&str]) {
    let manifest_dir = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    let lock_path = find_lockfile(&manifest_dir)
        .unwrap_or_else(|| panic!("no Cargo.lock above {}", manifest_dir.display()));
    println!("cargo:rerun-if-changed={}", lock_path.display());
    println!("cargo:rerun-if-changed=build.rs");

    let text = std::fs::read_to_string(&lock_path).expect("cannot read Cargo.lock");
    let packages = parse_lockfile(&text);
    let me = packages
        .iter()
        .find(|p| p.name == this_crate)
        .unwrap_or_else(|| panic!("{this_crate} is not in {}", lock_path.display()));
    for &lib in libraries {
        let version = resolve(&packages, me, lib);
        let var = lib.replace('-', "_").to_uppercase();
        println!("cargo:rustc-env=XLB_VERSION_{var}={version}");
    }
}

fn find_lockfile(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .map(|dir| dir.join("Cargo.lock"))
        .find(|p| p.is_file())
}

/// The version of `lib` that `me` depends on. A lockfile dependency entry is
/// "name" when only one version is locked, else "name version [(source)]".
fn resolve(packages: &[Package], me: &Package, lib: &str) -> String {
    let entry = me
        .dependencies
        .iter()
        .find(|d| d.split(' ').next() == Some(lib))
        .unwrap_or_else(|| panic!("{} does not depend on {lib} in Cargo.lock", me.name));
    if let Some(version) = entry.split(' ').nth(1) {
        return version.to_string();
    }
    let mut versions = packages.iter().filter(|p| p.name == lib);
    match (versions.next(), versions.next()) {
        (Some(p), None) => p.version.clone(),
        _ => panic!("Cargo.lock: cannot pick one version of {lib}"),
    }
}

/// Just enough of the lockfile format: [[package]] tables with `name`,
/// `version` and a multi-line `dependencies` array of strings.
fn parse_lockfile(text: &str) -> Vec<Package> {
    let mut packages = Vec::new();
    let mut current: Option<Package> = None;
    let mut in_deps = false;
    for line in text.lines().map(str::trim) {
        if line == "[[package]]" {
            packages.extend(current.take());
            current = Some(Package {
                name: String::new(),
                version: String::new(),
                dependencies: Vec::new(),
            });
            in_deps = false;
            continue;
        }
        let Some(pkg) = current.as_mut() else {
            continue;
        };
        if in_deps {
            if line.starts_with(']') {
                in_deps = false;
            } else {
                pkg.dependencies.push(unquote(line.trim_end_matches(',')));
            }
        } else if let Some(v) = line.strip_prefix("name = ") {
            pkg.name = unquote(v);
        } else if let Some(v) = line.strip_prefix("version = ") {
            pkg.version = unquote(v);
        } else if line == "dependencies = [" {
            in_deps = true;
        } else if line.starts_with('[') {
            // Another table (e.g. [metadata]) ends the package.
            packages.extend(current.take());
        }
    }
    packages.extend(current);
    packages
}

fn unquote(s: &str) -> String {
    s.trim().trim_matches('"').to_string()
}
