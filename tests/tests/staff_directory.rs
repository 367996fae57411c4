//! The coordinator keeps the support directory and pairs mentors from the desk:
//! an agency added (after the form's own check refused a reading in romaji),
//! its phone changed, then retired, each as the server's list shows it; a mentor
//! proposed to a family, the same proposal again refused by the server in the
//! desk's words, then withdrawn; the town's proposals and the mentors' counts.

use std::time::{Duration, Instant};

use tsunagu_e2e::*;
use tsunagu_model::{
    consent::ProposalState,
    directory::{Agency, AgencyField},
    endpoints::{ListAgencies, ListMentorProposals, NoContent},
};
use tsunagu_server::demo;

const NAME: &str = "発達相談室 つばさ";
const READING: &str = "はったつそうだんしつ つばさ";
const DOES: &str = "就学前の子どもの発達の相談と、保護者の学び合いの会。";
const PHONE: &str = "0123-45-7001";
const NEW_PHONE: &str = "0123-45-7002";
const HOURS: &str = "火・木 10:00〜16:00";
const ADDRESS: &str = "本町5-6-7";
const WEBSITE: &str = "https://www.town.example.jp/tsubasa";
const NOTES: &str = "予約制です。";

/// Waits until the coordinator's list of agencies (the server's, retired ones
/// too) holds the agency named `NAME` as `wanted` says, and returns it.
async fn wait_for_agency(api: &ApiUser, what: &str, wanted: impl Fn(&Agency) -> bool) -> Agency {
    let deadline = Instant::now() + DEADLINE;
    let mut tick = tokio::time::interval(Duration::from_millis(100));
    loop {
        tick.tick().await;
        let list = api.call(&ListAgencies {}, &NoContent).await;
        if let Some(found) = list.into_iter().find(|a| a.name == NAME && wanted(a)) {
            return found;
        }
        assert!(
            Instant::now() < deadline,
            "the server's agencies did not show {what} within {DEADLINE:?}"
        );
    }
}

#[tokio::test]
async fn the_coordinator_keeps_the_directory_and_proposes_a_mentor_from_the_desk() {
    let server = Server::start().await;
    let coordinator = ApiUser::demo(&server, "coordinator").await;
    let browser = Browser::start().await;
    let c = browser.client();
    c.set_window_size(1280, 800).await.unwrap();
    open_desk(c, &server.base).await;

    // The demo's agencies, by field.
    wait_for_text(c, "[data-testid=directory-desk]", "町 保健センター").await;

    // A new agency: the form's own check refuses a reading in romaji, and
    // nothing reaches the server.
    click(c, "[data-testid=agency-new]").await;
    let form = "[data-testid=agency-form]";
    wait_for_text(c, "[data-testid=agency-form-title]", "新しい機関").await;
    click(
        c,
        &format!("{form} select[name=field] option[value=welfare]"),
    )
    .await;
    fill(c, &format!("{form} input[name=name]"), NAME).await;
    fill(c, &format!("{form} input[name=reading]"), "tsubasa").await;
    click(c, "[data-testid=agency-save]").await;
    wait_for_text(
        c,
        &format!("{form} [data-testid=form-problem]"),
        "よみがなは",
    )
    .await;
    let listed = coordinator.call(&ListAgencies {}, &NoContent).await;
    assert!(listed.iter().all(|a| a.name != NAME), "nothing saved yet");

    fill(c, &format!("{form} input[name=reading]"), READING).await;
    fill(c, &format!("{form} textarea[name=does]"), DOES).await;
    fill(c, &format!("{form} input[name=phone]"), PHONE).await;
    fill(c, &format!("{form} input[name=hours]"), HOURS).await;
    fill(c, &format!("{form} input[name=address]"), ADDRESS).await;
    fill(c, &format!("{form} input[name=website]"), WEBSITE).await;
    fill(c, &format!("{form} textarea[name=notes]"), NOTES).await;
    click(c, "[data-testid=agency-save]").await;
    let notice = wait_for_text(
        c,
        "[data-testid=directory-desk] [data-testid=saved-notice]",
        "保存しました",
    )
    .await;
    assert!(notice.contains(NAME), "{notice}");
    let added = wait_for_agency(&coordinator, "the new agency", |a| a.phone == PHONE).await;
    assert_eq!(added.field, AgencyField::Welfare);
    assert_eq!(
        (
            added.reading.as_str(),
            added.does.as_str(),
            added.hours.as_str(),
            added.address.as_str(),
            added.website.as_str(),
            added.notes.as_str(),
        ),
        (READING, DOES, HOURS, ADDRESS, WEBSITE, NOTES)
    );
    assert!(!added.retired);
    assert_eq!(added.id.get_version_num(), 4, "a fresh random id");
    let row = format!("tr[data-agency='{}']", added.id);
    wait_for_text(c, &row, PHONE).await;

    // Its phone changes; the rest stays as it was.
    click(c, &format!("{row} [data-testid=agency-edit]")).await;
    wait_for_text(c, "[data-testid=agency-form-title]", NAME).await;
    fill(c, &format!("{form} input[name=phone]"), NEW_PHONE).await;
    click(c, "[data-testid=agency-save]").await;
    wait_for_text(c, &format!("{row} [data-testid=agency-phone]"), NEW_PHONE).await;
    let changed = wait_for_agency(&coordinator, "the new phone", |a| a.phone == NEW_PHONE).await;
    assert_eq!(
        changed,
        Agency {
            phone: NEW_PHONE.to_owned(),
            ..added.clone()
        }
    );

    // Retired: marked on the desk, retired on the server.
    click(c, &format!("{row} [data-testid=agency-retire]")).await;
    wait_for_script(
        c,
        &format!(
            "const r = document.querySelector({row:?}); return !!r && r.dataset.retired === 'true';"
        ),
        "the agency's row marked retired",
    )
    .await;
    wait_for_text(c, &row, "掲載終了").await;
    let retired = wait_for_agency(&coordinator, "the agency retired", |a| a.retired).await;
    assert_eq!(retired.phone, NEW_PHONE);

    // A mentor proposed to the 森川 family.
    let tanaka = coordinator
        .mentors()
        .await
        .into_iter()
        .find(|m| m.display_name == "田中 ひろみ")
        .expect("the demo's mentor 田中 is listed")
        .id;
    open_family(c, demo::DEMO_FAMILY, "ペアレントメンターの提案").await;
    let propose = "[data-testid=propose-mentor]";
    let option = format!("{propose} select[name=mentor] option[value='{tanaka}']");
    click(c, &option).await;
    click(c, "[data-testid=propose-mentor-submit]").await;
    let proposal = format!("[data-testid=proposal-row][data-mentor='{tanaka}']");
    wait_for_text(c, &proposal, "ご家族の返事待ち").await;
    let made = coordinator
        .call(
            &ListMentorProposals {
                family_id: demo::DEMO_FAMILY,
            },
            &NoContent,
        )
        .await
        .into_iter()
        .find(|p| p.mentor == tanaka)
        .expect("the proposal is on the server");
    assert_eq!(made.state, ProposalState::Waiting);
    // The town's list, newest first, follows.
    let town_row = format!(
        "[data-testid=town-proposal-row][data-proposal='{}']",
        made.id
    );
    let first = wait_for_text(
        c,
        "[data-testid=town-proposals] tbody tr:first-child",
        "田中 ひろみ",
    )
    .await;
    assert!(first.contains("森川"), "{first}");

    // The same proposal again: the server refuses, in the desk's words.
    click(c, &option).await;
    click(c, "[data-testid=propose-mentor-submit]").await;
    wait_for_text(
        c,
        &format!("{propose} [data-testid=form-problem]"),
        "返事待ちか",
    )
    .await;

    // Withdrawn while the family has not answered.
    click(c, &format!("{proposal} [data-testid=proposal-withdraw]")).await;
    wait_for_text(
        c,
        &format!("{proposal} [data-testid=proposal-state]"),
        "取り下げ",
    )
    .await;
    wait_until_gone(
        c,
        &format!("{proposal} [data-testid=proposal-withdraw]"),
        "the withdraw button of a withdrawn proposal",
    )
    .await;
    let state = coordinator
        .call(
            &ListMentorProposals {
                family_id: demo::DEMO_FAMILY,
            },
            &NoContent,
        )
        .await
        .into_iter()
        .find(|p| p.id == made.id)
        .map(|p| p.state);
    assert_eq!(state, Some(ProposalState::Withdrawn));
    wait_for_script(
        c,
        &format!("const r = document.querySelector({town_row:?}); return !!r && r.dataset.state === 'withdrawn';"),
        "the town's list showing the proposal withdrawn",
    )
    .await;

    // The programme's counts: the demo mentor's contacts, per month.
    let sasaki = format!(
        "[data-testid=mentor-activity-row][data-mentor='{}']",
        demo::DEMO_MENTOR
    );
    let month = wait_for_text(c, &sasaki, "佐々木 みどり").await;
    assert!(month.contains("月"), "{month}");
    browser.close().await;
}
