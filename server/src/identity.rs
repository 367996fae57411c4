//! Who makes a request: the signed-in person behind the session cookie.
//!
//! The cookie is `__Host-tsunagu_session`: `Secure`, `HttpOnly`, `SameSite=Lax`,
//! `Path=/`, no `Domain`. Browsers count `http://127.0.0.1` and `http://localhost` as
//! secure contexts and keep such cookies there, so local development over plain HTTP
//! works; on any other host the server must be behind TLS.

use axum::{
    extract::FromRequestParts,
    http::{HeaderMap, header, request::Parts},
};
use chrono::{DateTime, Duration, Utc};
use tsunagu_model::{PersonId, Role};

use crate::{ApiError, AppState, secret::token_hash, store::Store};
use tsunagu_model::problem::Problem;

pub const COOKIE: &str = "__Host-tsunagu_session";
/// Signed out after this long unused… (the data is about children: short, and a
/// passkey makes signing in again one tap; changes made offline meanwhile stay
/// queued on the device and go once the person is back)
pub const IDLE_TIMEOUT: Duration = Duration::days(14);
/// …and after this long in any case.
pub const ABSOLUTE_TIMEOUT: Duration = Duration::days(30);
/// `last_seen_at` is written at most this often, not on every request.
const TOUCH_EVERY: Duration = Duration::minutes(5);

/// The signed-in person making a request. Extracting it answers 401 when there is
/// no valid session, so a handler that takes an `Actor` cannot run anonymously.
#[derive(Debug, Clone)]
pub struct Actor {
    pub person: PersonId,
    pub role: Role,
    pub display_name: String,
    session_hash: String,
}

impl Actor {
    pub fn session_hash(&self) -> &str {
        &self.session_hash
    }
}

impl FromRequestParts<AppState> for Actor {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        if let Some(actor) = parts.extensions.get::<Actor>() {
            return Ok(actor.clone());
        }
        let token =
            token_from(&parts.headers).ok_or(ApiError::Unauthorized(Problem::SignInNeeded))?;
        let actor = resolve(&state.store, &token, Utc::now())
            .await?
            .ok_or(ApiError::SessionEnded)?;
        parts.extensions.insert(actor.clone());
        Ok(actor)
    }
}

pub fn token_from(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE)
        .map(|(_, value)| value.to_owned())
        .filter(|v| !v.is_empty())
}

async fn resolve(
    store: &Store,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Option<Actor>, ApiError> {
    let hash = token_hash(token);
    let mut db = store.read().await?;
    let Some(session) = db.session(&hash).await? else {
        return Ok(None);
    };
    if now - session.last_seen_at > IDLE_TIMEOUT || now - session.created_at > ABSOLUTE_TIMEOUT {
        db.delete_session(&hash).await?;
        return Ok(None);
    }
    if now - session.last_seen_at > TOUCH_EVERY {
        db.touch_session(&hash, now).await?;
    }
    Ok(Some(Actor {
        person: session.person,
        role: session.role,
        display_name: session.display_name,
        session_hash: hash,
    }))
}
