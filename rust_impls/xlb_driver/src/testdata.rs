//! For the workload crates' tests: locating the shared benchmark data.

use std::path::{Path, PathBuf};

/// A file of the data directory: $XLBENCH_DATA_DIR, else the first
/// `shared/data` above `crate_dir` (the calling crate's
/// `env!("CARGO_MANIFEST_DIR")`). Prints a notice when it is absent.
pub fn data_file(crate_dir: impl AsRef<Path>, rel: &str) -> Option<PathBuf> {
    let dirs: Vec<PathBuf> = match std::env::var_os("XLBENCH_DATA_DIR") {
        Some(dir) => vec![PathBuf::from(dir)],
        None => crate_dir
            .as_ref()
            .ancestors()
            .map(|d| d.join("shared/data"))
            .collect(),
    };
    let found = dirs.iter().map(|d| d.join(rel)).find(|p| p.is_file());
    if found.is_none() {
        println!("notice: {rel} not found (set XLBENCH_DATA_DIR); skipping");
    }
    found
}
