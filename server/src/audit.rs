//! The audit log: who read or changed what family's data, and every sign-in. It
//! records actions and ids, never content.

use chrono::Utc;
use sqlx::{SqliteExecutor, SqlitePool};
use tsunagu_model::{
    FamilyId, PersonId,
    audit::{ACCESS_LOG_PAGE, AccessLogEntry, AccessLogPage, Viewed},
};

use crate::{ApiError, clock};

pub use tsunagu_model::audit::AuditAction as Action;

pub async fn record<'e>(
    db: impl SqliteExecutor<'e>,
    actor: Option<PersonId>,
    action: Action,
    family: Option<FamilyId>,
) -> Result<(), ApiError> {
    insert(db, actor, action, family, None, None).await
}

/// An action about someone: who invited, confirmed or turned down whom.
pub async fn record_about<'e>(
    db: impl SqliteExecutor<'e>,
    actor: Option<PersonId>,
    action: Action,
    family: Option<FamilyId>,
    subject: Option<PersonId>,
) -> Result<(), ApiError> {
    insert(db, actor, action, family, None, subject).await
}

/// A read of the family's data by staff or a mentor, with what was read.
pub async fn record_read<'e>(
    db: impl SqliteExecutor<'e>,
    actor: PersonId,
    family: FamilyId,
    viewed: Option<Viewed>,
) -> Result<(), ApiError> {
    insert(
        db,
        Some(actor),
        Action::ReadFamily,
        Some(family),
        viewed,
        None,
    )
    .await
}

async fn insert<'e>(
    db: impl SqliteExecutor<'e>,
    actor: Option<PersonId>,
    action: Action,
    family: Option<FamilyId>,
    viewed: Option<Viewed>,
    subject: Option<PersonId>,
) -> Result<(), ApiError> {
    sqlx::query(
        "INSERT INTO audit_log (at, actor_id, action, family_id, viewed, subject_id) VALUES (?, ?, ?, ?, ?, ?)",
    )
    .bind(clock::to_text(Utc::now()))
    .bind(actor.map(|p| p.to_string()))
    .bind(action.as_str())
    .bind(family.map(|f| f.to_string()))
    .bind(viewed.map(Viewed::as_str))
    .bind(subject.map(|p| p.to_string()))
    .execute(db)
    .await?;
    Ok(())
}

/// What a read through one of the API's family routes is of, by the route's
/// template (`MatchedPath`), so the route table alone decides it.
pub fn viewed_through(route: &str) -> Option<Viewed> {
    let tail = route.rsplit_once("/families/{family_id}")?.1;
    match tail {
        "" => Some(Viewed::Family),
        "/meetings" => Some(Viewed::Meetings),
        "/plans" => Some(Viewed::Plans),
        "/meetings/{record_id}/items" => Some(Viewed::MeetingItems),
        _ => None,
    }
}

/// One page of the family's access log, newest first, from before the row
/// `before` (the previous page's `older`) or from the newest.
pub async fn for_family(
    db: &SqlitePool,
    family: FamilyId,
    before: Option<i64>,
) -> Result<AccessLogPage, ApiError> {
    type Row = (
        i64,
        String,
        Option<String>,
        Option<String>,
        Option<String>,
        String,
        Option<String>,
        Option<String>,
    );
    let page = i64::try_from(ACCESS_LOG_PAGE).unwrap_or(i64::MAX);
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT a.id, a.at, a.actor_id, p.display_name, p.role, a.action, a.viewed, s.display_name
         FROM audit_log a LEFT JOIN people p ON p.id = a.actor_id
         LEFT JOIN people s ON s.id = a.subject_id
         WHERE a.family_id = ? AND a.id < ? ORDER BY a.id DESC LIMIT ?",
    )
    .bind(family.to_string())
    .bind(before.unwrap_or(i64::MAX))
    // One row more than a page tells whether an older page exists.
    .bind(page.saturating_add(1))
    .fetch_all(db)
    .await?;
    let more = rows.len() > ACCESS_LOG_PAGE;
    let rows = &rows[..rows.len().min(ACCESS_LOG_PAGE)];
    let older = more.then(|| rows.last().map(|r| r.0)).flatten();
    let corrupt = |what: &str| ApiError::CorruptData(format!("audit {what}"));
    let entries = rows
        .iter()
        .map(|(_, at, actor, name, role, action, viewed, subject_name)| {
            Ok(AccessLogEntry {
                at: clock::town_local(clock::from_text(at).ok_or_else(|| corrupt("time"))?),
                actor: actor
                    .as_deref()
                    .map(str::parse)
                    .transpose()
                    .map_err(|_| corrupt("actor"))?,
                actor_name: name.clone(),
                actor_role: role
                    .as_deref()
                    .map(str::parse)
                    .transpose()
                    .map_err(|_| corrupt("role"))?,
                action: action.parse().map_err(|_| corrupt("action"))?,
                subject_name: subject_name.clone(),
                viewed: viewed
                    .as_deref()
                    .map(str::parse)
                    .transpose()
                    .map_err(|_| corrupt("viewed"))?,
            })
        })
        .collect::<Result<_, ApiError>>()?;
    Ok(AccessLogPage { entries, older })
}
