//! Issue 12: deleted means gone. An entry moved to the trash is its author's
//! alone, restorable for 30 days, then its words and every earlier version are
//! erased on the server and (by a tombstone) on every device; "delete now"
//! erases at once. The export says what the trash holds.

use reqwest::StatusCode;
use tsunagu_model::endpoints::{GetHistory, NoContent};
use tsunagu_model::sync::{
    ClientId, DELETED, FieldValue, Mutation, Outcome, RecordKey, RecordType, Stamp, TRASHED,
};
use tsunagu_server::{admin, demo};

use crate::helpers::{Session, TestApp, change, entry, mutation, now_millis, spawn_app};

const WORDS: &str = "TRASH-CANARY-5d1e 捨てたい言葉";

/// A change to one field, stamped `number` ms from now so each one pushed later
/// is later (two pushed together stay apart).
fn change_at(
    client: ClientId,
    number: u64,
    key: RecordKey,
    field: &str,
    value: FieldValue,
) -> Mutation {
    Mutation {
        at: Stamp::at_millis(now_millis() + number, client.0.as_u128()),
        ..mutation(client, number, key, vec![change(field, value)])
    }
}

/// Every row of the sync tables that still holds `words`.
async fn rows_holding(app: &TestApp, words: &str) -> i64 {
    let pattern = format!("%{}%", words.split(' ').next().unwrap());
    let (records,): (i64,) =
        sqlx::query_as("SELECT count(*) FROM sync_records WHERE fields LIKE ?")
            .bind(&pattern)
            .fetch_one(&app.db)
            .await
            .unwrap();
    let (history,): (i64,) =
        sqlx::query_as("SELECT count(*) FROM sync_history WHERE version LIKE ?")
            .bind(&pattern)
            .fetch_one(&app.db)
            .await
            .unwrap();
    records + history
}

async fn write_twice(app: &TestApp, parent: &Session, client: ClientId, key: RecordKey) {
    let first = change_at(
        client,
        1,
        key,
        "text",
        FieldValue::Text(format!("{WORDS} 1")),
    );
    let mut second = change_at(
        client,
        2,
        key,
        "text",
        FieldValue::Text(format!("{WORDS} 2")),
    );
    // Written on top of the first, which goes to history.
    second.changes[0].base = Some(first.at);
    let answer = app.push(parent, vec![first, second]).await;
    assert!(answer.results.iter().all(|r| r.outcome == Outcome::Applied));
}

#[tokio::test]
async fn the_trash_keeps_an_entry_restorable_for_30_days_then_erases_it_everywhere() {
    let app = spawn_app().await;
    let parent = app.sign_in("morikawa").await;
    let client = ClientId::from_u128(0x7a);
    let key = entry(0x7a);
    write_twice(&app, &parent, client, key).await;
    assert_eq!(
        rows_holding(&app, WORDS).await,
        2,
        "the entry and its earlier words"
    );

    app.push(
        &parent,
        vec![change_at(client, 3, key, TRASHED, FieldValue::Bool(true))],
    )
    .await;
    let export = admin::export_family(&app.db, demo::DEMO_FAMILY)
        .await
        .unwrap();
    let trash = export["trash"].as_array().unwrap();
    assert_eq!(trash.len(), 1, "the export says what the trash holds");
    assert_eq!(trash[0]["id"], key.id.to_string());
    assert!(trash[0]["erased_after"].is_string());

    // Within 30 days nothing is erased, and the author restores it.
    let now = chrono::Utc::now();
    assert_eq!(
        tsunagu_server::sync::erase_expired_trash(&app.db, now + chrono::Duration::days(29))
            .await
            .unwrap(),
        0
    );
    app.push(
        &parent,
        vec![change_at(client, 4, key, TRASHED, FieldValue::Bool(false))],
    )
    .await;
    let export = admin::export_family(&app.db, demo::DEMO_FAMILY)
        .await
        .unwrap();
    assert!(export["trash"].as_array().unwrap().is_empty());
    assert_eq!(
        tsunagu_server::sync::erase_expired_trash(&app.db, now + chrono::Duration::days(31))
            .await
            .unwrap(),
        0,
        "a restored entry is not erased"
    );

    // In the trash again, and 30 days pass: the words and history are gone.
    app.push(
        &parent,
        vec![change_at(client, 5, key, TRASHED, FieldValue::Bool(true))],
    )
    .await;
    let before = app.pull_notes(&parent, 0).await.cursor;
    assert_eq!(
        tsunagu_server::sync::erase_expired_trash(&app.db, now + chrono::Duration::days(31))
            .await
            .unwrap(),
        1
    );
    assert_eq!(rows_holding(&app, WORDS).await, 0, "no row holds the words");
    let page = app.pull(&parent, before).await;
    let tombstone = page
        .tombstones
        .iter()
        .find(|r| r.key == key)
        .expect("a tombstone");
    assert_eq!(tombstone.fields.keys().collect::<Vec<_>>(), [DELETED]);
    let (status, _) = app
        .call(
            Some(&parent),
            &GetHistory {
                record_type: RecordType::NotebookEntry,
                record_id: key.id,
            },
            &NoContent,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    app.stop().await;
}

#[tokio::test]
async fn delete_now_erases_an_entry_and_its_history_at_once() {
    let app = spawn_app().await;
    let parent = app.sign_in("morikawa").await;
    let client = ClientId::from_u128(0x7b);
    let key = entry(0x7b);
    write_twice(&app, &parent, client, key).await;
    app.push(
        &parent,
        vec![change_at(client, 3, key, DELETED, FieldValue::Bool(true))],
    )
    .await;
    assert_eq!(rows_holding(&app, WORDS).await, 0);
    // A late change from an offline device does not bring words back: it is
    // refused, and the device tells the person why.
    let late = app
        .push(
            &parent,
            vec![change_at(
                client,
                4,
                key,
                "text",
                FieldValue::Text(format!("{WORDS} late")),
            )],
        )
        .await;
    assert_eq!(
        late.results[0].outcome,
        Outcome::Rejected {
            refusal: tsunagu_model::sync::Refusal::Deleted
        }
    );
    assert_eq!(rows_holding(&app, WORDS).await, 0);
    app.stop().await;
}
