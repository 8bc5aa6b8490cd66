//! The request file (docs/protocol.md, "Request").
//!
//! Fields are read by hand from a `serde_json::Value` rather than derived so
//! that every error names the offending field, ill-typed values included.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use serde_json::{Map, Value};

/// The protocol version this driver speaks.
pub const PROTOCOL_VERSION: u64 = 1;

/// A parsed, validated request. Unknown fields are ignored.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    pub protocol: u64,
    pub workload: String,
    pub mode: String,
    pub input: Input,
    pub params: Map<String, Value>,
    pub warmup_ms: u64,
    pub samples: u64,
    pub min_sample_ms: u64,
    pub threads: u64,
}

/// The `input` object of a request.
#[derive(Debug, Clone, PartialEq)]
pub struct Input {
    pub name: String,
    pub path: PathBuf,
    pub schema: String,
    pub bytes: u64,
}

impl Input {
    /// Reads the input file (untimed setup) and checks its size against
    /// `input.bytes`.
    pub fn read(&self) -> Result<Vec<u8>> {
        let path = &self.path;
        let input =
            std::fs::read(path).with_context(|| format!("cannot read input {}", path.display()))?;
        if input.len() as u64 != self.bytes {
            bail!(
                "input {} has {} bytes, request field `input.bytes` says {}",
                path.display(),
                input.len(),
                self.bytes
            );
        }
        Ok(input)
    }
}

impl Request {
    /// Reads and parses the request file.
    pub fn from_file(path: &Path) -> Result<Request> {
        Request::read_with(path, Request::parse)
    }

    /// Reads and parses the request file of a spawn-protocol run.
    pub fn from_file_spawn(path: &Path) -> Result<Request> {
        Request::read_with(path, Request::parse_spawn)
    }

    fn read_with<T>(path: &Path, parse: fn(&str) -> Result<T>) -> Result<T> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read request file {}", path.display()))?;
        parse(&text).with_context(|| format!("bad request file {}", path.display()))
    }

    /// Parses request JSON text (batch protocol: every field required).
    pub fn parse(text: &str) -> Result<Request> {
        Request::parse_kind(text, false)
    }

    /// Parses request JSON text for the spawn protocol: `warmup_ms`,
    /// `samples` and `min_sample_ms` do not apply there, so they may be
    /// absent (read as 0, 1, 1) but are still type-checked when present.
    /// `input.path` may be empty and `input.bytes` 0 (parameter-only
    /// inputs); `input` itself and its fields must still be there.
    pub fn parse_spawn(text: &str) -> Result<Request> {
        Request::parse_kind(text, true)
    }

    fn parse_kind(text: &str, spawn: bool) -> Result<Request> {
        let uint_opt = |obj: &Map<String, Value>, key: &str, min: u64, default: u64| {
            if spawn && !obj.contains_key(key) {
                Ok(default)
            } else {
                uint(obj, "", key, min)
            }
        };
        let root: Value = serde_json::from_str(text).context("request is not valid JSON")?;
        let obj = root.as_object().context("request must be a JSON object")?;

        let protocol = uint(obj, "", "protocol", 0)?;
        if protocol != PROTOCOL_VERSION {
            bail!("request field `protocol`: unsupported version {protocol} (this driver speaks {PROTOCOL_VERSION})");
        }
        let input_obj = object(obj, "", "input")?;
        let input = Input {
            name: string(input_obj, "input.", "name")?,
            path: PathBuf::from(string(input_obj, "input.", "path")?),
            schema: string(input_obj, "input.", "schema")?,
            bytes: uint(input_obj, "input.", "bytes", 0)?,
        };
        Ok(Request {
            protocol,
            workload: string(obj, "", "workload")?,
            mode: string(obj, "", "mode")?,
            input,
            params: object(obj, "", "params")?.clone(),
            warmup_ms: uint_opt(obj, "warmup_ms", 0, 0)?,
            samples: uint_opt(obj, "samples", 1, 1)?,
            min_sample_ms: uint_opt(obj, "min_sample_ms", 1, 1)?,
            threads: uint(obj, "", "threads", 1)?,
        })
    }
}

/// A server-protocol request (docs/protocol.md, "The server protocol"): the
/// spawn-protocol fields plus the address to bind.
#[derive(Debug, Clone, PartialEq)]
pub struct ServerRequest {
    pub request: Request,
    /// Address to bind, e.g. `127.0.0.1`.
    pub host: String,
    /// TCP port to bind; 0 lets the kernel choose.
    pub port: u16,
}

impl ServerRequest {
    /// Reads and parses the request file of a server-protocol run.
    pub fn from_file(path: &Path) -> Result<ServerRequest> {
        Request::read_with(path, ServerRequest::parse)
    }

    /// Parses request JSON text: as [`Request::parse_spawn`] (the batch
    /// timing fields do not apply), plus the required `host` and `port`.
    pub fn parse(text: &str) -> Result<ServerRequest> {
        let request = Request::parse_spawn(text)?;
        let root: Value = serde_json::from_str(text).context("request is not valid JSON")?;
        let obj = root.as_object().context("request must be a JSON object")?;
        let host = string(obj, "", "host")?;
        if host.is_empty() {
            bail!("request field `host` must not be empty");
        }
        let port = uint(obj, "", "port", 0)?;
        let port = u16::try_from(port).map_err(|_| {
            anyhow::anyhow!("request field `port` must be at most 65535, got {port}")
        })?;
        Ok(ServerRequest {
            request,
            host,
            port,
        })
    }
}

fn field<'a>(obj: &'a Map<String, Value>, prefix: &str, key: &str) -> Result<&'a Value> {
    obj.get(key)
        .with_context(|| format!("request field `{prefix}{key}` is missing"))
}

fn string(obj: &Map<String, Value>, prefix: &str, key: &str) -> Result<String> {
    match field(obj, prefix, key)? {
        Value::String(s) => Ok(s.clone()),
        other => bail!("request field `{prefix}{key}` must be a string, got {other}"),
    }
}

fn uint(obj: &Map<String, Value>, prefix: &str, key: &str, min: u64) -> Result<u64> {
    let v = field(obj, prefix, key)?;
    match v.as_u64() {
        Some(n) if n >= min => Ok(n),
        _ => bail!("request field `{prefix}{key}` must be an integer >= {min}, got {v}"),
    }
}

fn object<'a>(
    obj: &'a Map<String, Value>,
    prefix: &str,
    key: &str,
) -> Result<&'a Map<String, Value>> {
    let v = field(obj, prefix, key)?;
    v.as_object()
        .with_context(|| format!("request field `{prefix}{key}` must be an object, got {v}"))
}
