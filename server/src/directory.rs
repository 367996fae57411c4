//! The support directory (連絡先): the town's agencies, kept by coordinators
//! and synced to every signed-in device as `agency` records; and a family's
//! team, the people and organisations from its meetings with how to reach them.

use axum::{
    Json,
    extract::{Path, State},
};
use tsunagu_model::{
    Role, TypedRecord,
    directory::{Agency, TeamMember, family_team},
    endpoints as e,
    problem::{IdOf, Problem},
    sync::{RecordKey, RecordType},
};

use crate::{
    ApiError, AppState,
    error::ApiJson,
    family_records,
    identity::Actor,
    policy::{self, ReadableFamily},
    routes::Api,
    store::{Connection, Handle},
};

pub fn routes(api: Api) -> Api {
    api.at::<e::ListAgencies, _, _>(list_agencies)
        .at::<e::SaveAgency, _, _>(save_agency)
        .at::<e::GetFamilyTeam, _, _>(family_team_of)
}

/// Every agency as stored, retired ones too, by field and reading.
async fn agencies<C: Connection>(db: &mut Handle<C>) -> Result<Vec<Agency>, ApiError> {
    let mut agencies: Vec<Agency> = db
        .records_of_type(RecordType::Agency, None)
        .await?
        .into_iter()
        .filter_map(|r| Agency::read(r.key.id, Some(r.owner), &r.fields))
        .collect();
    agencies.sort_by(|a, b| {
        (a.field, tsunagu_model::search::fold(&a.reading), a.id).cmp(&(
            b.field,
            tsunagu_model::search::fold(&b.reading),
            b.id,
        ))
    });
    Ok(agencies)
}

async fn list_agencies(
    State(state): State<AppState>,
    actor: Actor,
) -> Result<Json<Vec<Agency>>, ApiError> {
    policy::may_coordinate(&actor)?;
    Ok(Json(agencies(&mut state.store.read().await?).await?))
}

async fn save_agency(
    State(state): State<AppState>,
    actor: Actor,
    Path(agency_id): Path<String>,
    ApiJson(agency): ApiJson<Agency>,
) -> Result<Json<Agency>, ApiError> {
    policy::may_coordinate(&actor)?;
    let id: uuid::Uuid = agency_id
        .parse()
        .map_err(|_| ApiError::BadRequest(Problem::InvalidId { what: IdOf::Record }))?;
    if agency.id != id {
        return Err(ApiError::BadRequest(Problem::RecordIdMismatch));
    }
    let agency = agency.tidy();
    agency
        .check()
        .map_err(|problem| ApiError::BadRequest(Problem::Agency { problem }))?;
    let key = RecordKey {
        record_type: RecordType::Agency,
        id,
    };
    let mut tx = state.store.begin().await?;
    crate::sync::write_staff_record(
        &mut tx,
        &state.clock,
        actor.person,
        None,
        key,
        agency.changes(),
    )
    .await?;
    tx.commit().await?;
    Ok(Json(agency))
}

async fn family_team_of(
    State(state): State<AppState>,
    readable: ReadableFamily,
) -> Result<Json<Vec<TeamMember>>, ApiError> {
    let meetings = family_records::meetings_of(&state, readable.family).await?;
    // The latest meeting's members first: the team as it is now.
    let members: Vec<tsunagu_model::Member> = meetings
        .iter()
        .rev()
        .flat_map(|m| m.members.iter().cloned())
        .collect();
    let mut db = state.store.read().await?;
    let coordinators: Vec<String> = db
        .people_with_role(Role::Coordinator)
        .await?
        .into_iter()
        .map(|c| c.display_name)
        .collect();
    let mentors: Vec<String> = db
        .mentors_of_family(readable.family)
        .await?
        .into_iter()
        .map(|(_, name)| name)
        .collect();
    let agencies = agencies(&mut db).await?;
    Ok(Json(family_team(
        &members,
        &coordinators,
        &mentors,
        &agencies,
    )))
}
