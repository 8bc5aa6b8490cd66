// Shared body of each csv variant's tests/cli.rs (pulled in with `include!`):
// runs the real binary through the protocol on a small `sales` CSV, and on a
// bad request. The including file defines BIN, VARIANT and LIBRARY.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;

// CRLF, a quoted comment with a comma, `""` and a line break, an empty and an
// unparsable int, a short record.
const SALES: &str = "order_id,store,customer,product,quantity,price_cents,discount_pct,comment,created_at\r\n\
    1,north,c1,p1,2,1999,,\"nice, \"\"really\"\"\r\nok\",2024-01-01T00:00:00Z\r\n\
    2,south,c2,p2,1,500,10,plain,2024-01-02T00:00:00Z\r\n\
    3,north,c3,p3,x,250,5,,2024-01-03T00:00:00Z\r\n\
    4,north,short\r\n";

// The canonical text is
// "north\t2\t1\t2\t2\t2\t2\t2249\t250\t1999\t1\t5\t5\t5\n\
//  south\t1\t1\t1\t1\t1\t1\t500\t500\t500\t1\t10\t10\t10\nrows\t3\tbad_rows\t1\n".
const OUTPUT_BYTES: i64 = 99;
const OUTPUT_FNV1A: i64 = -404430967863595228;

fn temp_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("{VARIANT}_{tag}_{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write_request(dir: &Path, mode: &str, samples: u64) -> PathBuf {
    let input = dir.join("sales.csv");
    std::fs::write(&input, SALES).unwrap();
    let request = dir.join("request.json");
    let body = serde_json::json!({
        "protocol": 1, "workload": "csv", "mode": mode,
        "input": {"name": "small", "path": input, "schema": "sales", "bytes": SALES.len()},
        "params": {"header": true, "key": "store",
                   "int_columns": ["quantity", "price_cents", "discount_pct"]},
        "warmup_ms": 5, "samples": samples, "min_sample_ms": 2, "threads": 1
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
    let request = write_request(&dir, "memory", 3);
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
    assert!(hello["backend"].as_str().unwrap().contains("SipHash"));
    let checksum = &lines[1]["checksum"];
    assert_eq!(checksum["groups"], 2);
    assert_eq!(checksum["rows"], 3);
    assert_eq!(checksum["bad_rows"], 1);
    assert_eq!(checksum["output_bytes"], OUTPUT_BYTES);
    assert_eq!(checksum["output_fnv1a"], OUTPUT_FNV1A);
    assert_eq!(lines[3]["ops"], lines[2]["batch"]);
}

#[test]
fn bad_requests_print_an_error_and_exit_1() {
    let (ok, lines) = run(&[]);
    assert!(!ok);
    assert_eq!(types(&lines), ["error"]);

    let dir = temp_dir("bad");
    let request = write_request(&dir, "stream", 1);
    let (ok, lines) = run(&["--request", request.to_str().unwrap()]);
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(!ok);
    assert_eq!(types(&lines), ["hello", "error"]);
    assert!(lines[1]["message"].as_str().unwrap().contains("`mode`"));
}
