//! Issue 11, the coordinator's desk and the family's access log: the server's
//! refusals in the desk's language, panels that open at their meeting and say
//! which one, a save confirmed where the eye is, the goal picker by plan; a
//! started meeting's page for the parent; the access log grouped and paged, and
//! offline; English labels; goals that name what changed.

use tsunagu_e2e::*;
use tsunagu_model::{
    Lang, MeetingId, SchoolYear,
    endpoints::{GetFamily, ListMeetings, ListPlans, NoContent},
    meeting_record::MeetingStatus,
    sync::{ClientId, FieldValue, RecordKey, RecordType},
};
use tsunagu_server::demo;

/// 森川's meetings in the demo: the first (held, with its outcome), and the next
/// one, nine days ahead.
const FIRST: MeetingId = MeetingId::from_u128(0x7a3b_0003_0000_4000_8000_0000_0000_0001);
const NEXT: MeetingId = MeetingId::from_u128(0x7a3b_0003_0000_4000_8000_0000_0000_0003);
const HELD: MeetingId = MeetingId::from_u128(0x7a3b_0003_0000_4000_8000_0000_0000_0002);
/// はると's teaching plan for the first term: a goal marked 修正 in the same words
/// as the plan before it.
const FIRST_TERM_PLAN: &str = "7a3b0005-0000-4000-8000-000000000002";
const NEXT_PURPOSE: &str = "個別の教育支援計画の作成";

/// Whether the element is on screen and holds the focus (or contains it).
async fn in_view_with_focus(c: &fantoccini::Client, css: &str, what: &str) {
    wait_for_script(
        c,
        &format!(
            "const e = document.querySelector({css:?}); if (!e) return false;
             const r = e.getBoundingClientRect();
             return r.top >= 0 && r.bottom <= innerHeight && e.contains(document.activeElement);"
        ),
        what,
    )
    .await;
}

#[tokio::test]
async fn the_desk_reads_refusals_in_its_language_and_opens_panels_at_their_meeting() {
    let server = Server::start().await;
    let browser = Browser::start().await;
    let c = browser.client();
    c.set_window_size(1280, 800).await.unwrap();
    open_desk(c, &server.base).await;

    // A refusal only the server makes (a family's name over 100 characters),
    // in Japanese on a Japanese desk, in English once the desk is switched.
    let long = "あ".repeat(101);
    fill(c, "input[name=family-name]", &long).await;
    click(c, "[data-testid=register-family] button[type=submit]").await;
    wait_for_text(
        c,
        "[data-testid=register-family] .form-problem",
        "家族の呼び名は100文字までです。",
    )
    .await;
    click(c, "[data-testid=lang-switch]").await;
    click(c, "[data-testid=register-family] button[type=submit]").await;
    wait_for_text(
        c,
        "[data-testid=register-family] .form-problem",
        "The family's name (display_name) is longer than 100 characters.",
    )
    .await;
    click(c, "[data-testid=lang-switch]").await;
    wait_for_text(c, "[data-testid=register-family]", "登録する").await;

    // The brought items open under their meeting, named, on screen, focused.
    open_family(c, demo::DEMO_FAMILY, NEXT_PURPOSE).await;
    let row = format!("tr[data-meeting='{NEXT}']");
    click(c, &format!("{row} [data-testid=show-items]")).await;
    let title = wait_for_text(c, "[data-testid=agenda-title]", NEXT_PURPOSE).await;
    assert!(title.contains("保護者が持ってくること"), "{title}");
    assert!(title.contains("第3回"), "{title}");
    wait_for_script(
        c,
        &format!(
            "return document.querySelector({row:?}).nextElementSibling
               .contains(document.querySelector('[data-testid=agenda-panel]'))"
        ),
        "the items panel right under its meeting",
    )
    .await;
    in_view_with_focus(c, "[data-testid=agenda-title]", "the items panel in view").await;
    wait_for_text(c, "[data-testid=results-wait]", "会議が始まってから").await;

    // The form too; marking a meeting nine days away held warns, and says why.
    click(c, &format!("{row} [data-testid=edit-meeting]")).await;
    let title = wait_for_text(c, "[data-testid=meeting-form-title]", NEXT_PURPOSE).await;
    assert!(title.contains("変更・結果の記録"), "{title}");
    in_view_with_focus(c, "[data-testid=meeting-form-title]", "the form in view").await;
    wait_for_script(
        c,
        &format!(
            "const f = document.querySelector('[data-testid=meeting-form]');
             return f.closest('tr.staff-row-panel') !== null
               && !!(document.querySelector({row:?}).compareDocumentPosition(f) & Node.DOCUMENT_POSITION_FOLLOWING);"
        ),
        "the form under its meeting",
    )
    .await;
    assert!(
        c.find(fantoccini::Locator::Css("[data-testid=held-early]"))
            .await
            .is_err(),
        "no warning for a scheduled meeting"
    );
    click(
        c,
        "[data-testid=meeting-form] select[name=status] option[value=held]",
    )
    .await;
    let warning = wait_for_text(c, "[data-testid=held-early]", "まだ先").await;
    assert!(warning.contains("取り下げ"), "{warning}");

    // The save is confirmed where the coordinator is looking.
    click(c, "[data-testid=save-meeting]").await;
    let notice = wait_for_text(c, "[data-testid=saved-notice]", "保存しました").await;
    assert!(notice.contains(NEXT_PURPOSE), "{notice}");
    in_view_with_focus(c, "[data-testid=saved-notice]", "the save notice in view").await;
    wait_for_script(
        c,
        &format!(
            "return document.querySelector({row:?}).nextElementSibling
               .contains(document.querySelector('[data-testid=saved-notice]'))"
        ),
        "the notice right under its meeting",
    )
    .await;
    browser.close().await;
}

/// The parent brings one entry to the next meeting (through the API, as the
/// phone's sync would), and the coordinator then records that the meeting was
/// held yesterday.
async fn bring_then_hold(server: &Server, wording: &str) {
    let parent = ApiUser::demo(server, "morikawa").await;
    let client = ClientId::from_u128(0x5151);
    let entry = RecordKey {
        record_type: RecordType::NotebookEntry,
        id: uuid::Uuid::from_u128(0xe511),
    };
    let item = RecordKey {
        record_type: RecordType::BroughtItem,
        id: uuid::Uuid::from_u128(0xb511),
    };
    parent
        .push(vec![
            mutation(
                client,
                1,
                entry,
                vec![change("text", FieldValue::Text(wording.into()))],
            ),
            mutation(
                client,
                2,
                item,
                vec![
                    change("meeting", FieldValue::Text(NEXT.to_string())),
                    change("entry", FieldValue::Text(entry.id.to_string())),
                    change("wording", FieldValue::Text(wording.into())),
                    change("position", FieldValue::Int(0)),
                    change("withdrawn", FieldValue::Bool(false)),
                ],
            ),
        ])
        .await;

    let coordinator = ApiUser::demo(server, "coordinator").await;
    let next = revisioned(coordinator.meetings(demo::DEMO_FAMILY).await, NEXT);
    let mut held = next.doc.clone();
    let yesterday = tsunagu_server::cli::town_today() - chrono::Duration::days(1);
    held.starts_at = yesterday.and_hms_opt(10, 0, 0).unwrap();
    held.ends_at = yesterday.and_hms_opt(11, 0, 0).unwrap();
    held.status = MeetingStatus::Held;
    coordinator.save_meeting(&held, Some(next.revision)).await;
}

#[tokio::test]
async fn after_a_meeting_the_goal_picker_names_plans_and_the_parent_sees_what_was_brought() {
    let server = Server::start().await;
    let wording = "園での友だちとの遊び方を知りたい";
    bring_then_hold(&server, wording).await;
    let desk_browser = Browser::start().await;
    let desk = desk_browser.client();
    open_desk(desk, &server.base).await;
    open_family(desk, demo::DEMO_FAMILY, NEXT_PURPOSE).await;
    click(
        desk,
        &format!("tr[data-meeting='{NEXT}'] [data-testid=show-items]"),
    )
    .await;
    wait_for_text(desk, "[data-testid=agenda-item]", wording).await;
    click(
        desk,
        "[data-testid=agenda-item] select[name=outcome] option[value=became_goal]",
    )
    .await;
    wait_for_script(
        desk,
        "return document.querySelectorAll('[data-testid=agenda-item] select[name=goal] optgroup').length > 1",
        "the goals grouped by plan",
    )
    .await;
    let groups = desk
        .execute(
            "return [...document.querySelectorAll('[data-testid=agenda-item] select[name=goal] optgroup')]
               .map(g => [g.label, [...g.querySelectorAll('option')].map(o => o.textContent)]);",
            vec![],
        )
        .await
        .unwrap();
    let groups: Vec<(String, Vec<String>)> = serde_json::from_value(groups).unwrap();
    let labels: Vec<&str> = groups.iter().map(|(l, _)| l.as_str()).collect();
    assert!(
        labels
            .iter()
            .all(|l| l.contains("年度") && l.contains("計画")),
        "{labels:?}"
    );
    let mut unique = labels.clone();
    unique.dedup();
    assert_eq!(unique.len(), labels.len(), "one group per plan: {labels:?}");
    let help = "困ったときに、先生や友だちに「てつだって」と言葉やカードで伝える";
    for (label, goals) in &groups {
        let mut once = goals.clone();
        once.sort();
        once.dedup();
        assert_eq!(once.len(), goals.len(), "each wording once in {label}");
    }
    assert!(
        groups
            .iter()
            .filter(|(_, g)| g.iter().any(|t| t == help))
            .count()
            > 1,
        "a carried goal is under each of its plans: {groups:?}"
    );
    desk_browser.close().await;

    // The parent's page of the meeting, now started: what was brought and what
    // became of it, no invitation to add more.
    let phone_browser = Browser::start().await;
    let phone = phone_browser.client();
    open_signed_in(
        phone,
        &server.base,
        &format!("/meetings/{NEXT}"),
        "morikawa",
    )
    .await;
    let brought = wait_for_text(phone, "[data-testid=brought-to-meeting]", wording).await;
    assert!(brought.contains("この会議に持っていったこと"), "{brought}");
    assert!(brought.contains("結果はまだ届いていません"), "{brought}");
    let page = phone
        .execute("return document.querySelector('main').innerText", vec![])
        .await
        .unwrap();
    assert!(
        !page.as_str().unwrap_or_default().contains("で加えられます"),
        "{page}"
    );
    phone
        .goto(&format!("{}/meetings/{HELD}", server.base))
        .await
        .unwrap();
    wait_for_text(
        phone,
        "[data-testid=brought-none]",
        "持っていったことはありませんでした",
    )
    .await;
    phone_browser.close().await;
}

#[tokio::test]
async fn the_access_log_groups_repeated_reads_pages_back_and_says_when_it_is_offline() {
    let mut server = Server::start().await;
    let coordinator = ApiUser::demo(&server, "coordinator").await;
    let family = demo::DEMO_FAMILY;
    // The desk opened three times; then more reads of the meetings than one page holds.
    for _ in 0..3 {
        coordinator
            .call(&GetFamily { family_id: family }, &NoContent)
            .await;
        coordinator
            .call(&ListMeetings { family_id: family }, &NoContent)
            .await;
        coordinator
            .call(&ListPlans { family_id: family }, &NoContent)
            .await;
    }
    let extra = tsunagu_model::audit::ACCESS_LOG_PAGE + 5;
    for _ in 0..extra {
        coordinator
            .call(&ListMeetings { family_id: family }, &NoContent)
            .await;
    }

    let browser = Browser::start().await;
    let c = browser.client();
    open_signed_in(c, &server.base, "/", "morikawa").await;
    // Home settles first: a sync that lands mid-tap moves the link under the finger.
    wait_for_text(c, "[data-testid=sync-status]", "同期済み").await;
    click(c, "[data-testid=access-log-link]").await;
    let first = wait_for_text(c, "[data-testid=access-log-entry]", "会議の予定と記録").await;
    let page = tsunagu_model::audit::ACCESS_LOG_PAGE;
    assert!(first.contains(&format!("{page}回")), "{first}");
    assert!(first.contains("〜"), "a group shows its span: {first}");
    // Older lines, to the first: the groups grow as their older reads come in.
    click(c, "[data-testid=access-log-older]").await;
    wait_for_text(
        c,
        "[data-testid=access-log-entry]",
        &format!("{}回", extra + 3),
    )
    .await;
    let all = c
        .execute(
            "return [...document.querySelectorAll('[data-testid=access-log-entry]')].map(e => e.textContent)",
            vec![],
        )
        .await
        .unwrap();
    let all: Vec<String> = serde_json::from_value(all).unwrap();
    assert_eq!(
        all.len(),
        3,
        "three lines for 3 + 3 + {} reads: {all:?}",
        extra + 3
    );
    assert!(
        all.iter()
            .any(|l| l.contains("ご家族とお子さんの登録内容") && l.contains("3回"))
    );
    assert!(all.iter().any(|l| l.contains("計画") && l.contains("3回")));
    assert!(
        c.find(fantoccini::Locator::Css("[data-testid=access-log-older]"))
            .await
            .is_err(),
        "nothing older left"
    );

    // Offline: said once, with what still works; sharing off, with the reason.
    wait_until_kept_offline(c).await;
    click(c, ".bottom-nav a[href='/']").await;
    wait_for_text(c, "[data-testid=next-meeting]", NEXT_PURPOSE).await;
    server.stop().await;
    click(c, "[data-testid=access-log-link]").await;
    let offline = wait_for_text(c, "[data-testid=privacy-offline]", "オフライン").await;
    assert!(offline.contains("ノート"), "{offline}");
    wait_for_text(c, "[data-testid=share-why-not]", "接続").await;
    wait_for_script(
        c,
        "return document.querySelector('[data-testid=share-meeting-dates]').disabled
            && document.querySelectorAll('[data-testid=privacy-offline]').length === 1
            && document.querySelectorAll('.status-problem').length === 0
            && !document.querySelector('main').innerText.includes('読み込めませんでした')",
        "one offline notice, no error lines, the share button off",
    )
    .await;
    browser.close().await;
}

#[tokio::test]
async fn english_reads_as_english_and_goals_name_what_changed() {
    let server = Server::start().await;
    let browser = Browser::start().await;
    let c = browser.client();
    open_signed_in(c, &server.base, "/", "morikawa").await;
    wait_for_text(c, "[data-testid=family-name]", "森川さん").await;
    click(c, "[data-testid=lang-switch]").await;
    wait_for_text(c, "[data-testid=family-name]", "The 森川 family").await;

    click(c, ".bottom-nav a[href='/plans']").await;
    wait_for_text(c, "[data-testid=plan-card]", "Individual support plan").await;
    let year = SchoolYear::containing(tsunagu_server::cli::town_today());
    let head = format!(" · {}", year.label(Lang::En, false));
    wait_for_script(
        c,
        &format!(
            "return [...document.querySelectorAll('.timeline-head')].some(h => h.textContent.includes({head:?}))"
        ),
        "the stage and the school year apart",
    )
    .await;

    c.goto(&format!("{}/meetings/{FIRST}", server.base))
        .await
        .unwrap();
    wait_for_text(c, "[data-testid=outcome]", "class teacher (").await;

    // 修正 in the same words is a goal carried over; new words are a rewording.
    c.goto(&format!("{}/plans/{FIRST_TERM_PLAN}", server.base))
        .await
        .unwrap();
    // The threads sit in closed <details>: read their text, not what shows.
    let thread_says = |word: &str| {
        format!(
            "return [...document.querySelectorAll('[data-testid=goal-thread]')].some(t => t.textContent.includes({word:?}))"
        )
    };
    wait_for_script(c, &thread_says("Reworded"), "the English thread").await;
    let changes = c
        .execute(
            "return [...document.querySelectorAll('[data-testid=goal-thread]')].map(t =>
               [...t.querySelectorAll('[data-testid=thread-change]')].map(b => b.textContent))",
            vec![],
        )
        .await
        .unwrap();
    let changes: Vec<Vec<String>> = serde_json::from_value(changes).unwrap();
    assert!(
        changes.contains(&vec![
            "New".to_owned(),
            "Reworded".to_owned(),
            "Carried over".to_owned(),
            "Carried over".to_owned()
        ]),
        "{changes:?}"
    );
    click(c, "[data-testid=lang-switch]").await;
    wait_for_script(c, &thread_says("言葉を修正"), "the Japanese thread").await;
    let badges = c
        .execute(
            "return [...document.querySelectorAll('[data-testid=goal-change]')].map(b => b.textContent)",
            vec![],
        )
        .await
        .unwrap();
    let badges: Vec<String> = serde_json::from_value(badges).unwrap();
    assert!(badges.contains(&"引き継ぎ".to_owned()), "{badges:?}");
    assert!(!badges.contains(&"修正".to_owned()), "{badges:?}");

    // The era is added beside the year, as its label says.
    click(c, ".back-link").await;
    let label = wait_for_text(c, "label.check", "和暦を添える").await;
    assert!(label.contains("令和"), "{label}");
    click(c, "[data-testid=era-toggle]").await;
    wait_for_text(c, "[data-testid=plan-card]", &year.label(Lang::Ja, true)).await;
    assert!(year.label(Lang::Ja, true).contains(&year.to_string()));
    browser.close().await;
}
