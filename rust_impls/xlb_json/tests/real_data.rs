//! All three libraries agree on the real inputs, when the data is present.
//! Data dir: $XLBENCH_DATA_DIR, else the first `shared/data` above this crate.

mod common;

use common::{dom_all, typed_all};
use xlb_driver::testdata::data_file;
use xlb_json::{Citm, Twitter};

#[test]
fn twitter_checksums_agree() {
    let Some(path) = data_file(env!("CARGO_MANIFEST_DIR"), "json/twitter.json") else {
        return;
    };
    let bytes = std::fs::read(path).unwrap();
    let typed = typed_all::<Twitter>(&bytes);
    assert_eq!(typed["statuses"], 100);
    let dom = dom_all(&bytes);
    assert_eq!(dom["objects"], 1264);
    println!("twitter typed {typed:?}\ntwitter dom {dom:?}");
}

#[test]
fn citm_checksums_agree() {
    let Some(path) = data_file(env!("CARGO_MANIFEST_DIR"), "json/citm_catalog.json") else {
        return;
    };
    let bytes = std::fs::read(path).unwrap();
    let typed = typed_all::<Citm>(&bytes);
    assert_eq!(typed["events"], 184);
    let dom = dom_all(&bytes);
    println!("citm typed {typed:?}\ncitm dom {dom:?}");
}
