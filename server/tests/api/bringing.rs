//! Bringing notebook entries to a meeting: the team sees the parent's order and
//! wording only, bringing is refused where it must be, and after the meeting the
//! coordinator records what became of each item for the parent to receive.

use chrono::Duration;
use reqwest::StatusCode;
use tsunagu_model::{
    api::AgendaItem,
    brought::{BroughtItem, ItemOutcome},
    meeting_record::MeetingStatus,
    plan::{GoalId, PlanId},
    sync::{ClientId, FieldValue, Outcome, RecordKey, RecordType, Refusal},
};
use tsunagu_server::demo;

use crate::helpers::{
    HELD, NEXT, OTHER_FAMILYS, bring, change, entry, item_key, mutation, outcomes, spawn_app,
    text_mutation,
};

#[tokio::test]
async fn the_team_sees_brought_items_in_the_parents_order_and_wording_only() {
    let app = spawn_app().await;
    let parent = app.parent_brings_two().await;
    let coordinator = app.sign_in("coordinator").await;
    let family = demo::DEMO_FAMILY;
    let (status, body) = app.agenda(&coordinator, family, NEXT).await;
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
    let (_, body) = app.agenda(&coordinator, family, NEXT).await;
    let items: Vec<AgendaItem> = serde_json::from_str(&body).unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].wording, "園で友だちとどう遊んでいるか知りたい");

    // Another family's parent sees no agenda of this family.
    let other = app.sign_in("takadai").await;
    let (status, _) = app.agenda(&other, family, NEXT).await;
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
    let parent = app.parent_brings_two().await;
    let coordinator = app.sign_in("coordinator").await;
    // Before the meeting: too early to say what became of an item.
    let response = app
        .record_outcome(&coordinator, item_key(1), &ItemOutcome::Carried)
        .await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);

    // The meeting is held (moved to this morning and marked held).
    let meetings = app.meetings_of(&coordinator, demo::DEMO_FAMILY).await;
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
            &ItemOutcome::Answered { answer: " ".into() },
        )
        .await;
    assert_eq!(
        response.status(),
        StatusCode::BAD_REQUEST,
        "an answer needs words"
    );
    let goal: GoalId = "7a3b0006-0000-4000-8000-000000000003".parse().unwrap();
    // はると's support plan of this year, where goal 3 stands.
    let plan: PlanId = "7a3b0005-0000-4000-8000-000000000003".parse().unwrap();
    for wrong_plan in [
        None,
        Some("7a3b0005-0000-4000-8000-000000000001".parse().unwrap()),
    ] {
        let response = app
            .record_outcome(
                &coordinator,
                item_key(1),
                &ItemOutcome::BecameGoal {
                    goal,
                    plan: wrong_plan,
                },
            )
            .await;
        assert_eq!(
            response.status(),
            StatusCode::BAD_REQUEST,
            "a goal is linked as it stands in a plan that holds it: {wrong_plan:?}"
        );
    }
    for (item, outcome) in [
        (
            item_key(2),
            ItemOutcome::Answered {
                answer: "家でも続けてください".into(),
            },
        ),
        (
            item_key(1),
            ItemOutcome::BecameGoal {
                goal,
                plan: Some(plan),
            },
        ),
    ] {
        let response = app.record_outcome(&coordinator, item, &outcome).await;
        assert_eq!(response.status(), StatusCode::OK);
    }
    let not_a_goal_of_the_child = ItemOutcome::BecameGoal {
        goal: "7a3b0006-0000-4000-8000-0000000000ff".parse().unwrap(),
        plan: None,
    };
    let response = app
        .record_outcome(&coordinator, item_key(1), &not_a_goal_of_the_child)
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
            goal,
            plan: Some(plan),
        })
    );
}
