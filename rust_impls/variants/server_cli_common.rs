// The server-protocol process for the servers' tests/cli.rs (pulled in with
// `include!` by http_cli_test.rs and the gRPC variants' tests): runs the real
// binary on a request on port 0, reads its protocol lines, signals it and
// waits for its exit. The including file defines BIN, VARIANT and
// `request_json(threads, port)`, the workload's request.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, ChildStdout, Command, ExitStatus, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, Instant};

use serde_json::Value;

/// Longest wait for any line, response or exit before the test fails.
const PATIENCE: Duration = Duration::from_secs(15);

fn temp_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("{VARIANT}_server_{tag}_{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs the binary on `request` to the end; returns (exit success, lines).
fn run_to_end(tag: &str, request: Option<&Value>) -> (bool, Vec<Value>) {
    let dir = temp_dir(tag);
    let mut command = Command::new(BIN);
    if let Some(request) = request {
        let path = dir.join("request.json");
        std::fs::write(&path, request.to_string()).unwrap();
        command.arg("--request").arg(path);
    }
    let out = command.stdin(Stdio::null()).output().unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    let lines = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    (out.status.success(), lines)
}

/// A running server, killed (if still running) when dropped.
struct Server {
    child: Child,
    lines: Receiver<String>,
    hello: Value,
    port: u16,
    dir: PathBuf,
}

impl Server {
    /// Starts the binary on port 0 and reads its hello and ready lines.
    fn start(tag: &str, threads: u64) -> Server {
        let dir = temp_dir(tag);
        let path = dir.join("request.json");
        std::fs::write(&path, request_json(threads, 0).to_string()).unwrap();
        let mut child = Command::new(BIN)
            .arg("--request")
            .arg(&path)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let lines = line_reader(child.stdout.take().unwrap());
        let mut server = Server {
            child,
            lines,
            hello: Value::Null,
            port: 0,
            dir,
        };
        server.hello = server.next_line().expect("no hello line");
        assert_eq!(server.hello["type"], "hello", "{}", server.hello);
        let ready = server.next_line().expect("no ready line");
        assert_eq!(ready["type"], "ready", "{ready}");
        assert_eq!(ready["host"], "127.0.0.1");
        server.port = u16::try_from(ready["port"].as_u64().unwrap()).unwrap();
        assert_ne!(server.port, 0);
        server
    }

    fn next_line(&self) -> Option<Value> {
        let line = self.lines.recv_timeout(PATIENCE).ok()?;
        Some(serde_json::from_str(&line).unwrap_or_else(|e| panic!("{e}: {line}")))
    }

    fn os_threads(&self) -> usize {
        std::fs::read_dir(format!("/proc/{}/task", self.child.id()))
            .unwrap()
            .count()
    }

    fn sigterm(&self) {
        let pid = libc::pid_t::try_from(self.child.id()).unwrap();
        // SAFETY: kill(2) with a valid signal on our own child has no memory effects.
        assert_eq!(unsafe { libc::kill(pid, libc::SIGTERM) }, 0);
    }

    /// Waits for the exit; returns its status and the lines printed after
    /// `ready`.
    fn wait(&mut self) -> (ExitStatus, Vec<Value>) {
        let deadline = Instant::now() + PATIENCE;
        let status = loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                break status;
            }
            assert!(Instant::now() < deadline, "the server did not exit");
            std::thread::sleep(Duration::from_millis(10));
        };
        let mut rest = Vec::new();
        while let Some(line) = self.next_line() {
            rest.push(line);
        }
        (status, rest)
    }

    /// SIGTERM, then the protocol's end: one `done` line and exit 0.
    /// Returns the done line's facts.
    fn stop(mut self) -> Value {
        self.sigterm();
        let (status, rest) = self.wait();
        assert!(status.success(), "{status:?} {rest:?}");
        assert_eq!(rest.len(), 1, "{rest:?}");
        assert_eq!(rest[0]["type"], "done", "{rest:?}");
        rest[0]["facts"].clone()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Stdout lines, read on a thread so a silent server cannot hang the test.
fn line_reader(stdout: ChildStdout) -> Receiver<String> {
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    rx
}
