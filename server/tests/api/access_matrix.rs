//! Every API endpoint × every kind of actor × its id parameters, with the status each
//! must get. The endpoints are the model's declarations (`tsunagu_model::endpoints`),
//! so an endpoint added without a row here fails this test.

use std::collections::BTreeSet;

use reqwest::{Method, header};
use serde::Serialize;
use tsunagu_model::endpoints::PREFIX;
use tsunagu_model::{
    Child, PersonId, Role,
    api::{InviteParent, NewFamily, SaveDocument},
    brought::ItemOutcome,
    consent::{ConsentScope, GrantConsent, ProposalAnswer, ProposeMentor},
    reminders::{NewPushSubscription, PushEndpoint, PushSubscriptionKeys, ReminderChoices},
    sync::PushRequest,
};
use tsunagu_server::{auth::invitations::NewInvitation, demo};

use crate::helpers::{
    RFC_8291_AUTH, RFC_8291_P256DH, Session, TestApp, agency, credentials, draft_plan, entry,
    insert_brought_item, new_meeting, spawn_app, text_mutation, unknown_ceremony_answer,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Actor {
    /// A parent of the family named in the path (高台).
    ParentOfFamily,
    /// A parent of another family (森川).
    ParentOfOther,
    /// The mentor the family consented to (meeting dates).
    MentorWithConsent,
    /// A mentor the family did not consent to.
    MentorWithout,
    Coordinator,
    Anonymous,
}

const ACTORS: [Actor; 6] = [
    Actor::ParentOfFamily,
    Actor::ParentOfOther,
    Actor::MentorWithConsent,
    Actor::MentorWithout,
    Actor::Coordinator,
    Actor::Anonymous,
];

/// (method, route as written in the source, expected status per actor in `ACTORS` order)
const MATRIX: &[(&str, &str, [u16; 6])] = &[
    ("GET", "/health", [200, 200, 200, 200, 200, 200]),
    ("GET", "/openapi.json", [200, 200, 200, 200, 200, 200]),
    ("GET", "/me", [200, 200, 200, 200, 200, 401]),
    // Wrong credentials for everyone: signing in never depends on who asks.
    ("POST", "/session", [401, 401, 401, 401, 401, 401]),
    ("DELETE", "/session", [204, 204, 204, 204, 204, 401]),
    ("DELETE", "/sessions", [204, 204, 204, 204, 204, 401]),
    // Whoever holds an invitation's code may use it (a fresh code per cell).
    ("GET", "/invitations/{code}", [200, 200, 200, 200, 200, 200]),
    (
        "POST",
        "/invitations/{code}/password",
        [201, 201, 201, 201, 201, 201],
    ),
    // Passkey ceremonies: a challenge for anyone; an answer to a ceremony that was
    // never started is refused alike for everyone.
    (
        "POST",
        "/invitations/{code}/passkey",
        [200, 200, 200, 200, 200, 200],
    ),
    (
        "POST",
        "/invitations/{code}/passkey/finish",
        [400, 400, 400, 400, 400, 400],
    ),
    ("POST", "/session/passkey", [200, 200, 200, 200, 200, 200]),
    (
        "POST",
        "/session/passkey/finish",
        [400, 400, 400, 400, 400, 400],
    ),
    ("GET", "/families", [200, 200, 200, 200, 200, 401]),
    ("POST", "/families", [403, 403, 403, 403, 201, 401]),
    (
        "POST",
        "/families/{family_id}/children",
        [404, 404, 404, 404, 201, 401],
    ),
    // Meetings and plans: read by the family and coordinators (parents never get a
    // draft: family_records.rs), saved by coordinators only.
    (
        "GET",
        "/families/{family_id}/meetings",
        [200, 404, 404, 404, 200, 401],
    ),
    (
        "PUT",
        "/families/{family_id}/meetings/{record_id}",
        [404, 404, 404, 404, 200, 401],
    ),
    // What parents brought to a meeting: the family and coordinators read the
    // wordings; coordinators record what became of each (notebook_meetings.rs).
    (
        "GET",
        "/families/{family_id}/meetings/{record_id}/items",
        [200, 404, 404, 404, 200, 401],
    ),
    (
        "PUT",
        "/families/{family_id}/items/{record_id}/outcome",
        [404, 404, 404, 404, 200, 401],
    ),
    (
        "GET",
        "/families/{family_id}/plans",
        [200, 404, 404, 404, 200, 401],
    ),
    (
        "PUT",
        "/families/{family_id}/plans/{record_id}",
        [404, 404, 404, 404, 200, 401],
    ),
    (
        "GET",
        "/families/{family_id}",
        [200, 404, 404, 404, 200, 401],
    ),
    (
        "GET",
        "/families/{family_id}/access-log",
        [200, 404, 404, 404, 404, 401],
    ),
    (
        "GET",
        "/families/{family_id}/consents",
        [200, 404, 404, 404, 404, 401],
    ),
    (
        "POST",
        "/families/{family_id}/consents",
        [201, 404, 404, 404, 404, 401],
    ),
    (
        "DELETE",
        "/families/{family_id}/consents/{consent_id}",
        [204, 404, 404, 404, 404, 401],
    ),
    (
        "GET",
        "/families/{family_id}/invitations",
        [404, 404, 404, 404, 200, 401],
    ),
    (
        "POST",
        "/families/{family_id}/invitations",
        [404, 404, 404, 404, 201, 401],
    ),
    (
        "DELETE",
        "/families/{family_id}/invitations/{invitation_id}",
        [404, 404, 404, 404, 204, 401],
    ),
    // Sync answers every signed-in person; what each may write or receive is decided
    // per record (the outcomes are tested in sync.rs: the author alone, for notes).
    ("POST", "/sync/push", [200, 200, 200, 200, 200, 401]),
    ("GET", "/sync/pull", [200, 200, 200, 200, 200, 401]),
    // A notebook entry of the family's parent: its history is the author's alone.
    (
        "GET",
        "/sync/history/{record_type}/{record_id}",
        [200, 404, 404, 404, 404, 401],
    ),
    // A newcomer parent waiting to join 高台 (issue 12): the family's confirmed
    // parents alone see, confirm or turn them down (joining.rs).
    (
        "GET",
        "/families/{family_id}/joining",
        [200, 404, 404, 404, 404, 401],
    ),
    (
        "POST",
        "/families/{family_id}/joining/{person_id}",
        [204, 404, 404, 404, 404, 401],
    ),
    (
        "DELETE",
        "/families/{family_id}/joining/{person_id}",
        [204, 404, 404, 404, 404, 401],
    ),
    ("GET", "/me/joining", [200, 200, 200, 200, 200, 401]),
    ("GET", "/mentors", [200, 200, 403, 403, 200, 401]),
    ("GET", "/mentees", [403, 403, 200, 200, 403, 401]),
    // The parents' answers to a meeting: the family and coordinators (reminders.rs).
    (
        "GET",
        "/families/{family_id}/meetings/{record_id}/answers",
        [200, 404, 404, 404, 200, 401],
    ),
    // Reminders are for the people who go to meetings: parents and mentors, each
    // of their own meetings; coordinators are refused (403), whatever they ask.
    (
        "GET",
        "/families/{family_id}/meetings/{record_id}/calendar.ics",
        [200, 404, 404, 404, 403, 401],
    ),
    ("GET", "/reminders/settings", [200, 200, 200, 200, 403, 401]),
    ("PUT", "/reminders/settings", [200, 200, 200, 200, 403, 401]),
    ("GET", "/reminders", [200, 200, 200, 200, 403, 401]),
    // No feed made yet: 404 for each of them.
    ("GET", "/calendar/feed", [404, 404, 404, 404, 403, 401]),
    ("POST", "/calendar/feed", [201, 201, 201, 201, 403, 401]),
    ("DELETE", "/calendar/feed", [204, 204, 204, 204, 403, 401]),
    ("GET", "/push/key", [200, 200, 200, 200, 403, 401]),
    (
        "POST",
        "/push/subscriptions",
        [201, 201, 201, 201, 403, 401],
    ),
    (
        "DELETE",
        "/push/subscriptions",
        [204, 204, 204, 204, 403, 401],
    ),
    // Pairing (issue 16): the family sees what waits for its answer and answers
    // it; coordinators propose, withdraw and see every proposal (mentor_workspace.rs).
    (
        "GET",
        "/families/{family_id}/mentor-proposals",
        [200, 404, 404, 404, 200, 401],
    ),
    (
        "POST",
        "/families/{family_id}/mentor-proposals",
        [404, 404, 404, 404, 201, 401],
    ),
    (
        "PUT",
        "/families/{family_id}/mentor-proposals/{proposal_id}",
        [200, 404, 404, 404, 404, 401],
    ),
    (
        "DELETE",
        "/families/{family_id}/mentor-proposals/{proposal_id}",
        [404, 404, 404, 404, 204, 401],
    ),
    ("GET", "/mentor-proposals", [403, 403, 403, 403, 200, 401]),
    // Counts only, for the town's report; and the directory as kept on the desk
    // (everyone else receives it through sync).
    ("GET", "/mentor-activity", [403, 403, 403, 403, 200, 401]),
    ("GET", "/agencies", [403, 403, 403, 403, 200, 401]),
    (
        "PUT",
        "/agencies/{agency_id}",
        [403, 403, 403, 403, 200, 401],
    ),
    (
        "GET",
        "/families/{family_id}/team",
        [200, 404, 404, 404, 200, 401],
    ),
];

/// `(METHOD, route)` of every endpoint the model declares (the server routes
/// exactly these: its own test holds the router to the declarations).
fn declared() -> BTreeSet<(String, String)> {
    tsunagu_model::endpoints::ALL
        .iter()
        .map(|e| (e.method.as_str().to_owned(), e.route.to_owned()))
        .collect()
}

#[test]
fn every_endpoint_has_a_row() {
    let table: BTreeSet<(String, String)> = MATRIX
        .iter()
        .map(|(m, p, _)| (m.to_string(), p.to_string()))
        .collect();
    let source = declared();
    let missing: Vec<_> = source.difference(&table).collect();
    let stale: Vec<_> = table.difference(&source).collect();
    assert!(
        missing.is_empty(),
        "endpoints without a row in the access matrix: {missing:?}"
    );
    assert!(
        stale.is_empty(),
        "rows for endpoints that no longer exist: {stale:?}"
    );
}

struct Cast {
    sessions: Vec<Option<Session>>,
    mentor_without: PersonId,
}

/// Signs in one of each actor; the second mentor is invited and set up through the API.
async fn cast(app: &TestApp) -> Cast {
    let invitation = app.invite_staff(Role::Mentor, "二人目のメンター").await;
    let (_, me) = app
        .accept_invitation(&invitation.code, "mentor-without", demo::DEMO_PASSWORD)
        .await;
    let mut sessions = Vec::new();
    for actor in ACTORS {
        sessions.push(match actor {
            Actor::ParentOfFamily => Some(app.sign_in("takadai").await),
            Actor::ParentOfOther => Some(app.sign_in("morikawa").await),
            Actor::MentorWithConsent => Some(app.sign_in("mentor").await),
            Actor::MentorWithout => Some(app.sign_in("mentor-without").await),
            Actor::Coordinator => Some(app.sign_in("coordinator").await),
            Actor::Anonymous => None,
        });
    }
    Cast {
        sessions,
        mentor_without: me.id,
    }
}

/// A fresh invitation for a parent of `FAMILY`, for a cell that uses one up.
async fn parent_invitation(app: &TestApp) -> NewInvitation {
    app.invite_parent(FAMILY.parse().unwrap(), "招待", chrono::Utc::now())
        .await
}

/// A typed request body, as the cell sends it.
fn body_of(body: &impl Serialize) -> Option<serde_json::Value> {
    Some(serde_json::to_value(body).expect("a JSON body"))
}

/// The family in every `{family_id}`: 高台, which consented to the demo mentor.
const FAMILY: &str = "7a3b0001-0000-4000-8000-000000000003";
/// A meeting of 高台 already held (the first of the school-entry series).
const HELD_MEETING: &str = "7a3b0003-0000-4000-8000-00000000000c";
/// 高台's parent (login `takadai`), who owns the record in every `{record_id}`.
const TAKADAI_PARENT: &str = "7a3b0004-0000-4000-8000-000000000003";

#[tokio::test]
async fn every_endpoint_answers_every_actor_as_the_policy_says() {
    let mut failures = Vec::new();
    for (method, route, expected) in MATRIX {
        // A fresh server per row: some cells use things up (sessions, codes, consents).
        let app = spawn_app().await;
        let cast = cast(&app).await;
        for (i, actor) in ACTORS.into_iter().enumerate() {
            let mut path = format!("{PREFIX}{route}").replace("{family_id}", FAMILY);
            let mut body = None;
            if route.contains("{code}") {
                let invitation = parent_invitation(&app).await;
                path = path.replace("{code}", &invitation.code);
                body = body_of(&credentials(&format!("new{i}"), "a long enough secret"));
            }
            if route.contains("{consent_id}") {
                let id = format!("7a3b0009-0000-4000-8000-{i:012}");
                // One consent in force at a time: the cells before may have left theirs.
                sqlx::query(
                    "UPDATE consents SET revoked_at = '2026-01-02T00:00:00Z' WHERE mentor_id = ?",
                )
                .bind(cast.mentor_without.to_string())
                .execute(&app.db)
                .await
                .unwrap();
                sqlx::query(
                    "INSERT INTO consents (id, family_id, mentor_id, scope, granted_at)
                     VALUES (?, ?, ?, 'meeting_dates', '2026-01-01T00:00:00Z')",
                )
                .bind(&id)
                .bind(FAMILY)
                .bind(cast.mentor_without.to_string())
                .execute(&app.db)
                .await
                .unwrap();
                path = path.replace("{consent_id}", &id);
            }
            if route.contains("{proposal_id}") {
                let id = format!("7a3b0013-0000-4000-8000-{i:012}");
                // One proposal waiting at a time, as with consents above.
                sqlx::query("UPDATE mentor_proposals SET state = 'withdrawn' WHERE mentor_id = ?")
                    .bind(cast.mentor_without.to_string())
                    .execute(&app.db)
                    .await
                    .unwrap();
                sqlx::query(
                    "INSERT INTO mentor_proposals (id, family_id, mentor_id, proposed_at, state)
                     VALUES (?, ?, ?, '2026-01-01T00:00:00Z', 'waiting')",
                )
                .bind(&id)
                .bind(FAMILY)
                .bind(cast.mentor_without.to_string())
                .execute(&app.db)
                .await
                .unwrap();
                path = path.replace("{proposal_id}", &id);
                body = body_of(&ProposalAnswer {
                    accept: true,
                    scopes: vec![ConsentScope::Contact],
                });
            }
            if *method == "POST" && *route == "/families/{family_id}/mentor-proposals" {
                body = body_of(&ProposeMentor {
                    mentor: cast.mentor_without,
                });
            }
            if route.contains("{agency_id}") {
                let id = uuid::Uuid::from_u128(0xa9e0 + i as u128);
                path = path.replace("{agency_id}", &id.to_string());
                body = body_of(&agency(id, "町 保健センター 分室"));
            }
            if route.contains("{person_id}") {
                let id = format!("7a3b0012-0000-4000-8000-{i:012}");
                sqlx::query(
                    "INSERT INTO people (id, role, display_name, created_at)
                     VALUES (?, 'parent', '新しい保護者', '2026-01-01T00:00:00Z')",
                )
                .bind(&id)
                .execute(&app.db)
                .await
                .unwrap();
                sqlx::query(
                    "INSERT INTO family_parents (family_id, person_id, confirmed, joined_at)
                     VALUES (?, ?, 0, '2026-01-01T00:00:00Z')",
                )
                .bind(FAMILY)
                .bind(&id)
                .execute(&app.db)
                .await
                .unwrap();
                path = path.replace("{person_id}", &id);
            }
            if route.contains("{invitation_id}") {
                let invitation = parent_invitation(&app).await;
                path = path.replace("{invitation_id}", &invitation.id.to_string());
            }
            if *method == "POST" && *route == "/families/{family_id}/invitations" {
                body = body_of(&InviteParent {
                    display_name: "高台 けん".into(),
                });
            }
            if *method == "POST" && *route == "/session" {
                // A different login per cell, so the per-account limit (tested on its own) stays out of it.
                body = body_of(&credentials(&format!("nobody{i}"), "not the password"));
            }
            if route.ends_with("/passkey/finish") {
                body = body_of(&unknown_ceremony_answer(route.starts_with("/invitations")));
            }
            if route.contains("{record_id}") {
                let id = format!("7a3b0010-0000-4000-8000-{i:012}");
                sqlx::query(
                    "INSERT INTO sync_records (record_type, record_id, owner_id, fields, updated_at)
                     VALUES ('notebook_entry', ?, ?, '{}', '2026-01-01T00:00:00Z')",
                )
                .bind(&id)
                .bind(TAKADAI_PARENT)
                .execute(&app.db)
                .await
                .unwrap();
                path = path
                    .replace("{record_type}", "notebook_entry")
                    .replace("{record_id}", &id);
            }
            if route.ends_with("/calendar.ics") {
                // A meeting of the family (the record made above is an entry).
                path = format!("{PREFIX}/families/{FAMILY}/meetings/{HELD_MEETING}/calendar.ics");
            }
            if *route == "/reminders/settings" && *method == "PUT" {
                body = body_of(&ReminderChoices::default());
            }
            if *route == "/push/subscriptions" {
                // The RFC 8291 example's keys, at a public push service's address.
                body = body_of(&NewPushSubscription {
                    endpoint: format!("https://push.example.com/send/{i}"),
                    keys: PushSubscriptionKeys {
                        p256dh: RFC_8291_P256DH.into(),
                        auth: RFC_8291_AUTH.into(),
                    },
                });
                if *method == "DELETE" {
                    body = body_of(&PushEndpoint {
                        endpoint: format!("https://push.example.com/send/{i}"),
                    });
                }
            }
            if route.ends_with("/items/{record_id}/outcome") {
                let id: uuid::Uuid = path.split('/').nth(5).unwrap().parse().unwrap();
                insert_brought_item(&app.db, id, TAKADAI_PARENT, FAMILY, HELD_MEETING).await;
                body = body_of(&ItemOutcome::Carried);
            }
            if route.ends_with("/meetings/{record_id}") {
                let id: uuid::Uuid = path.rsplit('/').next().unwrap().parse().unwrap();
                let mut meeting = new_meeting(i as u128, tsunagu_server::cli::town_today());
                meeting.id = tsunagu_model::MeetingId(id);
                body = body_of(&SaveDocument {
                    doc: meeting,
                    revision: None,
                });
            }
            if route.ends_with("/plans/{record_id}") {
                let id: uuid::Uuid = path.rsplit('/').next().unwrap().parse().unwrap();
                let mut plan = draft_plan(i as u128);
                plan.id = tsunagu_model::plan::PlanId(id);
                body = body_of(&SaveDocument {
                    doc: plan,
                    revision: None,
                });
            }
            if *method == "POST" && *route == "/families" {
                body = body_of(&NewFamily {
                    display_name: "新しい家族".into(),
                });
            }
            if *route == "/families/{family_id}/children" {
                body = body_of(&Child {
                    id: format!("7a3b0011-0000-4000-8000-{i:012}").parse().unwrap(),
                    family_id: FAMILY.parse().unwrap(),
                    given_name: "けい".into(),
                    birth_date: chrono::NaiveDate::from_ymd_opt(2021, 5, 5).unwrap(),
                    school: String::new(),
                });
            }
            if *route == "/sync/push" {
                body = body_of(&PushRequest {
                    mutations: vec![text_mutation(
                        tsunagu_model::sync::ClientId::from_u128(0xa000 + i as u128),
                        1,
                        entry(i as u128),
                        "matrix",
                    )],
                });
            }
            if *method == "POST" && *route == "/families/{family_id}/consents" {
                body = body_of(&GrantConsent {
                    mentor: cast.mentor_without,
                    scope: ConsentScope::MeetingDates,
                });
            }
            let mut request = app.client.request(
                method.parse::<Method>().unwrap(),
                format!("{}{path}", app.base),
            );
            if let Some(Session(cookie)) = &cast.sessions[i] {
                request = request.header(header::COOKIE, cookie);
            }
            if let Some(body) = body {
                request = request.json(&body);
            }
            let status = request.send().await.unwrap().status().as_u16();
            if status != expected[i] {
                failures.push(format!(
                    "{method} {route} as {actor:?}: got {status}, want {}",
                    expected[i]
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} cells differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
