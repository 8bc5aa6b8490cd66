//! End-to-end run of the json_sonic_rs binary.

const BIN: &str = env!("CARGO_BIN_EXE_json_sonic_rs");
const VARIANT: &str = "sonic_rs";
const LIBRARY: &str = "sonic-rs";

include!("../../cli_test.rs");
