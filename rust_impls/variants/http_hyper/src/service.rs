//! The three endpoints as one hyper service function.

use std::convert::Infallible;

use bytes::Bytes;
use http_body_util::{BodyExt, Full, LengthLimitError, Limited};
use hyper::body::Incoming;
use hyper::header::{HeaderValue, CONTENT_TYPE};
use hyper::{Method, Request, Response, StatusCode};
use serde::Serialize;
use xlb_http::{
    json_message, EchoDoc, JSON_CONTENT_TYPE, MAX_BODY_BYTES, PLAINTEXT_BODY,
    PLAINTEXT_CONTENT_TYPE,
};

/// `Full` bodies have a known length, so hyper sends `Content-Length`.
type Reply = Response<Full<Bytes>>;

/// Routes by method and path; anything else is 404.
pub async fn route(request: Request<Incoming>) -> Result<Reply, Infallible> {
    Ok(match (request.method(), request.uri().path()) {
        (&Method::GET, "/plaintext") => reply(
            StatusCode::OK,
            PLAINTEXT_CONTENT_TYPE,
            Bytes::from_static(PLAINTEXT_BODY.as_bytes()),
        ),
        (&Method::GET, "/json") => json(&json_message()),
        (&Method::POST, "/echo") => echo(request.into_body()).await,
        _ => reply(StatusCode::NOT_FOUND, PLAINTEXT_CONTENT_TYPE, Bytes::new()),
    })
}

/// Reads the whole body (at most `MAX_BODY_BYTES`), parses it into an
/// `EchoDoc` and serialises that back; a body that is not one is a 400.
async fn echo(body: Incoming) -> Reply {
    let bytes = match Limited::new(body, MAX_BODY_BYTES).collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(err) if err.is::<LengthLimitError>() => {
            return error(StatusCode::PAYLOAD_TOO_LARGE, "body too large".to_string())
        }
        Err(err) => return error(StatusCode::BAD_REQUEST, format!("cannot read body: {err}")),
    };
    match serde_json::from_slice::<EchoDoc>(&bytes) {
        Ok(doc) => json(&doc),
        Err(err) => error(StatusCode::BAD_REQUEST, format!("invalid EchoDoc: {err}")),
    }
}

fn json<T: Serialize>(value: &T) -> Reply {
    match serde_json::to_vec(value) {
        Ok(body) => reply(StatusCode::OK, JSON_CONTENT_TYPE, body.into()),
        Err(err) => error(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("cannot serialise: {err}"),
        ),
    }
}

fn error(status: StatusCode, message: String) -> Reply {
    reply(status, PLAINTEXT_CONTENT_TYPE, message.into())
}

fn reply(status: StatusCode, content_type: &'static str, body: Bytes) -> Reply {
    let mut response = Response::new(Full::new(body));
    *response.status_mut() = status;
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    response
}
