//! Setting up and signing in with a passkey (the ceremonies are `webauthn`'s).

use std::time::Instant;

use axum::{
    Json,
    extract::{Path, State},
    http::StatusCode,
    response::Response,
};
use chrono::Utc;
use tsunagu_model::PersonId;

pub use crate::webauthn::*;

use super::{
    ClientAddr,
    account::{create_account, new_member},
    invitations, limiter, signed_in,
};
use crate::{ApiError, AppState, error::ApiJson, secret, store::Tx};
use tsunagu_model::problem::Problem;

/// Step one of setting up with a passkey: the browser gets a challenge to sign.
pub(super) async fn start_passkey_set_up(
    State(state): State<AppState>,
    addr: ClientAddr,
    Path(code): Path<String>,
) -> Result<Json<RegistrationChallenge>, ApiError> {
    let now = Instant::now();
    let addr_key = addr.key();
    state.limiter.check(&addr_key, limiter::PER_ADDRESS, now)?;
    state.limiter.record(&addr_key, now);
    let invitation = invitations::usable(&mut state.store.read().await?, &code, Utc::now()).await?;
    let user = secret::new_uuid()?;
    let challenge = state.passkeys.start_registration(
        user,
        &invitation.display_name,
        Purpose::Invitation {
            code_hash: secret::token_hash(&code),
        },
        &addr_key,
        now,
    )?;
    Ok(Json(challenge))
}

/// Step two: the signed challenge checks out, and the account is created with its
/// passkey, the invitation used up and a session started, all or nothing.
pub(super) async fn finish_passkey_set_up(
    State(state): State<AppState>,
    Path(code): Path<String>,
    ApiJson(answer): ApiJson<RegistrationAnswer>,
) -> Result<Response, ApiError> {
    let for_this_invitation = Purpose::Invitation {
        code_hash: secret::token_hash(&code),
    };
    let registered =
        state
            .passkeys
            .finish_registration(&answer, &for_this_invitation, Instant::now())?;
    let now = Utc::now();
    let person = PersonId(registered.user);
    let mut tx = state.store.begin().await?;
    let invitation = invitations::usable(&mut tx, &code, now).await?;
    create_account(&mut tx, &invitation, person, now).await?;
    store_passkey(&mut tx, person, &registered.passkey, now).await?;
    tx.commit().await?;
    signed_in(&state, new_member(person, invitation), StatusCode::CREATED).await
}

async fn store_passkey(
    tx: &mut Tx<'_>,
    person: PersonId,
    passkey: &webauthn_rs::prelude::Passkey,
    now: chrono::DateTime<Utc>,
) -> Result<(), ApiError> {
    let credential = credential_id_text(passkey.cred_id());
    if !tx.add_passkey(&credential, person, passkey, now).await? {
        return Err(ApiError::Conflict(Problem::PasskeyInUse));
    }
    Ok(())
}

pub(super) async fn start_passkey_sign_in(
    State(state): State<AppState>,
    addr: ClientAddr,
) -> Result<Json<SignInChallenge>, ApiError> {
    let now = Instant::now();
    let addr_key = addr.key();
    // Every start counts against the address, like a password attempt.
    state.limiter.check(&addr_key, limiter::PER_ADDRESS, now)?;
    state.limiter.record(&addr_key, now);
    Ok(Json(state.passkeys.start_sign_in(&addr_key, now)?))
}

pub(super) async fn finish_passkey_sign_in(
    State(state): State<AppState>,
    addr: ClientAddr,
    ApiJson(answer): ApiJson<SignInAnswer>,
) -> Result<Response, ApiError> {
    let now = Instant::now();
    let addr_key = addr.key();
    state.limiter.check(&addr_key, limiter::PER_ADDRESS, now)?;
    state.limiter.record(&addr_key, now);
    let (credential_id, ceremony) = state.passkeys.identify_sign_in(&answer, now)?;
    let mut db = state.store.read().await?;
    let (person, mut passkey) = db
        .passkey(&credential_id)
        .await?
        .ok_or_else(unknown_passkey)?;
    state
        .passkeys
        .finish_sign_in(&answer, ceremony, &mut passkey)?;
    db.update_passkey(&credential_id, &passkey, Utc::now())
        .await?;
    let me = db.me(person).await?;
    drop(db);
    signed_in(&state, me, StatusCode::OK).await
}
