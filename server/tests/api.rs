//! The server's integration tests: each spawns the real app on port 0 over a
//! fresh SQLite file and talks HTTP to it.

use std::{path::Path, time::Duration};

use reqwest::{StatusCode, header};
use tempfile::TempDir;
use tsunagu_model::{
    Family, MeetingKind, MemberRole,
    api::{ApiError, FamilyOverview, Health},
};
use tsunagu_server::{AppState, RunningServer, StaticFiles, app, db, demo};

struct TestApp {
    base: String,
    client: reqwest::Client,
    db: sqlx::SqlitePool,
    server: RunningServer,
    _dir: TempDir,
}

impl TestApp {
    async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .expect("the server answers")
    }

    async fn get_json<T: serde::de::DeserializeOwned>(&self, path: &str) -> (StatusCode, T) {
        let response = self.get(path).await;
        let status = response.status();
        (status, response.json().await.expect("a JSON body"))
    }

    async fn stop(mut self) {
        self.server
            .stop(Duration::from_secs(10))
            .await
            .expect("the server stops cleanly within 10 s");
    }
}

struct Options<'a> {
    demo: bool,
    static_dir: Option<&'a Path>,
}

async fn spawn_app() -> TestApp {
    spawn_app_with(Options {
        demo: true,
        static_dir: None,
    })
    .await
}

async fn spawn_app_with(options: Options<'_>) -> TestApp {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let url = format!("sqlite://{}", dir.path().join("db/tsunagu.db").display());
    let pool = db::connect(&url).await.expect("the database opens");
    if options.demo {
        demo::load(&pool, tsunagu_server::cli::town_today())
            .await
            .expect("the demo loads");
    }
    let router = app(
        AppState { db: pool.clone() },
        StaticFiles {
            dir: options.static_dir.map(Path::to_path_buf),
        },
    );
    let server = RunningServer::start(router)
        .await
        .expect("the server starts");
    TestApp {
        base: server.base_url(),
        client: reqwest::Client::new(),
        db: pool,
        server,
        _dir: dir,
    }
}

#[tokio::test]
async fn health_answers_ok_with_the_version() {
    let app = spawn_app().await;
    let (status, health): (_, Health) = app.get_json("/api/health").await;
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
    for path in ["/api/health", "/api/families", "/api/nope"] {
        let response = app.get(path).await;
        assert_eq!(
            response.headers()[header::CACHE_CONTROL],
            "no-store",
            "{path}"
        );
    }
}

#[tokio::test]
async fn the_demo_family_comes_first_with_its_child_and_meetings() {
    let app = spawn_app().await;
    let (status, families): (_, Vec<Family>) = app.get_json("/api/families").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(families.len(), 3);
    assert_eq!(families[0].id, demo::DEMO_FAMILY);

    let (status, overview): (_, FamilyOverview) = app
        .get_json(&format!("/api/families/{}", demo::DEMO_FAMILY))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(overview.family.display_name, "森川さん");
    assert_eq!(overview.children.len(), 1);
    assert!(
        overview
            .meetings
            .windows(2)
            .all(|w| w[0].starts_at <= w[1].starts_at)
    );
    assert!(
        overview
            .meetings
            .iter()
            .all(|m| m.family_id == demo::DEMO_FAMILY)
    );

    let today = tsunagu_server::cli::town_today();
    let next = tsunagu_model::meeting::upcoming(&overview.meetings, today);
    let first = next.first().expect("the demo family has a meeting ahead");
    assert_eq!(first.kind, MeetingKind::CaseMeeting);
    assert_eq!(first.purpose, "個別の教育支援計画の作成");
    assert_eq!(first.series.map(|s| (s.nth(), s.planned())), Some((3, 4)));
    assert_eq!(first.members.first(), Some(&MemberRole::Parent));
    assert_eq!(first.members.len(), 6);
}

#[tokio::test]
async fn a_family_id_that_is_not_an_id_is_a_400_and_an_unknown_one_a_404() {
    let app = spawn_app().await;
    let (status, body): (_, ApiError) = app.get_json("/api/families/not-an-id").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body.error, "bad_request");

    let (status, body): (_, ApiError) = app
        .get_json("/api/families/00000000-0000-4000-8000-000000000000")
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body.error, "not_found");
}

#[tokio::test]
async fn an_empty_database_lists_no_family() {
    let app = spawn_app_with(Options {
        demo: false,
        static_dir: None,
    })
    .await;
    let (status, families): (_, Vec<Family>) = app.get_json("/api/families").await;
    assert_eq!(status, StatusCode::OK);
    assert!(families.is_empty());
}

async fn dump(db: &sqlx::SqlitePool) -> Vec<String> {
    let mut rows = Vec::new();
    for query in [
        "SELECT id || display_name FROM families ORDER BY id",
        "SELECT id || family_id || given_name || birth_date FROM children ORDER BY id",
        "SELECT id || kind || purpose || starts_at || place || ifnull(series_nth, '') FROM meetings ORDER BY id",
        "SELECT meeting_id || position || role FROM meeting_members ORDER BY meeting_id, position",
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

/// A small stand-in for trunk's dist/: the server's file handling is under test
/// here; the real build is served in the end-to-end test.
fn fake_dist() -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::fs::write(p.join("index.html"), "<!doctype html><title>つなぐ</title>").unwrap();
    std::fs::write(
        p.join("tsunagu-app-0123456789abcdef_bg.wasm"),
        b"\0asm\x01\0\0\0",
    )
    .unwrap();
    std::fs::write(
        p.join("tsunagu-app-0123456789abcdef_bg.wasm.br"),
        b"brotli bytes",
    )
    .unwrap();
    std::fs::write(
        p.join("tsunagu-app-0123456789abcdef.js"),
        "export default 1;",
    )
    .unwrap();
    std::fs::write(p.join("sw.js"), "self.addEventListener('fetch', () => {});").unwrap();
    std::fs::write(p.join("manifest.webmanifest"), "{}").unwrap();
    dir
}

#[tokio::test]
async fn static_files_have_their_types_encodings_and_cache_rules() {
    let dist = fake_dist();
    let app = spawn_app_with(Options {
        demo: false,
        static_dir: Some(dist.path()),
    })
    .await;

    let wasm = app
        .client
        .get(format!("{}/tsunagu-app-0123456789abcdef_bg.wasm", app.base))
        .header(header::ACCEPT_ENCODING, "br")
        .send()
        .await
        .unwrap();
    assert_eq!(wasm.status(), StatusCode::OK);
    assert_eq!(wasm.headers()[header::CONTENT_TYPE], "application/wasm");
    assert_eq!(wasm.headers()[header::CONTENT_ENCODING], "br");
    assert_eq!(
        wasm.headers()[header::CACHE_CONTROL],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(wasm.bytes().await.unwrap().as_ref(), b"brotli bytes");

    let plain = app.get("/tsunagu-app-0123456789abcdef_bg.wasm").await;
    assert!(plain.headers().get(header::CONTENT_ENCODING).is_none());
    assert_eq!(plain.bytes().await.unwrap().as_ref(), b"\0asm\x01\0\0\0");

    let js = app.get("/tsunagu-app-0123456789abcdef.js").await;
    assert!(
        js.headers()[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .contains("javascript")
    );

    for path in ["/", "/index.html", "/sw.js", "/manifest.webmanifest"] {
        let response = app.get(path).await;
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        assert_eq!(
            response.headers()[header::CACHE_CONTROL],
            "no-cache",
            "{path}"
        );
    }
    let manifest = app.get("/manifest.webmanifest").await;
    assert_eq!(
        manifest.headers()[header::CONTENT_TYPE],
        "application/manifest+json"
    );
}

#[tokio::test]
async fn client_routes_get_the_app_and_missing_files_a_404() {
    let dist = fake_dist();
    let app = spawn_app_with(Options {
        demo: false,
        static_dir: Some(dist.path()),
    })
    .await;
    for route in ["/meetings", "/plans", "/some/deep/route"] {
        let response = app.get(route).await;
        assert_eq!(response.status(), StatusCode::OK, "{route}");
        assert!(
            response.headers()[header::CONTENT_TYPE]
                .to_str()
                .unwrap()
                .starts_with("text/html")
        );
        assert!(response.text().await.unwrap().contains("つなぐ"));
    }
    let missing = app.get("/tsunagu-app-ffffffffffffffff.js").await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn without_a_built_app_the_api_still_works_and_pages_say_why() {
    let app = spawn_app().await;
    assert_eq!(app.get("/api/health").await.status(), StatusCode::OK);
    let page = app.get("/").await;
    assert_eq!(page.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert!(page.text().await.unwrap().contains("not built"));
}

#[tokio::test]
async fn shutdown_finishes_and_frees_the_port() {
    let app = spawn_app().await;
    let base = app.base.clone();
    app.stop().await;
    assert!(reqwest::get(format!("{base}/api/health")).await.is_err());
}
