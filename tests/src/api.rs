//! The server's own HTTP API, for a test's set-up and checks: data written the
//! way the apps write it, as a signed-in person, one typed request per endpoint.

use tsunagu_model::{
    Child, Family, FamilyId, Meeting, MeetingId, PersonId,
    api::{InvitationLink, InviteParent, NewFamily, PasswordSignIn, Revisioned, SaveDocument},
    brought::ItemOutcome,
    consent::{ConsentScope, GrantConsent, MentorSummary},
    endpoints::{
        self, AcceptWithPassword, ConfirmJoining, Endpoint, GrantConsentTo, InviteToFamily,
        ListJoining, ListMeetings, ListMentors, NoContent, Push, RecordItemOutcome, RegisterChild,
        RegisterFamily, SaveMeeting, SavePlan, SignIn,
    },
    plan::PlanSummary,
    sync::{
        ClientId, FieldChange, FieldValue, Mutation, PushRequest, PushResponse, RecordKey, Stamp,
    },
};
use tsunagu_server::demo;

use crate::Server;

/// A signed-in user of the server's own HTTP API, for writing test data the way
/// the apps do. The session cookie goes by hand: it is `Secure`, which a cookie
/// store would rightly not send over plain http.
pub struct ApiUser {
    base: String,
    http: reqwest::Client,
    cookie: String,
}

fn credentials(login: &str, password: &str) -> PasswordSignIn {
    PasswordSignIn {
        login: login.to_owned(),
        password: password.to_owned(),
    }
}

/// The request `endpoint` declares, to the server at `base`: its method, its
/// address, and for POST and PUT its body as JSON, as the apps send it.
fn request<E: Endpoint>(
    http: &reqwest::Client,
    base: &str,
    endpoint: &E,
    body: &E::Body,
) -> reqwest::RequestBuilder {
    let url = format!("{base}{}", endpoint.path());
    match E::METHOD {
        endpoints::Method::Get => http.get(url),
        endpoints::Method::Delete => match serde_json::to_value(body) {
            Ok(serde_json::Value::Null) | Err(_) => http.delete(url),
            Ok(body) => http.delete(url).json(&body),
        },
        endpoints::Method::Post => http.post(url).json(body),
        endpoints::Method::Put => http.put(url).json(body),
    }
}

/// Sends one call and reads the answer it declares (one with a status alone
/// reads as `NoContent`); any refusal fails the test with the server's message.
async fn answer<E: Endpoint>(request: reqwest::RequestBuilder, endpoint: &E) -> E::Reply {
    let response = request.send().await.expect("the server answers");
    let status = response.status();
    let text = response.text().await.unwrap_or_default();
    let path = endpoint.path();
    assert!(
        status.is_success(),
        "{} {path}: {status} {text}",
        E::METHOD.as_str()
    );
    serde_json::from_str(if text.is_empty() { "null" } else { &text })
        .unwrap_or_else(|_| panic!("{} {path} answers as declared: {text}", E::METHOD.as_str()))
}

impl ApiUser {
    pub async fn sign_in(base: &str, login: &str, password: &str) -> Self {
        let http = reqwest::Client::new();
        let response = request(&http, base, &SignIn {}, &credentials(login, password))
            .send()
            .await
            .expect("the server answers");
        assert!(response.status().is_success(), "{login} signs in");
        let cookie = response
            .headers()
            .get(http::header::SET_COOKIE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .expect("a session cookie")
            .to_owned();
        Self {
            base: base.to_owned(),
            http,
            cookie,
        }
    }

    /// Signs a demo account in on `server`.
    pub async fn demo(server: &Server, login: &str) -> Self {
        Self::sign_in(&server.base, login, demo::DEMO_PASSWORD).await
    }

    /// One call as this user, through its declaration; answers what it declares.
    pub async fn call<E: Endpoint>(&self, endpoint: &E, body: &E::Body) -> E::Reply {
        let request = request(&self.http, &self.base, endpoint, body)
            .header(http::header::COOKIE, &self.cookie);
        answer(request, endpoint).await
    }

    /// A coordinator registers a family.
    pub async fn register_family(&self, name: &str) -> Family {
        let body = NewFamily {
            display_name: name.to_owned(),
        };
        self.call(&RegisterFamily {}, &body).await
    }

    /// A coordinator registers a child of a family.
    pub async fn register_child(&self, child: &Child) {
        self.call(
            &RegisterChild {
                family_id: child.family_id,
            },
            child,
        )
        .await;
    }

    /// A coordinator invites a parent of `family`; the link's code is in the answer.
    pub async fn invite_parent(&self, family_id: FamilyId, name: &str) -> InvitationLink {
        let body = InviteParent {
            display_name: name.to_owned(),
        };
        self.call(&InviteToFamily { family_id }, &body).await
    }

    pub async fn mentors(&self) -> Vec<MentorSummary> {
        self.call(&ListMentors {}, &NoContent).await
    }

    /// A parent lets `mentor` see the family's meeting dates.
    pub async fn grant_meeting_dates(&self, family_id: FamilyId, mentor: PersonId) {
        self.grant(family_id, mentor, ConsentScope::MeetingDates)
            .await;
    }

    /// A parent grants `mentor` one scope of the family's.
    pub async fn grant(&self, family_id: FamilyId, mentor: PersonId, scope: ConsentScope) {
        let body = GrantConsent { mentor, scope };
        self.call(&GrantConsentTo { family_id }, &body).await;
    }

    /// A family's meetings as a coordinator reads them, with their revisions.
    pub async fn meetings(&self, family_id: FamilyId) -> Vec<Revisioned<Meeting>> {
        self.call(&ListMeetings { family_id }, &NoContent).await
    }

    /// A coordinator saves a meeting whole, from `revision` (`None`: a new one).
    pub async fn save_meeting(&self, meeting: &Meeting, revision: Option<String>) {
        let body = SaveDocument {
            doc: meeting.clone(),
            revision,
        };
        let endpoint = SaveMeeting {
            family_id: meeting.family_id,
            record_id: meeting.id,
        };
        self.call(&endpoint, &body).await;
    }

    /// A coordinator saves a new plan summary of `family`.
    pub async fn save_new_plan(&self, family_id: FamilyId, plan: &PlanSummary) {
        let body = SaveDocument {
            doc: plan.clone(),
            revision: None,
        };
        let endpoint = SavePlan {
            family_id,
            record_id: plan.id,
        };
        self.call(&endpoint, &body).await;
    }

    /// A coordinator records what became of a brought item.
    pub async fn record_outcome(
        &self,
        family_id: FamilyId,
        record_id: uuid::Uuid,
        outcome: &ItemOutcome,
    ) {
        let endpoint = RecordItemOutcome {
            family_id,
            record_id,
        };
        self.call(&endpoint, outcome).await;
    }

    /// Pushes changes as a device would; answers what became of each.
    pub async fn push(&self, mutations: Vec<Mutation>) -> PushResponse {
        self.call(&Push {}, &PushRequest { mutations }).await
    }

    /// Confirms every newcomer waiting to join `family`, as a parent of it
    /// would from the home screen.
    pub async fn confirm_newcomers(&self, family_id: FamilyId) {
        let joining = self.call(&ListJoining { family_id }, &NoContent).await;
        for newcomer in joining {
            let endpoint = ConfirmJoining {
                family_id,
                person_id: newcomer.person,
            };
            self.call(&endpoint, &NoContent).await;
        }
    }
}

/// Accepts an invitation with a login name and the demo password.
pub async fn accept_invitation(base: &str, code: &str, login: &str) {
    let response = request(
        &reqwest::Client::new(),
        base,
        &AcceptWithPassword {
            code: code.to_owned(),
        },
        &credentials(login, demo::DEMO_PASSWORD),
    )
    .send()
    .await
    .expect("the server answers");
    assert!(
        response.status().is_success(),
        "{login} accepts the invitation: {}",
        response.status()
    );
}

/// The meeting `id` among a coordinator's list, with the revision to save from.
pub fn revisioned(meetings: Vec<Revisioned<Meeting>>, id: MeetingId) -> Revisioned<Meeting> {
    meetings
        .into_iter()
        .find(|m| m.doc.id == id)
        .expect("the meeting is listed")
}

/// A change to one field, as a device makes it (on no earlier version).
pub fn change(field: &str, value: FieldValue) -> FieldChange {
    FieldChange {
        field: field.to_owned(),
        value,
        base: None,
    }
}

/// A device's change `number`, stamped by its clock `number` ms from now so
/// the changes of one push follow each other.
pub fn mutation(
    client: ClientId,
    number: u64,
    record: RecordKey,
    changes: Vec<FieldChange>,
) -> Mutation {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("a clock after 1970")
        .as_millis() as u64;
    Mutation {
        client,
        number,
        at: Stamp::at_millis(now + number, client.0.as_u128()),
        record,
        changes,
    }
}
