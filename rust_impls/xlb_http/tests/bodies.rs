//! EchoDoc's shape and the constant bodies.

use serde_json::{json, Value};
use xlb_http::{json_message, EchoDoc, JSON_BODY, PLAINTEXT_BODY};

fn doc() -> Value {
    json!({"id": -42, "name": "Ada", "email": "ada@example.com", "active": true, "score": 0.1,
           "tags": ["a", "b"], "address": {"street": "1 Main St", "city": "Springfield", "zip": "01234"}})
}

#[test]
fn json_message_serialises_to_the_exact_body() {
    assert_eq!(serde_json::to_string(&json_message()).unwrap(), JSON_BODY);
    assert_eq!(JSON_BODY, r#"{"message":"Hello, World!"}"#);
    assert_eq!(PLAINTEXT_BODY, "Hello, World!");
}

#[test]
fn echo_doc_round_trips_in_field_order() {
    let parsed: EchoDoc = serde_json::from_value(doc()).unwrap();
    assert_eq!(parsed.id, -42);
    assert_eq!(parsed.address.zip, "01234");
    let text = serde_json::to_string(&parsed).unwrap();
    assert!(
        text.starts_with(r#"{"id":-42,"name":"Ada","email":"#),
        "{text}"
    );
    assert_eq!(serde_json::from_str::<Value>(&text).unwrap(), doc());
}

#[test]
fn unknown_fields_are_dropped() {
    let mut with_extra = doc();
    with_extra["extra"] = json!(1);
    with_extra["address"]["country"] = json!("x");
    let parsed: EchoDoc = serde_json::from_value(with_extra).unwrap();
    assert_eq!(serde_json::to_value(&parsed).unwrap(), doc());
}

#[test]
fn every_field_is_required_and_typed() {
    for key in ["id", "name", "email", "active", "score", "tags", "address"] {
        let mut d = doc();
        d.as_object_mut().unwrap().remove(key);
        assert!(
            serde_json::from_value::<EchoDoc>(d).is_err(),
            "missing {key}"
        );
    }
    for key in ["street", "city", "zip"] {
        let mut d = doc();
        d["address"].as_object_mut().unwrap().remove(key);
        assert!(
            serde_json::from_value::<EchoDoc>(d).is_err(),
            "missing {key}"
        );
    }
    for (key, bad) in [
        ("id", json!(1.5)),
        ("id", json!("1")),
        ("name", Value::Null),
        ("active", json!(1)),
        ("score", json!("1")),
        ("tags", json!("a")),
        ("address", json!([])),
    ] {
        let mut d = doc();
        d[key] = bad.clone();
        assert!(
            serde_json::from_value::<EchoDoc>(d).is_err(),
            "{key}: {bad}"
        );
    }
    // An integer is a valid float64.
    let mut d = doc();
    d["score"] = json!(3);
    assert_eq!(serde_json::from_value::<EchoDoc>(d).unwrap().score, 3.0);
}
