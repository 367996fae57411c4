//! A family's home: the next meeting in Japanese, then English; client routes
//! that survive a reload; the app shell opening offline; signing out leaving
//! nothing behind; a new version waiting for consent before it reloads.
//!
//! Needs `dist/` (scripts/build-app) and chromium + chromedriver (scripts/setup --test);
//! `scripts/test` does both first.

use fantoccini::Locator;
use tsunagu_e2e::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_family_sees_its_next_meeting_in_japanese_then_english_and_the_shell_opens_offline() {
    let mut server = Server::start().await;
    let browser = Browser::start().await;
    let c = browser.client();

    // Japanese by default; signed in, the demo family's next meeting, read from the API.
    open_signed_in(c, &server.base, "/", "morikawa").await;
    let next = wait_for_text(c, "[data-testid=next-meeting]", "個別の教育支援計画の作成").await;
    assert!(next.contains("ケース会議"), "{next}");
    assert!(next.contains("第3回(全4回予定)"), "{next}");
    assert!(next.contains("子育て支援課 相談室"), "{next}");
    wait_for_text(c, "[data-testid=family-name]", "森川さん").await;
    wait_for_text(c, ".bottom-nav", "ホーム").await;
    assert_eq!(document_lang(c).await, "ja");

    let screenshot = c.screenshot().await.expect("a screenshot");
    let shots = repo_root().join("docs/screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    std::fs::write(shots.join("home.png"), screenshot).unwrap();

    // English, and the choice survives a reload.
    c.find(Locator::Css("[data-testid=lang-switch]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let next = wait_for_text(c, "[data-testid=next-meeting]", "Case meeting").await;
    assert!(next.contains("3 of 4 planned"), "{next}");
    wait_for_text(c, ".bottom-nav", "Home").await;
    assert_eq!(document_lang(c).await, "en");
    c.refresh().await.unwrap();
    wait_for_text(c, "[data-testid=next-meeting]", "Case meeting").await;
    wait_for_text(c, "#next-heading", "Next meeting").await;

    // A client-side route survives a reload: the server answers it with the app.
    c.find(Locator::Css(".bottom-nav a[href='/meetings']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for_text(c, "#past-heading", "Past meetings").await;
    c.refresh().await.unwrap();
    wait_for_text(c, "#past-heading", "Past meetings").await;
    assert!(c.current_url().await.unwrap().path().ends_with("/meetings"));

    // The service worker has the shell: with the server gone, a reload still opens the app.
    wait_until_kept_offline(c).await;
    server.stop().await;
    assert!(
        reqwest::get(format!("{}/api/health", server.base))
            .await
            .is_err(),
        "the server is really stopped"
    );
    c.refresh().await.unwrap();
    wait_for_text(c, ".bottom-nav", "Meetings").await;
    wait_for_text(c, ".top-bar", "Tsunagu").await;
    // What the device last saw opens at once, and the bar says it is offline.
    wait_for_text(c, "main", "個別の教育支援計画の作成").await;
    wait_for_text(c, "[data-testid=sync-status]", "Offline").await;
    // A screen not opened before is a chunk of the app the service worker has kept.
    click(c, ".bottom-nav a[href='/plans']").await;
    wait_for_text(c, "[data-testid=child-plans]", "Individual teaching plan").await;

    // Signing out leaves no copy of the family's data on the device.
    server.restart().await;
    c.goto(&format!("{}/", server.base)).await.unwrap();
    sign_out(c).await;
    wait_for_text(c, "[data-testid=sign-in]", "Sign in").await;
    server.stop().await;
    c.refresh().await.unwrap();
    let problem = wait_for_text(c, "[data-testid=load-problem]", "offline").await;
    assert!(problem.contains("Try again"), "{problem}");

    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_version_waits_for_consent_then_reloads_once() {
    let published = tempfile::tempdir().unwrap();
    copy_dir(&repo_root().join("dist"), published.path());
    let server = Server::start_serving(published.path().to_owned()).await;
    let browser = Browser::start().await;
    let c = browser.client();
    c.goto(&format!("{}/", server.base)).await.unwrap();
    wait_until_kept_offline(c).await;
    c.execute("window.tsunaguOpenedBefore = true", vec![])
        .await
        .unwrap();

    // A new version is published (a new worker script) and the app checks for it.
    let sw = published.path().join("sw.js");
    let mut script = std::fs::read_to_string(&sw).unwrap();
    script.push_str("\n// the next version\n");
    std::fs::write(&sw, script).unwrap();
    for stale in ["sw.js.br", "sw.js.gz"] {
        let _ = std::fs::remove_file(published.path().join(stale));
    }
    c.execute(
        "return navigator.serviceWorker.getRegistration().then(r => r.update()).then(() => true)",
        vec![],
    )
    .await
    .unwrap();
    wait_for_text(
        c,
        "[data-testid=update-ready]",
        "新しいバージョンがあります",
    )
    .await;
    let still_open = c
        .execute("return window.tsunaguOpenedBefore === true", vec![])
        .await
        .unwrap();
    assert_eq!(
        still_open.as_bool(),
        Some(true),
        "nothing reloads without consent"
    );

    click(c, "[data-testid=update-ready] button").await;
    wait_for_script(
        c,
        "return window.tsunaguOpenedBefore === undefined && !!navigator.serviceWorker.controller && !document.querySelector('[data-testid=update-ready]')",
        "the reload into the new version",
    )
    .await;

    browser.close().await;
}

/// The connection drops before the app was kept for offline use (here: the
/// service worker's copy is gone): a screen never opened says so, the rest of the
/// app keeps working, and once connected the screen opens.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_screen_not_yet_on_the_device_says_so_offline_and_opens_once_connected() {
    let mut server = Server::start().await;
    let browser = Browser::start().await;
    let c = browser.client();
    open_signed_in(c, &server.base, "/", "morikawa").await;
    wait_for_text(c, "[data-testid=next-meeting]", "個別の教育支援計画の作成").await;
    wait_until_kept_offline(c).await;
    c.execute_async(
        "const done = arguments[0];
         caches.keys().then(keys => Promise.all(keys.map(k => caches.delete(k)))).then(() => done(true));",
        vec![],
    )
    .await
    .unwrap();
    let mut devtools = browser.devtools().await;
    let page = devtools.attach("page", &server.base).await;
    devtools
        .call(
            Some(&page),
            "Network.clearBrowserCache",
            serde_json::json!({}),
        )
        .await;
    server.stop().await;

    click(c, ".bottom-nav a[href='/plans']").await;
    wait_for_text(
        c,
        "[data-testid=screen-unavailable]",
        "まだこの端末に保存されていません",
    )
    .await;
    // The app is still alive: home opens again from what the device has.
    click(c, ".bottom-nav a[href='/']").await;
    wait_for_text(c, "[data-testid=next-meeting]", "個別の教育支援計画の作成").await;

    server.restart().await;
    click(c, ".bottom-nav a[href='/plans']").await;
    wait_for_text(c, "[data-testid=child-plans]", "個別の指導計画").await;
    browser.close().await;
}
