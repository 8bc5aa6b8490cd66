//! The request's `params` object: `{"seed": S, "words": N, "vocabulary": V}`.

use anyhow::{bail, Context, Result};
use serde_json::{Map, Value};

/// Bound of `words` and `vocabulary`: counts are `u32`.
pub const MAX_WORDS: u64 = u32::MAX as u64;

/// A parameter point of the workload.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Params {
    /// splitmix64 seed.
    pub seed: u64,
    /// Words in the text.
    pub words: u64,
    /// Vocabulary entries the words are drawn from.
    pub vocabulary: u64,
}

impl Params {
    /// Reads `params`: `seed` (0..2^63-1), `words` (0..MAX_WORDS) and
    /// `vocabulary` (1..MAX_WORDS), each a required integer; every error
    /// names the offending field.
    pub fn from_map(params: &Map<String, Value>) -> Result<Params> {
        let get = |key: &str, lo: u64, hi: u64| -> Result<u64> {
            let v = params
                .get(key)
                .with_context(|| format!("request field `params.{key}` is missing"))?;
            match v.as_u64() {
                Some(n) if (lo..=hi).contains(&n) => Ok(n),
                _ => {
                    bail!("request field `params.{key}` must be an integer in {lo}..{hi}, got {v}")
                }
            }
        };
        Ok(Params {
            seed: get("seed", 0, i64::MAX as u64)?,
            words: get("words", 0, MAX_WORDS)?,
            vocabulary: get("vocabulary", 1, MAX_WORDS)?,
        })
    }

    /// Reads a params object from JSON text (benchmarks, tools).
    pub fn from_json(text: &str) -> Result<Params> {
        let value: Value = serde_json::from_str(text).context("params are not valid JSON")?;
        let map = value.as_object().context("params must be a JSON object")?;
        Params::from_map(map)
    }
}
