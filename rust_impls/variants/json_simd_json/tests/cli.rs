//! End-to-end run of the json_simd_json binary.

const BIN: &str = env!("CARGO_BIN_EXE_json_simd_json");
const VARIANT: &str = "simd_json";
const LIBRARY: &str = "simd-json";

include!("../../cli_test.rs");
