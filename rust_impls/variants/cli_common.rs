// Helpers shared by cli_test.rs (JSON) and csv_cli_test.rs (CSV), pulled in
// with `include!`: run the real binary and read its protocol lines. The
// including file defines BIN, VARIANT, LIBRARY and
// `write_request(dir, mode, samples)`, which writes the workload's input and
// request into `dir` and returns the request's path.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;

fn temp_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("{VARIANT}_{tag}_{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
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

/// Runs the binary on a request written by `write_request` in a fresh
/// temporary directory, removed afterwards.
fn run_request(tag: &str, mode: &str, samples: u64) -> (bool, Vec<Value>) {
    let dir = temp_dir(tag);
    let request = write_request(&dir, mode, samples);
    let (ok, lines) = run(&["--request", request.to_str().unwrap()]);
    std::fs::remove_dir_all(&dir).unwrap();
    (ok, lines)
}

fn types(lines: &[Value]) -> Vec<&str> {
    lines.iter().map(|l| l["type"].as_str().unwrap()).collect()
}

/// Runs `mode` with 3 samples and checks the protocol lines that do not
/// depend on the workload; returns them for the workload's own checks.
fn run_protocol_ok(mode: &str) -> Vec<Value> {
    let (ok, lines) = run_request("ok", mode, 3);
    assert!(ok, "{lines:?}");
    assert_eq!(
        types(&lines),
        ["hello", "check", "warmup", "sample", "sample", "sample", "done"]
    );
    let hello = &lines[0];
    assert_eq!(hello["variant"], VARIANT);
    assert_eq!(hello["library"], LIBRARY);
    assert!(!hello["library_version"].as_str().unwrap().is_empty());
    assert_eq!(lines[3]["ops"], lines[2]["batch"]);
    lines
}

/// No request, then a request with an unknown `bad_mode`: an error line and
/// exit status 1 (after the hello line once the request is read).
fn assert_bad_requests(bad_mode: &str) {
    let (ok, lines) = run(&[]);
    assert!(!ok);
    assert_eq!(types(&lines), ["error"]);

    let (ok, lines) = run_request("bad", bad_mode, 1);
    assert!(!ok);
    assert_eq!(types(&lines), ["hello", "error"]);
    assert!(lines[1]["message"].as_str().unwrap().contains("`mode`"));
}
