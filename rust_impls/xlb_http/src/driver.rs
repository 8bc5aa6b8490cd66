//! The server protocol's process around a framework: request, bind,
//! `hello` + `ready`, and `done` after the framework has stopped.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::io::Write;
use std::net::{SocketAddr, TcpListener, ToSocketAddrs};
use std::time::Duration;

use anyhow::{bail, Context, Result};
use socket2::{Domain, Protocol, Socket, Type};
use xlb_driver::{
    guarded, parse_args, Fact, Line, ServerRequest, VariantInfo, PROTOCOL_VERSION, RUNTIME,
};

/// After SIGTERM, requests in flight get this long before the server stops
/// anyway.
pub const GRACE_PERIOD: Duration = Duration::from_secs(5);

/// Listen backlog: what tokio's and actix-web's own `bind` use. std's
/// `TcpListener::bind` uses 128, which a burst of load-generator
/// connections can overflow (the overflow waits for a SYN retry).
pub const LISTEN_BACKLOG: i32 = 1024;

/// What the variant gets: the bound socket and the worker count to start.
#[derive(Debug)]
pub struct Launch {
    /// Bound, listening and non-blocking, ready for the framework's
    /// `from_std`/`listen`.
    pub listener: TcpListener,
    /// Worker threads to start: the request's `threads`, exactly.
    pub threads: usize,
    pub request: ServerRequest,
}

/// How the server stopped after SIGTERM.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stopped {
    /// Every request in flight finished within [`GRACE_PERIOD`].
    Graceful,
    /// The grace period ran out; the remaining connections were dropped.
    GraceExpired,
}

impl Stopped {
    /// The `done` line's facts: empty after a graceful stop.
    fn facts(self) -> BTreeMap<&'static str, Fact> {
        match self {
            Stopped::Graceful => BTreeMap::new(),
            Stopped::GraceExpired => BTreeMap::from([("grace_expired", Fact::Int(1))]),
        }
    }
}

/// Prints `hello` and `ready`; the variant calls [`Announcer::ready`] once
/// its workers run and the listener is handed to the framework.
pub struct Announcer<'a> {
    out: &'a mut dyn Write,
    info: &'a VariantInfo,
    address: SocketAddr,
    announced: bool,
}

impl Announcer<'_> {
    /// Prints `hello` (with `threads_started`, the workers really running)
    /// and `ready` with the address really bound.
    pub fn ready(&mut self, threads_started: u64) -> Result<()> {
        if self.announced {
            bail!("ready announced twice");
        }
        let framework = format!("{} {}", self.info.library, self.info.library_version);
        Line::ServerHello {
            protocol: PROTOCOL_VERSION,
            language: self.info.language,
            variant: self.info.variant,
            library: self.info.library,
            library_version: self.info.library_version,
            backend: &self.info.backend,
            runtime: RUNTIME,
            threads: threads_started,
            framework: &framework,
        }
        .write_to(&mut self.out)?;
        Line::Ready {
            host: &self.address.ip().to_string(),
            port: self.address.port(),
        }
        .write_to(&mut self.out)?;
        self.announced = true;
        Ok(())
    }
}

/// Runs the server protocol on stdout; exits with status 1 on failure.
/// `serve` starts the framework on `launch`, calls `announcer.ready`, and
/// returns once it has stopped after SIGTERM.
pub fn serve_main<F>(info: VariantInfo, serve: F)
where
    F: FnOnce(Launch, &mut Announcer<'_>) -> Result<Stopped>,
{
    let args: Vec<OsString> = std::env::args_os().skip(1).collect();
    // Not locked for the whole run: framework threads may not block on it.
    let mut out = std::io::stdout();
    if !serve_drive(&mut out, &info, &args, serve) {
        std::process::exit(1);
    }
}

/// Runs the protocol and turns any failure, a panic included, into an
/// `error` line (and a note on stderr). Returns whether it succeeded.
pub fn serve_drive<W, F>(out: &mut W, info: &VariantInfo, args: &[OsString], serve: F) -> bool
where
    W: Write,
    F: FnOnce(Launch, &mut Announcer<'_>) -> Result<Stopped>,
{
    guarded(out, info, |out| serve_run(out, info, args, serve))
}

/// Everything `serve_main` does, with the writer and arguments injected.
pub fn serve_run<W, F>(out: &mut W, info: &VariantInfo, args: &[OsString], serve: F) -> Result<()>
where
    W: Write,
    F: FnOnce(Launch, &mut Announcer<'_>) -> Result<Stopped>,
{
    let path = parse_args(args)?;
    let request = ServerRequest::from_file(&path)?;
    // The sql-api and grpc workloads' servers speak the same protocol.
    if !matches!(
        request.request.workload.as_str(),
        "http" | "sql-api" | "grpc"
    ) {
        bail!(
            "request field `workload`: expected \"http\", \"sql-api\" or \"grpc\", got {:?}",
            request.request.workload
        );
    }
    let threads =
        usize::try_from(request.request.threads).context("request field `threads` is too large")?;
    let listener = bind(&request.host, request.port)?;
    let address = listener
        .local_addr()
        .context("cannot read the bound address")?;
    let mut announcer = Announcer {
        out,
        info,
        address,
        announced: false,
    };
    let launch = Launch {
        listener,
        threads,
        request,
    };
    let stopped = serve(launch, &mut announcer)?;
    if !announcer.announced {
        bail!("the server stopped without announcing ready");
    }
    Line::Done {
        facts: &stopped.facts(),
    }
    .write_to(out)
}

/// Binds `host:port` (port 0: the kernel chooses) with SO_REUSEADDR and a
/// [`LISTEN_BACKLOG`] backlog; the first address `host` resolves to that
/// binds wins. The listener is non-blocking, as tokio and actix-web need.
pub fn bind(host: &str, port: u16) -> Result<TcpListener> {
    let addresses = (host, port)
        .to_socket_addrs()
        .with_context(|| format!("cannot resolve host {host:?}"))?;
    let mut last_error = None;
    for address in addresses {
        match bind_address(address) {
            Ok(listener) => return Ok(listener),
            Err(err) => last_error = Some((address, err)),
        }
    }
    match last_error {
        Some((address, err)) => Err(err).with_context(|| format!("cannot listen on {address}")),
        None => bail!("host {host:?} resolves to no address"),
    }
}

fn bind_address(address: SocketAddr) -> std::io::Result<TcpListener> {
    let socket = Socket::new(
        Domain::for_address(address),
        Type::STREAM,
        Some(Protocol::TCP),
    )?;
    // As Go, tokio and actix-web do: a restart is not refused while old
    // connections sit in TIME_WAIT (a live listener still is).
    socket.set_reuse_address(true)?;
    socket.bind(&address.into())?;
    socket.listen(LISTEN_BACKLOG)?;
    socket.set_nonblocking(true)?;
    Ok(socket.into())
}
