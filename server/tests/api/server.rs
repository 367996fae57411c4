//! The server itself: health, unknown paths, caching, a clean shutdown, its
//! database file, and the demo data loaded again.

use reqwest::{StatusCode, header};
use tsunagu_model::api::{ApiError, Health};
use tsunagu_model::endpoints::{GetHealth, NoContent};
use tsunagu_server::{db, demo};

use crate::helpers::spawn_app;

#[tokio::test]
async fn health_answers_ok_with_the_version() {
    let app = spawn_app().await;
    let (status, health): (_, Health) = app.call(None, &GetHealth {}, &NoContent).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(health.status, "ok");
    assert_eq!(health.version, env!("CARGO_PKG_VERSION"));
    app.stop().await;
}

#[tokio::test]
async fn an_unknown_api_path_is_a_json_404() {
    let app = spawn_app().await;
    let response = app.get("/api/no/such/thing").await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert_eq!(response.headers()[header::CONTENT_TYPE], "application/json");
    let body: ApiError = response.json().await.unwrap();
    assert_eq!(body.error, "not_found");
    assert!(!body.message.is_empty());
}

#[tokio::test]
async fn api_answers_are_never_cached() {
    let app = spawn_app().await;
    for path in ["/api/health", "/api/families", "/api/me", "/api/nope"] {
        let response = app.get(path).await;
        assert_eq!(
            response.headers()[header::CACHE_CONTROL],
            "no-store",
            "{path}"
        );
    }
}

#[tokio::test]
async fn shutdown_finishes_and_frees_the_port() {
    let app = spawn_app().await;
    let base = app.base.clone();
    app.stop().await;
    assert!(reqwest::get(format!("{base}/api/health")).await.is_err());
}

async fn dump(db: &sqlx::SqlitePool) -> Vec<String> {
    let mut rows = Vec::new();
    for query in [
        "SELECT id || display_name FROM families ORDER BY id",
        "SELECT id || family_id || given_name || birth_date || school FROM children ORDER BY id",
        "SELECT record_type || record_id || fields FROM sync_records ORDER BY record_type, record_id",
        "SELECT count(*) || '' FROM sync_history",
    ] {
        let part: Vec<(String,)> = sqlx::query_as(query).fetch_all(db).await.unwrap();
        rows.extend(part.into_iter().map(|(r,)| r));
    }
    rows
}

#[tokio::test]
async fn loading_the_demo_again_changes_nothing_even_on_another_day() {
    let app = spawn_app().await;
    let before = dump(&app.db).await;
    assert!(before.len() > 20);
    let later = tsunagu_server::cli::town_today() + chrono::Duration::days(40);
    demo::load(&app.db, later).await.unwrap();
    demo::load(&app.db, later).await.unwrap();
    assert_eq!(dump(&app.db).await, before);
}

#[tokio::test]
async fn the_database_file_and_folder_are_created_in_wal_mode() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("nested/folder/tsunagu.db");
    let pool = db::connect(&format!("sqlite://{}", file.display()))
        .await
        .unwrap();
    assert!(file.is_file());
    let (mode,): (String,) = sqlx::query_as("PRAGMA journal_mode")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(mode, "wal");
    let (fk,): (i64,) = sqlx::query_as("PRAGMA foreign_keys")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(fk, 1);
}

#[tokio::test]
async fn a_bad_database_url_is_a_clear_error() {
    let error = db::connect("postgres-or-what://nope").await.unwrap_err();
    assert!(error.to_string().contains("database URL"), "{error}");
}
