//! The operation the driver times, on a text generated once by setup.

use std::collections::BTreeMap;
use std::hint::black_box;

use xlb_driver::{Operation, Result};

use crate::count::Summary;

/// One variant's operation: count the words of the whole text and reduce
/// the counts to a [`Summary`].
pub type Count = fn(&[u8]) -> Summary;

/// The text (generated once by setup) and the variant's count.
pub struct WordfreqOp {
    text: Vec<u8>,
    count: Count,
}

impl WordfreqOp {
    pub fn new(text: Vec<u8>, count: Count) -> Self {
        WordfreqOp { text, count }
    }

    /// One operation's result.
    pub fn summary(&self) -> Summary {
        (self.count)(&self.text)
    }

    /// The generated text.
    pub fn text(&self) -> &[u8] {
        &self.text
    }
}

impl Operation for WordfreqOp {
    fn run(&mut self) {
        black_box(self.summary());
    }

    fn check(&mut self) -> Result<BTreeMap<String, i64>> {
        Ok(self.summary().checksum())
    }
}
