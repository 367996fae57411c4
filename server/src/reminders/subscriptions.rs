//! A device's push subscription: the server's public key for the browser, and
//! subscribing or unsubscribing this device.

use axum::{
    Json,
    extract::State,
    http::{HeaderMap, StatusCode},
};
use chrono::Utc;
use tsunagu_model::{
    endpoints as e,
    problem::Problem,
    reminders::{NewPushSubscription, PushEndpoint, PushKey, PushSubscriptionProblem},
};

use crate::push::{PushDestination, SubscriptionKeys, VapidKeys};
use crate::{
    ApiError, AppState, error::ApiJson, identity::Actor, language, policy, routes::Api,
    store::Store,
};

pub fn routes(api: Api) -> Api {
    api.at::<e::GetPushKey, _, _>(push_key)
        .at::<e::SubscribePush, _, _>(subscribe)
        .at::<e::UnsubscribePush, _, _>(unsubscribe)
}

/// The server's VAPID keys, made on first need and kept in the database, so
/// every process and every restart signs with the same key the browsers know.
pub async fn vapid_keys(store: &Store) -> Result<VapidKeys, ApiError> {
    let mut db = store.read().await?;
    if db.push_key().await?.is_none() {
        let made =
            VapidKeys::generate().map_err(|e| ApiError::Internal(format!("VAPID key: {e}")))?;
        db.keep_push_key_if_absent(&made.to_stored(), Utc::now())
            .await?;
    }
    // Read back: if two starts raced, both use the key that was kept.
    let stored = db
        .push_key()
        .await?
        .ok_or_else(|| ApiError::Internal("VAPID key missing".to_owned()))?;
    VapidKeys::from_stored(&stored).map_err(|e| ApiError::CorruptData(format!("VAPID key: {e}")))
}

async fn push_key(State(state): State<AppState>, actor: Actor) -> Result<Json<PushKey>, ApiError> {
    policy::may_be_reminded(&actor)?;
    Ok(Json(PushKey {
        key: vapid_keys(&state.store).await?.public_key(),
    }))
}

fn refused(problem: PushSubscriptionProblem) -> ApiError {
    ApiError::BadRequest(Problem::PushSubscription { problem })
}

async fn subscribe(
    State(state): State<AppState>,
    actor: Actor,
    headers: HeaderMap,
    ApiJson(subscription): ApiJson<NewPushSubscription>,
) -> Result<StatusCode, ApiError> {
    policy::may_be_reminded(&actor)?;
    // Checked again before every send, with the addresses the name resolves to.
    PushDestination::check(&subscription.endpoint, state.push_allow_origin.as_ref())
        .map_err(|_| refused(PushSubscriptionProblem::EndpointNotAllowed))?;
    SubscriptionKeys::parse(&subscription.keys.p256dh, &subscription.keys.auth)
        .map_err(|_| refused(PushSubscriptionProblem::InvalidKeys))?;
    state
        .store
        .read()
        .await?
        .keep_push_subscription(
            actor.person,
            &subscription.endpoint,
            &subscription.keys.p256dh,
            &subscription.keys.auth,
            language::of(&headers),
            Utc::now(),
        )
        .await?;
    Ok(StatusCode::CREATED)
}

async fn unsubscribe(
    State(state): State<AppState>,
    actor: Actor,
    ApiJson(endpoint): ApiJson<PushEndpoint>,
) -> Result<StatusCode, ApiError> {
    policy::may_be_reminded(&actor)?;
    // Unsubscribing what is not there is done already: a retry is harmless.
    state
        .store
        .read()
        .await?
        .remove_push_subscription(actor.person, &endpoint.endpoint)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
