//! `setup` validates the request before building the operation.

use xlb_csv::{setup, Variant};
use xlb_driver::Request;

fn request(
    workload: &str,
    mode: &str,
    schema: &str,
    params: &str,
    path: &str,
    bytes: u64,
) -> Request {
    Request::parse(&format!(
        r#"{{"protocol":1,"workload":"{workload}","mode":"{mode}","params":{params},
        "input":{{"name":"t","path":"{path}","schema":"{schema}","bytes":{bytes}}},
        "warmup_ms":0,"samples":1,"min_sample_ms":1,"threads":1}}"#
    ))
    .unwrap()
}

fn error(variant: Variant, req: &Request) -> String {
    match setup(variant, req) {
        Ok(_) => panic!("setup should fail"),
        Err(e) => format!("{e:#}"),
    }
}

const CSV: &[u8] =
    b"order_id,store,customer,product,quantity,price_cents,discount_pct,comment,created_at\n\
    1,s,c,p,2,100,,x,t\n";
const PARAMS: &str =
    r#"{"header":true,"key":"store","int_columns":["quantity","price_cents","discount_pct"]}"#;

#[test]
fn setup_builds_and_rejects() {
    let path = std::env::temp_dir().join(format!("xlb_csv_setup_{}.csv", std::process::id()));
    std::fs::write(&path, CSV).unwrap();
    let p = path.to_str().unwrap();
    let n = CSV.len() as u64;

    for variant in Variant::ALL {
        let mut op = setup(variant, &request("csv", "memory", "sales", PARAMS, p, n)).unwrap();
        let checksum = op.check().unwrap();
        assert_eq!((checksum["groups"], checksum["rows"]), (1, 1));
        op.run();

        let e = |req: Request| error(variant, &req);
        assert!(e(request("csv", "memory", "sales", PARAMS, p, n + 1)).contains("`input.bytes`"));
        assert!(e(request("json", "memory", "sales", PARAMS, p, n)).contains("`workload`"));
        assert!(e(request("csv", "stream", "sales", PARAMS, p, n)).contains("`mode`"));
        assert!(e(request(
            "csv",
            "memory",
            "sales",
            PARAMS,
            "/nonexistent.csv",
            n
        ))
        .contains("/nonexistent.csv"));
        for (params, field) in [
            (r#"{}"#, "`params.header`"),
            (
                r#"{"header":false,"key":"store","int_columns":[]}"#,
                "`params.header`",
            ),
            (r#"{"header":true,"int_columns":[]}"#, "`params.key`"),
            (
                r#"{"header":true,"key":1,"int_columns":[]}"#,
                "`params.key`",
            ),
            (r#"{"header":true,"key":"store"}"#, "`params.int_columns`"),
            (
                r#"{"header":true,"key":"store","int_columns":[3]}"#,
                "`params.int_columns[0]`",
            ),
        ] {
            let msg = e(request("csv", "memory", "sales", params, p, n));
            assert!(msg.contains(field), "{params}: {msg}");
        }
    }
    // Only the typed variant cares about the schema.
    assert!(setup(
        Variant::ByteRecord,
        &request("csv", "memory", "other", PARAMS, p, n)
    )
    .is_ok());
    let msg = error(
        Variant::Serde,
        &request("csv", "memory", "other", PARAMS, p, n),
    );
    assert!(msg.contains("`input.schema`"), "{msg}");
    // A column missing from the header is a check error, not a panic.
    let missing = r#"{"header":true,"key":"nope","int_columns":[]}"#;
    let mut op = setup(
        Variant::ByteRecord,
        &request("csv", "memory", "sales", missing, p, n),
    )
    .unwrap();
    assert!(op.check().is_err());
    std::fs::remove_file(path).unwrap();
}
