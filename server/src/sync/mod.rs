//! Sync: devices push numbered mutations and pull what changed since their cursor.
//!
//! A push (`push`) is applied in one write transaction: each mutation exactly
//! once (a number already seen answers as before; a number past the next
//! expected one is a gap and waits), checked against the record type's rules,
//! the drift bound and the access policy, merged field by field, every
//! overwritten version kept in history, and one row per receiving person written
//! to the change log (`fanout`). A pull (`pull`) reads that person's log from
//! the cursor on, a page at a time.

mod fanout;
mod history;
mod pull;
mod push;
mod trash;

use tsunagu_model::endpoints as e;

use crate::routes::Api;
use std::time::Instant;
use tsunagu_model::problem::Problem;

use axum::{
    Json,
    extract::{Query, State},
};
use serde::Deserialize;
use tsunagu_model::sync::{self, PULL_PAGE, PUSH_BATCH, PullPage, PushRequest, PushResponse};

use crate::{ApiError, AppState, identity::Actor};

pub use crate::limits::PushLimiter;
pub use fanout::{enroll, forget_family, recheck_mentor, write_family_record, write_staff_record};
pub use pull::pull;
pub use push::push;
pub use trash::erase_expired_trash;

/// A push's body: devices split longer queues (`Replica::push_request`).
pub const PUSH_BODY_LIMIT: usize = sync::PUSH_BYTES;

pub fn routes(api: Api) -> Api {
    api.at_limited::<e::Push, _, _>(push_handler, PUSH_BODY_LIMIT)
        .at::<e::Pull, _, _>(pull_handler)
        .at::<e::GetHistory, _, _>(history::history_handler)
}

async fn push_handler(
    State(state): State<AppState>,
    actor: Actor,
    body: Result<axum::body::Bytes, axum::extract::rejection::BytesRejection>,
) -> Result<Json<PushResponse>, ApiError> {
    // A body refused as too large still counts, at the most it could have been.
    let bytes = body.as_ref().map_or(PUSH_BODY_LIMIT, |b| b.len());
    state.pushes.admit(actor.person, bytes, Instant::now())?;
    let body = body.map_err(|_| ApiError::PayloadTooLarge(Problem::PushTooLarge))?;
    let Json(request) = Json::<PushRequest>::from_bytes(&body).map_err(ApiError::from)?;
    if request.mutations.len() > PUSH_BATCH {
        return Err(ApiError::BadRequest(Problem::TooManyChanges {
            max: PUSH_BATCH,
        }));
    }
    Ok(Json(
        push::push_to(
            &state.store,
            &state.clock,
            actor.person,
            actor.role,
            &request,
        )
        .await?,
    ))
}

#[derive(Debug, Deserialize)]
struct PullQuery {
    #[serde(default)]
    cursor: u64,
}

async fn pull_handler(
    State(state): State<AppState>,
    actor: Actor,
    query: Result<Query<PullQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<PullPage>, ApiError> {
    let Query(query) = query.map_err(|_| ApiError::BadRequest(Problem::BadCursor))?;
    Ok(Json(
        pull::pull_from(&state.store, actor.person, query.cursor, PULL_PAGE).await?,
    ))
}
