//! The `holding` workload (workloads/holding/README.md), spawn protocol:
//! read VmRSS at start-up, stream a file of Kubernetes-like resource
//! documents (JSON lines) into typed structs with serde_json, keep them all
//! in one `Vec`, read VmRSS while holding them, then reduce the held data to
//! the workload's checksum. One process run is one sample.
//!
//! Memory comes from Rust's default allocator (the system allocator, glibc
//! malloc here); there is no garbage collector, so nothing has to run before
//! the "holding" reading.

mod checksum;
mod load;
mod types;

use std::collections::BTreeMap;
use std::io::BufReader;
use std::path::Path;
use std::time::Instant;

use anyhow::{bail, Context, Result};
use xlb_driver::{Fact, Request, SpawnJob, SpawnResult, VariantInfo};

pub use checksum::checksum;
pub use load::load;
pub use types::*;
pub use xlb_driver::procfs::status_kb;

/// Resolved crate versions, taken from Cargo.lock by build.rs.
pub mod versions {
    pub const SERDE_JSON: &str = env!("XLB_VERSION_SERDE_JSON");
}

/// The hello line of `holding_serde`.
pub fn info() -> VariantInfo {
    VariantInfo {
        language: "rust",
        variant: "serde",
        library: "serde_json",
        library_version: versions::SERDE_JSON,
        backend: "serde_json::from_str into structs, BufReader::read_line".to_string(),
    }
}

/// The whole binary: the spawn protocol with this variant.
pub fn main() {
    xlb_driver::spawn_main(info(), |request| setup(request));
}

/// Checks the request; the returned run does the measured work (one thread).
pub fn setup(request: &Request) -> Result<SpawnJob<'static>> {
    if request.workload != "holding" {
        bail!(
            "request field `workload`: expected \"holding\", got {:?}",
            request.workload
        );
    }
    if request.mode != "typed" {
        bail!(
            "request field `mode`: unknown mode {:?} (want typed)",
            request.mode
        );
    }
    if request.input.path.as_os_str().is_empty() {
        bail!(
            "request field `input.path` is empty: the holding workload reads a file of documents"
        );
    }
    let path = request.input.path.clone();
    Ok(SpawnJob::new(1, move || run(&path)))
}

/// VmRSS at start-up, the timed load, VmRSS while holding, the checksum.
pub fn run(path: &Path) -> Result<SpawnResult> {
    let rss_before = status_kb("VmRSS").unwrap_or(0);
    let start = Instant::now();
    let docs = load_file(path)?;
    let ns = u64::try_from(start.elapsed().as_nanos()).unwrap_or(u64::MAX);
    let rss_after = status_kb("VmRSS").unwrap_or(0);
    let peak = status_kb("VmHWM").unwrap_or(0);
    let sum = checksum(&docs);
    let facts: BTreeMap<&'static str, Fact> = BTreeMap::from([
        ("held_resources", Fact::Int(to_i64(docs.len() as u64))),
        ("rss_before_kb", Fact::Int(to_i64(rss_before))),
        ("rss_after_kb", Fact::Int(to_i64(rss_after))),
        ("peak_rss_self_kb", Fact::Int(to_i64(peak))),
        ("allocator", Fact::Text(allocator().to_string())),
    ]);
    drop(std::hint::black_box(docs));
    Ok(SpawnResult {
        checksum: sum,
        ns,
        facts,
    })
}

fn load_file(path: &Path) -> Result<Vec<Resource>> {
    let file = std::fs::File::open(path)
        .with_context(|| format!("cannot open input {}", path.display()))?;
    load(BufReader::with_capacity(64 << 10, file)).with_context(|| path.display().to_string())
}

/// Rust's default global allocator: the C library's malloc.
fn allocator() -> &'static str {
    if cfg!(target_env = "gnu") {
        "system (glibc malloc)"
    } else {
        "system"
    }
}

fn to_i64(v: u64) -> i64 {
    i64::try_from(v).unwrap_or(i64::MAX)
}
