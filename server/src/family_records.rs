//! Meetings and plan summaries: what coordinators write about a family and its
//! parents' devices receive through sync. Coordinators read them here and save
//! each one whole; the server checks the whole document with the model's rules,
//! then writes only the fields that changed as synced changes, so parents' devices
//! get them on their next pull and every earlier value stays in history.
//!
//! Who may do what is decided in `policy` (the `ReadableFamily`/`ManagedFamily`
//! extractors and the record audiences), never here.

use axum::{
    Json, Router,
    extract::{Path, State},
    routing::get,
};
use serde::{Serialize, de::DeserializeOwned};
use tsunagu_model::{
    ChildId, FamilyId, Meeting, MeetingId, PersonId,
    api::{AgendaItem, Revisioned, SaveDocument},
    brought::{BroughtItem, ItemOutcome},
    plan::{PlanProblem, PlanSummary},
    sync::{RecordKey, RecordType, document},
};

use crate::{
    ApiError, AppState, Said,
    error::ApiJson,
    policy::{self, ManagedFamily, ReadableFamily},
    store::{Connection, Handle},
    sync,
};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/families/{family_id}/meetings", get(list_meetings))
        .route(
            "/families/{family_id}/meetings/{record_id}",
            axum::routing::put(save_meeting),
        )
        .route(
            "/families/{family_id}/meetings/{record_id}/items",
            get(meeting_items),
        )
        .route(
            "/families/{family_id}/items/{record_id}/outcome",
            axum::routing::put(record_item_outcome),
        )
        .route("/families/{family_id}/plans", get(list_plans))
        .route(
            "/families/{family_id}/plans/{record_id}",
            axum::routing::put(save_plan),
        )
}

async fn list_meetings(
    State(state): State<AppState>,
    readable: ReadableFamily,
) -> Result<Json<Vec<Revisioned<Meeting>>>, ApiError> {
    let mut meetings: Vec<Revisioned<Meeting>> =
        list(&state, readable.family, RecordType::Meeting).await?;
    meetings.sort_by_key(|m| (m.doc.starts_at, m.doc.id));
    Ok(Json(meetings))
}

async fn list_plans(
    State(state): State<AppState>,
    readable: ReadableFamily,
) -> Result<Json<Vec<Revisioned<PlanSummary>>>, ApiError> {
    let mut plans: Vec<Revisioned<PlanSummary>> =
        list(&state, readable.family, RecordType::PlanSummary).await?;
    let docs: Vec<PlanSummary> = plans.iter().map(|p| p.doc.clone()).collect();
    let seen: std::collections::BTreeSet<_> = policy::plans_seen_by(&readable.actor, &docs)
        .into_iter()
        .map(|p| p.id)
        .collect();
    plans.retain(|p| seen.contains(&p.doc.id));
    plans.sort_by_key(|p| (p.doc.child, p.doc.period, p.doc.kind));
    Ok(Json(plans))
}

async fn save_meeting(
    State(state): State<AppState>,
    managed: ManagedFamily,
    Path((_, record_id)): Path<(String, String)>,
    ApiJson(save): ApiJson<SaveDocument<Meeting>>,
) -> Result<Json<Revisioned<Meeting>>, ApiError> {
    let family = managed.family;
    let saved = store(
        &state,
        managed.actor.person,
        family,
        RecordType::Meeting,
        &record_id,
        save,
        |meeting, _, children| {
            if meeting.family_id != family {
                return Err(bad(Said::new(
                    "会議の家族がアドレスの家族と一致しません。",
                    "The meeting's family does not match its address.",
                )));
            }
            if !children.contains(&meeting.child_id) {
                return Err(bad(Said::explained(|lang| {
                    tsunagu_model::meeting_record::MeetingProblem::UnknownChild.explain(lang)
                })));
            }
            meeting
                .check()
                .map_err(|p| bad(Said::explained(|lang| p.explain(lang))))
        },
    )
    .await?;
    Ok(Json(saved))
}

async fn save_plan(
    State(state): State<AppState>,
    managed: ManagedFamily,
    Path((_, record_id)): Path<(String, String)>,
    ApiJson(save): ApiJson<SaveDocument<PlanSummary>>,
) -> Result<Json<Revisioned<PlanSummary>>, ApiError> {
    let saved = store(
        &state,
        managed.actor.person,
        managed.family,
        RecordType::PlanSummary,
        &record_id,
        save,
        |plan, before, children| {
            if !children.contains(&plan.child) {
                return Err(bad(Said::explained(|lang| {
                    PlanProblem::UnknownChild.explain(lang)
                })));
            }
            if before.is_some_and(|b: &PlanSummary| b.published) && !plan.published {
                return Err(bad(Said::explained(|lang| {
                    PlanProblem::Unpublished.explain(lang)
                })));
            }
            if before.is_some_and(|b| b.child != plan.child) {
                return Err(bad(Said::new(
                    "計画のお子さんは変えられません。",
                    "A plan stays with its child.",
                )));
            }
            plan.check()
                .map_err(|p| bad(Said::explained(|lang| p.explain(lang))))
        },
    )
    .await?;
    Ok(Json(saved))
}

fn bad(said: Said) -> ApiError {
    ApiError::BadRequest(said)
}

/// What the family's parents brought to a meeting, in their order (withdrawn
/// items left out). Only the wording they chose; the entries stay theirs.
async fn meeting_items(
    State(state): State<AppState>,
    readable: ReadableFamily,
    Path((_, meeting)): Path<(String, String)>,
) -> Result<Json<Vec<AgendaItem>>, ApiError> {
    let meeting: MeetingId = meeting.parse().map_err(|_| {
        bad(Said::new(
            "会議の ID が正しくありません。",
            "The meeting id is not a valid id.",
        ))
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
async fn record_item_outcome(
    State(state): State<AppState>,
    managed: ManagedFamily,
    Path((_, record_id)): Path<(String, String)>,
    ApiJson(outcome): ApiJson<ItemOutcome>,
) -> Result<Json<AgendaItem>, ApiError> {
    let id: uuid::Uuid = record_id.parse().map_err(|_| {
        bad(Said::new(
            "項目の ID が正しくありません。",
            "The item id is not a valid id.",
        ))
    })?;
    outcome
        .check()
        .map_err(|p| bad(Said::explained(|lang| p.explain(lang))))?;
    let family = managed.family;
    let key = RecordKey {
        record_type: RecordType::BroughtItem,
        id,
    };
    let mut tx = state.store.begin_write().await?;
    let missing = ApiError::NotFound(Said::new(
        "その項目は見つかりません。",
        "There is no such item.",
    ));
    let Some(stored) = tx.record(key).await? else {
        return Err(missing);
    };
    if stored.family != Some(family) {
        return Err(missing);
    }
    let item = BroughtItem::from_fields(id, stored.owner, &stored.fields)
        .ok_or_else(|| ApiError::CorruptData("brought item".to_owned()))?;
    if item.withdrawn {
        return Err(ApiError::Conflict(Said::new(
            "保護者がこの項目を取り下げました。",
            "The parent withdrew this item.",
        )));
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
        return Err(bad(Said::new(
            "項目の結果は、会議が始まってから記録できます。",
            "What became of an item is recorded once its meeting has started.",
        )));
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
            return Err(bad(Said::new(
                "その目標は、お子さんのどの計画にもありません。",
                "That goal is in none of the child's plans.",
            )));
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

/// The family's meetings in start order (for the mentor's dates and the export).
pub async fn meetings_of(state: &AppState, family: FamilyId) -> Result<Vec<Meeting>, ApiError> {
    let mut meetings: Vec<Revisioned<Meeting>> = list(state, family, RecordType::Meeting).await?;
    meetings.sort_by_key(|m| (m.doc.starts_at, m.doc.id));
    Ok(meetings.into_iter().map(|m| m.doc).collect())
}

/// The family's records of a type as documents with their revisions.
async fn list<T: DeserializeOwned>(
    state: &AppState,
    family: FamilyId,
    record_type: RecordType,
) -> Result<Vec<Revisioned<T>>, ApiError> {
    let stored = state
        .store
        .read()
        .await?
        .family_documents(family, record_type)
        .await?;
    stored
        .into_iter()
        .map(|record| revisioned(record.id, &record.fields))
        .collect()
}

fn revisioned<T: DeserializeOwned>(
    id: uuid::Uuid,
    fields: &tsunagu_model::sync::Fields,
) -> Result<Revisioned<T>, ApiError> {
    let corrupt = || ApiError::CorruptData("family record".to_owned());
    Ok(Revisioned {
        doc: document::from_fields(id, fields).ok_or_else(corrupt)?,
        revision: document::revision(fields).ok_or_else(corrupt)?.to_string(),
    })
}

/// Saves a whole document of the family after `check(new, current, children)`,
/// refusing a save made from an older revision. Saving what is already there
/// answers as a save, so a retried request is harmless.
async fn store<T, C>(
    state: &AppState,
    author: PersonId,
    family: FamilyId,
    record_type: RecordType,
    record_id: &str,
    save: SaveDocument<T>,
    check: C,
) -> Result<Revisioned<T>, ApiError>
where
    T: Serialize + DeserializeOwned + PartialEq + Clone,
    C: FnOnce(&T, Option<&T>, &[ChildId]) -> Result<(), ApiError>,
{
    let id: uuid::Uuid = record_id.parse().map_err(|_| {
        bad(Said::new(
            "記録の ID が正しくありません。",
            "The record id is not a valid id.",
        ))
    })?;
    let key = RecordKey { record_type, id };
    let new_fields = document::to_fields(&save.doc)
        .ok_or_else(|| ApiError::Internal("document is not an object".to_owned()))?;
    if serde_json::to_value(&save.doc)
        .ok()
        .and_then(|v| v.get("id").cloned())
        != Some(serde_json::Value::String(id.to_string()))
    {
        return Err(bad(Said::new(
            "記録の ID がアドレスと一致しません。",
            "The record's id does not match its address.",
        )));
    }
    let mut tx = state.store.begin_write().await?;
    let children = tx.child_ids(family).await?;
    let stored = tx.record(key).await?;
    let (current, fields): (Option<Revisioned<T>>, _) = match stored {
        // Another family's record answers as one that does not exist.
        Some(stored) if stored.family != Some(family) => {
            return Err(ApiError::NotFound(Said::new(
                "その記録は見つかりません。",
                "There is no such record.",
            )));
        }
        Some(stored) => (Some(revisioned(id, &stored.fields)?), stored.fields),
        None => (None, Default::default()),
    };
    if let Some(current) = &current
        && current.doc == save.doc
    {
        return Ok(current.clone());
    }
    if current.as_ref().map(|c| &c.revision) != save.revision.as_ref() {
        return Err(ApiError::Conflict(Said::new(
            "ほかの人が先に変更していました。読み込み直してから、もう一度変更してください。",
            "Someone else changed this meanwhile. Reload it and make your change again.",
        )));
    }
    check(&save.doc, current.as_ref().map(|c| &c.doc), &children)?;
    let changes = document::changed(&fields, new_fields);
    sync::write_family_record(&mut tx, &state.clock, author, family, key, changes).await?;
    let stored = tx
        .record(key)
        .await?
        .ok_or_else(|| ApiError::Internal("saved record missing".to_owned()))?;
    tx.commit().await?;
    revisioned(id, &stored.fields)
}
