//! Server-side sessions behind an opaque cookie.
//!
//! The cookie is `__Host-tsunagu_session`: `Secure`, `HttpOnly`, `SameSite=Lax`,
//! `Path=/`, no `Domain`. Browsers count `http://127.0.0.1` and `http://localhost` as
//! secure contexts and keep such cookies there, so local development over plain HTTP
//! works; on any other host the server must be behind TLS.

use axum::{
    extract::FromRequestParts,
    http::{HeaderMap, HeaderValue, header, request::Parts},
};
use chrono::{DateTime, Duration, Utc};
use sqlx::SqlitePool;
use tsunagu_model::{PersonId, Role};

use super::secret::{new_token, token_hash};
use crate::{ApiError, AppState, Said, clock};

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
        let token = token_from(&parts.headers).ok_or(ApiError::Unauthorized(Said::new(
            "ログインしてください。",
            "Please sign in.",
        )))?;
        let actor = resolve(&state.db, &token, Utc::now())
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

/// Starts a session for `person` and returns the cookie that carries it. Always a
/// new id: a session id known before sign-in is never promoted.
pub async fn start(
    db: &SqlitePool,
    person: PersonId,
    now: DateTime<Utc>,
) -> Result<HeaderValue, ApiError> {
    let token = new_token()?;
    sqlx::query(
        "INSERT INTO sessions (id_hash, person_id, created_at, last_seen_at) VALUES (?, ?, ?, ?)",
    )
    .bind(token_hash(&token))
    .bind(person.to_string())
    .bind(clock::to_text(now))
    .bind(clock::to_text(now))
    .execute(db)
    .await?;
    set_cookie(&token)
}

fn set_cookie(token: &str) -> Result<HeaderValue, ApiError> {
    HeaderValue::from_str(&format!(
        "{COOKIE}={token}; Path=/; Secure; HttpOnly; SameSite=Lax; Max-Age={}",
        ABSOLUTE_TIMEOUT.num_seconds()
    ))
    .map_err(|_| ApiError::Internal("session cookie is not a header value".to_owned()))
}

pub fn clear_cookie() -> HeaderValue {
    HeaderValue::from_static(
        "__Host-tsunagu_session=; Path=/; Secure; HttpOnly; SameSite=Lax; Max-Age=0",
    )
}

async fn resolve(
    db: &SqlitePool,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Option<Actor>, ApiError> {
    let hash = token_hash(token);
    let row: Option<(String, String, String, String, String)> = sqlx::query_as(
        "SELECT p.id, p.role, p.display_name, s.created_at, s.last_seen_at
         FROM sessions s JOIN people p ON p.id = s.person_id WHERE s.id_hash = ?",
    )
    .bind(&hash)
    .fetch_optional(db)
    .await?;
    let Some((person, role, display_name, created_at, last_seen_at)) = row else {
        return Ok(None);
    };
    let corrupt = |what: &str| ApiError::CorruptData(format!("session {what}"));
    let created_at = clock::from_text(&created_at).ok_or_else(|| corrupt("start"))?;
    let last_seen_at = clock::from_text(&last_seen_at).ok_or_else(|| corrupt("last use"))?;
    if now - last_seen_at > IDLE_TIMEOUT || now - created_at > ABSOLUTE_TIMEOUT {
        sqlx::query("DELETE FROM sessions WHERE id_hash = ?")
            .bind(&hash)
            .execute(db)
            .await?;
        return Ok(None);
    }
    if now - last_seen_at > TOUCH_EVERY {
        sqlx::query("UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?")
            .bind(clock::to_text(now))
            .bind(&hash)
            .execute(db)
            .await?;
    }
    Ok(Some(Actor {
        person: person.parse().map_err(|_| corrupt("person"))?,
        role: role.parse().map_err(|_| corrupt("role"))?,
        display_name,
        session_hash: hash,
    }))
}

pub async fn end(db: &SqlitePool, actor: &Actor) -> Result<(), ApiError> {
    sqlx::query("DELETE FROM sessions WHERE id_hash = ?")
        .bind(actor.session_hash())
        .execute(db)
        .await?;
    Ok(())
}

pub async fn end_all(db: &SqlitePool, person: PersonId) -> Result<(), ApiError> {
    sqlx::query("DELETE FROM sessions WHERE person_id = ?")
        .bind(person.to_string())
        .execute(db)
        .await?;
    Ok(())
}
