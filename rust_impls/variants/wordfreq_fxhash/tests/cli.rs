//! End-to-end run of the wordfreq_fxhash binary.

const BIN: &str = env!("CARGO_BIN_EXE_wordfreq_fxhash");
const VARIANT: &str = "fxhash";
const LIBRARY: &str = "rustc-hash";

include!("../../wordfreq_cli_test.rs");
