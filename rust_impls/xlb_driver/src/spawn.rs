//! The spawn protocol (docs/protocol.md, "The spawn protocol"): one process
//! run is one sample. The variant prints `hello` (with the worker threads it
//! really started), runs the measured work once, prints
//! `{"type":"result","checksum":{...},"ns":T,"facts":{...}}` and exits 0.
//!
//! ```no_run
//! # use xlb_driver::{SpawnJob, SpawnResult, VariantInfo};
//! fn main() {
//!     xlb_driver::spawn_main(
//!         VariantInfo {
//!             language: "rust",
//!             variant: "my_variant",
//!             library: "my-runtime",
//!             library_version: "1.0.0",
//!             backend: "my-runtime".to_string(),
//!         },
//!         |_request| {
//!             // Untimed setup: start the runtime's worker threads here.
//!             Ok(SpawnJob::new(1, || -> anyhow::Result<SpawnResult> { unimplemented!() }))
//!         },
//!     );
//! }
//! ```

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::io::Write;

use anyhow::Result;

use crate::{guarded, parse_args, Fact, Line, Request, VariantInfo};
use crate::{PROTOCOL_VERSION, RUNTIME};

/// What one measured run reports in the `result` line.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SpawnResult {
    /// The workload's checksum (integer values).
    pub checksum: BTreeMap<String, i64>,
    /// Monotonic time of the measured work alone.
    pub ns: u64,
    /// Numbers (or strings) the variant measured about itself.
    pub facts: BTreeMap<&'static str, Fact>,
}

/// The prepared run: setup has already started the worker threads, so
/// `threads` is what really runs; `run` is called once after `hello`.
pub struct SpawnJob<'a> {
    pub threads: u64,
    pub run: Box<dyn FnOnce() -> Result<SpawnResult> + 'a>,
}

impl<'a> SpawnJob<'a> {
    pub fn new(threads: u64, run: impl FnOnce() -> Result<SpawnResult> + 'a) -> SpawnJob<'a> {
        SpawnJob {
            threads,
            run: Box::new(run),
        }
    }
}

/// Runs the spawn protocol on stdout; exits with status 1 on failure.
pub fn spawn_main<F>(info: VariantInfo, setup: F)
where
    F: for<'r> FnOnce(&'r Request) -> Result<SpawnJob<'r>>,
{
    let args: Vec<OsString> = std::env::args_os().skip(1).collect();
    let mut out = std::io::stdout().lock();
    if !spawn_drive(&mut out, &info, &args, setup) {
        std::process::exit(1);
    }
}

/// Runs the spawn protocol and turns any failure, a panic included, into an
/// `error` line (and a note on stderr). Returns whether it succeeded.
pub fn spawn_drive<W, F>(out: &mut W, info: &VariantInfo, args: &[OsString], setup: F) -> bool
where
    W: Write,
    F: for<'r> FnOnce(&'r Request) -> Result<SpawnJob<'r>>,
{
    guarded(out, info, |out| spawn_run(out, info, args, setup))
}

/// Everything `spawn_main` does, with the writer and arguments injected:
/// parse `--request`, setup, hello (with `threads`), one run, result.
pub fn spawn_run<W, F>(out: &mut W, info: &VariantInfo, args: &[OsString], setup: F) -> Result<()>
where
    W: Write,
    F: for<'r> FnOnce(&'r Request) -> Result<SpawnJob<'r>>,
{
    let path = parse_args(args)?;
    let request = Request::from_file_spawn(&path)?;
    let job = setup(&request)?;
    Line::Hello {
        protocol: PROTOCOL_VERSION,
        language: info.language,
        variant: info.variant,
        library: info.library,
        library_version: info.library_version,
        backend: &info.backend,
        runtime: RUNTIME,
        threads: Some(job.threads),
    }
    .write_to(out)?;
    let result = (job.run)()?;
    Line::Result {
        checksum: &result.checksum,
        ns: result.ns,
        facts: &result.facts,
    }
    .write_to(out)
}
