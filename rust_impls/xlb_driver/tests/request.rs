use xlb_driver::Request;

const GOOD: &str = r#"{
  "protocol": 1, "workload": "json", "mode": "typed",
  "input": {"name": "twitter", "path": "/data/twitter.json", "schema": "twitter", "bytes": 631514},
  "params": {}, "warmup_ms": 200, "samples": 5, "min_sample_ms": 50, "threads": 1,
  "extra_field_is_ignored": [1, 2, 3]
}"#;

/// Parses GOOD after replacing `from` (which must occur) with `to`.
fn parse_edited(from: &str, to: &str) -> anyhow::Result<Request> {
    assert!(GOOD.contains(from), "test bug: {from:?} not in GOOD");
    Request::parse(&GOOD.replacen(from, to, 1))
}

fn error_of(from: &str, to: &str) -> String {
    format!(
        "{:#}",
        parse_edited(from, to).expect_err("edit should be rejected")
    )
}

#[test]
fn parses_a_good_request() {
    let r = Request::parse(GOOD).unwrap();
    assert_eq!(r.protocol, 1);
    assert_eq!(r.workload, "json");
    assert_eq!(r.mode, "typed");
    assert_eq!(r.input.name, "twitter");
    assert_eq!(r.input.path.to_str(), Some("/data/twitter.json"));
    assert_eq!(r.input.schema, "twitter");
    assert_eq!(r.input.bytes, 631514);
    assert!(r.params.is_empty());
    assert_eq!(
        (r.warmup_ms, r.samples, r.min_sample_ms, r.threads),
        (200, 5, 50, 1)
    );
}

#[test]
fn warmup_may_be_zero() {
    assert_eq!(
        parse_edited("\"warmup_ms\": 200", "\"warmup_ms\": 0")
            .unwrap()
            .warmup_ms,
        0
    );
}

#[test]
fn missing_fields_are_named() {
    for (from, field) in [
        ("\"samples\": 5,", "`samples`"),
        ("\"mode\": \"typed\",", "`mode`"),
        ("\"params\": {},", "`params`"),
        ("\"path\": \"/data/twitter.json\",", "`input.path`"),
        ("\"schema\": \"twitter\",", "`input.schema`"),
    ] {
        let msg = error_of(from, "");
        assert!(msg.contains(field) && msg.contains("missing"), "{msg}");
    }
}

#[test]
fn ill_typed_fields_are_named() {
    for (from, to, field) in [
        ("\"samples\": 5", "\"samples\": \"5\"", "`samples`"),
        ("\"samples\": 5", "\"samples\": 0", "`samples`"),
        ("\"samples\": 5", "\"samples\": 2.5", "`samples`"),
        ("\"warmup_ms\": 200", "\"warmup_ms\": -1", "`warmup_ms`"),
        (
            "\"min_sample_ms\": 50",
            "\"min_sample_ms\": 0",
            "`min_sample_ms`",
        ),
        ("\"threads\": 1", "\"threads\": null", "`threads`"),
        ("\"workload\": \"json\"", "\"workload\": 7", "`workload`"),
        ("\"params\": {}", "\"params\": []", "`params`"),
        ("\"bytes\": 631514", "\"bytes\": \"big\"", "`input.bytes`"),
        ("\"protocol\": 1", "\"protocol\": 2", "`protocol`"),
    ] {
        let msg = error_of(from, to);
        assert!(msg.contains(field), "{to}: {msg}");
    }
}

#[test]
fn non_object_and_bad_json_are_rejected() {
    assert!(Request::parse("[]").is_err());
    assert!(Request::parse("{").is_err());
    let msg = format!(
        "{:#}",
        Request::parse(r#"{"protocol":1,"input":3}"#).unwrap_err()
    );
    assert!(msg.contains("`input`"), "{msg}");
}

#[test]
fn from_file_names_the_file() {
    let path = std::env::temp_dir().join("xlb_driver_no_such_request.json");
    let msg = format!("{:#}", Request::from_file(&path).unwrap_err());
    assert!(msg.contains("xlb_driver_no_such_request.json"), "{msg}");
}
