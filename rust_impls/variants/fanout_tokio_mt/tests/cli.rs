//! End-to-end run of the fanout_tokio_mt binary.

const BIN: &str = env!("CARGO_BIN_EXE_fanout_tokio_mt");
const VARIANT: &str = "tokio_mt";

include!("../../fanout_cli_test.rs");
