//! The JSON lines a variant prints on stdout (docs/protocol.md, "Output").

use std::collections::BTreeMap;
use std::io::Write;

use anyhow::{Context, Result};
use serde::Serialize;

/// The harness rejects longer lines; error messages are cut to stay below.
pub const MAX_LINE_BYTES: usize = 64 * 1024;
const MAX_MESSAGE_BYTES: usize = 8 * 1024;

/// A fact in the `done` or `result` line: a number or a string.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Fact {
    Int(i64),
    Text(String),
}

/// One output line. The internal tag puts `"type"` first in the object.
#[derive(Debug, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Line<'a> {
    Hello {
        protocol: u64,
        language: &'a str,
        variant: &'a str,
        library: &'a str,
        library_version: &'a str,
        backend: &'a str,
        runtime: &'a str,
        /// Spawn protocol only: the worker threads really started.
        #[serde(skip_serializing_if = "Option::is_none")]
        threads: Option<u64>,
    },
    /// Server protocol: hello with the worker threads really started and
    /// the framework (name and version) serving the requests.
    #[serde(rename = "hello")]
    ServerHello {
        protocol: u64,
        language: &'a str,
        variant: &'a str,
        library: &'a str,
        library_version: &'a str,
        backend: &'a str,
        runtime: &'a str,
        threads: u64,
        framework: &'a str,
    },
    /// Server protocol: the socket is bound and accepting on this address.
    Ready {
        host: &'a str,
        port: u16,
    },
    Check {
        checksum: &'a BTreeMap<String, i64>,
    },
    Warmup {
        ops: u64,
        ns: u64,
        batch: u64,
    },
    Sample {
        index: u64,
        ops: u64,
        ns: u64,
    },
    Done {
        facts: &'a BTreeMap<&'a str, Fact>,
    },
    /// Spawn protocol: the one measured run.
    Result {
        checksum: &'a BTreeMap<String, i64>,
        ns: u64,
        facts: &'a BTreeMap<&'a str, Fact>,
    },
    Error {
        message: &'a str,
    },
}

impl Line<'_> {
    /// Writes the line in one piece and flushes, so the harness never sees
    /// a partial line.
    pub fn write_to<W: Write>(&self, out: &mut W) -> Result<()> {
        let mut text = serde_json::to_string(self).context("cannot encode output line")?;
        if text.len() >= MAX_LINE_BYTES {
            anyhow::bail!("output line too long ({} bytes)", text.len());
        }
        text.push('\n');
        out.write_all(text.as_bytes())
            .and_then(|()| out.flush())
            .context("cannot write to stdout")
    }
}

/// Cuts an error message to a size that fits in one line, on a char boundary.
pub fn clip_message(message: &str) -> &str {
    if message.len() <= MAX_MESSAGE_BYTES {
        return message;
    }
    let mut end = MAX_MESSAGE_BYTES;
    while !message.is_char_boundary(end) {
        end -= 1;
    }
    &message[..end]
}
