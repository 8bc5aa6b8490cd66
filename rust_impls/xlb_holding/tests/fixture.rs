//! The checked-in fixture (workloads/holding/fixtures) reproduces its
//! hand-computed answer, which the C++ reference and the Go variant also
//! check; and bad documents are named by line.

use std::collections::BTreeMap;
use std::path::PathBuf;

use xlb_holding::{checksum, load};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../workloads/holding/fixtures")
}

#[test]
fn fixture_reproduces_expected_checksum() {
    let input = std::fs::read(fixtures().join("small.jsonl")).unwrap();
    let expected: BTreeMap<String, i64> =
        serde_json::from_slice(&std::fs::read(fixtures().join("small.expected.json")).unwrap())
            .unwrap();
    let docs = load(input.as_slice()).unwrap();
    assert_eq!(checksum(&docs), expected);
    // Escapes are decoded: the emoji is 4 UTF-8 bytes, the unknown
    // `managedFields` is skipped.
    assert_eq!(docs[1].metadata.annotations["rocket"], "\u{1F680}");
    assert_eq!(docs[1].kind, "StatefulSet");
}

#[test]
fn empty_input_holds_nothing() {
    let docs = load(" \n\r\n".as_bytes()).unwrap();
    assert!(docs.is_empty());
    let sum = checksum(&docs);
    assert_eq!(sum.len(), 24);
    assert!(sum.values().all(|&v| v == 0), "{sum:?}");
}

#[test]
fn bad_lines_are_named() {
    for (input, want) in [
        (" \nnull\n", "line 2: not a JSON object"),
        ("\r\n[1]\n", "line 2: not a JSON object"),
        ("\n{\"metadata\":\n", "line 2"),
        // Every field is required (Go would leave a missing one zero).
        ("{\"kind\":\"Pod\"}\n", "line 1: missing field"),
    ] {
        let err = load(input.as_bytes()).unwrap_err();
        let text = format!("{err:#}");
        assert!(text.contains(want), "{input:?}: {text}");
    }
}
