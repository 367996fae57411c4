//! Consents: a family lets a parent mentor see a scope of its data, and withdraws it.
//! The mentor's side: the families that consented, seen within those scopes only.

use axum::{
    Json, Router,
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Response},
    routing::{delete, get},
};
use chrono::Utc;
use std::collections::HashMap;
use tsunagu_model::{
    Family, Role,
    consent::{Consent, ConsentId, ConsentScope, GrantConsent, MeetingDate, Mentee, MentorSummary},
    meeting_record::MeetingStatus,
};

use crate::{
    ApiError, AppState, Said,
    access::{self, OwnFamily},
    audit::{self, Action},
    auth::{Actor, secret},
    clock,
    error::ApiJson,
    family_records,
};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/mentors", get(list_mentors))
        .route("/mentees", get(list_mentees))
        .route(
            "/families/{family_id}/consents",
            get(list_consents).post(grant),
        )
        .route(
            "/families/{family_id}/consents/{consent_id}",
            delete(revoke),
        )
}

async fn list_mentors(
    State(state): State<AppState>,
    actor: Actor,
) -> Result<Json<Vec<MentorSummary>>, ApiError> {
    access::may_list_mentors(&actor)?;
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT id, display_name FROM people WHERE role = 'mentor' ORDER BY display_name, id",
    )
    .fetch_all(&state.db)
    .await?;
    rows.into_iter()
        .map(|(id, display_name)| {
            Ok(MentorSummary {
                id: id
                    .parse()
                    .map_err(|_| ApiError::CorruptData("mentor id".to_owned()))?,
                display_name,
            })
        })
        .collect::<Result<_, ApiError>>()
        .map(Json)
}

async fn list_consents(
    State(state): State<AppState>,
    own: OwnFamily,
) -> Result<Json<Vec<Consent>>, ApiError> {
    let rows: Vec<(String, String, String, String, String)> = sqlx::query_as(
        "SELECT c.id, c.mentor_id, p.display_name, c.scope, c.granted_at
         FROM consents c JOIN people p ON p.id = c.mentor_id
         WHERE c.family_id = ? AND c.revoked_at IS NULL ORDER BY c.granted_at, c.id",
    )
    .bind(own.family.to_string())
    .fetch_all(&state.db)
    .await?;
    rows.into_iter()
        .map(|(id, mentor, mentor_name, scope, granted_at)| {
            let corrupt = |what: &str| ApiError::CorruptData(format!("consent {what}"));
            Ok(Consent {
                id: id.parse().map_err(|_| corrupt("id"))?,
                mentor: mentor.parse().map_err(|_| corrupt("mentor"))?,
                mentor_name,
                scope: scope.parse().map_err(|_| corrupt("scope"))?,
                granted_at: clock::town_local(
                    clock::from_text(&granted_at).ok_or_else(|| corrupt("time"))?,
                ),
            })
        })
        .collect::<Result<_, ApiError>>()
        .map(Json)
}

async fn grant(
    State(state): State<AppState>,
    own: OwnFamily,
    ApiJson(body): ApiJson<GrantConsent>,
) -> Result<Response, ApiError> {
    let mut tx = state.db.begin().await?;
    let role: Option<(String,)> = sqlx::query_as("SELECT role FROM people WHERE id = ?")
        .bind(body.mentor.to_string())
        .fetch_optional(&mut *tx)
        .await?;
    if role.map(|(r,)| r) != Some(Role::Mentor.as_str().to_owned()) {
        return Err(ApiError::BadRequest(Said::new(
            "その人はペアレントメンターではありません。",
            "That person is not a parent mentor.",
        )));
    }
    let id = ConsentId(secret::new_uuid()?);
    let inserted = sqlx::query(
        "INSERT INTO consents (id, family_id, mentor_id, scope, granted_by, granted_at)
         VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
    )
    .bind(id.to_string())
    .bind(own.family.to_string())
    .bind(body.mentor.to_string())
    .bind(body.scope.as_str())
    .bind(own.actor.person.to_string())
    .bind(clock::to_text(Utc::now()))
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if inserted == 0 {
        return Err(ApiError::Conflict(Said::new(
            "そのメンターにはすでに公開しています。",
            "That mentor can already see this.",
        )));
    }
    crate::sync::recheck_mentor(&mut tx, own.family, body.mentor).await?;
    audit::record(
        &mut *tx,
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
            ApiError::BadRequest(Said::new(
                "同意の ID が正しくありません。",
                "The consent id is not a valid id.",
            ))
        })?;
    let mut tx = state.db.begin().await?;
    let revoked = sqlx::query(
        "UPDATE consents SET revoked_at = ? WHERE id = ? AND family_id = ? AND revoked_at IS NULL",
    )
    .bind(clock::to_text(Utc::now()))
    .bind(consent.to_string())
    .bind(own.family.to_string())
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if revoked == 0 {
        return Err(ApiError::NotFound(Said::new(
            "有効なその同意はありません。",
            "There is no such consent in force.",
        )));
    }
    let (mentor,): (String,) = sqlx::query_as("SELECT mentor_id FROM consents WHERE id = ?")
        .bind(consent.to_string())
        .fetch_one(&mut *tx)
        .await?;
    let mentor = mentor
        .parse()
        .map_err(|_| ApiError::CorruptData("consent mentor".to_owned()))?;
    crate::sync::recheck_mentor(&mut tx, own.family, mentor).await?;
    audit::record(
        &mut *tx,
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
    for (family, display_name, scopes) in access::mentees_of(&state.db, &actor).await? {
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
