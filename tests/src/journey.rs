//! Steps every journey takes: signing in (and out), setting up from an
//! invitation, opening a screen signed in, writing in the notebook, syncing.

use fantoccini::Client;
use tsunagu_server::demo;

use crate::{click, fill, textarea_shows, wait_for_script, wait_for_text};

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

/// The demo's 高台 family (login `takadai`), which consents to the demo mentor.
pub const TAKADAI: &str = "7a3b0001-0000-4000-8000-000000000003";

/// Opens `path` of the app on a signed-out device and signs the demo account
/// `login` in on the sign-in screen it shows first (in Japanese).
pub async fn open_signed_in(c: &Client, base: &str, path: &str, login: &str) {
    c.goto(&format!("{base}{path}")).await.unwrap();
    wait_for_text(c, "[data-testid=sign-in]", "サインイン").await;
    sign_in(c, login, demo::DEMO_PASSWORD).await;
}

/// Opens the notebook signed in as the demo parent 森川.
pub async fn open_notebook(c: &Client, base: &str) {
    open_signed_in(c, base, "/notebook", "morikawa").await;
    wait_for_text(c, "[data-testid=notebook-new]", "新しく書く").await;
    wait_for_text(c, "[data-testid=sync-status]", "同期済み").await;
}

pub async fn write(c: &Client, text: &str) {
    fill(c, "[data-testid=entry-editor] textarea", text).await;
    textarea_shows(c, text).await;
}

pub async fn sync_now(c: &Client) {
    click(c, "[data-testid=sync-now]").await;
}

/// Signs out of the family app, keeping the device's copy (the dialog's first
/// choice); the staff app signs out at once and uses `click` on `sign-out`.
pub async fn sign_out(c: &Client) {
    click(c, "[data-testid=sign-out]").await;
    click(c, "[data-testid=sign-out-keep]").await;
}

/// Opens the coordinators' desk signed in as the demo coordinator, at the list
/// of the town's families.
pub async fn open_desk(c: &Client, base: &str) {
    open_signed_in(c, base, "/staff/", "coordinator").await;
    wait_for_text(c, "[data-testid=family-list]", "森川さん").await;
}

/// On the desk, opens a family from the list and waits for its desk to show `shows`.
pub async fn open_family(c: &Client, family: impl std::fmt::Display, shows: &str) {
    click(
        c,
        &format!("[data-testid=family-list] button[data-family='{family}']"),
    )
    .await;
    wait_for_text(c, "[data-testid=family-desk]", shows).await;
}

/// Waits until nothing matches `css` any more (`what` names it for the failure).
pub async fn wait_until_gone(c: &Client, css: &str, what: &str) {
    wait_for_script(
        c,
        &format!(
            "return !document.querySelector({});",
            serde_json::json!(css)
        ),
        what,
    )
    .await;
}

/// Waits until the service worker controls the page, which it does once it has
/// kept the whole app (every screen's chunk) for offline use. A test that then
/// goes offline may open any screen, as a phone can once the app was opened online.
pub async fn wait_until_kept_offline(c: &Client) {
    wait_for_script(
        c,
        "return navigator.serviceWorker.controller !== null",
        "the service worker keeping the app for offline use",
    )
    .await;
}
