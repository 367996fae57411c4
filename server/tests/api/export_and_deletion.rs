//! The admin's export of a family (everything about it, no credentials) and its
//! deletion (everywhere, but for the record that it was deleted).

use reqwest::StatusCode;
use tsunagu_model::endpoints::{GetFamily, GetMe, ListFamilies, NoContent};
use tsunagu_model::{
    Family,
    sync::{ClientId, FieldValue, Stamp},
};
use tsunagu_server::{admin, demo};

use crate::helpers::{entry, now_millis, spawn_app, text_mutation};

#[tokio::test]
async fn export_holds_everything_about_the_family_and_no_credentials() {
    let app = spawn_app().await;
    let coordinator = app.sign_in("coordinator").await;
    app.send(
        Some(&coordinator),
        &GetFamily {
            family_id: demo::DEMO_FAMILY,
        },
        &NoContent,
    )
    .await;
    app.invite_parent(demo::DEMO_FAMILY, "森川 けんじ", chrono::Utc::now())
        .await;
    // The parent's notebook entry, written twice: both wordings are the family's data.
    let parent = app.sign_in("morikawa").await;
    let client = ClientId::from_u128(50);
    let first = text_mutation(client, 1, entry(1), "最初の言葉");
    let mut second = text_mutation(client, 2, entry(1), "書き直した言葉");
    second.at = Stamp::at_millis(now_millis() + 1, 50);
    second.changes[0].base = Some(first.at);
    app.push(&parent, vec![first, second]).await;
    let other = app.sign_in("kawabe").await;
    app.push(
        &other,
        vec![text_mutation(
            ClientId::from_u128(51),
            1,
            entry(2),
            "よその家族の記録",
        )],
    )
    .await;

    let export = admin::export_family(&app.db, demo::DEMO_FAMILY)
        .await
        .unwrap();
    assert_eq!(export["family"]["display_name"], "森川さん");
    assert_eq!(export["children"].as_array().unwrap().len(), 1);
    let records = export["family_records"].as_array().unwrap();
    let of_type = |t: &str| records.iter().filter(|r| r["record_type"] == t).count();
    assert_eq!((of_type("meeting"), of_type("plan_summary")), (5, 4));
    assert!(records[0]["fields"].is_object(), "fields disclosed as JSON");
    let parents = export["parents"].as_array().unwrap();
    assert_eq!(parents.len(), 1);
    assert_eq!(parents[0]["login"], "morikawa");
    assert_eq!(export["invitations"].as_array().unwrap().len(), 1);
    assert_eq!(
        export["consents"].as_array().unwrap().len(),
        2,
        "the demo's, to its mentor"
    );
    let reads: Vec<_> = export["audit_log"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "read_family")
        .collect();
    assert_eq!(reads.len(), 1);
    let notebook = export["notebook"].as_array().unwrap();
    assert_eq!(notebook.len(), 1);
    assert_eq!(notebook[0]["fields"]["text"][0]["value"], "書き直した言葉");
    assert_eq!(notebook[0]["earlier"][0]["version"]["value"], "最初の言葉");
    assert!(export["passkeys"].as_array().unwrap().is_empty());
    let text = export.to_string();
    assert!(!text.contains("argon2"), "no password hashes");
    assert!(!text.contains("川辺"), "nothing of another family");
    assert!(!text.contains("よその家族"), "no other family's notebook");

    let missing = admin::export_family(
        &app.db,
        "00000000-0000-4000-8000-000000000000".parse().unwrap(),
    )
    .await;
    assert!(missing.is_err());
}

#[tokio::test]
async fn deleting_a_family_removes_it_everywhere_but_the_record_of_deletion() {
    let app = spawn_app().await;
    let parent = app.sign_in("morikawa").await;
    let coordinator = app.sign_in("coordinator").await;
    app.send(
        Some(&coordinator),
        &GetFamily {
            family_id: demo::DEMO_FAMILY,
        },
        &NoContent,
    )
    .await;
    app.invite_parent(demo::DEMO_FAMILY, "森川 けんじ", chrono::Utc::now())
        .await;
    let mut first = text_mutation(ClientId::from_u128(52), 1, entry(1), "消えるはずの言葉");
    let mut second = first.clone();
    second.number = 2;
    second.at = Stamp::at_millis(now_millis() + 1, 52);
    second.changes[0].base = Some(first.at);
    first.changes[0].value = FieldValue::Text("その前の言葉".into());
    app.push(&parent, vec![first, second]).await;
    let (before,): (i64,) = sqlx::query_as("SELECT count(*) FROM sync_history")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(
        before, 1,
        "an entry with an earlier wording exists to delete"
    );

    let deleted = admin::delete_family(&app.db, demo::DEMO_FAMILY)
        .await
        .unwrap();
    assert_eq!(
        (deleted.children, deleted.meetings, deleted.accounts),
        (1, 5, 1)
    );

    let id = demo::DEMO_FAMILY.to_string();
    for (table, column) in [
        ("families", "id"),
        ("children", "family_id"),
        ("sync_records", "family_id"),
        ("family_parents", "family_id"),
        ("invitations", "family_id"),
        ("audit_log", "family_id"),
    ] {
        let (n,): (i64,) = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT count(*) FROM {table} WHERE {column} = ?"
        )))
        .bind(&id)
        .fetch_one(&app.db)
        .await
        .unwrap();
        assert_eq!(n, 0, "{table}");
    }
    // The notebook, its history and its devices go with the parent; the family's
    // meetings and plans with the family, their history with them.
    let parent_id = "7a3b0004-0000-4000-8000-000000000001";
    for query in [
        "SELECT count(*) FROM sync_records WHERE owner_id = ?",
        "SELECT count(*) FROM sync_log WHERE person_id = ?",
        "SELECT count(*) FROM sync_clients WHERE person_id = ?",
        "SELECT count(*) FROM sync_history h WHERE ? IS NOT NULL AND NOT EXISTS (
             SELECT 1 FROM sync_records r WHERE r.record_type = h.record_type AND r.record_id = h.record_id)",
    ] {
        let (n,): (i64,) = sqlx::query_as(query)
            .bind(parent_id)
            .fetch_one(&app.db)
            .await
            .unwrap();
        assert_eq!(n, 0, "{query}");
    }
    for table in ["people", "password_logins"] {
        let (n,): (i64,) = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT count(*) FROM {table} WHERE {} = '7a3b0004-0000-4000-8000-000000000001'",
            if table == "people" { "id" } else { "person_id" }
        )))
        .fetch_one(&app.db)
        .await
        .unwrap();
        assert_eq!(n, 0, "{table}");
    }
    assert_eq!(
        app.send(Some(&parent), &GetMe {}, &NoContent)
            .await
            .status(),
        StatusCode::UNAUTHORIZED
    );
    let (kept,): (i64,) =
        sqlx::query_as("SELECT count(*) FROM audit_log WHERE action = 'family_deleted'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(kept, 1);
    // The other families are untouched.
    let other = app.sign_in("kawabe").await;
    let (_, families): (_, Vec<Family>) =
        app.call(Some(&other), &ListFamilies {}, &NoContent).await;
    assert_eq!(families.len(), 1);
}
