//! A headless Chromium on a phone's screen, driven through chromedriver, and the
//! WebDriver extensions the tests use (a virtual authenticator, DevTools).

use std::{
    process::Stdio,
    time::{Duration, Instant},
};

use fantoccini::{Client, ClientBuilder};
use serde_json::json;
use tempfile::TempDir;
use tokio::process::Command;

use crate::DEADLINE;

/// chromedriver with its own Chromium profile. Dropping it ends chromedriver and
/// the browser it started, even when a test panics halfway.
pub struct Browser {
    client: Option<Client>,
    /// Where Chromium's DevTools listen (`DevTools::connect`).
    devtools_port: u16,
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
        let devtools_port = free_port();

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
                    format!("--remote-debugging-port={devtools_port}"),
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
            devtools_port,
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

    /// The browser's own DevTools connection.
    pub async fn devtools(&self) -> crate::DevTools {
        crate::DevTools::connect(self.devtools_port).await
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
