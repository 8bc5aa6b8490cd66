//! The xlbench batch protocol (xlbench's docs/protocol.md), by hand: read the
//! request, then print hello, check, warmup, `samples` sample lines and done,
//! one JSON object per line. Any failure prints an error line and exits 1.

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::error::Error;
use std::hint::black_box;
use std::io::Write;
use std::time::Instant;

/// The request file: serde rejects a missing or ill-typed field (a negative
/// or fractional number for an unsigned one too) and ignores unknown fields.
#[derive(Deserialize)]
pub struct Request {
    pub protocol: u64,
    pub workload: String,
    pub mode: String,
    pub input: Input,
    #[allow(dead_code)] // checked to be an object; logscan has no parameters
    pub params: serde_json::Map<String, Value>,
    pub warmup_ms: u64,
    pub samples: u64,
    pub min_sample_ms: u64,
    pub threads: u64,
}

#[derive(Deserialize)]
#[allow(dead_code)] // only `path` is used; the others are checked
pub struct Input {
    pub name: String,
    pub path: String,
    pub schema: String,
    pub bytes: u64,
}

/// Who is running, for the hello line.
pub struct Hello {
    pub variant: &'static str,
    pub library: &'static str,
    pub library_version: &'static str,
    pub backend: &'static str,
}

pub type Result<T> = std::result::Result<T, Box<dyn Error>>;

/// Runs the protocol; `setup` reads the input (untimed) and returns one operation.
pub fn main<Op, R>(hello: Hello, setup: impl FnOnce(&Request) -> Result<Op>)
where
    Op: FnMut() -> R,
    R: Serialize,
{
    if let Err(e) = run(&hello, setup) {
        eprintln!("logscan_{}: {e}", hello.variant);
        emit(json!({"type": "error", "message": e.to_string()}));
        std::process::exit(1);
    }
}

fn run<Op, R>(hello: &Hello, setup: impl FnOnce(&Request) -> Result<Op>) -> Result<()>
where
    Op: FnMut() -> R,
    R: Serialize,
{
    let req = read_request()?;
    emit(json!({
        "type": "hello",
        "protocol": 1,
        "language": "rust",
        "variant": hello.variant,
        "library": hello.library,
        "library_version": hello.library_version,
        "backend": hello.backend,
        "runtime": env!("RUSTC_VERSION"),
    }));
    let mut op = setup(&req).map_err(|e| format!("setup: {e}"))?;
    emit(json!({"type": "check", "checksum": op()}));

    // Warm-up: at least one operation and at least warmup_ms.
    let (start, mut ops, mut ns) = (Instant::now(), 0u128, 0u128);
    while ops == 0 || ns < u128::from(req.warmup_ms) * 1_000_000 {
        black_box(op());
        ops += 1;
        ns = start.elapsed().as_nanos();
    }
    // B = max(1, ceil(min_sample_ms / (T/N))) = ceil(min_sample_ms*1e6*N / T), exact.
    let batch = (u128::from(req.min_sample_ms) * 1_000_000 * ops)
        .div_ceil(ns)
        .max(1) as u64;
    emit(json!({"type": "warmup", "ops": ops as u64, "ns": ns as u64, "batch": batch}));

    for index in 0..req.samples {
        let start = Instant::now(); // monotonic
        for _ in 0..batch {
            black_box(op());
        }
        let ns = start.elapsed().as_nanos() as u64;
        emit(json!({"type": "sample", "index": index, "ops": batch, "ns": ns}));
    }
    emit(json!({"type": "done", "facts": {"allocator": "system"}}));
    Ok(())
}

fn read_request() -> Result<Request> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = format!("usage: logscan_regex --request <request.json>, got {args:?}");
    let [flag, path] = args.as_slice() else {
        return Err(usage.into());
    };
    if flag != "--request" {
        return Err(usage.into());
    }
    let raw = std::fs::read(path).map_err(|e| format!("reading {path}: {e}"))?;
    if raw.trim_ascii_start().first() != Some(&b'{') {
        return Err("request must be a JSON object".into()); // serde would take an array too
    }
    let req: Request = serde_json::from_slice(&raw).map_err(|e| format!("bad request: {e}"))?;
    let positive = [
        ("samples", req.samples),
        ("min_sample_ms", req.min_sample_ms),
        ("threads", req.threads),
    ];
    if let Some((name, _)) = positive.iter().find(|(_, v)| *v < 1) {
        return Err(format!("request field {name:?}: must be >= 1").into());
    }
    if req.protocol != 1 {
        let p = req.protocol;
        return Err(format!("request field \"protocol\": unsupported version {p}, want 1").into());
    }
    if req.input.path.is_empty() {
        return Err("request field \"input.path\": must not be empty".into());
    }
    Ok(req)
}

/// Prints one protocol line and flushes it.
fn emit(line: Value) {
    let mut out = std::io::stdout().lock();
    writeln!(out, "{line}")
        .and_then(|()| out.flush())
        .expect("writing to stdout");
}
