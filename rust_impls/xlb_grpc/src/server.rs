//! The tonic server around [`BenchService`].

use std::future::Future;
use std::io;

use tokio::net::TcpListener;
use tonic::transport::server::TcpIncoming;
use tonic::transport::Server;

use crate::pb::bench_server::BenchServer;
use crate::BenchService;

/// Serves `Bench` over plaintext HTTP/2 on `listener` until `shutdown`
/// resolves; then closes the listener, sends every connection GOAWAY and
/// returns once they have all closed, i.e. once the calls in flight have
/// finished (the caller bounds that wait).
pub async fn serve<F>(listener: TcpListener, shutdown: F) -> io::Result<()>
where
    F: Future<Output = ()>,
{
    // TCP_NODELAY on every connection, as Go (and so grpc-go) sets it.
    let incoming = TcpIncoming::from(listener).with_nodelay(Some(true));
    Server::builder()
        .add_service(BenchServer::new(BenchService))
        .serve_with_incoming_shutdown(incoming, shutdown)
        .await
        .map_err(io::Error::other)
}
