//! The operation shared by both variants: parse and aggregate the in-memory
//! input.

use std::collections::BTreeMap;
use std::hint::black_box;

use xlb_driver::{Operation, Result};

use crate::aggregate::Aggregate;

/// How a variant turns the whole input into an [`Aggregate`].
pub trait Aggregator: 'static {
    fn aggregate(&self, input: &[u8]) -> Result<Aggregate>;
}

impl<A: Aggregator + ?Sized> Aggregator for Box<A> {
    #[inline]
    fn aggregate(&self, input: &[u8]) -> Result<Aggregate> {
        (**self).aggregate(input)
    }
}

/// The input (read once by setup) and the variant's aggregator.
pub struct CsvOp<A> {
    input: Vec<u8>,
    aggregator: A,
}

impl<A: Aggregator> CsvOp<A> {
    pub fn new(input: Vec<u8>, aggregator: A) -> Self {
        CsvOp { input, aggregator }
    }

    /// One operation's result.
    pub fn aggregate(&self) -> Result<Aggregate> {
        self.aggregator.aggregate(&self.input)
    }
}

impl<A: Aggregator> Operation for CsvOp<A> {
    fn run(&mut self) {
        match self.aggregate() {
            Ok(agg) => drop(black_box(agg)),
            Err(e) => panic!("csv aggregate failed: {e:#}"),
        }
    }

    fn check(&mut self) -> Result<BTreeMap<String, i64>> {
        Ok(self.aggregate()?.checksum())
    }
}
