//! The audit log: who read or changed what family's data, and every sign-in. It
//! records actions and ids, never content.

use chrono::Utc;
use sqlx::SqliteExecutor;
use tsunagu_model::{FamilyId, PersonId};

use crate::{ApiError, clock};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    SignIn,
    SignOut,
    SignOutEverywhere,
    AccountCreated,
    InvitationCreated,
    InvitationRevoked,
    ReadFamily,
    FamilyDeleted,
}

impl Action {
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::SignIn => "sign_in",
            Self::SignOut => "sign_out",
            Self::SignOutEverywhere => "sign_out_everywhere",
            Self::AccountCreated => "account_created",
            Self::InvitationCreated => "invitation_created",
            Self::InvitationRevoked => "invitation_revoked",
            Self::ReadFamily => "read_family",
            Self::FamilyDeleted => "family_deleted",
        }
    }
}

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
