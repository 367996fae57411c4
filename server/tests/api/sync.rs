//! Push and pull through the API: exactly once, gaps, refusals kept, conflicts,
//! history, privacy of notebook entries, many clients at once.

use reqwest::StatusCode;
use serde_json::json;
use tsunagu_model::endpoints::{Endpoint, GetHistory, NoContent, Pull, Push};
use tsunagu_model::sync::{
    ClientId, FieldChange, FieldValue, Mutation, Outcome, PullPage, PushRequest, PushResponse,
    RecordType, Refusal, Replica, Stamp,
};
use tsunagu_server::demo;

use crate::helpers::{entry, now_millis, outcomes, request, spawn_app, text_mutation};

#[tokio::test]
async fn a_parents_entry_goes_up_and_comes_back_down_and_an_empty_pull_is_small() {
    let app = spawn_app().await;
    let parent = app.sign_in("morikawa").await;
    let client = ClientId::from_u128(1);
    let answer = app
        .push(
            &parent,
            vec![text_mutation(client, 1, entry(1), "園での様子を聞きたい")],
        )
        .await;
    assert_eq!(outcomes(&answer), [Outcome::Applied]);

    let page = app.pull_notes(&parent, 0).await;
    assert_eq!(page.records.len(), 1);
    assert_eq!(page.records[0].key, entry(1));
    assert!(!page.more);
    let empty = app
        .send(
            Some(&parent),
            &Pull {
                cursor: Some(page.cursor),
            },
            &NoContent,
        )
        .await
        .bytes()
        .await
        .unwrap();
    let empty_page: PullPage = serde_json::from_slice(&empty).unwrap();
    assert!(empty_page.records.is_empty() && empty_page.cursor == page.cursor);
    assert!(empty.len() < 100, "{} bytes", empty.len());
}

#[tokio::test]
async fn a_push_replayed_leaves_the_same_state_and_answers_the_same() {
    let app = spawn_app().await;
    let parent = app.sign_in("morikawa").await;
    let client = ClientId::from_u128(2);
    let mut bad = text_mutation(client, 2, entry(1), "x");
    bad.changes[0].field = "owner".into();
    let batch = vec![
        text_mutation(client, 1, entry(1), "一回目"),
        bad,
        text_mutation(client, 3, entry(2), "三回目"),
    ];
    let first = app.push(&parent, batch.clone()).await;
    assert_eq!(
        outcomes(&first),
        [
            Outcome::Applied,
            Outcome::Rejected {
                refusal: Refusal::UnknownField("owner".into())
            },
            Outcome::Applied
        ]
    );
    let state = app.sync_state().await;
    for replay in 1..=3 {
        let again = app.push(&parent, batch.clone()).await;
        assert_eq!(
            outcomes(&again),
            [
                Outcome::AlreadyApplied,
                Outcome::Rejected {
                    refusal: Refusal::UnknownField("owner".into())
                },
                Outcome::AlreadyApplied
            ],
            "replay {replay}"
        );
        assert_eq!(app.sync_state().await, state, "replay {replay}");
    }
}

#[tokio::test]
async fn a_gap_in_the_numbers_is_refused_until_filled() {
    let app = spawn_app().await;
    let parent = app.sign_in("morikawa").await;
    let client = ClientId::from_u128(3);
    let answer = app
        .push(&parent, vec![text_mutation(client, 2, entry(1), "二")])
        .await;
    assert_eq!(outcomes(&answer), [Outcome::Gap { expected: 1 }]);
    assert!(app.pull_notes(&parent, 0).await.records.is_empty());
    let answer = app
        .push(
            &parent,
            vec![
                text_mutation(client, 1, entry(1), "一"),
                text_mutation(client, 2, entry(1), "二"),
            ],
        )
        .await;
    assert_eq!(outcomes(&answer), [Outcome::Applied, Outcome::Applied]);
}

#[tokio::test]
async fn changes_dated_far_ahead_are_refused() {
    let app = spawn_app().await;
    let parent = app.sign_in("morikawa").await;
    let client = ClientId::from_u128(4);
    let mut ahead = text_mutation(client, 1, entry(1), "未来");
    ahead.at = Stamp::at_millis(now_millis() + 60 * 60 * 1000, 4);
    let answer = app.push(&parent, vec![ahead]).await;
    assert_eq!(
        outcomes(&answer),
        [Outcome::Rejected {
            refusal: Refusal::TooFarAhead
        }]
    );
}

#[tokio::test]
async fn nobody_but_the_author_writes_or_reads_a_notebook_entry() {
    let app = spawn_app().await;
    let author = app.sign_in("morikawa").await;
    let canary = "カナリア-誰にも見えないはず";
    app.push(
        &author,
        vec![text_mutation(ClientId::from_u128(5), 1, entry(1), canary)],
    )
    .await;

    for (i, login) in ["kawabe", "coordinator", "mentor"].into_iter().enumerate() {
        let other = app.sign_in(login).await;
        let client = ClientId::from_u128(0x5000 + i as u128);
        let answer = app
            .push(&other, vec![text_mutation(client, 1, entry(1), "上書き")])
            .await;
        assert_eq!(
            outcomes(&answer),
            [Outcome::Rejected {
                refusal: Refusal::NotAllowed
            }],
            "{login} cannot change it"
        );
        let body = app
            .send(Some(&other), &Pull { cursor: Some(0) }, &NoContent)
            .await
            .text()
            .await
            .unwrap();
        assert!(!body.contains(canary), "{login} never receives it");
        assert!(!body.contains(&entry(1).id.to_string()), "{login}: {body}");
    }
    // Staff and mentors do not create notebook entries either.
    let coordinator = app.sign_in("coordinator").await;
    let answer = app
        .push(
            &coordinator,
            vec![text_mutation(ClientId::from_u128(6), 1, entry(9), "x")],
        )
        .await;
    assert_eq!(
        outcomes(&answer),
        [Outcome::Rejected {
            refusal: Refusal::NotAllowed
        }]
    );
    // A device id is one person's.
    let kawabe = app.sign_in("kawabe").await;
    let answer = app
        .push(
            &kawabe,
            vec![text_mutation(ClientId::from_u128(5), 2, entry(7), "x")],
        )
        .await;
    assert_eq!(
        outcomes(&answer),
        [Outcome::Rejected {
            refusal: Refusal::ForeignClient
        }]
    );
}

#[tokio::test]
async fn two_devices_editing_one_text_from_the_same_base_keep_both_and_history_keeps_the_rest() {
    let app = spawn_app().await;
    let parent = app.sign_in("morikawa").await;
    let mut phone = Replica::new(ClientId::from_u128(10));
    let mut tablet = Replica::new(ClientId::from_u128(11));
    let t = now_millis();
    let text = |s: &str| vec![("text".to_owned(), FieldValue::Text(s.to_owned()))];

    phone
        .edit(entry(1), text("最初"), Stamp::at_millis(t, 10))
        .unwrap();
    let answer = app
        .push(&parent, phone.push_request().unwrap().mutations)
        .await;
    phone.on_push_response(&answer);
    tablet.on_pull(&app.pull_notes(&parent, 0).await);

    phone
        .edit(entry(1), text("携帯で直した"), Stamp::at_millis(t + 1, 10))
        .unwrap();
    tablet
        .edit(
            entry(1),
            text("タブレットで直した"),
            Stamp::at_millis(t + 2, 11),
        )
        .unwrap();
    for device in [&mut phone, &mut tablet] {
        let answer = app
            .push(&parent, device.push_request().unwrap().mutations)
            .await;
        device.on_push_response(&answer);
    }
    for device in [&mut phone, &mut tablet] {
        device.on_pull(&app.pull_notes(&parent, 0).await);
        let shown = device.record(entry(1)).unwrap();
        assert_eq!(shown.text("text"), Some("タブレットで直した"));
        assert_eq!(shown.conflicting("text"), ["携帯で直した"]);
    }
    // The first text left the frontier: it is in the history.
    let (history,): (i64,) = sqlx::query_as(
        "SELECT count(*) FROM sync_history WHERE field = 'text' AND version LIKE '%最初%'",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(history, 1);
}

#[tokio::test]
async fn bad_pushes_and_pulls_get_clear_errors() {
    let app = spawn_app().await;
    let parent = app.sign_in("morikawa").await;
    let response = app
        .post_json_as(&parent, &Push {}.path(), &json!({ "mutations": "no" }))
        .await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let too_many: Vec<Mutation> = (1..=101)
        .map(|n| text_mutation(ClientId::from_u128(20), n, entry(1), "x"))
        .collect();
    let response = app.push_raw(&parent, too_many).await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let response = app.get_as(Some(&parent), "/api/sync/pull?cursor=-1").await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let body: serde_json::Value = response.json().await.unwrap();
    assert!(body["message"].as_str().unwrap().contains("cursor"));
    assert_eq!(app.sync_state().await, Vec::<String>::new());
}

#[tokio::test]
async fn many_clients_pushing_at_once_all_land_once() {
    let app = spawn_app().await;
    let parent = app.sign_in("morikawa").await;
    let mut tasks = Vec::new();
    for c in 0..16u128 {
        let client = ClientId::from_u128(100 + c);
        let (base, client_http, cookie) = (app.base.clone(), app.client.clone(), parent.0.clone());
        tasks.push(tokio::spawn(async move {
            for n in 1..=10u64 {
                let body = PushRequest {
                    mutations: vec![text_mutation(
                        client,
                        n,
                        entry(c * 100 + u128::from(n)),
                        "並行",
                    )],
                };
                let answer: PushResponse = request(&client_http, &base, &Push {}, &body)
                    .header("cookie", &cookie)
                    .send()
                    .await
                    .unwrap()
                    .json()
                    .await
                    .unwrap();
                assert_eq!(answer.results[0].outcome, Outcome::Applied);
            }
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
    let mut cursor = 0;
    let mut seen = 0;
    loop {
        let page = app.pull_notes(&parent, cursor).await;
        seen += page.records.len();
        cursor = page.cursor;
        if !page.more {
            break;
        }
    }
    assert_eq!(seen, 160);
}

#[tokio::test]
async fn an_entry_shared_with_the_family_reaches_its_other_parent_until_unshared() {
    let app = spawn_app().await;
    let author = app.sign_in("morikawa").await;
    let invitation = app
        .invite_parent(demo::DEMO_FAMILY, "森川 けんじ", chrono::Utc::now())
        .await;
    let (other_parent, newcomer) = app
        .accept_invitation(&invitation.code, "kenji", "a long enough secret")
        .await;
    // A second parent of a family is confirmed by the first (joining.rs).
    let confirmed = app
        .confirm_joining(&author, demo::DEMO_FAMILY, newcomer.id)
        .await;
    assert_eq!(confirmed.status(), StatusCode::NO_CONTENT);
    let other_family = app.sign_in("kawabe").await;

    let client = ClientId::from_u128(30);
    let share = |number: u64, shared: bool| Mutation {
        client,
        number,
        at: Stamp::at_millis(now_millis() + number, 30),
        record: entry(1),
        changes: vec![FieldChange {
            field: "shared_with_family".into(),
            value: FieldValue::Bool(shared),
            base: None,
        }],
    };
    app.push(
        &author,
        vec![text_mutation(client, 1, entry(1), "二人で話したい")],
    )
    .await;
    assert!(
        app.pull_notes(&other_parent, 0).await.records.is_empty(),
        "private by default"
    );

    app.push(&author, vec![share(2, true)]).await;
    let page = app.pull_notes(&other_parent, 0).await;
    assert_eq!(page.records.len(), 1);
    assert_eq!(page.records[0].owner, demo::DEMO_PARENT);
    assert!(app.pull_notes(&other_family, 0).await.records.is_empty());
    // Read, not write: the entry stays its author's.
    let answer = app
        .push(
            &other_parent,
            vec![text_mutation(
                ClientId::from_u128(31),
                1,
                entry(1),
                "書き換え",
            )],
        )
        .await;
    assert_eq!(
        outcomes(&answer),
        [Outcome::Rejected {
            refusal: Refusal::NotAllowed
        }]
    );

    app.push(&author, vec![share(3, false)]).await;
    let after = app.pull_notes(&other_parent, page.cursor).await;
    assert_eq!(after.forget, [entry(1)]);
    assert!(after.records.is_empty());
    let mut device = Replica::new(ClientId::from_u128(32));
    device.on_pull(&page);
    assert!(device.record(entry(1)).is_some());
    device.on_pull(&after);
    assert!(
        device.record(entry(1)).is_none(),
        "the other parent's device forgets it"
    );
}

#[tokio::test]
async fn the_author_reads_an_entrys_earlier_words_and_nobody_else_does() {
    let app = spawn_app().await;
    let author = app.sign_in("morikawa").await;
    let client = ClientId::from_u128(40);
    // Each written on top of the one before, as the app does.
    let mut base = None;
    for (number, words) in [(1, "一度目の言葉"), (2, "二度目の言葉"), (3, "今の言葉")]
    {
        let mut m = text_mutation(client, number, entry(1), words);
        m.at = Stamp::at_millis(now_millis() + number, 40);
        m.changes[0].base = base;
        base = Some(m.at);
        app.push(&author, vec![m]).await;
    }
    let history_of_first = GetHistory {
        record_type: RecordType::NotebookEntry,
        record_id: entry(1).id,
    };
    let (status, history): (StatusCode, Vec<tsunagu_model::sync::HistoryEntry>) =
        app.call(Some(&author), &history_of_first, &NoContent).await;
    assert_eq!(status, StatusCode::OK);
    let words: Vec<_> = history
        .iter()
        .filter_map(|h| h.version.value.as_text())
        .collect();
    assert_eq!(words, ["二度目の言葉", "一度目の言葉"], "newest first");

    for login in ["kawabe", "coordinator", "mentor"] {
        let other = app.sign_in(login).await;
        let response = app.send(Some(&other), &history_of_first, &NoContent).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{login}");
    }
    let missing = app
        .send(
            Some(&author),
            &GetHistory {
                record_type: RecordType::NotebookEntry,
                record_id: entry(2).id,
            },
            &NoContent,
        )
        .await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    let unknown_type = app
        .get_as(
            Some(&author),
            &format!("/api/sync/history/diary/{}", entry(1).id),
        )
        .await;
    assert_eq!(unknown_type.status(), StatusCode::NOT_FOUND);
    let bad_id = app
        .get_as(Some(&author), "/api/sync/history/notebook_entry/not-an-id")
        .await;
    assert_eq!(bad_id.status(), StatusCode::BAD_REQUEST);
}
