//! The three Rust JSON libraries behind one trait, so the operation and the
//! typed deserialisation are written once.

use serde::de::DeserializeOwned;

use crate::stats::{self, JsonStats};

/// Resolved crate versions, taken from Cargo.lock by build.rs.
pub mod versions {
    pub const SERDE_JSON: &str = env!("XLB_VERSION_SERDE_JSON");
    pub const SIMD_JSON: &str = env!("XLB_VERSION_SIMD_JSON");
    pub const SONIC_RS: &str = env!("XLB_VERSION_SONIC_RS");
}

/// How a library parses a (scratch) buffer into each mode's representation.
pub trait JsonLib: 'static {
    /// Variant name, as in workload.json (`serde_json`, `simd_json`, ...).
    const NAME: &'static str;
    type Dom;
    type Error: std::error::Error + Send + Sync + 'static;

    /// `buf` is mutable because simd-json parses in place.
    fn parse_typed<T: DeserializeOwned>(buf: &mut [u8]) -> Result<T, Self::Error>;
    fn parse_dom(buf: &mut [u8]) -> Result<Self::Dom, Self::Error>;
    fn dom_stats(dom: &Self::Dom) -> JsonStats;
}

pub struct SerdeJson;

impl JsonLib for SerdeJson {
    const NAME: &'static str = "serde_json";
    type Dom = serde_json::Value;
    type Error = serde_json::Error;

    #[inline]
    fn parse_typed<T: DeserializeOwned>(buf: &mut [u8]) -> Result<T, Self::Error> {
        serde_json::from_slice(buf)
    }
    #[inline]
    fn parse_dom(buf: &mut [u8]) -> Result<Self::Dom, Self::Error> {
        serde_json::from_slice(buf)
    }
    fn dom_stats(dom: &Self::Dom) -> JsonStats {
        stats::serde_json_stats(dom)
    }
}

impl SerdeJson {
    /// serde_json has a single portable (non-SIMD) code path.
    pub fn backend() -> String {
        "serde_json (portable scalar)".to_string()
    }
}

pub struct SimdJson;

impl JsonLib for SimdJson {
    const NAME: &'static str = "simd_json";
    type Dom = simd_json::OwnedValue;
    type Error = simd_json::Error;

    #[inline]
    fn parse_typed<T: DeserializeOwned>(buf: &mut [u8]) -> Result<T, Self::Error> {
        simd_json::serde::from_slice(buf)
    }
    #[inline]
    fn parse_dom(buf: &mut [u8]) -> Result<Self::Dom, Self::Error> {
        simd_json::to_owned_value(buf)
    }
    fn dom_stats(dom: &Self::Dom) -> JsonStats {
        stats::simd_json_stats(dom)
    }
}

impl SimdJson {
    /// simd-json's default `runtime-detection` feature picks the stage-1
    /// implementation from the CPU at run time; this asks which one.
    pub fn backend() -> String {
        format!(
            "simd-json {} (runtime detection)",
            simd_json::Deserializer::algorithm()
        )
    }
}

pub struct SonicRs;

impl JsonLib for SonicRs {
    const NAME: &'static str = "sonic_rs";
    type Dom = sonic_rs::Value;
    type Error = sonic_rs::Error;

    #[inline]
    fn parse_typed<T: DeserializeOwned>(buf: &mut [u8]) -> Result<T, Self::Error> {
        sonic_rs::from_slice(buf)
    }
    #[inline]
    fn parse_dom(buf: &mut [u8]) -> Result<Self::Dom, Self::Error> {
        sonic_rs::from_slice(buf)
    }
    fn dom_stats(dom: &Self::Dom) -> JsonStats {
        stats::sonic_rs_stats(dom)
    }
}

impl SonicRs {
    /// sonic-rs has no runtime detection: its SIMD paths are chosen by
    /// `cfg(target_feature)` when it is compiled. Our crate is compiled with
    /// the same target features, so `cfg!` here sees what sonic-rs saw.
    pub fn backend() -> String {
        let path = if cfg!(all(
            target_arch = "x86_64",
            target_feature = "avx2",
            target_feature = "pclmulqdq"
        )) {
            "x86_64 avx2+pclmulqdq"
        } else if cfg!(all(target_arch = "aarch64", target_feature = "neon")) {
            "aarch64 neon"
        } else if cfg!(target_feature = "sse2") {
            "sse2 + scalar bitmap fallback (built without avx2/pclmulqdq)"
        } else {
            "portable fallback"
        };
        format!("sonic-rs {path}")
    }
}
