//! End-to-end run of the http_axum binary through the server protocol.

const BIN: &str = env!("CARGO_BIN_EXE_http_axum");
const VARIANT: &str = "axum";
const LIBRARY: &str = "axum";

include!("../../http_cli_test.rs");
