//! Names people type, at every edge that takes one: a NUL, an invisible or a
//! reversing character is a 400 naming the field, and nothing is stored; a name
//! typed decomposed is stored composed (NFC).

use reqwest::StatusCode;
use serde_json::json;
use tsunagu_model::api::ApiError;
use tsunagu_server::demo;

use super::spawn_app;

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
    let family = demo::DEMO_FAMILY.to_string();
    let before = (
        rows(&app.db, "families").await,
        rows(&app.db, "invitations").await,
        rows(&app.db, "children").await,
    );
    for (i, bad) in BAD.iter().enumerate() {
        let attempts = [
            (
                "/api/families".to_owned(),
                json!({ "display_name": bad }),
                "display_name",
            ),
            (
                format!("/api/families/{family}/invitations"),
                json!({ "display_name": bad }),
                "display_name",
            ),
            (
                format!("/api/families/{family}/children"),
                json!({
                    "id": format!("7a3b0011-0000-4000-8000-{i:012}"), "family_id": family,
                    "given_name": bad, "birth_date": "2021-05-05",
                }),
                "given_name",
            ),
            (
                format!("/api/families/{family}/children"),
                json!({
                    "id": format!("7a3b0012-0000-4000-8000-{i:012}"), "family_id": family,
                    "given_name": "けい", "birth_date": "2021-05-05", "school": bad,
                }),
                "school",
            ),
        ];
        for (path, body, field) in attempts {
            if field == "school" && *bad == "\u{200b}" {
                continue; // A school may be left empty.
            }
            let response = app.post_json_as(&coordinator, &path, body).await;
            assert_eq!(
                response.status(),
                StatusCode::BAD_REQUEST,
                "{path} with {bad:?}"
            );
            let error: ApiError = response.json().await.unwrap();
            assert!(
                error.message.contains(field),
                "{path}: the message names the field: {}",
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
        .post_json_as(
            &coordinator,
            "/api/families",
            json!({ "display_name": " か\u{3099}くさん\u{200b}" }),
        )
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
