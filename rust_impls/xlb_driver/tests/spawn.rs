//! The spawn protocol: line format with an injected writer, request
//! relaxation, and errors (bad arguments, bad request, failing setup or run,
//! panics).

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::path::PathBuf;

use serde_json::Value;
use xlb_driver::{spawn_drive, Fact, Request, SpawnJob, SpawnResult, VariantInfo};

fn info() -> VariantInfo {
    VariantInfo {
        language: "rust",
        variant: "fake",
        library: "fakelib",
        library_version: "9.9.9",
        backend: "fake backend".to_string(),
    }
}

const SPAWN_REQUEST: &str = r#"{"protocol":1,"workload":"fanout","mode":"sleep",
    "input":{"name":"n10k","path":"","schema":"","bytes":0},
    "params":{"tasks":10000,"sleep_ms":10,"rounds":200},"threads":3}"#;

fn write_request(tag: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("xlb_spawn_{tag}_{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("request.json");
    std::fs::write(&path, text).unwrap();
    path
}

fn args_for(path: &std::path::Path) -> Vec<OsString> {
    vec!["--request".into(), path.as_os_str().to_owned()]
}

fn lines(out: &[u8]) -> Vec<Value> {
    let text = std::str::from_utf8(out).unwrap();
    assert!(text.is_empty() || text.ends_with('\n'));
    text.lines()
        .map(|l| {
            assert!(l.starts_with("{\"type\":"), "type must come first: {l}");
            serde_json::from_str(l).unwrap()
        })
        .collect()
}

fn types(lines: &[Value]) -> Vec<&str> {
    lines.iter().map(|l| l["type"].as_str().unwrap()).collect()
}

/// A setup that must not be reached.
fn never(_: &Request) -> anyhow::Result<SpawnJob<'_>> {
    unreachable!("setup called")
}

fn ok_result() -> anyhow::Result<SpawnResult> {
    Ok(SpawnResult {
        checksum: BTreeMap::from([("tasks".to_string(), 10000), ("sum".to_string(), -5)]),
        ns: 123_456,
        facts: BTreeMap::from([
            ("rss_before_kb", Fact::Int(100)),
            ("runtime", Fact::Text("rt, 3 workers".to_string())),
        ]),
    })
}

#[test]
fn prints_hello_with_threads_then_result() {
    let path = write_request("ok", SPAWN_REQUEST);
    let mut out = Vec::new();
    let mut seen = None;
    let ok = spawn_drive(&mut out, &info(), &args_for(&path), |req| {
        seen = Some(req.clone());
        Ok(SpawnJob::new(req.threads, ok_result))
    });
    assert!(ok);
    let req = seen.unwrap();
    assert_eq!(req.input.path.as_os_str(), "");
    assert_eq!(req.input.bytes, 0);
    assert_eq!(req.params["tasks"], 10000);

    let text = String::from_utf8(out.clone()).unwrap();
    let result_line = text.lines().nth(1).unwrap();
    assert_eq!(
        result_line,
        r#"{"type":"result","checksum":{"sum":-5,"tasks":10000},"ns":123456,"facts":{"rss_before_kb":100,"runtime":"rt, 3 workers"}}"#
    );
    let lines = lines(&out);
    assert_eq!(types(&lines), ["hello", "result"]);
    let hello = &lines[0];
    assert_eq!(hello["protocol"], 1);
    assert_eq!(hello["language"], "rust");
    assert_eq!(hello["variant"], "fake");
    assert_eq!(hello["library"], "fakelib");
    assert_eq!(hello["library_version"], "9.9.9");
    assert_eq!(hello["backend"], "fake backend");
    assert!(hello["runtime"].as_str().unwrap().starts_with("rustc"));
    assert_eq!(hello["threads"], 3);
}

#[test]
fn the_run_happens_after_hello() {
    let path = write_request("order", SPAWN_REQUEST);
    let mut out = Vec::new();
    let ok = spawn_drive(&mut out, &info(), &args_for(&path), |_| {
        Ok(SpawnJob::new(1, || anyhow::bail!("run failed")))
    });
    assert!(!ok);
    let lines = lines(&out);
    assert_eq!(types(&lines), ["hello", "error"]);
    assert_eq!(lines[1]["message"], "run failed");
}

#[test]
fn errors_are_error_lines() {
    // No arguments.
    let mut out = Vec::new();
    assert!(!spawn_drive(&mut out, &info(), &[], never));
    let l = lines(&out);
    assert_eq!(types(&l), ["error"]);
    assert!(l[0]["message"].as_str().unwrap().contains("usage"));

    // Missing request file.
    let mut out = Vec::new();
    let missing = std::env::temp_dir().join("xlb_spawn_no_such_dir/request.json");
    assert!(!spawn_drive(&mut out, &info(), &args_for(&missing), never));
    assert!(lines(&out)[0]["message"]
        .as_str()
        .unwrap()
        .contains("cannot read request file"));

    // Bad request: `threads` 0, `input` missing, not JSON.
    for (tag, text, field) in [
        (
            "t0",
            SPAWN_REQUEST.replace("\"threads\":3", "\"threads\":0"),
            "`threads`",
        ),
        (
            "noinput",
            SPAWN_REQUEST.replace(
                r#""input":{"name":"n10k","path":"","schema":"","bytes":0},"#,
                "",
            ),
            "`input`",
        ),
        ("notjson", "{".to_string(), "not valid JSON"),
    ] {
        let path = write_request(tag, &text);
        let mut out = Vec::new();
        assert!(!spawn_drive(&mut out, &info(), &args_for(&path), never));
        let l = lines(&out);
        assert_eq!(types(&l), ["error"]);
        let m = l[0]["message"].as_str().unwrap();
        assert!(m.contains(field), "{m}");
    }

    // Setup error: no hello.
    let path = write_request("setup", SPAWN_REQUEST);
    let mut out = Vec::new();
    assert!(!spawn_drive(&mut out, &info(), &args_for(&path), |_| {
        anyhow::bail!("request field `mode`: nope")
    }));
    assert_eq!(types(&lines(&out)), ["error"]);
}

#[test]
fn panics_are_caught() {
    let path = write_request("panic", SPAWN_REQUEST);
    let mut out = Vec::new();
    let ok = spawn_drive(&mut out, &info(), &args_for(&path), |_| {
        Ok(SpawnJob::new(2, || panic!("boom in a task")))
    });
    assert!(!ok);
    let l = lines(&out);
    assert_eq!(types(&l), ["hello", "error"]);
    assert_eq!(l[1]["message"], "panic: boom in a task");
}

#[test]
fn spawn_requests_may_omit_the_batch_fields() {
    let r = Request::parse_spawn(SPAWN_REQUEST).unwrap();
    assert_eq!(
        (r.warmup_ms, r.samples, r.min_sample_ms, r.threads),
        (0, 1, 1, 3)
    );
    // The batch parser still requires them.
    let e = format!("{:#}", Request::parse(SPAWN_REQUEST).unwrap_err());
    assert!(e.contains("missing"), "{e}");
    // Present but ill-typed is still an error.
    let bad = SPAWN_REQUEST.replace("\"threads\":3", "\"threads\":3,\"samples\":\"x\"");
    let e = format!("{:#}", Request::parse_spawn(&bad).unwrap_err());
    assert!(e.contains("`samples`"), "{e}");
    // With them present, both parse the same.
    let full = SPAWN_REQUEST.replace(
        "\"threads\":3",
        "\"threads\":3,\"warmup_ms\":0,\"samples\":1,\"min_sample_ms\":1",
    );
    assert_eq!(
        Request::parse(&full).unwrap(),
        Request::parse_spawn(&full).unwrap()
    );
}
