//! End-to-end run of the http_actix binary through the server protocol.

const BIN: &str = env!("CARGO_BIN_EXE_http_actix");
const VARIANT: &str = "actix_web";
const LIBRARY: &str = "actix-web";

include!("../../http_cli_test.rs");
