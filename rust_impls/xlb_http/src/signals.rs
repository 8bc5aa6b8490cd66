//! SIGTERM (and SIGINT, for a run by hand) as an async event.

use anyhow::{Context, Result};
use tokio::signal::unix::{signal, Signal, SignalKind};

/// The request to stop. The handlers are installed by [`Termination::install`],
/// so a signal that arrives from then on is kept until [`Termination::recv`].
pub struct Termination {
    terminate: Signal,
    interrupt: Signal,
}

impl Termination {
    /// Installs the handlers; call it inside a tokio runtime with I/O
    /// enabled, before `ready` is printed.
    pub fn install() -> Result<Termination> {
        Ok(Termination {
            terminate: signal(SignalKind::terminate()).context("cannot handle SIGTERM")?,
            interrupt: signal(SignalKind::interrupt()).context("cannot handle SIGINT")?,
        })
    }

    /// Waits for SIGTERM or SIGINT.
    pub async fn recv(&mut self) {
        tokio::select! {
            _ = self.terminate.recv() => {}
            _ = self.interrupt.recv() => {}
        }
    }
}
