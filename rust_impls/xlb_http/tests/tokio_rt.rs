//! `run_on_tokio` end to end, SIGTERM included. Alone in this test binary:
//! the signal is raised in this process, which every installed
//! `Termination` would see.

use std::io::Write;
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use xlb_http::{run_on_tokio, serve_drive, Shutdown, VariantInfo, GRACE_PERIOD};

/// Collects the output and raises SIGTERM right after the `ready` line, as
/// the harness would once it has seen it.
struct TerminateOnReady {
    out: Vec<u8>,
    raise: bool,
}

impl Write for TerminateOnReady {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.out.extend_from_slice(buf);
        if self.raise && buf.starts_with(br#"{"type":"ready""#) {
            // SAFETY: raise(3) with a valid signal; a handler is installed.
            assert_eq!(unsafe { libc::raise(libc::SIGTERM) }, 0);
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn run<F, Fut>(threads: u64, raise: bool, serve: F) -> (bool, Vec<Value>)
where
    F: FnOnce(tokio::net::TcpListener, Shutdown) -> Fut,
    Fut: std::future::Future<Output = std::io::Result<()>> + Send + 'static,
{
    let dir = std::env::temp_dir().join(format!("xlb_http_tokio_{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("request.json");
    let request = json!({
        "protocol": 1, "workload": "http", "mode": "m",
        "input": {"name": "default", "path": "", "schema": "", "bytes": 0},
        "params": {}, "threads": threads, "host": "127.0.0.1", "port": 0
    });
    std::fs::write(&path, request.to_string()).unwrap();
    let info = VariantInfo {
        language: "rust",
        variant: "fake",
        library: "fakeweb",
        library_version: "1.0.0",
        backend: String::new(),
    };
    let mut out = TerminateOnReady {
        out: Vec::new(),
        raise,
    };
    let args = ["--request".into(), path.into()];
    let ok = serve_drive(&mut out, &info, &args, |launch, announcer| {
        run_on_tokio(launch, announcer, serve)
    });
    std::fs::remove_dir_all(&dir).unwrap();
    let lines = String::from_utf8(out.out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    (ok, lines)
}

fn types(lines: &[Value]) -> Vec<&str> {
    lines.iter().map(|l| l["type"].as_str().unwrap()).collect()
}

#[test]
fn sigterm_drains_then_done_and_the_grace_period_is_enforced() {
    // A server that stops when told: a graceful stop.
    let (ok, lines) = run(2, true, |_listener, shutdown| async move {
        shutdown.await;
        Ok(())
    });
    assert!(ok, "{lines:?}");
    assert_eq!(types(&lines), ["hello", "ready", "done"]);
    assert_eq!(lines[0]["threads"], 2);
    assert_eq!(lines[2]["facts"], json!({}));

    // A server that ends on its own before SIGTERM: an error.
    let (ok, lines) = run(1, false, |_listener, _shutdown| async move { Ok(()) });
    assert!(!ok);
    assert_eq!(types(&lines), ["hello", "ready", "error"]);
    assert!(lines[2]["message"]
        .as_str()
        .unwrap()
        .contains("before SIGTERM"));

    // A server that fails: its error.
    let (ok, lines) = run(1, false, |_listener, _shutdown| async move {
        Err(std::io::Error::other("listener broke"))
    });
    assert!(!ok);
    assert!(lines[2]["message"]
        .as_str()
        .unwrap()
        .contains("listener broke"));

    // A server that never drains: stopped anyway after the grace period.
    let start = Instant::now();
    let (ok, lines) = run(1, true, |_listener, _shutdown| async move {
        std::future::pending::<()>().await;
        Ok(())
    });
    let took = start.elapsed();
    assert!(ok, "{lines:?}");
    assert_eq!(
        lines[2],
        json!({"type": "done", "facts": {"grace_expired": 1}})
    );
    assert!(took >= GRACE_PERIOD, "{took:?}");
    assert!(took < GRACE_PERIOD + Duration::from_secs(3), "{took:?}");
}
