//! Cross-site request forgery: a write carried by the session cookie must come
//! from a page of this origin. Browsers say where a request comes from in
//! `Sec-Fetch-Site` (and `Origin`); programs that send neither carry no ambient
//! cookie by accident and pass.
//!
//! `Origin` is compared whole (scheme, host and port) with the public URL's
//! origin, so neither a plain-http page of the same host nor another port passes.
//! For a public URL on `localhost` (development and tests) the loopback names
//! with the port the request was sent to are this origin too.

use axum::{
    extract::{Request, State},
    http::{Method, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use url::Url;

use std::sync::Arc;

use crate::ApiError;
use tsunagu_model::problem::Problem;

/// Where this server's own pages come from.
#[derive(Debug, Clone)]
pub struct OwnOrigin {
    /// `scheme://host[:port]`, as browsers write `Origin`.
    serialized: String,
    scheme: String,
    loopback: bool,
}

impl OwnOrigin {
    pub fn of(public_url: &str) -> Result<Self, String> {
        let url = Url::parse(public_url).map_err(|e| format!("public URL: {e}"))?;
        Ok(Self {
            serialized: url.origin().ascii_serialization(),
            scheme: url.scheme().to_owned(),
            loopback: url.host_str() == Some("localhost"),
        })
    }

    /// `scheme://host[:port]`: where links to this server begin.
    pub fn as_str(&self) -> &str {
        &self.serialized
    }

    fn admits(&self, origin: &str, host: Option<&str>) -> bool {
        if origin == self.serialized {
            return true;
        }
        if !self.loopback {
            return false;
        }
        let Some(host) = host else {
            return false;
        };
        let port = host.rsplit_once(':').map(|(_, port)| port);
        ["localhost", "127.0.0.1", "[::1]"].iter().any(|name| {
            let expected = match port {
                Some(port) => format!("{}://{name}:{port}", self.scheme),
                None => format!("{}://{name}", self.scheme),
            };
            origin == expected
        })
    }
}

pub async fn same_origin_writes(
    State(own): State<Arc<OwnOrigin>>,
    request: Request,
    next: Next,
) -> Response {
    if matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) || is_same_origin(&own, &request)
    {
        return next.run(request).await;
    }
    ApiError::Forbidden(Problem::ForeignRequest).into_response()
}

fn is_same_origin(own: &OwnOrigin, request: &Request) -> bool {
    let headers = request.headers();
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok())
        && !matches!(site, "same-origin" | "none")
    {
        return false;
    }
    match headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
        None => true,
        Some(origin) => {
            let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
            own.admits(origin, host)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::OwnOrigin;

    #[test]
    fn the_whole_origin_must_match() {
        let own = OwnOrigin::of("https://tsunagu.example.jp").unwrap();
        assert!(own.admits("https://tsunagu.example.jp", Some("tsunagu.example.jp")));
        assert!(!own.admits("http://tsunagu.example.jp", Some("tsunagu.example.jp")));
        assert!(!own.admits(
            "https://tsunagu.example.jp:8443",
            Some("tsunagu.example.jp")
        ));
        assert!(!own.admits("https://evil.example", Some("evil.example")));
        assert!(!own.admits("null", Some("tsunagu.example.jp")));
        let dev = OwnOrigin::of("http://localhost:8080").unwrap();
        assert!(dev.admits("http://127.0.0.1:4000", Some("127.0.0.1:4000")));
        assert!(dev.admits("http://localhost:4000", Some("localhost:4000")));
        assert!(!dev.admits("http://localhost:4001", Some("localhost:4000")));
        assert!(!dev.admits("https://localhost:4000", Some("localhost:4000")));
        assert!(!dev.admits("http://evil.example:4000", Some("evil.example:4000")));
    }
}
