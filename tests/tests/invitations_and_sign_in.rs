//! Invitations and signing in: an invited parent sets a password, or a passkey,
//! signs out and back in; a coordinator invites a parent from the staff screen
//! and the parent sets up from the link.
//!
//! Needs `dist/` (scripts/build-app) and chromium + chromedriver (scripts/setup --test);
//! `scripts/test` does both first.

use tsunagu_e2e::*;
use tsunagu_model::endpoints::{GetFamily, NoContent};
use tsunagu_server::demo;

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
    ApiUser::demo(&server, "coordinator")
        .await
        .call(
            &GetFamily {
                family_id: demo::DEMO_FAMILY,
            },
            &NoContent,
        )
        .await;
    // The demo's 森川 shares with its mentor already: start this part from none.
    sqlx::query("UPDATE consents SET revoked_at = '2026-01-01T00:00:00Z' WHERE family_id = ?")
        .bind(demo::DEMO_FAMILY.to_string())
        .execute(&server.db)
        .await
        .unwrap();
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
async fn a_coordinator_invites_a_parent_from_the_staff_screen() {
    let server = Server::start().await;
    let browser = Browser::start().await;
    let c = browser.client();

    open_desk(c, &server.base).await;
    open_family(c, TAKADAI, "ゆい").await;
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
