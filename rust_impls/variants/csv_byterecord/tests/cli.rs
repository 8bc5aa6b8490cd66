//! End-to-end run of the csv_byterecord binary.

const BIN: &str = env!("CARGO_BIN_EXE_csv_byterecord");
const VARIANT: &str = "csv_byterecord";
const LIBRARY: &str = "csv";

include!("../../csv_cli_test.rs");
