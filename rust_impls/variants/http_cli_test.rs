// Shared body of each HTTP server's tests/cli.rs (pulled in with
// `include!`): runs the real binary through the server protocol on port 0
// (server_cli_common.rs) and talks to it with a plain HTTP/1.1 client over
// std's TcpStream. The including file defines BIN, VARIANT and LIBRARY.

use std::io::{Read, Write};
use std::net::TcpStream;

use serde_json::json;

include!("server_cli_common.rs");

/// The protocol's grace period after SIGTERM.
const GRACE: Duration = Duration::from_secs(5);

fn request_json(threads: u64, port: u16) -> Value {
    json!({
        "protocol": 1, "workload": "http", "mode": "plaintext",
        "input": {"name": "default", "path": "", "schema": "", "bytes": 0},
        "params": {}, "threads": threads, "host": "127.0.0.1", "port": port
    })
}

impl Server {
    fn connect(&self) -> Client {
        Client::connect(self.port)
    }
}

#[derive(Debug)]
struct Response {
    status: u16,
    /// Lower-case names, in order.
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Response {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The media type without parameters (`text/plain; charset=utf-8` ->
    /// `text/plain`).
    fn media_type(&self) -> &str {
        let value = self.header("content-type").expect("no Content-Type");
        value.split(';').next().unwrap().trim()
    }

    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap()
    }
}

/// One keep-alive HTTP/1.1 connection.
struct Client {
    writer: TcpStream,
    reader: BufReader<TcpStream>,
}

impl Client {
    fn connect(port: u16) -> Client {
        let stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        stream.set_read_timeout(Some(PATIENCE)).unwrap();
        Client {
            reader: BufReader::new(stream.try_clone().unwrap()),
            writer: stream,
        }
    }

    fn send_raw(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).unwrap();
        self.writer.flush().unwrap();
    }

    fn head(method: &str, path: &str, body_len: Option<usize>) -> String {
        let mut head = format!("{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        if let Some(len) = body_len {
            head.push_str(&format!(
                "Content-Type: application/json\r\nContent-Length: {len}\r\n"
            ));
        }
        head.push_str("\r\n");
        head
    }

    fn get(&mut self, path: &str) -> Response {
        self.send_raw(Client::head("GET", path, None).as_bytes());
        self.read_response()
    }

    fn post(&mut self, path: &str, body: &[u8]) -> Response {
        let mut request = Client::head("POST", path, Some(body.len())).into_bytes();
        request.extend_from_slice(body);
        self.send_raw(&request);
        self.read_response()
    }

    /// Reads one response; it must be HTTP/1.1 with a Content-Length
    /// (never chunked).
    fn read_response(&mut self) -> Response {
        let status_line = self.read_line();
        let mut parts = status_line.splitn(3, ' ');
        assert_eq!(parts.next(), Some("HTTP/1.1"), "{status_line:?}");
        let status = parts.next().unwrap().parse().unwrap();
        let mut headers = Vec::new();
        loop {
            let line = self.read_line();
            if line.is_empty() {
                break;
            }
            let (name, value) = line.split_once(':').expect("bad header line");
            headers.push((name.to_ascii_lowercase(), value.trim().to_string()));
        }
        let mut response = Response {
            status,
            headers,
            body: Vec::new(),
        };
        assert_eq!(response.header("transfer-encoding"), None, "{response:?}");
        let length: usize = response
            .header("content-length")
            .unwrap_or_else(|| panic!("no Content-Length: {response:?}"))
            .parse()
            .unwrap();
        response.body = vec![0; length];
        self.reader.read_exact(&mut response.body).unwrap();
        response
    }

    fn read_line(&mut self) -> String {
        let mut line = String::new();
        let n = self.reader.read_line(&mut line).unwrap();
        assert!(n > 0, "connection closed before a full response");
        assert!(line.ends_with("\r\n"), "{line:?}");
        line.truncate(line.len() - 2);
        line
    }

    /// Whether the server closed the connection (EOF before any byte).
    fn closed_by_server(&mut self) -> bool {
        let mut byte = [0u8; 1];
        matches!(self.reader.read(&mut byte), Ok(0) | Err(_))
    }
}

fn echo_docs() -> Vec<Value> {
    vec![
        json!({"id": 1, "name": "Ada", "email": "ada@example.com", "active": true, "score": 99.5,
               "tags": ["a", "b"], "address": {"street": "1 Main St", "city": "Springfield", "zip": "12345"}}),
        json!({"id": i64::MAX, "name": "Zo\u{eb} \"q\" \\ \n\t \u{1F600} \u{1}", "email": "", "active": false,
               "score": -1.0e-7, "tags": [], "address": {"street": "", "city": "\u{4e2d}", "zip": "0"}}),
        json!({"id": i64::MIN, "name": "n", "email": "e", "active": true, "score": 0.1,
               "tags": vec!["x"; 50], "address": {"street": "s", "city": "c", "zip": "z"}}),
        json!({"id": 0, "name": "n", "email": "e", "active": true, "score": 1.0e300,
               "tags": ["t"], "address": {"street": "s", "city": "c", "zip": "z"}}),
    ]
}

/// Bodies that are not an `EchoDoc`: each must get a 400.
fn bad_bodies() -> Vec<Vec<u8>> {
    let good = echo_docs().remove(0);
    let edit = |key: &str, value: Option<Value>| {
        let mut doc = good.clone();
        match value {
            Some(v) => doc[key] = v,
            None => {
                doc.as_object_mut().unwrap().remove(key);
            }
        }
        doc.to_string().into_bytes()
    };
    let mut no_zip = good.clone();
    no_zip["address"].as_object_mut().unwrap().remove("zip");
    vec![
        b"not json".to_vec(),
        Vec::new(),
        b"[]".to_vec(),
        good.to_string().as_bytes()[..20].to_vec(),
        format!("{good} trailing").into_bytes(),
        edit("email", None),
        edit("id", Some(json!("1"))),
        edit("id", Some(json!(1.5))),
        edit("name", Some(Value::Null)),
        edit("tags", Some(json!([1]))),
        edit("active", Some(json!("yes"))),
        no_zip.to_string().into_bytes(),
    ]
}

#[test]
fn serves_the_endpoints_and_stops_on_sigterm() {
    let server = Server::start("endpoints", 3);
    let hello = &server.hello;
    assert_eq!(hello["protocol"], 1);
    assert_eq!(hello["language"], "rust");
    assert_eq!(hello["variant"], VARIANT);
    assert_eq!(hello["library"], LIBRARY);
    let version = hello["library_version"].as_str().unwrap();
    assert!(
        version.chars().next().unwrap().is_ascii_digit(),
        "{version}"
    );
    assert_eq!(hello["framework"], format!("{LIBRARY} {version}"));
    assert_eq!(hello["threads"], 3);
    assert!(hello["runtime"].as_str().unwrap().starts_with("rustc "));
    // 3 workers and the main thread at least.
    assert!(server.os_threads() >= 4, "{} threads", server.os_threads());

    // Everything on one keep-alive connection, twice over.
    let mut client = server.connect();
    for _ in 0..2 {
        let r = client.get("/plaintext");
        assert_eq!(r.status, 200);
        assert_eq!(r.media_type(), "text/plain");
        assert_eq!(r.body, b"Hello, World!");

        let r = client.get("/json");
        assert_eq!(r.status, 200);
        assert_eq!(r.media_type(), "application/json");
        assert_eq!(r.body, br#"{"message":"Hello, World!"}"#);

        for doc in echo_docs() {
            let r = client.post("/echo", doc.to_string().as_bytes());
            assert_eq!(
                r.status,
                200,
                "{doc}: {:?}",
                String::from_utf8_lossy(&r.body)
            );
            assert_eq!(r.media_type(), "application/json");
            assert_eq!(r.json(), doc);
        }
    }

    // Fields that are not EchoDoc's are dropped.
    let mut extra = echo_docs().remove(0);
    let expected = extra.clone();
    extra["unknown"] = json!({"nested": [1, 2]});
    let r = client.post("/echo", extra.to_string().as_bytes());
    assert_eq!((r.status, r.json()), (200, expected));

    for body in bad_bodies() {
        let mut client = server.connect();
        let r = client.post("/echo", &body);
        assert_eq!(r.status, 400, "{:?}", String::from_utf8_lossy(&body));
    }
    assert_eq!(server.connect().get("/nowhere").status, 404);

    let facts = server.stop();
    assert_eq!(facts, json!({}));
}

#[test]
fn sigterm_lets_a_request_in_flight_finish_and_closes_idle_connections() {
    let server = Server::start("inflight", 2);
    let mut idle = server.connect();
    assert_eq!(idle.get("/plaintext").status, 200);

    // Headers and half the body sent: the request is in flight.
    let doc = echo_docs().remove(1);
    let body = doc.to_string().into_bytes();
    let mut busy = server.connect();
    let (first, second) = body.split_at(body.len() / 2);
    let mut request = Client::head("POST", "/echo", Some(body.len())).into_bytes();
    request.extend_from_slice(first);
    busy.send_raw(&request);
    std::thread::sleep(Duration::from_millis(200));

    let sent_term = Instant::now();
    server.sigterm();
    std::thread::sleep(Duration::from_millis(300));
    busy.send_raw(second);
    let r = busy.read_response();
    assert_eq!(r.status, 200);
    assert_eq!(r.json(), doc);
    assert!(
        busy.closed_by_server(),
        "kept the connection open after SIGTERM"
    );
    assert!(
        idle.closed_by_server(),
        "kept an idle connection open after SIGTERM"
    );

    let mut server = server;
    let (status, rest) = server.wait();
    assert!(status.success(), "{status:?} {rest:?}");
    assert_eq!(rest.len(), 1, "{rest:?}");
    assert_eq!(rest[0], json!({"type": "done", "facts": {}}));
    assert!(sent_term.elapsed() < GRACE, "{:?}", sent_term.elapsed());
}

#[test]
fn hello_threads_follow_the_request() {
    for threads in [1, 2] {
        let server = Server::start("threads", threads);
        assert_eq!(server.hello["threads"], threads);
        assert_eq!(server.connect().get("/json").status, 200);
        server.stop();
    }
}

#[test]
fn start_up_failures_print_an_error_and_exit_1() {
    let (ok, lines) = run_to_end("noargs", None);
    assert!(!ok);
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["type"], "error");

    let mut wrong = request_json(1, 0);
    wrong["workload"] = json!("json");
    let (ok, lines) = run_to_end("workload", Some(&wrong));
    assert!(!ok);
    assert_eq!(lines.len(), 1);
    assert!(lines[0]["message"].as_str().unwrap().contains("`workload`"));

    let mut no_port = request_json(1, 0);
    no_port.as_object_mut().unwrap().remove("port");
    let (ok, lines) = run_to_end("noport", Some(&no_port));
    assert!(!ok);
    assert!(lines[0]["message"].as_str().unwrap().contains("`port`"));

    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let (ok, lines) = run_to_end("taken", Some(&request_json(1, port)));
    assert!(!ok);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert_eq!(lines[0]["type"], "error");
    let message = lines[0]["message"].as_str().unwrap();
    assert!(
        message.contains(&format!("cannot listen on 127.0.0.1:{port}")),
        "{message}"
    );
}
