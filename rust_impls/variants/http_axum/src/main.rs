//! HTTP workload: axum. A `Router` with three handlers, served by
//! `axum::serve` with graceful shutdown on a tokio multi-thread runtime
//! (`worker_threads = threads`).

use std::io;

use axum::extract::rejection::JsonRejection;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::serve::ListenerExt;
use axum::{Json, Router};
use tokio::net::TcpListener;
use xlb_http::{json_message, EchoDoc, Message, Shutdown, VariantInfo, PLAINTEXT_BODY};

const AXUM: &str = env!("XLB_VERSION_AXUM");

fn main() {
    let info = VariantInfo {
        language: "rust",
        variant: "axum",
        library: "axum",
        library_version: AXUM,
        backend: format!(
            "axum {AXUM} Router, axum::serve, tokio {} multi-thread runtime",
            xlb_http::versions::TOKIO
        ),
    };
    xlb_http::serve_main(info, |launch, announcer| {
        xlb_http::run_on_tokio(launch, announcer, serve)
    });
}

fn app() -> Router {
    Router::new()
        .route("/plaintext", get(plaintext))
        .route("/json", get(json))
        .route("/echo", post(echo))
}

async fn serve(listener: TcpListener, shutdown: Shutdown) -> io::Result<()> {
    // Small responses go out at once, as with Go's net/http.
    let listener = listener.tap_io(|stream| {
        if let Err(err) = stream.set_nodelay(true) {
            eprintln!("axum: cannot set TCP_NODELAY: {err}");
        }
    });
    axum::serve(listener, app())
        .with_graceful_shutdown(shutdown)
        .await
}

/// `&str` is sent as `text/plain; charset=utf-8`.
async fn plaintext() -> &'static str {
    PLAINTEXT_BODY
}

async fn json() -> Json<Message> {
    Json(json_message())
}

/// A body that is not an `EchoDoc` is a 400 (axum's own answer to JSON of
/// the wrong shape is 422); other rejections keep their status.
async fn echo(
    payload: Result<Json<EchoDoc>, JsonRejection>,
) -> Result<Json<EchoDoc>, (StatusCode, String)> {
    match payload {
        Ok(doc) => Ok(doc),
        Err(JsonRejection::JsonDataError(err)) => Err((StatusCode::BAD_REQUEST, err.body_text())),
        Err(rejection) => Err((rejection.status(), rejection.body_text())),
    }
}
