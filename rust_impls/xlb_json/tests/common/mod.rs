//! Helpers shared by the xlb_json integration tests.
#![allow(dead_code)]

use std::collections::BTreeMap;

use xlb_driver::Operation;
use xlb_json::{DomOp, JsonLib, SerdeJson, SimdJson, SonicRs, TypedDoc, TypedOp};

pub type Checksum = BTreeMap<String, i64>;

fn typed<L: JsonLib, T: TypedDoc>(json: &[u8]) -> Checksum {
    TypedOp::<L, T>::new(json.to_vec())
        .check()
        .unwrap_or_else(|e| panic!("{}: {e:#}", L::NAME))
}

fn dom<L: JsonLib>(json: &[u8]) -> Checksum {
    DomOp::<L>::new(json.to_vec())
        .check()
        .unwrap_or_else(|e| panic!("{}: {e:#}", L::NAME))
}

/// The typed checksum, asserted identical across the three libraries.
pub fn typed_all<T: TypedDoc>(json: &[u8]) -> Checksum {
    let serde = typed::<SerdeJson, T>(json);
    assert_eq!(serde, typed::<SimdJson, T>(json), "simd_json differs");
    assert_eq!(serde, typed::<SonicRs, T>(json), "sonic_rs differs");
    serde
}

/// The dom checksum, asserted identical across the three libraries.
pub fn dom_all(json: &[u8]) -> Checksum {
    let serde = dom::<SerdeJson>(json);
    assert_eq!(serde, dom::<SimdJson>(json), "simd_json differs");
    assert_eq!(serde, dom::<SonicRs>(json), "sonic_rs differs");
    serde
}

pub fn map<const N: usize>(pairs: [(&str, i64); N]) -> Checksum {
    pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
}
