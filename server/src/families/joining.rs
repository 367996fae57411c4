//! A parent joining a family that already has parents (issue 12): whoever made
//! the invitation, a coordinator included, the newcomer receives none of the
//! entries the family's parents share with each other until one of those
//! parents confirms them in the app. The parents see who is waiting and who
//! invited them; the access log records who invited, confirmed or turned down
//! whom.

use tsunagu_model::endpoints as e;

use crate::routes::Api;
use axum::{
    Json,
    extract::{Path, State},
    http::StatusCode,
};
use tsunagu_model::problem::{IdOf, Problem, Thing};
use tsunagu_model::{
    PersonId,
    api::{JoiningParent, PendingJoin},
    audit::AuditAction as Action,
};

use crate::{ApiError, AppState, identity::Actor, policy::OwnFamily, sync};

pub fn routes(api: Api) -> Api {
    api.at::<e::ListMyJoins, _, _>(my_pending_joins)
        .at::<e::ListJoining, _, _>(joining_parents)
        .at::<e::ConfirmJoining, _, _>(confirm)
        .at::<e::TurnDownJoining, _, _>(turn_down)
}

/// For the family's confirmed parents: who joined and waits for them.
async fn joining_parents(
    State(state): State<AppState>,
    own: OwnFamily,
) -> Result<Json<Vec<JoiningParent>>, ApiError> {
    Ok(Json(
        state
            .store
            .read()
            .await?
            .joining_parents(own.family)
            .await?,
    ))
}

/// For a newcomer: the families they wait to be confirmed in.
async fn my_pending_joins(
    State(state): State<AppState>,
    actor: Actor,
) -> Result<Json<Vec<PendingJoin>>, ApiError> {
    Ok(Json(
        state
            .store
            .read()
            .await?
            .pending_joins(actor.person)
            .await?,
    ))
}

fn newcomer_in(path: &std::collections::HashMap<String, String>) -> Result<PersonId, ApiError> {
    path.get("person_id")
        .and_then(|id| id.parse().ok())
        .ok_or_else(|| ApiError::BadRequest(Problem::InvalidId { what: IdOf::Person }))
}

const NOBODY_WAITING: ApiError = ApiError::NotFound(Problem::NotFound {
    what: Thing::JoiningParent,
});

/// A parent of the family confirms the newcomer, who then receives what the
/// family's parents share with each other.
async fn confirm(
    State(state): State<AppState>,
    own: OwnFamily,
    Path(path): Path<std::collections::HashMap<String, String>>,
) -> Result<StatusCode, ApiError> {
    let newcomer = newcomer_in(&path)?;
    let mut tx = state.store.begin_write().await?;
    if !tx.confirm_parent(own.family, newcomer).await? {
        return Err(NOBODY_WAITING);
    }
    sync::enroll(&mut tx, newcomer).await?;
    tx.audit_about(
        Some(own.actor.person),
        Action::ParentConfirmed,
        Some(own.family),
        Some(newcomer),
    )
    .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A parent of the family turns the newcomer down: they leave the family and
/// their devices forget what they had received of it. Their account stays, in
/// no family.
async fn turn_down(
    State(state): State<AppState>,
    own: OwnFamily,
    Path(path): Path<std::collections::HashMap<String, String>>,
) -> Result<StatusCode, ApiError> {
    let newcomer = newcomer_in(&path)?;
    let mut tx = state.store.begin_write().await?;
    if !tx.remove_waiting_parent(own.family, newcomer).await? {
        return Err(NOBODY_WAITING);
    }
    sync::forget_family(&mut tx, newcomer, own.family).await?;
    tx.audit_about(
        Some(own.actor.person),
        Action::ParentRefused,
        Some(own.family),
        Some(newcomer),
    )
    .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
