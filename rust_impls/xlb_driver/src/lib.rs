//! The batch protocol driver (docs/protocol.md), shared by every Rust variant,
//! and the spawn protocol (one measured run per process, see [`spawn_main`]).
//! The server protocol's request ([`ServerRequest`]) and lines
//! ([`Line::ServerHello`], [`Line::Ready`]) are here too; its driver lives in
//! `xlb_http`.
//!
//! A variant's `main` is one call:
//!
//! ```no_run
//! # use xlb_driver::{Operation, Request, VariantInfo};
//! # fn setup(_: &Request) -> anyhow::Result<Box<dyn Operation>> { unimplemented!() }
//! fn main() {
//!     xlb_driver::main(
//!         VariantInfo {
//!             language: "rust",
//!             variant: "my_variant",
//!             library: "my-lib",
//!             library_version: "1.0.0",
//!             backend: "my-lib".to_string(),
//!         },
//!         setup,
//!     );
//! }
//! ```

mod lines;
pub mod procfs;
mod request;
mod spawn;
pub mod testdata;
mod timing;

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::io::Write;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;

pub use anyhow::{Error, Result};
pub use lines::{clip_message, Fact, Line, MAX_LINE_BYTES};
pub use request::{Input, Request, ServerRequest, PROTOCOL_VERSION};
pub use spawn::{spawn_drive, spawn_main, spawn_run, SpawnJob, SpawnResult};
pub use timing::{batch_size, warm_up, Clock, MonotonicClock, Warmup};

/// The compiler that built this binary, for the hello line's `runtime`.
pub const RUNTIME: &str = env!("XLB_RUSTC_VERSION");

/// Who is running; printed in the hello line.
#[derive(Debug, Clone)]
pub struct VariantInfo {
    pub language: &'static str,
    pub variant: &'static str,
    pub library: &'static str,
    /// The resolved crate version of `library`.
    pub library_version: &'static str,
    /// The code path that really runs (e.g. the SIMD implementation chosen).
    pub backend: String,
}

/// One workload operation, prepared by the variant's setup.
pub trait Operation {
    /// One timed operation. Its result must go through
    /// `std::hint::black_box` so the work cannot be optimised away.
    fn run(&mut self);

    /// One untimed operation, reduced to the workload's checksum.
    fn check(&mut self) -> Result<BTreeMap<String, i64>>;
}

/// Runs the whole protocol on stdout; exits with status 1 on failure.
pub fn main<F>(info: VariantInfo, setup: F)
where
    F: FnOnce(&Request) -> Result<Box<dyn Operation>>,
{
    let args: Vec<OsString> = std::env::args_os().skip(1).collect();
    let mut out = std::io::stdout().lock();
    if !drive(&mut out, &MonotonicClock, &info, &args, setup) {
        std::process::exit(1);
    }
}

/// Runs the protocol and turns any failure, a panic included, into an
/// `error` line (and a note on stderr). Returns whether it succeeded.
pub fn drive<W, C, F>(
    out: &mut W,
    clock: &C,
    info: &VariantInfo,
    args: &[OsString],
    setup: F,
) -> bool
where
    W: Write,
    C: Clock,
    F: FnOnce(&Request) -> Result<Box<dyn Operation>>,
{
    guarded(out, info, |out| run(out, clock, info, args, setup))
}

/// Runs `body` and turns any failure, a panic included, into an `error` line
/// (and a note on stderr): the one place every protocol entry point reports
/// failures. Returns whether `body` succeeded.
pub fn guarded<W, B>(out: &mut W, info: &VariantInfo, body: B) -> bool
where
    W: Write,
    B: FnOnce(&mut W) -> Result<()>,
{
    let outcome = catch_unwind(AssertUnwindSafe(|| body(&mut *out)));
    let message = match outcome {
        Ok(Ok(())) => return true,
        Ok(Err(err)) => format!("{err:#}"),
        Err(payload) => format!("panic: {}", panic_message(payload.as_ref())),
    };
    let message = clip_message(&message);
    eprintln!("{}: {message}", info.variant);
    // Best effort: the writer may be what failed.
    let _ = Line::Error { message }.write_to(out);
    false
}

/// Everything `main` does, with the writer, clock and arguments injected.
pub fn run<W, C, F>(
    out: &mut W,
    clock: &C,
    info: &VariantInfo,
    args: &[OsString],
    setup: F,
) -> Result<()>
where
    W: Write,
    C: Clock,
    F: FnOnce(&Request) -> Result<Box<dyn Operation>>,
{
    let path = parse_args(args)?;
    let request = Request::from_file(&path)?;
    Line::Hello {
        protocol: PROTOCOL_VERSION,
        language: info.language,
        variant: info.variant,
        library: info.library,
        library_version: info.library_version,
        backend: &info.backend,
        runtime: RUNTIME,
        threads: None,
    }
    .write_to(out)?;
    let mut op = setup(&request)?;
    run_protocol(out, clock, &request, op.as_mut())
}

/// Accepts exactly `--request <path>`.
pub fn parse_args(args: &[OsString]) -> Result<PathBuf> {
    match args {
        [flag, path] if flag == "--request" && !path.is_empty() => Ok(PathBuf::from(path)),
        _ => anyhow::bail!(
            "usage: <variant> --request <path-to-request.json> (got {} argument(s))",
            args.len()
        ),
    }
}

/// The phases after hello and setup: check, warmup, samples, done.
pub fn run_protocol<W: Write, C: Clock>(
    out: &mut W,
    clock: &C,
    request: &Request,
    op: &mut dyn Operation,
) -> Result<()> {
    let checksum = op.check()?;
    Line::Check {
        checksum: &checksum,
    }
    .write_to(out)?;

    let warm = warm_up(clock, request.warmup_ms, || op.run());
    let batch = batch_size(request.min_sample_ms, warm.ops, warm.ns);
    Line::Warmup {
        ops: warm.ops,
        ns: warm.ns,
        batch,
    }
    .write_to(out)?;

    for index in 0..request.samples {
        let mark = clock.mark();
        for _ in 0..batch {
            op.run();
        }
        let ns = clock.since_ns(&mark);
        Line::Sample {
            index,
            ops: batch,
            ns,
        }
        .write_to(out)?;
    }

    Line::Done {
        facts: &done_facts(),
    }
    .write_to(out)
}

/// Runtime facts for the done line: Rust variants use the system allocator.
pub fn done_facts() -> BTreeMap<&'static str, Fact> {
    let allocator = if cfg!(all(target_os = "linux", target_env = "gnu")) {
        "system (glibc malloc)"
    } else {
        "system"
    };
    BTreeMap::from([("allocator", Fact::Text(allocator.to_string()))])
}

/// The text of a caught panic, for an `error` line.
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "(non-string panic payload)".to_string()
    }
}
