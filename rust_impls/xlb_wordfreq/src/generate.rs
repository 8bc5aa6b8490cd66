//! The text generator (workloads/wordfreq/README.md, "Text generator"):
//! byte for byte the same as the Go one.

use crate::params::Params;

/// splitmix64.
#[derive(Debug, Clone)]
pub struct SplitMix64 {
    state: u64,
}

impl SplitMix64 {
    pub fn new(seed: u64) -> Self {
        SplitMix64 { state: seed }
    }

    /// Advances the state by the golden gamma and returns the mix of it.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

/// Draws `n` words: word i has `2 + next_u64() % 11` letters, each
/// `b'a' + next_u64() % 26`.
pub fn vocabulary(rng: &mut SplitMix64, n: usize) -> Vec<Vec<u8>> {
    (0..n)
        .map(|_| {
            let len = 2 + rng.next_u64() % 11;
            (0..len)
                .map(|_| b'a' + (rng.next_u64() % 26) as u8)
                .collect()
        })
        .collect()
}

/// Maps one draw to a vocabulary index: `floor(n * u^3)` with `u` the top
/// 53 bits of `r` as a fraction in [0, 1), clamped to `n - 1` (never taken:
/// `u^3 <= 1 - 3*2^-53`). Only products of f64 values, each correctly
/// rounded, so Rust and Go agree bit for bit.
pub fn pick(r: u64, n: usize) -> usize {
    let u = (r >> 11) as f64 * (1.0 / (1u64 << 53) as f64);
    let c = u * u * u;
    let k = (n as f64 * c) as usize; // truncation is floor for c >= 0
    k.min(n - 1)
}

/// The text of a parameter point (untimed setup).
pub fn generate(p: &Params) -> Vec<u8> {
    let words = usize::try_from(p.words).expect("words fits usize");
    let n = usize::try_from(p.vocabulary).expect("vocabulary fits usize");
    let mut rng = SplitMix64::new(p.seed);
    let vocab = vocabulary(&mut rng, n);
    let mut text = Vec::with_capacity(words * 9);
    for j in 0..words {
        let w = &vocab[pick(rng.next_u64(), n)];
        let d = rng.next_u64();
        if d.is_multiple_of(8) {
            text.push(w[0].to_ascii_uppercase());
            text.extend_from_slice(&w[1..]);
        } else {
            text.extend_from_slice(w);
        }
        match (d >> 3) % 16 {
            0 => text.push(b','),
            1 => text.push(b'.'),
            _ => {}
        }
        text.push(if (j + 1).is_multiple_of(12) || j == words - 1 {
            b'\n'
        } else {
            b' '
        });
    }
    text
}
