//! Names people type, at every edge that takes one: a NUL, an invisible or a
//! reversing character is a 400 naming the field, and nothing is stored; a name
//! typed decomposed is stored composed (NFC).

use chrono::NaiveDate;
use reqwest::StatusCode;
use tsunagu_model::{Child, api::ApiError};
use tsunagu_server::demo;

use crate::helpers::spawn_app;

/// The names the attack used, and what each breaks.
const BAD: &[&str] = &[
    "\u{0000}x",
    "x\u{0000}",
    "\u{200b}",
    "\u{202e}evil",
    "森川\nさん",
];

async fn rows(db: &sqlx::SqlitePool, table: &str) -> i64 {
    let (n,): (i64,) = sqlx::query_as(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM {table}")))
        .fetch_one(db)
        .await
        .unwrap();
    n
}

#[tokio::test]
async fn bad_names_are_refused_at_every_edge_and_store_nothing() {
    let app = spawn_app().await;
    let coordinator = app.sign_in("coordinator").await;
    let before = (
        rows(&app.db, "families").await,
        rows(&app.db, "invitations").await,
        rows(&app.db, "children").await,
    );
    for (i, bad) in BAD.iter().enumerate() {
        let child = |prefix: &str, given_name: &str, school: &str| Child {
            id: format!("{prefix}-0000-4000-8000-{i:012}").parse().unwrap(),
            family_id: demo::DEMO_FAMILY,
            given_name: given_name.into(),
            birth_date: NaiveDate::from_ymd_opt(2021, 5, 5).unwrap(),
            school: school.into(),
        };
        let mut attempts = vec![
            (
                "a family",
                "display_name",
                app.register_family(&coordinator, bad).await,
            ),
            (
                "an invitation",
                "display_name",
                app.invite_from_desk(&coordinator, demo::DEMO_FAMILY, bad)
                    .await,
            ),
            (
                "a child",
                "given_name",
                app.register_child(&coordinator, &child("7a3b0011", bad, ""))
                    .await,
            ),
        ];
        // A school may be left empty.
        if *bad != "\u{200b}" {
            attempts.push((
                "a child's school",
                "school",
                app.register_child(&coordinator, &child("7a3b0012", "けい", bad))
                    .await,
            ));
        }
        for (what, field, response) in attempts {
            assert_eq!(
                response.status(),
                StatusCode::BAD_REQUEST,
                "{what} with {bad:?}"
            );
            let error: ApiError = response.json().await.unwrap();
            assert!(
                error.message.contains(field),
                "{what}: the message names the field: {}",
                error.message
            );
        }
    }
    let after = (
        rows(&app.db, "families").await,
        rows(&app.db, "invitations").await,
        rows(&app.db, "children").await,
    );
    assert_eq!(before, after, "nothing is stored");

    // The same name typed decomposed (か + the combining voiced mark) is stored
    // as one character, so lists and searches agree.
    let created = app
        .register_family(&coordinator, " か\u{3099}くさん\u{200b}")
        .await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let stored: (String,) =
        sqlx::query_as("SELECT display_name FROM families WHERE display_name LIKE '%くさん'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(stored.0, "がくさん");
    app.stop().await;
}
