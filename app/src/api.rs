//! Calls the server's API through its declarations (`tsunagu_model::endpoints`),
//! so no address is written here by hand. Synced records never come this way
//! (the sync module pushes and pulls them); a failure is told apart: offline,
//! or the server said no.

use gloo_net::http::{Request, Response};
use serde::de::DeserializeOwned;
use tsunagu_model::{
    Family, FamilyId, Lang,
    api::{self, Words},
    endpoints::{self as e, Endpoint, Method, NoContent},
};

#[derive(Debug, Clone, PartialEq)]
pub enum FetchError {
    /// No answer at all: the device is offline or the server is down.
    Offline,
    /// The server answered with an error: its code is for the app, its message for
    /// people, and its words (when it sent them) the same message in each of the
    /// app's languages.
    Server {
        status: u16,
        code: String,
        message: String,
        words: Option<Words>,
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

    /// The server's refusal in `lang`, the app's language, so a server that
    /// answered in English never reaches a Japanese screen; its message only from
    /// a server that sent no words.
    pub fn server_words(&self, lang: Lang) -> Option<String> {
        match self {
            Self::Server {
                words: Some(words), ..
            } => Some(words.get(lang).to_owned()),
            Self::Server { message, .. } => Some(message.clone()),
            Self::Offline | Self::Unreadable => None,
        }
    }
}

/// Calls an endpoint as `tsunagu_model::endpoints` declares it: its method, its
/// address with the parameters filled in, its body and its answer's type.
pub async fn call<E: Endpoint>(endpoint: &E, body: &E::Body) -> Result<E::Reply, FetchError> {
    let path = endpoint.path();
    let request = match E::METHOD {
        Method::Get => Request::get(&path)
            .header("Accept", "application/json")
            .build(),
        Method::Post | Method::Put | Method::Delete => {
            let body = serde_json::to_string(body).map_err(|_| FetchError::Unreadable)?;
            let builder = match E::METHOD {
                Method::Post => Request::post(&path),
                Method::Put => Request::put(&path),
                _ => Request::delete(&path),
            };
            let builder = builder.header("Accept", "application/json");
            // Most deletions name what they delete in the address alone
            // (`NoContent`, written `null`); one names it in its body (a push
            // subscription's endpoint).
            if E::METHOD == Method::Delete && body == "null" {
                builder.build()
            } else {
                builder
                    .header("Content-Type", "application/json")
                    .body(body)
            }
        }
    };
    let text = exchange(request).await?;
    // An answer with a status alone (201, 204) has no body to read.
    parse(if text.is_empty() { "null" } else { &text })
}

/// Sends a JSON body already in text form and returns the answer as text,
/// unread: for the structures the browser itself reads and writes (passkeys).
pub async fn call_with_text<E: Endpoint>(endpoint: &E, json: &str) -> Result<String, FetchError> {
    let request = Request::post(&endpoint.path())
        .header("Accept", "application/json")
        .header("Content-Type", "application/json")
        .body(json.to_owned());
    exchange(request).await
}

fn parse<T: DeserializeOwned>(text: &str) -> Result<T, FetchError> {
    serde_json::from_str(text).map_err(|_| FetchError::Unreadable)
}

/// What the app reads of a refusal (`api::ApiError`): not its `problem`, whose
/// reader would put every problem the server knows into the app's WASM.
#[derive(serde::Deserialize)]
struct Refused {
    error: String,
    message: String,
    #[serde(default)]
    words: Option<Words>,
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
    match serde_json::from_str::<Refused>(&text) {
        Ok(body) => Err(FetchError::Server {
            status,
            code: body.error,
            message: body.message,
            words: body.words,
        }),
        Err(_) => Err(FetchError::Unreadable),
    }
}

pub async fn families() -> Result<Vec<Family>, FetchError> {
    call(&e::ListFamilies {}, &NoContent).await
}

pub async fn family_overview(family_id: FamilyId) -> Result<api::FamilyOverview, FetchError> {
    call(&e::GetFamily { family_id }, &NoContent).await
}

fn password(login: &str, password: &str) -> api::PasswordSignIn {
    api::PasswordSignIn {
        login: login.to_owned(),
        password: password.to_owned(),
    }
}

pub async fn sign_in(login: &str, secret: &str) -> Result<api::Me, FetchError> {
    call(&e::SignIn {}, &password(login, secret)).await
}

pub async fn sign_out() -> Result<(), FetchError> {
    call(&e::SignOut {}, &NoContent).await.map(drop)
}

pub async fn invitation(code: &str) -> Result<api::InvitationView, FetchError> {
    let code = code.to_owned();
    call(&e::GetInvitation { code }, &NoContent).await
}

pub async fn accept_invitation(
    code: &str,
    login: &str,
    secret: &str,
) -> Result<api::Me, FetchError> {
    let code = code.to_owned();
    call(&e::AcceptWithPassword { code }, &password(login, secret)).await
}

/// One page of the family's access log; `before` is the previous page's `older`.
pub async fn access_log(
    family_id: FamilyId,
    before: Option<i64>,
) -> Result<tsunagu_model::audit::AccessLogPage, FetchError> {
    call(&e::ReadAccessLog { family_id, before }, &NoContent).await
}

pub async fn me() -> Result<api::Me, FetchError> {
    call(&e::GetMe {}, &NoContent).await
}

pub async fn mentees() -> Result<Vec<tsunagu_model::consent::Mentee>, FetchError> {
    call(&e::ListMentees {}, &NoContent).await
}

pub async fn mentors() -> Result<Vec<tsunagu_model::consent::MentorSummary>, FetchError> {
    call(&e::ListMentors {}, &NoContent).await
}

pub async fn consents(
    family_id: FamilyId,
) -> Result<Vec<tsunagu_model::consent::Consent>, FetchError> {
    call(&e::ListConsents { family_id }, &NoContent).await
}

pub async fn grant_consent(
    family_id: FamilyId,
    grant: &tsunagu_model::consent::GrantConsent,
) -> Result<(), FetchError> {
    call(&e::GrantConsentTo { family_id }, grant)
        .await
        .map(drop)
}

pub async fn revoke_consent(
    family_id: FamilyId,
    consent_id: tsunagu_model::consent::ConsentId,
) -> Result<(), FetchError> {
    call(
        &e::RevokeConsent {
            family_id,
            consent_id,
        },
        &NoContent,
    )
    .await
    .map(drop)
}

pub async fn family_invitations(
    family_id: FamilyId,
) -> Result<Vec<api::InvitationSummary>, FetchError> {
    call(&e::ListInvitations { family_id }, &NoContent).await
}

pub async fn invite_parent(
    family_id: FamilyId,
    display_name: &str,
) -> Result<api::InvitationLink, FetchError> {
    let body = api::InviteParent {
        display_name: display_name.to_owned(),
    };
    call(&e::InviteToFamily { family_id }, &body).await
}

pub async fn revoke_invitation(
    family_id: FamilyId,
    invitation_id: uuid::Uuid,
) -> Result<(), FetchError> {
    let revoke = e::RevokeInvitation {
        family_id,
        invitation_id,
    };
    call(&revoke, &NoContent).await.map(drop)
}

/// The values a synced record's fields once had, newest first (its author only).
pub async fn history(
    key: tsunagu_model::sync::RecordKey,
) -> Result<Vec<tsunagu_model::sync::HistoryEntry>, FetchError> {
    let history = e::GetHistory {
        record_type: key.record_type,
        record_id: key.id,
    };
    call(&history, &NoContent).await
}

pub async fn register_family(display_name: &str) -> Result<Family, FetchError> {
    let body = api::NewFamily {
        display_name: display_name.to_owned(),
    };
    call(&e::RegisterFamily {}, &body).await
}

pub async fn register_child(
    child: &tsunagu_model::Child,
) -> Result<tsunagu_model::Child, FetchError> {
    let family_id = child.family_id;
    call(&e::RegisterChild { family_id }, child).await
}

pub async fn family_meetings(
    family_id: FamilyId,
) -> Result<Vec<api::Revisioned<tsunagu_model::Meeting>>, FetchError> {
    call(&e::ListMeetings { family_id }, &NoContent).await
}

pub async fn save_meeting(
    save: &api::SaveDocument<tsunagu_model::Meeting>,
) -> Result<api::Revisioned<tsunagu_model::Meeting>, FetchError> {
    let endpoint = e::SaveMeeting {
        family_id: save.doc.family_id,
        record_id: save.doc.id,
    };
    call(&endpoint, save).await
}

pub async fn family_plans(
    family_id: FamilyId,
) -> Result<Vec<api::Revisioned<tsunagu_model::plan::PlanSummary>>, FetchError> {
    call(&e::ListPlans { family_id }, &NoContent).await
}

pub async fn save_plan(
    family_id: FamilyId,
    save: &api::SaveDocument<tsunagu_model::plan::PlanSummary>,
) -> Result<api::Revisioned<tsunagu_model::plan::PlanSummary>, FetchError> {
    let endpoint = e::SavePlan {
        family_id,
        record_id: save.doc.id,
    };
    call(&endpoint, save).await
}

pub async fn meeting_items(
    family_id: FamilyId,
    record_id: tsunagu_model::MeetingId,
) -> Result<Vec<api::AgendaItem>, FetchError> {
    call(
        &e::ListMeetingItems {
            family_id,
            record_id,
        },
        &NoContent,
    )
    .await
}

pub async fn record_item_outcome(
    family_id: FamilyId,
    record_id: uuid::Uuid,
    outcome: &tsunagu_model::brought::ItemOutcome,
) -> Result<api::AgendaItem, FetchError> {
    let endpoint = e::RecordItemOutcome {
        family_id,
        record_id,
    };
    call(&endpoint, outcome).await
}

pub async fn push(
    request: &tsunagu_model::sync::PushRequest,
) -> Result<tsunagu_model::sync::PushResponse, FetchError> {
    call(&e::Push {}, request).await
}

pub async fn pull(cursor: u64) -> Result<tsunagu_model::sync::PullPage, FetchError> {
    call(
        &e::Pull {
            cursor: Some(cursor),
        },
        &NoContent,
    )
    .await
}

pub async fn joining(family_id: FamilyId) -> Result<Vec<api::JoiningParent>, FetchError> {
    call(&e::ListJoining { family_id }, &NoContent).await
}

pub async fn my_joins() -> Result<Vec<api::PendingJoin>, FetchError> {
    call(&e::ListMyJoins {}, &NoContent).await
}

/// A parent of the family confirms (or turns down) one who waits to join.
pub async fn answer_joining(
    family_id: FamilyId,
    person_id: tsunagu_model::PersonId,
    confirm: bool,
) -> Result<(), FetchError> {
    if confirm {
        call(
            &e::ConfirmJoining {
                family_id,
                person_id,
            },
            &NoContent,
        )
        .await
    } else {
        call(
            &e::TurnDownJoining {
                family_id,
                person_id,
            },
            &NoContent,
        )
        .await
    }
    .map(drop)
}

#[cfg(test)]
mod tests {
    use tsunagu_model::{
        Lang,
        api::{ApiError, Words},
        problem::Problem,
    };

    use super::{FetchError, Refused};

    /// A server that answered in English never puts English on a Japanese screen.
    #[test]
    fn a_refusal_is_told_in_the_apps_language_whatever_the_server_wrote() {
        for problem in Problem::examples() {
            let body = ApiError {
                error: "bad_request".to_owned(),
                message: problem.explain(Lang::En),
                problem: Some(problem.clone()),
                words: Some(Words::new(|lang| problem.explain(lang))),
            };
            let read: Refused =
                serde_json::from_str(&serde_json::to_string(&body).unwrap()).unwrap();
            let answered_in_english = FetchError::Server {
                status: 400,
                code: read.error,
                message: read.message,
                words: read.words,
            };
            for lang in [Lang::Ja, Lang::En] {
                assert_eq!(
                    answered_in_english.server_words(lang),
                    Some(problem.explain(lang))
                );
            }
        }
        let from_an_older_server = FetchError::Server {
            status: 409,
            code: "conflict".to_owned(),
            message: "ほかの人が先に変更していました。".to_owned(),
            words: None,
        };
        assert_eq!(
            from_an_older_server.server_words(Lang::Ja).as_deref(),
            Some("ほかの人が先に変更していました。")
        );
        assert_eq!(FetchError::Offline.server_words(Lang::Ja), None);
    }
}
