//! Task results and the checksum (workloads/fanout/README.md).

use std::collections::BTreeMap;

use crate::Mode;

/// One splitmix64 step: advances `state` and returns the output.
#[inline]
pub fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Compute mode: splitmix64 applied `rounds` times, the state starting at
/// `i` and carried through; the last output (`i` itself when `rounds` is 0).
#[inline]
pub fn compute(i: u64, rounds: u64) -> u64 {
    let mut state = i;
    let mut out = i;
    for _ in 0..rounds {
        out = splitmix64(&mut state);
    }
    out
}

/// The result of task `i` in `mode`.
pub fn task_result(mode: Mode, i: u64, rounds: u64) -> u64 {
    match mode {
        Mode::Sleep | Mode::Channel | Mode::Hold => i,
        Mode::Compute => compute(i, rounds),
    }
}

/// `{"tasks": N, "sum": S}`, `S` the wrapping sum as a signed int64.
pub fn checksum(tasks: u64, sum: u64) -> BTreeMap<String, i64> {
    BTreeMap::from([
        ("tasks".to_string(), tasks as i64),
        ("sum".to_string(), sum as i64),
    ])
}
