//! A parent mentor: sees only the meeting dates a family shared and only while
//! it shares them, answers the one entry shared with them (the parent reads
//! the answer on the entry) until it is unshared, logs contacts offline; and
//! the support directory opens offline with forgiving search.
//!
//! Needs `dist/` (scripts/build-app) and chromium + chromedriver (scripts/setup --test);
//! `scripts/test` does both first.

use tsunagu_e2e::*;
use tsunagu_server::demo;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_mentor_sees_only_the_meeting_dates_a_family_shared() {
    let server = Server::start().await;
    let browser = Browser::start().await;
    let c = browser.client();
    open_signed_in(c, &server.base, "/", "mentor").await;
    // The demo's 森川 (no meeting dates shared) comes first, 高台 second.
    let mentee = wait_for_text(c, "[data-testid=mentee]:nth-child(2)", "高台さん").await;
    assert!(mentee.contains("会議の日程"), "{mentee}");
    assert!(mentee.contains("ケース会議"), "{mentee}");
    assert!(!mentee.contains("就学"), "no meeting purposes: {mentee}");
    let other = wait_for_text(c, "[data-testid=mentee]:nth-child(1)", "森川さん").await;
    assert!(
        !other.contains("会議の日程") && !other.contains("ケース会議"),
        "no dates the family did not share: {other}"
    );
    let screen = c
        .execute("return document.body.innerText", vec![])
        .await
        .unwrap();
    assert!(
        !screen.as_str().unwrap_or_default().contains("川辺"),
        "no family without consent"
    );
    browser.close().await;
}

/// A parent shares one entry with the mentor the family consented to: the mentor
/// reads that entry only, and only until the parent stops sharing it.
#[tokio::test]
async fn a_mentor_reads_the_one_entry_shared_with_them_until_it_is_unshared() {
    let server = Server::start().await;
    let parent_browser = Browser::start().await;
    let mentor_browser = Browser::start().await;
    let (parent, mentor) = (parent_browser.client(), mentor_browser.client());
    open_signed_in(parent, &server.base, "/notebook", "takadai").await;
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

    open_signed_in(mentor, &server.base, "/consult", "mentor").await;
    let card = wait_for_text(
        mentor,
        "[data-testid=shared-with-me]",
        "入学前に何を準備したか聞きたい",
    )
    .await;
    // The mentor reads whose it is: the family and the child's stage.
    assert!(card.contains("高台さん"), "{card}");
    let screen = mentor
        .execute("return document.body.innerText", vec![])
        .await
        .unwrap();
    assert!(!screen.as_str().unwrap_or_default().contains("CANARY"));

    // The mentor answers; the parent reads it on the entry itself and replies.
    click(mentor, "[data-testid=open-thread]").await;
    wait_for_text(mentor, "[data-testid=advice-state]", "未対応").await;
    fill(
        mentor,
        "[data-testid=advice-text]",
        "説明会の資料を先にもらうと安心でした",
    )
    .await;
    click(mentor, "[data-testid=advice-send]").await;
    wait_for_text(mentor, "[data-testid=advice-message]", "説明会の資料").await;
    click(mentor, "[data-testid=advice-handled]").await;
    wait_for_text(mentor, "[data-testid=advice-state]", "対応済み").await;
    sync_now(mentor).await;
    wait_for_text(mentor, "[data-testid=sync-status]", "同期済み").await;
    sync_now(parent).await;
    let thread = wait_for_text(
        parent,
        "[data-testid=advice-thread]",
        "説明会の資料を先にもらうと安心でした",
    )
    .await;
    assert!(thread.contains("メンター"), "{thread}");
    fill(
        parent,
        "[data-testid=advice-text]",
        "ありがとうございます、聞いてみます",
    )
    .await;
    click(parent, "[data-testid=advice-send]").await;
    sync_now(parent).await;
    wait_for_text(parent, "[data-testid=sync-status]", "同期済み").await;
    sync_now(mentor).await;
    wait_for_text(mentor, "[data-testid=advice-thread]", "聞いてみます").await;
    // The parent's reply opens the thread again.
    wait_for_text(mentor, "[data-testid=advice-state]", "未対応").await;
    click(mentor, ".back-link").await;
    wait_for_text(mentor, "[data-testid=shared-with-me]", "入学前").await;

    click(parent, "[data-testid=share-with-mentor] option[value='']").await;
    sync_now(parent).await;
    wait_for_text(parent, "[data-testid=sync-status]", "同期済み").await;
    sync_now(mentor).await;
    wait_until_gone(
        mentor,
        "[data-testid=shared-with-me]",
        "the entry leaving the mentor's screen",
    )
    .await;

    parent_browser.close().await;
    mentor_browser.close().await;
}

/// The 森川 family lets the mentor see its meeting dates from the privacy page:
/// the mentor's device shows them at the next sync, and they leave it when the
/// family withdraws that scope (the family stays listed for contact).
#[tokio::test]
async fn meeting_dates_a_family_grants_reach_the_mentor_and_leave_when_withdrawn() {
    let server = Server::start().await;
    let parent_browser = Browser::start().await;
    let mentor_browser = Browser::start().await;
    let (parent, mentor) = (parent_browser.client(), mentor_browser.client());
    let card = format!("[data-testid=mentee][data-family='{}']", demo::DEMO_FAMILY);
    let dates = format!("{card} [data-testid=mentee-meeting]");
    open_signed_in(mentor, &server.base, "/", "mentor").await;
    let before = wait_for_text(mentor, &card, "森川さん").await;
    assert!(!before.contains("会議の日程"), "{before}");
    assert_no(mentor, &dates).await;

    open_signed_in(parent, &server.base, "/access-log", "morikawa").await;
    wait_for_text(parent, "[data-testid=consent]", "佐々木").await;
    let mentor_option = format!("select[name=mentor] option[value='{}']", demo::DEMO_MENTOR);
    click(parent, &mentor_option).await;
    click(
        parent,
        "[data-testid=share-scope] option[value='meeting_dates']",
    )
    .await;
    click(parent, "[data-testid=share-meeting-dates]").await;
    // Before granting, the app says what the mentor will see.
    wait_for_text(
        parent,
        "[data-testid=share-explain]",
        "会議の目的、議題、参加者、記録は見えません",
    )
    .await;
    click(parent, "[data-testid=share-confirm-yes]").await;
    let granted = "[data-testid=consent][data-scope=meeting_dates]";
    wait_for_text(parent, granted, "佐々木").await;

    sync_now(mentor).await;
    wait_for_text(mentor, &card, "会議の日程").await;
    wait_for_script(
        mentor,
        &format!(
            "return !!document.querySelector({});",
            serde_json::json!(dates)
        ),
        "the family's meeting dates on the mentor's home",
    )
    .await;
    // Tapping a date shows what the family shared with it.
    click(mentor, &format!("{dates} summary")).await;

    click(parent, &format!("{granted} [data-testid=consent-stop]")).await;
    wait_until_gone(parent, granted, "the withdrawn consent").await;
    sync_now(mentor).await;
    wait_until_gone(
        mentor,
        &dates,
        "the withdrawn meeting dates on the mentor's device",
    )
    .await;
    let after = wait_for_text(mentor, &card, "森川さん").await;
    assert!(!after.contains("会議の日程"), "{after}");

    parent_browser.close().await;
    mentor_browser.close().await;
}

async fn assert_no(c: &fantoccini::Client, css: &str) {
    let found = c.find_all(fantoccini::Locator::Css(css)).await.unwrap();
    assert!(found.is_empty(), "nothing matches {css}");
}

/// The mentor logs a contact with the server away: it stays through a reload,
/// goes when the server is back, and its follow-up shows on the home screen.
#[tokio::test]
async fn a_mentor_logs_a_contact_offline_and_it_syncs() {
    let mut server = Server::start().await;
    let browser = Browser::start().await;
    let c = browser.client();
    open_signed_in(c, &server.base, "/contact-log", "mentor").await;
    let family = format!(
        "[data-testid=contact-family] option[value='{}']",
        demo::DEMO_FAMILY
    );
    wait_for_text(c, &family, "森川さん").await;
    wait_for_text(c, "[data-testid=sync-status]", "同期済み").await;

    wait_until_kept_offline(c).await;
    server.stop().await;
    click(c, &family).await;
    click(c, "[data-testid=contact-channel] option[value='visit']").await;
    fill(
        c,
        "[data-testid=contact-note]",
        "家庭訪問で入学の不安を聞いた",
    )
    .await;
    let today = tsunagu_server::cli::town_today().to_string();
    set_value(c, "[data-testid=contact-follow-up]", &today).await;
    click(c, "[data-testid=contact-save]").await;
    wait_for_text(c, "[data-testid=contact]", "家庭訪問で入学の不安を聞いた").await;
    wait_for_text(c, "[data-testid=sync-status]", "送信待ち").await;
    c.refresh().await.unwrap();
    let logged = wait_for_text(c, "[data-testid=contact]", "家庭訪問で入学の不安を聞いた").await;
    assert!(logged.contains("訪問"), "{logged}");

    server.restart().await;
    sync_now(c).await;
    wait_for_stored(&server.db, "note", "家庭訪問で入学の不安を聞いた").await;
    wait_for_text(c, "[data-testid=sync-status]", "同期済み").await;
    // Due today: on the mentor's home among the follow-ups.
    click(c, ".bottom-nav a[href='/']").await;
    wait_for_text(c, "[data-testid=follow-up]", "森川さん").await;
    browser.close().await;
}

/// The directory reached once opens with the server away, and finds the
/// developmental support centres by their reading in either kana and width.
#[tokio::test]
async fn the_directory_opens_offline_and_finds_by_any_kana() {
    let mut server = Server::start().await;
    let browser = Browser::start().await;
    let c = browser.client();
    open_signed_in(c, &server.base, "/directory", "morikawa").await;
    wait_for_text(c, "[data-testid=agency]", "").await;
    // The family's team, from its meetings, with the coordinator.
    wait_for_text(c, "[data-testid=family-team]", "地域コーディネーター").await;
    wait_for_text(c, "[data-testid=sync-status]", "同期済み").await;

    wait_until_kept_offline(c).await;
    server.stop().await;
    c.refresh().await.unwrap();
    wait_for_text(c, "[data-testid=family-team]", "地域コーディネーター").await;
    for typed in ["はったつ", "ハッタツ", "ﾊｯﾀﾂ"] {
        fill(c, "[data-testid=directory-search]", typed).await;
        wait_for_script(
            c,
            "const cards = [...document.querySelectorAll('[data-testid=agency]')];
             return cards.length > 0 && cards.every(a => a.innerText.includes('発達'));",
            "only agencies about development",
        )
        .await;
        wait_for_text(c, "[data-testid=agency]", "発達支援センター").await;
    }
    let tel = c
        .find(fantoccini::Locator::Css("[data-testid=agency-tel]"))
        .await
        .unwrap()
        .attr("href")
        .await
        .unwrap()
        .unwrap_or_default();
    assert!(tel.starts_with("tel:"), "{tel}");
    browser.close().await;
}
