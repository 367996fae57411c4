//! A family's data as its screens read it: the family, its children, its meetings.
//!
//! Who may read which family is decided in `access`, never here.

use std::collections::HashMap;

use axum::{Json, Router, extract::State, routing::get};
use sqlx::SqlitePool;
use tsunagu_model::{
    Child, ChildId, Family, FamilyId, Meeting, MeetingId, MeetingKind, MeetingSeries, MemberRole,
    api::FamilyOverview, audit::AccessLogEntry, iso,
};

use crate::{
    ApiError, AppState,
    access::{self, OwnFamily, ReadableFamily},
    audit,
    auth::Actor,
};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/families", get(list_families))
        .route("/families/{family_id}", get(family_overview))
        .route("/families/{family_id}/access-log", get(access_log))
}

async fn list_families(
    State(state): State<AppState>,
    actor: Actor,
) -> Result<Json<Vec<Family>>, ApiError> {
    let rows = access::families_visible_to(&state.db, &actor).await?;
    let families = rows
        .into_iter()
        .map(|(id, display_name)| {
            Ok(Family {
                id: parse_stored(&id, "family id")?,
                display_name,
            })
        })
        .collect::<Result<_, ApiError>>()?;
    Ok(Json(families))
}

async fn family_overview(
    State(state): State<AppState>,
    readable: ReadableFamily,
) -> Result<Json<FamilyOverview>, ApiError> {
    let overview = load_overview(&state.db, readable.family)
        .await?
        .ok_or(ApiError::NotFound("There is no such family."))?;
    Ok(Json(overview))
}

/// Who looked at the family's data: for the family's own parents only.
async fn access_log(
    State(state): State<AppState>,
    own: OwnFamily,
) -> Result<Json<Vec<AccessLogEntry>>, ApiError> {
    Ok(Json(audit::for_family(&state.db, own.family).await?))
}

/// Everything about one family in a single read transaction, so the three lists agree.
pub async fn load_overview(
    db: &SqlitePool,
    family_id: FamilyId,
) -> Result<Option<FamilyOverview>, ApiError> {
    let mut tx = db.begin().await?;
    let id = family_id.to_string();

    let Some((display_name,)): Option<(String,)> =
        sqlx::query_as("SELECT display_name FROM families WHERE id = ?")
            .bind(&id)
            .fetch_optional(&mut *tx)
            .await?
    else {
        return Ok(None);
    };

    let children: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT id, given_name, birth_date FROM children WHERE family_id = ? ORDER BY birth_date, id",
    )
    .bind(&id)
    .fetch_all(&mut *tx)
    .await?;
    let children = children
        .into_iter()
        .map(|(child_id, given_name, birth_date)| {
            Ok(Child {
                id: parse_stored(&child_id, "child id")?,
                family_id,
                given_name,
                birth_date: iso::parse_date(&birth_date).ok_or_else(|| corrupt("birth date"))?,
            })
        })
        .collect::<Result<Vec<_>, ApiError>>()?;

    let mut members: HashMap<String, Vec<MemberRole>> = HashMap::new();
    let member_rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT mm.meeting_id, mm.role FROM meeting_members mm
         JOIN meetings m ON m.id = mm.meeting_id
         WHERE m.family_id = ? ORDER BY mm.meeting_id, mm.position",
    )
    .bind(&id)
    .fetch_all(&mut *tx)
    .await?;
    for (meeting_id, role) in member_rows {
        let role = parse_stored::<MemberRole>(&role, "member role")?;
        members.entry(meeting_id).or_default().push(role);
    }

    let meeting_rows: Vec<MeetingRow> = sqlx::query_as(
        "SELECT id, child_id, kind, purpose, starts_at, place, series_nth, series_planned
         FROM meetings WHERE family_id = ? ORDER BY starts_at, id",
    )
    .bind(&id)
    .fetch_all(&mut *tx)
    .await?;
    let meetings = meeting_rows
        .into_iter()
        .map(|row| row.into_meeting(family_id, &mut members))
        .collect::<Result<Vec<_>, ApiError>>()?;

    tx.commit().await?;
    Ok(Some(FamilyOverview {
        family: Family {
            id: family_id,
            display_name,
        },
        children,
        meetings,
    }))
}

#[derive(sqlx::FromRow)]
struct MeetingRow {
    id: String,
    child_id: String,
    kind: String,
    purpose: String,
    starts_at: String,
    place: String,
    series_nth: Option<i64>,
    series_planned: Option<i64>,
}

impl MeetingRow {
    fn into_meeting(
        self,
        family_id: FamilyId,
        members: &mut HashMap<String, Vec<MemberRole>>,
    ) -> Result<Meeting, ApiError> {
        let series = match (self.series_nth, self.series_planned) {
            (Some(nth), Some(planned)) => {
                let nth = u16::try_from(nth).map_err(|_| corrupt("series number"))?;
                let planned = u16::try_from(planned).map_err(|_| corrupt("series size"))?;
                Some(MeetingSeries::new(nth, planned).map_err(|_| corrupt("series"))?)
            }
            _ => None,
        };
        Ok(Meeting {
            id: parse_stored::<MeetingId>(&self.id, "meeting id")?,
            family_id,
            child_id: parse_stored::<ChildId>(&self.child_id, "child id")?,
            kind: parse_stored::<MeetingKind>(&self.kind, "meeting kind")?,
            purpose: self.purpose,
            starts_at: iso::parse_date_time(&self.starts_at)
                .ok_or_else(|| corrupt("meeting start"))?,
            place: self.place,
            series,
            members: members.remove(&self.id).unwrap_or_default(),
        })
    }
}

/// Reads a stored value back into its domain type; a failure means the database
/// holds what the domain forbids, an internal error.
fn parse_stored<T: std::str::FromStr>(value: &str, what: &'static str) -> Result<T, ApiError> {
    value.parse().map_err(|_| corrupt(what))
}

fn corrupt(what: &'static str) -> ApiError {
    ApiError::CorruptData(what.to_owned())
}
