//! A parent mentor: sees only the meeting dates a family shared, and reads the
//! one entry shared with them until it is unshared.
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

    open_signed_in(mentor, &server.base, "/", "mentor").await;
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
    wait_until_gone(
        mentor,
        "[data-testid=shared-with-me]",
        "the entry leaving the mentor's screen",
    )
    .await;

    parent_browser.close().await;
    mentor_browser.close().await;
}
