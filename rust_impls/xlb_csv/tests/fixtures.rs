//! Every fixture in workloads/csv/fixtures reproduces its `.expected` text
//! byte for byte: the cross-language test on edge cases.

mod common;

use common::{fixtures_dir, text};
use xlb_csv::{fnv1a64, typed, CsvParams, Schema, Variant};

/// The typed schema a fixture can run under: its params and header must be
/// exactly those of the schema's struct.
fn typed_schema(params: &CsvParams, header: &[String]) -> Option<&'static str> {
    fn fits<S: Schema>(params: &CsvParams, header: &[String]) -> bool {
        params.key == S::KEY
            && params.int_columns == S::INT_COLUMNS
            && header.iter().any(|h| h == S::KEY)
    }
    if fits::<typed::Nfl>(params, header) {
        Some("nfl")
    } else if fits::<typed::Sales>(params, header) {
        Some("sales")
    } else {
        None
    }
}

fn header_of(input: &[u8]) -> Vec<String> {
    let mut reader = csv::ReaderBuilder::new().from_reader(input);
    reader
        .byte_headers()
        .unwrap()
        .iter()
        .map(|f| String::from_utf8_lossy(f).into_owned())
        .collect()
}

#[test]
fn fixtures_reproduce_expected_output() {
    let dir = fixtures_dir();
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .filter_map(|name| name.strip_suffix(".csv").map(str::to_string))
        .collect();
    names.sort();
    assert!(!names.is_empty(), "no fixtures in {}", dir.display());

    for name in &names {
        let read = |ext: &str| {
            let path = dir.join(format!("{name}{ext}"));
            std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
        };
        let input = read(".csv");
        let expected = read(".expected");
        let params =
            CsvParams::from_json(std::str::from_utf8(&read(".params.json")).unwrap()).unwrap();

        let mut variants = vec![(Variant::ByteRecord, "")];
        match typed_schema(&params, &header_of(&input)) {
            Some(schema) => variants.push((Variant::Serde, schema)),
            None => println!("notice: fixture {name}: no typed schema fits; csv_serde not run"),
        }
        for (variant, schema) in variants {
            let got = text(variant, schema, &params, &input);
            assert!(
                got == expected,
                "fixture {name}, {}:\n--- got\n{}--- expected\n{}",
                variant.name(),
                String::from_utf8_lossy(&got),
                String::from_utf8_lossy(&expected)
            );
            let checksum = xlb_csv::aggregate_once(variant, schema, &params, &input)
                .unwrap()
                .checksum();
            assert_eq!(checksum["output_bytes"], expected.len() as i64);
            assert_eq!(checksum["output_fnv1a"], fnv1a64(&expected) as i64);
            println!("fixture {name} {}: {checksum:?}", variant.name());
        }
    }
}
