//! Tsunagu's server as a library: `main` only parses the command line, so the
//! integration and end-to-end tests run exactly this code.

pub mod admin;
pub mod auth;
pub mod cli;
mod clock;
mod consents;
mod csrf;
pub mod demo;
mod directory;
mod error;
mod families;
mod family_records;
mod hardening;
mod health;
mod identity;
mod language;
#[cfg(test)]
mod layers;
mod limits;
pub mod openapi;
mod pairing;
mod policy;
pub mod push;
pub mod reminders;
pub mod routes;
mod running;
mod secret;
mod state;
mod store;
pub mod sync;
mod web;
mod webauthn;

use std::{path::PathBuf, time::Duration};

use axum::Router;

pub use error::ApiError;
pub use running::{HEADER_TIMEOUT, RunningServer, serve};
pub use state::{AppState, DEFAULT_PUBLIC_URL};
pub use store::db;
pub use web::StaticFiles;

/// Request bodies are small JSON; anything larger is refused before it is read.
pub const BODY_LIMIT: usize = 64 * 1024;

/// How people reach the server.
#[derive(Debug, Clone, Copy, Default)]
pub struct Exposure {
    /// People use https (directly or through a TLS proxy): browsers are told to
    /// never fall back to plain http (HSTS).
    pub over_tls: bool,
}

/// The whole HTTP surface: the API under `/api`, the app everywhere else.
pub fn app(state: AppState, static_files: StaticFiles) -> Router {
    app_exposed(state, static_files, Exposure::default())
}

/// Every endpoint the API routes, each from its declaration in
/// `tsunagu_model::endpoints` (without the layers `app_exposed` puts around them).
pub fn api_routes() -> routes::Api {
    routes::Api::new()
        .with(health::routes)
        .with(auth::routes)
        .with(families::routes)
        .with(family_records::routes)
        .with(consents::routes)
        .with(pairing::routes)
        .with(directory::routes)
        .with(sync::routes)
        .with(reminders::routes)
        .at::<tsunagu_model::endpoints::GetOpenApi, _, _>(openapi::serve)
}

pub fn app_exposed(state: AppState, static_files: StaticFiles, exposure: Exposure) -> Router {
    // Each app's page has its own inline start script; the policy names both.
    let pages: Vec<PathBuf> = static_files
        .dir
        .iter()
        .flat_map(|d| [d.join("index.html"), d.join("staff/index.html")])
        .collect();
    let headers = hardening::SecurityHeaders::new(&pages, exposure.over_tls);
    let api = api_routes()
        .router
        .fallback(error::api_not_found)
        .method_not_allowed_fallback(error::method_not_allowed)
        .layer(axum::middleware::from_fn_with_state(
            state.origin.clone(),
            csrf::same_origin_writes,
        ))
        .layer(axum::middleware::from_fn(
            language::answer_in_readers_language,
        ))
        .layer(axum::extract::DefaultBodyLimit::max(BODY_LIMIT))
        .layer(axum::middleware::map_response(error::no_store))
        .layer(tower_http::compression::CompressionLayer::new())
        .with_state(state.clone());
    // Calendar apps fetch the feed with no cookie: the secret address is its key.
    let feeds = Router::new()
        .route(
            reminders::calendar::FEED_ROUTE,
            axum::routing::get(reminders::calendar::serve_feed),
        )
        .with_state(state);
    Router::new()
        .nest("/api", api)
        .merge(feeds)
        .merge(web::router(static_files))
        .layer(tower_http::timeout::RequestBodyTimeoutLayer::new(
            BODY_TIMEOUT,
        ))
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            axum::http::StatusCode::REQUEST_TIMEOUT,
            REQUEST_TIMEOUT,
        ))
        .layer(axum::middleware::from_fn(error::api_errors_as_json))
        .layer(axum::middleware::from_fn(move |req, next| {
            headers.clone().apply(req, next)
        }))
        .layer(tower_http::trace::TraceLayer::new_for_http())
}

/// A request's body must arrive within this long (a full push from a slow phone
/// takes a few seconds).
pub const BODY_TIMEOUT: Duration = Duration::from_secs(30);
/// A whole request, body and answer, within this long; longer than the
/// database's busy timeout, so a wait for the lock ends in an answer.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(60);

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use tsunagu_model::endpoints;

    #[test]
    fn the_router_routes_exactly_the_declared_endpoints_once_each() {
        let routed = super::api_routes().routed;
        let unique: BTreeSet<_> = routed.iter().copied().collect();
        assert_eq!(unique.len(), routed.len(), "an endpoint routed twice");
        let declared: BTreeSet<_> = endpoints::ALL.iter().map(|e| (e.method, e.route)).collect();
        assert_eq!(unique, declared);
    }
}
