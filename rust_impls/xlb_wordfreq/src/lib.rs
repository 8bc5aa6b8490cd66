//! The `wordfreq` workload (workloads/wordfreq/README.md) for the Rust
//! variants: the text generator (the same bytes as Go's), the tokeniser, the
//! count in a hash map and its summary.

pub mod count;
pub mod generate;
pub mod op;
pub mod params;

use anyhow::bail;
use rustc_hash::FxBuildHasher;
use std::collections::hash_map::RandomState;
use xlb_driver::{Operation, Request, Result, VariantInfo};

pub use count::{count_words, fnv1a32, tokens, Summary, FINGERPRINT_MASK};
pub use generate::{generate, pick, vocabulary, SplitMix64};
pub use op::{Count, WordfreqOp};
pub use params::{Params, MAX_WORDS};

/// The workload's only mode.
pub const MODE: &str = "count";

/// Resolved crate versions, taken from Cargo.lock by build.rs.
pub mod versions {
    pub const RUSTC_HASH: &str = env!("XLB_VERSION_RUSTC_HASH");
}

/// The two Rust variants of the workload.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Variant {
    /// `std_hashmap`: `std::collections::HashMap` with its default hasher.
    StdHashMap,
    /// `fxhash`: the same map with rustc-hash's `FxBuildHasher`.
    FxHash,
}

impl Variant {
    pub const ALL: [Variant; 2] = [Variant::StdHashMap, Variant::FxHash];

    /// Variant name, as in workload.json.
    pub fn name(self) -> &'static str {
        match self {
            Variant::StdHashMap => "std_hashmap",
            Variant::FxHash => "fxhash",
        }
    }

    /// `library` of the hello line, as in workload.json.
    pub fn library(self) -> &'static str {
        match self {
            Variant::StdHashMap => "std::collections::HashMap",
            Variant::FxHash => "rustc-hash",
        }
    }

    /// `library_version` of the hello line: the compiler for std.
    pub fn library_version(self) -> &'static str {
        match self {
            Variant::StdHashMap => xlb_driver::RUNTIME,
            Variant::FxHash => versions::RUSTC_HASH,
        }
    }

    /// What really runs.
    pub fn backend(self) -> String {
        match self {
            Variant::StdHashMap => "std HashMap<&[u8], u32> (hashbrown), RandomState (SipHash-1-3)",
            Variant::FxHash => "std HashMap<&[u8], u32> (hashbrown), rustc_hash::FxBuildHasher",
        }
        .to_string()
    }

    /// The operation of the variant.
    pub fn count(self) -> Count {
        match self {
            Variant::StdHashMap => count_words::<RandomState>,
            Variant::FxHash => count_words::<FxBuildHasher>,
        }
    }
}

/// The whole `main` of the `variant` binary: the protocol on stdout, exit
/// status 1 on failure.
pub fn main(variant: Variant) {
    xlb_driver::main(
        VariantInfo {
            language: "rust",
            variant: variant.name(),
            library: variant.library(),
            library_version: variant.library_version(),
            backend: variant.backend(),
        },
        |request| setup(variant, request),
    );
}

/// The variant setup: validate the request and generate the text (untimed).
/// The input is a parameter point: `input.path` and `input.bytes` are not
/// read.
pub fn setup(variant: Variant, request: &Request) -> Result<Box<dyn Operation>> {
    if request.workload != "wordfreq" {
        bail!(
            "request field `workload`: this variant runs \"wordfreq\", got {:?}",
            request.workload
        );
    }
    if request.mode != MODE {
        bail!(
            "request field `mode`: unknown mode {:?} (expected {MODE})",
            request.mode
        );
    }
    let params = Params::from_map(&request.params)?;
    Ok(Box::new(build_op(variant, &params)))
}

/// The operation of `variant` on the text of `params`.
pub fn build_op(variant: Variant, params: &Params) -> WordfreqOp {
    WordfreqOp::new(generate(params), variant.count())
}
