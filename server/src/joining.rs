//! A parent joining a family that already has parents (issue 12): whoever made
//! the invitation, a coordinator included, the newcomer receives none of the
//! entries the family's parents share with each other until one of those
//! parents confirms them in the app. The parents see who is waiting and who
//! invited them; the access log records who invited, confirmed or turned down
//! whom.

use axum::{
    Json, Router,
    extract::{Path, State},
    http::StatusCode,
    routing::{get, post},
};
use tsunagu_model::{
    PersonId,
    api::{JoiningParent, PendingJoin},
};

use crate::{
    ApiError, AppState, Said,
    access::OwnFamily,
    audit::{self, Action},
    auth::Actor,
    clock,
};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/me/joining", get(my_pending_joins))
        .route("/families/{family_id}/joining", get(joining_parents))
        .route(
            "/families/{family_id}/joining/{person_id}",
            post(confirm).delete(turn_down),
        )
}

/// For the family's confirmed parents: who joined and waits for them.
async fn joining_parents(
    State(state): State<AppState>,
    own: OwnFamily,
) -> Result<Json<Vec<JoiningParent>>, ApiError> {
    let rows: Vec<(String, String, Option<String>, Option<String>)> = sqlx::query_as(
        "SELECT p.id, p.display_name, inviter.display_name, fp.joined_at
         FROM family_parents fp JOIN people p ON p.id = fp.person_id
         LEFT JOIN people inviter ON inviter.id = fp.invited_by
         WHERE fp.family_id = ? AND fp.confirmed = 0 ORDER BY fp.joined_at, p.id",
    )
    .bind(own.family.to_string())
    .fetch_all(&state.db)
    .await?;
    let corrupt = |what: &str| ApiError::CorruptData(format!("joining parent {what}"));
    let joining = rows
        .into_iter()
        .map(|(person, display_name, invited_by, joined_at)| {
            let joined_at = joined_at
                .as_deref()
                .and_then(clock::from_text)
                .ok_or_else(|| corrupt("time"))?;
            Ok(JoiningParent {
                person: person.parse().map_err(|_| corrupt("id"))?,
                display_name,
                invited_by,
                joined_at: clock::town_local(joined_at),
            })
        })
        .collect::<Result<_, ApiError>>()?;
    Ok(Json(joining))
}

/// For a newcomer: the families they wait to be confirmed in.
async fn my_pending_joins(
    State(state): State<AppState>,
    actor: Actor,
) -> Result<Json<Vec<PendingJoin>>, ApiError> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT f.id, f.display_name FROM family_parents fp JOIN families f ON f.id = fp.family_id
         WHERE fp.person_id = ? AND fp.confirmed = 0 ORDER BY f.id",
    )
    .bind(actor.person.to_string())
    .fetch_all(&state.db)
    .await?;
    rows.into_iter()
        .map(|(family, family_name)| {
            Ok(PendingJoin {
                family: family
                    .parse()
                    .map_err(|_| ApiError::CorruptData("family id".to_owned()))?,
                family_name,
            })
        })
        .collect::<Result<_, ApiError>>()
        .map(Json)
}

fn newcomer_in(path: &std::collections::HashMap<String, String>) -> Result<PersonId, ApiError> {
    path.get("person_id")
        .and_then(|id| id.parse().ok())
        .ok_or_else(|| {
            ApiError::BadRequest(Said::new(
                "人の id(person_id)が正しくありません。",
                "The person id (person_id) is not a valid id.",
            ))
        })
}

const NOBODY_WAITING: ApiError = ApiError::NotFound(Said::new(
    "この id で家族への参加を待っている人はいません。",
    "Nobody with this id waits to join the family.",
));

/// A parent of the family confirms the newcomer, who then receives what the
/// family's parents share with each other.
async fn confirm(
    State(state): State<AppState>,
    own: OwnFamily,
    Path(path): Path<std::collections::HashMap<String, String>>,
) -> Result<StatusCode, ApiError> {
    let newcomer = newcomer_in(&path)?;
    let mut tx = state.db.begin_with("BEGIN IMMEDIATE").await?;
    let confirmed = sqlx::query(
        "UPDATE family_parents SET confirmed = 1 WHERE family_id = ? AND person_id = ? AND confirmed = 0",
    )
    .bind(own.family.to_string())
    .bind(newcomer.to_string())
    .execute(&mut *tx)
    .await?;
    if confirmed.rows_affected() == 0 {
        return Err(NOBODY_WAITING);
    }
    crate::sync::enroll(&mut tx, newcomer).await?;
    audit::record_about(
        &mut *tx,
        Some(own.actor.person),
        Action::ParentConfirmed,
        Some(own.family),
        Some(newcomer),
    )
    .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A parent of the family turns the newcomer down: they leave the family and
/// their devices forget what they had received of it. Their account stays, in
/// no family.
async fn turn_down(
    State(state): State<AppState>,
    own: OwnFamily,
    Path(path): Path<std::collections::HashMap<String, String>>,
) -> Result<StatusCode, ApiError> {
    let newcomer = newcomer_in(&path)?;
    let mut tx = state.db.begin_with("BEGIN IMMEDIATE").await?;
    let removed = sqlx::query(
        "DELETE FROM family_parents WHERE family_id = ? AND person_id = ? AND confirmed = 0",
    )
    .bind(own.family.to_string())
    .bind(newcomer.to_string())
    .execute(&mut *tx)
    .await?;
    if removed.rows_affected() == 0 {
        return Err(NOBODY_WAITING);
    }
    crate::sync::forget_family(&mut tx, newcomer, own.family).await?;
    audit::record_about(
        &mut *tx,
        Some(own.actor.person),
        Action::ParentRefused,
        Some(own.family),
        Some(newcomer),
    )
    .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
