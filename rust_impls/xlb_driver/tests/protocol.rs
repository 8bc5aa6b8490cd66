use std::cell::Cell;
use std::collections::BTreeMap;
use std::ffi::OsString;
use std::rc::Rc;

use serde_json::Value;
use xlb_driver::{
    batch_size, parse_args, run, run_protocol, warm_up, Clock, Operation, Request, Result,
    VariantInfo,
};

/// A clock that only moves when the fake operation says so.
#[derive(Clone, Default)]
struct FakeClock(Rc<Cell<u64>>);

impl Clock for FakeClock {
    type Mark = u64;
    fn mark(&self) -> u64 {
        self.0.get()
    }
    fn since_ns(&self, mark: &u64) -> u64 {
        self.0.get() - mark
    }
}

/// Each run "takes" `op_ns` on the fake clock.
struct FakeOp {
    clock: FakeClock,
    op_ns: u64,
    runs: u64,
}

impl Operation for FakeOp {
    fn run(&mut self) {
        self.runs += 1;
        self.clock.0.set(self.clock.0.get() + self.op_ns);
    }
    fn check(&mut self) -> Result<BTreeMap<String, i64>> {
        Ok(BTreeMap::from([("answer".to_string(), 42)]))
    }
}

fn request(warmup_ms: u64, samples: u64, min_sample_ms: u64) -> Request {
    Request::parse(&format!(
        r#"{{"protocol":1,"workload":"fake","mode":"m",
            "input":{{"name":"n","path":"/x","schema":"s","bytes":0}},"params":{{}},
            "warmup_ms":{warmup_ms},"samples":{samples},"min_sample_ms":{min_sample_ms},"threads":1}}"#
    ))
    .unwrap()
}

fn lines(out: &[u8]) -> Vec<Value> {
    let text = std::str::from_utf8(out).unwrap();
    assert!(text.ends_with('\n'));
    text.lines()
        .map(|l| {
            assert!(l.starts_with("{\"type\":"), "type must come first: {l}");
            serde_json::from_str(l).unwrap()
        })
        .collect()
}

#[test]
fn batch_size_follows_the_formula() {
    // 1 ms per op, 50 ms samples -> 50 ops.
    assert_eq!(batch_size(50, 10, 10_000_000), 50);
    // Rounds up: 3 ms per op, 50 ms -> ceil(16.67) = 17.
    assert_eq!(batch_size(50, 1, 3_000_000), 17);
    // Slower than a sample -> 1.
    assert_eq!(batch_size(50, 1, 900_000_000), 1);
    // A zero-time warm-up does not divide by zero.
    assert_eq!(batch_size(1, 1, 0), 1_000_000);
    // No overflow at the extremes.
    assert_eq!(batch_size(u64::MAX, u64::MAX, 1), u64::MAX);
}

#[test]
fn warm_up_runs_at_least_once_and_at_least_the_time() {
    let clock = FakeClock::default();
    let c = clock.clone();
    let w = warm_up(&clock, 0, || c.0.set(c.0.get() + 5));
    assert_eq!((w.ops, w.ns), (1, 5));

    // 1 µs ops, 1 ms warm-up: batches 1,2,..,256 then a capped 489.
    let mut runs = 0;
    let w = warm_up(&clock, 1, || {
        runs += 1;
        c.0.set(c.0.get() + 1_000);
    });
    assert_eq!((w.ops, w.ns, runs), (1_000, 1_000_000, 1_000));
}

#[test]
fn protocol_lines_are_exact() {
    let clock = FakeClock::default();
    let mut op = FakeOp {
        clock: clock.clone(),
        op_ns: 1_000,
        runs: 0,
    };
    let mut out = Vec::new();
    run_protocol(&mut out, &clock, &request(1, 3, 2), &mut op).unwrap();
    let text = String::from_utf8(out).unwrap();
    let expected = [
        r#"{"type":"check","checksum":{"answer":42}}"#,
        r#"{"type":"warmup","ops":1000,"ns":1000000,"batch":2000}"#,
        r#"{"type":"sample","index":0,"ops":2000,"ns":2000000}"#,
        r#"{"type":"sample","index":1,"ops":2000,"ns":2000000}"#,
        r#"{"type":"sample","index":2,"ops":2000,"ns":2000000}"#,
        r#"{"type":"done","facts":{"allocator":"system (glibc malloc)"}}"#,
    ];
    assert_eq!(text, expected.join("\n") + "\n");
    // check is one untimed op the FakeOp does not count; warm-up + samples.
    assert_eq!(op.runs, 1_000 + 3 * 2_000);
}

#[test]
fn args_must_be_exactly_request_path() {
    let os = |v: &[&str]| v.iter().map(OsString::from).collect::<Vec<_>>();
    assert_eq!(
        parse_args(&os(&["--request", "/r.json"])).unwrap().to_str(),
        Some("/r.json")
    );
    for bad in [
        &[][..],
        &["--request"][..],
        &["--request=/r.json"][..],
        &["-r", "/r.json"][..],
        &["--request", "/r.json", "extra"][..],
    ] {
        assert!(parse_args(&os(bad)).is_err(), "{bad:?}");
    }
}

fn info() -> VariantInfo {
    VariantInfo {
        language: "rust",
        variant: "fake",
        library: "fake-lib",
        library_version: "0.0.1",
        backend: "scalar".to_string(),
    }
}

#[test]
fn run_prints_hello_then_the_phases() {
    let dir = std::env::temp_dir().join(format!("xlb_driver_test_{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("request.json");
    std::fs::write(
        &path,
        r#"{"protocol":1,"workload":"fake","mode":"m","input":{"name":"n","path":"/x","schema":"s","bytes":0},
            "params":{"k":1},"warmup_ms":0,"samples":2,"min_sample_ms":1,"threads":1}"#,
    )
    .unwrap();
    let clock = FakeClock::default();
    let op_clock = clock.clone();
    let mut out = Vec::new();
    let args = [OsString::from("--request"), path.clone().into_os_string()];
    run(&mut out, &clock, &info(), &args, |req| {
        assert_eq!(req.params["k"], 1);
        Ok(Box::new(FakeOp {
            clock: op_clock,
            op_ns: 250_000,
            runs: 0,
        }))
    })
    .unwrap();
    std::fs::remove_dir_all(&dir).unwrap();

    let lines = lines(&out);
    let types: Vec<&str> = lines.iter().map(|l| l["type"].as_str().unwrap()).collect();
    assert_eq!(
        types,
        ["hello", "check", "warmup", "sample", "sample", "done"]
    );
    let hello = &lines[0];
    assert_eq!(hello["protocol"], 1);
    assert_eq!(hello["language"], "rust");
    assert_eq!(hello["library_version"], "0.0.1");
    assert_eq!(hello["backend"], "scalar");
    assert!(hello["runtime"].as_str().unwrap().starts_with("rustc "));
    // warmup_ms 0: exactly one op of 0.25 ms, so 4 ops fill a 1 ms sample.
    assert_eq!(lines[2]["ops"], 1);
    assert_eq!(lines[2]["batch"], 4);
    assert_eq!(lines[4]["index"], 1);
    assert_eq!(lines[4]["ns"], 1_000_000);
}

#[test]
fn setup_errors_stop_after_hello() {
    let mut out = Vec::new();
    let err = run(
        &mut out,
        &FakeClock::default(),
        &info(),
        &[
            OsString::from("--request"),
            OsString::from("/nonexistent/r.json"),
        ],
        |_| unreachable!(),
    )
    .unwrap_err();
    assert!(format!("{err:#}").contains("/nonexistent/r.json"));
    assert!(out.is_empty());
}

#[test]
fn error_line_is_one_clipped_json_object() {
    let long = "é".repeat(100_000);
    let mut out = Vec::new();
    xlb_driver::Line::Error {
        message: xlb_driver::clip_message(&long),
    }
    .write_to(&mut out)
    .unwrap();
    assert!(out.len() < xlb_driver::MAX_LINE_BYTES);
    let v = &lines(&out)[0];
    assert_eq!(v["type"], "error");
}

/// Runs `drive` on a one-sample request with the given setup.
fn drive_with(setup: impl FnOnce(&Request) -> Result<Box<dyn Operation>>) -> (bool, Vec<Value>) {
    let dir = std::env::temp_dir().join(format!(
        "xlb_driver_drive_{}_{:?}",
        std::process::id(),
        std::thread::current().id()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("request.json");
    std::fs::write(
        &path,
        r#"{"protocol":1,"workload":"fake","mode":"m","input":{"name":"n","path":"/x","schema":"s","bytes":0},
            "params":{},"warmup_ms":0,"samples":1,"min_sample_ms":1,"threads":1}"#,
    )
    .unwrap();
    let mut out = Vec::new();
    let args = [OsString::from("--request"), path.into_os_string()];
    let ok = xlb_driver::drive(&mut out, &FakeClock::default(), &info(), &args, setup);
    std::fs::remove_dir_all(&dir).unwrap();
    (ok, lines(&out))
}

#[test]
fn drive_turns_setup_errors_into_an_error_line() {
    let (ok, lines) = drive_with(|_| Err(anyhow::anyhow!("no such input")));
    assert!(!ok);
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["type"], "hello");
    assert_eq!(lines[1]["type"], "error");
    assert_eq!(lines[1]["message"], "no such input");
}

struct PanickyOp;

impl Operation for PanickyOp {
    fn run(&mut self) {
        panic!("op exploded");
    }
    fn check(&mut self) -> Result<BTreeMap<String, i64>> {
        Ok(BTreeMap::new())
    }
}

#[test]
fn drive_catches_panics_in_setup_and_in_the_operation() {
    let (ok, lines) = drive_with(|_| panic!("setup exploded"));
    assert!(!ok);
    assert_eq!(lines.last().unwrap()["message"], "panic: setup exploded");

    let (ok, lines) = drive_with(|_| Ok(Box::new(PanickyOp)));
    assert!(!ok);
    let types: Vec<&str> = lines.iter().map(|l| l["type"].as_str().unwrap()).collect();
    assert_eq!(types, ["hello", "check", "error"]);
    assert_eq!(lines[2]["message"], "panic: op exploded");
}
