//! Native criterion benchmark of the same operation the harness times
//! (copy into scratch + parse), to cross-check the protocol's numbers.
//!
//!     XLBENCH_BENCH_INPUT=/path/twitter.json XLBENCH_BENCH_SCHEMA=twitter \
//!         cargo bench -p xlb_json --bench parse
//!
//! Benchmark ids are `parse/<variant>/<mode>`.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use xlb_json::{build_op, JsonLib, SerdeJson, SimdJson, SonicRs};

fn bench_lib<L: JsonLib>(c: &mut Criterion, input: &[u8], schema: &str) {
    let mut group = c.benchmark_group("parse");
    group.throughput(Throughput::Bytes(input.len() as u64));
    for mode in ["typed", "dom"] {
        let mut op = build_op::<L>(mode, schema, input.to_vec()).expect("unknown schema");
        // Fail loudly before timing if the input does not parse.
        op.check().expect("input does not parse");
        group.bench_function(BenchmarkId::new(L::NAME, mode), |b| b.iter(|| op.run()));
    }
    group.finish();
}

fn parse(c: &mut Criterion) {
    let (Some(path), Some(schema)) = (
        std::env::var_os("XLBENCH_BENCH_INPUT"),
        std::env::var("XLBENCH_BENCH_SCHEMA").ok(),
    ) else {
        eprintln!(
            "notice: set XLBENCH_BENCH_INPUT and XLBENCH_BENCH_SCHEMA to benchmark; nothing to do"
        );
        return;
    };
    let input = std::fs::read(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.to_string_lossy()));
    bench_lib::<SerdeJson>(c, &input, &schema);
    bench_lib::<SimdJson>(c, &input, &schema);
    bench_lib::<SonicRs>(c, &input, &schema);
}

criterion_group!(benches, parse);
criterion_main!(benches);
