//! The reader's language on the server: a request says it in `Accept-Language`
//! (the apps send the language the person chose), and every refusal the API
//! answers is written in it. Japanese, the town's language, when nothing is said.

use axum::{
    extract::Request,
    http::{HeaderMap, HeaderValue, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use tsunagu_model::Lang;

use crate::error::Refusal;

/// The language the request asks for.
pub fn of(headers: &HeaderMap) -> Lang {
    headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|value| value.to_str().ok())
        .map_or(Lang::default(), Lang::from_accept_language)
}

/// Middleware over the whole API: a refusal (from a handler, an extractor, a
/// rejected body or another layer inside this one) answers in the reader's
/// language, whoever produced it.
pub async fn answer_in_readers_language(request: Request, next: Next) -> Response {
    let lang = of(request.headers());
    let response = next.run(request).await;
    let Some(refusal) = response.extensions().get::<Refusal>().cloned() else {
        return response;
    };
    // The status and headers stay (Retry-After among them); only the words change.
    let (mut parts, _) = response.into_parts();
    let (_, body) = refusal.body(lang).into_response().into_parts();
    parts.headers.remove(header::CONTENT_LENGTH);
    parts
        .headers
        .append(header::VARY, HeaderValue::from_static("accept-language"));
    Response::from_parts(parts, body)
}
