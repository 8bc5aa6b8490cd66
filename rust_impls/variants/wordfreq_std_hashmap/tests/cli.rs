//! End-to-end run of the wordfreq_std_hashmap binary.

const BIN: &str = env!("CARGO_BIN_EXE_wordfreq_std_hashmap");
const VARIANT: &str = "std_hashmap";
const LIBRARY: &str = "std::collections::HashMap";

include!("../../wordfreq_cli_test.rs");
