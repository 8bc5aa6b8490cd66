//! The server protocol on a tokio multi-thread runtime (hyper, axum).

use std::future::Future;
use std::io;
use std::pin::Pin;
use std::time::Duration;

use anyhow::{anyhow, Context, Result};
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinError;

use crate::{Announcer, Launch, Stopped, Termination, GRACE_PERIOD};

/// Resolves when the server should stop accepting and drain its
/// connections (after SIGTERM); `Send`, as axum's graceful shutdown needs.
pub type Shutdown = Pin<Box<dyn Future<Output = ()> + Send + 'static>>;

/// Builds a multi-thread runtime with `worker_threads = launch.threads` (the
/// workers start here), spawns `serve(listener, shutdown)` on it, announces
/// ready, and on SIGTERM resolves `shutdown` and waits up to
/// [`GRACE_PERIOD`] for `serve` to return.
pub fn run_on_tokio<F, Fut>(
    launch: Launch,
    announcer: &mut Announcer<'_>,
    serve: F,
) -> Result<Stopped>
where
    F: FnOnce(TcpListener, Shutdown) -> Fut,
    Fut: Future<Output = io::Result<()>> + Send + 'static,
{
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(launch.threads)
        .enable_all()
        .build()
        .context("cannot build the tokio runtime")?;
    let threads = launch.threads as u64;
    let stopped = runtime.block_on(async move {
        let listener = TcpListener::from_std(launch.listener)
            .context("cannot register the listener with tokio")?;
        let mut termination = Termination::install()?;
        let (stop, stop_requested) = oneshot::channel::<()>();
        let shutdown: Shutdown = Box::pin(async move {
            let _ = stop_requested.await;
        });
        let mut server = tokio::spawn(serve(listener, shutdown));
        announcer.ready(threads)?;
        tokio::select! {
            () = termination.recv() => {}
            ended = &mut server => {
                served(ended)?;
                return Err(anyhow!("the server stopped before SIGTERM"));
            }
        }
        let _ = stop.send(());
        match tokio::time::timeout(GRACE_PERIOD, server).await {
            Ok(ended) => served(ended).map(|()| Stopped::Graceful),
            Err(_) => Ok(Stopped::GraceExpired),
        }
    });
    // Connections still open after an expired grace period are dropped here.
    runtime.shutdown_timeout(Duration::from_secs(1));
    stopped
}

/// The outcome of the server task: its I/O error or its panic.
fn served(ended: Result<io::Result<()>, JoinError>) -> Result<()> {
    match ended {
        Ok(result) => result.context("the server failed"),
        Err(err) if err.is_panic() => Err(anyhow!(
            "the server panicked: {}",
            xlb_driver::panic_message(err.into_panic().as_ref())
        )),
        Err(err) => Err(anyhow!("the server task failed: {err}")),
    }
}
