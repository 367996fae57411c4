//! Meetings and plan summaries: what coordinators write about a family and its
//! parents' devices receive through sync. Coordinators read them here and save
//! each one whole; the server checks the whole document with the model's rules,
//! then writes only the fields that changed as synced changes, so parents' devices
//! get them on their next pull and every earlier value stays in history.
//!
//! Who may do what is decided in `policy` (the `ReadableFamily`/`ManagedFamily`
//! extractors and the record audiences), never here.

use tsunagu_model::endpoints as e;

use crate::routes::Api;
use axum::{
    Json,
    extract::{Path, State},
};
use serde::{Serialize, de::DeserializeOwned};
use tsunagu_model::problem::{IdOf, Problem, Thing};
use tsunagu_model::{
    ChildId, FamilyId, Meeting, PersonId,
    api::{Revisioned, SaveDocument},
    plan::{PlanProblem, PlanSummary},
    sync::{RecordKey, RecordType, document},
};

use crate::{
    ApiError, AppState,
    error::ApiJson,
    policy::{self, ManagedFamily, ReadableFamily},
    sync,
};

mod answers;
mod items;

pub fn routes(api: Api) -> Api {
    api.at::<e::ListMeetings, _, _>(list_meetings)
        .at::<e::SaveMeeting, _, _>(save_meeting)
        .at::<e::ListMeetingItems, _, _>(items::meeting_items)
        .at::<e::RecordItemOutcome, _, _>(items::record_item_outcome)
        .at::<e::ListMeetingAnswers, _, _>(answers::meeting_answers)
        .at::<e::ListPlans, _, _>(list_plans)
        .at::<e::SavePlan, _, _>(save_plan)
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
                return Err(bad(Problem::MeetingFamilyMismatch));
            }
            if !children.contains(&meeting.child_id) {
                return Err(bad(Problem::Meeting {
                    problem: tsunagu_model::meeting_record::MeetingProblem::UnknownChild,
                }));
            }
            meeting
                .check()
                .map_err(|problem| bad(Problem::Meeting { problem }))
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
                return Err(bad(Problem::Plan {
                    problem: PlanProblem::UnknownChild,
                }));
            }
            if before.is_some_and(|b: &PlanSummary| b.published) && !plan.published {
                return Err(bad(Problem::Plan {
                    problem: PlanProblem::Unpublished,
                }));
            }
            if before.is_some_and(|b| b.child != plan.child) {
                return Err(bad(Problem::PlanChildFixed));
            }
            plan.check()
                .map_err(|problem| bad(Problem::Plan { problem }))
        },
    )
    .await?;
    Ok(Json(saved))
}

fn bad(problem: Problem) -> ApiError {
    ApiError::BadRequest(problem)
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
    let id: uuid::Uuid = record_id
        .parse()
        .map_err(|_| bad(Problem::InvalidId { what: IdOf::Record }))?;
    let key = RecordKey { record_type, id };
    let new_fields = document::to_fields(&save.doc)
        .ok_or_else(|| ApiError::Internal("document is not an object".to_owned()))?;
    if serde_json::to_value(&save.doc)
        .ok()
        .and_then(|v| v.get("id").cloned())
        != Some(serde_json::Value::String(id.to_string()))
    {
        return Err(bad(Problem::RecordIdMismatch));
    }
    let mut tx = state.store.begin_write().await?;
    let children = tx.child_ids(family).await?;
    let stored = tx.record(key).await?;
    let (current, fields): (Option<Revisioned<T>>, _) = match stored {
        // Another family's record answers as one that does not exist.
        Some(stored) if stored.family != Some(family) => {
            return Err(ApiError::NotFound(Problem::NotFound {
                what: Thing::Record,
            }));
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
        return Err(ApiError::Conflict(Problem::Conflict));
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
