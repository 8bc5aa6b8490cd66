//! The server-protocol request: spawn fields plus `host` and `port`, and the
//! server hello/ready lines.

use xlb_driver::{Line, ServerRequest};

const GOOD: &str = r#"{
  "protocol": 1, "workload": "http", "mode": "plaintext",
  "input": {"name": "default", "path": "", "schema": "", "bytes": 0},
  "params": {}, "threads": 2, "host": "127.0.0.1", "port": 0
}"#;

fn error_of(from: &str, to: &str) -> String {
    assert!(GOOD.contains(from), "test bug: {from:?} not in GOOD");
    let err = ServerRequest::parse(&GOOD.replacen(from, to, 1)).expect_err("should be rejected");
    format!("{err:#}")
}

#[test]
fn parses_host_port_and_the_common_fields() {
    let r = ServerRequest::parse(GOOD).unwrap();
    assert_eq!((r.host.as_str(), r.port), ("127.0.0.1", 0));
    assert_eq!(r.request.workload, "http");
    assert_eq!(r.request.threads, 2);
    let r = ServerRequest::parse(&GOOD.replace(r#""port": 0"#, r#""port": 65535"#)).unwrap();
    assert_eq!(r.port, 65535);
}

#[test]
fn bad_host_and_port_are_named() {
    assert!(error_of(r#", "host": "127.0.0.1""#, "").contains("`host` is missing"));
    assert!(error_of(r#""host": "127.0.0.1""#, r#""host": 1"#).contains("`host` must be a string"));
    assert!(
        error_of(r#""host": "127.0.0.1""#, r#""host": """#).contains("`host` must not be empty")
    );
    assert!(error_of(r#", "port": 0"#, "").contains("`port` is missing"));
    assert!(error_of(r#""port": 0"#, r#""port": -1"#).contains("`port` must be an integer"));
    assert!(error_of(r#""port": 0"#, r#""port": 65536"#).contains("at most 65535"));
    assert!(error_of(r#""threads": 2"#, r#""threads": 0"#).contains("`threads`"));
}

#[test]
fn server_lines_are_tagged_hello_and_ready() {
    let mut out = Vec::new();
    Line::ServerHello {
        protocol: 1,
        language: "rust",
        variant: "v",
        library: "lib",
        library_version: "1.2.3",
        backend: "b",
        runtime: "rustc",
        threads: 4,
        framework: "lib 1.2.3",
    }
    .write_to(&mut out)
    .unwrap();
    Line::Ready {
        host: "127.0.0.1",
        port: 8080,
    }
    .write_to(&mut out)
    .unwrap();
    let text = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[0].starts_with(r#"{"type":"hello","protocol":1,"#),
        "{}",
        lines[0]
    );
    assert!(
        lines[0].ends_with(r#""threads":4,"framework":"lib 1.2.3"}"#),
        "{}",
        lines[0]
    );
    assert_eq!(
        lines[1],
        r#"{"type":"ready","host":"127.0.0.1","port":8080}"#
    );
}
