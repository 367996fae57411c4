//! The audit log (`audit_log`): actions and ids, never content.

use chrono::{DateTime, Utc};
use tsunagu_model::{
    FamilyId, PersonId, Role,
    audit::{AccessLogEntry, AuditAction, Viewed},
};

use super::{Connection, Handle, Parsed, Result, Stamp, count, stamp};

/// One line of the audit log, as written.
pub struct AuditLine {
    pub actor: Option<PersonId>,
    pub action: AuditAction,
    pub family: Option<FamilyId>,
    pub viewed: Option<Viewed>,
    pub subject: Option<PersonId>,
}

type AccessRow = (
    i64,
    Parsed<Stamp>,
    Option<Parsed<PersonId>>,
    Option<String>,
    Option<Parsed<Role>>,
    Parsed<AuditAction>,
    Option<Parsed<Viewed>>,
    Option<String>,
);

impl<C: Connection> Handle<C> {
    /// Records an action, now.
    pub async fn audit(
        &mut self,
        actor: Option<PersonId>,
        action: AuditAction,
        family: Option<FamilyId>,
    ) -> Result<()> {
        self.audit_about(actor, action, family, None).await
    }

    /// Records an action about someone: who invited, confirmed or turned down whom.
    pub async fn audit_about(
        &mut self,
        actor: Option<PersonId>,
        action: AuditAction,
        family: Option<FamilyId>,
        subject: Option<PersonId>,
    ) -> Result<()> {
        let line = AuditLine {
            actor,
            action,
            family,
            viewed: None,
            subject,
        };
        self.add_audit(line, Utc::now()).await
    }

    /// Records a read of the family's data by staff or a mentor, with what was read.
    pub async fn audit_read(
        &mut self,
        actor: PersonId,
        family: FamilyId,
        viewed: Option<Viewed>,
    ) -> Result<()> {
        let line = AuditLine {
            actor: Some(actor),
            action: AuditAction::ReadFamily,
            family: Some(family),
            viewed,
            subject: None,
        };
        self.add_audit(line, Utc::now()).await
    }

    pub async fn add_audit(&mut self, line: AuditLine, now: DateTime<Utc>) -> Result<()> {
        sqlx::query(
            "INSERT INTO audit_log (at, actor_id, action, family_id, viewed, subject_id) VALUES (?, ?, ?, ?, ?, ?)",
        )
        .bind(stamp(now))
        .bind(line.actor.map(|p| p.to_string()))
        .bind(line.action.as_str())
        .bind(line.family.map(|f| f.to_string()))
        .bind(line.viewed.map(Viewed::as_str))
        .bind(line.subject.map(|p| p.to_string()))
        .execute(self.c())
        .await?;
        Ok(())
    }

    /// The family's access log, newest first, from before the row `before` (or
    /// the newest), at most `limit` rows, each with its row number.
    pub async fn access_log(
        &mut self,
        family: FamilyId,
        before: Option<i64>,
        limit: usize,
    ) -> Result<Vec<(i64, AccessLogEntry)>> {
        let rows: Vec<AccessRow> = sqlx::query_as(
            "SELECT a.id, a.at, a.actor_id, p.display_name, p.role, a.action, a.viewed, s.display_name
             FROM audit_log a LEFT JOIN people p ON p.id = a.actor_id
             LEFT JOIN people s ON s.id = a.subject_id
             WHERE a.family_id = ? AND a.id < ? ORDER BY a.id DESC LIMIT ?",
        )
        .bind(family.to_string())
        .bind(before.unwrap_or(i64::MAX))
        .bind(count(limit))
        .fetch_all(self.c())
        .await?;
        Ok(rows
            .into_iter()
            .map(
                |(id, at, actor, name, role, action, viewed, subject_name)| {
                    (
                        id,
                        AccessLogEntry {
                            at: crate::clock::town_local(at.0.0),
                            actor: actor.map(|a| a.0),
                            actor_name: name,
                            actor_role: role.map(|r| r.0),
                            action: action.0,
                            subject_name,
                            viewed: viewed.map(|v| v.0),
                        },
                    )
                },
            )
            .collect())
    }
}
