// Shared body of each JSON variant's tests/cli.rs (pulled in with
// `include!`): runs the real binary through the protocol on a small order
// document, and on a bad request. The including file defines BIN, VARIANT and
// LIBRARY.

include!("cli_common.rs");

const ORDER: &str = r#"{"id":1,"status":"paid","created_at":"2024-01-01T00:00:00Z",
  "customer":{"id":7,"name":"Zoë Q","email":"z@example.com","vip":true,
    "address":{"street":"s","city":"c","zip":"z","country":"NL"}},
  "items":[{"sku":"A","name":"a","qty":2,"price_cents":150,"tags":["x"],"discount":null}],
  "total_cents":300,"currency":"EUR","notes":"n","metadata":{"source":"web","score":0.5,"flags":[]}}"#;

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

#[test]
fn runs_the_protocol() {
    let lines = run_protocol_ok("typed");
    assert!(!lines[0]["backend"].as_str().unwrap().is_empty());
    assert_eq!(lines[1]["checksum"]["name_bytes"], 6);
    assert_eq!(lines[1]["checksum"]["notes"], 1);
}

#[test]
fn bad_requests_print_an_error_and_exit_1() {
    assert_bad_requests("graph");
}
