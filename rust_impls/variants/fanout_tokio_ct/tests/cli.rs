//! End-to-end run of the fanout_tokio_ct binary.

const BIN: &str = env!("CARGO_BIN_EXE_fanout_tokio_ct");
const VARIANT: &str = "tokio_ct";

include!("../../fanout_cli_test.rs");
