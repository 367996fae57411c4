//! One error type for every handler: the client learns what it can act on, the
//! log gets the internals (never personal content: ids and error kinds only).

use axum::{
    Json,
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
    #[error("database error")]
    Database(#[from] sqlx::Error),
    /// Stored data that does not read back as the domain says it must.
    #[error("stored data is not valid: {0}")]
    CorruptData(String),
}

impl ApiError {
    fn status_and_code(&self) -> (StatusCode, &'static str) {
        match self {
            Self::BadRequest(_) => (StatusCode::BAD_REQUEST, "bad_request"),
            Self::NotFound(_) => (StatusCode::NOT_FOUND, "not_found"),
            Self::Database(_) | Self::CorruptData(_) => {
                (StatusCode::INTERNAL_SERVER_ERROR, "internal")
            }
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, code) = self.status_and_code();
        let message = if status.is_server_error() {
            tracing::error!(error = %self, detail = ?self, "request failed");
            "Something went wrong on the server. Please try again later.".to_owned()
        } else {
            self.to_string()
        };
        let body = api::ApiError {
            error: code.to_owned(),
            message,
        };
        (status, Json(body)).into_response()
    }
}

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
