//! The server's own HTTP API, for a test's set-up and checks: data written the
//! way the apps write it, as a signed-in person, one typed request per endpoint.

use tsunagu_model::{
    Child, Family, FamilyId, Meeting, MeetingId, PersonId,
    api::{
        InvitationLink, InviteParent, JoiningParent, NewFamily, PasswordSignIn, Revisioned,
        SaveDocument,
    },
    brought::ItemOutcome,
    consent::{ConsentScope, GrantConsent, MentorSummary},
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

/// A typed body, serialised (the model's types always are).
fn typed(json: serde_json::Result<serde_json::Value>) -> Option<serde_json::Value> {
    Some(json.expect("a JSON body"))
}

impl ApiUser {
    pub async fn sign_in(base: &str, login: &str, password: &str) -> Self {
        let http = reqwest::Client::new();
        let response = http
            .post(format!("{base}/api/session"))
            .json(&credentials(login, password))
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

    /// Sends one request and answers its JSON body (null when empty); any
    /// refusal fails the test with the server's message.
    pub async fn send(
        &self,
        method: http::Method,
        path: &str,
        body: Option<serde_json::Value>,
    ) -> serde_json::Value {
        let mut request = self
            .http
            .request(method.clone(), format!("{}{path}", self.base))
            .header(http::header::COOKIE, &self.cookie);
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.expect("the server answers");
        let status = response.status();
        let text = response.text().await.unwrap_or_default();
        assert!(status.is_success(), "{method} {path}: {status} {text}");
        serde_json::from_str(&text).unwrap_or(serde_json::Value::Null)
    }

    pub async fn get(&self, path: &str) -> serde_json::Value {
        self.send(http::Method::GET, path, None).await
    }

    /// A coordinator registers a family.
    pub async fn register_family(&self, name: &str) -> Family {
        let body = NewFamily {
            display_name: name.to_owned(),
        };
        let family = self
            .send(
                http::Method::POST,
                "/api/families",
                typed(serde_json::to_value(&body)),
            )
            .await;
        serde_json::from_value(family).expect("a family")
    }

    /// A coordinator registers a child of a family.
    pub async fn register_child(&self, child: &Child) {
        self.send(
            http::Method::POST,
            &format!("/api/families/{}/children", child.family_id),
            typed(serde_json::to_value(child)),
        )
        .await;
    }

    /// A coordinator invites a parent of `family`; the link's code is in the answer.
    pub async fn invite_parent(&self, family: FamilyId, name: &str) -> InvitationLink {
        let body = InviteParent {
            display_name: name.to_owned(),
        };
        let link = self
            .send(
                http::Method::POST,
                &format!("/api/families/{family}/invitations"),
                typed(serde_json::to_value(&body)),
            )
            .await;
        serde_json::from_value(link).expect("an invitation link")
    }

    pub async fn mentors(&self) -> Vec<MentorSummary> {
        serde_json::from_value(self.get("/api/mentors").await).expect("mentors")
    }

    /// A parent lets `mentor` see the family's meeting dates.
    pub async fn grant_meeting_dates(&self, family: FamilyId, mentor: PersonId) {
        let body = GrantConsent {
            mentor,
            scope: ConsentScope::MeetingDates,
        };
        self.send(
            http::Method::POST,
            &format!("/api/families/{family}/consents"),
            typed(serde_json::to_value(&body)),
        )
        .await;
    }

    /// A family's meetings as a coordinator reads them, with their revisions.
    pub async fn meetings(&self, family: FamilyId) -> Vec<Revisioned<Meeting>> {
        let meetings = self.get(&format!("/api/families/{family}/meetings")).await;
        serde_json::from_value(meetings).expect("meetings")
    }

    /// A coordinator saves a meeting whole, from `revision` (`None`: a new one).
    pub async fn save_meeting(&self, meeting: &Meeting, revision: Option<String>) {
        let body = SaveDocument {
            doc: meeting.clone(),
            revision,
        };
        self.send(
            http::Method::PUT,
            &format!(
                "/api/families/{}/meetings/{}",
                meeting.family_id, meeting.id
            ),
            typed(serde_json::to_value(&body)),
        )
        .await;
    }

    /// A coordinator saves a new plan summary of `family`.
    pub async fn save_new_plan(&self, family: FamilyId, plan: &PlanSummary) {
        let body = SaveDocument {
            doc: plan.clone(),
            revision: None,
        };
        self.send(
            http::Method::PUT,
            &format!("/api/families/{family}/plans/{}", plan.id),
            typed(serde_json::to_value(&body)),
        )
        .await;
    }

    /// A coordinator records what became of a brought item.
    pub async fn record_outcome(&self, family: FamilyId, item: uuid::Uuid, outcome: &ItemOutcome) {
        self.send(
            http::Method::PUT,
            &format!("/api/families/{family}/items/{item}/outcome"),
            typed(serde_json::to_value(outcome)),
        )
        .await;
    }

    /// Pushes changes as a device would; answers what became of each.
    pub async fn push(&self, mutations: Vec<Mutation>) -> PushResponse {
        let body = PushRequest { mutations };
        let answer = self
            .send(
                http::Method::POST,
                "/api/sync/push",
                typed(serde_json::to_value(&body)),
            )
            .await;
        serde_json::from_value(answer).expect("a push response")
    }

    /// Confirms every newcomer waiting to join `family`, as a parent of it
    /// would from the home screen.
    pub async fn confirm_newcomers(&self, family: FamilyId) {
        let joining: Vec<JoiningParent> =
            serde_json::from_value(self.get(&format!("/api/families/{family}/joining")).await)
                .expect("the newcomers");
        for newcomer in joining {
            self.send(
                http::Method::POST,
                &format!("/api/families/{family}/joining/{}", newcomer.person),
                None,
            )
            .await;
        }
    }
}

/// Accepts an invitation with a login name and the demo password.
pub async fn accept_invitation(base: &str, code: &str, login: &str) {
    let response = reqwest::Client::new()
        .post(format!("{base}/api/invitations/{code}/password"))
        .json(&credentials(login, demo::DEMO_PASSWORD))
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
