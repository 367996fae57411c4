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
        // A person cannot press a disabled button: wait until it may be pressed
        // (WebDriver would click it and nothing would happen).
        if !element.is_enabled().await? {
            return Err(fantoccini::error::CmdError::InvalidArgument(
                "element".into(),
                "is disabled".into(),
            ));
        }
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

/// Signs out of the family app, keeping the device's copy (the dialog's first
/// choice); the staff app signs out at once and uses `click` on `sign-out`.
pub async fn sign_out(c: &Client) {
    click(c, "[data-testid=sign-out]").await;
    click(c, "[data-testid=sign-out-keep]").await;
}

// ---- Layout (issue 11): a family whose every text is a long unbroken URL, the
// API calls that write it, and walking every screen of each kind of person with
// a check at each.

/// A signed-in user of the server's own HTTP API, for writing test data the way
/// the apps do. The session cookie goes by hand: it is `Secure`, which a cookie
/// store would rightly not send over plain http.
pub struct ApiUser {
    base: String,
    http: reqwest::Client,
    cookie: String,
}

impl ApiUser {
    pub async fn sign_in(base: &str, login: &str, password: &str) -> Self {
        let http = reqwest::Client::new();
        let response = http
            .post(format!("{base}/api/session"))
            .json(&json!({ "login": login, "password": password }))
            .send()
            .await
            .expect("the server answers");
        assert!(response.status().is_success(), "{login} signs in");
        let cookie = response
            .headers()
            .get(http::header::SET_COOKIE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .expect("a session cookie")
            .to_owned();
        Self {
            base: base.to_owned(),
            http,
            cookie,
        }
    }

    /// Sends one request and answers its JSON body (null when empty); any
    /// refusal fails the test with the server's message.
    pub async fn send(
        &self,
        method: http::Method,
        path: &str,
        body: Option<serde_json::Value>,
    ) -> serde_json::Value {
        let mut request = self
            .http
            .request(method.clone(), format!("{}{path}", self.base))
            .header(http::header::COOKIE, &self.cookie);
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.expect("the server answers");
        let status = response.status();
        let text = response.text().await.unwrap_or_default();
        assert!(status.is_success(), "{method} {path}: {status} {text}");
        serde_json::from_str(&text).unwrap_or(serde_json::Value::Null)
    }

    pub async fn get(&self, path: &str) -> serde_json::Value {
        self.send(http::Method::GET, path, None).await
    }

    pub async fn post(&self, path: &str, body: serde_json::Value) -> serde_json::Value {
        self.send(http::Method::POST, path, Some(body)).await
    }

    pub async fn put(&self, path: &str, body: serde_json::Value) -> serde_json::Value {
        self.send(http::Method::PUT, path, Some(body)).await
    }
}

/// Accepts an invitation with a login name and the demo password.
pub async fn accept_invitation(base: &str, code: &str, login: &str) {
    let response = reqwest::Client::new()
        .post(format!("{base}/api/invitations/{code}/password"))
        .json(&json!({ "login": login, "password": demo::DEMO_PASSWORD }))
        .send()
        .await
        .expect("the server answers");
    assert!(
        response.status().is_success(),
        "{login} accepts the invitation: {}",
        response.status()
    );
}

/// An unbroken URL of `chars` characters: letters and digits only after the
/// host, so a browser finds no break opportunity anywhere in it.
pub fn long_url(chars: usize) -> String {
    let mut url = String::from("https://www.town.example.jp/");
    while url.chars().count() < chars {
        url.push_str("kosodateshien0123456789");
    }
    url.chars().take(chars).collect()
}

/// The family of [`long_text_family`]: everything a person can write there is a
/// long URL. Its people sign in with the demo password.
pub struct LongTextFamily {
    pub family: tsunagu_model::FamilyId,
    /// Held yesterday, with an outcome; one item answered, one carried.
    pub held: tsunagu_model::MeetingId,
    /// The next meeting, with two items still to bring.
    pub next: tsunagu_model::MeetingId,
    pub plan: tsunagu_model::plan::PlanId,
    /// Tagged, brought to both meetings, shared with the mentor.
    pub entry: String,
    /// The wording of an item brought to the next meeting, to withdraw.
    pub to_withdraw: String,
}

pub const LONG_PARENT: &str = "longparent";
pub const LONG_MENTOR: &str = "longmentor";
pub const LONG_COORDINATOR: &str = "longcoordinator";

/// Writes, through the server's API as its people would, a family where every
/// free-text field and every name (as long as each is allowed to be) is an
/// unbroken URL: the family, its child and school, a coordinator, a parent and a
/// mentor; meetings (purpose, place, link, organisations, agenda, direction,
/// tasks, follow-ups); published plans (every text, goals across two plans);
/// notebook entries with tags; brought items with an answer.
pub async fn long_text_family(server: &Server) -> LongTextFamily {
    use tsunagu_model::{
        ChildId, Meeting, MeetingId, MeetingKind, MeetingSeries, Member, MemberRole, SchoolYear,
        meeting_record::{AgreedRole, MeetingOutcome, MeetingStatus},
        plan::{
            AgencyPart, GoalId, GoalStatus, PlanGoal, PlanId, PlanKind, PlanPeriod, PlanSummary,
        },
        sync::{ClientId, FieldChange, FieldValue, Mutation, RecordKey, RecordType, Stamp},
    };
    let base = &server.base;
    let url = long_url(300);
    let name = long_url(100);
    let now = chrono::Utc::now();
    for (role, login) in [
        (Role::Coordinator, LONG_COORDINATOR),
        (Role::Mentor, LONG_MENTOR),
    ] {
        let invitation = invitations::create(&server.db, role, None, &name, None, now)
            .await
            .expect("an invitation");
        accept_invitation(base, &invitation.code, login).await;
    }
    let coordinator = ApiUser::sign_in(base, LONG_COORDINATOR, demo::DEMO_PASSWORD).await;
    let family: tsunagu_model::Family = serde_json::from_value(
        coordinator
            .post("/api/families", json!({ "display_name": name }))
            .await,
    )
    .expect("a family");
    let family = family.id;
    let today = tsunagu_server::cli::town_today();
    let child = ChildId::from_u128(0x11_0000_0000_4000_8000_0000_0000_0001);
    coordinator
        .post(
            &format!("/api/families/{family}/children"),
            json!({
                "id": child, "family_id": family, "given_name": name,
                "birth_date": (today - chrono::Duration::days(5 * 365 + 100)).to_string(),
                "school": name,
            }),
        )
        .await;
    let link = coordinator
        .post(
            &format!("/api/families/{family}/invitations"),
            json!({ "display_name": name }),
        )
        .await;
    accept_invitation(base, link["code"].as_str().expect("a code"), LONG_PARENT).await;
    let parent = ApiUser::sign_in(base, LONG_PARENT, demo::DEMO_PASSWORD).await;
    let mentors = parent.get("/api/mentors").await;
    let mentor = mentors
        .as_array()
        .and_then(|all| all.iter().find(|m| m["display_name"] == json!(name)))
        .map(|m| m["id"].clone())
        .expect("the long-named mentor is listed");
    parent
        .post(
            &format!("/api/families/{family}/consents"),
            json!({ "mentor": mentor, "scope": "meeting_dates" }),
        )
        .await;

    // Three meetings, all held later than now at first so items can be brought.
    let meeting_id = |n: u128| MeetingId::from_u128(0x11_0000_0000_4000_8000_0000_0001_0000 + n);
    let (held, next, later) = (meeting_id(1), meeting_id(2), meeting_id(3));
    let meeting = |id: MeetingId, days: i64, nth: u16| {
        let starts = (today + chrono::Duration::days(days))
            .and_hms_opt(10, 0, 0)
            .expect("a time");
        Meeting {
            id,
            family_id: family,
            child_id: child,
            kind: MeetingKind::CaseMeeting,
            purpose: url.clone(),
            starts_at: starts,
            ends_at: starts + chrono::Duration::minutes(90),
            place: url.clone(),
            online_link: Some(url.clone()),
            series: MeetingSeries::new(nth, 3).ok(),
            members: MemberRole::ALL
                .into_iter()
                .map(|role| Member {
                    role,
                    organisation: url.clone(),
                })
                .collect(),
            status: MeetingStatus::Scheduled,
            agenda: vec![url.clone(), url.clone()],
            outcome: None,
        }
    };
    for (id, days, nth) in [(held, 3, 1), (next, 5, 2), (later, 20, 3)] {
        coordinator
            .put(
                &format!("/api/families/{family}/meetings/{id}"),
                json!({ "doc": meeting(id, days, nth), "revision": null }),
            )
            .await;
    }

    // The parent's entries and items, as a device pushes them.
    let client = ClientId::from_u128(0x11_0000_0000_4000_8000_0000_0002_0000);
    let entry = tsunagu_model::MeetingId::from_u128(0x11_0000_0000_4000_8000_0000_0003_0001).0;
    let other_entry =
        tsunagu_model::MeetingId::from_u128(0x11_0000_0000_4000_8000_0000_0003_0002).0;
    let item = |n: u128| {
        tsunagu_model::MeetingId::from_u128(0x11_0000_0000_4000_8000_0000_0004_0000 + n).0
    };
    let text = |s: &str| FieldValue::Text(s.to_owned());
    let written = format!(
        "\"{}\"",
        tsunagu_model::iso::format_date_time(now.naive_utc() + chrono::Duration::hours(9))
    );
    let tags: Vec<String> = (0..10).map(|n| format!("{}{n}", long_url(29))).collect();
    let to_withdraw = format!("{}withdraw", long_url(292));
    let records: Vec<(RecordType, _, Vec<(&str, FieldValue)>)> = vec![
        (
            RecordType::NotebookEntry,
            entry,
            vec![
                ("kind", text("question")),
                ("text", text(&format!("{url}\n{url}"))),
                ("written_at", text(&written)),
                ("tags", text(&serde_json::to_string(&tags).expect("JSON"))),
                ("child", text(&child.to_string())),
                (
                    tsunagu_model::sync::SHARED_WITH_MENTOR,
                    text(mentor.as_str().expect("an id")),
                ),
            ],
        ),
        (
            RecordType::NotebookEntry,
            other_entry,
            vec![
                ("kind", text("worry")),
                ("text", text(&url)),
                ("written_at", text(&written)),
            ],
        ),
    ]
    .into_iter()
    .chain(
        [
            (1, held, entry, url.clone()),
            (2, held, other_entry, url.clone()),
            (3, next, entry, to_withdraw.clone()),
            // From the entry brought already: the other one stays open from before.
            (4, next, entry, url.clone()),
        ]
        .into_iter()
        .map(|(n, meeting, from, wording)| {
            (
                RecordType::BroughtItem,
                item(n),
                vec![
                    ("meeting", text(&meeting.to_string())),
                    ("entry", text(&from.to_string())),
                    ("wording", FieldValue::Text(wording)),
                    ("position", FieldValue::Int(n as i64)),
                    ("withdrawn", FieldValue::Bool(false)),
                ],
            )
        }),
    )
    .collect();
    let millis = now.timestamp_millis() as u64;
    let mutations: Vec<Mutation> = records
        .into_iter()
        .enumerate()
        .map(|(n, (record_type, id, changes))| Mutation {
            client,
            number: n as u64 + 1,
            at: Stamp::at_millis(millis + n as u64, client.0.as_u128()),
            record: RecordKey { record_type, id },
            changes: changes
                .into_iter()
                .map(|(field, value)| FieldChange {
                    field: field.to_owned(),
                    value,
                    base: None,
                })
                .collect(),
        })
        .collect();
    let pushed = parent
        .post(
            "/api/sync/push",
            serde_json::to_value(tsunagu_model::sync::PushRequest { mutations }).expect("JSON"),
        )
        .await;
    let outcomes = pushed["results"].as_array().cloned().unwrap_or_default();
    assert!(
        !outcomes.is_empty() && outcomes.iter().all(|r| r["outcome"] == "applied"),
        "every change applied: {pushed}"
    );

    // The first meeting was held yesterday: what it agreed, what became of each item.
    let saved = coordinator
        .get(&format!("/api/families/{family}/meetings"))
        .await;
    let revision = saved
        .as_array()
        .and_then(|all| all.iter().find(|m| m["doc"]["id"] == json!(held)))
        .map(|m| m["revision"].clone())
        .expect("the meeting is listed");
    let mut done = meeting(held, -1, 1);
    done.status = MeetingStatus::Held;
    done.outcome = Some(MeetingOutcome {
        direction: url.clone(),
        roles: MemberRole::ALL
            .into_iter()
            .map(|role| AgreedRole {
                role,
                organisation: url.clone(),
                task: url.clone(),
            })
            .collect(),
        next_target: Some(today + chrono::Duration::days(30)),
        follow_ups: vec![url.clone()],
    });
    coordinator
        .put(
            &format!("/api/families/{family}/meetings/{held}"),
            json!({ "doc": done, "revision": revision }),
        )
        .await;
    for (n, outcome) in [
        (1, json!({ "outcome": "answered", "answer": url })),
        (2, json!({ "outcome": "carried" })),
    ] {
        coordinator
            .put(
                &format!("/api/families/{family}/items/{}/outcome", item(n)),
                outcome,
            )
            .await;
    }

    // Two published support plans, the goal carried from the first to the second.
    let goal = GoalId::from_u128(0x11_0000_0000_4000_8000_0000_0005_0001);
    let year = SchoolYear::containing(today);
    let plan_id = |n: u128| PlanId::from_u128(0x11_0000_0000_4000_8000_0000_0006_0000 + n);
    let plan = |id: PlanId, year: SchoolYear, status: GoalStatus| PlanSummary {
        id,
        child,
        kind: PlanKind::SupportPlan,
        period: PlanPeriod { year, term: None },
        published: true,
        strengths_and_needs: url.clone(),
        parent_wishes: url.clone(),
        child_wishes: url.clone(),
        goals: vec![PlanGoal {
            id: goal,
            text: format!("{url}{}", status.as_str()),
            status,
        }],
        supports: vec![url.clone(), url.clone()],
        agency_parts: vec![AgencyPart {
            agency: url.clone(),
            part: url.clone(),
        }],
        evaluation: Some(url.clone()),
    };
    let (earlier, current) = (plan_id(1), plan_id(2));
    for (id, year, status) in [
        (
            earlier,
            SchoolYear::starting_in(year.start_year() - 1),
            GoalStatus::New,
        ),
        (current, year, GoalStatus::Revised),
    ] {
        coordinator
            .put(
                &format!("/api/families/{family}/plans/{id}"),
                json!({ "doc": plan(id, year, status), "revision": null }),
            )
            .await;
    }
    LongTextFamily {
        family,
        held,
        next,
        plan: current,
        entry: entry.to_string(),
        to_withdraw,
    }
}

/// One thing to do on the way to a screen.
pub enum Step {
    /// Loads a path of the app.
    Open(String),
    Click(String),
    /// Waits for an element (the screen's last part to arrive).
    Wait(String),
}

/// A screen, named for failure messages, and how to reach it from anywhere.
pub struct Screen {
    pub name: String,
    pub steps: Vec<Step>,
}

impl Screen {
    pub fn new(name: &str, path: &str, ready: &[&str]) -> Self {
        Self {
            name: name.to_owned(),
            steps: std::iter::once(Step::Open(path.to_owned()))
                .chain(ready.iter().map(|css| Step::Wait((*css).to_owned())))
                .collect(),
        }
    }

    pub fn click(mut self, css: &str, ready: &str) -> Self {
        self.steps.push(Step::Click(css.to_owned()));
        self.wait(ready)
    }

    pub fn wait(mut self, ready: &str) -> Self {
        self.steps.push(Step::Wait(ready.to_owned()));
        self
    }
}

/// Every screen a parent of [`LongTextFamily`] has.
pub fn parent_screens(f: &LongTextFamily) -> Vec<Screen> {
    vec![
        Screen::new(
            "parent: home",
            "/",
            &["[data-testid=next-meeting]", ".bringing-summary li"],
        ),
        Screen::new(
            "parent: meetings",
            "/meetings",
            &["[data-testid=upcoming-meetings] [data-testid=meeting-card]"],
        ),
        Screen::new(
            "parent: the next meeting",
            &format!("/meetings/{}", f.next),
            &[
                "[data-testid=my-item]",
                "[data-testid=open-items]",
                "[data-testid=previous-outcome]",
            ],
        ),
        Screen::new(
            "parent: a held meeting",
            &format!("/meetings/{}", f.held),
            &["[data-testid=outcome]", "[data-testid=my-item]"],
        ),
        Screen::new("parent: plans", "/plans", &["[data-testid=plan-card]"]),
        Screen::new(
            "parent: a plan, the goal's thread open",
            &format!("/plans/{}", f.plan),
            &["[data-testid=goal]"],
        )
        .click(".goal-thread summary", "[data-testid=goal-thread]"),
        Screen::new(
            "parent: notebook",
            "/notebook",
            &["[data-testid=notebook-entry] .tag"],
        ),
        Screen::new(
            "parent: an entry",
            &format!("/notebook/{}", f.entry),
            &["[data-testid=brought-item]", "[data-testid=entry-tags]"],
        ),
        Screen::new(
            "parent: an entry, bringing it",
            &format!("/notebook/{}", f.entry),
            &["[data-testid=brought-item]"],
        )
        .click("[data-testid=bring-to-meeting]", "[data-testid=bring-form]"),
        Screen::new(
            "parent: privacy and access log",
            "/access-log",
            &["[data-testid=access-log-entry]", "[data-testid=consent]"],
        ),
    ]
}

/// The mentor's one screen: the families that consented, and entries shared.
pub fn mentor_screens() -> Vec<Screen> {
    vec![Screen::new(
        "mentor: home",
        "/",
        &["[data-testid=mentee]", "[data-testid=shared-entry]"],
    )]
}

/// The coordinators' desk, each screen reached from a fresh load of it.
pub fn staff_screens(f: &LongTextFamily) -> Vec<Screen> {
    let family = format!(
        "[data-testid=family-list] button[data-family='{}']",
        f.family
    );
    let held = "[data-testid=staff-meeting][data-status=held]";
    let desk = |name: &str| {
        Screen::new(name, "/staff/", &["[data-testid=family-list] button"])
            .click(&family, "[data-testid=staff-plan]")
            .wait("[data-testid=staff-meeting]")
            .wait("[data-testid=invitation]")
    };
    vec![
        Screen::new(
            "staff: family list",
            "/staff/",
            &["[data-testid=family-list] button"],
        ),
        desk("staff: a family"),
        desk("staff: meeting form")
            .click("[data-testid=new-meeting]", "[data-testid=meeting-form]"),
        desk("staff: meeting form with the outcome").click(
            &format!("{held} [data-testid=edit-meeting]"),
            "[data-testid=meeting-form] [data-testid=outcome-fields]",
        ),
        desk("staff: plan form").click("[data-testid=edit-plan]", "[data-testid=plan-form]"),
        desk("staff: brought items").click(
            &format!("{held} [data-testid=show-items]"),
            "[data-testid=agenda-item]",
        ),
        desk("staff: outcome form, a goal chosen")
            .click(
                &format!("{held} [data-testid=show-items]"),
                "[data-testid=agenda-item]",
            )
            .click(
                "[data-testid=agenda-item] select[name=outcome] option[value=became_goal]",
                "[data-testid=agenda-item] select[name=goal]",
            ),
    ]
}

/// Sets the phone's width in CSS pixels (the height and density stay a phone's).
/// chromedriver puts back its own phone after every page load: set it again then.
pub async fn set_width(c: &Client, width: u32) {
    c.issue_cmd(Cdp {
        cmd: "Emulation.setDeviceMetricsOverride",
        params: json!({ "width": width, "height": 844, "deviceScaleFactor": 2, "mobile": true }),
    })
    .await
    .expect("the width changes");
    wait_for_script(
        c,
        // The screen's width, not the window's: a page too wide for a phone makes
        // the window grow with it, which is what the checks look for.
        &format!("return screen.width === {width}"),
        &format!("the window becoming {width} px wide"),
    )
    .await;
}

/// Visits each screen on a phone `width` px wide and runs `check` there; answers
/// every problem found, each prefixed with the screen's name, so one run lists
/// all offenders.
pub async fn walk_screens<F>(
    c: &Client,
    base: &str,
    screens: &[Screen],
    width: u32,
    check: F,
) -> Vec<String>
where
    F: AsyncFn(&Client) -> Vec<String>,
{
    let mut problems = Vec::new();
    'screens: for screen in screens {
        for step in &screen.steps {
            match step {
                Step::Open(path) => {
                    c.goto(&format!("{base}{path}"))
                        .await
                        .expect("the page loads");
                    set_width(c, width).await;
                }
                Step::Click(css) => click(c, css).await,
                Step::Wait(css) => {
                    let shown = c
                        .wait()
                        .at_most(DEADLINE)
                        .for_element(Locator::Css(css))
                        .await;
                    // A screen that does not come (a tap that missed, say) is a
                    // problem too; the walk goes on to the next one.
                    if shown.is_err() {
                        problems.push(format!("{}: {css} never showed", screen.name));
                        continue 'screens;
                    }
                }
            }
        }
        problems.extend(
            check(c)
                .await
                .into_iter()
                .map(|p| format!("{}: {p}", screen.name)),
        );
    }
    problems
}

/// Runs a script that answers a list of problems (strings).
pub async fn problems_of(c: &Client, script: &str) -> Vec<String> {
    let answer = c.execute(script, vec![]).await.expect("the check runs");
    serde_json::from_value(answer).expect("a list of problems")
}

/// Signs `login` in on a fresh phone and walks `screens` at each width, running
/// `check(width)` (a script answering a list of problems) on each screen.
pub async fn walk_as(
    server: &Server,
    login: &str,
    screens: &[Screen],
    widths: &[u32],
    check: fn(u32) -> String,
) -> Vec<String> {
    let browser = Browser::start().await;
    let c = browser.client();
    let start = if screens.iter().all(|s| s.name.starts_with("staff")) {
        "/staff/"
    } else {
        "/"
    };
    c.goto(&format!("{}{start}", server.base)).await.unwrap();
    wait_for_text(c, "[data-testid=sign-in]", "サインイン").await;
    sign_in(c, login, demo::DEMO_PASSWORD).await;
    wait_for_script(
        c,
        "return !document.querySelector('[data-testid=sign-in]')",
        "signing in",
    )
    .await;
    let mut problems = Vec::new();
    for &width in widths {
        set_width(c, width).await;
        let script = check(width);
        let found = walk_screens(c, &server.base, screens, width, async |c| {
            problems_of(c, &script).await
        })
        .await;
        problems.extend(found.into_iter().map(|p| format!("{width} px, {p}")));
    }
    browser.close().await;
    problems
}

/// Every screen of [`LongTextFamily`]'s parent, its mentor and its coordinator,
/// at each width: the problems `check(width)` finds.
pub async fn walk_every_screen(
    server: &Server,
    family: &LongTextFamily,
    widths: &[u32],
    check: fn(u32) -> String,
) -> Vec<String> {
    let mut problems = walk_as(server, LONG_PARENT, &parent_screens(family), widths, check).await;
    problems.extend(walk_as(server, LONG_MENTOR, &mentor_screens(), widths, check).await);
    problems.extend(
        walk_as(
            server,
            LONG_COORDINATOR,
            &staff_screens(family),
            widths,
            check,
        )
        .await,
    );
    problems
}

/// The page is no wider than the phone (`width`), nor its window, and no
/// element reaches past the edges (so nothing is cut off where overflow is
/// hidden either).
pub fn no_sideways_scroll(width: u32) -> String {
    format!("const width = {width};\n{NO_SIDEWAYS_SCROLL}")
}

const NO_SIDEWAYS_SCROLL: &str = r#"
    const problems = [];
    const scroll = document.documentElement.scrollWidth;
    if (scroll > width) problems.push(`the page is ${scroll} px wide on a ${width} px phone`);
    if (window.innerWidth > width) problems.push(`the window grew to ${window.innerWidth} px`);
    const name = e => e.tagName.toLowerCase() + (e.dataset.testid ? `[${e.dataset.testid}]` : '')
        + (typeof e.className === 'string' && e.className ? '.' + e.className.trim().split(/\s+/).join('.') : '');
    const outside = [...document.body.querySelectorAll('*')].filter(e => {
        const r = e.getBoundingClientRect();
        return r.width > 0 && (r.right > width + 0.5 || r.left < -0.5)
            && getComputedStyle(e).visibility !== 'hidden';
    });
    // The innermost ones: an element whose child also sticks out says less.
    const innermost = outside.filter(e => !outside.some(o => o !== e && e.contains(o)));
    for (const e of innermost.slice(0, 8)) {
        const r = e.getBoundingClientRect();
        problems.push(`${name(e)} spans ${Math.round(r.left)}..${Math.round(r.right)} px`);
    }
    return problems;
"#;

/// Every target (link, button, select, input, text area, summary) is at least
/// 44×44 CSS px, and no two are closer than 4 px (overlapping included).
/// Targets in the fixed bottom bar are compared with each other only: the page
/// scrolls under it.
pub fn touch_targets(_width: u32) -> String {
    TOUCH_TARGETS.to_owned()
}

const TOUCH_TARGETS: &str = r#"
    window.scrollTo(0, 0);
    const name = e => e.tagName.toLowerCase() + (e.type && e.tagName === 'INPUT' ? `[type=${e.type}]` : '')
        + (e.dataset.testid ? `[${e.dataset.testid}]` : '')
        + ` "${(e.getAttribute('aria-label') || e.name || e.textContent || e.value || '').trim().slice(0, 24)}"`;
    const fixed = e => { for (let x = e; x; x = x.parentElement) { if (getComputedStyle(x).position === 'fixed') return true; } return false; };
    const targets = [...document.querySelectorAll('a[href], button, select, input:not([type=hidden]), textarea, summary')]
        .filter(e => {
            const r = e.getBoundingClientRect();
            return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden'
                && !e.closest('.visually-hidden');
        })
        .map(e => ({ e, r: e.getBoundingClientRect(), fixed: fixed(e) }));
    const problems = [];
    for (const t of targets) {
        if (t.r.width < 43.5 || t.r.height < 43.5) {
            problems.push(`${name(t.e)} is ${Math.round(t.r.width)}×${Math.round(t.r.height)} px`);
        }
    }
    for (let i = 0; i < targets.length; i++) {
        for (let j = i + 1; j < targets.length; j++) {
            const [a, b] = [targets[i], targets[j]];
            if (a.fixed !== b.fixed || a.e.contains(b.e) || b.e.contains(a.e)) continue;
            const dx = Math.max(b.r.left - a.r.right, a.r.left - b.r.right);
            const dy = Math.max(b.r.top - a.r.bottom, a.r.top - b.r.bottom);
            if (dx < 3.5 && dy < 3.5) {
                const how = dx < 0 && dy < 0 ? 'overlap' : `are ${Math.round(Math.max(dx, dy))} px apart`;
                problems.push(`${name(a.e)} and ${name(b.e)} ${how}`);
            }
        }
    }
    return problems;
"#;

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
