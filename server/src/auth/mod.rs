//! Getting in: invitations, password sign-in, sessions, sign-out.

pub mod csrf;
pub mod invitations;
mod limiter;
pub mod passkeys;
pub(crate) mod password;
pub(crate) mod secret;
pub mod session;

use std::{
    convert::Infallible,
    net::{IpAddr, SocketAddr},
    time::Instant,
};

use axum::{
    Json, Router,
    extract::{ConnectInfo, FromRequestParts, Path, State},
    http::{StatusCode, header, request::Parts},
    response::{IntoResponse, Response},
    routing::{get, post},
};
use chrono::Utc;
use tsunagu_model::{LoginName, NewPassword, PersonId, Role, api};

pub use limiter::SignInLimiter;
pub use session::Actor;

use crate::{
    ApiError, AppState, Said,
    access::ManagedFamily,
    audit::{self, Action},
    clock,
    error::ApiJson,
};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/me", get(me))
        .route("/session", post(sign_in).delete(sign_out))
        .route("/sessions", axum::routing::delete(sign_out_everywhere))
        .route("/invitations/{code}", get(show_invitation))
        .route("/invitations/{code}/password", post(accept_with_password))
        .route("/invitations/{code}/passkey", post(start_passkey_set_up))
        .route(
            "/invitations/{code}/passkey/finish",
            post(finish_passkey_set_up),
        )
        .route("/session/passkey", post(start_passkey_sign_in))
        .route("/session/passkey/finish", post(finish_passkey_sign_in))
        .route(
            "/families/{family_id}/invitations",
            get(family_invitations).post(invite_parent),
        )
        .route(
            "/families/{family_id}/invitations/{invitation_id}",
            axum::routing::delete(revoke_invitation),
        )
}

fn me_of(actor: &Actor) -> api::Me {
    api::Me {
        id: actor.person,
        role: actor.role,
        display_name: actor.display_name.clone(),
    }
}

async fn me(actor: Actor) -> Json<api::Me> {
    Json(me_of(&actor))
}

/// The client's address, for rate limits; absent when served without one (in-process tests).
pub struct ClientAddr(Option<IpAddr>);

impl<S: Send + Sync> FromRequestParts<S> for ClientAddr {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Self(
            parts
                .extensions
                .get::<ConnectInfo<SocketAddr>>()
                .map(|ConnectInfo(addr)| addr.ip()),
        ))
    }
}

impl ClientAddr {
    fn key(&self) -> String {
        match self.0 {
            Some(ip) => format!("addr:{ip}"),
            None => "addr:unknown".to_owned(),
        }
    }
}

async fn sign_in(
    State(state): State<AppState>,
    addr: ClientAddr,
    ApiJson(body): ApiJson<api::PasswordSignIn>,
) -> Result<Response, ApiError> {
    let now = Instant::now();
    let addr_key = addr.key();
    state.limiter.check(&addr_key, limiter::PER_ADDRESS, now)?;
    state.limiter.record(&addr_key, now);
    let login = body.login.trim().to_ascii_lowercase();
    let login_key = format!("login:{login}");
    state.limiter.check(&login_key, limiter::PER_ACCOUNT, now)?;

    let row: Option<(String, String)> =
        sqlx::query_as("SELECT person_id, password_hash FROM password_logins WHERE login = ?")
            .bind(&login)
            .fetch_optional(&state.db)
            .await?;
    let (person, stored) = match row {
        Some((person, hash)) => (Some(person), Some(hash)),
        None => (None, None),
    };
    let person = match (password::verify(body.password, stored).await?, person) {
        (true, Some(person)) => person,
        _ => {
            state.limiter.record(&login_key, now);
            return Err(ApiError::Unauthorized(Said::new(
                "ログイン名かパスワードが違います。",
                "The login name or the password is not right.",
            )));
        }
    };
    state.limiter.clear(&login_key);
    let person: PersonId = person
        .parse()
        .map_err(|_| ApiError::CorruptData("password login person".to_owned()))?;
    let me = load_me(&state, person).await?;
    signed_in(&state, me, StatusCode::OK).await
}

async fn load_me(state: &AppState, person: PersonId) -> Result<api::Me, ApiError> {
    let (role, display_name): (String, String) =
        sqlx::query_as("SELECT role, display_name FROM people WHERE id = ?")
            .bind(person.to_string())
            .fetch_one(&state.db)
            .await?;
    Ok(api::Me {
        id: person,
        role: role
            .parse()
            .map_err(|_| ApiError::CorruptData("person role".to_owned()))?,
        display_name,
    })
}

async fn sign_out(State(state): State<AppState>, actor: Actor) -> Result<Response, ApiError> {
    session::end(&state.db, &actor).await?;
    audit::record(&state.db, Some(actor.person), Action::SignOut, None).await?;
    Ok((
        StatusCode::NO_CONTENT,
        [(header::SET_COOKIE, session::clear_cookie())],
    )
        .into_response())
}

async fn sign_out_everywhere(
    State(state): State<AppState>,
    actor: Actor,
) -> Result<Response, ApiError> {
    session::end_all(&state.db, actor.person).await?;
    audit::record(
        &state.db,
        Some(actor.person),
        Action::SignOutEverywhere,
        None,
    )
    .await?;
    Ok((
        StatusCode::NO_CONTENT,
        [(header::SET_COOKIE, session::clear_cookie())],
    )
        .into_response())
}

async fn show_invitation(
    State(state): State<AppState>,
    Path(code): Path<String>,
) -> Result<Json<api::InvitationView>, ApiError> {
    let invitation = invitations::usable(&state.db, &code, Utc::now()).await?;
    Ok(Json(invitation.view()))
}

/// Sets up sign-in with a password from an invitation: the account is created,
/// the invitation used up and a session started, all or nothing.
///
/// A login name already in use must be told (the person picks another), which
/// says that someone has it: so each attempt counts against the address, and an
/// invitation gets `PER_ACCOUNT` names refused before it must wait, which keeps
/// anyone from trying lists of names through it.
async fn accept_with_password(
    State(state): State<AppState>,
    addr: ClientAddr,
    Path(code): Path<String>,
    ApiJson(body): ApiJson<api::PasswordSignIn>,
) -> Result<Response, ApiError> {
    let started = Instant::now();
    let addr_key = addr.key();
    state
        .limiter
        .check(&addr_key, limiter::PER_ADDRESS, started)?;
    state.limiter.record(&addr_key, started);
    let invitation_key = format!("invitation:{}", secret::token_hash(&code));
    state
        .limiter
        .check(&invitation_key, limiter::PER_ACCOUNT, started)?;
    let login = LoginName::parse(&body.login)
        .map_err(|e| ApiError::BadRequest(Said::explained(|lang| e.explain(lang))))?;
    let password = NewPassword::parse(&body.password)
        .map_err(|e| ApiError::BadRequest(Said::explained(|lang| e.explain(lang))))?;
    let now = Utc::now();
    // Checked before the slow hash so a dead link answers at once.
    invitations::usable(&state.db, &code, now).await?;
    let hash = password::hash(password.expose().to_owned()).await?;

    let mut tx = state.db.begin().await?;
    let invitation = invitations::usable(&mut *tx, &code, now).await?;
    let taken: Option<(i64,)> = sqlx::query_as("SELECT 1 FROM password_logins WHERE login = ?")
        .bind(login.as_str())
        .fetch_optional(&mut *tx)
        .await?;
    if taken.is_some() {
        state.limiter.record(&invitation_key, started);
        return Err(ApiError::Conflict(Said::new(
            "このログイン名は使えません。別の名前を選んでください。",
            "This login name cannot be used. Please choose another.",
        )));
    }
    let person = PersonId(secret::new_uuid()?);
    create_account(&mut tx, &invitation, person, now).await?;
    sqlx::query("INSERT INTO password_logins (person_id, login, password_hash, updated_at) VALUES (?, ?, ?, ?)")
        .bind(person.to_string())
        .bind(login.as_str())
        .bind(&hash)
        .bind(clock::to_text(now))
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    state.limiter.clear(&invitation_key);
    signed_in(&state, new_member(person, invitation), StatusCode::CREATED).await
}

fn new_member(person: PersonId, invitation: invitations::Invitation) -> api::Me {
    api::Me {
        id: person,
        role: invitation.role,
        display_name: invitation.display_name,
    }
}

/// A fresh session for someone who just proved who they are.
async fn signed_in(
    state: &AppState,
    me: api::Me,
    status: StatusCode,
) -> Result<Response, ApiError> {
    let cookie = session::start(&state.db, me.id, Utc::now()).await?;
    audit::record(&state.db, Some(me.id), Action::SignIn, None).await?;
    Ok((status, [(header::SET_COOKIE, cookie)], Json(me)).into_response())
}

/// The person an invitation names becomes an account (a parent joins the family),
/// and the invitation is used up. Inside the caller's transaction.
async fn create_account(
    tx: &mut sqlx::SqliteConnection,
    invitation: &invitations::Invitation,
    person: PersonId,
    now: chrono::DateTime<Utc>,
) -> Result<(), ApiError> {
    sqlx::query("INSERT INTO people (id, role, display_name, created_at) VALUES (?, ?, ?, ?)")
        .bind(person.to_string())
        .bind(invitation.role.as_str())
        .bind(&invitation.display_name)
        .bind(clock::to_text(now))
        .execute(&mut *tx)
        .await?;
    if let (Role::Parent, Some(family)) = (invitation.role, invitation.family) {
        // A family's first parent is its parent at once; a newcomer to a family
        // with parents waits for one of them (`crate::joining`), whoever invited.
        let (parents,): (i64,) = sqlx::query_as(
            "SELECT count(*) FROM family_parents WHERE family_id = ? AND confirmed = 1",
        )
        .bind(family.to_string())
        .fetch_one(&mut *tx)
        .await?;
        let confirmed = parents == 0;
        sqlx::query(
            "INSERT INTO family_parents (family_id, person_id, confirmed, invited_by, joined_at)
             VALUES (?, ?, ?, ?, ?)",
        )
        .bind(family.to_string())
        .bind(person.to_string())
        .bind(confirmed)
        .bind(invitation.created_by.map(|p| p.to_string()))
        .bind(clock::to_text(now))
        .execute(&mut *tx)
        .await?;
        if !confirmed {
            audit::record_about(
                &mut *tx,
                invitation.created_by,
                Action::ParentJoining,
                Some(family),
                Some(person),
            )
            .await?;
        }
        // What the family's parents already receive reaches the new one too
        // (a newcomer waiting: the family's meetings and plans, none of the
        // entries its parents share with each other).
        crate::sync::enroll(tx, person).await?;
    }
    sqlx::query("UPDATE invitations SET used_at = ?, used_by = ? WHERE id = ?")
        .bind(clock::to_text(now))
        .bind(person.to_string())
        .bind(&invitation.id)
        .execute(&mut *tx)
        .await?;
    audit::record(
        &mut *tx,
        Some(person),
        Action::AccountCreated,
        invitation.family,
    )
    .await?;
    Ok(())
}

/// Step one of setting up with a passkey: the browser gets a challenge to sign.
async fn start_passkey_set_up(
    State(state): State<AppState>,
    addr: ClientAddr,
    Path(code): Path<String>,
) -> Result<Json<passkeys::RegistrationChallenge>, ApiError> {
    let now = Instant::now();
    let addr_key = addr.key();
    state.limiter.check(&addr_key, limiter::PER_ADDRESS, now)?;
    state.limiter.record(&addr_key, now);
    let invitation = invitations::usable(&state.db, &code, Utc::now()).await?;
    let user = secret::new_uuid()?;
    let challenge = state.passkeys.start_registration(
        user,
        &invitation.display_name,
        passkeys::Purpose::Invitation {
            code_hash: secret::token_hash(&code),
        },
        &addr_key,
        now,
    )?;
    Ok(Json(challenge))
}

/// Step two: the signed challenge checks out, and the account is created with its
/// passkey, the invitation used up and a session started, all or nothing.
async fn finish_passkey_set_up(
    State(state): State<AppState>,
    Path(code): Path<String>,
    ApiJson(answer): ApiJson<passkeys::RegistrationAnswer>,
) -> Result<Response, ApiError> {
    let for_this_invitation = passkeys::Purpose::Invitation {
        code_hash: secret::token_hash(&code),
    };
    let registered =
        state
            .passkeys
            .finish_registration(&answer, &for_this_invitation, Instant::now())?;
    let now = Utc::now();
    let person = PersonId(registered.user);
    let mut tx = state.db.begin().await?;
    let invitation = invitations::usable(&mut *tx, &code, now).await?;
    create_account(&mut tx, &invitation, person, now).await?;
    store_passkey(&mut tx, person, &registered.passkey, now).await?;
    tx.commit().await?;
    signed_in(&state, new_member(person, invitation), StatusCode::CREATED).await
}

async fn store_passkey(
    tx: &mut sqlx::SqliteConnection,
    person: PersonId,
    passkey: &webauthn_rs::prelude::Passkey,
    now: chrono::DateTime<Utc>,
) -> Result<(), ApiError> {
    let stored = serde_json::to_string(passkey)
        .map_err(|e| ApiError::Internal(format!("passkey to JSON: {e}")))?;
    let inserted = sqlx::query(
        "INSERT INTO passkeys (credential_id, person_id, passkey, created_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (credential_id) DO NOTHING",
    )
    .bind(passkeys::credential_id_text(passkey.cred_id()))
    .bind(person.to_string())
    .bind(stored)
    .bind(clock::to_text(now))
    .execute(&mut *tx)
    .await?;
    if inserted.rows_affected() == 0 {
        return Err(ApiError::Conflict(Said::new(
            "このパスキーはすでに使われています。",
            "This passkey is already in use.",
        )));
    }
    Ok(())
}

async fn start_passkey_sign_in(
    State(state): State<AppState>,
    addr: ClientAddr,
) -> Result<Json<passkeys::SignInChallenge>, ApiError> {
    let now = Instant::now();
    let addr_key = addr.key();
    // Every start counts against the address, like a password attempt.
    state.limiter.check(&addr_key, limiter::PER_ADDRESS, now)?;
    state.limiter.record(&addr_key, now);
    Ok(Json(state.passkeys.start_sign_in(&addr_key, now)?))
}

async fn finish_passkey_sign_in(
    State(state): State<AppState>,
    addr: ClientAddr,
    ApiJson(answer): ApiJson<passkeys::SignInAnswer>,
) -> Result<Response, ApiError> {
    let now = Instant::now();
    let addr_key = addr.key();
    state.limiter.check(&addr_key, limiter::PER_ADDRESS, now)?;
    state.limiter.record(&addr_key, now);
    let (credential_id, ceremony) = state.passkeys.identify_sign_in(&answer, now)?;
    let row: Option<(String, String)> =
        sqlx::query_as("SELECT person_id, passkey FROM passkeys WHERE credential_id = ?")
            .bind(&credential_id)
            .fetch_optional(&state.db)
            .await?;
    let (person, stored) = row.ok_or_else(passkeys::unknown_passkey)?;
    let mut passkey: webauthn_rs::prelude::Passkey = serde_json::from_str(&stored)
        .map_err(|_| ApiError::CorruptData("stored passkey".to_owned()))?;
    state
        .passkeys
        .finish_sign_in(&answer, ceremony, &mut passkey)?;
    let updated = serde_json::to_string(&passkey)
        .map_err(|e| ApiError::Internal(format!("passkey to JSON: {e}")))?;
    sqlx::query("UPDATE passkeys SET passkey = ?, last_used_at = ? WHERE credential_id = ?")
        .bind(updated)
        .bind(clock::to_text(Utc::now()))
        .bind(&credential_id)
        .execute(&state.db)
        .await?;
    let person: PersonId = person
        .parse()
        .map_err(|_| ApiError::CorruptData("passkey person".to_owned()))?;
    let me = load_me(&state, person).await?;
    signed_in(&state, me, StatusCode::OK).await
}

/// A coordinator invites a parent of a family; the code is in this answer only.
async fn invite_parent(
    State(state): State<AppState>,
    managed: ManagedFamily,
    ApiJson(body): ApiJson<api::InviteParent>,
) -> Result<Response, ApiError> {
    let invitation = invitations::create(
        &state.db,
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
) -> Result<Json<Vec<api::InvitationSummary>>, ApiError> {
    Ok(Json(
        invitations::of_family(&state.db, managed.family, Utc::now()).await?,
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
            ApiError::BadRequest(Said::new(
                "招待の ID が正しくありません。",
                "The invitation id is not a valid id.",
            ))
        })?;
    let revoked = invitations::revoke(
        &state.db,
        &id.to_string(),
        Some(managed.family),
        Some(managed.actor.person),
        Utc::now(),
    )
    .await?;
    if revoked {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::NotFound(Said::new(
            "使われるのを待っている、その招待はありません。",
            "There is no such invitation waiting to be used.",
        )))
    }
}
