//! Getting in: password sign-in, passkeys, sessions, sign-out, and setting up
//! an account from an invitation (`account`).

mod account;
pub mod passkeys;
pub(crate) mod password;
pub mod session;

use tsunagu_model::endpoints as e;

use crate::routes::Api;
use std::{
    convert::Infallible,
    net::{IpAddr, SocketAddr},
    time::Instant,
};
use tsunagu_model::problem::Problem;

use axum::{
    Json,
    extract::{ConnectInfo, FromRequestParts, State},
    http::{StatusCode, header, request::Parts},
    response::{IntoResponse, Response},
};
use chrono::Utc;
use tsunagu_model::{api, audit::AuditAction as Action};

pub use crate::families::invitations;
pub use session::Actor;

use crate::{ApiError, AppState, error::ApiJson, limits::sign_in as limiter};

pub fn routes(api: Api) -> Api {
    api.at::<e::GetMe, _, _>(me)
        .at::<e::SignIn, _, _>(sign_in)
        .at::<e::SignOut, _, _>(sign_out)
        .at::<e::SignOutEverywhere, _, _>(sign_out_everywhere)
        .at::<e::GetInvitation, _, _>(account::show_invitation)
        .at::<e::AcceptWithPassword, _, _>(account::accept_with_password)
        .at::<e::StartPasskeySetUp, _, _>(passkeys::start_passkey_set_up)
        .at::<e::FinishPasskeySetUp, _, _>(passkeys::finish_passkey_set_up)
        .at::<e::StartPasskeySignIn, _, _>(passkeys::start_passkey_sign_in)
        .at::<e::FinishPasskeySignIn, _, _>(passkeys::finish_passkey_sign_in)
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

    // No connection is held through the slow hash check.
    let login_row = state.store.read().await?.password_login(&login).await?;
    let (person, stored) = match login_row {
        Some((person, hash)) => (Some(person), Some(hash)),
        None => (None, None),
    };
    let person = match (password::verify(body.password, stored).await?, person) {
        (true, Some(person)) => person,
        _ => {
            state.limiter.record(&login_key, now);
            return Err(ApiError::Unauthorized(Problem::WrongCredentials));
        }
    };
    state.limiter.clear(&login_key);
    let me = state.store.read().await?.me(person).await?;
    signed_in(&state, me, StatusCode::OK).await
}

async fn sign_out(State(state): State<AppState>, actor: Actor) -> Result<Response, ApiError> {
    session::end(&state.store, &actor).await?;
    state
        .store
        .read()
        .await?
        .audit(Some(actor.person), Action::SignOut, None)
        .await?;
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
    session::end_all(&state.store, actor.person).await?;
    state
        .store
        .read()
        .await?
        .audit(Some(actor.person), Action::SignOutEverywhere, None)
        .await?;
    Ok((
        StatusCode::NO_CONTENT,
        [(header::SET_COOKIE, session::clear_cookie())],
    )
        .into_response())
}

/// A fresh session for someone who just proved who they are.
async fn signed_in(
    state: &AppState,
    me: api::Me,
    status: StatusCode,
) -> Result<Response, ApiError> {
    let cookie = session::start(&state.store, me.id, Utc::now()).await?;
    state
        .store
        .read()
        .await?
        .audit(Some(me.id), Action::SignIn, None)
        .await?;
    Ok((status, [(header::SET_COOKIE, cookie)], Json(me)).into_response())
}
