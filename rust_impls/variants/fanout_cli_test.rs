// Shared body of each fanout variant's tests/cli.rs (pulled in with
// `include!`): runs the real binary through the spawn protocol, and on bad
// requests. The including file defines BIN and VARIANT.

use std::path::PathBuf;
use std::process::{Command, Stdio};

use serde_json::Value;

fn write_request(tag: &str, mode: &str, tasks: u64) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("{VARIANT}_{tag}_{mode}_{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let request = dir.join("request.json");
    let body = serde_json::json!({
        "protocol": 1, "workload": "fanout", "mode": mode,
        "input": {"name": "small", "path": "", "schema": "", "bytes": 0},
        "params": {"tasks": tasks, "sleep_ms": 2, "rounds": 200},
        "warmup_ms": 0, "samples": 1, "min_sample_ms": 1, "threads": 2
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

fn run_request(tag: &str, mode: &str, tasks: u64) -> (bool, Vec<Value>) {
    let request = write_request(tag, mode, tasks);
    let result = run(&["--request", request.to_str().unwrap()]);
    std::fs::remove_dir_all(request.parent().unwrap()).unwrap();
    result
}

fn types(lines: &[Value]) -> Vec<&str> {
    lines.iter().map(|l| l["type"].as_str().unwrap()).collect()
}

#[test]
fn runs_the_spawn_protocol() {
    for mode in ["sleep", "channel", "compute", "hold"] {
        let (ok, lines) = run_request("ok", mode, 100);
        assert!(ok, "{lines:?}");
        assert_eq!(types(&lines), ["hello", "result"]);
        let hello = &lines[0];
        assert_eq!(hello["variant"], VARIANT);
        assert!(hello["threads"].as_u64().unwrap() >= 1);
        let result = &lines[1];
        assert_eq!(result["checksum"]["tasks"], 100);
        if mode != "compute" {
            assert_eq!(result["checksum"]["sum"], 4950);
        }
        assert!(result["ns"].as_u64().unwrap() > 0);
        for fact in ["rss_before_kb", "rss_after_kb", "peak_rss_self_kb", "num_threads"] {
            assert!(result["facts"][fact].as_u64().unwrap() > 0, "{fact}");
        }
        assert!(result["facts"]["runtime"].is_string());
        let alive = result["facts"]["rss_all_alive_kb"].as_u64();
        assert_eq!(alive.is_some_and(|kb| kb > 0), mode == "hold", "{mode}");
    }
    for mode in ["channel", "hold"] {
        let (ok, lines) = run_request("zero", mode, 0);
        assert!(ok, "{lines:?}");
        assert_eq!(
            lines[1]["checksum"],
            serde_json::json!({"tasks": 0, "sum": 0})
        );
    }
}

#[test]
fn bad_requests_print_an_error_and_exit_1() {
    let (ok, lines) = run(&[]);
    assert!(!ok);
    assert_eq!(types(&lines), ["error"]);

    let (ok, lines) = run_request("bad", "spin", 1);
    assert!(!ok);
    assert_eq!(types(&lines), ["error"]);
    assert!(lines[0]["message"].as_str().unwrap().contains("`mode`"));
}
