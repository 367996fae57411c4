//! Single-use invitation links: `…/invite#<code>`. The code travels in the URL
//! fragment, which browsers never send to a server, so it stays out of every log.

use chrono::{DateTime, Duration, Utc};
use sqlx::SqlitePool;
use tsunagu_model::{
    FamilyId, PersonId, Role,
    api::{InvitationState, InvitationSummary, InvitationView},
};

use super::secret::{new_token, new_uuid, token_hash};
use crate::{
    ApiError, Said,
    audit::{self, Action},
    clock,
};

pub const LIFETIME: Duration = Duration::days(7);

/// A freshly made invitation: the code is shown once and never stored.
#[derive(Debug)]
pub struct NewInvitation {
    pub id: uuid::Uuid,
    pub code: String,
    pub expires_at: DateTime<Utc>,
}

#[derive(Debug, Clone)]
pub struct Invitation {
    pub id: String,
    pub role: Role,
    pub family: Option<FamilyId>,
    pub display_name: String,
    pub expires_at: DateTime<Utc>,
    /// Who made it (`None`: the admin's command line).
    pub created_by: Option<PersonId>,
}

pub async fn create(
    db: &SqlitePool,
    role: Role,
    family: Option<FamilyId>,
    display_name: &str,
    created_by: Option<PersonId>,
    now: DateTime<Utc>,
) -> Result<NewInvitation, ApiError> {
    let display_name = tsunagu_model::text::Name::parse(display_name)
        .map_err(|e| crate::error::refused_text("名前", "The name (display_name)", &e))?;
    let display_name = display_name.as_str();
    match (role, family) {
        (Role::Parent, None) => {
            return Err(ApiError::BadRequest(Said::new(
                "保護者の招待には家族を指定してください。",
                "A parent's invitation needs the family.",
            )));
        }
        (Role::Parent, Some(family)) => {
            let exists: Option<(i64,)> = sqlx::query_as("SELECT 1 FROM families WHERE id = ?")
                .bind(family.to_string())
                .fetch_optional(db)
                .await?;
            if exists.is_none() {
                return Err(ApiError::NotFound(Said::new(
                    "その家族は見つかりません。",
                    "There is no such family.",
                )));
            }
        }
        (_, Some(_)) => {
            return Err(ApiError::BadRequest(Said::new(
                "家族を指定できるのは保護者の招待だけです。",
                "Only a parent's invitation names a family.",
            )));
        }
        (_, None) => {}
    }
    let code = new_token()?;
    let id = new_uuid()?;
    let expires_at = now + LIFETIME;
    let mut tx = db.begin().await?;
    sqlx::query(
        "INSERT INTO invitations (id, code_hash, role, family_id, display_name, created_at, expires_at, created_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(id.to_string())
    .bind(token_hash(&code))
    .bind(role.as_str())
    .bind(family.map(|f| f.to_string()))
    .bind(display_name)
    .bind(clock::to_text(now))
    .bind(clock::to_text(expires_at))
    .bind(created_by.map(|p| p.to_string()))
    .execute(&mut *tx)
    .await?;
    audit::record(&mut *tx, created_by, Action::InvitationCreated, family).await?;
    tx.commit().await?;
    Ok(NewInvitation {
        id,
        code,
        expires_at,
    })
}

/// Revokes an invitation not yet used (of `family`, when given). Returns whether
/// there was one to revoke.
pub async fn revoke(
    db: &SqlitePool,
    id: &str,
    family: Option<FamilyId>,
    revoked_by: Option<PersonId>,
    now: DateTime<Utc>,
) -> Result<bool, ApiError> {
    let mut tx = db.begin().await?;
    let family_filter = family.map(|f| f.to_string());
    let family: Option<(Option<String>,)> = sqlx::query_as(
        "UPDATE invitations SET revoked_at = ?
         WHERE id = ? AND used_at IS NULL AND revoked_at IS NULL AND (? IS NULL OR family_id = ?)
         RETURNING family_id",
    )
    .bind(clock::to_text(now))
    .bind(id)
    .bind(&family_filter)
    .bind(&family_filter)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((family,)) = family else {
        return Ok(false);
    };
    let family = family.and_then(|f| f.parse().ok());
    audit::record(&mut *tx, revoked_by, Action::InvitationRevoked, family).await?;
    tx.commit().await?;
    Ok(true)
}

#[derive(sqlx::FromRow)]
struct InvitationRow {
    id: String,
    role: String,
    family_id: Option<String>,
    display_name: String,
    expires_at: String,
    used_at: Option<String>,
    revoked_at: Option<String>,
    created_by: Option<String>,
}

/// The invitation a code opens, if it can still be used at `now`.
pub async fn usable<'e>(
    db: impl sqlx::SqliteExecutor<'e>,
    code: &str,
    now: DateTime<Utc>,
) -> Result<Invitation, ApiError> {
    let row: Option<InvitationRow> = sqlx::query_as(
        "SELECT id, role, family_id, display_name, expires_at, used_at, revoked_at, created_by
             FROM invitations WHERE code_hash = ?",
    )
    .bind(token_hash(code))
    .fetch_optional(db)
    .await?;
    let Some(InvitationRow {
        id,
        role,
        family_id: family,
        display_name,
        expires_at,
        used_at,
        revoked_at,
        created_by,
    }) = row
    else {
        return Err(ApiError::NotFound(Said::new(
            "この招待リンクは正しくありません。リンク全体がコピーされているか確かめてください。",
            "This invitation link is not valid. Please check that the whole link was copied.",
        )));
    };
    let corrupt = |what: &str| ApiError::CorruptData(format!("invitation {what}"));
    let expires_at = clock::from_text(&expires_at).ok_or_else(|| corrupt("expiry"))?;
    if used_at.is_some() {
        return Err(ApiError::Gone(Said::new(
            "この招待はすでに使われています。ログインするか、新しい招待を頼んでください。",
            "This invitation has already been used. Please sign in, or ask for a new invitation.",
        )));
    }
    if revoked_at.is_some() {
        return Err(ApiError::Gone(Said::new(
            "この招待は取り消されました。新しい招待を頼んでください。",
            "This invitation was withdrawn. Please ask for a new one.",
        )));
    }
    if now >= expires_at {
        return Err(ApiError::Gone(Said::new(
            "この招待は有効期限が切れています。新しい招待を頼んでください。",
            "This invitation has expired. Please ask for a new one.",
        )));
    }
    Ok(Invitation {
        id,
        role: role.parse().map_err(|_| corrupt("role"))?,
        family: family
            .map(|f| f.parse())
            .transpose()
            .map_err(|_| corrupt("family"))?,
        display_name,
        expires_at,
        created_by: created_by
            .map(|p| p.parse())
            .transpose()
            .map_err(|_| corrupt("creator"))?,
    })
}

impl Invitation {
    pub fn view(&self) -> InvitationView {
        InvitationView {
            display_name: self.display_name.clone(),
            role: self.role,
            expires_at: clock::town_local(self.expires_at),
        }
    }
}

/// A family's parent invitations, newest first.
pub async fn of_family(
    db: &SqlitePool,
    family: FamilyId,
    now: DateTime<Utc>,
) -> Result<Vec<InvitationSummary>, ApiError> {
    let rows: Vec<InvitationRow> = sqlx::query_as(
        "SELECT id, role, family_id, display_name, expires_at, used_at, revoked_at, created_by
         FROM invitations WHERE family_id = ? ORDER BY created_at DESC, id",
    )
    .bind(family.to_string())
    .fetch_all(db)
    .await?;
    rows.into_iter()
        .map(|row| {
            let corrupt = |what: &str| ApiError::CorruptData(format!("invitation {what}"));
            let expires_at = clock::from_text(&row.expires_at).ok_or_else(|| corrupt("expiry"))?;
            let state = match (row.used_at, row.revoked_at) {
                (Some(_), _) => InvitationState::Used,
                (None, Some(_)) => InvitationState::Revoked,
                (None, None) if now >= expires_at => InvitationState::Expired,
                (None, None) => InvitationState::Pending,
            };
            Ok(InvitationSummary {
                id: row.id.parse().map_err(|_| corrupt("id"))?,
                display_name: row.display_name,
                state,
                expires_at: clock::town_local(expires_at),
            })
        })
        .collect()
}
