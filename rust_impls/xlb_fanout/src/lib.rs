//! The `fanout` workload (workloads/fanout/README.md), spawn protocol: spawn
//! `params.tasks` tasks at once, each doing the mode's work, and wait for
//! every one. One process run is one sample.
//!
//! - `fanout_tokio_mt`: `tokio::spawn` on a multi-thread runtime built with
//!   `worker_threads(request.threads)`.
//! - `fanout_tokio_ct`: `tokio::spawn` on a current-thread runtime.
//! - `fanout_std_threads`: one `std::thread` per task (default stack size).
//!
//! Hold mode parks every task on a latch (`tokio::sync::watch`; for threads
//! a `Mutex<bool>` + `Condvar`) that the spawner opens after reading VmRSS
//! right after the last spawn (`facts.rss_all_alive_kb`).
//!
//! Channel mode uses an **unbounded** channel (`tokio::sync::mpsc::unbounded_channel`,
//! `std::sync::mpsc::channel`): no sender ever waits for capacity.

mod params;
mod std_threads;
mod tokio_rt;
pub mod work;

use std::collections::BTreeMap;

use anyhow::{bail, Result};
use xlb_driver::{Fact, Request, SpawnJob, SpawnResult, VariantInfo};

pub use params::{Mode, Params};
pub use work::{checksum, splitmix64, task_result};
pub use xlb_driver::procfs::status_kb;

/// Resolved crate versions, taken from Cargo.lock by build.rs.
pub mod versions {
    pub const TOKIO: &str = env!("XLB_VERSION_TOKIO");
}

/// The three Rust variants of the workload.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Variant {
    /// `fanout_tokio_mt`: multi-thread runtime, `worker_threads = threads`.
    TokioMt,
    /// `fanout_tokio_ct`: current-thread runtime.
    TokioCt,
    /// `fanout_std_threads`: one OS thread per task.
    StdThreads,
}

impl Variant {
    /// The variant name of the manifest (and hello line).
    pub fn name(self) -> &'static str {
        match self {
            Variant::TokioMt => "tokio_mt",
            Variant::TokioCt => "tokio_ct",
            Variant::StdThreads => "os_threads",
        }
    }

    pub fn library(self) -> &'static str {
        match self {
            Variant::TokioMt | Variant::TokioCt => "tokio",
            Variant::StdThreads => "std::thread",
        }
    }

    pub fn library_version(self) -> &'static str {
        match self {
            Variant::TokioMt | Variant::TokioCt => versions::TOKIO,
            Variant::StdThreads => xlb_driver::RUNTIME,
        }
    }

    pub fn backend(self) -> String {
        match self {
            Variant::TokioMt => "tokio multi-thread runtime, tokio::spawn, unbounded mpsc",
            Variant::TokioCt => "tokio current-thread runtime, tokio::spawn, unbounded mpsc",
            Variant::StdThreads => {
                "std::thread::spawn (default stack), std::sync::mpsc (unbounded)"
            }
        }
        .to_string()
    }

    pub fn info(self) -> VariantInfo {
        VariantInfo {
            language: "rust",
            variant: self.name(),
            library: self.library(),
            library_version: self.library_version(),
            backend: self.backend(),
        }
    }
}

/// The whole binary: the spawn protocol with this variant.
pub fn main(variant: Variant) {
    xlb_driver::spawn_main(variant.info(), |request| setup(variant, request));
}

/// What one measured fan-out saw, before it becomes a `result` line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outcome {
    /// Wrapping sum of all task results.
    pub sum: u64,
    /// From before the first spawn until all joined (and the collector done).
    pub ns: u64,
    /// `Threads:` of /proc/self/status right after the spawn loop (0 if
    /// unreadable).
    pub threads_after_spawn: u64,
    /// Hold mode: VmRSS (kB) right after the spawn loop, every task alive
    /// (0 if unreadable); `None` in the other modes.
    pub rss_all_alive_kb: Option<u64>,
}

/// Untimed setup: checks the request, builds the runtime (tokio starts its
/// worker threads here), and returns the one run.
pub fn setup(variant: Variant, request: &Request) -> Result<SpawnJob<'static>> {
    if request.workload != "fanout" {
        bail!(
            "request field `workload`: expected \"fanout\", got {:?}",
            request.workload
        );
    }
    let mode = Mode::parse(&request.mode)?;
    let params = Params::from_request(&request.params)?;
    let threads = request.threads;
    match variant {
        Variant::TokioMt | Variant::TokioCt => {
            let rt = tokio_rt::build(variant, threads)?;
            let workers = match variant {
                Variant::TokioMt => threads,
                _ => 1,
            };
            let runtime = match variant {
                Variant::TokioMt => format!("tokio multi-thread, {threads} workers"),
                _ => "tokio current-thread".to_string(),
            };
            Ok(SpawnJob::new(workers, move || {
                measure(params, runtime, || tokio_rt::fan_out(&rt, mode, params))
            }))
        }
        Variant::StdThreads => Ok(SpawnJob::new(1, move || {
            measure(
                params,
                "std::thread, one thread per task, default stack".to_string(),
                || std_threads::fan_out(mode, params),
            )
        })),
    }
}

/// Runs the fan-out between two RSS readings and builds the result line.
fn measure(
    params: Params,
    runtime: String,
    fan_out: impl FnOnce() -> Result<Outcome>,
) -> Result<SpawnResult> {
    let rss_before = status_kb("VmRSS").unwrap_or(0);
    let outcome = fan_out()?;
    let rss_after = status_kb("VmRSS").unwrap_or(0);
    let peak = status_kb("VmHWM").unwrap_or(0);
    let mut facts: BTreeMap<&'static str, Fact> = BTreeMap::from([
        ("rss_before_kb", Fact::Int(to_i64(rss_before))),
        ("rss_after_kb", Fact::Int(to_i64(rss_after))),
        ("peak_rss_self_kb", Fact::Int(to_i64(peak))),
        (
            "num_threads",
            Fact::Int(to_i64(outcome.threads_after_spawn)),
        ),
        ("runtime", Fact::Text(runtime)),
    ]);
    if let Some(rss) = outcome.rss_all_alive_kb {
        facts.insert("rss_all_alive_kb", Fact::Int(to_i64(rss)));
    }
    Ok(SpawnResult {
        checksum: checksum(params.tasks, outcome.sum),
        ns: outcome.ns,
        facts,
    })
}

fn to_i64(v: u64) -> i64 {
    i64::try_from(v).unwrap_or(i64::MAX)
}

/// Nanoseconds since `start`, saturated.
pub(crate) fn elapsed_ns(start: std::time::Instant) -> u64 {
    u64::try_from(start.elapsed().as_nanos()).unwrap_or(u64::MAX)
}
