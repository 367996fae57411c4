//! Bringing (issue 6): entries written offline are brought to the next meeting
//! in the parent's order and words, the coordinator records what became of
//! each, and the parent sees it on the entries; nothing private reaches the desk.
//!
//! Needs `dist/` (scripts/build-app) and chromium + chromedriver (scripts/setup --test);
//! `scripts/test` does both first.

use fantoccini::Locator;
use serde_json::json;
use tsunagu_e2e::*;
use tsunagu_server::demo;

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
    wait_until_kept_offline(phone).await;
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
    open_desk(desk, &server.base).await;
    open_family(desk, demo::DEMO_FAMILY, "第3回").await;
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
    let yesterday = tsunagu_server::cli::town_today() - chrono::Duration::days(1);
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
    wait_until_gone(desk, "[data-testid=meeting-form]", "the meeting saved").await;
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
