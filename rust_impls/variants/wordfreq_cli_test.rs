// Shared body of each wordfreq variant's tests/cli.rs (pulled in with
// `include!`): runs the real binary through the protocol on a tiny parameter
// point (no input file: `input.path` is empty), and on a bad request. The
// including file defines BIN, VARIANT and LIBRARY.

include!("cli_common.rs");

fn write_request(dir: &Path, mode: &str, samples: u64) -> PathBuf {
    let request = dir.join("request.json");
    let body = serde_json::json!({
        "protocol": 1, "workload": "wordfreq", "mode": mode,
        "input": {"name": "tiny", "path": "", "schema": "text", "bytes": 0},
        "params": {"seed": 7, "words": 30, "vocabulary": 10},
        "warmup_ms": 5, "samples": samples, "min_sample_ms": 2, "threads": 1
    });
    std::fs::write(&request, body.to_string()).unwrap();
    request
}

#[test]
fn runs_the_protocol() {
    let lines = run_protocol_ok("count");
    assert!(lines[0]["backend"].as_str().unwrap().contains("HashMap"));
    // The values go_impls/internal/wordfreq checks for the same point.
    assert_eq!(
        lines[1]["checksum"],
        serde_json::json!({"words": 30, "distinct": 9, "max_count": 10,
                           "letters": 215, "fingerprint": 43_752_778_296u64})
    );
}

#[test]
fn bad_requests_print_an_error_and_exit_1() {
    assert_bad_requests("memory");
}
