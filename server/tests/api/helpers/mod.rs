//! What the API tests share: the real app spawned on port 0 over a fresh SQLite
//! file (`spawn_app`), and typed requests per endpoint, one module per feature.
//! The tests read the server only through HTTP, its public admin functions and
//! the database file; nothing here knows how a handler is written.

mod access_log;
mod binary;
mod bringing;
mod calls;
mod documents;
mod families;
mod http;
mod invitations;
mod mentors;
mod passkeys;
pub mod push_receiver;
mod reminders;
mod sessions;
mod static_files;
mod sync;

use std::{path::Path, time::Duration};

use reqwest::header;
use tempfile::TempDir;
use tsunagu_server::{AppState, Exposure, RunningServer, StaticFiles, app_exposed, db, demo};

pub use binary::{BIN, start_serving, start_serving_with};
pub use bringing::{
    HELD, NEXT, OTHER_FAMILYS, PRIVATE_CANARY, bring, insert_brought_item, item_key,
};
pub use calls::request;
pub use documents::{
    DRAFT, HARUTO, TAKADAI, draft_plan, meetings_in, new_meeting, plans_in, today,
};
pub use mentors::{advice_key, advice_mutation, agency, contact_key, contact_mutation};
pub use passkeys::{ceremony_answer, unknown_ceremony_answer};
pub use reminders::{FeedEvent, RFC_8291_AUTH, RFC_8291_P256DH, parse_feed, remind_at};
pub use sessions::{credentials, session_of, sign_in_over};
pub use static_files::{fake_dist, script_hash};
pub use sync::{change, entry, mutation, now_millis, outcomes, text_mutation};

pub struct TestApp {
    pub base: String,
    pub client: reqwest::Client,
    pub db: sqlx::SqlitePool,
    pub server: RunningServer,
    _dir: TempDir,
}

/// The session cookie of a signed-in test user, sent by hand: the cookie is
/// `Secure`, which an HTTP client's cookie store would rightly not send over http.
#[derive(Clone)]
pub struct Session(pub String);

impl TestApp {
    pub async fn stop(mut self) {
        self.server
            .stop(Duration::from_secs(10))
            .await
            .expect("the server stops cleanly within 10 s");
    }
}

/// The tests read the server's English messages, so they ask for English as the
/// app does for a person who chose it; `language` tests the default.
fn english_client() -> reqwest::Client {
    let mut headers = header::HeaderMap::new();
    headers.insert(
        header::ACCEPT_LANGUAGE,
        header::HeaderValue::from_static("en"),
    );
    reqwest::Client::builder()
        .default_headers(headers)
        .build()
        .expect("a client")
}

pub struct Options<'a> {
    pub demo: bool,
    pub static_dir: Option<&'a Path>,
    pub over_tls: bool,
    /// The address people use, whose origin alone may write (`None`: any host's own).
    pub public_url: Option<&'a str>,
    /// The one origin push subscriptions may name besides public https ones
    /// (`TSUNAGU_PUSH_ALLOW_ORIGIN`): a test's push receiver.
    pub push_allow_origin: Option<&'a str>,
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(Options {
        demo: true,
        static_dir: None,
        over_tls: false,
        public_url: None,
        push_allow_origin: None,
    })
    .await
}

/// The API with demo data, whose push subscriptions may name `origin` (a test's
/// push receiver).
pub async fn spawn_app_reaching(origin: &str) -> TestApp {
    spawn_app_with(Options {
        demo: true,
        static_dir: None,
        over_tls: false,
        public_url: None,
        push_allow_origin: Some(origin),
    })
    .await
}

/// The API without demo data, serving `dist` as the built app.
pub async fn spawn_app_serving(dist: &Path) -> TestApp {
    spawn_app_with(Options {
        demo: false,
        static_dir: Some(dist),
        over_tls: false,
        public_url: None,
        push_allow_origin: None,
    })
    .await
}

pub async fn spawn_app_with(options: Options<'_>) -> TestApp {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let url = format!("sqlite://{}", dir.path().join("db/tsunagu.db").display());
    let pool = db::connect(&url).await.expect("the database opens");
    if options.demo {
        demo::load(&pool, tsunagu_server::cli::town_today())
            .await
            .expect("the demo loads");
    }
    let state = match options.public_url {
        Some(url) => AppState::for_public_url(pool.clone(), url).expect("a public URL"),
        None => AppState::new(pool.clone()),
    };
    let state = match options.push_allow_origin {
        Some(origin) => state.with_push_allow_origin(
            tsunagu_server::push::AllowedOrigin::parse(origin).expect("an origin"),
        ),
        None => state,
    };
    let router = app_exposed(
        state,
        StaticFiles {
            dir: options.static_dir.map(Path::to_path_buf),
        },
        Exposure {
            over_tls: options.over_tls,
        },
    );
    let server = RunningServer::start(router)
        .await
        .expect("the server starts");
    TestApp {
        base: server.base_url(),
        client: english_client(),
        db: pool,
        server,
        _dir: dir,
    }
}
