//! Reads from the server's API. Until the offline store lands every read goes to
//! the network, and a failure is told apart: offline, or the server said no.

use gloo_net::http::{Request, Response};
use serde::{Serialize, de::DeserializeOwned};
use tsunagu_model::{Family, FamilyId, api};

#[derive(Debug, Clone, PartialEq)]
pub enum FetchError {
    /// No answer at all: the device is offline or the server is down.
    Offline,
    /// The server answered with an error: its code is for the app, its message for people.
    Server {
        status: u16,
        code: String,
        message: String,
    },
    /// An answer we cannot read (a proxy's page, a version mismatch).
    Unreadable,
}

impl FetchError {
    /// 401: not signed in, or the session ended; the app asks to sign in.
    pub fn is_signed_out(&self) -> bool {
        matches!(self, Self::Server { status: 401, .. })
    }

    /// 401 after having been signed in: the session expired or was ended elsewhere.
    pub fn is_session_ended(&self) -> bool {
        matches!(self, Self::Server { status: 401, code, .. } if code == "session_ended")
    }
}

pub async fn get_json<T: DeserializeOwned>(path: &str) -> Result<T, FetchError> {
    let response = Request::get(path)
        .header("Accept", "application/json")
        .send()
        .await
        .map_err(|_| FetchError::Offline)?;
    read(response).await
}

pub async fn post_json<B: Serialize, T: DeserializeOwned>(
    path: &str,
    body: &B,
) -> Result<T, FetchError> {
    let response = Request::post(path)
        .header("Accept", "application/json")
        .json(body)
        .map_err(|_| FetchError::Unreadable)?
        .send()
        .await
        .map_err(|_| FetchError::Offline)?;
    read(response).await
}

/// POSTs without a body and returns the answer's JSON as text, unread: for
/// structures the browser itself reads (passkey challenges).
pub async fn post_for_text(path: &str) -> Result<String, FetchError> {
    let response = Request::post(path)
        .header("Accept", "application/json")
        .send()
        .await
        .map_err(|_| FetchError::Offline)?;
    if response.ok() {
        response.text().await.map_err(|_| FetchError::Unreadable)
    } else {
        error_of(response).await
    }
}

/// POSTs JSON already in text form; success or the server's error.
pub async fn post_text(path: &str, json: &str) -> Result<(), FetchError> {
    let request = Request::post(path)
        .header("Accept", "application/json")
        .header("Content-Type", "application/json")
        .body(json.to_owned())
        .map_err(|_| FetchError::Unreadable)?;
    send_for_outcome(request).await
}

/// For answers whose body the app does not need: success or the server's error.
async fn send_for_outcome(request: Request) -> Result<(), FetchError> {
    let response = request.send().await.map_err(|_| FetchError::Offline)?;
    if response.ok() {
        Ok(())
    } else {
        error_of(response).await
    }
}

async fn read<T: DeserializeOwned>(response: Response) -> Result<T, FetchError> {
    if response.ok() {
        return response.json().await.map_err(|_| FetchError::Unreadable);
    }
    error_of(response).await
}

async fn error_of<T>(response: Response) -> Result<T, FetchError> {
    let status = response.status();
    match response.json::<api::ApiError>().await {
        Ok(body) => Err(FetchError::Server {
            status,
            code: body.error,
            message: body.message,
        }),
        Err(_) => Err(FetchError::Unreadable),
    }
}

pub async fn families() -> Result<Vec<Family>, FetchError> {
    get_json("/api/families").await
}

pub async fn family_overview(id: FamilyId) -> Result<api::FamilyOverview, FetchError> {
    get_json(&format!("/api/families/{id}")).await
}

pub async fn sign_in(login: &str, password: &str) -> Result<api::Me, FetchError> {
    let body = api::PasswordSignIn {
        login: login.to_owned(),
        password: password.to_owned(),
    };
    post_json("/api/session", &body).await
}

pub async fn sign_out() -> Result<(), FetchError> {
    let request = Request::delete("/api/session").build();
    send_for_outcome(request.map_err(|_| FetchError::Unreadable)?).await
}

pub async fn invitation(code: &str) -> Result<api::InvitationView, FetchError> {
    get_json(&format!("/api/invitations/{code}")).await
}

pub async fn accept_invitation(
    code: &str,
    login: &str,
    password: &str,
) -> Result<api::Me, FetchError> {
    let body = api::PasswordSignIn {
        login: login.to_owned(),
        password: password.to_owned(),
    };
    post_json(&format!("/api/invitations/{code}/password"), &body).await
}

pub async fn access_log(
    family: FamilyId,
) -> Result<Vec<tsunagu_model::audit::AccessLogEntry>, FetchError> {
    get_json(&format!("/api/families/{family}/access-log")).await
}

pub async fn me() -> Result<api::Me, FetchError> {
    get_json("/api/me").await
}

pub async fn mentees() -> Result<Vec<tsunagu_model::consent::Mentee>, FetchError> {
    get_json("/api/mentees").await
}

pub async fn mentors() -> Result<Vec<tsunagu_model::consent::MentorSummary>, FetchError> {
    get_json("/api/mentors").await
}

pub async fn consents(
    family: FamilyId,
) -> Result<Vec<tsunagu_model::consent::Consent>, FetchError> {
    get_json(&format!("/api/families/{family}/consents")).await
}

pub async fn grant_consent(
    family: FamilyId,
    grant: &tsunagu_model::consent::GrantConsent,
) -> Result<(), FetchError> {
    let request = Request::post(&format!("/api/families/{family}/consents")).json(grant);
    send_for_outcome(request.map_err(|_| FetchError::Unreadable)?).await
}

pub async fn revoke_consent(
    family: FamilyId,
    consent: tsunagu_model::consent::ConsentId,
) -> Result<(), FetchError> {
    let request = Request::delete(&format!("/api/families/{family}/consents/{consent}")).build();
    send_for_outcome(request.map_err(|_| FetchError::Unreadable)?).await
}

pub async fn family_invitations(
    family: FamilyId,
) -> Result<Vec<api::InvitationSummary>, FetchError> {
    get_json(&format!("/api/families/{family}/invitations")).await
}

pub async fn invite_parent(
    family: FamilyId,
    display_name: &str,
) -> Result<api::InvitationLink, FetchError> {
    let body = api::InviteParent {
        display_name: display_name.to_owned(),
    };
    post_json(&format!("/api/families/{family}/invitations"), &body).await
}

pub async fn revoke_invitation(family: FamilyId, invitation: uuid::Uuid) -> Result<(), FetchError> {
    let request =
        Request::delete(&format!("/api/families/{family}/invitations/{invitation}")).build();
    send_for_outcome(request.map_err(|_| FetchError::Unreadable)?).await
}
