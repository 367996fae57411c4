//! The built app: files from the build's `dist/` (scripts/build-app), precompressed by the build
//! (`.br`, `.gz`), and the app's `index.html` for every client-side route so a
//! reload of `/meetings` opens the app there (`staff/index.html` under `/staff/`).

use std::path::Path;

use axum::{
    Router,
    body::Body,
    extract::Request,
    http::{HeaderValue, StatusCode, header},
    middleware::{self, Next},
    response::{IntoResponse, Response},
};
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};

/// Where the built app lives; `None` serves the API alone.
#[derive(Debug, Clone, Default)]
pub struct StaticFiles {
    pub dir: Option<std::path::PathBuf>,
}

pub fn router(static_files: StaticFiles) -> Router {
    let Some(dir) = static_files.dir else {
        return Router::new().fallback(app_not_built);
    };
    let files = ServeDir::new(&dir)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(tower::service_fn(move |req: Request| {
            // The staff app routes its own pages under /staff/.
            let index = if req.uri().path().starts_with("/staff/") {
                dir.join("staff/index.html")
            } else {
                dir.join("index.html")
            };
            async move { Ok(client_route(req, &index).await) }
        }));
    Router::new()
        .fallback_service(files)
        .layer(middleware::from_fn(cache_policy))
}

/// A path that names no file: a client-side route gets the app, anything that
/// looks like a file (it has an extension) is really missing.
async fn client_route(req: Request, index: &Path) -> Response {
    let last_segment = req.uri().path().rsplit('/').next().unwrap_or_default();
    if last_segment.contains('.') {
        return (StatusCode::NOT_FOUND, "Not found").into_response();
    }
    let index_only = Request::builder()
        .uri("/index.html")
        .body(Body::empty())
        .map(|mut r| {
            *r.headers_mut() = req.headers().clone();
            r
        });
    match index_only {
        Ok(r) => match ServeFile::new(index)
            .precompressed_br()
            .precompressed_gzip()
            .oneshot(r)
            .await
        {
            Ok(resp) => resp.map(Body::new),
            Err(never) => match never {},
        },
        Err(_) => (StatusCode::BAD_REQUEST, "Bad request").into_response(),
    }
}

/// Hashed build outputs never change, so browsers may keep them for a year;
/// everything else (index.html, the service worker, the manifest) is revalidated
/// on every load so a new version is seen at once.
async fn cache_policy(req: Request, next: Next) -> Response {
    let immutable = is_hashed_asset(req.uri().path());
    let mut response = next.run(req).await;
    if response.status().is_success() {
        let value = if immutable {
            "public, max-age=31536000, immutable"
        } else {
            "no-cache"
        };
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    }
    response
}

/// The build (scripts/bundle.mjs) names what never changes by its content: the
/// stylesheet `main-<hash>.css`, and the WASM pieces by their folder
/// `pkg/<hash>/`, the hash 16 hex digits.
fn is_hashed_asset(path: &str) -> bool {
    let is_hash = |s: &str| s.len() == 16 && s.bytes().all(|b| b.is_ascii_hexdigit());
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    match segments.as_slice() {
        [.., "pkg", hash, _file] if is_hash(hash) => true,
        [.., file] => file
            .split('.')
            .next()
            .and_then(|stem| stem.rsplit_once('-'))
            .is_some_and(|(_, hash)| is_hash(hash)),
        [] => false,
    }
}

async fn app_not_built() -> impl IntoResponse {
    (
        StatusCode::SERVICE_UNAVAILABLE,
        "The app is not built: start the server with --static-dir pointing at the build's dist/ folder (scripts/build-app).",
    )
}

#[cfg(test)]
mod tests {
    use super::is_hashed_asset;

    #[test]
    fn recognises_the_builds_hashed_names() {
        assert!(is_hashed_asset("/pkg/9f86d081884c7d65/tsunagu-app_bg.wasm"));
        assert!(is_hashed_asset("/pkg/9f86d081884c7d65/__wasm_split.js"));
        assert!(is_hashed_asset(
            "/staff/pkg/9f86d081884c7d65/tsunagu-staff.js"
        ));
        assert!(is_hashed_asset("/main-0123456789abcdef.css"));
        assert!(is_hashed_asset("/staff/main-0123456789abcdef.css"));
        assert!(!is_hashed_asset("/index.html"));
        assert!(!is_hashed_asset("/sw.js"));
        assert!(!is_hashed_asset("/icons/icon-192.png"));
        assert!(!is_hashed_asset("/pkg/9f86d081884c7d6z/tsunagu-app.js"));
        assert!(!is_hashed_asset("/pkg/9f86d081884c7d65"));
        assert!(!is_hashed_asset("/pkg/9f86d081884c7d65/deeper/file.js"));
        assert!(!is_hashed_asset("/main-0123456789abcde.css"));
    }
}
