//! The request's `params` object: `{"header": true, "key": ..., "int_columns": [...]}`.

use anyhow::{bail, Context, Result};
use serde_json::{Map, Value};

/// Which column groups the records and which columns are aggregated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvParams {
    pub key: String,
    pub int_columns: Vec<String>,
}

impl CsvParams {
    /// Reads `params`; every error names the offending field.
    pub fn from_map(params: &Map<String, Value>) -> Result<CsvParams> {
        match params.get("header") {
            Some(Value::Bool(true)) => {}
            Some(Value::Bool(false)) => {
                bail!("request field `params.header`: only true is supported (the first record is the header)")
            }
            Some(other) => bail!("request field `params.header` must be a boolean, got {other}"),
            None => bail!("request field `params.header` is missing"),
        }
        let key = match params.get("key") {
            Some(Value::String(s)) => s.clone(),
            Some(other) => bail!("request field `params.key` must be a string, got {other}"),
            None => bail!("request field `params.key` is missing"),
        };
        let int_columns = match params.get("int_columns") {
            Some(Value::Array(items)) => items
                .iter()
                .enumerate()
                .map(|(i, v)| match v {
                    Value::String(s) => Ok(s.clone()),
                    other => bail!(
                        "request field `params.int_columns[{i}]` must be a string, got {other}"
                    ),
                })
                .collect::<Result<Vec<_>>>()?,
            Some(other) => {
                bail!("request field `params.int_columns` must be an array of strings, got {other}")
            }
            None => bail!("request field `params.int_columns` is missing"),
        };
        Ok(CsvParams { key, int_columns })
    }

    /// Parses params JSON text (a params.json fixture, a bench's env var).
    pub fn from_json(text: &str) -> Result<CsvParams> {
        let value: Value = serde_json::from_str(text).context("params are not valid JSON")?;
        let map = value.as_object().context("params must be a JSON object")?;
        CsvParams::from_map(map)
    }
}

/// Index of the first header field equal to `name`; `what` names the param.
pub fn column_index<'h, H>(header: H, name: &str, what: &str) -> Result<usize>
where
    H: IntoIterator<Item = &'h [u8]>,
{
    let mut seen = Vec::new();
    for (i, field) in header.into_iter().enumerate() {
        if field == name.as_bytes() {
            return Ok(i);
        }
        seen.push(String::from_utf8_lossy(field).into_owned());
    }
    bail!("request field `{what}`: column {name:?} is not in the header {seen:?}")
}
