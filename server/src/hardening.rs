//! Security headers on every response. The Content-Security-Policy allows only this
//! origin's scripts, WASM compilation, and the one inline module script the build writes
//! into each app's index.html to start it, named by their hashes (computed when the
//! server starts, from the pages it serves).

use std::path::PathBuf;

use axum::{
    extract::Request,
    http::{HeaderName, HeaderValue, header},
    middleware::Next,
    response::Response,
};
use base64::{Engine, engine::general_purpose::STANDARD};
use sha2::{Digest, Sha256};

#[derive(Clone)]
pub struct SecurityHeaders {
    csp: HeaderValue,
    hsts: bool,
}

impl SecurityHeaders {
    /// `pages` are the built apps' HTML pages (those that exist are read); `over_tls`
    /// says whether people reach the server by https (then browsers are told to
    /// never use plain http).
    pub fn new(pages: &[PathBuf], over_tls: bool) -> Self {
        let inline: Vec<String> = pages
            .iter()
            .filter_map(|p| std::fs::read_to_string(p).ok())
            .flat_map(|html| inline_script_hashes(&html))
            .collect();
        let scripts: String = inline.iter().map(|h| format!(" 'sha256-{h}'")).collect();
        let policy = format!(
            "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{scripts}; style-src 'self'; \
             img-src 'self' data:; connect-src 'self'; manifest-src 'self'; worker-src 'self'; \
             object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
        );
        Self {
            csp: HeaderValue::from_str(&policy)
                .unwrap_or_else(|_| HeaderValue::from_static("default-src 'self'")),
            hsts: over_tls,
        }
    }

    pub async fn apply(self, request: Request, next: Next) -> Response {
        let mut response = next.run(request).await;
        let h = response.headers_mut();
        h.insert(header::CONTENT_SECURITY_POLICY, self.csp.clone());
        h.insert(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        );
        h.insert(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        );
        h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
        h.insert(
            HeaderName::from_static("cross-origin-opener-policy"),
            HeaderValue::from_static("same-origin"),
        );
        h.insert(
            HeaderName::from_static("permissions-policy"),
            HeaderValue::from_static("camera=(), microphone=(), geolocation=(), payment=()"),
        );
        if self.hsts {
            h.insert(
                header::STRICT_TRANSPORT_SECURITY,
                HeaderValue::from_static("max-age=31536000; includeSubDomains"),
            );
        }
        response
    }
}

/// The base64 SHA-256 of the content of every `<script>` without `src`.
fn inline_script_hashes(html: &str) -> Vec<String> {
    let mut hashes = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let after = &rest[start..];
        let Some(tag_end) = after.find('>') else {
            break;
        };
        let tag = &after[..tag_end];
        let body = &after[tag_end + 1..];
        let Some(close) = body.find("</script>") else {
            break;
        };
        if !tag.contains(" src=") {
            hashes.push(STANDARD.encode(Sha256::digest(&body.as_bytes()[..close])));
        }
        rest = &body[close..];
    }
    hashes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_inline_scripts_only() {
        let html = "<script type=\"module\">alert(1)</script><script src=\"/a.js\"></script><script>\nx\n</script>";
        let hashes = inline_script_hashes(html);
        assert_eq!(hashes.len(), 2);
        assert_eq!(hashes[0], STANDARD.encode(Sha256::digest(b"alert(1)")));
        assert_eq!(hashes[1], STANDARD.encode(Sha256::digest(b"\nx\n")));
    }
}
