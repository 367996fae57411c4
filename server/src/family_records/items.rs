//! What parents brought to a meeting, as the team sees it (the wording they
//! chose, never the entry's words), and what became of each item.

use axum::{
    Json,
    extract::{Path, State},
};
use tsunagu_model::{
    FamilyId, Meeting, MeetingId,
    api::AgendaItem,
    brought::{BroughtItem, ItemOutcome},
    plan::PlanSummary,
    sync::{RecordKey, RecordType, document},
};

use super::bad;
use crate::{
    ApiError, AppState,
    error::ApiJson,
    policy::{ManagedFamily, ReadableFamily},
    store::{Connection, Handle},
    sync,
};
use tsunagu_model::problem::{IdOf, Problem, Thing};

/// What the family's parents brought to a meeting, in their order (withdrawn
/// items left out). Only the wording they chose; the entries stay theirs.
pub(super) async fn meeting_items(
    State(state): State<AppState>,
    readable: ReadableFamily,
    Path((_, meeting)): Path<(String, String)>,
) -> Result<Json<Vec<AgendaItem>>, ApiError> {
    let meeting: MeetingId = meeting.parse().map_err(|_| {
        bad(Problem::InvalidId {
            what: IdOf::Meeting,
        })
    })?;
    let mut db = state.store.read().await?;
    let (items, views): (Vec<BroughtItem>, Vec<AgendaItem>) = agenda_of(&mut db, readable.family)
        .await?
        .into_iter()
        .unzip();
    let shown = tsunagu_model::brought::agenda(&items, meeting)
        .into_iter()
        .filter_map(|item| views.iter().find(|v| v.id == item.id).cloned())
        .collect();
    Ok(Json(shown))
}

/// Every brought item of the family with the team's view of it.
async fn agenda_of<C: Connection>(
    db: &mut Handle<C>,
    family: FamilyId,
) -> Result<Vec<(BroughtItem, AgendaItem)>, ApiError> {
    db.brought_items(family)
        .await?
        .into_iter()
        .map(|row| {
            let item = BroughtItem::from_fields(row.id, row.owner, &row.fields)
                .ok_or_else(|| ApiError::CorruptData("brought item meeting".to_owned()))?;
            let view = AgendaItem {
                id: row.id,
                wording: item.wording.clone(),
                position: item.position,
                brought_by: row.owner_name,
                outcome: item.outcome.clone(),
                revision: document::revision(&row.fields)
                    .map(|r| r.to_string())
                    .unwrap_or_default(),
            };
            Ok((item, view))
        })
        .collect()
}

/// The coordinator records what became of a brought item, once its meeting has
/// started; the parent sees it on the entry after their next sync.
pub(super) async fn record_item_outcome(
    State(state): State<AppState>,
    managed: ManagedFamily,
    Path((_, record_id)): Path<(String, String)>,
    ApiJson(outcome): ApiJson<ItemOutcome>,
) -> Result<Json<AgendaItem>, ApiError> {
    let id: uuid::Uuid = record_id
        .parse()
        .map_err(|_| bad(Problem::InvalidId { what: IdOf::Item }))?;
    outcome
        .check()
        .map_err(|problem| bad(Problem::Outcome { problem }))?;
    let family = managed.family;
    let key = RecordKey {
        record_type: RecordType::BroughtItem,
        id,
    };
    let mut tx = state.store.begin_write().await?;
    let missing = ApiError::NotFound(Problem::NotFound { what: Thing::Item });
    let Some(stored) = tx.record(key).await? else {
        return Err(missing);
    };
    if stored.family != Some(family) {
        return Err(missing);
    }
    let item = BroughtItem::from_fields(id, stored.owner, &stored.fields)
        .ok_or_else(|| ApiError::CorruptData("brought item".to_owned()))?;
    if item.withdrawn {
        return Err(ApiError::Conflict(Problem::ItemWithdrawn));
    }
    let meeting = tx
        .record(RecordKey {
            record_type: RecordType::Meeting,
            id: item.meeting.0,
        })
        .await?
        .and_then(|m| document::from_fields::<Meeting>(item.meeting.0, &m.fields))
        .ok_or_else(|| ApiError::CorruptData("brought item's meeting".to_owned()))?;
    if !meeting.outcomes_recordable(crate::clock::town_local(chrono::Utc::now())) {
        return Err(bad(Problem::MeetingNotStarted));
    }
    if let ItemOutcome::BecameGoal { goal, plan } = &outcome {
        let plans: Vec<PlanSummary> = tx
            .family_documents(family, RecordType::PlanSummary)
            .await?
            .iter()
            .filter_map(|p| document::from_fields::<PlanSummary>(p.id, &p.fields))
            .collect();
        let linked = tsunagu_model::brought::linked_goal(&plans, *goal, *plan);
        if linked.is_none() || plan.is_none() {
            return Err(bad(Problem::GoalNotInPlans));
        }
    }
    let changes = document::changed(&stored.fields, outcome.fields());
    sync::write_family_record(
        &mut tx,
        &state.clock,
        managed.actor.person,
        family,
        key,
        changes,
    )
    .await?;
    let items = agenda_of(&mut tx, family).await?;
    tx.commit().await?;
    items
        .into_iter()
        .find(|(i, _)| i.id == id)
        .map(|(_, view)| Json(view))
        .ok_or_else(|| ApiError::Internal("saved item missing".to_owned()))
}
