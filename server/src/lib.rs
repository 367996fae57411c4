//! Tsunagu's server as a library: `main` only parses the command line, so the
//! integration and end-to-end tests run exactly this code.

mod access;
pub mod admin;
mod audit;
pub mod auth;
pub mod cli;
mod clock;
mod consents;
pub mod db;
pub mod demo;
mod error;
mod families;
mod family_records;
mod hardening;
mod health;
mod language;
mod running;
pub mod sync;
mod web;

use std::{future::Future, net::SocketAddr, path::PathBuf, sync::Arc};

use axum::Router;
use sqlx::SqlitePool;
use tokio::net::TcpListener;

pub use error::{ApiError, Said};
pub use running::RunningServer;

#[derive(Clone)]
pub struct AppState {
    pub db: SqlitePool,
    limiter: Arc<auth::SignInLimiter>,
    passkeys: Arc<auth::passkeys::Passkeys>,
    /// The server's hybrid logical clock: refuses changes dated too far ahead.
    clock: Arc<tsunagu_model::sync::Clock>,
}

/// Where people open the app when nothing else is said: local development.
pub const DEFAULT_PUBLIC_URL: &str = "http://localhost:8080";

impl AppState {
    /// For local development and tests: passkeys for `http://localhost` on any port.
    pub fn new(db: SqlitePool) -> Self {
        match Self::for_public_url(db, DEFAULT_PUBLIC_URL) {
            Ok(state) => state,
            Err(error) => unreachable!("the default public URL is valid: {error}"),
        }
    }

    /// For the app as people reach it at `public_url` (the passkeys' relying party).
    pub fn for_public_url(db: SqlitePool, public_url: &str) -> Result<Self, String> {
        Ok(Self {
            db,
            limiter: Arc::default(),
            passkeys: Arc::new(auth::passkeys::Passkeys::for_public_url(public_url)?),
            clock: Arc::new(clock::server_clock().map_err(|e| e.to_string())?),
        })
    }
}

/// Request bodies are small JSON; anything larger is refused before it is read.
pub const BODY_LIMIT: usize = 64 * 1024;

/// Where the built app lives; `None` serves the API alone.
#[derive(Debug, Clone, Default)]
pub struct StaticFiles {
    pub dir: Option<PathBuf>,
}

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

pub fn app_exposed(state: AppState, static_files: StaticFiles, exposure: Exposure) -> Router {
    // Each app's page has its own inline start script; the policy names both.
    let pages: Vec<PathBuf> = static_files
        .dir
        .iter()
        .flat_map(|d| [d.join("index.html"), d.join("staff/index.html")])
        .collect();
    let headers = hardening::SecurityHeaders::new(&pages, exposure.over_tls);
    let api = Router::new()
        .merge(health::router())
        .merge(auth::router())
        .merge(families::router())
        .merge(family_records::router())
        .merge(consents::router())
        .merge(sync::router())
        .fallback(error::api_not_found)
        .layer(axum::middleware::from_fn(auth::csrf::same_origin_writes))
        .layer(axum::middleware::from_fn(
            language::answer_in_readers_language,
        ))
        .layer(axum::extract::DefaultBodyLimit::max(BODY_LIMIT))
        .layer(axum::middleware::map_response(error::no_store))
        .layer(tower_http::compression::CompressionLayer::new())
        .with_state(state);
    Router::new()
        .nest("/api", api)
        .merge(web::router(static_files))
        .layer(axum::middleware::from_fn(move |req, next| {
            headers.clone().apply(req, next)
        }))
        .layer(tower_http::trace::TraceLayer::new_for_http())
}

/// Serves until `shutdown` resolves, then finishes the requests in flight.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
}
