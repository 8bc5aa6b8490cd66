//! Both Rust variants agree on nfl.csv, when the data is present.
//! Data dir: $XLBENCH_DATA_DIR, else the first `shared/data` above this crate.

mod common;

use common::{params, text};
use xlb_csv::{aggregate_once, Variant};
use xlb_driver::testdata::data_file;

#[test]
fn nfl_variants_agree() {
    let Some(path) = data_file(env!("CARGO_MANIFEST_DIR"), "csv/nfl.csv") else {
        return;
    };
    let input = std::fs::read(path).unwrap();
    let p = params("off", &["ydline", "togo", "offscore", "defscore"]);
    let untyped = text(Variant::ByteRecord, "nfl", &p, &input);
    let typed = text(Variant::Serde, "nfl", &p, &input);
    assert!(
        untyped == typed,
        "csv_byterecord and csv_serde differ on nfl.csv"
    );
    let checksum = aggregate_once(Variant::ByteRecord, "nfl", &p, &input)
        .unwrap()
        .checksum();
    assert!(checksum["rows"] > 0 && checksum["groups"] > 1);
    println!("nfl checksum {checksum:?}");
}
