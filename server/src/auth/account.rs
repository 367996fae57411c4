//! An account made from an invitation: the person it names, their way to
//! sign in, and their place in the family, all or nothing.

use std::time::Instant;

use axum::{
    Json,
    extract::{Path, State},
    http::StatusCode,
    response::Response,
};
use chrono::Utc;
use tsunagu_model::{LoginName, NewPassword, PersonId, Role, api, audit::AuditAction as Action};

use super::{ClientAddr, invitations, limiter, password, signed_in};
use crate::{ApiError, AppState, error::ApiJson, secret, store::Tx, sync};
use tsunagu_model::problem::Problem;

pub(super) async fn show_invitation(
    State(state): State<AppState>,
    Path(code): Path<String>,
) -> Result<Json<api::InvitationView>, ApiError> {
    let mut db = state.store.read().await?;
    let invitation = invitations::usable(&mut db, &code, Utc::now()).await?;
    Ok(Json(invitation.view()))
}

/// Sets up sign-in with a password from an invitation: the account is created,
/// the invitation used up and a session started, all or nothing.
///
/// A login name already in use must be told (the person picks another), which
/// says that someone has it: so each attempt counts against the address, and an
/// invitation gets `PER_ACCOUNT` names refused before it must wait, which keeps
/// anyone from trying lists of names through it.
pub(super) async fn accept_with_password(
    State(state): State<AppState>,
    addr: ClientAddr,
    Path(code): Path<String>,
    ApiJson(body): ApiJson<api::PasswordSignIn>,
) -> Result<Response, ApiError> {
    let started = Instant::now();
    let addr_key = addr.key();
    state
        .limiter
        .check(&addr_key, limiter::PER_ADDRESS, started)?;
    state.limiter.record(&addr_key, started);
    let invitation_key = format!("invitation:{}", secret::token_hash(&code));
    state
        .limiter
        .check(&invitation_key, limiter::PER_ACCOUNT, started)?;
    let login = LoginName::parse(&body.login)
        .map_err(|problem| ApiError::BadRequest(Problem::LoginName { problem }))?;
    let password = NewPassword::parse(&body.password)
        .map_err(|problem| ApiError::BadRequest(Problem::Password { problem }))?;
    let now = Utc::now();
    // Checked before the slow hash so a dead link answers at once.
    invitations::usable(&mut state.store.read().await?, &code, now).await?;
    let hash = password::hash(password.expose().to_owned()).await?;

    let mut tx = state.store.begin().await?;
    let invitation = invitations::usable(&mut tx, &code, now).await?;
    if tx.login_taken(login.as_str()).await? {
        state.limiter.record(&invitation_key, started);
        return Err(ApiError::Conflict(Problem::LoginNameTaken));
    }
    let person = PersonId(secret::new_uuid()?);
    create_account(&mut tx, &invitation, person, now).await?;
    tx.add_password_login(person, login.as_str(), &hash, now)
        .await?;
    tx.commit().await?;
    state.limiter.clear(&invitation_key);
    signed_in(&state, new_member(person, invitation), StatusCode::CREATED).await
}

pub(super) fn new_member(person: PersonId, invitation: invitations::Invitation) -> api::Me {
    api::Me {
        id: person,
        role: invitation.role,
        display_name: invitation.display_name,
    }
}

/// The person an invitation names becomes an account (a parent joins the family),
/// and the invitation is used up. Inside the caller's transaction.
pub(super) async fn create_account(
    tx: &mut Tx<'_>,
    invitation: &invitations::Invitation,
    person: PersonId,
    now: chrono::DateTime<Utc>,
) -> Result<(), ApiError> {
    tx.add_person(person, invitation.role, &invitation.display_name, now)
        .await?;
    if let (Role::Parent, Some(family)) = (invitation.role, invitation.family) {
        // A family's first parent is its parent at once; a newcomer to a family
        // with parents waits for one of them (`families::joining`), whoever invited.
        let confirmed = tx.confirmed_parent_count(family).await? == 0;
        tx.add_parent(family, person, confirmed, invitation.created_by, now)
            .await?;
        if !confirmed {
            tx.audit_about(
                invitation.created_by,
                Action::ParentJoining,
                Some(family),
                Some(person),
            )
            .await?;
        }
    }
    // The directory, and what the family's parents already receive reaches the
    // new one too (a newcomer waiting: the family's meetings and plans, none of
    // the entries its parents share with each other).
    sync::enroll(tx, person).await?;
    tx.use_invitation(invitation.id, person, now).await?;
    tx.audit(Some(person), Action::AccountCreated, invitation.family)
        .await?;
    Ok(())
}
