//! Starting and ending sessions: the cookie that carries one (`identity` reads it).

use axum::http::HeaderValue;
use chrono::{DateTime, Utc};
use tsunagu_model::PersonId;

use crate::{
    ApiError,
    identity::{ABSOLUTE_TIMEOUT, COOKIE},
    secret::{new_token, token_hash},
    store::Store,
};

pub use crate::identity::Actor;

/// Starts a session for `person` and returns the cookie that carries it. Always a
/// new id: a session id known before sign-in is never promoted.
pub async fn start(
    store: &Store,
    person: PersonId,
    now: DateTime<Utc>,
) -> Result<HeaderValue, ApiError> {
    let token = new_token()?;
    store
        .read()
        .await?
        .add_session(&token_hash(&token), person, now)
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

pub async fn end(store: &Store, actor: &Actor) -> Result<(), ApiError> {
    store
        .read()
        .await?
        .delete_session(actor.session_hash())
        .await?;
    Ok(())
}

pub async fn end_all(store: &Store, person: PersonId) -> Result<(), ApiError> {
    store.read().await?.delete_sessions_of(person).await?;
    Ok(())
}
