//! The `http` workload's shared Rust side (docs/protocol.md, "The server
//! protocol"): the server-protocol driver, the typed `EchoDoc` and the
//! constant bodies. A server variant supplies only its router and handlers.
//!
//! - [`serve_main`] reads `--request`, binds the socket, hands it to the
//!   variant, prints `hello`/`ready` when the variant says its workers run
//!   ([`Announcer::ready`]) and `done` once it has stopped.
//! - [`run_on_tokio`] is that middle part for tokio-based frameworks (hyper,
//!   axum): a multi-thread runtime with `worker_threads = threads`, SIGTERM
//!   handling and the grace period.
//! - [`Termination`] and [`GRACE_PERIOD`] let other runtimes (actix-web) do
//!   the same.

mod bodies;
mod driver;
mod echo;
mod signals;
mod tokio_rt;

pub use bodies::{
    json_message, Message, JSON_BODY, JSON_CONTENT_TYPE, MAX_BODY_BYTES, PLAINTEXT_BODY,
    PLAINTEXT_CONTENT_TYPE,
};
pub use driver::{
    bind, serve_drive, serve_main, serve_run, Announcer, Launch, Stopped, GRACE_PERIOD,
    LISTEN_BACKLOG,
};
pub use echo::{Address, EchoDoc};
pub use signals::Termination;
pub use tokio_rt::{run_on_tokio, Shutdown};
pub use xlb_driver::VariantInfo;

/// Resolved crate versions, taken from Cargo.lock by build.rs.
pub mod versions {
    pub const TOKIO: &str = env!("XLB_VERSION_TOKIO");
}
