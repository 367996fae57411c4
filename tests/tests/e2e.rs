//! End to end: the real server (on port 0, over a real SQLite file with the demo
//! data) serves the release build of the app to Debian's headless Chromium,
//! driven through chromedriver.
//!
//! Needs `dist/` (scripts/build-app) and chromium + chromedriver (scripts/setup --test);
//! `scripts/test` does both first.

use std::time::Instant;

use fantoccini::Locator;
use serde_json::json;
use tsunagu_e2e::*;
use tsunagu_server::demo;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_family_sees_its_next_meeting_in_japanese_then_english_and_the_shell_opens_offline() {
    let mut server = Server::start().await;
    let browser = Browser::start().await;
    let c = browser.client();

    // Japanese by default; signed in, the demo family's next meeting, read from the API.
    c.goto(&format!("{}/", server.base)).await.unwrap();
    wait_for_text(c, "[data-testid=sign-in]", "サインイン").await;
    sign_in(c, "morikawa", demo::DEMO_PASSWORD).await;
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
    wait_for_script(
        c,
        "return navigator.serviceWorker.controller !== null",
        "the service worker taking control",
    )
    .await;
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
async fn an_invited_parent_sets_a_password_signs_out_and_back_in() {
    let server = Server::start().await;
    let invitation = server.invite_parent("森川 けんじ").await;
    let browser = Browser::start().await;
    let c = browser.client();

    c.goto(&format!("{}/invite#{}", server.base, invitation.code))
        .await
        .unwrap();
    wait_for_text(c, "[data-testid=invite-name]", "森川 けんじ").await;

    // Mistakes are caught in the form, in Japanese, before anything is sent.
    set_up(c, "kenji", "short").await;
    wait_for_text(c, "[data-testid=form-problem]", "10文字以上").await;

    set_up(c, "kenji", "ひみつの長いパスワード").await;
    wait_for_text(c, "[data-testid=next-meeting]", "個別の教育支援計画の作成").await;
    assert_eq!(c.current_url().await.unwrap().path(), "/");
    // A second parent of 森川: the first confirms them (issue 12).
    server.confirm_newcomers().await;

    // The session lives in a cookie the page's scripts cannot read.
    let visible = c.execute("return document.cookie", vec![]).await.unwrap();
    assert_eq!(visible.as_str(), Some(""), "the session cookie is HttpOnly");

    sign_out(c).await;
    wait_for_text(c, "[data-testid=sign-in]", "サインイン").await;

    sign_in(c, "kenji", "wrong password!").await;
    wait_for_text(
        c,
        "[data-testid=form-problem]",
        "ログイン名かパスワードが違います",
    )
    .await;
    sign_in(c, "kenji", "ひみつの長いパスワード").await;
    wait_for_text(c, "[data-testid=next-meeting]", "個別の教育支援計画の作成").await;

    // The coordinator opens the family's data; the parent sees who and when.
    let http = reqwest::Client::new();
    let signed_in = http
        .post(format!("{}/api/session", server.base))
        .json(&json!({ "login": "coordinator", "password": demo::DEMO_PASSWORD }))
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
    let read = http
        .get(format!(
            "{}/api/families/{}",
            server.base,
            demo::DEMO_FAMILY
        ))
        .header("cookie", cookie)
        .send()
        .await
        .unwrap();
    assert!(read.status().is_success());
    click(c, "[data-testid=access-log-link]").await;
    let entry = wait_for_text(c, "[data-testid=access-log-entry]", "青木 ゆうこ").await;
    assert!(entry.contains("地域コーディネーター"), "{entry}");
    assert!(entry.contains("ご家族の情報を閲覧"), "{entry}");

    // Sharing meeting dates with the demo mentor, then stopping.
    wait_for_text(c, "[data-testid=sharing-none]", "誰にも公開していません").await;
    // With no mentor chosen, it says so next to the choice.
    click(c, "[data-testid=sharing] button[type=submit]").await;
    wait_for_text(
        c,
        "[data-testid=share-choose-first]",
        "公開するメンターを選んでください",
    )
    .await;
    let mentor_option = format!("select[name=mentor] option[value='{}']", demo::DEMO_MENTOR);
    click(c, &mentor_option).await;
    click(c, "[data-testid=sharing] button[type=submit]").await;
    // Before anything is shared it says who will see what, and asks.
    let asked = wait_for_text(
        c,
        "[data-testid=share-confirm]",
        "会議の種類と日時を見せます",
    )
    .await;
    assert!(asked.contains("佐々木 みどり"), "{asked}");
    wait_for_text(c, "[data-testid=sharing-none]", "誰にも公開していません").await;
    click(c, "[data-testid=share-confirm-yes]").await;
    let consent = wait_for_text(c, "[data-testid=consent]", "佐々木 みどり").await;
    assert!(consent.contains("会議の日程"), "{consent}");
    click(c, "[data-testid=consent] button").await;
    wait_for_text(c, "[data-testid=sharing-none]", "誰にも公開していません").await;

    // The link is used up.
    c.goto(&format!("{}/invite#{}", server.base, invitation.code))
        .await
        .unwrap();
    wait_for_text(c, "[data-testid=invite-problem]", "この招待は使えません").await;

    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_invited_parent_sets_up_a_passkey_signs_out_and_back_in_with_it() {
    let server = Server::start().await;
    let invitation = server.invite_parent("森川 あおい").await;
    let browser = Browser::start().await;
    let c = browser.client();
    c.issue_cmd(AddVirtualAuthenticator)
        .await
        .expect("chromedriver adds a virtual authenticator");
    // Browsers refuse WebAuthn on an IP address; localhost is the development host.
    let base = server.base.replace("127.0.0.1", "localhost");

    c.goto(&format!("{base}/invite#{}", invitation.code))
        .await
        .unwrap();
    wait_for_text(c, "[data-testid=invite-name]", "森川 あおい").await;
    wait_for_text(c, "[data-testid=passkey]", "パスキーで設定する").await;
    click(c, "[data-testid=passkey]").await;
    wait_for_text(c, "[data-testid=next-meeting]", "個別の教育支援計画の作成").await;

    // One passkey, no password: the account is the passkey's alone.
    let (passkeys, passwords): (i64, i64) = sqlx::query_as(
        "SELECT (SELECT count(*) FROM passkeys k JOIN people p ON p.id = k.person_id WHERE p.display_name = ?),
                (SELECT count(*) FROM password_logins l JOIN people p ON p.id = l.person_id WHERE p.display_name = ?)",
    )
    .bind("森川 あおい")
    .bind("森川 あおい")
    .fetch_one(&server.db)
    .await
    .unwrap();
    assert_eq!((passkeys, passwords), (1, 0));

    sign_out(c).await;
    wait_for_text(c, "[data-testid=sign-in]", "サインイン").await;
    click(c, "[data-testid=passkey]").await;
    wait_for_text(c, "[data-testid=next-meeting]", "個別の教育支援計画の作成").await;
    let used: (Option<String>,) = sqlx::query_as("SELECT last_used_at FROM passkeys")
        .fetch_one(&server.db)
        .await
        .unwrap();
    assert!(used.0.is_some(), "the sign-in is recorded on the passkey");

    // A passkey the server no longer knows (removed there) is refused, with a way on.
    sign_out(c).await;
    wait_for_text(c, "[data-testid=sign-in]", "サインイン").await;
    sqlx::query("DELETE FROM passkeys")
        .execute(&server.db)
        .await
        .unwrap();
    click(c, "[data-testid=passkey]").await;
    wait_for_text(
        c,
        "[data-testid=passkey-problem]",
        "このパスキーは登録されていません",
    )
    .await;
    let me = c
        .execute("return fetch('/api/me').then(r => r.status)", vec![])
        .await
        .unwrap();
    assert_eq!(me.as_u64(), Some(401), "still signed out");

    browser.close().await;
}

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
    wait_for_script(
        a,
        "return !document.querySelector('[data-testid=conflict]')",
        "the clash leaving the phone",
    )
    .await;
    wait_for_server(&server.db, &kept, 1).await;
    sync_now(b).await;
    textarea_shows(b, &kept).await;
    wait_for_script(
        b,
        "return !document.querySelector('[data-testid=conflict]')",
        "the clash leaving the tablet",
    )
    .await;

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
    wait_for_script(
        c,
        "return !document.querySelector('[data-testid=rejected]')",
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_version_waits_for_consent_then_reloads_once() {
    let published = tempfile::tempdir().unwrap();
    copy_dir(&repo_root().join("dist"), published.path());
    let server = Server::start_serving(published.path().to_owned()).await;
    let browser = Browser::start().await;
    let c = browser.client();
    c.goto(&format!("{}/", server.base)).await.unwrap();
    wait_for_script(
        c,
        "return !!navigator.serviceWorker.controller",
        "the service worker taking control",
    )
    .await;
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_mentor_sees_only_the_meeting_dates_a_family_shared() {
    let server = Server::start().await;
    let browser = Browser::start().await;
    let c = browser.client();
    c.goto(&format!("{}/", server.base)).await.unwrap();
    sign_in(c, "mentor", demo::DEMO_PASSWORD).await;
    let mentee = wait_for_text(c, "[data-testid=mentee]", "高台さん").await;
    assert!(mentee.contains("会議の日程"), "{mentee}");
    assert!(mentee.contains("ケース会議"), "{mentee}");
    assert!(!mentee.contains("就学"), "no meeting purposes: {mentee}");
    assert!(
        !mentee.contains("森川"),
        "no family without consent: {mentee}"
    );
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_coordinator_invites_a_parent_from_the_staff_screen() {
    let server = Server::start().await;
    let browser = Browser::start().await;
    let c = browser.client();

    c.goto(&format!("{}/staff/", server.base)).await.unwrap();
    wait_for_text(c, "[data-testid=sign-in]", "サインイン").await;
    sign_in(c, "coordinator", demo::DEMO_PASSWORD).await;
    click(
        c,
        "[data-testid=family-list] button[data-family='7a3b0001-0000-4000-8000-000000000003']",
    )
    .await;
    fill(c, "input[name=parent-name]", "高台 けん").await;
    click(c, "[data-testid=invite-parent] button[type=submit]").await;
    wait_for_text(c, "[data-testid=invitation-link]", "7日間").await;
    let link = c
        .execute(
            "return document.querySelector('[data-testid=invitation-link] input').value",
            vec![],
        )
        .await
        .unwrap()
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(
        link.starts_with(&format!("{}/invite#", server.base)),
        "{link}"
    );
    wait_for_text(c, "[data-testid=invitation]", "未使用").await;

    // The staff bundle is not the family app's: a parent's phone never fetches it.
    let scripts = c
        .execute(
            "return performance.getEntriesByType('resource').map(e => e.name).filter(n => n.endsWith('.wasm'))",
            vec![],
        )
        .await
        .unwrap();
    let scripts = scripts.to_string();
    assert!(
        scripts.contains("tsunagu-staff") && !scripts.contains("tsunagu-app"),
        "{scripts}"
    );

    click(c, "[data-testid=sign-out]").await;
    wait_for_text(c, "[data-testid=sign-in]", "サインイン").await;
    c.goto(&link).await.unwrap();
    wait_for_text(c, "[data-testid=invite-name]", "高台 けん").await;
    set_up(c, "ken", "ひみつの長いパスワード").await;
    wait_for_text(c, "[data-testid=family-name]", "高台さん").await;

    browser.close().await;
}

/// Issue 5: the coordinator schedules a meeting and publishes a plan from the
/// staff screen; the parent's device shows both after a sync; a reschedule moves
/// the meeting there; a cancelled one shows as cancelled and is no longer "next".
#[tokio::test]
async fn a_coordinators_meeting_and_plan_reach_the_parents_device_and_changes_follow() {
    use tsunagu_model::{Lang, SchoolYear, Term};
    let server = Server::start().await;
    let desk_browser = Browser::start().await;
    let phone_browser = Browser::start().await;
    let desk = desk_browser.client();
    let phone = phone_browser.client();
    let today = chrono::Local::now().date_naive();
    let purpose = "教室の段差と移動の確認";

    phone.goto(&server.base).await.unwrap();
    wait_for_text(phone, "[data-testid=sign-in]", "サインイン").await;
    sign_in(phone, "takadai", demo::DEMO_PASSWORD).await;
    // The demo's next meeting (which one depends on the date: a bridge
    // conference in early February or mid-October comes first).
    wait_for_text(phone, "[data-testid=next-meeting]", "開催目的").await;
    let demo_next = phone
        .execute(
            "return document.querySelector('[data-testid=next-meeting]').textContent",
            vec![],
        )
        .await
        .unwrap();
    let demo_next = demo_next.as_str().unwrap_or_default().to_owned();
    assert!(!demo_next.is_empty() && !demo_next.contains(purpose));
    wait_for_text(phone, "[data-testid=sync-status]", "同期済み").await;

    desk.goto(&format!("{}/staff/", server.base)).await.unwrap();
    wait_for_text(desk, "[data-testid=sign-in]", "サインイン").await;
    sign_in(desk, "coordinator", demo::DEMO_PASSWORD).await;
    click(
        desk,
        "[data-testid=family-list] button[data-family='7a3b0001-0000-4000-8000-000000000003']",
    )
    .await;
    wait_for_text(desk, "[data-testid=family-desk]", "ゆい").await;

    // Schedule: in three days, 10:00–11:00, the parent and the principal.
    click(desk, "[data-testid=new-meeting]").await;
    fill(
        desk,
        "[data-testid=meeting-form] textarea[name=purpose]",
        purpose,
    )
    .await;
    let day = today + chrono::Duration::days(3);
    set_value(
        desk,
        "[data-testid=meeting-form] input[name=date]",
        &day.to_string(),
    )
    .await;
    set_value(
        desk,
        "[data-testid=meeting-form] input[name=start]",
        "10:00",
    )
    .await;
    set_value(desk, "[data-testid=meeting-form] input[name=end]", "11:00").await;
    fill(
        desk,
        "[data-testid=meeting-form] input[name=place]",
        "ひがし小学校 1年1組",
    )
    .await;
    click(desk, "[data-testid=meeting-form] input[data-role=parent]").await;
    click(
        desk,
        "[data-testid=meeting-form] input[data-role=principal]",
    )
    .await;
    fill(
        desk,
        "[data-testid=meeting-form] textarea[name=agenda]",
        "車いすでの移動経路",
    )
    .await;
    // A meeting that ends before it starts is refused on the spot, in words.
    set_value(desk, "[data-testid=meeting-form] input[name=end]", "09:00").await;
    click(desk, "[data-testid=save-meeting]").await;
    wait_for_text(
        desk,
        "[data-testid=meeting-form] [data-testid=form-problem]",
        "終了時刻は開始時刻より後",
    )
    .await;
    set_value(desk, "[data-testid=meeting-form] input[name=end]", "11:00").await;
    click(desk, "[data-testid=save-meeting]").await;
    wait_for_text(desk, "[data-testid=family-desk] table", purpose).await;

    // Publish a teaching plan for this term with one goal.
    let (year, term) = SchoolYear::term_of(today);
    let goal = "休み時間に友だちと過ごす";
    click(desk, "[data-testid=new-plan]").await;
    click(
        desk,
        "[data-testid=plan-form] select[name=kind] option[value=teaching_plan]",
    )
    .await;
    let term_value = if term == Term::First {
        "first"
    } else {
        "second"
    };
    click(
        desk,
        &format!("[data-testid=plan-form] select[name=term] option[value={term_value}]"),
    )
    .await;
    set_value(
        desk,
        "[data-testid=plan-form] input[name=year]",
        &year.start_year().to_string(),
    )
    .await;
    fill(
        desk,
        "[data-testid=plan-form] textarea[name=strengths]",
        "歌が好き",
    )
    .await;
    click(desk, "[data-testid=add-goal]").await;
    fill(desk, "[data-testid=plan-form] input[name=goal]", goal).await;
    click(desk, "[data-testid=plan-form] input[name=published]").await;
    click(desk, "[data-testid=save-plan]").await;
    wait_for_script(
        desk,
        "return document.querySelectorAll('[data-testid=staff-plan][data-published=true]').length === 2",
        "the published plan listed",
    )
    .await;

    // The parent's device, after a sync: the new meeting is next, with its page.
    sync_now(phone).await;
    let starts = day.and_hms_opt(10, 0, 0).unwrap();
    wait_for_text(phone, "[data-testid=next-meeting]", purpose).await;
    wait_for_text(
        phone,
        "[data-testid=next-meeting]",
        &Lang::Ja.date_time(starts, today),
    )
    .await;
    wait_for_text(
        phone,
        "[data-testid=next-meeting] [data-testid=countdown]",
        "あと3日",
    )
    .await;
    click(phone, "[data-testid=next-meeting] a").await;
    wait_for_text(phone, "[data-testid=meeting-members]", "園長・校長").await;
    wait_for_text(phone, "[data-testid=agenda]", "車いすでの移動経路").await;
    wait_for_text(
        phone,
        "[data-testid=meeting-time]",
        &Lang::Ja.meeting_time(starts, day.and_hms_opt(11, 0, 0).unwrap()),
    )
    .await;
    // The last meeting's direction and the parent's tasks, for the printed sheet.
    wait_for_text(phone, "[data-testid=previous-outcome]", "わたしの役割").await;

    click(phone, ".bottom-nav a[href='/plans']").await;
    wait_for_text(phone, "[data-testid=child-plans]", "個別の指導計画").await;
    // The school year in the Japanese era, for those who read it so.
    let reiwa = year.reiwa().unwrap();
    click(phone, "[data-testid=era-toggle]").await;
    wait_for_text(phone, "[data-testid=child-plans]", &reiwa).await;
    click_at(
        phone,
        Locator::XPath("//article[@data-testid='plan-card'][contains(., '個別の指導計画')]//a"),
    )
    .await;
    wait_for_text(phone, "[data-testid=goals]", goal).await;

    // Rescheduled on the desk: next Thursday-or-so at 13:30.
    click_at(
        desk,
        Locator::XPath(&format!("//tr[@data-testid='staff-meeting'][contains(., '{purpose}')]//button[@data-testid='edit-meeting']")),
    )
    .await;
    let moved = today + chrono::Duration::days(4);
    set_value(
        desk,
        "[data-testid=meeting-form] input[name=date]",
        &moved.to_string(),
    )
    .await;
    set_value(
        desk,
        "[data-testid=meeting-form] input[name=start]",
        "13:30",
    )
    .await;
    set_value(desk, "[data-testid=meeting-form] input[name=end]", "14:30").await;
    click(desk, "[data-testid=save-meeting]").await;
    let moved_at = moved.and_hms_opt(13, 30, 0).unwrap();
    wait_for_text(
        desk,
        "[data-testid=family-desk] table",
        &Lang::Ja.meeting_time(moved_at, moved.and_hms_opt(14, 30, 0).unwrap()),
    )
    .await;

    click(phone, ".bottom-nav a[href='/']").await;
    sync_now(phone).await;
    wait_for_text(
        phone,
        "[data-testid=next-meeting]",
        &Lang::Ja.date_time(moved_at, today),
    )
    .await;

    // Cancelled on the desk: shown as cancelled, and no longer the next meeting.
    click_at(
        desk,
        Locator::XPath(&format!("//tr[@data-testid='staff-meeting'][contains(., '{purpose}')]//button[@data-testid='cancel-meeting']")),
    )
    .await;
    wait_for_script(
        desk,
        "return document.querySelectorAll('[data-testid=staff-meeting][data-status=cancelled]').length === 1",
        "the meeting listed as cancelled",
    )
    .await;
    sync_now(phone).await;
    wait_for_script(
        phone,
        &format!(
            "const next = document.querySelector('[data-testid=next-meeting]');
             return !!next && next.textContent === {};",
            serde_json::to_string(&demo_next).unwrap()
        ),
        "the demo's meeting next again",
    )
    .await;
    click(phone, ".bottom-nav a[href='/meetings']").await;
    wait_for_script(
        phone,
        &format!(
            "const has = (list) => [...document.querySelectorAll('[data-testid=' + list + '] [data-testid=meeting-card]')]
               .some(c => c.textContent.includes({purpose}) && c.querySelector('[data-testid=meeting-status]')?.textContent === '中止');
             return has('cancelled-meetings') && !has('upcoming-meetings');",
            purpose = serde_json::to_string(purpose).unwrap()
        ),
        "the cancelled meeting listed under 中止, not as coming",
    )
    .await;

    desk_browser.close().await;
    phone_browser.close().await;
}

/// Issue 6: entries written offline are brought to the next meeting and ordered;
/// the coordinator sees them in the agenda, in the chosen words, and records what
/// became of each; the parent sees that on the entries. A private entry never
/// reaches the coordinator's screen or any answer the coordinator's browser gets.
#[tokio::test]
async fn entries_written_offline_are_brought_to_a_meeting_and_come_back_answered() {
    let mut server = Server::start().await;
    let phone_browser = Browser::start().await;
    let desk_browser = Browser::start().await;
    let (phone, desk) = (phone_browser.client(), desk_browser.client());
    let canary = "CANARY-PRIVATE 夜に眠れないことが心配";
    open_notebook(phone, &server.base).await;

    // Three entries written with the server away, still there after a reload.
    server.stop().await;
    for text in [
        "園で友だちとどう遊んでいるか",
        "家で絵カードを続けてよいか",
        canary,
    ] {
        click(phone, "[data-testid=notebook-new]").await;
        write(phone, text).await;
        click(phone, ".back-link").await;
        wait_for_text(phone, ".notebook-list", text).await;
    }
    wait_for_text(phone, "[data-testid=sync-status]", "オフライン").await;
    phone.refresh().await.unwrap();
    wait_for_text(phone, ".notebook-list", "家で絵カードを続けてよいか").await;
    wait_for_text(phone, ".notebook-list", canary).await;
    server.restart().await;
    sync_now(phone).await;
    wait_for_text(phone, "[data-testid=sync-status]", "同期済み").await;

    // Two of them brought to the next meeting, the first reworded for the team.
    for (entry, wording) in [
        (
            "園で友だちとどう遊んでいるか",
            Some("園で友だちとどう遊んでいるか教えてください"),
        ),
        ("家で絵カードを続けてよいか", None),
    ] {
        click_at(
            phone,
            Locator::XPath(&format!(
                "//a[@data-testid='notebook-entry'][contains(., '{entry}')]"
            )),
        )
        .await;
        click(phone, "[data-testid=bring-to-meeting]").await;
        if let Some(wording) = wording {
            fill(
                phone,
                "[data-testid=bring-form] textarea[name=wording]",
                wording,
            )
            .await;
        }
        click(phone, "[data-testid=bring-submit]").await;
        wait_for_text(phone, "[data-testid=brought-item]", "持っていきます").await;
        click(phone, ".back-link").await;
    }
    // On the meeting's page: most important first.
    click(phone, ".bottom-nav a[href='/']").await;
    wait_for_text(phone, "[data-testid=bringing-summary]", "(2)").await;
    click(phone, "[data-testid=prepare]").await;
    wait_for_text(phone, "[data-testid=my-items]", "教えてください").await;
    click(
        phone,
        "[data-testid=my-item]:nth-child(2) [data-testid=item-up]",
    )
    .await;
    wait_for_text(
        phone,
        "[data-testid=my-item]:first-child",
        "家で絵カードを続けてよいか",
    )
    .await;
    wait_for_text(phone, "[data-testid=previous-outcome]", "わたしの役割").await;
    sync_now(phone).await;
    wait_for_text(phone, "[data-testid=sync-status]", "同期済み").await;

    // The coordinator's agenda: the parent's order and words.
    desk.goto(&format!("{}/staff/", server.base)).await.unwrap();
    wait_for_text(desk, "[data-testid=sign-in]", "サインイン").await;
    sign_in(desk, "coordinator", demo::DEMO_PASSWORD).await;
    click(
        desk,
        &format!(
            "[data-testid=family-list] button[data-family='{}']",
            demo::DEMO_FAMILY
        ),
    )
    .await;
    let row = "//tr[@data-testid='staff-meeting'][contains(., '第3回')]";
    click_at(
        desk,
        Locator::XPath(&format!("{row}//button[@data-testid='show-items']")),
    )
    .await;
    wait_for_text(
        desk,
        "[data-testid=agenda-item]:first-child",
        "家で絵カードを続けてよいか",
    )
    .await;
    wait_for_text(
        desk,
        "[data-testid=agenda-item]:nth-child(2)",
        "教えてください",
    )
    .await;

    // The meeting is held (yesterday, as recorded), then each item's outcome.
    click_at(
        desk,
        Locator::XPath(&format!("{row}//button[@data-testid='edit-meeting']")),
    )
    .await;
    let yesterday = chrono::Local::now().date_naive() - chrono::Duration::days(1);
    set_value(
        desk,
        "[data-testid=meeting-form] input[name=date]",
        &yesterday.to_string(),
    )
    .await;
    click(
        desk,
        "[data-testid=meeting-form] select[name=status] option[value=held]",
    )
    .await;
    click(desk, "[data-testid=save-meeting]").await;
    wait_for_script(
        desk,
        "return !document.querySelector('[data-testid=meeting-form]')",
        "the meeting saved",
    )
    .await;
    fill(
        desk,
        "[data-testid=agenda-item]:first-child textarea[name=outcome-text]",
        "家でも続けてください",
    )
    .await;
    click(
        desk,
        "[data-testid=agenda-item]:first-child [data-testid=save-outcome]",
    )
    .await;
    wait_for_text(
        desk,
        "[data-testid=agenda-item]:first-child [data-testid=item-outcome]",
        "回答あり",
    )
    .await;
    click(
        desk,
        "[data-testid=agenda-item]:nth-child(2) select[name=outcome] option[value=carried]",
    )
    .await;
    click(
        desk,
        "[data-testid=agenda-item]:nth-child(2) [data-testid=save-outcome]",
    )
    .await;
    wait_for_text(
        desk,
        "[data-testid=agenda-item]:nth-child(2) [data-testid=item-outcome]",
        "持ち越し",
    )
    .await;

    // Nothing private on the coordinator's screen or in any answer it can get.
    let family = demo::DEMO_FAMILY;
    let answers = desk
        .execute_async(
            "const done = arguments[arguments.length - 1];
             Promise.all(arguments[0].map(p => fetch(p).then(r => r.text())))
               .then(texts => done(texts.join('\\n') + document.body.innerText));",
            vec![json!([
                "/api/families",
                format!("/api/families/{family}"),
                format!("/api/families/{family}/meetings"),
                format!("/api/families/{family}/plans"),
                format!(
                    "/api/families/{family}/meetings/7a3b0003-0000-4000-8000-000000000003/items"
                ),
                "/api/sync/pull?cursor=0",
            ])],
        )
        .await
        .unwrap();
    let answers = answers.as_str().unwrap_or_default();
    assert!(
        answers.contains("教えてください"),
        "the check reads real answers"
    );
    assert!(
        !answers.contains("CANARY"),
        "a private entry reached the coordinator"
    );
    assert!(
        !answers.contains("どう遊んでいるか\""),
        "the entry's own words stay the parent's"
    );

    // The parent's device: the outcomes on the entries themselves.
    sync_now(phone).await;
    click(phone, ".bottom-nav a[href='/notebook']").await;
    click_at(
        phone,
        Locator::XPath("//a[@data-testid='notebook-entry'][contains(., '家で絵カード')]"),
    )
    .await;
    wait_for_text(
        phone,
        "[data-testid=brought-status]",
        "回答あり: 家でも続けてください",
    )
    .await;
    click(phone, ".back-link").await;
    click_at(
        phone,
        Locator::XPath("//a[@data-testid='notebook-entry'][contains(., 'どう遊んでいるか')]"),
    )
    .await;
    wait_for_text(phone, "[data-testid=brought-status]", "次回に持ち越し").await;
    click(phone, ".back-link").await;
    click(phone, "[data-testid=status-filter] option[value=open]").await;
    wait_for_script(
        phone,
        "const shown = [...document.querySelectorAll('[data-testid=notebook-entry]')].map(e => e.textContent);
         return shown.length === 1 && shown[0].includes('どう遊んでいるか');",
        "only the carried entry under 'still open'",
    )
    .await;

    phone_browser.close().await;
    desk_browser.close().await;
}

/// A parent shares one entry with the mentor the family consented to: the mentor
/// reads that entry only, and only until the parent stops sharing it.
#[tokio::test]
async fn a_mentor_reads_the_one_entry_shared_with_them_until_it_is_unshared() {
    let server = Server::start().await;
    let parent_browser = Browser::start().await;
    let mentor_browser = Browser::start().await;
    let (parent, mentor) = (parent_browser.client(), mentor_browser.client());
    parent
        .goto(&format!("{}/notebook", server.base))
        .await
        .unwrap();
    wait_for_text(parent, "[data-testid=sign-in]", "サインイン").await;
    sign_in(parent, "takadai", demo::DEMO_PASSWORD).await;
    wait_for_text(parent, "[data-testid=notebook-new]", "新しく書く").await;
    click(parent, "[data-testid=notebook-new]").await;
    write(parent, "CANARY-PRIVATE 誰にも見せない").await;
    click(parent, ".back-link").await;
    click(parent, "[data-testid=notebook-new]").await;
    write(parent, "入学前に何を準備したか聞きたい").await;
    let option = format!(
        "[data-testid=share-with-mentor] option[value='{}']",
        demo::DEMO_MENTOR
    );
    click(parent, &option).await;
    // Nothing is shared before the parent has read who sees what and said yes.
    wait_for_text(
        parent,
        "[data-testid=mentor-confirm]",
        "この記録の文章だけを見せます",
    )
    .await;
    click(parent, "[data-testid=mentor-confirm-yes]").await;
    sync_now(parent).await;
    wait_for_text(parent, "[data-testid=sync-status]", "同期済み").await;

    mentor.goto(&server.base).await.unwrap();
    wait_for_text(mentor, "[data-testid=sign-in]", "サインイン").await;
    sign_in(mentor, "mentor", demo::DEMO_PASSWORD).await;
    wait_for_text(
        mentor,
        "[data-testid=shared-with-me]",
        "入学前に何を準備したか聞きたい",
    )
    .await;
    let screen = mentor
        .execute("return document.body.innerText", vec![])
        .await
        .unwrap();
    assert!(!screen.as_str().unwrap_or_default().contains("CANARY"));

    click(parent, "[data-testid=share-with-mentor] option[value='']").await;
    sync_now(parent).await;
    wait_for_text(parent, "[data-testid=sync-status]", "同期済み").await;
    sync_now(mentor).await;
    wait_for_script(
        mentor,
        "return !document.querySelector('[data-testid=shared-with-me]')",
        "the entry leaving the mentor's screen",
    )
    .await;

    parent_browser.close().await;
    mentor_browser.close().await;
}
