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
const SERVER_FAILED: Said = Said::new(
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
            Self::Database(_) | Self::CorruptData(_) | Self::Internal(_) => SERVER_FAILED,
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
                let detail = describe_data_error(&e.body_text());
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

/// `Json` whose rejections answer in the API's own error format.
#[derive(axum::extract::FromRequest)]
#[from_request(via(axum::Json), rejection(ApiError))]
pub struct ApiJson<T>(pub T);

pub async fn api_not_found() -> ApiError {
    ApiError::NotFound(Said::new(
        "そのような API はありません。",
        "There is no such API endpoint.",
    ))
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
    let (code, said) = match status {
        StatusCode::BAD_REQUEST => (
            "bad_request",
            Said::new(
                "アドレスか送られた内容が正しくありません。",
                "The address or the request is not valid.",
            ),
        ),
        StatusCode::NOT_FOUND => (
            "not_found",
            Said::new(
                "そのような API はありません。",
                "There is no such API endpoint.",
            ),
        ),
        StatusCode::METHOD_NOT_ALLOWED => (
            "method_not_allowed",
            Said::new(
                "この API はこの方法では使えません。",
                "This endpoint does not answer this method.",
            ),
        ),
        StatusCode::REQUEST_TIMEOUT => (
            "request_timeout",
            Said::new(
                "送られてくるのに時間がかかりすぎました。もう一度お試しください。",
                "The request took too long to arrive. Please try again.",
            ),
        ),
        StatusCode::PAYLOAD_TOO_LARGE => (
            "payload_too_large",
            Said::new(
                "送られた内容が大きすぎます。",
                "The request body is too large.",
            ),
        ),
        StatusCode::URI_TOO_LONG => (
            "uri_too_long",
            Said::new("アドレスが長すぎます。", "The address is too long."),
        ),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => (
            "bad_request",
            Said::new(
                "送られた内容が JSON ではありません(Content-Type: application/json)。",
                "The request body must be JSON (Content-Type: application/json).",
            ),
        ),
        s if s.is_server_error() => ("internal", SERVER_FAILED),
        _ => (
            "bad_request",
            Said::new(
                "送られた内容が正しくありません。",
                "The request is not valid.",
            ),
        ),
    };
    let refusal = Refusal { code, said };
    let mut response = (status, refusal.body(Lang::default())).into_response();
    response.extensions_mut().insert(refusal);
    response
}

/// serde's account of JSON that does not fit, retold for a person: which field
/// and what is wrong with it, never the value sent nor a Rust type's name.
/// (axum writes "Failed to deserialize …: <path>: <serde's message> at line L
/// column C".)
fn describe_data_error(text: &str) -> String {
    let text = text
        .split_once("target type: ")
        .map_or(text, |(_, rest)| rest);
    let text = match text.rfind(" at line ") {
        Some(at) => &text[..at],
        None => text,
    };
    // A path has no spaces; serde's messages do.
    let (path, message) = match text.split_once(": ") {
        Some((path, message)) if !path.contains(' ') => (Some(path), message),
        _ => (None, text),
    };
    let quoted = |m: &str| m.split('`').nth(1).map(str::to_owned);
    let joined = |name: String| match path {
        Some(path) => format!("{path}.{name}"),
        None => name,
    };
    let field = path.map_or("the request body".to_owned(), |p| format!("the field {p}"));
    if let Some(rest) = message.strip_prefix("missing field ") {
        let name = quoted(rest).unwrap_or_default();
        return format!("The field {} is missing.", joined(name));
    }
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let name = quoted(rest).unwrap_or_default();
        return format!("The field {} is not one this request takes.", joined(name));
    }
    let problem =
        if message.starts_with("unknown variant") || message.starts_with("data did not match") {
            "is not one of the allowed values"
        } else if message.starts_with("invalid type") {
            "has the wrong type of value"
        } else if message.starts_with("invalid length") {
            "has the wrong number of items"
        } else if message.starts_with("duplicate field") {
            "is given twice"
        } else if message.contains('`') || message.contains('"') || message.contains("UUID") {
            "is not valid"
        } else {
            // The domain's own words (a login name's rule, a name's): kept.
            return format!("{} {}.", capitalise(&field), message.trim_end_matches('.'));
        };
    format!("{} {problem}.", capitalise(&field))
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// API answers hold a family's data: no browser or proxy cache may keep them.
pub async fn no_store(mut response: Response) -> Response {
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

#[cfg(test)]
mod tests {
    use super::describe_data_error;

    const PREFIX: &str = "Failed to deserialize the JSON body into the target type: ";

    #[test]
    fn serde_errors_name_the_field_and_never_the_value_or_a_type() {
        for (serde, told) in [
            (
                "mutations[0].type: unknown variant `secret`, expected one of `notebook_entry`, `meeting` at line 1 column 52",
                "The field mutations[0].type is not one of the allowed values.",
            ),
            (
                "missing field `mutations` at line 1 column 2",
                "The field mutations is missing.",
            ),
            (
                "mutations[0]: missing field `client` at line 1 column 9",
                "The field mutations[0].client is missing.",
            ),
            (
                "invalid type: sequence, expected struct PushRequest at line 1 column 0",
                "The request body has the wrong type of value.",
            ),
            (
                "login: invalid type: integer `3`, expected a string at line 1 column 10",
                "The field login has the wrong type of value.",
            ),
            (
                "mutations[0].id: UUID parsing failed: invalid character: expected an optional prefix of `urn:uuid:` followed by [0-9a-fA-F-], found `z` at 1 at line 1 column 40",
                "The field mutations[0].id is not valid.",
            ),
        ] {
            let message = describe_data_error(&format!("{PREFIX}{serde}"));
            assert_eq!(message, told);
            for leak in ["secret", "PushRequest", "struct", "`"] {
                assert!(!message.contains(leak), "{message}");
            }
        }
    }
}
