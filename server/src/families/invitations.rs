//! Single-use invitation links: `…/invite#<code>`. The code travels in the URL
//! fragment, which browsers never send to a server, so it stays out of every log.
//! A coordinator invites a family's parents here; the admin invites anyone from
//! the command line.

use tsunagu_model::endpoints as e;

use crate::routes::Api;
use axum::{
    Json,
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Response},
};
use chrono::{DateTime, Duration, Utc};
use sqlx::SqlitePool;
use tsunagu_model::problem::{IdOf, Problem, TextField, Thing};
use tsunagu_model::{
    FamilyId, PersonId, Role,
    api::{self, InvitationState, InvitationSummary, InvitationView},
    audit::AuditAction as Action,
};

use crate::{
    ApiError, AppState, clock,
    error::ApiJson,
    policy::ManagedFamily,
    secret::{new_token, new_uuid, token_hash},
    store::{
        Connection, Handle, Store,
        invitations::{NewStoredInvitation, StoredInvitation},
    },
};

pub const LIFETIME: Duration = Duration::days(7);

pub fn routes(api: Api) -> Api {
    api.at::<e::ListInvitations, _, _>(family_invitations)
        .at::<e::InviteToFamily, _, _>(invite_parent)
        .at::<e::RevokeInvitation, _, _>(revoke_invitation)
}

/// A freshly made invitation: the code is shown once and never stored.
#[derive(Debug)]
pub struct NewInvitation {
    pub id: uuid::Uuid,
    pub code: String,
    pub expires_at: DateTime<Utc>,
}

/// An invitation that can still be used.
#[derive(Debug, Clone)]
pub struct Invitation {
    pub id: uuid::Uuid,
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
    create_in(
        &Store::new(db.clone()),
        role,
        family,
        display_name,
        created_by,
        now,
    )
    .await
}

pub(crate) async fn create_in(
    store: &Store,
    role: Role,
    family: Option<FamilyId>,
    display_name: &str,
    created_by: Option<PersonId>,
    now: DateTime<Utc>,
) -> Result<NewInvitation, ApiError> {
    let display_name = tsunagu_model::text::Name::parse(display_name).map_err(|why| {
        ApiError::BadRequest(Problem::InvalidText {
            field: TextField::InviteeName,
            why,
        })
    })?;
    match (role, family) {
        (Role::Parent, None) => {
            return Err(ApiError::BadRequest(Problem::InvitationNeedsFamily));
        }
        (Role::Parent, Some(family)) => {
            if !store.read().await?.family_exists(family).await? {
                return Err(ApiError::NotFound(Problem::NotFound {
                    what: Thing::Family,
                }));
            }
        }
        (_, Some(_)) => {
            return Err(ApiError::BadRequest(
                Problem::OnlyParentInvitationNamesFamily,
            ));
        }
        (_, None) => {}
    }
    let code = new_token()?;
    let id = new_uuid()?;
    let expires_at = now + LIFETIME;
    let mut tx = store.begin().await?;
    tx.add_invitation(NewStoredInvitation {
        id,
        code_hash: &token_hash(&code),
        role,
        family,
        display_name: display_name.as_str(),
        created_at: now,
        expires_at,
        created_by,
    })
    .await?;
    tx.audit(created_by, Action::InvitationCreated, family)
        .await?;
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
    revoke_in(&Store::new(db.clone()), id, family, revoked_by, now).await
}

async fn revoke_in(
    store: &Store,
    id: &str,
    family: Option<FamilyId>,
    revoked_by: Option<PersonId>,
    now: DateTime<Utc>,
) -> Result<bool, ApiError> {
    let mut tx = store.begin().await?;
    let Some(family) = tx.revoke_invitation(id, family, now).await? else {
        return Ok(false);
    };
    tx.audit(revoked_by, Action::InvitationRevoked, family)
        .await?;
    tx.commit().await?;
    Ok(true)
}

/// The invitation a code opens, if it can still be used at `now`.
pub async fn usable<C: Connection>(
    db: &mut Handle<C>,
    code: &str,
    now: DateTime<Utc>,
) -> Result<Invitation, ApiError> {
    let Some(StoredInvitation {
        id,
        role,
        family,
        display_name,
        expires_at,
        used,
        revoked,
        created_by,
    }) = db.invitation_by_code(&token_hash(code)).await?
    else {
        return Err(ApiError::NotFound(Problem::InvitationLinkInvalid));
    };
    if used {
        return Err(ApiError::Gone(Problem::InvitationUsed));
    }
    if revoked {
        return Err(ApiError::Gone(Problem::InvitationWithdrawn));
    }
    if now >= expires_at {
        return Err(ApiError::Gone(Problem::InvitationExpired));
    }
    Ok(Invitation {
        id,
        role,
        family,
        display_name,
        expires_at,
        created_by,
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
async fn of_family(
    store: &Store,
    family: FamilyId,
    now: DateTime<Utc>,
) -> Result<Vec<InvitationSummary>, ApiError> {
    let invitations = store.read().await?.invitations_of(family).await?;
    Ok(invitations
        .into_iter()
        .map(|invitation| {
            let state = match (invitation.used, invitation.revoked) {
                (true, _) => InvitationState::Used,
                (false, true) => InvitationState::Revoked,
                (false, false) if now >= invitation.expires_at => InvitationState::Expired,
                (false, false) => InvitationState::Pending,
            };
            InvitationSummary {
                id: invitation.id,
                display_name: invitation.display_name,
                state,
                expires_at: clock::town_local(invitation.expires_at),
            }
        })
        .collect())
}

/// A coordinator invites a parent of a family; the code is in this answer only.
async fn invite_parent(
    State(state): State<AppState>,
    managed: ManagedFamily,
    ApiJson(body): ApiJson<api::InviteParent>,
) -> Result<Response, ApiError> {
    let invitation = create_in(
        &state.store,
        Role::Parent,
        Some(managed.family),
        &body.display_name,
        Some(managed.actor.person),
        Utc::now(),
    )
    .await?;
    let link = api::InvitationLink {
        id: invitation.id,
        code: invitation.code,
        expires_at: clock::town_local(invitation.expires_at),
    };
    Ok((StatusCode::CREATED, Json(link)).into_response())
}

async fn family_invitations(
    State(state): State<AppState>,
    managed: ManagedFamily,
) -> Result<Json<Vec<InvitationSummary>>, ApiError> {
    Ok(Json(
        of_family(&state.store, managed.family, Utc::now()).await?,
    ))
}

async fn revoke_invitation(
    State(state): State<AppState>,
    managed: ManagedFamily,
    Path(params): Path<std::collections::HashMap<String, String>>,
) -> Result<StatusCode, ApiError> {
    let id: uuid::Uuid = params
        .get("invitation_id")
        .and_then(|id| id.parse().ok())
        .ok_or_else(|| {
            ApiError::BadRequest(Problem::InvalidId {
                what: IdOf::Invitation,
            })
        })?;
    let revoked = revoke_in(
        &state.store,
        &id.to_string(),
        Some(managed.family),
        Some(managed.actor.person),
        Utc::now(),
    )
    .await?;
    if revoked {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::NotFound(Problem::NotFound {
            what: Thing::Invitation,
        }))
    }
}
