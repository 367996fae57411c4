//! Invitations (`invitations`): only a hash of each code is kept.

use chrono::{DateTime, Utc};
use tsunagu_model::{FamilyId, PersonId, Role};

use super::{Connection, Handle, Parsed, Result, Stamp, stamp};

/// An invitation as stored, whatever state it is in.
pub struct StoredInvitation {
    pub id: uuid::Uuid,
    pub role: Role,
    pub family: Option<FamilyId>,
    pub display_name: String,
    pub expires_at: DateTime<Utc>,
    pub used: bool,
    pub revoked: bool,
    pub created_by: Option<PersonId>,
}

#[derive(sqlx::FromRow)]
struct InvitationRow {
    id: Parsed<uuid::Uuid>,
    role: Parsed<Role>,
    family_id: Option<Parsed<FamilyId>>,
    display_name: String,
    expires_at: Parsed<Stamp>,
    used_at: Option<String>,
    revoked_at: Option<String>,
    created_by: Option<Parsed<PersonId>>,
}

impl From<InvitationRow> for StoredInvitation {
    fn from(row: InvitationRow) -> Self {
        Self {
            id: row.id.0,
            role: row.role.0,
            family: row.family_id.map(|f| f.0),
            display_name: row.display_name,
            expires_at: row.expires_at.0.0,
            used: row.used_at.is_some(),
            revoked: row.revoked_at.is_some(),
            created_by: row.created_by.map(|p| p.0),
        }
    }
}

/// A new invitation, as written.
pub struct NewStoredInvitation<'a> {
    pub id: uuid::Uuid,
    pub code_hash: &'a str,
    pub role: Role,
    pub family: Option<FamilyId>,
    pub display_name: &'a str,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub created_by: Option<PersonId>,
}

impl<C: Connection> Handle<C> {
    pub async fn add_invitation(&mut self, new: NewStoredInvitation<'_>) -> Result<()> {
        sqlx::query(
            "INSERT INTO invitations (id, code_hash, role, family_id, display_name, created_at, expires_at, created_by)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(new.id.to_string())
        .bind(new.code_hash)
        .bind(new.role.as_str())
        .bind(new.family.map(|f| f.to_string()))
        .bind(new.display_name)
        .bind(stamp(new.created_at))
        .bind(stamp(new.expires_at))
        .bind(new.created_by.map(|p| p.to_string()))
        .execute(self.c())
        .await?;
        Ok(())
    }

    /// Revokes the invitation if it waits to be used (and is of `family`, when
    /// given). `None`: there was none; otherwise the family it was for.
    pub async fn revoke_invitation(
        &mut self,
        id: &str,
        family: Option<FamilyId>,
        now: DateTime<Utc>,
    ) -> Result<Option<Option<FamilyId>>> {
        let family_filter = family.map(|f| f.to_string());
        let revoked: Option<(Option<String>,)> = sqlx::query_as(
            "UPDATE invitations SET revoked_at = ?
             WHERE id = ? AND used_at IS NULL AND revoked_at IS NULL AND (? IS NULL OR family_id = ?)
             RETURNING family_id",
        )
        .bind(stamp(now))
        .bind(id)
        .bind(&family_filter)
        .bind(&family_filter)
        .fetch_optional(self.c())
        .await?;
        Ok(revoked.map(|(family,)| family.and_then(|f| f.parse().ok())))
    }

    pub async fn invitation_by_code(
        &mut self,
        code_hash: &str,
    ) -> Result<Option<StoredInvitation>> {
        let row: Option<InvitationRow> = sqlx::query_as(
            "SELECT id, role, family_id, display_name, expires_at, used_at, revoked_at, created_by
             FROM invitations WHERE code_hash = ?",
        )
        .bind(code_hash)
        .fetch_optional(self.c())
        .await?;
        Ok(row.map(StoredInvitation::from))
    }

    /// A family's invitations, newest first.
    pub async fn invitations_of(&mut self, family: FamilyId) -> Result<Vec<StoredInvitation>> {
        let rows: Vec<InvitationRow> = sqlx::query_as(
            "SELECT id, role, family_id, display_name, expires_at, used_at, revoked_at, created_by
             FROM invitations WHERE family_id = ? ORDER BY created_at DESC, id",
        )
        .bind(family.to_string())
        .fetch_all(self.c())
        .await?;
        Ok(rows.into_iter().map(StoredInvitation::from).collect())
    }

    pub async fn use_invitation(
        &mut self,
        id: uuid::Uuid,
        by: PersonId,
        now: DateTime<Utc>,
    ) -> Result<()> {
        sqlx::query("UPDATE invitations SET used_at = ?, used_by = ? WHERE id = ?")
            .bind(stamp(now))
            .bind(by.to_string())
            .bind(id.to_string())
            .execute(self.c())
            .await?;
        Ok(())
    }
}
