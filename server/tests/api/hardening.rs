//! Issue 12's smaller holes: sessions' lifetimes, login names through an
//! invitation, a brought item re-pointed, connections left half-sent, the whole
//! `Origin` compared, and every error in the API's JSON shape.

use std::time::Duration;

use reqwest::{StatusCode, header};
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tsunagu_model::endpoints::{Endpoint, GetMe, NoContent, Push, SignIn};
use tsunagu_model::{
    api::ApiError,
    sync::{ClientId, FieldValue, Outcome, PushRequest, Refusal},
};
use tsunagu_server::demo;

use crate::helpers::{
    NEXT, Options, TestApp, bring, change, credentials, entry, item_key, mutation, request,
    spawn_app, spawn_app_with, text_mutation,
};

#[tokio::test]
async fn sessions_end_after_two_idle_weeks_or_thirty_days_in_all() {
    let app = spawn_app().await;
    let now = chrono::Utc::now();
    let text = |t: chrono::DateTime<chrono::Utc>| t.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string();
    for (idle_days, age_days, lasts) in [(13, 13, true), (15, 15, false), (1, 31, false)] {
        let session = app.sign_in("morikawa").await;
        sqlx::query("UPDATE sessions SET last_seen_at = ?, created_at = ? WHERE last_seen_at > ?")
            .bind(text(now - chrono::Duration::days(idle_days)))
            .bind(text(now - chrono::Duration::days(age_days)))
            .bind(text(now - chrono::Duration::hours(1)))
            .execute(&app.db)
            .await
            .unwrap();
        let status = app
            .send(Some(&session), &GetMe {}, &NoContent)
            .await
            .status();
        assert_eq!(
            status == StatusCode::OK,
            lasts,
            "{idle_days} days idle, {age_days} days old: {status}"
        );
    }
    let signed_in = app.try_sign_in("morikawa", demo::DEMO_PASSWORD).await;
    let cookie = signed_in.headers()[header::SET_COOKIE]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        cookie.contains(&format!("Max-Age={}", 30 * 24 * 3600)),
        "{cookie}"
    );
    app.stop().await;
}

#[tokio::test]
async fn an_invitation_cannot_be_used_to_list_login_names() {
    let app = spawn_app().await;
    let invitation = app
        .invite_parent(demo::DEMO_FAMILY, "森川 けんじ", chrono::Utc::now())
        .await;
    let mut statuses = Vec::new();
    for login in [
        "morikawa",
        "kawabe",
        "takadai",
        "coordinator",
        "mentor",
        "morikawa",
    ] {
        let response = app
            .set_up_password(&invitation.code, login, "a long enough secret")
            .await;
        let status = response.status();
        if status == StatusCode::TOO_MANY_REQUESTS {
            assert!(response.headers().contains_key(header::RETRY_AFTER));
        }
        let error: ApiError = response.json().await.unwrap();
        assert!(!error.message.contains("taken"), "{}", error.message);
        statuses.push(status.as_u16());
    }
    assert_eq!(statuses, [409, 409, 409, 409, 409, 429]);
    app.stop().await;
}

#[tokio::test]
async fn a_brought_item_cannot_be_pointed_at_another_persons_entry() {
    let app = spawn_app().await;
    let parent = app.sign_in("morikawa").await;
    let other = app.sign_in("kawabe").await;
    let answer = app
        .push(
            &other,
            vec![text_mutation(
                ClientId::from_u128(0x2),
                1,
                entry(50),
                "川辺さんの",
            )],
        )
        .await;
    assert_eq!(answer.results[0].outcome, Outcome::Applied);
    let client = ClientId::from_u128(0x1);
    let answer = app
        .push(
            &parent,
            vec![
                text_mutation(client, 1, entry(1), "質問"),
                bring(client, 2, 1, NEXT, entry(1), "聞きたいこと", 0),
                mutation(
                    client,
                    3,
                    item_key(1),
                    vec![change("entry", FieldValue::Text(entry(50).id.to_string()))],
                ),
                mutation(
                    client,
                    4,
                    item_key(1),
                    vec![change("entry", FieldValue::Null)],
                ),
            ],
        )
        .await;
    let outcomes: Vec<Outcome> = answer.results.into_iter().map(|r| r.outcome).collect();
    let refused = Outcome::Rejected {
        refusal: Refusal::NotAllowed,
    };
    assert_eq!(
        outcomes,
        [Outcome::Applied, Outcome::Applied, refused.clone(), refused]
    );
    let (fields,): (String,) =
        sqlx::query_as("SELECT fields FROM sync_records WHERE record_type = 'brought_item'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert!(
        fields.contains(&entry(1).id.to_string()) && !fields.contains(&entry(50).id.to_string())
    );
    app.stop().await;
}

/// Sends `sent` and waits (at most a minute) for the server to answer or to
/// close; returns what it answered, empty if it only closed.
async fn left_half_sent(app: &TestApp, sent: &str) -> String {
    let mut stream = tokio::net::TcpStream::connect(app.server.addr())
        .await
        .unwrap();
    stream.write_all(sent.as_bytes()).await.unwrap();
    let mut answer = Vec::new();
    tokio::time::timeout(Duration::from_secs(60), stream.read_to_end(&mut answer))
        .await
        .expect("the server cuts off a half-sent request within a minute")
        .ok();
    String::from_utf8_lossy(&answer).into_owned()
}

#[tokio::test]
async fn half_sent_headers_and_bodies_are_cut_off() {
    let app = spawn_app().await;
    let (headers, body) = tokio::join!(
        left_half_sent(
            &app,
            "GET /api/health HTTP/1.1\r\nHost: localhost\r\nX-Slow: 1"
        ),
        left_half_sent(
            &app,
            "POST /api/session HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"login\":",
        ),
    );
    assert!(!headers.contains("200 OK"), "{headers}");
    // The body that never completes is answered as the API answers, or cut.
    assert!(body.is_empty() || body.starts_with("HTTP/1.1 4"), "{body}");
    app.stop().await;
}

#[tokio::test]
async fn a_write_must_come_from_the_public_urls_own_origin() {
    let app = spawn_app_with(Options {
        demo: true,
        static_dir: None,
        over_tls: true,
        public_url: Some("https://tsunagu.example.jp"),
        push_allow_origin: None,
    })
    .await;
    let attempt = |origin: &'static str| {
        request(
            &app.client,
            &app.base,
            &SignIn {},
            &credentials("morikawa", demo::DEMO_PASSWORD),
        )
        .header(header::HOST, "tsunagu.example.jp")
        .header(header::ORIGIN, origin)
        .send()
    };
    for foreign in [
        "http://tsunagu.example.jp",
        "https://tsunagu.example.jp:8443",
    ] {
        assert_eq!(
            attempt(foreign).await.unwrap().status(),
            StatusCode::FORBIDDEN,
            "{foreign}"
        );
    }
    assert_eq!(
        attempt("https://tsunagu.example.jp")
            .await
            .unwrap()
            .status(),
        StatusCode::OK
    );
    app.stop().await;
}

#[tokio::test]
async fn every_error_is_the_apis_json_naming_the_field_without_internals() {
    let app = spawn_app().await;
    let parent = app.sign_in("morikawa").await;
    let is_json = |r: &reqwest::Response| {
        r.headers()
            .get(header::CONTENT_TYPE)
            .is_some_and(|v| v.as_bytes().starts_with(b"application/json"))
    };

    let wrong_method = app
        .client
        .delete(format!("{}/api/health", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(wrong_method.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert!(is_json(&wrong_method));
    assert_eq!(
        wrong_method.json::<ApiError>().await.unwrap().error,
        "method_not_allowed"
    );

    let long = app
        .get(&format!("/api/families/{}", "x".repeat(9000)))
        .await;
    assert_eq!(long.status(), StatusCode::URI_TOO_LONG);
    assert!(is_json(&long));
    assert_eq!(long.headers()["x-content-type-options"], "nosniff");

    let undecodable = app.get_as(Some(&parent), "/api/sync/history/%ff/x").await;
    assert!(undecodable.status().is_client_error());
    assert!(is_json(&undecodable), "{:?}", undecodable.headers());

    for (body, field) in [
        (
            json!({ "mutations": [{ "client": uuid::Uuid::nil(), "number": 1, "at": "x", "type": "secret", "id": uuid::Uuid::nil(), "changes": [] }] }),
            "mutations[0]",
        ),
        (json!([]), "request body"),
        (json!({ "mutations": "secret" }), "mutations"),
    ] {
        let response = app.post_json_as(&parent, &Push {}.path(), &body).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST);
        let error: ApiError = response.json().await.unwrap();
        assert!(error.message.contains(field), "{}", error.message);
        for leak in ["secret", "PushRequest", "struct", "variant", "`"] {
            assert!(!error.message.contains(leak), "{}", error.message);
        }
    }
    app.stop().await;
}

#[tokio::test]
async fn a_database_held_busy_answers_503_with_retry_after_never_500() {
    let app = spawn_app().await;
    let parent = app.sign_in("morikawa").await;
    // Someone else holds the write lock past the busy timeout.
    let mut holder = app.db.acquire().await.unwrap();
    sqlx::query("BEGIN IMMEDIATE")
        .execute(&mut *holder)
        .await
        .unwrap();
    let push = text_mutation(ClientId::from_u128(0x5), 1, entry(5), "待つ");
    let response = app
        .send(
            Some(&parent),
            &Push {},
            &PushRequest {
                mutations: vec![push.clone()],
            },
        )
        .await;
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert!(response.headers().contains_key(header::RETRY_AFTER));
    assert_eq!(response.json::<ApiError>().await.unwrap().error, "busy");
    sqlx::query("ROLLBACK").execute(&mut *holder).await.unwrap();
    drop(holder);
    // Once the lock is free, the same push goes through.
    let answer = app.push(&parent, vec![push]).await;
    assert_eq!(answer.results[0].outcome, Outcome::Applied);
    app.stop().await;
}

/// The push reads and merges outside the write lock and redoes the work under
/// it when SQLite's `data_version` says another connection committed meanwhile:
/// that pragma must move for a commit elsewhere and stay for none.
#[tokio::test]
async fn data_version_moves_exactly_when_another_connection_commits() {
    let app = spawn_app().await;
    let mut reader = app.db.acquire().await.unwrap();
    let before = data_version(&mut reader).await;
    assert_eq!(data_version(&mut reader).await, before, "nothing committed");
    let parent = app.sign_in("morikawa").await;
    app.push(
        &parent,
        vec![text_mutation(
            ClientId::from_u128(0x6),
            1,
            entry(6),
            "書いた",
        )],
    )
    .await;
    assert_ne!(
        data_version(&mut reader).await,
        before,
        "another connection committed"
    );
    drop(reader);
    app.stop().await;
}

async fn data_version(conn: &mut sqlx::SqliteConnection) -> i64 {
    let (v,): (i64,) = sqlx::query_as("PRAGMA data_version")
        .fetch_one(conn)
        .await
        .unwrap();
    v
}
