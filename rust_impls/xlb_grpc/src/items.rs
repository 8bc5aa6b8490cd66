//! The workload's two Items (workloads/grpc/README.md, "Messages"), for
//! tests; the harness's load generator builds the same.

use crate::pb::Item;

/// Bytes of `text` in the "1k" Item.
pub const ONE_K_TEXT_BYTES: usize = 960;

/// The "small" Item: `text` empty, values summing to -15.
pub fn small_item(id: u64) -> Item {
    Item {
        id,
        name: "xlbench".to_string(),
        values: vec![1, -2, 3, -4, 5, -6, 7, -19],
        text: String::new(),
        sum: 0,
    }
}

/// The "1k" Item: the small one with [`ONE_K_TEXT_BYTES`] of ASCII text.
pub fn one_k_item(id: u64) -> Item {
    let pattern = "0123456789abcdef";
    Item {
        text: pattern.repeat(ONE_K_TEXT_BYTES / pattern.len()),
        ..small_item(id)
    }
}
