//! End to end, issue 12: a second parent of a family waits until the first
//! confirms them in the app; a deleted notebook entry goes to the trash, comes
//! back from it, and "delete now" erases it.

use tsunagu_e2e::*;

/// The invited parent of 森川 waits; 森川's parent confirms them from the home
/// screen; then the newcomer may open the family's access log, which records
/// the confirmation.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_parent_waits_until_the_first_confirms_them_in_the_app() {
    let server = Server::start().await;
    let invitation = server.invite_parent("森川 けんじ").await;
    let newcomer_browser = Browser::start().await;
    let parent_browser = Browser::start().await;
    let newcomer = newcomer_browser.client();
    let parent = parent_browser.client();

    newcomer
        .goto(&format!("{}/invite#{}", server.base, invitation.code))
        .await
        .unwrap();
    wait_for_text(newcomer, "[data-testid=invite-name]", "森川 けんじ").await;
    set_up(newcomer, "kenji", "ひみつの長いパスワード").await;
    wait_for_text(
        newcomer,
        "[data-testid=joining-waiting]",
        "確認を待っています",
    )
    .await;

    open_signed_in(parent, &server.base, "/", "morikawa").await;
    let waiting = wait_for_text(parent, "[data-testid=joining-parent]", "森川 けんじ").await;
    assert!(waiting.contains("招待した人"), "{waiting}");
    click(parent, "[data-testid=joining-confirm]").await;
    wait_until_gone(
        parent,
        "[data-testid=joining]",
        "the newcomer leaving the list once confirmed",
    )
    .await;

    newcomer
        .goto(&format!("{}/access-log", server.base))
        .await
        .unwrap();
    wait_for_text(
        newcomer,
        "[data-testid=access-log-entry]",
        "新しい保護者を確認",
    )
    .await;
    newcomer_browser.close().await;
    parent_browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_deleted_entry_waits_in_the_trash_comes_back_and_delete_now_erases_it() {
    let server = Server::start().await;
    let browser = Browser::start().await;
    let c = browser.client();
    open_notebook(c, &server.base).await;
    click(c, "[data-testid=notebook-new]").await;
    write(c, "ごみ箱に入れる質問").await;
    click(c, "[data-testid=entry-delete]").await;
    wait_for_text(c, "[data-testid=notebook-new]", "新しく書く").await;
    wait_until_gone(
        c,
        "[data-testid=notebook-entry]",
        "the entry leaving the notebook",
    )
    .await;

    c.goto(&format!("{}/trash", server.base)).await.unwrap();
    wait_for_text(c, "[data-testid=trash-entry]", "ごみ箱に入れる質問").await;
    click(c, "[data-testid=trash-restore]").await;
    wait_for_text(c, "[data-testid=trash-empty]", "ごみ箱は空です").await;
    c.goto(&format!("{}/notebook", server.base)).await.unwrap();
    let back = wait_for_text(c, "[data-testid=notebook-entry]", "ごみ箱に入れる質問").await;
    assert!(back.contains("ごみ箱に入れる質問"));

    click(c, "[data-testid=notebook-entry]").await;
    click(c, "[data-testid=entry-delete]").await;
    c.goto(&format!("{}/trash", server.base)).await.unwrap();
    wait_for_text(c, "[data-testid=trash-entry]", "ごみ箱に入れる質問").await;
    click(c, "[data-testid=trash-erase]").await;
    wait_for_text(c, "[data-testid=trash-empty]", "ごみ箱は空です").await;
    sync_now(c).await;
    wait_for_text(c, "[data-testid=sync-status]", "同期済み").await;
    // The server holds none of the words, in the entry or its history.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    let mut tick = tokio::time::interval(std::time::Duration::from_millis(100));
    loop {
        tick.tick().await;
        let (held,): (i64,) = sqlx::query_as(
            "SELECT (SELECT count(*) FROM sync_records WHERE fields LIKE '%ごみ箱に入れる%')
                  + (SELECT count(*) FROM sync_history WHERE version LIKE '%ごみ箱に入れる%')",
        )
        .fetch_one(&server.db)
        .await
        .unwrap();
        let (erased,): (i64,) = sqlx::query_as(
            "SELECT count(*) FROM sync_records WHERE record_type = 'notebook_entry' AND deleted = 1",
        )
        .fetch_one(&server.db)
        .await
        .unwrap();
        if held == 0 && erased == 1 {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the server erased the words: {held} rows hold them"
        );
    }
    browser.close().await;
}
