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
    ChildStage, Family, FamilyId, PersonId, Role,
    audit::AuditAction as Action,
    consent::{
        Consent, ConsentId, ConsentScope, GrantConsent, MeetingDate, Mentee, MenteeChild,
        MentorSummary,
    },
    meeting_record::MeetingStatus,
};

use crate::{
    ApiError, AppState,
    error::ApiJson,
    family_records,
    identity::Actor,
    policy::{self, OwnFamily},
    secret,
    store::{Tx, audit::AuditLine, consents::NewConsent},
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
    if !grant_scope(
        &mut tx,
        own.family,
        body.mentor,
        body.scope,
        own.actor.person,
    )
    .await?
    {
        return Err(ApiError::Conflict(Problem::AlreadyShared));
    }
    tx.commit().await?;
    Ok(StatusCode::CREATED.into_response())
}

/// Grants `scope` of `family` to `mentor` unless it is in force: what it lets
/// the mentor receive reaches their devices, and the family's log says who
/// granted what to whom. Whether it was granted.
pub(crate) async fn grant_scope(
    tx: &mut Tx<'_>,
    family: FamilyId,
    mentor: PersonId,
    scope: ConsentScope,
    by: PersonId,
) -> Result<bool, ApiError> {
    let consent = NewConsent {
        id: ConsentId(secret::new_uuid()?),
        family,
        mentor,
        scope,
        granted_by: by,
        granted_at: Utc::now(),
    };
    if !tx.grant_consent(&consent).await? {
        return Ok(false);
    }
    crate::sync::recheck_mentor(tx, family, mentor).await?;
    tx.add_audit(
        AuditLine {
            actor: Some(by),
            action: Action::ConsentGranted,
            family: Some(family),
            viewed: Some(scope.into()),
            subject: Some(mentor),
        },
        Utc::now(),
    )
    .await?;
    Ok(true)
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
    let Some((mentor, scope)) = tx.revoke_consent(consent, own.family, Utc::now()).await? else {
        return Err(ApiError::NotFound(Problem::NotFound {
            what: Thing::Consent,
        }));
    };
    crate::sync::recheck_mentor(&mut tx, own.family, mentor).await?;
    tx.add_audit(
        AuditLine {
            actor: Some(own.actor.person),
            action: Action::ConsentRevoked,
            family: Some(own.family),
            viewed: Some(scope.into()),
            subject: Some(mentor),
        },
        Utc::now(),
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
    let today = crate::clock::town_local(Utc::now()).date();
    for (family, display_name, scopes) in policy::mentees_of(&state.store, &actor).await? {
        let meetings = if scopes.contains(&ConsentScope::MeetingDates) {
            // What will happen: a cancelled meeting is no date to keep free.
            family_records::meetings_of(&state, family)
                .await?
                .into_iter()
                .filter(|m| m.status != MeetingStatus::Cancelled)
                .map(|m| MeetingDate {
                    id: Some(m.id),
                    kind: m.kind,
                    starts_at: m.starts_at,
                    ends_at: Some(m.ends_at),
                    place: m.place,
                })
                .collect()
        } else {
            Vec::new()
        };
        let (parents, children) = if scopes.contains(&ConsentScope::SharedEntries) {
            let mut db = state.store.read().await?;
            let children = db
                .children(family)
                .await?
                .into_iter()
                .map(|c| MenteeChild {
                    id: c.id,
                    stage: ChildStage::on(c.birth_date, today),
                })
                .collect();
            (db.parents_of(family).await?, children)
        } else {
            (Vec::new(), Vec::new())
        };
        mentees.push(Mentee {
            family: Family {
                id: family,
                display_name,
            },
            scopes,
            meetings,
            parents,
            children,
        });
    }
    Ok(Json(mentees))
}
