//! Mode and params of a fanout request.

use anyhow::{bail, Context, Result};
use serde_json::{Map, Value};

/// What each task does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Sleep `sleep_ms`, return `i`.
    Sleep,
    /// Send `i` over a channel to one collector, which sums.
    Channel,
    /// Apply splitmix64 `rounds` times to `i`, return the final value.
    Compute,
    /// Park on a latch the spawner opens after the last spawn, return `i`.
    Hold,
}

impl Mode {
    pub fn parse(mode: &str) -> Result<Mode> {
        match mode {
            "sleep" => Ok(Mode::Sleep),
            "channel" => Ok(Mode::Channel),
            "compute" => Ok(Mode::Compute),
            "hold" => Ok(Mode::Hold),
            other => bail!(
                "request field `mode`: unknown mode {other:?} (expected sleep, channel, compute or hold)"
            ),
        }
    }
}

/// `params` of the request: all three are required non-negative integers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Params {
    pub tasks: u64,
    pub sleep_ms: u64,
    pub rounds: u64,
}

impl Params {
    pub fn from_request(params: &Map<String, Value>) -> Result<Params> {
        let get = |key: &str| -> Result<u64> {
            let v = params
                .get(key)
                .with_context(|| format!("request field `params.{key}` is missing"))?;
            v.as_u64().with_context(|| {
                format!("request field `params.{key}` must be an integer >= 0, got {v}")
            })
        };
        Ok(Params {
            tasks: get("tasks")?,
            sleep_ms: get("sleep_ms")?,
            rounds: get("rounds")?,
        })
    }
}
