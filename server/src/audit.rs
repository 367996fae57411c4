//! The audit log: who read or changed what family's data, and every sign-in. It
//! records actions and ids, never content.

use chrono::Utc;
use sqlx::{SqliteExecutor, SqlitePool};
use tsunagu_model::{FamilyId, PersonId, audit::AccessLogEntry};

use crate::{ApiError, clock};

pub use tsunagu_model::audit::AuditAction as Action;

pub async fn record<'e>(
    db: impl SqliteExecutor<'e>,
    actor: Option<PersonId>,
    action: Action,
    family: Option<FamilyId>,
) -> Result<(), ApiError> {
    sqlx::query("INSERT INTO audit_log (at, actor_id, action, family_id) VALUES (?, ?, ?, ?)")
        .bind(clock::to_text(Utc::now()))
        .bind(actor.map(|p| p.to_string()))
        .bind(action.as_str())
        .bind(family.map(|f| f.to_string()))
        .execute(db)
        .await?;
    Ok(())
}

/// The family's access log, newest first: who did what with its data, and when.
pub async fn for_family(
    db: &SqlitePool,
    family: FamilyId,
) -> Result<Vec<AccessLogEntry>, ApiError> {
    let rows: Vec<(String, Option<String>, Option<String>, String)> = sqlx::query_as(
        "SELECT a.at, p.display_name, p.role, a.action FROM audit_log a
         LEFT JOIN people p ON p.id = a.actor_id
         WHERE a.family_id = ? ORDER BY a.id DESC LIMIT 500",
    )
    .bind(family.to_string())
    .fetch_all(db)
    .await?;
    rows.into_iter()
        .map(|(at, name, role, action)| {
            let corrupt = |what: &str| ApiError::CorruptData(format!("audit {what}"));
            Ok(AccessLogEntry {
                at: clock::town_local(clock::from_text(&at).ok_or_else(|| corrupt("time"))?),
                actor_name: name,
                actor_role: role
                    .map(|r| r.parse())
                    .transpose()
                    .map_err(|_| corrupt("role"))?,
                action: action.parse().map_err(|_| corrupt("action"))?,
            })
        })
        .collect()
}
