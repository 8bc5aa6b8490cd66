//! `EchoDoc`, the typed body of `POST /echo`.

use serde::{Deserialize, Serialize};

/// The document `POST /echo` parses and serialises back. Every field is
/// required (a missing one fails to parse, so the server answers 400);
/// unknown fields are dropped, as the spec allows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EchoDoc {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub active: bool,
    pub score: f64,
    pub tags: Vec<String>,
    pub address: Address,
}

/// `EchoDoc.address`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Address {
    pub street: String,
    pub city: String,
    pub zip: String,
}
