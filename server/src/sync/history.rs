//! A record's history: every value its fields once had.

use axum::{
    Json,
    extract::{Path, State},
};
use tsunagu_model::sync::{HISTORY_LIMIT, HistoryEntry, RecordKey, RecordType};

use crate::{ApiError, AppState, identity::Actor, policy};
use tsunagu_model::problem::{IdOf, Problem, Thing};

/// Every value a record's fields once had, newest first, for whoever may change
/// the record (a notebook entry: its author). Anyone else gets the same 404 as
/// for a record that does not exist.
pub(super) async fn history_handler(
    State(state): State<AppState>,
    actor: Actor,
    Path((record_type, record_id)): Path<(String, String)>,
) -> Result<Json<Vec<HistoryEntry>>, ApiError> {
    const MISSING: ApiError = ApiError::NotFound(Problem::NotFound {
        what: Thing::Record,
    });
    let Ok(record_type) = record_type.parse::<RecordType>() else {
        return Err(MISSING);
    };
    let id: uuid::Uuid = record_id
        .parse()
        .map_err(|_| ApiError::BadRequest(Problem::InvalidId { what: IdOf::Record }))?;
    let key = RecordKey { record_type, id };
    let mut db = state.store.read().await?;
    let owner = db.record_owner(key).await?.ok_or(MISSING)?;
    if !policy::may_change_record(actor.person, record_type, owner) {
        return Err(MISSING);
    }
    Ok(Json(db.history(key, HISTORY_LIMIT).await?))
}
