//! Bringing notebook entries to a meeting, what became of them, sharing one
//! entry with a mentor; and the rule under all of it: a private entry reaches no
//! coordinator, mentor or other parent through any endpoint or sync.

use chrono::Duration;
use reqwest::StatusCode;
use tsunagu_model::{
    Meeting, MeetingId,
    api::{AgendaItem, Revisioned},
    brought::{BroughtItem, ItemOutcome},
    meeting_record::MeetingStatus,
    sync::{
        ClientId, FieldChange, FieldState, FieldValue, Fields, Mutation, Outcome, RecordKey,
        RecordType, Refusal, Stamp, Version,
    },
};
use tsunagu_server::demo;

use super::{
    Session, TestApp, spawn_app,
    sync::{entry, now_millis, text_mutation},
};

const CANARY: &str = "CANARY-PRIVATE-7f3a 夜に眠れないことが心配";
/// 森川's next meeting (the 3rd of the support-plan series, 9 days ahead).
pub(super) const NEXT: MeetingId = MeetingId::from_u128(0x7a3b_0003_0000_4000_8000_0000_0000_0003);
/// 森川's 2nd meeting, already held.
const HELD: MeetingId = MeetingId::from_u128(0x7a3b_0003_0000_4000_8000_0000_0000_0002);
/// 高台's next meeting.
const OTHER_FAMILYS: MeetingId = MeetingId::from_u128(0x7a3b_0003_0000_4000_8000_0000_0000_0007);

pub(super) fn item_key(n: u128) -> RecordKey {
    RecordKey {
        record_type: RecordType::BroughtItem,
        id: uuid::Uuid::from_u128(0xb000 + n),
    }
}

pub(super) fn change(field: &str, value: FieldValue) -> FieldChange {
    FieldChange {
        field: field.into(),
        value,
        base: None,
    }
}

pub(super) fn mutation(
    client: ClientId,
    number: u64,
    record: RecordKey,
    changes: Vec<FieldChange>,
) -> Mutation {
    Mutation {
        client,
        number,
        at: Stamp::at_millis(now_millis(), client.0.as_u128()),
        record,
        changes,
    }
}

pub(super) fn bring(
    client: ClientId,
    number: u64,
    n: u128,
    meeting: MeetingId,
    from: RecordKey,
    wording: &str,
    position: i64,
) -> Mutation {
    mutation(
        client,
        number,
        item_key(n),
        vec![
            change("meeting", FieldValue::Text(meeting.to_string())),
            change("entry", FieldValue::Text(from.id.to_string())),
            change("wording", FieldValue::Text(wording.into())),
            change("position", FieldValue::Int(position)),
            change("withdrawn", FieldValue::Bool(false)),
        ],
    )
}

/// A brought item stored directly, for a meeting already held (as if brought
/// before it): the access matrix records its outcome.
pub async fn insert_brought_item(
    db: &sqlx::SqlitePool,
    id: uuid::Uuid,
    owner: &str,
    family: &str,
    meeting: &str,
) {
    let at = Stamp::at_millis(now_millis(), 7);
    let fields: Fields = [
        ("meeting", FieldValue::Text(meeting.into())),
        ("wording", FieldValue::Text("教室の移動".into())),
        ("position", FieldValue::Int(0)),
        ("withdrawn", FieldValue::Bool(false)),
    ]
    .into_iter()
    .map(|(name, value)| {
        (
            name.to_owned(),
            FieldState::new(Version {
                value,
                at,
                base: None,
            }),
        )
    })
    .collect();
    sqlx::query(
        "INSERT INTO sync_records (record_type, record_id, owner_id, family_id, fields, updated_at)
         VALUES ('brought_item', ?, ?, ?, ?, '2026-01-01T00:00:00Z')",
    )
    .bind(id.to_string())
    .bind(owner)
    .bind(family)
    .bind(serde_json::to_string(&fields).unwrap())
    .execute(db)
    .await
    .unwrap();
}

fn outcomes(answer: &tsunagu_model::sync::PushResponse) -> Vec<Outcome> {
    answer.results.iter().map(|r| r.outcome.clone()).collect()
}

impl TestApp {
    async fn agenda(
        &self,
        session: &Session,
        family: &str,
        meeting: MeetingId,
    ) -> (StatusCode, String) {
        let response = self
            .get_as(
                Some(session),
                &format!("/api/families/{family}/meetings/{meeting}/items"),
            )
            .await;
        (response.status(), response.text().await.unwrap())
    }

    async fn record_outcome(
        &self,
        session: &Session,
        item: RecordKey,
        outcome: serde_json::Value,
    ) -> reqwest::Response {
        let path = format!(
            "/api/families/{}/items/{}/outcome",
            demo::DEMO_FAMILY,
            item.id
        );
        self.put_as(session, &path, outcome).await
    }
}

/// The parent's two entries (one private canary that is never brought), and two
/// items brought to the next meeting in the parent's order.
async fn parent_brings_two(app: &TestApp) -> Session {
    let parent = app.sign_in("morikawa").await;
    let client = ClientId::from_u128(0x61);
    let answer = app
        .push(
            &parent,
            vec![
                text_mutation(
                    client,
                    1,
                    entry(1),
                    "園で友だちとどう遊んでいるか知りたい(家での呼び方: はーくん)",
                ),
                text_mutation(client, 2, entry(2), "家で絵カードを使い続けてよいか"),
                text_mutation(client, 3, entry(3), CANARY),
                bring(
                    client,
                    4,
                    1,
                    NEXT,
                    entry(1),
                    "園で友だちとどう遊んでいるか知りたい",
                    2,
                ),
                bring(
                    client,
                    5,
                    2,
                    NEXT,
                    entry(2),
                    "家で絵カードを使い続けてよいか",
                    1,
                ),
            ],
        )
        .await;
    assert!(
        outcomes(&answer).iter().all(|o| *o == Outcome::Applied),
        "{answer:?}"
    );
    parent
}

#[tokio::test]
async fn the_team_sees_brought_items_in_the_parents_order_and_wording_only() {
    let app = spawn_app().await;
    let parent = parent_brings_two(&app).await;
    let coordinator = app.sign_in("coordinator").await;
    let family = demo::DEMO_FAMILY.to_string();
    let (status, body) = app.agenda(&coordinator, &family, NEXT).await;
    assert_eq!(status, StatusCode::OK);
    let items: Vec<AgendaItem> = serde_json::from_str(&body).unwrap();
    let wordings: Vec<&str> = items.iter().map(|i| i.wording.as_str()).collect();
    assert_eq!(
        wordings,
        [
            "家で絵カードを使い続けてよいか",
            "園で友だちとどう遊んでいるか知りたい"
        ]
    );
    assert!(
        !body.contains("はーくん"),
        "the private original stays private"
    );
    assert!(!body.contains("e000"), "no entry ids either");
    assert_eq!(items[0].brought_by, "森川 さとみ");

    // Reordered, then one withdrawn: gone from the team's agenda.
    let client = ClientId::from_u128(0x61);
    let answer = app
        .push(
            &parent,
            vec![
                mutation(
                    client,
                    6,
                    item_key(1),
                    vec![change("position", FieldValue::Int(0))],
                ),
                mutation(
                    client,
                    7,
                    item_key(2),
                    vec![change("withdrawn", FieldValue::Bool(true))],
                ),
            ],
        )
        .await;
    assert!(outcomes(&answer).iter().all(|o| *o == Outcome::Applied));
    let (_, body) = app.agenda(&coordinator, &family, NEXT).await;
    let items: Vec<AgendaItem> = serde_json::from_str(&body).unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].wording, "園で友だちとどう遊んでいるか知りたい");

    // Another family's parent sees no agenda of this family.
    let other = app.sign_in("takadai").await;
    let (status, _) = app.agenda(&other, &family, NEXT).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn bringing_is_refused_where_it_must_be_and_stores_nothing() {
    let app = spawn_app().await;
    let parent = app.sign_in("morikawa").await;
    let client = ClientId::from_u128(0x62);
    let answer = app
        .push(
            &parent,
            vec![
                text_mutation(client, 1, entry(1), "質問"),
                bring(
                    client,
                    2,
                    1,
                    OTHER_FAMILYS,
                    entry(1),
                    "よその家族の会議へ",
                    0,
                ),
                bring(client, 3, 2, HELD, entry(1), "終わった会議へ", 0),
                bring(client, 4, 3, NEXT, entry(9), "自分のものでない記録", 0),
                mutation(
                    client,
                    5,
                    item_key(4),
                    vec![
                        change("meeting", FieldValue::Text(NEXT.to_string())),
                        change("entry", FieldValue::Text(entry(1).id.to_string())),
                        change("wording", FieldValue::Text("結果を自分で書く".into())),
                        change("outcome", FieldValue::Text("answered".into())),
                    ],
                ),
            ],
        )
        .await;
    assert_eq!(
        outcomes(&answer),
        [
            Outcome::Applied,
            Outcome::Rejected {
                refusal: Refusal::NotAllowed
            },
            Outcome::Rejected {
                refusal: Refusal::MeetingStarted
            },
            Outcome::Rejected {
                refusal: Refusal::NotAllowed
            },
            Outcome::Rejected {
                refusal: Refusal::NotAllowed
            },
        ]
    );
    let (count,): (i64,) =
        sqlx::query_as("SELECT count(*) FROM sync_records WHERE record_type = 'brought_item'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(count, 0);
}

#[tokio::test]
async fn after_the_meeting_the_coordinator_records_outcomes_and_the_parent_receives_them() {
    let app = spawn_app().await;
    let parent = parent_brings_two(&app).await;
    let coordinator = app.sign_in("coordinator").await;
    // Before the meeting: too early to say what became of an item.
    let response = app
        .record_outcome(
            &coordinator,
            item_key(1),
            serde_json::json!({ "outcome": "carried" }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);

    // The meeting is held (moved to this morning and marked held).
    let path = format!("/api/families/{}/meetings", demo::DEMO_FAMILY);
    let (_, meetings): (_, Vec<Revisioned<Meeting>>) =
        app.get_json_as(Some(&coordinator), &path).await;
    let next = meetings.into_iter().find(|m| m.doc.id == NEXT).unwrap();
    let mut held = next.doc.clone();
    let today = tsunagu_server::cli::town_today() - Duration::days(1);
    held.starts_at = today.and_hms_opt(10, 0, 0).unwrap();
    held.ends_at = today.and_hms_opt(11, 30, 0).unwrap();
    held.status = MeetingStatus::Held;
    let response = app
        .save_meeting(&coordinator, &held, Some(next.revision))
        .await;
    assert_eq!(response.status(), StatusCode::OK);

    // The parent can no longer withdraw.
    let answer = app
        .push(
            &parent,
            vec![mutation(
                ClientId::from_u128(0x61),
                6,
                item_key(1),
                vec![change("withdrawn", FieldValue::Bool(true))],
            )],
        )
        .await;
    assert_eq!(
        outcomes(&answer),
        [Outcome::Rejected {
            refusal: Refusal::MeetingStarted
        }]
    );

    let response = app
        .record_outcome(
            &coordinator,
            item_key(2),
            serde_json::json!({ "outcome": "answered", "answer": " " }),
        )
        .await;
    assert_eq!(
        response.status(),
        StatusCode::BAD_REQUEST,
        "an answer needs words"
    );
    let goal = "7a3b0006-0000-4000-8000-000000000003";
    // はると's support plan of this year, where goal 3 stands.
    let plan = "7a3b0005-0000-4000-8000-000000000003";
    for wrong_plan in [
        serde_json::json!(null),
        serde_json::json!("7a3b0005-0000-4000-8000-000000000001"),
    ] {
        let response = app
            .record_outcome(
                &coordinator,
                item_key(1),
                serde_json::json!({ "outcome": "became_goal", "goal": goal, "plan": wrong_plan }),
            )
            .await;
        assert_eq!(
            response.status(),
            StatusCode::BAD_REQUEST,
            "a goal is linked as it stands in a plan that holds it: {wrong_plan}"
        );
    }
    for (item, outcome) in [
        (
            item_key(2),
            serde_json::json!({ "outcome": "answered", "answer": "家でも続けてください" }),
        ),
        (
            item_key(1),
            serde_json::json!({ "outcome": "became_goal", "goal": goal, "plan": plan }),
        ),
    ] {
        let response = app.record_outcome(&coordinator, item, outcome).await;
        assert_eq!(response.status(), StatusCode::OK);
    }
    let response = app
        .record_outcome(&coordinator, item_key(1), serde_json::json!({ "outcome": "became_goal", "goal": "7a3b0006-0000-4000-8000-0000000000ff" }))
        .await;
    assert_eq!(
        response.status(),
        StatusCode::BAD_REQUEST,
        "a goal of the child's plans"
    );

    let records = app.pull_everything(&parent).await;
    let items: Vec<BroughtItem> = records
        .iter()
        .filter(|r| r.key.record_type == RecordType::BroughtItem)
        .filter_map(|r| BroughtItem::from_fields(r.key.id, r.owner, &r.fields))
        .collect();
    let outcome_of = |key: RecordKey| {
        items
            .iter()
            .find(|i| i.id == key.id)
            .and_then(|i| i.outcome.clone())
    };
    assert_eq!(
        outcome_of(item_key(2)),
        Some(ItemOutcome::Answered {
            answer: "家でも続けてください".into()
        })
    );
    assert_eq!(
        outcome_of(item_key(1)),
        Some(ItemOutcome::BecameGoal {
            goal: goal.parse().unwrap(),
            plan: Some(plan.parse().unwrap()),
        })
    );
}

#[tokio::test]
async fn an_entry_shared_with_a_mentor_reaches_that_mentor_only_while_the_family_consents() {
    let app = spawn_app().await;
    let mentor = app.sign_in("mentor").await;
    // 森川 has no consent for the demo mentor: sharing is refused.
    let morikawa = app.sign_in("morikawa").await;
    let client = ClientId::from_u128(0x63);
    let share = |number, key, mentor: &str| {
        mutation(
            client,
            number,
            key,
            vec![change(
                "shared_with_mentor",
                FieldValue::Text(mentor.into()),
            )],
        )
    };
    let mentor_id = demo::DEMO_MENTOR.to_string();
    let answer = app
        .push(
            &morikawa,
            vec![
                text_mutation(client, 1, entry(1), "相談したい"),
                share(2, entry(1), &mentor_id),
            ],
        )
        .await;
    assert_eq!(
        outcomes(&answer)[1],
        Outcome::Rejected {
            refusal: Refusal::NoConsent
        }
    );

    // 高台 consents (meeting dates): one entry shared, one not.
    let takadai = app.sign_in("takadai").await;
    let client = ClientId::from_u128(0x64);
    let answer = app
        .push(
            &takadai,
            vec![
                text_mutation(client, 1, entry(11), "メンターさんに相談: 就学前の準備"),
                text_mutation(client, 2, entry(12), CANARY),
                mutation(
                    client,
                    3,
                    entry(11),
                    vec![change(
                        "shared_with_mentor",
                        FieldValue::Text(mentor_id.clone()),
                    )],
                ),
            ],
        )
        .await;
    assert!(
        outcomes(&answer).iter().all(|o| *o == Outcome::Applied),
        "{answer:?}"
    );
    let received = app.pull_everything(&mentor).await;
    let keys: Vec<RecordKey> = received.iter().map(|r| r.key).collect();
    assert_eq!(keys, [entry(11)]);
    assert!(!serde_json::to_string(&received).unwrap().contains("CANARY"));

    // The family withdraws its consent: the mentor's next pull says forget it.
    let consents_path = format!(
        "/api/families/{}/consents",
        "7a3b0001-0000-4000-8000-000000000003"
    );
    let (_, consents): (_, Vec<tsunagu_model::consent::Consent>) =
        app.get_json_as(Some(&takadai), &consents_path).await;
    let (_, before) = (0, app.pull(&mentor, 0).await);
    let response = app
        .delete_as(&takadai, &format!("{consents_path}/{}", consents[0].id))
        .await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let after = app.pull(&mentor, before.cursor).await;
    assert_eq!(after.forget, [entry(11)]);
    assert!(app.pull_everything(&mentor).await.is_empty());
}

#[tokio::test]
async fn a_private_entry_appears_in_no_answer_to_staff_or_mentors() {
    let app = spawn_app().await;
    let _parent = parent_brings_two(&app).await;
    let family = demo::DEMO_FAMILY;
    for login in ["coordinator", "mentor", "kawabe", "takadai"] {
        let session = app.sign_in(login).await;
        let mut seen = String::new();
        for path in [
            "/api/families".to_owned(),
            "/api/me".to_owned(),
            "/api/mentees".to_owned(),
            "/api/mentors".to_owned(),
            format!("/api/families/{family}"),
            format!("/api/families/{family}/meetings"),
            format!("/api/families/{family}/plans"),
            format!("/api/families/{family}/meetings/{NEXT}/items"),
            format!("/api/families/{family}/invitations"),
            format!("/api/families/{family}/consents"),
            format!("/api/families/{family}/access-log"),
            format!("/api/sync/history/notebook_entry/{}", entry(3).id),
            format!("/api/sync/history/brought_item/{}", item_key(1).id),
        ] {
            let response = app.get_as(Some(&session), &path).await;
            seen.push_str(&response.text().await.unwrap());
        }
        seen.push_str(&serde_json::to_string(&app.pull_everything(&session).await).unwrap());
        assert!(!seen.contains("CANARY"), "{login} read the private entry");
        assert!(
            !seen.contains("はーくん"),
            "{login} read a brought item's private original"
        );
    }
}
