//! `setup` validates the request before building the operation.

use xlb_driver::Request;
use xlb_wordfreq::{setup, Variant};

fn request(workload: &str, mode: &str, params: &str) -> Request {
    Request::parse(&format!(
        r#"{{"protocol":1,"workload":"{workload}","mode":"{mode}","params":{params},
        "input":{{"name":"t","path":"","schema":"text","bytes":0}},
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

const TINY: &str = r#"{"seed":7,"words":30,"vocabulary":10}"#;

#[test]
fn setup_builds_and_rejects() {
    for variant in Variant::ALL {
        let mut op = setup(variant, &request("wordfreq", "count", TINY)).unwrap();
        let checksum = op.check().unwrap();
        assert_eq!(checksum["words"], 30);
        assert_eq!(checksum["fingerprint"], 43_752_778_296);
        op.run();

        let e = |req: Request| error(variant, &req);
        assert!(e(request("csv", "count", TINY)).contains("`workload`"));
        assert!(e(request("wordfreq", "memory", TINY)).contains("`mode`"));
        for (params, field) in [
            (r#"{"words":30,"vocabulary":10}"#, "`params.seed`"),
            (r#"{"seed":-1,"words":30,"vocabulary":10}"#, "`params.seed`"),
            (
                r#"{"seed":"7","words":30,"vocabulary":10}"#,
                "`params.seed`",
            ),
            (r#"{"seed":7,"vocabulary":10}"#, "`params.words`"),
            (
                r#"{"seed":7,"words":1.5,"vocabulary":10}"#,
                "`params.words`",
            ),
            (
                r#"{"seed":7,"words":4294967296,"vocabulary":10}"#,
                "`params.words`",
            ),
            (
                r#"{"seed":7,"words":30,"vocabulary":0}"#,
                "`params.vocabulary`",
            ),
        ] {
            let msg = e(request("wordfreq", "count", params));
            assert!(msg.contains(field), "{params}: {msg}");
        }
    }
}
