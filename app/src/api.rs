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
    let request = Request::get(path)
        .header("Accept", "application/json")
        .build();
    parse(&exchange(request).await?)
}

pub async fn post_json<B: Serialize, T: DeserializeOwned>(
    path: &str,
    body: &B,
) -> Result<T, FetchError> {
    let body = serde_json::to_string(body).map_err(|_| FetchError::Unreadable)?;
    parse(&exchange(json_post(path, body)).await?)
}

/// POSTs without a body and returns the answer's JSON as text, unread: for
/// structures the browser itself reads (passkey challenges).
pub async fn post_for_text(path: &str) -> Result<String, FetchError> {
    exchange(
        Request::post(path)
            .header("Accept", "application/json")
            .build(),
    )
    .await
}

/// POSTs JSON already in text form; success or the server's error.
pub async fn post_text(path: &str, json: &str) -> Result<(), FetchError> {
    exchange(json_post(path, json.to_owned())).await.map(drop)
}

fn json_post(path: &str, body: String) -> Result<Request, gloo_net::Error> {
    Request::post(path)
        .header("Accept", "application/json")
        .header("Content-Type", "application/json")
        .body(body)
}

fn parse<T: DeserializeOwned>(text: &str) -> Result<T, FetchError> {
    serde_json::from_str(text).map_err(|_| FetchError::Unreadable)
}

/// Sends a request and returns the answer's body, or what went wrong. One
/// function for every call, so the WASM holds the request code once rather than
/// once per answer type.
async fn exchange(request: Result<Request, gloo_net::Error>) -> Result<String, FetchError> {
    let request = request.map_err(|_| FetchError::Unreadable)?;
    // The server writes its refusals in the language the person chose.
    request
        .headers()
        .set("Accept-Language", crate::i18n::chosen_lang().code());
    let response: Response = request.send().await.map_err(|_| FetchError::Offline)?;
    let status = response.status();
    let ok = response.ok();
    let text = response.text().await.map_err(|_| FetchError::Unreadable)?;
    if ok {
        return Ok(text);
    }
    match serde_json::from_str::<api::ApiError>(&text) {
        Ok(body) => Err(FetchError::Server {
            status,
            code: body.error,
            message: body.message,
        }),
        Err(_) => Err(FetchError::Unreadable),
    }
}

/// DELETEs `path`; success or the server's error.
pub async fn delete(path: &str) -> Result<(), FetchError> {
    exchange(Request::delete(path).build()).await.map(drop)
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
    exchange(Request::delete("/api/session").build())
        .await
        .map(drop)
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

/// One page of the family's access log; `before` is the previous page's `older`.
pub async fn access_log(
    family: FamilyId,
    before: Option<i64>,
) -> Result<tsunagu_model::audit::AccessLogPage, FetchError> {
    let path = format!("/api/families/{family}/access-log");
    match before {
        Some(before) => get_json(&format!("{path}?before={before}")).await,
        None => get_json(&path).await,
    }
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
    let body = serde_json::to_string(grant).map_err(|_| FetchError::Unreadable)?;
    let path = format!("/api/families/{family}/consents");
    exchange(json_post(&path, body)).await.map(drop)
}

pub async fn revoke_consent(
    family: FamilyId,
    consent: tsunagu_model::consent::ConsentId,
) -> Result<(), FetchError> {
    exchange(Request::delete(&format!("/api/families/{family}/consents/{consent}")).build())
        .await
        .map(drop)
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
    exchange(Request::delete(&format!("/api/families/{family}/invitations/{invitation}")).build())
        .await
        .map(drop)
}

/// The values a synced record's fields once had, newest first (its author only).
pub async fn history(
    key: tsunagu_model::sync::RecordKey,
) -> Result<Vec<tsunagu_model::sync::HistoryEntry>, FetchError> {
    get_json(&format!(
        "/api/sync/history/{}/{}",
        key.record_type.as_str(),
        key.id
    ))
    .await
}

/// PUTs JSON and reads the answer: a coordinator's save of a whole document.
async fn put_json<B: Serialize, T: DeserializeOwned>(
    path: &str,
    body: &B,
) -> Result<T, FetchError> {
    let body = serde_json::to_string(body).map_err(|_| FetchError::Unreadable)?;
    let request = Request::put(path)
        .header("Accept", "application/json")
        .header("Content-Type", "application/json")
        .body(body);
    parse(&exchange(request).await?)
}

pub async fn register_family(display_name: &str) -> Result<Family, FetchError> {
    let body = api::NewFamily {
        display_name: display_name.to_owned(),
    };
    post_json("/api/families", &body).await
}

pub async fn register_child(
    child: &tsunagu_model::Child,
) -> Result<tsunagu_model::Child, FetchError> {
    post_json(
        &format!("/api/families/{}/children", child.family_id),
        child,
    )
    .await
}

pub async fn family_meetings(
    family: FamilyId,
) -> Result<Vec<api::Revisioned<tsunagu_model::Meeting>>, FetchError> {
    get_json(&format!("/api/families/{family}/meetings")).await
}

pub async fn save_meeting(
    save: &api::SaveDocument<tsunagu_model::Meeting>,
) -> Result<api::Revisioned<tsunagu_model::Meeting>, FetchError> {
    let path = format!(
        "/api/families/{}/meetings/{}",
        save.doc.family_id, save.doc.id
    );
    put_json(&path, save).await
}

pub async fn family_plans(
    family: FamilyId,
) -> Result<Vec<api::Revisioned<tsunagu_model::plan::PlanSummary>>, FetchError> {
    get_json(&format!("/api/families/{family}/plans")).await
}

pub async fn save_plan(
    family: FamilyId,
    save: &api::SaveDocument<tsunagu_model::plan::PlanSummary>,
) -> Result<api::Revisioned<tsunagu_model::plan::PlanSummary>, FetchError> {
    put_json(
        &format!("/api/families/{family}/plans/{}", save.doc.id),
        save,
    )
    .await
}

pub async fn meeting_items(
    family: FamilyId,
    meeting: tsunagu_model::MeetingId,
) -> Result<Vec<api::AgendaItem>, FetchError> {
    get_json(&format!("/api/families/{family}/meetings/{meeting}/items")).await
}

pub async fn record_item_outcome(
    family: FamilyId,
    item: uuid::Uuid,
    outcome: &tsunagu_model::brought::ItemOutcome,
) -> Result<api::AgendaItem, FetchError> {
    put_json(
        &format!("/api/families/{family}/items/{item}/outcome"),
        outcome,
    )
    .await
}
