//! Pairing a family with a parent mentor: a coordinator proposes one from the
//! staff desk; a parent of the family accepts, granting the scopes they choose
//! (each a consent, `consents`), or declines. Until then the mentor sees nothing.
//! And the programme's monthly counts for the town's report.

use std::collections::HashMap;

use axum::{
    Json,
    extract::{Path, State},
    http::StatusCode,
};
use chrono::Utc;
use tsunagu_model::{
    PersonId, Role, TypedRecord,
    audit::AuditAction as Action,
    consent::{
        MentorMonth, MentorProposal, ProposalAnswer, ProposalId, ProposalState, ProposeMentor,
    },
    endpoints as e,
    mentor::{MentorContact, contacts_per_month},
    problem::{IdOf, Problem, Thing},
    sync::RecordType,
};

use crate::{
    ApiError, AppState,
    consents::grant_scope,
    error::ApiJson,
    identity::Actor,
    policy::{self, ManagedFamily, OwnFamily, ReadableFamily},
    routes::Api,
    secret,
};

pub fn routes(api: Api) -> Api {
    api.at::<e::ListMentorProposals, _, _>(list_for_family)
        .at::<e::ProposeMentorTo, _, _>(propose)
        .at::<e::AnswerMentorProposal, _, _>(answer)
        .at::<e::WithdrawMentorProposal, _, _>(withdraw)
        .at::<e::ListAllMentorProposals, _, _>(list_all)
        .at::<e::MentorActivity, _, _>(activity)
}

fn proposal_in(params: &HashMap<String, String>) -> Result<ProposalId, ApiError> {
    params
        .get("proposal_id")
        .and_then(|p| p.parse().ok())
        .ok_or(ApiError::BadRequest(Problem::InvalidId {
            what: IdOf::Record,
        }))
}

fn no_proposal() -> ApiError {
    ApiError::NotFound(Problem::NotFound {
        what: Thing::Proposal,
    })
}

/// A parent sees the proposals waiting for the family's answer; a coordinator all.
async fn list_for_family(
    State(state): State<AppState>,
    readable: ReadableFamily,
) -> Result<Json<Vec<MentorProposal>>, ApiError> {
    let waiting_only = readable.actor.role != Role::Coordinator;
    Ok(Json(
        state
            .store
            .read()
            .await?
            .proposals(Some(readable.family), waiting_only)
            .await?,
    ))
}

async fn list_all(
    State(state): State<AppState>,
    actor: Actor,
) -> Result<Json<Vec<MentorProposal>>, ApiError> {
    policy::may_coordinate(&actor)?;
    Ok(Json(
        state.store.read().await?.proposals(None, false).await?,
    ))
}

async fn propose(
    State(state): State<AppState>,
    managed: ManagedFamily,
    ApiJson(body): ApiJson<ProposeMentor>,
) -> Result<(StatusCode, Json<MentorProposal>), ApiError> {
    let mut tx = state.store.begin().await?;
    if tx.role_of(body.mentor).await? != Some(Role::Mentor) {
        return Err(ApiError::BadRequest(Problem::NotAMentor));
    }
    let consents = tx.mentors_of_family(managed.family).await?;
    if consents.iter().any(|(m, _)| *m == body.mentor) {
        return Err(ApiError::Conflict(Problem::ProposalWaiting));
    }
    let id = ProposalId(secret::new_uuid()?);
    let now = Utc::now();
    if !tx
        .add_proposal(id, managed.family, body.mentor, managed.actor.person, now)
        .await?
    {
        return Err(ApiError::Conflict(Problem::ProposalWaiting));
    }
    tx.audit_about(
        Some(managed.actor.person),
        Action::MentorProposed,
        Some(managed.family),
        Some(body.mentor),
    )
    .await?;
    let proposal = tx
        .proposal(id, managed.family)
        .await?
        .ok_or_else(|| ApiError::Internal("proposal just made".to_owned()))?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(proposal)))
}

async fn answer(
    State(state): State<AppState>,
    own: OwnFamily,
    Path(params): Path<HashMap<String, String>>,
    ApiJson(body): ApiJson<ProposalAnswer>,
) -> Result<Json<MentorProposal>, ApiError> {
    let id = proposal_in(&params)?;
    body.check().map_err(ApiError::BadRequest)?;
    let mut tx = state.store.begin().await?;
    let proposal = tx.proposal(id, own.family).await?.ok_or_else(no_proposal)?;
    let state_now = if body.accept {
        ProposalState::Accepted
    } else {
        ProposalState::Declined
    };
    if !tx
        .end_proposal(id, own.family, state_now, own.actor.person, Utc::now())
        .await?
    {
        return Err(ApiError::Conflict(Problem::ProposalAnswered));
    }
    if body.accept {
        for scope in &body.scopes {
            // A scope already in force (granted from the list meanwhile) stays as it is.
            grant_scope(
                &mut tx,
                own.family,
                proposal.mentor,
                *scope,
                own.actor.person,
            )
            .await?;
        }
    } else {
        tx.audit_about(
            Some(own.actor.person),
            Action::MentorDeclined,
            Some(own.family),
            Some(proposal.mentor),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(Json(MentorProposal {
        state: state_now,
        ..proposal
    }))
}

async fn withdraw(
    State(state): State<AppState>,
    managed: ManagedFamily,
    Path(params): Path<HashMap<String, String>>,
) -> Result<StatusCode, ApiError> {
    let id = proposal_in(&params)?;
    let mut tx = state.store.begin().await?;
    if tx.proposal(id, managed.family).await?.is_none() {
        return Err(no_proposal());
    }
    if !tx
        .end_proposal(
            id,
            managed.family,
            ProposalState::Withdrawn,
            managed.actor.person,
            Utc::now(),
        )
        .await?
    {
        return Err(ApiError::Conflict(Problem::ProposalAnswered));
    }
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The programme's figures for the town's report: contacts per mentor and
/// month, read from the mentors' logs, with nothing of whom or what.
async fn activity(
    State(state): State<AppState>,
    actor: Actor,
) -> Result<Json<Vec<MentorMonth>>, ApiError> {
    policy::may_coordinate(&actor)?;
    let mut db = state.store.read().await?;
    let contacts: Vec<MentorContact> = db
        .records_of_type(RecordType::MentorContact, None)
        .await?
        .into_iter()
        .filter_map(|r| MentorContact::read(r.key.id, Some(r.owner), &r.fields))
        .collect();
    let counts = contacts_per_month(&contacts);
    let mentors: Vec<PersonId> = counts.iter().map(|(m, ..)| *m).collect();
    let names = db.names_of(&mentors).await?;
    Ok(Json(
        counts
            .into_iter()
            .map(|(mentor, year, month, contacts)| MentorMonth {
                mentor,
                mentor_name: names.get(&mentor).cloned().unwrap_or_default(),
                year,
                month,
                contacts,
            })
            .collect(),
    ))
}
