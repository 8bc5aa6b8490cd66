//! All three libraries agree on the real inputs, when the data is present.
//! Data dir: $XLBENCH_DATA_DIR, else the first `shared/data` above this crate.

mod common;

use std::path::PathBuf;

use common::{dom_all, typed_all};
use xlb_json::{Citm, Twitter};

fn data_file(rel: &str) -> Option<PathBuf> {
    let dirs: Vec<PathBuf> = match std::env::var_os("XLBENCH_DATA_DIR") {
        Some(dir) => vec![PathBuf::from(dir)],
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .ancestors()
            .map(|d| d.join("shared/data"))
            .collect(),
    };
    let found = dirs.iter().map(|d| d.join(rel)).find(|p| p.is_file());
    if found.is_none() {
        println!("notice: {rel} not found (set XLBENCH_DATA_DIR); skipping");
    }
    found
}

#[test]
fn twitter_checksums_agree() {
    let Some(path) = data_file("json/twitter.json") else {
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
    let Some(path) = data_file("json/citm_catalog.json") else {
        return;
    };
    let bytes = std::fs::read(path).unwrap();
    let typed = typed_all::<Citm>(&bytes);
    assert_eq!(typed["events"], 184);
    let dom = dom_all(&bytes);
    println!("citm typed {typed:?}\ncitm dom {dom:?}");
}
