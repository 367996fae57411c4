//! One error type for every handler: the client learns what it can act on, the
//! log gets the internals (never personal content: ids and error kinds only).
//! Every message for people is written in both languages (`Said`); the answer
//! carries the one the request asked for (see `language`).

use std::{borrow::Cow, fmt};

use axum::{
    Json,
    extract::rejection::JsonRejection,
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use tsunagu_model::{Lang, api};

use crate::{secret::NoRandomness, store::StoreError};

mod http;
mod serde_text;

pub use http::{ApiJson, api_errors_as_json, api_not_found, method_not_allowed, no_store};

/// Words for a person, in Japanese and in English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Said {
    ja: Cow<'static, str>,
    en: Cow<'static, str>,
}

impl Said {
    pub const fn new(ja: &'static str, en: &'static str) -> Self {
        Self {
            ja: Cow::Borrowed(ja),
            en: Cow::Borrowed(en),
        }
    }

    /// A model rule's own explanation, in both languages.
    pub fn explained(explain: impl Fn(Lang) -> &'static str) -> Self {
        Self::new(explain(Lang::Ja), explain(Lang::En))
    }

    pub fn owned(ja: String, en: String) -> Self {
        Self {
            ja: Cow::Owned(ja),
            en: Cow::Owned(en),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ja => &self.ja,
            Lang::En => &self.en,
        }
    }
}

/// The log reads English.
impl fmt::Display for Said {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.en)
    }
}

const SESSION_ENDED: Said = Said::new(
    "ログインの有効期限が切れたか、ほかの端末でログアウトしました。もう一度ログインしてください。",
    "Your session has ended. Please sign in again.",
);
const TOO_MANY: Said = Said::new(
    "試行が多すぎます。しばらく待ってから、もう一度お試しください。",
    "Too many attempts. Please wait and try again.",
);
const BUSY: Said = Said::new(
    "サーバーが混み合っています。少し待ってから、もう一度お試しください。",
    "The server is busy. Please try again in a moment.",
);
pub(crate) const SERVER_FAILED: Said = Said::new(
    "サーバーで問題が起きました。しばらくしてから、もう一度お試しください。",
    "Something went wrong on the server. Please try again later.",
);

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("{0}")]
    BadRequest(Said),
    #[error("{0}")]
    NotFound(Said),
    /// Not signed in.
    #[error("{0}")]
    Unauthorized(Said),
    /// Was signed in, and the session has expired or was ended elsewhere.
    #[error("{SESSION_ENDED}")]
    SessionEnded,
    #[error("{0}")]
    Forbidden(Said),
    #[error("{0}")]
    Conflict(Said),
    /// Existed once, and is no longer usable (an expired or used invitation).
    #[error("{0}")]
    Gone(Said),
    #[error("{TOO_MANY}")]
    TooManyRequests { retry_after_secs: u64 },
    #[error("{0}")]
    PayloadTooLarge(Said),
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
    fn said(&self) -> Said {
        if self.is_contention() {
            return BUSY;
        }
        match self {
            Self::BadRequest(said)
            | Self::NotFound(said)
            | Self::Unauthorized(said)
            | Self::Forbidden(said)
            | Self::Conflict(said)
            | Self::Gone(said)
            | Self::PayloadTooLarge(said) => said.clone(),
            Self::SessionEnded => SESSION_ENDED,
            Self::TooManyRequests { .. } => TOO_MANY,
            Self::Store(_) | Self::CorruptData(_) | Self::Internal(_) => SERVER_FAILED,
        }
    }
}

/// A refusal on its way out: `language` writes its body in the reader's language.
#[derive(Debug, Clone)]
pub struct Refusal {
    pub code: &'static str,
    pub said: Said,
}

impl Refusal {
    pub fn body(&self, lang: Lang) -> Json<api::ApiError> {
        Json(api::ApiError {
            error: self.code.to_owned(),
            message: self.said.get(lang).to_owned(),
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
            said: self.said(),
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
            JsonRejection::MissingJsonContentType(_) => Self::BadRequest(Said::new(
                "送られた内容が JSON ではありません(Content-Type: application/json)。",
                "The request body must be JSON (Content-Type: application/json).",
            )),
            JsonRejection::BytesRejection(_) => Self::PayloadTooLarge(Said::new(
                "送られた内容が大きすぎます。",
                "The request body is too large.",
            )),
            JsonRejection::JsonSyntaxError(_) => Self::BadRequest(Said::new(
                "送られた内容が正しい JSON ではありません。",
                "The request body is not valid JSON.",
            )),
            // The message names the field and what was wrong with it, never its
            // value nor the server's own type names.
            JsonRejection::JsonDataError(e) => {
                let detail = serde_text::describe_data_error(&e.body_text());
                Self::BadRequest(Said::owned(
                    format!("送られた内容の形が正しくありません({detail})。"),
                    detail,
                ))
            }
            _ => Self::BadRequest(Said::new(
                "送られた内容を読めませんでした。",
                "The request body could not be read.",
            )),
        }
    }
}

/// A name or short text refused by the model's rule, naming the field.
pub fn refused_text(
    field_ja: &str,
    field_en: &str,
    problem: &tsunagu_model::text::InvalidText,
) -> ApiError {
    ApiError::BadRequest(Said::owned(
        format!("{field_ja}{}。", problem.explain(Lang::Ja)),
        format!("{field_en} {}.", problem.explain(Lang::En)),
    ))
}
