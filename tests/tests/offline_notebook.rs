//! The notebook offline: two devices converge after offline edits and a clash
//! keeps both versions; a change the server refuses is shown with its reason; a
//! session that ends while offline keeps the waiting changes.
//!
//! Needs `dist/` (scripts/build-app) and chromium + chromedriver (scripts/setup --test);
//! `scripts/test` does both first.

use std::time::Instant;

use fantoccini::Locator;
use serde_json::json;
use tsunagu_e2e::*;
use tsunagu_server::demo;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_devices_converge_after_offline_edits_and_a_clash_keeps_both_versions() {
    let mut server = Server::start().await;
    let phone = Browser::start().await;
    let tablet = Browser::start().await;
    let (a, b) = (phone.client(), tablet.client());
    open_notebook(a, &server.base).await;
    open_notebook(b, &server.base).await;

    click(a, "[data-testid=notebook-new]").await;
    write(a, "園での様子を聞きたい").await;
    wait_for_server(&server.db, "園での様子を聞きたい", 1).await;
    sync_now(b).await;
    wait_for_text(b, "[data-testid=notebook-entry]", "園での様子を聞きたい").await;

    // Offline: the edit stays through a reload.
    wait_until_kept_offline(a).await;
    wait_until_kept_offline(b).await;
    server.stop().await;
    write(a, "園での様子と、家での練習を聞きたい").await;
    wait_for_text(a, "[data-testid=sync-status]", "オフライン").await;
    wait_for_text(a, "[data-testid=sync-status]", "1件の変更が送信待ち").await;
    a.refresh().await.unwrap();
    textarea_shows(a, "園での様子と、家での練習を聞きたい").await;

    server.restart().await;
    sync_now(a).await;
    wait_for_server(&server.db, "園での様子と、家での練習を聞きたい", 1).await;
    wait_for_text(a, "[data-testid=sync-status]", "同期済み").await;
    sync_now(b).await;
    wait_for_text(b, "[data-testid=notebook-entry]", "家での練習").await;

    // Both change the same text from the same version while the server is away.
    click(b, "[data-testid=notebook-entry]").await;
    textarea_shows(b, "園での様子と、家での練習を聞きたい").await;
    server.stop().await;
    write(a, "携帯で: 園での様子を聞きたい").await;
    write(b, "タブレットで: 家での練習を聞きたい").await;
    wait_for_text(a, "[data-testid=sync-status]", "オフライン").await;
    wait_for_text(b, "[data-testid=sync-status]", "オフライン").await;
    server.restart().await;
    sync_now(a).await;
    wait_for_server(&server.db, "携帯で: 園での様子を聞きたい", 1).await;
    sync_now(b).await;
    wait_for_server(&server.db, "タブレットで: 家での練習を聞きたい", 2).await;
    sync_now(a).await;
    for c in [a, b] {
        let conflict = wait_for_text(c, "[data-testid=conflict]", "携帯で").await;
        assert!(conflict.contains("タブレットで"), "{conflict}");
    }

    // The person keeps one; the other device follows and the clash is gone.
    click(a, "[data-testid=conflict] li:first-child button").await;
    let kept = a
        .execute(
            "return document.querySelector('[data-testid=entry-editor] textarea').value",
            vec![],
        )
        .await
        .unwrap();
    let kept = kept.as_str().unwrap().to_owned();
    wait_until_gone(a, "[data-testid=conflict]", "the clash leaving the phone").await;
    wait_for_server(&server.db, &kept, 1).await;
    sync_now(b).await;
    textarea_shows(b, &kept).await;
    wait_until_gone(b, "[data-testid=conflict]", "the clash leaving the tablet").await;

    // Every earlier wording is kept: the first one comes back.
    click(a, "[data-testid=earlier-words] button").await;
    wait_for_text(a, "[data-testid=earlier-words]", "園での様子を聞きたい").await;
    a.execute(
        "const li = [...document.querySelectorAll('[data-testid=earlier-version]')]
           .find(li => li.querySelector('p').textContent === '園での様子を聞きたい');
         li.querySelector('button').click();",
        vec![],
    )
    .await
    .unwrap();
    textarea_shows(a, "園での様子を聞きたい").await;
    wait_for_server(&server.db, "園での様子を聞きたい", 1).await;

    phone.close().await;
    tablet.close().await;
}

/// A benchmark, not a test (figures for the notes; `cargo test -p tsunagu-e2e --
/// --ignored bench`): how long a change typed on device A takes to reach the
/// server (the 800 ms typing pause included) and then to show on device B when B
/// syncs. Times include WebDriver's own round trips.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore]
async fn bench_a_change_on_one_device_shows_on_another() {
    let server = Server::start().await;
    let phone = Browser::start().await;
    let tablet = Browser::start().await;
    let (a, b) = (phone.client(), tablet.client());
    open_notebook(a, &server.base).await;
    open_notebook(b, &server.base).await;
    click(a, "[data-testid=notebook-new]").await;
    let mut to_server = Vec::new();
    let mut to_other = Vec::new();
    for round in 0..10 {
        let text = format!("計測 {round}");
        let typed = Instant::now();
        write(a, &text).await;
        wait_for_server(&server.db, &text, 1).await;
        let arrived = Instant::now();
        sync_now(b).await;
        wait_for_text(b, "[data-testid=notebook-entry]", &text).await;
        to_server.push(arrived - typed);
        to_other.push(arrived.elapsed());
    }
    to_server.sort();
    to_other.sort();
    println!(
        "A's change on the server after {:.0} ms (median of 10, typing pause of 800 ms included); on B {:.0} ms after B syncs (median)",
        to_server[5].as_secs_f64() * 1e3,
        to_other[5].as_secs_f64() * 1e3
    );
    phone.close().await;
    tablet.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_change_the_server_refuses_is_shown_with_its_reason_and_words() {
    let server = Server::start().await;
    let browser = Browser::start().await;
    let c = browser.client();
    // This phone's clock runs an hour ahead; every page it opens reads that clock.
    c.issue_cmd(Cdp {
        cmd: "Page.addScriptToEvaluateOnNewDocument",
        params: json!({ "source": "{ const now = Date.now; Date.now = () => now() + 3600 * 1000; }" }),
    })
    .await
    .expect("chromedriver passes the command on");
    open_notebook(c, &server.base).await;
    click(c, "[data-testid=notebook-new]").await;
    write(c, "時計が進んだ端末で書いた").await;
    click(c, ".back-link").await;
    let refused = wait_for_text(c, "[data-testid=rejected]", "時計が進みすぎている").await;
    assert!(refused.contains("時計が進んだ端末で書いた"), "{refused}");
    let stored: (i64,) =
        sqlx::query_as("SELECT count(*) FROM sync_records WHERE record_type = 'notebook_entry'")
            .fetch_one(&server.db)
            .await
            .unwrap();
    assert_eq!(stored.0, 0, "the server stored nothing of it");

    // Seen and let go by the person, and only then gone, across a reload too.
    c.refresh().await.unwrap();
    wait_for_text(c, "[data-testid=rejected]", "時計が進んだ端末で書いた").await;
    // One refusal per queued change (the new entry, then its words).
    for _ in 0..2 {
        if c.find(Locator::Css("[data-testid=rejected] button"))
            .await
            .is_ok()
        {
            click(c, "[data-testid=rejected] button").await;
        }
    }
    wait_until_gone(
        c,
        "[data-testid=rejected]",
        "the refused changes leaving once dismissed",
    )
    .await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_that_ends_while_offline_keeps_the_waiting_changes_until_signed_in_again() {
    let mut server = Server::start().await;
    let browser = Browser::start().await;
    let c = browser.client();
    open_notebook(c, &server.base).await;

    wait_until_kept_offline(c).await;
    server.stop().await;
    click(c, "[data-testid=notebook-new]").await;
    write(c, "期限が切れても消えない").await;
    wait_for_text(c, "[data-testid=sync-status]", "オフライン").await;
    // Meanwhile the session ends on the server (expiry, or signed out elsewhere).
    sqlx::query("DELETE FROM sessions")
        .execute(&server.db)
        .await
        .unwrap();
    server.restart().await;
    sync_now(c).await;
    wait_for_text(
        c,
        "[data-testid=sync-status]",
        "サインインの期限が切れました",
    )
    .await;
    wait_for_text(c, "[data-testid=sync-status]", "件の変更が送信待ち").await;
    textarea_shows(c, "期限が切れても消えない").await;
    let on_server: (i64,) =
        sqlx::query_as("SELECT count(*) FROM sync_records WHERE record_type = 'notebook_entry'")
            .fetch_one(&server.db)
            .await
            .unwrap();
    assert_eq!(on_server.0, 0, "nothing reached the server yet");

    sign_in(c, "morikawa", demo::DEMO_PASSWORD).await;
    wait_for_server(&server.db, "期限が切れても消えない", 1).await;
    wait_for_text(c, "[data-testid=sync-status]", "同期済み").await;

    browser.close().await;
}
