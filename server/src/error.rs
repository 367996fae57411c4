//! One error type for every handler: the client learns what it can act on, the
//! log gets the internals (never personal content: ids and error kinds only).

use axum::{
    Json,
    extract::rejection::JsonRejection,
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use tsunagu_model::api;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("{0}")]
    BadRequest(String),
    #[error("{0}")]
    NotFound(&'static str),
    /// Not signed in.
    #[error("{0}")]
    Unauthorized(&'static str),
    /// Was signed in, and the session has expired or was ended elsewhere.
    #[error("Your session has ended. Please sign in again.")]
    SessionEnded,
    #[error("{0}")]
    Forbidden(&'static str),
    #[error("{0}")]
    Conflict(&'static str),
    /// Existed once, and is no longer usable (an expired or used invitation).
    #[error("{0}")]
    Gone(&'static str),
    #[error("Too many attempts. Please wait and try again.")]
    TooManyRequests { retry_after_secs: u64 },
    #[error("{0}")]
    PayloadTooLarge(&'static str),
    #[error("database error")]
    Database(#[from] sqlx::Error),
    /// Stored data that does not read back as the domain says it must.
    #[error("stored data is not valid: {0}")]
    CorruptData(String),
    #[error("internal error: {0}")]
    Internal(String),
}

/// How long a person is asked to wait when the database stayed busy.
const BUSY_RETRY_SECS: u64 = 5;

impl ApiError {
    /// The database stayed locked by other writers past the busy timeout, or no
    /// connection came free: a moment's wait, not a fault.
    fn is_contention(&self) -> bool {
        match self {
            Self::Database(sqlx::Error::PoolTimedOut) => true,
            // SQLITE_BUSY and SQLITE_LOCKED, with their extended codes.
            Self::Database(sqlx::Error::Database(e)) => e
                .code()
                .and_then(|c| c.parse::<i32>().ok())
                .is_some_and(|c| matches!(c & 0xff, 5 | 6)),
            _ => false,
        }
    }

    fn status_and_code(&self) -> (StatusCode, &'static str) {
        if self.is_contention() {
            return (StatusCode::SERVICE_UNAVAILABLE, "busy");
        }
        match self {
            Self::BadRequest(_) => (StatusCode::BAD_REQUEST, "bad_request"),
            Self::NotFound(_) => (StatusCode::NOT_FOUND, "not_found"),
            Self::Unauthorized(_) => (StatusCode::UNAUTHORIZED, "unauthorized"),
            Self::SessionEnded => (StatusCode::UNAUTHORIZED, "session_ended"),
            Self::Forbidden(_) => (StatusCode::FORBIDDEN, "forbidden"),
            Self::Conflict(_) => (StatusCode::CONFLICT, "conflict"),
            Self::Gone(_) => (StatusCode::GONE, "gone"),
            Self::TooManyRequests { .. } => (StatusCode::TOO_MANY_REQUESTS, "too_many_requests"),
            Self::PayloadTooLarge(_) => (StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large"),
            Self::Database(_) | Self::CorruptData(_) | Self::Internal(_) => {
                (StatusCode::INTERNAL_SERVER_ERROR, "internal")
            }
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, code) = self.status_and_code();
        let message = if status == StatusCode::SERVICE_UNAVAILABLE {
            tracing::warn!(error = %self, "database busy");
            "The server is busy. Please try again in a moment.".to_owned()
        } else if status.is_server_error() {
            tracing::error!(error = %self, detail = ?self, "request failed");
            "Something went wrong on the server. Please try again later.".to_owned()
        } else {
            self.to_string()
        };
        let retry_after = match self {
            Self::TooManyRequests { retry_after_secs } => Some(retry_after_secs),
            _ if status == StatusCode::SERVICE_UNAVAILABLE => Some(BUSY_RETRY_SECS),
            _ => None,
        };
        let body = api::ApiError {
            error: code.to_owned(),
            message,
        };
        let mut response = (status, Json(body)).into_response();
        if let Some(secs) = retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        response
    }
}

impl From<JsonRejection> for ApiError {
    fn from(rejection: JsonRejection) -> Self {
        match rejection {
            JsonRejection::MissingJsonContentType(_) => Self::BadRequest(
                "The request body must be JSON (Content-Type: application/json).".to_owned(),
            ),
            JsonRejection::BytesRejection(_) => {
                Self::PayloadTooLarge("The request body is too large.")
            }
            JsonRejection::JsonSyntaxError(_) => {
                Self::BadRequest("The request body is not valid JSON.".to_owned())
            }
            // The message names the field and what was wrong with it, never its value.
            JsonRejection::JsonDataError(e) => Self::BadRequest(e.body_text()),
            _ => Self::BadRequest("The request body could not be read.".to_owned()),
        }
    }
}

/// `Json` whose rejections answer in the API's own error format.
#[derive(axum::extract::FromRequest)]
#[from_request(via(axum::Json), rejection(ApiError))]
pub struct ApiJson<T>(pub T);

pub async fn api_not_found() -> ApiError {
    ApiError::NotFound("There is no such API endpoint.")
}

/// API answers hold a family's data: no browser or proxy cache may keep them.
pub async fn no_store(mut response: Response) -> Response {
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}
