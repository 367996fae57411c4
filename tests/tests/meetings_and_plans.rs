//! From the coordinator to the parent (issue 5): a meeting scheduled and a plan
//! published on the desk reach the parent's device; a reschedule and a
//! cancellation follow.
//!
//! Needs `dist/` (scripts/build-app) and chromium + chromedriver (scripts/setup --test);
//! `scripts/test` does both first.

use fantoccini::Locator;
use tsunagu_e2e::*;

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
    let today = tsunagu_server::cli::town_today();
    let purpose = "教室の段差と移動の確認";

    open_signed_in(phone, &server.base, "/", "takadai").await;
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

    open_desk(desk, &server.base).await;
    open_family(desk, TAKADAI, "ゆい").await;

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
