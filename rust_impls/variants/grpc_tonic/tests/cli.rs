//! End-to-end run of the grpc_tonic binary through the server protocol
//! (../../server_cli_common.rs): request file, hello and ready, calls with a
//! tonic client, SIGTERM, done and exit 0; and the start-up failures.

const BIN: &str = env!("CARGO_BIN_EXE_grpc_tonic");
const VARIANT: &str = "tonic";

include!("../../server_cli_common.rs");

use serde_json::json;
use xlb_grpc::pb::bench_client::BenchClient;
use xlb_grpc::pb::StreamRequest;
use xlb_grpc::small_item;

fn request_json(threads: u64, port: u16) -> Value {
    json!({
        "protocol": 1, "workload": "grpc", "mode": "all",
        "input": {"name": "small", "path": "", "schema": "", "bytes": 0},
        "params": {}, "threads": threads, "host": "127.0.0.1", "port": port
    })
}

#[test]
fn serves_calls_and_stops_on_sigterm() {
    let server = Server::start("serve", 3);
    let hello = &server.hello;
    assert_eq!(hello["protocol"], 1);
    assert_eq!(hello["language"], "rust");
    assert_eq!(hello["variant"], VARIANT);
    assert_eq!(hello["library"], "tonic");
    let version = hello["library_version"].as_str().unwrap();
    assert!(version.starts_with("0."), "{version}");
    assert_eq!(hello["framework"], format!("tonic {version}"));
    assert_eq!(hello["threads"], 3);
    // 3 workers and the main thread at least.
    assert!(server.os_threads() >= 4, "{} threads", server.os_threads());

    let port = server.port;
    let runtime = tokio::runtime::Runtime::new().unwrap();
    // The client (and so its connection) lives on, idle, through the
    // shutdown: the server must close it rather than wait out the grace.
    let _client = runtime.block_on(async {
        let mut client = BenchClient::connect(format!("http://127.0.0.1:{port}"))
            .await
            .unwrap();
        let got = client.echo(small_item(3)).await.unwrap().into_inner();
        assert_eq!((got.id, got.sum), (3, -15));
        let request = StreamRequest {
            item: Some(small_item(10)),
            count: 3,
        };
        let mut stream = client.stream(request).await.unwrap().into_inner();
        for id in 10..13 {
            let got = stream.message().await.unwrap().unwrap();
            assert_eq!((got.id, got.sum), (id, -15));
        }
        assert_eq!(stream.message().await.unwrap(), None);
        client
    });

    let start = Instant::now();
    let facts = server.stop();
    assert_eq!(facts, json!({}), "a graceful stop has no facts");
    assert!(
        start.elapsed() < Duration::from_secs(2),
        "SIGTERM to exit took {:?} with only an idle connection open",
        start.elapsed()
    );
    let refused = std::net::TcpStream::connect(("127.0.0.1", port));
    assert!(refused.is_err(), "port {port} still accepts after exit");
}

/// SIGTERM during a call: the call finishes, then the server exits 0.
#[test]
fn sigterm_lets_a_call_in_flight_finish() {
    let mut server = Server::start("inflight", 1);
    let port = server.port;
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let (to_server, outgoing) = tokio::sync::mpsc::channel(1);
    let mut answers = runtime.block_on(async {
        let mut client = BenchClient::connect(format!("http://127.0.0.1:{port}"))
            .await
            .unwrap();
        let outgoing = tokio_stream::wrappers::ReceiverStream::new(outgoing);
        client.chat(outgoing).await.unwrap().into_inner()
    });
    runtime.block_on(async {
        to_server.send(small_item(1)).await.unwrap();
        assert!(answers.message().await.unwrap().is_some());
    });
    server.sigterm();
    std::thread::sleep(Duration::from_millis(300));
    assert!(
        server.child.try_wait().unwrap().is_none(),
        "exited with a call in flight"
    );
    runtime.block_on(async {
        to_server.send(small_item(2)).await.unwrap();
        let got = answers.message().await.unwrap().unwrap();
        assert_eq!((got.id, got.sum), (2, -15));
        drop(to_server);
        assert_eq!(answers.message().await.unwrap(), None);
    });
    let (status, rest) = server.wait();
    assert!(status.success(), "{status:?} {rest:?}");
    assert_eq!(rest, [json!({"type": "done", "facts": {}})]);
}

#[test]
fn start_up_failures_print_an_error_and_exit_1() {
    let mut no_threads = request_json(1, 0);
    no_threads["threads"] = json!(0);
    let mut no_host = request_json(1, 0);
    no_host.as_object_mut().unwrap().remove("host");
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let cases = [
        (no_threads, "`threads`".to_string()),
        (no_host, "`host`".to_string()),
        (
            request_json(1, port),
            format!("cannot listen on 127.0.0.1:{port}"),
        ),
    ];
    for (request, names) in cases {
        let (ok, lines) = run_to_end("bad", Some(&request));
        assert!(!ok, "{lines:?}");
        assert_eq!(lines.len(), 1, "{lines:?}");
        assert_eq!(lines[0]["type"], "error");
        let message = lines[0]["message"].as_str().unwrap();
        assert!(message.contains(&names), "{message} does not name {names}");
    }
}
