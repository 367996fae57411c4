//! A parent's notebook as a hurried person uses it on a phone: typing in one
//! field after another while sync runs, starting an entry and going back,
//! searching for what is not there, pasting too much, bringing entries to a
//! meeting from the meeting itself, sharing with a mentor, signing out, and a
//! phone set to another time zone.

use std::time::Instant;

use fantoccini::Client;
use serde_json::json;
use tsunagu_e2e::*;
use tsunagu_model::{
    Lang, Meeting,
    sync::{Fields, document},
};
use tsunagu_server::demo;

/// Every notebook entry the server holds, as fields.
async fn server_entries(db: &sqlx::SqlitePool) -> Vec<Fields> {
    let rows: Vec<(String,)> =
        sqlx::query_as("SELECT fields FROM sync_records WHERE record_type = 'notebook_entry'")
            .fetch_all(db)
            .await
            .unwrap();
    rows.iter()
        .map(|(f,)| serde_json::from_str(f).unwrap())
        .collect()
}

fn current(fields: &Fields, name: &str) -> Option<String> {
    fields
        .get(name)
        .and_then(|f| f.current().value.as_text().map(str::to_owned))
}

/// Waits until the server holds an entry for which `found` is true.
async fn wait_for_entry(db: &sqlx::SqlitePool, what: &str, found: impl Fn(&Fields) -> bool) {
    let deadline = Instant::now() + DEADLINE;
    let mut tick = tokio::time::interval(std::time::Duration::from_millis(100));
    loop {
        tick.tick().await;
        if server_entries(db).await.iter().any(&found) {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "the server did not get {what} within {DEADLINE:?}"
        );
    }
}

async fn value_of(c: &Client, css: &str) -> String {
    c.execute(
        "const e = document.querySelector(arguments[0]); return e ? e.value : null;",
        vec![json!(css)],
    )
    .await
    .unwrap()
    .as_str()
    .unwrap_or_default()
    .to_owned()
}

async fn wait_for_value(c: &Client, css: &str, value: &str) {
    let script = format!(
        "const e = document.querySelector({}); return !!e && e.value === {};",
        json!(css),
        json!(value)
    );
    wait_for_script(c, &script, &format!("{css} showing {value:?}")).await;
}

/// The first child of the family offered in the entry's child field.
async fn first_child_choice(c: &Client) -> String {
    wait_for_script(
        c,
        "return document.querySelectorAll('[data-testid=entry-editor] select[name=child] option').length > 1",
        "the family's children in the child field",
    )
    .await;
    c.execute(
        "return document.querySelector('[data-testid=entry-editor] select[name=child] option:nth-child(2)').value",
        vec![],
    )
    .await
    .unwrap()
    .as_str()
    .unwrap()
    .to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn text_tags_and_child_typed_in_quick_succession_all_stay_on_both_devices() {
    let server = Server::start().await;
    let phone = Browser::start().await;
    let tablet = Browser::start().await;
    let (a, b) = (phone.client(), tablet.client());
    open_notebook(a, &server.base).await;
    open_notebook(b, &server.base).await;

    click(a, "[data-testid=notebook-new]").await;
    // Text, then tags, then the child, each within moments of the last: the
    // change of the text is sent (a sync round) while the tags are being typed.
    fill(
        a,
        "[data-testid=entry-editor] textarea",
        "朝の支度で困っていること",
    )
    .await;
    fill(a, "[data-testid=entry-tags]", "朝 支度").await;
    let child = first_child_choice(a).await;
    set_value(a, "[data-testid=entry-editor] select[name=child]", &child).await;
    fill(a, "[data-testid=entry-tags]", "朝 支度 ことば").await;

    wait_for_entry(&server.db, "the text, the three tags and the child", |f| {
        current(f, "text").as_deref() == Some("朝の支度で困っていること")
            && current(f, "tags").as_deref() == Some(r#"["朝","支度","ことば"]"#)
            && current(f, "child").as_deref() == Some(child.as_str())
    })
    .await;
    // The tag box still holds what was typed after the rounds that ran meanwhile.
    assert_eq!(
        value_of(a, "[data-testid=entry-tags]").await,
        "朝 支度 ことば"
    );

    a.refresh().await.unwrap();
    textarea_shows(a, "朝の支度で困っていること").await;
    wait_for_value(a, "[data-testid=entry-tags]", "朝 支度 ことば").await;
    wait_for_value(a, "[data-testid=entry-editor] select[name=child]", &child).await;

    sync_now(b).await;
    click_text(b, "[data-testid=notebook-entry]", "朝の支度").await;
    textarea_shows(b, "朝の支度で困っていること").await;
    wait_for_value(b, "[data-testid=entry-tags]", "朝 支度 ことば").await;
    wait_for_value(b, "[data-testid=entry-editor] select[name=child]", &child).await;

    phone.close().await;
    tablet.close().await;
}

/// Clicks the first element matching `css` whose text holds `needle`.
async fn click_text(c: &Client, css: &str, needle: &str) {
    let script = format!(
        "const e = [...document.querySelectorAll({})].find(e => e.textContent.includes({}));
         if (!e) return false; e.scrollIntoView({{ block: 'center' }}); e.click(); return true;",
        json!(css),
        json!(needle)
    );
    wait_for_script(c, &script, &format!("a {css} with {needle:?} to click")).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_entry_that_did_not_change_keeps_its_place_on_screen_when_another_one_does() {
    let server = Server::start().await;
    let phone = Browser::start().await;
    let tablet = Browser::start().await;
    let (a, b) = (phone.client(), tablet.client());
    open_notebook(a, &server.base).await;
    open_notebook(b, &server.base).await;
    for words in ["一つ目の記録", "二つ目の記録"] {
        click(a, "[data-testid=notebook-new]").await;
        write(a, words).await;
        wait_for_server(&server.db, words, 1).await;
        click(a, ".back-link").await;
    }
    sync_now(b).await;
    wait_for_text(b, ".notebook-list", "一つ目の記録").await;
    wait_for_text(b, ".notebook-list", "二つ目の記録").await;
    // The tablet's card of the first entry, remembered by the page itself.
    wait_for_script(
        b,
        "window.kept = [...document.querySelectorAll('[data-testid=notebook-item]')]
            .find(e => e.textContent.includes('一つ目の記録')); return !!window.kept;",
        "the first entry's card",
    )
    .await;

    click_text(a, "[data-testid=notebook-entry]", "二つ目の記録").await;
    write(a, "二つ目の記録を書き直した").await;
    wait_for_server(&server.db, "二つ目の記録を書き直した", 1).await;
    sync_now(b).await;
    wait_for_text(b, ".notebook-list", "書き直した").await;
    let kept = b
        .execute(
            "return window.kept.isConnected && window.kept.textContent.includes('一つ目の記録')",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        kept,
        json!(true),
        "the unchanged entry's card was rebuilt by a sync round"
    );
    phone.close().await;
    tablet.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_entry_exists_once_it_has_words_and_a_search_without_match_says_so() {
    let server = Server::start().await;
    let browser = Browser::start().await;
    let c = browser.client();
    open_notebook(c, &server.base).await;

    // Opened and left without a word: nothing is made, here or on the server.
    click(c, "[data-testid=notebook-new]").await;
    wait_for_text(c, "[data-testid=entry-editor]", "").await;
    click(c, ".back-link").await;
    wait_for_text(c, "[data-testid=notebook-empty]", "まだ何も書いていません").await;
    c.refresh().await.unwrap();
    wait_for_text(c, "[data-testid=notebook-empty]", "まだ何も書いていません").await;
    sync_now(c).await;
    wait_for_text(c, "[data-testid=sync-status]", "同期済み").await;
    assert!(
        server_entries(&server.db).await.is_empty(),
        "an empty entry was stored"
    );

    click(c, "[data-testid=notebook-new]").await;
    write(c, "園の先生に相談したいこと").await;
    wait_for_server(&server.db, "園の先生に相談したいこと", 1).await;
    click(c, ".back-link").await;
    wait_for_text(c, "[data-testid=notebook-entry]", "園の先生に相談したい").await;

    // A search that finds nothing says so, not that the notes are gone.
    fill(c, "[data-testid=notebook-search]", "見つからない言葉").await;
    let said = wait_for_text(
        c,
        "[data-testid=notebook-no-match]",
        "この条件に合う記録はありません",
    )
    .await;
    assert!(!said.contains("まだ何も書いていません"), "{said}");
    click(c, "[data-testid=clear-filters]").await;
    wait_for_text(c, "[data-testid=notebook-entry]", "園の先生に相談したい").await;
    assert_eq!(value_of(c, "[data-testid=notebook-search]").await, "");
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn too_much_text_and_empty_words_are_said_next_to_the_field_and_nothing_is_cut() {
    let server = Server::start().await;
    let browser = Browser::start().await;
    let c = browser.client();
    open_notebook(c, &server.base).await;
    click(c, "[data-testid=notebook-new]").await;
    write(c, "短い文").await;
    wait_for_server(&server.db, "短い文", 1).await;

    // A paste of 4,001 characters: kept on screen, said, and not stored.
    let long = "あ".repeat(4001);
    set_value(c, "[data-testid=entry-editor] textarea", &long).await;
    wait_for_text(c, "[data-testid=text-too-long]", "あと1字短く").await;
    assert_eq!(
        value_of(c, "[data-testid=entry-editor] textarea").await,
        long
    );
    write(c, "短い文に戻した").await;
    wait_for_server(&server.db, "短い文に戻した", 1).await;
    wait_until_gone(
        c,
        "[data-testid=text-too-long]",
        "the message leaving once the text fits",
    )
    .await;

    // Bringing only spaces says why, next to the words, and brings nothing.
    click(c, "[data-testid=bring-to-meeting]").await;
    fill(c, "[data-testid=bring-form] textarea[name=wording]", "   ").await;
    click(c, "[data-testid=bring-submit]").await;
    wait_for_text(
        c,
        "[data-testid=wording-problem]",
        "チームに見せる言葉を書いてください",
    )
    .await;
    let brought: (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM sync_records WHERE record_type = 'brought_item'")
            .fetch_one(&server.db)
            .await
            .unwrap();
    assert_eq!(brought.0, 0);
    assert!(
        c.find(fantoccini::Locator::Css("[data-testid=brought-item]"))
            .await
            .is_err(),
        "nothing was brought"
    );
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn entries_are_picked_for_the_next_meeting_from_home_and_a_withdrawal_can_be_undone() {
    let server = Server::start().await;
    let browser = Browser::start().await;
    let c = browser.client();
    open_notebook(c, &server.base).await;
    click(c, "[data-testid=notebook-new]").await;
    write(c, "運動会の練習について聞きたい").await;
    wait_for_server(&server.db, "運動会の練習について聞きたい", 1).await;

    c.goto(&format!("{}/", server.base)).await.unwrap();
    click(
        c,
        "[data-testid=bringing-summary] [data-testid=pick-from-notebook]",
    )
    .await;
    wait_for_text(
        c,
        "[data-testid=picking-for]",
        "会議に持っていく記録を選んでください",
    )
    .await;
    click(c, "[data-testid=pick-entry]").await;
    wait_for_text(c, "[data-testid=picked]", "この会議に持っていきます").await;
    click(c, "[data-testid=picking-for] a").await;
    wait_for_text(c, "[data-testid=my-items]", "運動会の練習について聞きたい").await;

    click(c, "[data-testid=withdraw-item]").await;
    wait_for_text(c, "[data-testid=undo-withdraw]", "取り下げました").await;
    wait_until_gone(
        c,
        "[data-testid=my-items]",
        "the withdrawn item leaving the list",
    )
    .await;
    click(c, "[data-testid=undo-withdraw-button]").await;
    wait_for_text(c, "[data-testid=my-items]", "運動会の練習について聞きたい").await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sharing_an_entry_with_a_mentor_asks_first_and_says_who_sees_what() {
    let server = Server::start().await;
    let browser = Browser::start().await;
    let c = browser.client();
    // 高台 consents to the demo mentor.
    open_signed_in(c, &server.base, "/notebook", "takadai").await;
    wait_for_text(c, "[data-testid=notebook-new]", "新しく書く").await;
    click(c, "[data-testid=notebook-new]").await;
    write(c, "入学のことで先輩の話を聞きたい").await;
    wait_for_server(&server.db, "入学のことで先輩の話を聞きたい", 1).await;

    wait_for_script(
        c,
        "return document.querySelectorAll('[data-testid=share-with-mentor] option').length > 1",
        "the consented mentor offered",
    )
    .await;
    let mentor = c
        .execute(
            "return document.querySelector('[data-testid=share-with-mentor] option:nth-child(2)').value",
            vec![],
        )
        .await
        .unwrap();
    let mentor = mentor.as_str().unwrap().to_owned();
    set_value(c, "[data-testid=share-with-mentor]", &mentor).await;
    wait_for_text(
        c,
        "[data-testid=mentor-confirm]",
        "この記録の文章だけを見せます",
    )
    .await;
    // Changing their mind: nothing is shared. A later change reaching the
    // server shows that no share went before it.
    click(c, "[data-testid=mentor-confirm] .button-quiet").await;
    wait_for_value(c, "[data-testid=share-with-mentor]", "").await;
    write(c, "入学のことで先輩の話を聞きたい。").await;
    wait_for_server(&server.db, "入学のことで先輩の話を聞きたい。", 1).await;
    assert!(
        server_entries(&server.db)
            .await
            .iter()
            .all(|f| current(f, "shared_with_mentor").is_none()),
        "shared before the parent said yes"
    );

    set_value(c, "[data-testid=share-with-mentor]", &mentor).await;
    click(c, "[data-testid=mentor-confirm-yes]").await;
    wait_for_entry(&server.db, "the entry shared with the mentor", |f| {
        current(f, "shared_with_mentor").as_deref() == Some(mentor.as_str())
    })
    .await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signing_out_says_what_stays_and_removes_it_only_once_nothing_waits() {
    let mut server = Server::start().await;
    let browser = Browser::start().await;
    let c = browser.client();
    open_notebook(c, &server.base).await;
    click(c, "[data-testid=notebook-new]").await;
    write(c, "家での様子のメモ").await;
    wait_for_server(&server.db, "家での様子のメモ", 1).await;

    wait_until_kept_offline(c).await;
    server.stop().await;
    write(c, "家での様子のメモ(追記)").await;
    wait_for_text(c, "[data-testid=sync-status]", "1件の変更が送信待ち").await;
    // Home opens offline from the device's copy; signing out is there.
    c.goto(&format!("{}/", server.base)).await.unwrap();
    wait_for_text(c, "[data-testid=sync-status]", "1件の変更が送信待ち").await;
    click(c, "[data-testid=sign-out]").await;
    let said = wait_for_text(c, "[data-testid=sign-out-dialog]", "ノートの記録(1件)").await;
    assert!(said.contains("この端末には"), "{said}");
    wait_for_text(c, "[data-testid=sign-out-waiting]", "送信待ちの変更が1件").await;
    let erase_disabled = c
        .execute(
            "return document.querySelector('[data-testid=sign-out-erase]').disabled",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(erase_disabled, json!(true));
    click(c, "[data-testid=sign-out-dialog] button:last-child").await;

    server.restart().await;
    sync_now(c).await;
    wait_for_server(&server.db, "家での様子のメモ(追記)", 1).await;
    wait_for_text(c, "[data-testid=sync-status]", "同期済み").await;
    click(c, "[data-testid=sign-out]").await;
    click(c, "[data-testid=sign-out-erase]").await;
    wait_for_text(c, "[data-testid=sign-in]", "サインイン").await;
    let databases = c
        .execute_async(
            "const done = arguments[arguments.length - 1];
             indexedDB.databases().then(d => done(d.map(x => x.name)));",
            vec![],
        )
        .await
        .unwrap();
    let left: Vec<String> = serde_json::from_value(databases).unwrap();
    assert!(
        left.iter().all(|name| !name.starts_with("tsunagu-")),
        "the notebook's database is still on the device: {left:?}"
    );
    browser.close().await;
}

/// A zone whose date differs from Japan's right now, so a phone reading its own
/// zone would show another day.
fn zone_with_another_date() -> &'static str {
    let tokyo_hour = tsunagu_model::town_time::from_utc(chrono::Utc::now())
        .format("%H")
        .to_string()
        .parse::<u32>()
        .unwrap_or(0);
    // UTC−11 is 20 hours behind Japan; UTC+14 is 5 hours ahead.
    if tokyo_hour < 20 {
        "Pacific/Pago_Pago"
    } else {
        "Pacific/Kiritimati"
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dates_and_countdowns_are_the_towns_whatever_zone_the_phone_is_in() {
    let server = Server::start().await;
    let browser = Browser::start().await;
    let c = browser.client();
    c.issue_cmd(Cdp {
        cmd: "Emulation.setTimezoneOverride",
        params: json!({ "timezoneId": zone_with_another_date() }),
    })
    .await
    .unwrap();
    open_notebook(c, &server.base).await;
    click(c, "[data-testid=notebook-new]").await;
    write(c, "時間帯の確かめ").await;
    wait_for_server(&server.db, "時間帯の確かめ", 1).await;
    click(c, ".back-link").await;
    let dates = wait_for_text(c, ".entry-dates", "書いた日").await;
    let today = tsunagu_server::cli::town_today();
    let day = Lang::Ja.date(today, today);
    assert!(
        dates.starts_with(&format!("書いた日 {day} · 更新 {day} ")),
        "written and changed are one day, Japan's {day}: {dates}"
    );

    // Home's countdown to the next meeting, as Japan counts it.
    let now = tsunagu_model::town_time::from_utc(chrono::Utc::now());
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT record_id, fields FROM sync_records WHERE record_type = 'meeting' AND family_id = ?",
    )
    .bind(demo::DEMO_FAMILY.to_string())
    .fetch_all(&server.db)
    .await
    .unwrap();
    let meetings: Vec<Meeting> = rows
        .iter()
        .filter_map(|(id, f)| {
            document::from_fields::<Meeting>(id.parse().ok()?, &serde_json::from_str(f).ok()?)
        })
        .collect();
    let next = tsunagu_model::meeting::next_meeting(&meetings, now).expect("a coming demo meeting");
    let expected = Lang::Ja.countdown(next.starts_at.date(), today);
    c.goto(&format!("{}/", server.base)).await.unwrap();
    let shown = wait_for_text(
        c,
        "[data-testid=next-meeting] [data-testid=countdown]",
        &expected,
    )
    .await;
    assert_eq!(shown, expected);
    browser.close().await;
}
