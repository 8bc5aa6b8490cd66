//! End-to-end run of the holding_serde binary through the spawn protocol.

use std::path::PathBuf;
use std::process::{Command, Stdio};

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_holding_serde");

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../workloads/holding/fixtures")
        .join(name)
}

/// Writes a request for `path`, runs the binary; (exit success, stdout lines).
fn run(tag: &str, workload: &str, mode: &str, path: &str) -> (bool, Vec<Value>) {
    let dir = std::env::temp_dir().join(format!("holding_serde_{tag}_{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let request = dir.join("request.json");
    let body = serde_json::json!({
        "protocol": 1, "workload": workload, "mode": mode,
        "input": {"name": "fixture", "path": path, "schema": "k8s", "bytes": 0},
        "params": {}, "threads": 2
    });
    std::fs::write(&request, body.to_string()).unwrap();
    let out = Command::new(BIN)
        .arg("--request")
        .arg(&request)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    let lines = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    (out.status.success(), lines)
}

#[test]
fn holds_the_fixture_and_reports_memory() {
    let path = fixture("small.jsonl");
    let (ok, lines) = run("ok", "holding", "typed", path.to_str().unwrap());
    assert!(ok, "{lines:?}");
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert_eq!(lines[0]["type"], "hello");
    assert_eq!(lines[0]["variant"], "serde");
    assert_eq!(lines[0]["threads"], 1);
    let result = &lines[1];
    assert_eq!(result["type"], "result");
    let expected: Value =
        serde_json::from_slice(&std::fs::read(fixture("small.expected.json")).unwrap()).unwrap();
    assert_eq!(result["checksum"], expected);
    assert!(result["ns"].as_u64().unwrap() > 0);
    let facts = &result["facts"];
    assert_eq!(facts["held_resources"], 3);
    for fact in ["rss_before_kb", "rss_after_kb", "peak_rss_self_kb"] {
        assert!(facts[fact].as_u64().unwrap() > 0, "{fact}: {facts}");
    }
}

#[test]
fn bad_requests_print_an_error_and_exit_1() {
    let path = fixture("small.jsonl");
    let path = path.to_str().unwrap();
    for (tag, workload, mode, input, want) in [
        ("workload", "fanout", "typed", path, "`workload`"),
        ("mode", "holding", "dom", path, "`mode`"),
        ("nopath", "holding", "typed", "", "`input.path`"),
        (
            "missing",
            "holding",
            "typed",
            "/nonexistent/docs.jsonl",
            "cannot open input",
        ),
    ] {
        let (ok, lines) = run(tag, workload, mode, input);
        assert!(!ok, "{tag}");
        let last = lines.last().unwrap();
        assert_eq!(last["type"], "error", "{tag}");
        assert!(
            last["message"].as_str().unwrap().contains(want),
            "{tag}: {last}"
        );
    }
}
