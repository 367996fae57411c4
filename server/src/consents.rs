//! Consents: a family lets a parent mentor see a scope of its data, and withdraws it.
//! The mentor's side: the families that consented, seen within those scopes only.

use tsunagu_model::endpoints as e;

use crate::routes::Api;
use axum::{
    Json,
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Response},
};
use chrono::Utc;
use std::collections::HashMap;
use tsunagu_model::problem::{IdOf, Problem, Thing};
use tsunagu_model::{
    Family, Role,
    audit::AuditAction as Action,
    consent::{Consent, ConsentId, ConsentScope, GrantConsent, MeetingDate, Mentee, MentorSummary},
    meeting_record::MeetingStatus,
};

use crate::{
    ApiError, AppState,
    error::ApiJson,
    family_records,
    identity::Actor,
    policy::{self, OwnFamily},
    secret,
    store::consents::NewConsent,
};

pub fn routes(api: Api) -> Api {
    api.at::<e::ListMentors, _, _>(list_mentors)
        .at::<e::ListMentees, _, _>(list_mentees)
        .at::<e::ListConsents, _, _>(list_consents)
        .at::<e::GrantConsentTo, _, _>(grant)
        .at::<e::RevokeConsent, _, _>(revoke)
}

async fn list_mentors(
    State(state): State<AppState>,
    actor: Actor,
) -> Result<Json<Vec<MentorSummary>>, ApiError> {
    policy::may_list_mentors(&actor)?;
    Ok(Json(state.store.read().await?.mentors().await?))
}

async fn list_consents(
    State(state): State<AppState>,
    own: OwnFamily,
) -> Result<Json<Vec<Consent>>, ApiError> {
    Ok(Json(
        state
            .store
            .read()
            .await?
            .consents_in_force(own.family)
            .await?,
    ))
}

async fn grant(
    State(state): State<AppState>,
    own: OwnFamily,
    ApiJson(body): ApiJson<GrantConsent>,
) -> Result<Response, ApiError> {
    let mut tx = state.store.begin().await?;
    if tx.role_of(body.mentor).await? != Some(Role::Mentor) {
        return Err(ApiError::BadRequest(Problem::NotAMentor));
    }
    let consent = NewConsent {
        id: ConsentId(secret::new_uuid()?),
        family: own.family,
        mentor: body.mentor,
        scope: body.scope,
        granted_by: own.actor.person,
        granted_at: Utc::now(),
    };
    if !tx.grant_consent(&consent).await? {
        return Err(ApiError::Conflict(Problem::AlreadyShared));
    }
    crate::sync::recheck_mentor(&mut tx, own.family, body.mentor).await?;
    tx.audit(
        Some(own.actor.person),
        Action::ConsentGranted,
        Some(own.family),
    )
    .await?;
    tx.commit().await?;
    Ok(StatusCode::CREATED.into_response())
}

async fn revoke(
    State(state): State<AppState>,
    own: OwnFamily,
    Path(params): Path<HashMap<String, String>>,
) -> Result<StatusCode, ApiError> {
    let consent: ConsentId = params
        .get("consent_id")
        .and_then(|c| c.parse().ok())
        .ok_or_else(|| {
            ApiError::BadRequest(Problem::InvalidId {
                what: IdOf::Consent,
            })
        })?;
    let mut tx = state.store.begin().await?;
    let Some(mentor) = tx.revoke_consent(consent, own.family, Utc::now()).await? else {
        return Err(ApiError::NotFound(Problem::NotFound {
            what: Thing::Consent,
        }));
    };
    crate::sync::recheck_mentor(&mut tx, own.family, mentor).await?;
    tx.audit(
        Some(own.actor.person),
        Action::ConsentRevoked,
        Some(own.family),
    )
    .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn list_mentees(
    State(state): State<AppState>,
    actor: Actor,
) -> Result<Json<Vec<Mentee>>, ApiError> {
    let mut mentees = Vec::new();
    for (family, display_name, scopes) in policy::mentees_of(&state.store, &actor).await? {
        let meetings = if scopes.contains(&ConsentScope::MeetingDates) {
            // What will happen: a cancelled meeting is no date to keep free.
            family_records::meetings_of(&state, family)
                .await?
                .into_iter()
                .filter(|m| m.status != MeetingStatus::Cancelled)
                .map(|m| MeetingDate {
                    kind: m.kind,
                    starts_at: m.starts_at,
                })
                .collect()
        } else {
            Vec::new()
        };
        mentees.push(Mentee {
            family: Family {
                id: family,
                display_name,
            },
            scopes,
            meetings,
        });
    }
    Ok(Json(mentees))
}
