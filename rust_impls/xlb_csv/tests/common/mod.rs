//! Helpers shared by the xlb_csv integration tests.
#![allow(dead_code)]

use std::path::PathBuf;

use xlb_csv::{aggregate_once, CsvParams, Variant};

/// The canonical text of `variant` on `input`; panics on error.
pub fn text(variant: Variant, schema: &str, params: &CsvParams, input: &[u8]) -> Vec<u8> {
    aggregate_once(variant, schema, params, input)
        .unwrap_or_else(|e| panic!("{}: {e:#}", variant.name()))
        .canonical_text()
}

/// The error message of `variant` on `input`; panics on success.
pub fn error(variant: Variant, schema: &str, params: &CsvParams, input: &[u8]) -> String {
    match aggregate_once(variant, schema, params, input) {
        Ok(_) => panic!("{} should fail", variant.name()),
        Err(e) => format!("{e:#}"),
    }
}

pub fn params(key: &str, int_columns: &[&str]) -> CsvParams {
    CsvParams {
        key: key.to_string(),
        int_columns: int_columns.iter().map(|s| s.to_string()).collect(),
    }
}

/// The untyped variant's canonical text as a string (lossy, for readable asserts).
pub fn untyped(input: &str, key: &str, int_columns: &[&str]) -> String {
    let out = text(
        Variant::ByteRecord,
        "",
        &params(key, int_columns),
        input.as_bytes(),
    );
    String::from_utf8_lossy(&out).into_owned()
}

/// workloads/csv/fixtures of this repository.
pub fn fixtures_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../workloads/csv/fixtures")
}
