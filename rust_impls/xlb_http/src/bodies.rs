//! The constant responses of `GET /plaintext` and `GET /json`.

use serde::Serialize;

/// Body of `GET /plaintext`.
pub const PLAINTEXT_BODY: &str = "Hello, World!";

/// Content type of `GET /plaintext` (what axum and actix-web send for text).
pub const PLAINTEXT_CONTENT_TYPE: &str = "text/plain; charset=utf-8";

/// Content type of `GET /json` and `POST /echo`.
pub const JSON_CONTENT_TYPE: &str = "application/json";

/// What `GET /json` must send, byte for byte: [`json_message`] serialised.
pub const JSON_BODY: &str = r#"{"message":"Hello, World!"}"#;

/// The largest `POST /echo` body a server reads: 2 MiB, the default limit of
/// axum's and actix-web's JSON extractors, applied by hand in the hyper
/// service.
pub const MAX_BODY_BYTES: usize = 2 * 1024 * 1024;

/// The `GET /json` document. Servers serialise it for every request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Message {
    pub message: &'static str,
}

/// The `GET /json` document: `{"message":"Hello, World!"}`.
pub fn json_message() -> Message {
    Message {
        message: PLAINTEXT_BODY,
    }
}
