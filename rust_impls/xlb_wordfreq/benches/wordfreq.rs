//! Native criterion benchmark of the same operation the harness times
//! (lowercase copy + tokenise + count + summary), to cross-check the
//! protocol's numbers. The parameter point is $XLBENCH_BENCH_PARAMS, else
//! the input text-1m:
//!
//!     XLBENCH_BENCH_PARAMS='{"seed":7,"words":50000,"vocabulary":5000}' \
//!         cargo bench -p xlb_wordfreq --bench wordfreq
//!
//! Benchmark ids are `wordfreq/<variant>`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;
use xlb_wordfreq::{build_op, Params, Variant};

fn wordfreq(c: &mut Criterion) {
    let params = std::env::var("XLBENCH_BENCH_PARAMS")
        .unwrap_or_else(|_| r#"{"seed":7,"words":1000000,"vocabulary":20000}"#.to_string());
    let params = Params::from_json(&params).expect("bad XLBENCH_BENCH_PARAMS");
    let mut group = c.benchmark_group("wordfreq");
    for variant in Variant::ALL {
        let op = build_op(variant, &params);
        group.throughput(Throughput::Bytes(op.text().len() as u64));
        group.bench_function(variant.name(), |b| b.iter(|| black_box(op.summary())));
    }
    group.finish();
}

criterion_group!(benches, wordfreq);
criterion_main!(benches);
