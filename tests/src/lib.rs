//! What the end-to-end tests share: the real server in this process, a headless
//! Chromium driven through chromedriver, and waits that poll a condition until a
//! deadline (never a fixed sleep). Each file in tests/ is one user journey.

use std::{
    path::{Path, PathBuf},
    process::Stdio,
    time::{Duration, Instant},
};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;
use tempfile::TempDir;
use tokio::process::Command;
use tsunagu_model::Role;
use tsunagu_server::{AppState, RunningServer, StaticFiles, app, auth::invitations, db, demo};

pub const DEADLINE: Duration = Duration::from_secs(30);

pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ is inside the repository")
        .to_path_buf()
}

/// The real server, in this process, stoppable on demand.
pub struct Server {
    pub base: String,
    pub db: sqlx::SqlitePool,
    pub running: RunningServer,
    pub dist: PathBuf,
    _data: TempDir,
}

impl Server {
    pub async fn start() -> Self {
        Self::start_serving(repo_root().join("dist")).await
    }

    /// Serves the built app from `dist` (a copy, when a test changes it).
    pub async fn start_serving(dist: PathBuf) -> Self {
        assert!(
            dist.join("index.html").is_file(),
            "no built app in {}: run scripts/build-app (scripts/test does)",
            dist.display()
        );
        let data = tempfile::tempdir().expect("a temporary folder");
        let url = format!("sqlite://{}", data.path().join("tsunagu.db").display());
        let pool = db::connect(&url).await.expect("the database opens");
        demo::load(&pool, tsunagu_server::cli::town_today())
            .await
            .expect("the demo data loads");
        let router = app(
            AppState::new(pool.clone()),
            StaticFiles {
                dir: Some(dist.clone()),
            },
        );
        let running = RunningServer::start(router)
            .await
            .expect("the server starts");
        Self {
            base: running.base_url(),
            db: pool,
            running,
            dist,
            _data: data,
        }
    }

    /// A fresh invitation for a parent of the demo family 森川.
    pub async fn invite_parent(&self, name: &str) -> invitations::NewInvitation {
        invitations::create(
            &self.db,
            Role::Parent,
            Some(demo::DEMO_FAMILY),
            name,
            None,
            chrono::Utc::now(),
        )
        .await
        .expect("an invitation")
    }

    /// Starts again on the same port and database, as after a restart.
    pub async fn restart(&mut self) {
        let router = app(
            AppState::new(self.db.clone()),
            StaticFiles {
                dir: Some(self.dist.clone()),
            },
        );
        self.running = RunningServer::start_at(router, self.running.addr())
            .await
            .expect("the server starts again on its port");
    }

    pub async fn stop(&mut self) {
        self.running
            .stop(DEADLINE)
            .await
            .expect("the server stops cleanly in time");
    }
}

/// chromedriver with its own Chromium profile. Dropping it ends chromedriver and
/// the browser it started, even when a test panics halfway.
pub struct Browser {
    client: Option<Client>,
    driver: tokio::process::Child,
    _profile: TempDir,
}

impl Browser {
    pub async fn start() -> Self {
        let port = free_port();
        let mut driver = Command::new("chromedriver");
        driver
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            // Its own process group, so Drop can end Chromium with it.
            .process_group(0);
        let driver = driver
            .spawn()
            .expect("chromedriver is installed (scripts/setup --test)");
        let profile = tempfile::tempdir().expect("a profile folder");
        let webdriver = format!("http://127.0.0.1:{port}");

        let capabilities = json!({
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": "/usr/bin/chromium",
                "args": [
                    "--headless=new",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-dev-shm-usage",
                    "--disable-quic",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--lang=ja-JP",
                    format!("--user-data-dir={}", profile.path().display()),
                ],
                // A phone: 390×844 CSS pixels at twice the density.
                "mobileEmulation": {
                    "deviceMetrics": { "width": 390, "height": 844, "pixelRatio": 2.0, "touch": true }
                }
            }
        });
        let serde_json::Value::Object(capabilities) = capabilities else {
            unreachable!("a JSON object literal")
        };

        let deadline = Instant::now() + DEADLINE;
        let mut browser = Self {
            client: None,
            driver,
            _profile: profile,
        };
        // chromedriver takes a moment to listen; retry the session until the deadline.
        let mut tick = tokio::time::interval(Duration::from_millis(100));
        let client = loop {
            tick.tick().await;
            let attempt =
                ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
                    .capabilities(capabilities.clone())
                    .connect(&webdriver)
                    .await;
            match attempt {
                Ok(client) => break client,
                Err(error) if Instant::now() < deadline => {
                    let _ = error;
                }
                Err(error) => panic!("no WebDriver session within {DEADLINE:?}: {error}"),
            }
        };
        browser.client = Some(client);
        browser
    }

    pub fn client(&self) -> &Client {
        self.client.as_ref().expect("a session")
    }

    pub async fn close(mut self) {
        if let Some(client) = self.client.take() {
            let _ = client.close().await;
        }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        // The whole group: chromedriver and the Chromium it started. The guard keeps
        // a bad id from ever becoming kill(-1), "every process".
        if let Some(pid) = self.driver.id().and_then(|id| i32::try_from(id).ok())
            && pid > 1
        {
            // SAFETY: kill(2) takes plain integers and touches no memory of ours.
            unsafe {
                libc::kill(-pid, libc::SIGKILL);
            }
        }
    }
}

/// WebDriver's virtual authenticator (W3C WebAuthn §11): a passkey-capable device
/// that says yes to user verification, so ceremonies run without a person.
#[derive(Debug)]
pub struct AddVirtualAuthenticator;

impl fantoccini::wd::WebDriverCompatibleCommand for AddVirtualAuthenticator {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/webauthn/authenticator",
            session_id.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        let body = json!({
            "protocol": "ctap2",
            "transport": "internal",
            "hasResidentKey": true,
            "hasUserVerification": true,
            "isUserConsenting": true,
            "isUserVerified": true,
        });
        (http::Method::POST, Some(body.to_string()))
    }
}

/// A Chrome DevTools Protocol command through chromedriver (for what WebDriver
/// itself cannot do, such as a device whose clock is wrong).
#[derive(Debug)]
pub struct Cdp {
    pub cmd: &'static str,
    pub params: serde_json::Value,
}

impl fantoccini::wd::WebDriverCompatibleCommand for Cdp {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/goog/cdp/execute",
            session_id.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        let body = json!({ "cmd": self.cmd, "params": self.params });
        (http::Method::POST, Some(body.to_string()))
    }
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// Waits until the first element matching `css` has text containing `needle`.
pub async fn wait_for_text(client: &Client, css: &str, needle: &str) -> String {
    let deadline = Instant::now() + DEADLINE;
    let mut tick = tokio::time::interval(Duration::from_millis(100));
    let mut seen = String::new();
    loop {
        tick.tick().await;
        if let Ok(element) = client.find(Locator::Css(css)).await
            && let Ok(text) = element.text().await
        {
            if text.contains(needle) {
                return text;
            }
            seen = text;
        }
        assert!(
            Instant::now() < deadline,
            "`{css}` did not show {needle:?} within {DEADLINE:?}; it showed {seen:?}"
        );
    }
}

/// Waits until a script returns `true`.
pub async fn wait_for_script(client: &Client, script: &str, what: &str) {
    let deadline = Instant::now() + DEADLINE;
    let mut tick = tokio::time::interval(Duration::from_millis(100));
    loop {
        tick.tick().await;
        if let Ok(serde_json::Value::Bool(true)) = client.execute(script, vec![]).await {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "{what} did not happen within {DEADLINE:?}"
        );
    }
}

/// Replaces a field's text by typing, as a person would.
pub async fn fill(client: &Client, css: &str, text: &str) {
    act(client, Locator::Css(css), "fill", async |field| {
        field.clear().await?;
        field.send_keys(text).await
    })
    .await;
}

/// Clicks as a person would: scrolled to the middle of the screen first, where
/// the fixed bottom navigation does not cover it.
pub async fn click(client: &Client, css: &str) {
    click_at(client, Locator::Css(css)).await;
}

pub async fn click_at(client: &Client, locator: Locator<'_>) {
    act(client, locator, "click", async |element| {
        client
            .execute(
                "arguments[0].scrollIntoView({ block: 'center' })",
                vec![
                    serde_json::to_value(&element)
                        .map_err(|e| fantoccini::error::CmdError::NotJson(e.to_string()))?,
                ],
            )
            .await?;
        element.click().await
    })
    .await;
}

/// Finds an element and acts on it in one step, again from the finding when the
/// page re-rendered in between (a stale or not yet clickable element), until the
/// deadline: a busy machine may render at any moment.
pub async fn act<F>(client: &Client, locator: Locator<'_>, what: &str, action: F)
where
    F: AsyncFn(fantoccini::elements::Element) -> Result<(), fantoccini::error::CmdError>,
{
    let deadline = Instant::now() + DEADLINE;
    let mut tick = tokio::time::interval(Duration::from_millis(100));
    loop {
        tick.tick().await;
        let last = match client.find(locator).await {
            Ok(element) => match action(element).await {
                Ok(()) => return,
                Err(error) => error.to_string(),
            },
            Err(error) => error.to_string(),
        };
        assert!(
            Instant::now() < deadline,
            "could not {what} {locator:?} within {DEADLINE:?}: {last}"
        );
    }
}

/// Sets a form field's value the way typing would end (date and time inputs take
/// keys in the browser's locale; this does not depend on it).
pub async fn set_value(client: &Client, css: &str, value: &str) {
    client
        .wait()
        .at_most(DEADLINE)
        .for_element(Locator::Css(css))
        .await
        .unwrap();
    let script = "const e = document.querySelector(arguments[0]); e.value = arguments[1];
                  e.dispatchEvent(new Event('input', { bubbles: true }));
                  e.dispatchEvent(new Event('change', { bubbles: true })); return true;";
    client
        .execute(script, vec![json!(css), json!(value)])
        .await
        .unwrap();
}

pub async fn sign_in(client: &Client, login: &str, password: &str) {
    fill(client, "[data-testid=sign-in] input[name=username]", login).await;
    fill(
        client,
        "[data-testid=sign-in] input[name=password]",
        password,
    )
    .await;
    click(client, "[data-testid=sign-in] button[type=submit]").await;
}

/// Fills the invitation set-up form (login name, password twice) and submits it.
pub async fn set_up(client: &Client, login: &str, password: &str) {
    fill(client, "[data-testid=set-up] input[name=username]", login).await;
    fill(
        client,
        "[data-testid=set-up] input[name=new-password]",
        password,
    )
    .await;
    fill(
        client,
        "[data-testid=set-up] input[name=new-password-again]",
        password,
    )
    .await;
    click(client, "[data-testid=set-up] button[type=submit]").await;
}

pub async fn document_lang(client: &Client) -> String {
    client
        .execute("return document.documentElement.lang", vec![])
        .await
        .expect("a script runs")
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// Opens the notebook signed in as the demo parent 森川.
pub async fn open_notebook(c: &Client, base: &str) {
    c.goto(&format!("{base}/notebook")).await.unwrap();
    wait_for_text(c, "[data-testid=sign-in]", "サインイン").await;
    sign_in(c, "morikawa", demo::DEMO_PASSWORD).await;
    wait_for_text(c, "[data-testid=notebook-new]", "新しく書く").await;
    wait_for_text(c, "[data-testid=sync-status]", "同期済み").await;
}

pub async fn textarea_shows(c: &Client, text: &str) {
    let script = format!(
        "const t = document.querySelector('[data-testid=entry-editor] textarea'); return !!t && t.value === {};",
        serde_json::to_string(text).unwrap()
    );
    wait_for_script(c, &script, &format!("the text box showing {text:?}")).await;
}

pub async fn write(c: &Client, text: &str) {
    fill(c, "[data-testid=entry-editor] textarea", text).await;
    textarea_shows(c, text).await;
}

pub async fn sync_now(c: &Client) {
    click(c, "[data-testid=sync-now]").await;
}

/// Waits until the server holds an entry whose text is `text`, with `versions`
/// versions of it side by side (2 while two devices' edits clash).
pub async fn wait_for_server(db: &sqlx::SqlitePool, text: &str, versions: usize) {
    let deadline = Instant::now() + DEADLINE;
    let mut tick = tokio::time::interval(Duration::from_millis(100));
    loop {
        tick.tick().await;
        let rows: Vec<(String,)> = sqlx::query_as("SELECT fields FROM sync_records")
            .fetch_all(db)
            .await
            .unwrap();
        let found = rows.iter().any(|(fields,)| {
            let fields: tsunagu_model::sync::Fields = serde_json::from_str(fields).unwrap();
            fields.get("text").is_some_and(|f| {
                f.versions().len() == versions
                    && f.versions().iter().any(|v| v.value.as_text() == Some(text))
            })
        });
        if found {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "the server did not get {text:?} ({versions} versions) within {DEADLINE:?}"
        );
    }
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

// --- Issue 12 (hardening): a second parent of a family waits for the first. ---

impl Server {
    /// 森川's parent confirms every newcomer waiting to join the demo family,
    /// through the API, as they would from the home screen.
    pub async fn confirm_newcomers(&self) {
        let http = reqwest::Client::new();
        let signed_in = http
            .post(format!("{}/api/session", self.base))
            .json(&serde_json::json!({ "login": "morikawa", "password": demo::DEMO_PASSWORD }))
            .send()
            .await
            .unwrap();
        let cookie = signed_in.headers()["set-cookie"]
            .to_str()
            .unwrap()
            .split(';')
            .next()
            .unwrap()
            .to_owned();
        let joining: Vec<tsunagu_model::api::JoiningParent> = http
            .get(format!(
                "{}/api/families/{}/joining",
                self.base,
                demo::DEMO_FAMILY
            ))
            .header("cookie", &cookie)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        for newcomer in joining {
            let confirmed = http
                .post(format!(
                    "{}/api/families/{}/joining/{}",
                    self.base,
                    demo::DEMO_FAMILY,
                    newcomer.person
                ))
                .header("cookie", &cookie)
                .send()
                .await
                .unwrap();
            assert!(confirmed.status().is_success(), "{}", confirmed.status());
        }
    }
}
