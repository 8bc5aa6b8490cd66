//! End-to-end run of the http_hyper binary through the server protocol.

const BIN: &str = env!("CARGO_BIN_EXE_http_hyper");
const VARIANT: &str = "hyper";
const LIBRARY: &str = "hyper";

include!("../../http_cli_test.rs");
