//! What every request may use: the store, the in-memory limits and passkey
//! ceremonies, the server's clock and its own origin.

use std::sync::Arc;

use sqlx::SqlitePool;

use crate::{
    clock, csrf::OwnOrigin, limits::PushLimiter, limits::SignInLimiter, push::AllowedOrigin,
    store::Store, webauthn::Passkeys,
};

/// Where people open the app when nothing else is said: local development.
pub const DEFAULT_PUBLIC_URL: &str = "http://localhost:8080";

#[derive(Clone)]
pub struct AppState {
    pub(crate) store: Store,
    pub(crate) limiter: Arc<SignInLimiter>,
    pub(crate) passkeys: Arc<Passkeys>,
    /// The server's hybrid logical clock: refuses changes dated too far ahead.
    pub(crate) clock: Arc<tsunagu_model::sync::Clock>,
    /// Each person's recent pushes, so one cannot crowd out everyone else.
    pub(crate) pushes: Arc<PushLimiter>,
    /// Where this server's own pages come from (the CSRF check).
    pub(crate) origin: Arc<OwnOrigin>,
    /// The one origin a push subscription may name outside the public
    /// internet: for tests only (`TSUNAGU_PUSH_ALLOW_ORIGIN`).
    pub(crate) push_allow_origin: Option<AllowedOrigin>,
}

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
            store: Store::new(db),
            limiter: Arc::default(),
            passkeys: Arc::new(Passkeys::for_public_url(public_url)?),
            clock: Arc::new(clock::server_clock().map_err(|e| e.to_string())?),
            pushes: Arc::default(),
            origin: Arc::new(OwnOrigin::of(public_url)?),
            push_allow_origin: None,
        })
    }

    /// Lets push subscriptions name `origin` (a test's push receiver).
    pub fn with_push_allow_origin(mut self, origin: AllowedOrigin) -> Self {
        self.push_allow_origin = Some(origin);
        self
    }

    /// Lifts the per-person push limit (`PushLimiter::unlimited`).
    pub fn with_unlimited_pushes(mut self) -> Self {
        self.pushes = Arc::new(PushLimiter::unlimited());
        self
    }
}
