// Shared body of each csv variant's tests/cli.rs (pulled in with `include!`):
// runs the real binary through the protocol on a small `sales` CSV, and on a
// bad request. The including file defines BIN, VARIANT and LIBRARY.

include!("cli_common.rs");

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

#[test]
fn runs_the_protocol() {
    let lines = run_protocol_ok("memory");
    assert!(lines[0]["backend"].as_str().unwrap().contains("SipHash"));
    let checksum = &lines[1]["checksum"];
    assert_eq!(checksum["groups"], 2);
    assert_eq!(checksum["rows"], 3);
    assert_eq!(checksum["bad_rows"], 1);
    assert_eq!(checksum["output_bytes"], OUTPUT_BYTES);
    assert_eq!(checksum["output_fnv1a"], OUTPUT_FNV1A);
}

#[test]
fn bad_requests_print_an_error_and_exit_1() {
    assert_bad_requests("stream");
}
