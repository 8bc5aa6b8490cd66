//! HTTP workload: actix-web 4. `HttpServer` with `workers(threads)` (each
//! worker a thread with its own single-threaded runtime), stopped
//! gracefully through its `ServerHandle` after SIGTERM.

use std::future::{poll_fn, Future};
use std::pin::Pin;
use std::task::Poll;

use actix_web::http::header::ContentType;
use actix_web::{get, post, web, App, HttpResponse, HttpServer};
use anyhow::{anyhow, bail, Context, Result};
use xlb_http::{
    json_message, Announcer, EchoDoc, Launch, Message, Stopped, Termination, VariantInfo,
    GRACE_PERIOD, PLAINTEXT_BODY,
};

const ACTIX_WEB: &str = env!("XLB_VERSION_ACTIX_WEB");

fn main() {
    let info = VariantInfo {
        language: "rust",
        variant: "actix_web",
        library: "actix-web",
        library_version: ACTIX_WEB,
        backend: format!(
            "actix-web {ACTIX_WEB} HttpServer, one single-threaded tokio {} runtime per worker",
            xlb_http::versions::TOKIO
        ),
    };
    xlb_http::serve_main(info, |launch, announcer| {
        actix_web::rt::System::new().block_on(serve(launch, announcer))
    });
}

#[get("/plaintext")]
async fn plaintext() -> HttpResponse {
    HttpResponse::Ok()
        .content_type(ContentType::plaintext())
        .body(PLAINTEXT_BODY)
}

#[get("/json")]
async fn json() -> web::Json<Message> {
    web::Json(json_message())
}

/// A body that is not an `EchoDoc` is rejected by the extractor with 400.
#[post("/echo")]
async fn echo(doc: web::Json<EchoDoc>) -> web::Json<EchoDoc> {
    doc
}

async fn serve(launch: Launch, announcer: &mut Announcer<'_>) -> Result<Stopped> {
    let threads = launch.threads;
    let mut termination = Termination::install()?;
    let server = HttpServer::new(|| App::new().service(plaintext).service(json).service(echo))
        .workers(threads)
        // Small responses go out at once, as with Go's net/http.
        .tcp_nodelay(true)
        // SIGTERM is ours: it must end in a `done` line.
        .disable_signals()
        .shutdown_timeout(GRACE_PERIOD.as_secs())
        .listen(launch.listener)
        .context("actix-web cannot use the listener")?
        .run();
    let handle = server.handle();
    let mut server = Box::pin(server);
    // The first poll starts the worker threads and the acceptor.
    if let Some(ended) = poll_once(server.as_mut()).await {
        ended.context("actix-web failed to start")?;
        bail!("actix-web stopped as soon as it started");
    }
    announcer.ready(threads as u64)?;
    let mut server = actix_web::rt::spawn(server);
    tokio::select! {
        () = termination.recv() => {}
        ended = &mut server => {
            ended.map_err(|err| anyhow!("the server task failed: {err}"))?.context("actix-web failed")?;
            bail!("the server stopped before SIGTERM");
        }
    }
    match tokio::time::timeout(GRACE_PERIOD, handle.stop(true)).await {
        Ok(()) => Ok(Stopped::Graceful),
        Err(_) => Ok(Stopped::GraceExpired),
    }
}

/// Polls `future` once: its output if it finished, `None` if it is pending.
async fn poll_once<F: Future + Unpin>(mut future: F) -> Option<F::Output> {
    poll_fn(|cx| match Pin::new(&mut future).poll(cx) {
        Poll::Ready(output) => Poll::Ready(Some(output)),
        Poll::Pending => Poll::Ready(None),
    })
    .await
}
