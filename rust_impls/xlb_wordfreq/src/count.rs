//! The operation: lowercased copy, tokens, counts in a hash map, summary.

use std::collections::{BTreeMap, HashMap};
use std::hash::BuildHasher;

/// Keeps the fingerprint below 2^52.
pub const FINGERPRINT_MASK: u64 = (1 << 52) - 1;

/// What one operation reduces its counts to; every field is the checksum
/// key of the same name.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    /// Tokens.
    pub words: u64,
    /// Distinct tokens.
    pub distinct: u64,
    /// The highest count of one token.
    pub max_count: u64,
    /// Sum of token lengths.
    pub letters: u64,
    /// Sum of `fnv1a32(token) * count(token)` over distinct tokens, mod 2^52.
    pub fingerprint: u64,
}

impl Summary {
    /// Folds `(token, count)` pairs, one per distinct token in any order.
    pub fn from_counts<'a>(counts: impl IntoIterator<Item = (&'a [u8], u64)>) -> Summary {
        let mut s = Summary::default();
        for (token, count) in counts {
            s.words += count;
            s.distinct += 1;
            s.max_count = s.max_count.max(count);
            s.letters += token.len() as u64 * count;
            // Wraps mod 2^64; 2^52 divides it.
            s.fingerprint = s
                .fingerprint
                .wrapping_add(u64::from(fnv1a32(token)).wrapping_mul(count));
        }
        s.fingerprint &= FINGERPRINT_MASK;
        s
    }

    /// The check line's checksum object.
    pub fn checksum(&self) -> BTreeMap<String, i64> {
        [
            ("words", self.words),
            ("distinct", self.distinct),
            ("max_count", self.max_count),
            ("letters", self.letters),
            ("fingerprint", self.fingerprint),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v as i64))
        .collect()
    }
}

/// 32-bit FNV-1a (offset basis 2166136261, prime 16777619).
pub fn fnv1a32(bytes: &[u8]) -> u32 {
    bytes.iter().fold(2_166_136_261u32, |h, &b| {
        (h ^ u32::from(b)).wrapping_mul(16_777_619)
    })
}

/// The maximal runs of ASCII letters of a text, in order.
#[derive(Debug, Clone)]
pub struct Tokens<'a> {
    text: &'a [u8],
    pos: usize,
}

/// The tokens of `text`.
pub fn tokens(text: &[u8]) -> Tokens<'_> {
    Tokens { text, pos: 0 }
}

impl<'a> Iterator for Tokens<'a> {
    type Item = &'a [u8];

    #[inline]
    fn next(&mut self) -> Option<&'a [u8]> {
        let text = self.text;
        let mut i = self.pos;
        while i < text.len() && !text[i].is_ascii_alphabetic() {
            i += 1;
        }
        let start = i;
        while i < text.len() && text[i].is_ascii_alphabetic() {
            i += 1;
        }
        self.pos = i;
        (start < i).then(|| &text[start..i])
    }
}

/// One operation with the hasher `S`: an ASCII-lowercased copy of the text
/// (one allocation), its tokens counted in a fresh `HashMap<&[u8], u32, S>`
/// keyed by slices of that copy (no copy per token), then summarised.
pub fn count_words<S: BuildHasher + Default>(text: &[u8]) -> Summary {
    let lower = text.to_ascii_lowercase();
    let mut counts: HashMap<&[u8], u32, S> = HashMap::default();
    for token in tokens(&lower) {
        *counts.entry(token).or_insert(0) += 1;
    }
    Summary::from_counts(counts.iter().map(|(w, &n)| (*w, u64::from(n))))
}
