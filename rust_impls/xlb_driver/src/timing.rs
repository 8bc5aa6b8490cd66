//! Clocks, warm-up and batch sizing.

use std::time::Instant;

/// A monotonic clock; a trait so tests can substitute a fake one.
pub trait Clock {
    type Mark;
    fn mark(&self) -> Self::Mark;
    fn since_ns(&self, mark: &Self::Mark) -> u64;
}

/// The real clock: `Instant::now()` before a batch, `elapsed()` after it.
#[derive(Debug, Default, Clone, Copy)]
pub struct MonotonicClock;

impl Clock for MonotonicClock {
    type Mark = Instant;

    #[inline]
    fn mark(&self) -> Instant {
        Instant::now()
    }

    #[inline]
    fn since_ns(&self, mark: &Instant) -> u64 {
        u64::try_from(mark.elapsed().as_nanos()).unwrap_or(u64::MAX)
    }
}

/// `B = max(1, ceil(min_sample_ms / (T/N)))`, in exact integer arithmetic.
pub fn batch_size(min_sample_ms: u64, warmup_ops: u64, warmup_ns: u64) -> u64 {
    let target_ns = u128::from(min_sample_ms) * 1_000_000;
    let ops = u128::from(warmup_ops.max(1));
    // A zero reading (coarse clock) would mean "infinitely fast": count it as 1 ns.
    let ns = u128::from(warmup_ns.max(1));
    let batch = target_ns.saturating_mul(ops).div_ceil(ns);
    u64::try_from(batch).unwrap_or(u64::MAX).max(1)
}

/// Result of the warm-up phase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Warmup {
    pub ops: u64,
    pub ns: u64,
}

/// Runs `op` until at least one operation and at least `warmup_ms` of timed
/// work. Batches double so clock reads stay rare for fast operations, and
/// are capped by the estimated remaining count to avoid overshooting.
pub fn warm_up<C: Clock>(clock: &C, warmup_ms: u64, mut op: impl FnMut()) -> Warmup {
    let target_ns = warmup_ms.saturating_mul(1_000_000);
    let mut ops: u64 = 0;
    let mut ns: u64 = 0;
    let mut batch: u64 = 1;
    loop {
        let mark = clock.mark();
        for _ in 0..batch {
            op();
        }
        ns = ns.saturating_add(clock.since_ns(&mark));
        ops += batch;
        if ns >= target_ns {
            return Warmup { ops, ns };
        }
        let per_op = (ns / ops).max(1);
        let remaining = (target_ns - ns).div_ceil(per_op);
        batch = batch.saturating_mul(2).min(remaining).max(1);
    }
}
