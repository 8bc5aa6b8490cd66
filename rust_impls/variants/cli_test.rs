// Shared body of each variant's tests/cli.rs (pulled in with `include!`):
// runs the real binary through the protocol on a small order document, and
// on a bad request. The including file defines BIN, VARIANT and LIBRARY.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;

const ORDER: &str = r#"{"id":1,"status":"paid","created_at":"2024-01-01T00:00:00Z",
  "customer":{"id":7,"name":"Zoë Q","email":"z@example.com","vip":true,
    "address":{"street":"s","city":"c","zip":"z","country":"NL"}},
  "items":[{"sku":"A","name":"a","qty":2,"price_cents":150,"tags":["x"],"discount":null}],
  "total_cents":300,"currency":"EUR","notes":"n","metadata":{"source":"web","score":0.5,"flags":[]}}"#;

fn temp_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("{VARIANT}_{tag}_{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write_request(dir: &Path, mode: &str, samples: u64) -> PathBuf {
    let input = dir.join("order.json");
    std::fs::write(&input, ORDER).unwrap();
    let request = dir.join("request.json");
    let body = serde_json::json!({
        "protocol": 1, "workload": "json", "mode": mode,
        "input": {"name": "small", "path": input, "schema": "order", "bytes": ORDER.len()},
        "params": {}, "warmup_ms": 5, "samples": samples, "min_sample_ms": 2, "threads": 1
    });
    std::fs::write(&request, body.to_string()).unwrap();
    request
}

/// Runs the binary; returns (exit success, parsed stdout lines).
fn run(args: &[&str]) -> (bool, Vec<Value>) {
    let out = Command::new(BIN)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let lines = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    (out.status.success(), lines)
}

fn types(lines: &[Value]) -> Vec<&str> {
    lines.iter().map(|l| l["type"].as_str().unwrap()).collect()
}

#[test]
fn runs_the_protocol() {
    let dir = temp_dir("ok");
    let request = write_request(&dir, "typed", 3);
    let (ok, lines) = run(&["--request", request.to_str().unwrap()]);
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(ok, "{lines:?}");
    assert_eq!(
        types(&lines),
        ["hello", "check", "warmup", "sample", "sample", "sample", "done"]
    );
    let hello = &lines[0];
    assert_eq!(hello["variant"], VARIANT);
    assert_eq!(hello["library"], LIBRARY);
    assert!(!hello["library_version"].as_str().unwrap().is_empty());
    assert!(!hello["backend"].as_str().unwrap().is_empty());
    assert_eq!(lines[1]["checksum"]["name_bytes"], 6);
    assert_eq!(lines[1]["checksum"]["notes"], 1);
    assert_eq!(lines[3]["ops"], lines[2]["batch"]);
}

#[test]
fn bad_requests_print_an_error_and_exit_1() {
    let (ok, lines) = run(&[]);
    assert!(!ok);
    assert_eq!(types(&lines), ["error"]);

    let dir = temp_dir("bad");
    let request = write_request(&dir, "graph", 1);
    let (ok, lines) = run(&["--request", request.to_str().unwrap()]);
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(!ok);
    assert_eq!(types(&lines), ["hello", "error"]);
    assert!(lines[1]["message"].as_str().unwrap().contains("`mode`"));
}
