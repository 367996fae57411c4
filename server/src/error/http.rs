//! The API's own answers for what no handler answered: unknown endpoints,
//! methods not allowed, axum's rejections, timeouts and addresses too long,
//! all in the API's JSON shape.

use axum::{
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use tsunagu_model::{
    Lang,
    problem::{Problem, Thing},
};

use super::{ApiError, Refusal};

/// `Json` whose rejections answer in the API's own error format.
#[derive(axum::extract::FromRequest)]
#[from_request(via(axum::Json), rejection(ApiError))]
pub struct ApiJson<T>(pub T);

pub async fn api_not_found() -> ApiError {
    ApiError::NotFound(Problem::NotFound {
        what: Thing::Endpoint,
    })
}

pub async fn method_not_allowed() -> Response {
    generic_error(StatusCode::METHOD_NOT_ALLOWED)
}

/// Longest address the API reads; a longer one is answered 414 here, in the
/// API's shape and with the security headers (hyper itself cuts at 64 KB).
pub const MAX_URI_BYTES: usize = 8 * 1024;

/// Every error the API answers is its JSON shape, whoever made it: axum's own
/// refusals (a path that does not decode, a method not allowed), the timeouts,
/// an address too long. What the handlers answer passes through unchanged.
pub async fn api_errors_as_json(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let is_api = request.uri().path().starts_with("/api/") || request.uri().path() == "/api";
    if request.uri().to_string().len() > MAX_URI_BYTES {
        return generic_error(StatusCode::URI_TOO_LONG);
    }
    let response = next.run(request).await;
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if !is_api || is_json || !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let mut answer = generic_error(status);
    for name in [header::RETRY_AFTER, header::ALLOW] {
        if let Some(value) = response.headers().get(&name) {
            answer.headers_mut().insert(name, value.clone());
        }
    }
    answer
}

fn generic_error(status: StatusCode) -> Response {
    let (code, problem) = match status {
        StatusCode::BAD_REQUEST => ("bad_request", Problem::BadRequest),
        StatusCode::NOT_FOUND => (
            "not_found",
            Problem::NotFound {
                what: Thing::Endpoint,
            },
        ),
        StatusCode::METHOD_NOT_ALLOWED => ("method_not_allowed", Problem::MethodNotAllowed),
        StatusCode::REQUEST_TIMEOUT => ("request_timeout", Problem::RequestTimeout),
        StatusCode::PAYLOAD_TOO_LARGE => ("payload_too_large", Problem::BodyTooLarge),
        StatusCode::URI_TOO_LONG => ("uri_too_long", Problem::UriTooLong),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => ("bad_request", Problem::NotJson),
        s if s.is_server_error() => ("internal", Problem::ServerFailed),
        _ => ("bad_request", Problem::InvalidRequest),
    };
    let refusal = Refusal { code, problem };
    let mut response = (status, refusal.body(Lang::default())).into_response();
    response.extensions_mut().insert(refusal);
    response
}

/// API answers hold a family's data: no browser or proxy cache may keep them.
pub async fn no_store(mut response: Response) -> Response {
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}
