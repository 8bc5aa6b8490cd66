//! End-to-end run of the csv_serde binary.

const BIN: &str = env!("CARGO_BIN_EXE_csv_serde");
const VARIANT: &str = "csv_serde";
const LIBRARY: &str = "csv + serde";

include!("../../csv_cli_test.rs");
