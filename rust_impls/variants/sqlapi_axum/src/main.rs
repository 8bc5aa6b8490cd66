//! sql-api workload: axum in front of PostgreSQL through tokio-postgres and a
//! deadpool-postgres pool, on a tokio multi-thread runtime
//! (`worker_threads = threads`). The database URL and the pool size come in
//! the request's params.

use std::io;

use axum::serve::ListenerExt;
use sqlapi_axum::{app, open_pool, Config};
use tokio::net::TcpListener;
use xlb_http::{Shutdown, VariantInfo};

const AXUM: &str = env!("XLB_VERSION_AXUM");
const TOKIO_POSTGRES: &str = env!("XLB_VERSION_TOKIO_POSTGRES");
const DEADPOOL_POSTGRES: &str = env!("XLB_VERSION_DEADPOOL_POSTGRES");

fn main() {
    let info = VariantInfo {
        language: "rust",
        variant: "axum_tokio_postgres",
        library: "tokio-postgres",
        library_version: TOKIO_POSTGRES,
        backend: format!(
            "axum {AXUM} Router, serde_json, tokio-postgres {TOKIO_POSTGRES}, deadpool-postgres \
             {DEADPOOL_POSTGRES}, tokio {} multi-thread runtime",
            xlb_http::versions::TOKIO
        ),
    };
    xlb_http::serve_main(info, |launch, announcer| {
        let config = Config::from_params(&launch.request.request.params)?;
        xlb_http::run_on_tokio(launch, announcer, move |listener, shutdown| {
            serve(listener, shutdown, config)
        })
    });
}

async fn serve(listener: TcpListener, shutdown: Shutdown, config: Config) -> io::Result<()> {
    // Every pool connection is opened before the first request is served (as
    // in Go); a wrong URL ends the server with the error.
    let pool = open_pool(&config, None)
        .await
        .map_err(|err| io::Error::other(format!("{err:#}")))?;
    let listener = listener.tap_io(|stream| {
        if let Err(err) = stream.set_nodelay(true) {
            eprintln!("sqlapi_axum: cannot set TCP_NODELAY: {err}");
        }
    });
    axum::serve(listener, app(pool.clone()))
        .with_graceful_shutdown(shutdown)
        .await?;
    pool.close();
    Ok(())
}
