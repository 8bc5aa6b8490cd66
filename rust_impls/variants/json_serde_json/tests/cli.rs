//! End-to-end run of the json_serde_json binary.

const BIN: &str = env!("CARGO_BIN_EXE_json_serde_json");
const VARIANT: &str = "serde_json";
const LIBRARY: &str = "serde_json";

include!("../../cli_test.rs");
