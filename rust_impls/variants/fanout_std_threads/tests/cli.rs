//! End-to-end run of the fanout_std_threads binary.

const BIN: &str = env!("CARGO_BIN_EXE_fanout_std_threads");
const VARIANT: &str = "os_threads";

include!("../../fanout_cli_test.rs");
