//! Native criterion benchmark of the same operation the harness times
//! (parse the whole in-memory input + aggregate), to cross-check the
//! protocol's numbers.
//!
//!     XLBENCH_BENCH_INPUT=/path/nfl.csv \
//!     XLBENCH_BENCH_PARAMS='{"header":true,"key":"off","int_columns":["ydline","togo","offscore","defscore"]}' \
//!         cargo bench -p xlb_csv --bench csv
//!
//! Benchmark ids are `csv/<variant>`. The typed variant runs when the params
//! are those of a schema it knows (or of $XLBENCH_BENCH_SCHEMA).

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use xlb_csv::{build_op, typed, CsvParams, Schema, Variant};

/// The typed schema whose key and int columns the params name.
fn schema_for(params: &CsvParams) -> Option<String> {
    if let Ok(schema) = std::env::var("XLBENCH_BENCH_SCHEMA") {
        return Some(schema);
    }
    fn is<S: Schema>(params: &CsvParams) -> bool {
        params.key == S::KEY && params.int_columns == S::INT_COLUMNS
    }
    if is::<typed::Nfl>(params) {
        Some(typed::Nfl::NAME.to_string())
    } else if is::<typed::Sales>(params) {
        Some(typed::Sales::NAME.to_string())
    } else {
        None
    }
}

fn csv(c: &mut Criterion) {
    let (Some(path), Some(params)) = (
        std::env::var_os("XLBENCH_BENCH_INPUT"),
        std::env::var("XLBENCH_BENCH_PARAMS").ok(),
    ) else {
        eprintln!(
            "notice: set XLBENCH_BENCH_INPUT and XLBENCH_BENCH_PARAMS to benchmark; nothing to do"
        );
        return;
    };
    let input = std::fs::read(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.to_string_lossy()));
    let params = CsvParams::from_json(&params).expect("bad XLBENCH_BENCH_PARAMS");
    let schema = schema_for(&params);

    let mut group = c.benchmark_group("csv");
    group.throughput(Throughput::Bytes(input.len() as u64));
    for variant in Variant::ALL {
        let schema = match (variant, &schema) {
            (Variant::ByteRecord, _) => "",
            (_, Some(schema)) => schema.as_str(),
            (_, None) => {
                eprintln!(
                    "notice: no typed schema for these params; {} skipped",
                    variant.name()
                );
                continue;
            }
        };
        let mut op = build_op(variant, schema, &params, input.clone()).expect("cannot build");
        // Fail loudly before timing if the input does not aggregate.
        let checksum = op.check().expect("input does not aggregate");
        eprintln!("{}: {checksum:?}", variant.name());
        group.bench_function(variant.name(), |b| b.iter(|| op.run()));
    }
    group.finish();
}

criterion_group!(benches, csv);
criterion_main!(benches);
