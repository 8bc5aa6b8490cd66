//! The server-protocol driver with an injected writer and fake servers.

use std::ffi::OsString;
use std::io::Read;
use std::net::TcpStream;
use std::path::PathBuf;

use serde_json::{json, Value};
use xlb_http::{serve_drive, Announcer, Launch, Stopped, VariantInfo};

fn info() -> VariantInfo {
    VariantInfo {
        language: "rust",
        variant: "fake",
        library: "fakeweb",
        library_version: "1.2.3",
        backend: "fake backend".to_string(),
    }
}

fn request(port: u16) -> Value {
    json!({
        "protocol": 1, "workload": "http", "mode": "m",
        "input": {"name": "default", "path": "", "schema": "", "bytes": 0},
        "params": {}, "threads": 3, "host": "127.0.0.1", "port": port
    })
}

/// Writes `request` to a fresh file and returns the `--request` arguments.
fn args_for(tag: &str, request: &Value) -> (PathBuf, Vec<OsString>) {
    let dir = std::env::temp_dir().join(format!("xlb_http_driver_{tag}_{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("request.json");
    std::fs::write(&path, request.to_string()).unwrap();
    (dir, vec!["--request".into(), path.into()])
}

fn drive<F>(tag: &str, request: &Value, serve: F) -> (bool, Vec<Value>)
where
    F: FnOnce(Launch, &mut Announcer<'_>) -> anyhow::Result<Stopped>,
{
    let (dir, args) = args_for(tag, request);
    let mut out = Vec::new();
    let ok = serve_drive(&mut out, &info(), &args, serve);
    std::fs::remove_dir_all(dir).unwrap();
    let lines = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    (ok, lines)
}

fn error_message(lines: &[Value]) -> &str {
    let last = lines.last().unwrap();
    assert_eq!(last["type"], "error", "{lines:?}");
    last["message"].as_str().unwrap()
}

#[test]
fn announces_then_reports_done() {
    let mut seen_port = 0;
    let (ok, lines) = drive("ok", &request(0), |launch, announcer| {
        assert_eq!(launch.threads, 3);
        assert_eq!(launch.request.host, "127.0.0.1");
        let address = launch.listener.local_addr().unwrap();
        seen_port = address.port();
        // The socket is listening before ready, and non-blocking.
        let mut client = TcpStream::connect(address).unwrap();
        let (mut accepted, _) = launch.listener.accept().unwrap();
        assert!(launch.listener.accept().is_err(), "a blocking listener");
        announcer.ready(3)?;
        std::io::Write::write_all(&mut accepted, b"x")?;
        let mut byte = [0u8; 1];
        client.read_exact(&mut byte)?;
        Ok(Stopped::Graceful)
    });
    assert!(ok, "{lines:?}");
    assert_ne!(seen_port, 0);
    assert_eq!(lines.len(), 3, "{lines:?}");
    assert_eq!(
        lines[0],
        json!({"type": "hello", "protocol": 1, "language": "rust", "variant": "fake",
               "library": "fakeweb", "library_version": "1.2.3", "backend": "fake backend",
               "runtime": xlb_driver::RUNTIME, "threads": 3, "framework": "fakeweb 1.2.3"})
    );
    assert_eq!(
        lines[1],
        json!({"type": "ready", "host": "127.0.0.1", "port": seen_port})
    );
    assert_eq!(lines[2], json!({"type": "done", "facts": {}}));
}

#[test]
fn an_expired_grace_period_is_a_fact() {
    let (ok, lines) = drive("grace", &request(0), |_, announcer| {
        announcer.ready(3)?;
        Ok(Stopped::GraceExpired)
    });
    assert!(ok);
    assert_eq!(
        lines[2],
        json!({"type": "done", "facts": {"grace_expired": 1}})
    );
}

#[test]
fn failures_become_an_error_line() {
    let mut out = Vec::new();
    assert!(!serve_drive(&mut out, &info(), &[], |_, _| Ok(
        Stopped::Graceful
    )));
    let lines: Vec<Value> = serde_json::from_slice::<Value>(&out)
        .map(|v| vec![v])
        .unwrap();
    assert!(error_message(&lines).contains("usage"));

    let (ok, lines) = drive("silent", &request(0), |_, _| Ok(Stopped::Graceful));
    assert!(!ok);
    assert_eq!(lines.len(), 1);
    assert!(error_message(&lines).contains("without announcing ready"));

    let (ok, lines) = drive("twice", &request(0), |_, announcer| {
        announcer.ready(1)?;
        announcer.ready(1)?;
        Ok(Stopped::Graceful)
    });
    assert!(!ok);
    assert_eq!(lines.len(), 3, "hello, ready, error: {lines:?}");
    assert!(error_message(&lines).contains("twice"));

    let (ok, lines) = drive("panic", &request(0), |_, _| panic!("boom"));
    assert!(!ok);
    assert_eq!(error_message(&lines), "panic: boom");

    let (ok, lines) = drive("fails", &request(0), |_, announcer| {
        announcer.ready(1)?;
        anyhow::bail!("the server failed")
    });
    assert!(!ok);
    assert_eq!(error_message(&lines), "the server failed");
}

#[test]
fn bad_requests_and_unbindable_hosts_fail_before_the_server_starts() {
    let mut wrong = request(0);
    wrong["workload"] = json!("json");
    let (ok, lines) = drive("workload", &wrong, |_, _| unreachable!());
    assert!(!ok);
    assert!(error_message(&lines).contains("`workload`"));

    let mut bad_port = request(0);
    bad_port["port"] = json!(70000);
    let (ok, lines) = drive("port", &bad_port, |_, _| unreachable!());
    assert!(!ok);
    assert!(error_message(&lines).contains("`port`"));

    // TEST-NET-1: an address no local interface has (nothing is sent).
    let mut foreign_host = request(0);
    foreign_host["host"] = json!("192.0.2.1");
    let (ok, lines) = drive("host", &foreign_host, |_, _| unreachable!());
    assert!(!ok);
    assert!(error_message(&lines).contains("cannot listen on 192.0.2.1:0"));
}

#[test]
fn a_taken_port_is_an_error() {
    let taken = xlb_http::bind("127.0.0.1", 0).unwrap();
    let port = taken.local_addr().unwrap().port();
    let (ok, lines) = drive("taken", &request(port), |_, _| unreachable!());
    assert!(!ok);
    assert_eq!(lines.len(), 1);
    let message = error_message(&lines);
    assert!(
        message.contains(&format!("cannot listen on 127.0.0.1:{port}")),
        "{message}"
    );
}
