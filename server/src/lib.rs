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
mod joining;
mod language;
pub mod openapi;
pub mod routes;
mod running;
pub mod sync;
mod web;

use std::{future::Future, net::SocketAddr, path::PathBuf, sync::Arc, time::Duration};

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
    /// Each person's recent pushes, so one cannot crowd out everyone else.
    pushes: Arc<sync::PushLimiter>,
    /// Where this server's own pages come from (the CSRF check).
    origin: Arc<auth::csrf::OwnOrigin>,
}

impl AppState {
    /// Lifts the per-person push limit (`sync::PushLimiter::unlimited`).
    pub fn with_unlimited_pushes(mut self) -> Self {
        self.pushes = Arc::new(sync::PushLimiter::unlimited());
        self
    }
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
            pushes: Arc::default(),
            origin: Arc::new(auth::csrf::OwnOrigin::of(public_url)?),
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
        .merge(joining::router())
        .merge(sync::router())
        .fallback(error::api_not_found)
        .method_not_allowed_fallback(error::method_not_allowed)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            auth::csrf::same_origin_writes,
        ))
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

/// A client must send a request's headers within this long of connecting or of
/// its previous request, or the connection is closed (half-sent headers would
/// otherwise hold it open for ever).
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(15);
/// A request's body must arrive within this long (a full push from a slow phone
/// takes a few seconds).
pub const BODY_TIMEOUT: Duration = Duration::from_secs(30);
/// A whole request, body and answer, within this long; longer than the
/// database's busy timeout, so a wait for the lock ends in an answer.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(60);

/// Serves until `shutdown` resolves, then finishes the requests in flight.
///
/// Its own accept loop rather than `axum::serve`, for the header-read timeout.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    use hyper_util::{
        rt::{TokioIo, TokioTimer},
        server::graceful::GracefulShutdown,
        service::TowerToHyperService,
    };
    use tower::Service;

    let mut make_service = router.into_make_service_with_connect_info::<SocketAddr>();
    let graceful = GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let (stream, remote) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    // Out of file descriptors and the like: wait a moment rather than spin.
                    tracing::warn!(%error, "cannot accept a connection");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let Ok(service) = make_service.call(remote).await;
        let connection = hyper::server::conn::http1::Builder::new()
            .timer(TokioTimer::new())
            .header_read_timeout(HEADER_TIMEOUT)
            .serve_connection(TokioIo::new(stream), TowerToHyperService::new(service));
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            // A client that goes away mid-request is no error of ours.
            let _ = connection.await;
        });
    }
    drop(listener);
    graceful.shutdown().await;
    Ok(())
}
