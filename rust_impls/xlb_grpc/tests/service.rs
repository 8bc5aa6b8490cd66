//! The Bench service over real loopback connections: every method's
//! answers, and the graceful shutdown `serve` promises.

use std::future::Future;
use std::time::Duration;

use prost::Message;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;
use tonic::transport::Channel;
use xlb_grpc::pb::bench_client::BenchClient;
use xlb_grpc::pb::{CollectReply, Item, StreamRequest};
use xlb_grpc::{one_k_item, small_item};

/// A server on 127.0.0.1:0 and a client connected to it.
struct Running {
    client: BenchClient<Channel>,
    stop: oneshot::Sender<()>,
    served: JoinHandle<std::io::Result<()>>,
}

async fn start() -> Running {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let (stop, stop_requested) = oneshot::channel::<()>();
    let served = tokio::spawn(xlb_grpc::serve(listener, async {
        let _ = stop_requested.await;
    }));
    let client = BenchClient::connect(format!("http://{address}"))
        .await
        .unwrap();
    Running {
        client,
        stop,
        served,
    }
}

/// What the server must send back for `item`: itself with `sum` set.
fn answered(item: &Item, sum: i64) -> Item {
    Item {
        sum,
        ..item.clone()
    }
}

async fn within<T>(what: &str, future: impl Future<Output = T>) -> T {
    tokio::time::timeout(Duration::from_secs(20), future)
        .await
        .unwrap_or_else(|_| panic!("{what} took over 20 s"))
}

/// The encoded sizes workloads/grpc/README.md gives.
#[test]
fn item_sizes() {
    assert_eq!(small_item(1).encoded_len(), 57);
    assert_eq!(answered(&small_item(1), -15).encoded_len(), 68);
    assert_eq!(one_k_item(1).encoded_len(), 1020);
    assert_eq!(answered(&one_k_item(1), -15).encoded_len(), 1031);
}

#[tokio::test]
async fn echo_returns_the_item_with_its_sum() {
    let mut s = start().await;
    let wraps = Item {
        id: u64::MAX,
        values: vec![i64::MAX, 2],
        ..Item::default()
    };
    let cases = [
        (small_item(7), -15),
        (one_k_item(8), -15),
        (Item::default(), 0),
        (wraps, i64::MIN + 1),
    ];
    for (item, sum) in cases {
        let got = s.client.echo(item.clone()).await.unwrap().into_inner();
        assert_eq!(got, answered(&item, sum));
    }
}

#[tokio::test]
async fn stream_sends_count_items_with_consecutive_ids() {
    let mut s = start().await;
    for count in [0u32, 1, 1000] {
        for item in [small_item(100), one_k_item(u64::MAX - 1)] {
            let request = StreamRequest {
                item: Some(item.clone()),
                count,
            };
            let mut stream = s.client.stream(request).await.unwrap().into_inner();
            let mut n = 0u64;
            while let Some(got) = within("Stream", stream.message()).await.unwrap() {
                // Ids wrap past 2^64 - 1, as documented.
                let want = Item {
                    id: item.id.wrapping_add(n),
                    ..answered(&item, -15)
                };
                assert_eq!(got, want, "count {count}, Item {n}");
                n += 1;
            }
            assert_eq!(n, u64::from(count));
        }
    }
}

#[tokio::test]
async fn collect_totals_the_items_of_the_call() {
    let mut s = start().await;
    for count in [0u64, 1, 500] {
        let items: Vec<Item> = (0..count)
            .map(|i| {
                let mut item = one_k_item(1000 + i);
                item.values.push(i as i64);
                item
            })
            .collect();
        let got = s
            .client
            .collect(tokio_stream::iter(items))
            .await
            .unwrap()
            .into_inner();
        // Items 1000..1000+count-1, each summing to -15 + i.
        let sum = -15 * count as i64 + (count * count.saturating_sub(1) / 2) as i64;
        let last_id = if count == 0 { 0 } else { 1000 + count - 1 };
        assert_eq!(
            got,
            CollectReply {
                count,
                sum,
                last_id
            }
        );
    }
}

/// Every Item goes out as fast as HTTP/2 flow control allows while the
/// answers are read, so many are in flight; they must come back in order.
#[tokio::test]
async fn chat_answers_many_items_in_flight_in_order() {
    let mut s = start().await;
    let item = |i: u64| {
        if i.is_multiple_of(2) {
            small_item(i)
        } else {
            one_k_item(i)
        }
    };
    const N: u64 = 2000;
    let outgoing = tokio_stream::iter((0..N).map(item));
    let mut answers = s.client.chat(outgoing).await.unwrap().into_inner();
    for i in 0..N {
        let got = within("Chat", answers.message()).await.unwrap();
        assert_eq!(got, Some(answered(&item(i), -15)), "answer {i}");
    }
    assert_eq!(answers.message().await.unwrap(), None);
}

/// A Chat open when the shutdown begins goes on until the client ends it,
/// and only then does `serve` return; new connections are refused.
#[tokio::test]
async fn shutdown_waits_for_the_call_in_flight() {
    let s = start().await;
    let mut client = s.client.clone();
    let (to_server, outgoing) = tokio::sync::mpsc::channel::<Item>(4);
    let outgoing = tokio_stream::wrappers::ReceiverStream::new(outgoing);
    let mut answers = client.chat(outgoing).await.unwrap().into_inner();
    to_server.send(small_item(1)).await.unwrap();
    assert!(answers.message().await.unwrap().is_some());

    s.stop.send(()).unwrap();
    let mut served = s.served;
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert!(
        !served.is_finished(),
        "serve returned with a call in flight"
    );

    to_server.send(small_item(2)).await.unwrap();
    let got = within("Chat during shutdown", answers.message()).await;
    assert_eq!(got.unwrap(), Some(answered(&small_item(2), -15)));
    drop(to_server);
    assert_eq!(answers.message().await.unwrap(), None);
    within("serve after the last call", &mut served)
        .await
        .unwrap()
        .unwrap();
}

/// An idle connection does not hold the shutdown up.
#[tokio::test]
async fn shutdown_closes_idle_connections() {
    let mut s = start().await;
    s.client.echo(small_item(1)).await.unwrap();
    s.stop.send(()).unwrap();
    tokio::time::timeout(Duration::from_secs(2), s.served)
        .await
        .expect("serve still running 2 s after the shutdown with only an idle connection")
        .unwrap()
        .unwrap();
}
