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
    record_about(db, actor, action, family, None).await
}

/// An action about someone: who invited, confirmed or turned down whom.
pub async fn record_about<'e>(
    db: impl SqliteExecutor<'e>,
    actor: Option<PersonId>,
    action: Action,
    family: Option<FamilyId>,
    subject: Option<PersonId>,
) -> Result<(), ApiError> {
    sqlx::query(
        "INSERT INTO audit_log (at, actor_id, action, family_id, subject_id) VALUES (?, ?, ?, ?, ?)",
    )
    .bind(clock::to_text(Utc::now()))
    .bind(actor.map(|p| p.to_string()))
    .bind(action.as_str())
    .bind(family.map(|f| f.to_string()))
    .bind(subject.map(|p| p.to_string()))
    .execute(db)
    .await?;
    Ok(())
}

/// The family's access log, newest first: who did what with its data, and when.
pub async fn for_family(
    db: &SqlitePool,
    family: FamilyId,
) -> Result<Vec<AccessLogEntry>, ApiError> {
    type Row = (
        String,
        Option<String>,
        Option<String>,
        String,
        Option<String>,
    );
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT a.at, p.display_name, p.role, a.action, s.display_name FROM audit_log a
         LEFT JOIN people p ON p.id = a.actor_id
         LEFT JOIN people s ON s.id = a.subject_id
         WHERE a.family_id = ? ORDER BY a.id DESC LIMIT 500",
    )
    .bind(family.to_string())
    .fetch_all(db)
    .await?;
    rows.into_iter()
        .map(|(at, name, role, action, subject_name)| {
            let corrupt = |what: &str| ApiError::CorruptData(format!("audit {what}"));
            Ok(AccessLogEntry {
                at: clock::town_local(clock::from_text(&at).ok_or_else(|| corrupt("time"))?),
                actor_name: name,
                actor_role: role
                    .map(|r| r.parse())
                    .transpose()
                    .map_err(|_| corrupt("role"))?,
                action: action.parse().map_err(|_| corrupt("action"))?,
                subject_name,
            })
        })
        .collect()
}
