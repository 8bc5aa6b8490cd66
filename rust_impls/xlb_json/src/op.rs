//! The operation: copy the input into a reused scratch buffer, then parse it.

use std::collections::BTreeMap;
use std::hint::black_box;
use std::marker::PhantomData;

use anyhow::Context;
use xlb_driver::{Operation, Result};

use crate::libs::JsonLib;
use crate::shapes::TypedDoc;

/// The input and the scratch buffer every parse works on.
struct Buffers {
    input: Vec<u8>,
    scratch: Vec<u8>,
}

impl Buffers {
    fn new(input: Vec<u8>) -> Self {
        // Full capacity up front: the timed copy never reallocates.
        let scratch = Vec::with_capacity(input.len());
        Buffers { input, scratch }
    }

    /// The copy charged to every operation (simd-json needs a fresh buffer).
    #[inline]
    fn fresh(&mut self) -> &mut [u8] {
        self.scratch.clear();
        self.scratch.extend_from_slice(&self.input);
        &mut self.scratch
    }
}

/// Typed mode: parse into `T`.
pub struct TypedOp<L, T> {
    buffers: Buffers,
    _types: PhantomData<fn() -> (L, T)>,
}

impl<L: JsonLib, T: TypedDoc> TypedOp<L, T> {
    pub fn new(input: Vec<u8>) -> Self {
        TypedOp {
            buffers: Buffers::new(input),
            _types: PhantomData,
        }
    }

    #[inline]
    pub fn parse(&mut self) -> std::result::Result<T, L::Error> {
        L::parse_typed(self.buffers.fresh())
    }
}

impl<L: JsonLib, T: TypedDoc> Operation for TypedOp<L, T> {
    fn run(&mut self) {
        match self.parse() {
            Ok(doc) => drop(black_box(doc)),
            Err(e) => panic!("{} typed parse failed: {e}", L::NAME),
        }
    }

    fn check(&mut self) -> Result<BTreeMap<String, i64>> {
        let doc = self
            .parse()
            .with_context(|| format!("{} typed parse failed", L::NAME))?;
        Ok(doc.checksum())
    }
}

/// Dom mode: parse into the library's generic tree.
pub struct DomOp<L> {
    buffers: Buffers,
    _lib: PhantomData<fn() -> L>,
}

impl<L: JsonLib> DomOp<L> {
    pub fn new(input: Vec<u8>) -> Self {
        DomOp {
            buffers: Buffers::new(input),
            _lib: PhantomData,
        }
    }

    #[inline]
    pub fn parse(&mut self) -> std::result::Result<L::Dom, L::Error> {
        L::parse_dom(self.buffers.fresh())
    }
}

impl<L: JsonLib> Operation for DomOp<L> {
    fn run(&mut self) {
        match self.parse() {
            Ok(dom) => drop(black_box(dom)),
            Err(e) => panic!("{} dom parse failed: {e}", L::NAME),
        }
    }

    fn check(&mut self) -> Result<BTreeMap<String, i64>> {
        let dom = self
            .parse()
            .with_context(|| format!("{} dom parse failed", L::NAME))?;
        Ok(L::dom_stats(&dom).to_map())
    }
}
