//! Parsing edge cases of the `csv` crate as the workload uses it, and the
//! typed variant agreeing with the untyped one.

mod common;

use common::{error, params, text, untyped};
use xlb_csv::Variant;

const ROWS_1_0: &str = "rows\t1\tbad_rows\t0\n";

#[test]
fn bom_is_dropped_once() {
    let one = "a\t1\t1\t1\t1\t1\n";
    assert_eq!(
        untyped("\u{feff}k,v\na,1\n", "k", &["v"]),
        format!("{one}{ROWS_1_0}")
    );
    // The BOM is dropped before empty lines are skipped.
    assert_eq!(
        untyped("\u{feff}\r\nk,v\r\na,1\r\n", "k", &["v"]),
        format!("{one}{ROWS_1_0}")
    );
    // Only one: a second BOM stays in the first header field...
    let double = "\u{feff}\u{feff}k,v\na,1\n";
    assert_eq!(
        untyped(double, "\u{feff}k", &["v"]),
        format!("{one}{ROWS_1_0}")
    );
    let p = params("k", &["v"]);
    assert!(error(Variant::ByteRecord, "", &p, double.as_bytes()).contains("\"k\""));
    // ...and a BOM anywhere else is data.
    assert_eq!(
        untyped("k,v\n\u{feff}a,1\n", "k", &["v"]),
        format!("\u{feff}{one}{ROWS_1_0}")
    );
    // Without a BOM the first header field is intact.
    assert_eq!(
        untyped("k,v\na,1\n", "k", &["v"]),
        format!("{one}{ROWS_1_0}")
    );
}

#[test]
fn crlf_and_lf_records_are_the_same() {
    let lf = untyped("k,v\na,1\nb,-2\n", "k", &["v"]);
    assert_eq!(
        lf,
        "a\t1\t1\t1\t1\t1\nb\t1\t1\t-2\t-2\t-2\nrows\t2\tbad_rows\t0\n"
    );
    assert_eq!(untyped("k,v\r\na,1\r\nb,-2\r\n", "k", &["v"]), lf);
    assert_eq!(untyped("k,v\r\na,1\nb,-2", "k", &["v"]), lf); // mixed, no final newline
}

#[test]
fn line_breaks_inside_quotes_are_data() {
    assert_eq!(
        untyped("k,v\n\"x\ny\",1\n\"p,q\",2\n", "k", &["v"]),
        "p,q\t1\t1\t2\t2\t2\nx\ny\t1\t1\t1\t1\t1\nrows\t2\tbad_rows\t0\n"
    );
    // Quirk: the csv crate keeps a CRLF inside quotes as is (Go's encoding/csv
    // and the harness's reference read it as LF). Only a key could show it.
    assert_eq!(
        untyped("k,v\r\n\"x\r\ny\",1\r\n\"x\ny\",2\r\n", "k", &["v"]),
        "x\ny\t1\t1\t2\t2\t2\nx\r\ny\t1\t1\t1\t1\t1\nrows\t2\tbad_rows\t0\n"
    );
}

#[test]
fn lone_cr_ends_a_record() {
    // Quirk: csv-core's default terminator (CRLF) takes `\r`, `\n` or `\r\n`,
    // so a lone `\r` outside quotes ends the record; Go and the harness's
    // reference keep it as data. No suite input has one.
    assert_eq!(
        untyped("k,v\na,1\rb,2\n", "k", &["v"]),
        "a\t1\t1\t1\t1\t1\nb\t1\t1\t2\t2\t2\nrows\t2\tbad_rows\t0\n"
    );
    // Inside quotes it is data.
    assert_eq!(
        untyped("k,v\n\"a\rb\",1\n", "k", &["v"]),
        format!("a\rb\t1\t1\t1\t1\t1\n{ROWS_1_0}")
    );
}

#[test]
fn empty_lines_are_skipped_not_bad() {
    assert_eq!(
        untyped("\n\nk,v\n\na,1\n\r\n\n\r\nb,2\n\n", "k", &["v"]),
        "a\t1\t1\t1\t1\t1\nb\t1\t1\t2\t2\t2\nrows\t2\tbad_rows\t0\n"
    );
    // A line of one empty quoted field, or of spaces, is a record, not empty.
    assert_eq!(
        untyped("k\n\"\"\n \na\n", "k", &[]),
        "\t1\n \t1\na\t1\nrows\t3\tbad_rows\t0\n"
    );
    assert_eq!(
        untyped("k,v\n\"\"\n,\n", "k", &["v"]),
        "\t1\t0\t0\t0\t0\nrows\t1\tbad_rows\t1\n"
    );
}

#[test]
fn wrong_field_counts_are_counted_and_skipped() {
    assert_eq!(
        untyped(
            "k,v,w\na,1,2\nb\nc,1\nd,1,2,3\ne,1,2,\n\"f,g\",1,2\n",
            "k",
            &["w"]
        ),
        "a\t1\t1\t2\t2\t2\nf,g\t1\t1\t2\t2\t2\nrows\t2\tbad_rows\t4\n"
    );
    // A header-only input has no rows.
    assert_eq!(untyped("k,v\n", "k", &["v"]), "rows\t0\tbad_rows\t0\n");
}

#[test]
fn lenient_quotes() {
    // A quote inside an unquoted field is data.
    assert_eq!(
        untyped("k,v\na\"b,1\nc\"\",2\n", "k", &["v"]),
        "a\"b\t1\t1\t1\t1\t1\nc\"\"\t1\t1\t2\t2\t2\nrows\t2\tbad_rows\t0\n"
    );
    // `""` inside quotes is one quote.
    assert_eq!(
        untyped("k,v\n\"O\"\"B\",1\n", "k", &["v"]),
        format!("O\"B\t1\t1\t1\t1\t1\n{ROWS_1_0}")
    );
    // Quirk: text after a closing quote is appended without the quote and the
    // field ends at the next comma (Go's LazyQuotes keeps the quote and stays
    // inside the quoted field, comma and newlines included).
    assert_eq!(
        untyped("k,v\n\"ab\"cd,1\n", "k", &["v"]),
        format!("abcd\t1\t1\t1\t1\t1\n{ROWS_1_0}")
    );
    // An unterminated quote runs to the end of the input.
    assert_eq!(
        untyped("k,v\na,1\n\"b,2\nc,3\n", "k", &["v"]),
        "a\t1\t1\t1\t1\t1\nrows\t1\tbad_rows\t1\n"
    );
}

#[test]
fn integer_rule_in_records() {
    assert_eq!(
        untyped(
            "k,v\na,+4\na,-3\na,\na,x\na, 5\na,1.0\na,1234567890123456789\na,123456789012345678\n",
            "k",
            &["v"]
        ),
        "a\t8\t3\t123456789012345679\t-3\t123456789012345678\nrows\t8\tbad_rows\t0\n"
    );
}

#[test]
fn missing_columns_are_errors() {
    let input = b"k,v\na,1\n";
    let e = error(Variant::ByteRecord, "", &params("x", &["v"]), input);
    assert!(e.contains("`params.key`") && e.contains("\"x\""), "{e}");
    let e = error(Variant::ByteRecord, "", &params("k", &["v", "y"]), input);
    assert!(
        e.contains("`params.int_columns`") && e.contains("\"y\""),
        "{e}"
    );
    let e = error(Variant::ByteRecord, "", &params("k", &[]), b"");
    assert!(e.contains("`params.key`"), "{e}");
}

#[test]
fn same_column_twice_and_key_as_int_column() {
    assert_eq!(
        untyped("k,v\n7,1\n7,2\n", "k", &["v", "k", "v"]),
        "7\t2\t2\t3\t1\t2\t2\t14\t7\t7\t2\t3\t1\t2\nrows\t2\tbad_rows\t0\n"
    );
}

// --- typed variant -----------------------------------------------------

const SALES_INTS: [&str; 3] = ["quantity", "price_cents", "discount_pct"];

/// A sales-schema input with every edge case, columns in a shuffled order
/// (the typed variant maps fields by header name).
const SALES_EDGES: &str = "\u{feff}store,order_id,comment,quantity,customer,price_cents,product,discount_pct,created_at\r\n\
    \r\n\
    north,1,\"nice, \"\"really\"\"\r\nok\",2,c1,1999,p1,,2024-01-01\r\n\
    south,2,plain,1,c2,500,p2,10,2024-01-02\r\n\
    north,3,,x,c3,250,p3,5,2024-01-03\r\n\
    north,4,short\r\n\
    \"we\"\"st\",5,\"multi\nline\",+7,c5,-1,p5, 3,2024-01-05\r\n\
    south,6,a\"b,1,c6,2,p6,3,2024-01-06,extra\r\n\
    \r\n\
    ,7,,0,c7,0,p7,0,\r\n";

#[test]
fn typed_agrees_with_untyped_on_sales_edges() {
    let p = params("store", &SALES_INTS);
    let typed = text(Variant::Serde, "sales", &p, SALES_EDGES.as_bytes());
    let untyped = text(Variant::ByteRecord, "sales", &p, SALES_EDGES.as_bytes());
    assert_eq!(
        String::from_utf8(typed.clone()).unwrap(),
        "\t1\t1\t0\t0\t0\t1\t0\t0\t0\t1\t0\t0\t0\n\
         north\t2\t1\t2\t2\t2\t2\t2249\t250\t1999\t1\t5\t5\t5\n\
         south\t1\t1\t1\t1\t1\t1\t500\t500\t500\t1\t10\t10\t10\n\
         we\"st\t1\t1\t7\t7\t7\t1\t-1\t-1\t-1\t0\t0\t0\t0\n\
         rows\t5\tbad_rows\t2\n"
    );
    assert_eq!(typed, untyped);
}

const NFL_HEADER: &str =
    "gameid,qtr,min,sec,off,def,down,togo,ydline,description,offscore,defscore,season\n";
const NFL_INTS: [&str; 4] = ["ydline", "togo", "offscore", "defscore"];

#[test]
fn typed_agrees_with_untyped_on_nfl_rows() {
    let input = format!(
        "{NFL_HEADER}\
         g1,1,,0,DAL,NYG,,,,\"kick, 69 yards\",0,0,2012\n\
         g1,1,59,56,NYG,DAL,1,10,84,\"(14:56) \"\"pass\"\"\",0,0,2012\n\
         g1,1,59,50,NYG,DAL,2,7,81,run,3,-7,2012\n\
         g1,2,30\n"
    );
    let p = params("off", &NFL_INTS);
    let typed = text(Variant::Serde, "nfl", &p, input.as_bytes());
    assert_eq!(
        String::from_utf8(typed.clone()).unwrap(),
        "DAL\t1\t0\t0\t0\t0\t0\t0\t0\t0\t1\t0\t0\t0\t1\t0\t0\t0\n\
         NYG\t2\t2\t165\t81\t84\t2\t17\t7\t10\t2\t3\t0\t3\t2\t-7\t-7\t0\n\
         rows\t3\tbad_rows\t1\n"
    );
    assert_eq!(
        typed,
        text(Variant::ByteRecord, "nfl", &p, input.as_bytes())
    );
}

#[test]
fn typed_rejects_what_its_struct_cannot_do() {
    let input = format!("{NFL_HEADER}g,1,2,3,A,B,1,2,3,d,0,0,2012\n");
    let input = input.as_bytes();
    // Params other than the schema's key and int columns, in order.
    let reordered = params("off", &["togo", "ydline", "offscore", "defscore"]);
    for bad in [
        params("def", &NFL_INTS),
        reordered,
        params("off", &["ydline"]),
    ] {
        let e = error(Variant::Serde, "nfl", &bad, input);
        assert!(e.contains("`params`"), "{e}");
    }
    // Unknown schemas.
    let e = error(Variant::Serde, "twitter", &params("off", &NFL_INTS), input);
    assert!(e.contains("`input.schema`"), "{e}");
    // A header without a struct column fails to deserialise.
    let no_season = b"gameid,qtr,min,sec,off,def,down,togo,ydline,description,offscore,defscore\n\
                      g,1,2,3,A,B,1,2,3,d,0,0\n";
    let e = error(Variant::Serde, "nfl", &params("off", &NFL_INTS), no_season);
    assert!(e.contains("season"), "{e}");
    // ... and one without the key fails even with no record.
    let e = error(
        Variant::Serde,
        "nfl",
        &params("off", &NFL_INTS),
        b"gameid\n",
    );
    assert!(e.contains("`params.key`"), "{e}");
    // The typed variant reads text: invalid UTF-8 is an error there, while
    // the untyped one aggregates the bytes.
    let mut latin1 = NFL_HEADER.as_bytes().to_vec();
    latin1.extend_from_slice(b"g,1,2,3,A\xbf,B,1,2,3,d,0,0,2012\n");
    let p = params("off", &NFL_INTS);
    assert!(error(Variant::Serde, "nfl", &p, &latin1).contains("UTF-8"));
    assert!(text(Variant::ByteRecord, "nfl", &p, &latin1).starts_with(b"A\xbf\t1\t"));
}
