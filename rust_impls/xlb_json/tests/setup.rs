//! `setup` validates the request before building the operation.

use xlb_driver::Request;
use xlb_json::{build_op, setup, SerdeJson};

fn request(workload: &str, mode: &str, schema: &str, path: &str, bytes: u64) -> Request {
    Request::parse(&format!(
        r#"{{"protocol":1,"workload":"{workload}","mode":"{mode}","params":{{}},
        "input":{{"name":"t","path":"{path}","schema":"{schema}","bytes":{bytes}}},
        "warmup_ms":0,"samples":1,"min_sample_ms":1,"threads":1}}"#
    ))
    .unwrap()
}

fn error(req: &Request) -> String {
    match setup::<SerdeJson>(req) {
        Ok(_) => panic!("setup should fail"),
        Err(e) => format!("{e:#}"),
    }
}

#[test]
fn setup_builds_and_rejects() {
    let path = std::env::temp_dir().join(format!("xlb_json_setup_{}.json", std::process::id()));
    std::fs::write(&path, b"[1,2]").unwrap();
    let p = path.to_str().unwrap();

    let mut op = setup::<SerdeJson>(&request("json", "dom", "order", p, 5)).unwrap();
    assert_eq!(op.check().unwrap()["elements"], 2);

    assert!(error(&request("json", "dom", "order", p, 6)).contains("`input.bytes`"));
    assert!(error(&request("other", "dom", "order", p, 5)).contains("`workload`"));
    assert!(error(&request("json", "tree", "order", p, 5)).contains("`mode`"));
    assert!(error(&request("json", "typed", "nope", p, 5)).contains("`input.schema`"));
    assert!(
        error(&request("json", "dom", "order", "/nonexistent.json", 5))
            .contains("/nonexistent.json")
    );
    // A typed parse of the wrong shape is a check error, not a panic.
    let mut op = build_op::<SerdeJson>("typed", "order", b"[1,2]".to_vec()).unwrap();
    assert!(op.check().is_err());
    std::fs::remove_file(path).unwrap();
}
