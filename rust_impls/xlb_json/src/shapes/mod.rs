//! Typed shapes (workloads/json/README.md, "Typed shapes") and their
//! checksums (workload.json, `checksum.typed.schemas`).
//!
//! Aggregates: `count` counts non-null values reached, `sum` adds with
//! wrapping i64 arithmetic, `bytes` adds UTF-8 lengths.

mod citm;
mod order;
mod twitter;

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;

pub use citm::{Area, Citm, Event, Performance, Price, SeatCategory};
pub use order::{Address, Customer, Item, Metadata, Order, Orders};
pub use twitter::{
    Entities, Hashtag, Mention, SearchMetadata, Status, StatusMetadata, Twitter, Url, User,
};

/// A typed document that knows its schema's checksum.
pub trait TypedDoc: DeserializeOwned {
    fn checksum(&self) -> BTreeMap<String, i64>;
}

/// Counts as the checksum's integer type (lengths always fit).
fn n(len: usize) -> i64 {
    i64::try_from(len).unwrap_or(i64::MAX)
}

fn to_map<const N: usize>(pairs: [(&str, i64); N]) -> BTreeMap<String, i64> {
    pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
}
