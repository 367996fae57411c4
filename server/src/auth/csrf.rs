//! Cross-site request forgery: a write carried by the session cookie must come
//! from a page of this origin. Browsers say where a request comes from in
//! `Sec-Fetch-Site` (and `Origin`); programs that send neither carry no ambient
//! cookie by accident and pass.

use axum::{
    extract::Request,
    http::{Method, header},
    middleware::Next,
    response::{IntoResponse, Response},
};

use crate::{ApiError, Said};

pub async fn same_origin_writes(request: Request, next: Next) -> Response {
    if matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) || is_same_origin(&request)
    {
        return next.run(request).await;
    }
    ApiError::Forbidden(Said::new(
        "このリクエストは、つなぐのページから送られたものではありません。",
        "This request did not come from Tsunagu's own pages.",
    ))
    .into_response()
}

fn is_same_origin(request: &Request) -> bool {
    let headers = request.headers();
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return matches!(site, "same-origin" | "none");
    }
    match headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
        None => true,
        Some(origin) => {
            let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
            let origin_host = origin.split_once("://").map(|(_, rest)| rest);
            host.is_some() && origin_host == host
        }
    }
}
