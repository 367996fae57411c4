//! One error type for every handler: the client learns what it can act on, the
//! log gets the internals (never personal content: ids and error kinds only).
//! Every refusal is a `Problem` from the model: the answer carries its code and
//! parameters, and its explanation in the language the request asked for (see
//! `language`); the apps explain it in their reader's language.

use axum::{
    Json,
    extract::rejection::JsonRejection,
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use tsunagu_model::{Lang, api, problem::Problem};

use crate::{secret::NoRandomness, store::StoreError};

mod http;
mod serde_text;

pub use http::{ApiJson, api_errors_as_json, api_not_found, method_not_allowed, no_store};

/// A refusal displays as its problem's code: what the log may say of it, never
/// the words nor what was sent.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("{}", .0.code())]
    BadRequest(Problem),
    #[error("{}", .0.code())]
    NotFound(Problem),
    /// Not signed in.
    #[error("{}", .0.code())]
    Unauthorized(Problem),
    /// Was signed in, and the session has expired or was ended elsewhere.
    #[error("session_ended")]
    SessionEnded,
    #[error("{}", .0.code())]
    Forbidden(Problem),
    #[error("{}", .0.code())]
    Conflict(Problem),
    /// Existed once, and is no longer usable (an expired or used invitation).
    #[error("{}", .0.code())]
    Gone(Problem),
    #[error("too_many_attempts")]
    TooManyRequests { retry_after_secs: u64 },
    #[error("{}", .0.code())]
    PayloadTooLarge(Problem),
    #[error("{0}")]
    Store(StoreError),
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
        matches!(self, Self::Store(StoreError::Busy(_)))
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
            Self::Store(_) | Self::CorruptData(_) | Self::Internal(_) => {
                (StatusCode::INTERNAL_SERVER_ERROR, "internal")
            }
        }
    }
}

impl ApiError {
    /// What the person is told: never the internals of a server error.
    fn problem(&self) -> Problem {
        if self.is_contention() {
            return Problem::Busy;
        }
        match self {
            Self::BadRequest(problem)
            | Self::NotFound(problem)
            | Self::Unauthorized(problem)
            | Self::Forbidden(problem)
            | Self::Conflict(problem)
            | Self::Gone(problem)
            | Self::PayloadTooLarge(problem) => problem.clone(),
            Self::SessionEnded => Problem::SessionEnded,
            Self::TooManyRequests { .. } => Problem::TooManyAttempts,
            Self::Store(_) | Self::CorruptData(_) | Self::Internal(_) => Problem::ServerFailed,
        }
    }
}

/// A refusal on its way out: `language` writes its body in the reader's language.
#[derive(Debug, Clone)]
pub struct Refusal {
    pub code: &'static str,
    pub problem: Problem,
}

impl Refusal {
    pub fn body(&self, lang: Lang) -> Json<api::ApiError> {
        Json(api::ApiError {
            error: self.code.to_owned(),
            message: self.problem.explain(lang),
            problem: Some(self.problem.clone()),
            words: Some(api::Words::new(|lang| self.problem.explain(lang))),
        })
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, code) = self.status_and_code();
        if self.is_contention() {
            tracing::warn!(error = %self, "database busy");
        } else if status.is_server_error() {
            tracing::error!(error = %self, detail = ?self, "request failed");
        }
        let retry_after = match self {
            Self::TooManyRequests { retry_after_secs } => Some(retry_after_secs),
            _ if status == StatusCode::SERVICE_UNAVAILABLE => Some(BUSY_RETRY_SECS),
            _ => None,
        };
        let refusal = Refusal {
            code,
            problem: self.problem(),
        };
        // Japanese unless the request said otherwise; `language` rewrites it then.
        let mut response = (status, refusal.body(Lang::default())).into_response();
        response.extensions_mut().insert(refusal);
        if let Some(secs) = retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        response
    }
}

/// Stored data that does not read back is corrupt data (its message names the
/// column, never what it held); the rest keeps the store's own error, so a
/// busy database still answers 503.
impl From<StoreError> for ApiError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::Corrupt(what) => Self::CorruptData(what),
            error => Self::Store(error),
        }
    }
}

impl From<NoRandomness> for ApiError {
    fn from(error: NoRandomness) -> Self {
        Self::Internal(error.to_string())
    }
}

impl From<JsonRejection> for ApiError {
    fn from(rejection: JsonRejection) -> Self {
        match rejection {
            JsonRejection::MissingJsonContentType(_) => Self::BadRequest(Problem::NotJson),
            JsonRejection::BytesRejection(_) => Self::PayloadTooLarge(Problem::BodyTooLarge),
            JsonRejection::JsonSyntaxError(_) => Self::BadRequest(Problem::InvalidJson),
            // The message names the field and what was wrong with it, never its
            // value nor the server's own type names.
            JsonRejection::JsonDataError(e) => {
                Self::BadRequest(serde_text::describe_data_error(&e.body_text()))
            }
            _ => Self::BadRequest(Problem::UnreadableBody),
        }
    }
}
