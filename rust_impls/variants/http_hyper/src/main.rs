//! HTTP workload: a hand-written hyper 1 service. Each accepted connection
//! is served by `hyper::server::conn::http1` on its own tokio task (tokio
//! multi-thread runtime, `worker_threads = threads`); hyper-util's
//! `GracefulShutdown` drains the connections after SIGTERM.

mod service;

use std::io;
use std::time::Duration;

use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::TcpListener;
use xlb_http::{Shutdown, VariantInfo};

const HYPER: &str = env!("XLB_VERSION_HYPER");
const HYPER_UTIL: &str = env!("XLB_VERSION_HYPER_UTIL");

fn main() {
    let info = VariantInfo {
        language: "rust",
        variant: "hyper",
        library: "hyper",
        library_version: HYPER,
        backend: format!(
            "hand-written hyper {HYPER} service (server::conn::http1), \
             hyper-util {HYPER_UTIL} graceful shutdown, tokio {} multi-thread runtime",
            xlb_http::versions::TOKIO
        ),
    };
    xlb_http::serve_main(info, |launch, announcer| {
        xlb_http::run_on_tokio(launch, announcer, serve)
    });
}

/// The accept loop: one HTTP/1.1 connection task per client. On shutdown it
/// stops accepting, and every connection closes once its response in
/// flight is written.
async fn serve(listener: TcpListener, mut shutdown: Shutdown) -> io::Result<()> {
    let http = http1::Builder::new();
    let graceful = GracefulShutdown::new();
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let stream = match accepted {
                    Ok((stream, _peer)) => stream,
                    Err(err) => {
                        // Out of file descriptors and the like: back off, keep serving.
                        eprintln!("hyper: accept failed: {err}");
                        tokio::time::sleep(Duration::from_millis(10)).await;
                        continue;
                    }
                };
                // Small responses go out at once, as with Go's net/http.
                if let Err(err) = stream.set_nodelay(true) {
                    eprintln!("hyper: cannot set TCP_NODELAY: {err}");
                }
                let connection = http.serve_connection(TokioIo::new(stream), service_fn(service::route));
                let connection = graceful.watch(connection);
                tokio::spawn(async move {
                    // A client that resets or sends garbage ends only its own connection.
                    let _ = connection.await;
                });
            }
            () = &mut shutdown => break,
        }
    }
    drop(listener);
    graceful.shutdown().await;
    Ok(())
}
