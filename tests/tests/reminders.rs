//! Meeting reminders (issue 15): a push delivered to the real service worker
//! through DevTools shows a notification in the person's language and its tap
//! opens the meeting; the parent answers a meeting (offline too) and the desk
//! sees it; the calendar feed is made from the settings and a calendar can read
//! it; today's meeting on home.
//!
//! Needs `dist/` (scripts/build-app) and chromium + chromedriver (scripts/setup --test);
//! `scripts/test` does both first.

use serde_json::json;
use tsunagu_e2e::*;
use tsunagu_model::{Lang, meeting_record::MeetingStatus, reminders::PushMessage};

fn takadai() -> tsunagu_model::FamilyId {
    TAKADAI.parse().expect("高台's id")
}

/// 高台's next scheduled meeting, as the desk reads it.
async fn next_meeting_of_takadai(server: &Server) -> tsunagu_model::Meeting {
    let desk = ApiUser::demo(server, "coordinator").await;
    let now = tsunagu_model::town_time::from_utc(chrono::Utc::now());
    desk.meetings(takadai())
        .await
        .into_iter()
        .map(|m| m.doc)
        .filter(|m| m.status == MeetingStatus::Scheduled && m.starts_at > now)
        .min_by_key(|m| m.starts_at)
        .expect("高台 has a coming meeting in the demo")
}

#[tokio::test]
async fn a_push_reaches_the_service_worker_and_its_notification_opens_the_meeting() {
    let server = Server::start().await;
    let browser = Browser::start().await;
    let c = browser.client();
    let meeting = next_meeting_of_takadai(&server).await;
    open_signed_in(c, &server.base, "/", "takadai").await;
    // A device that gets reminders has the family's meetings already.
    wait_for_text(c, "[data-testid=sync-status]", "同期済み").await;
    wait_until_kept_offline(c).await;
    // Never asked on first load: the app asks only when push is turned on.
    let asked = c
        .execute("return Notification.permission", vec![])
        .await
        .unwrap();
    assert_eq!(asked, json!("default"));

    let mut devtools = browser.devtools().await;
    // The person said yes (as the permission prompt would).
    devtools
        .call(
            None,
            "Browser.grantPermissions",
            json!({ "permissions": ["notifications"], "origin": server.base }),
        )
        .await;
    let page = devtools.attach("page", &server.base).await;
    devtools
        .call(Some(&page), "ServiceWorker.enable", json!({}))
        .await;
    let base = server.base.clone();
    let registrations = devtools
        .event("ServiceWorker.workerRegistrationUpdated", |p| {
            p["registrations"].as_array().is_some_and(|all| {
                all.iter()
                    .any(|r| r["scopeURL"].as_str().is_some_and(|s| s.starts_with(&base)))
            })
        })
        .await;
    let registration = registrations["registrations"]
        .as_array()
        .and_then(|all| {
            all.iter()
                .find(|r| r["scopeURL"].as_str().is_some_and(|s| s.starts_with(&base)))
        })
        .and_then(|r| r["registrationId"].as_str())
        .expect("the app's registration")
        .to_owned();

    // Attached before the push: a worker with DevTools attached is running and
    // is not stopped as idle, so the push does not wait for it to start.
    let worker = devtools.attach("service_worker", &server.base).await;
    // What the server's scheduler sends: the meeting's id, kind and time only.
    let message = PushMessage {
        meeting: meeting.id,
        family: takadai(),
        meeting_kind: Some(meeting.kind),
        starts_at: meeting.starts_at,
        reminder: "lead".into(),
        brought: None,
        lang: Lang::Ja,
        opens: tsunagu_model::reminders::reminder_opens(tsunagu_model::Role::Parent, meeting.id),
    };
    devtools
        .call(
            Some(&page),
            "ServiceWorker.deliverPushMessage",
            json!({
                "origin": server.base,
                "registrationId": registration,
                "data": serde_json::to_string(&message).unwrap(),
            }),
        )
        .await;

    let deadline = std::time::Instant::now() + DEADLINE;
    let mut tick = tokio::time::interval(std::time::Duration::from_millis(100));
    let shown = loop {
        tick.tick().await;
        let shown = devtools
            .evaluate(
                &worker,
                "self.registration.getNotifications().then(all => all.map(n => \
                 ({ title: n.title, body: n.body, url: n.data && n.data.url })))",
            )
            .await;
        if shown.as_array().is_some_and(|all| !all.is_empty()) {
            break shown;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "no notification shown"
        );
    };
    let notification = &shown[0];
    let kind = meeting.kind.label(Lang::Ja);
    assert_eq!(notification["title"], json!(format!("{kind}のお知らせ")));
    let when = format!(
        "{}月{}日",
        chrono::Datelike::month(&meeting.starts_at),
        chrono::Datelike::day(&meeting.starts_at)
    );
    let body = notification["body"].as_str().unwrap_or_default();
    assert!(body.contains(&when), "{body}");
    assert!(
        body.contains(&meeting.starts_at.format("%-H:%M").to_string()),
        "the town's time as sent: {body}"
    );
    assert_eq!(
        notification["url"],
        json!(format!("/meetings/{}", meeting.id))
    );
    assert!(!body.contains("ゆい") && !body.contains(&meeting.purpose));

    // A tap: the worker's click handler takes the app to that meeting's page.
    devtools
        .evaluate(
            &worker,
            "self.registration.getNotifications().then(all => { \
             self.dispatchEvent(new NotificationEvent('notificationclick', { notification: all[0] })); \
             return true; })",
        )
        .await;
    wait_for_script(
        c,
        &format!("return location.pathname === '/meetings/{}'", meeting.id),
        "the tap opens the meeting's page",
    )
    .await;
    wait_for_text(c, "main", &meeting.purpose).await;
    browser.close().await;
}

/// The parent answers from the meeting's page with the server away: the answer
/// stays through a reload, goes out when the server is back, and the desk sees
/// it beside the meeting; changed, the desk sees the change.
#[tokio::test]
async fn a_parent_answers_a_meeting_offline_and_the_desk_sees_it() {
    let mut server = Server::start().await;
    let phone_browser = Browser::start().await;
    let desk_browser = Browser::start().await;
    let (phone, desk) = (phone_browser.client(), desk_browser.client());
    let meeting = next_meeting_of_takadai(&server).await;
    open_signed_in(
        phone,
        &server.base,
        &format!("/meetings/{}", meeting.id),
        "takadai",
    )
    .await;
    wait_for_text(phone, "[data-testid=meeting-answer]", "出席します").await;
    wait_for_text(phone, "[data-testid=sync-status]", "同期済み").await;

    wait_until_kept_offline(phone).await;
    server.stop().await;
    fill(phone, "[data-testid=answer-note]", "10時半に着きます").await;
    click(phone, "[data-testid=answer-attending]").await;
    wait_for_text(phone, "[data-testid=my-answer]", "出席します").await;
    wait_for_text(phone, "[data-testid=sync-status]", "送信待ち").await;
    phone.refresh().await.unwrap();
    wait_for_text(phone, "[data-testid=my-answer]", "出席します").await;

    server.restart().await;
    sync_now(phone).await;
    wait_for_text(phone, "[data-testid=sync-status]", "同期済み").await;

    open_desk(desk, &server.base).await;
    open_family(desk, TAKADAI, "ゆい").await;
    let row = format!("tr[data-meeting='{}']", meeting.id);
    click(desk, &format!("{row} [data-testid=show-items]")).await;
    let answer = wait_for_text(desk, "[data-testid=meeting-answers]", "出席").await;
    assert!(answer.contains("高台 あや"), "{answer}");
    assert!(answer.contains("10時半に着きます"), "{answer}");

    // Changed on the phone: the desk shows the change once it looks again.
    click(phone, "[data-testid=answer-discuss_date]").await;
    wait_for_text(phone, "[data-testid=my-answer]", "日程を相談したい").await;
    sync_now(phone).await;
    wait_for_text(phone, "[data-testid=sync-status]", "同期済み").await;
    desk.refresh().await.unwrap();
    wait_for_text(desk, "[data-testid=family-list]", "高台さん").await;
    open_family(desk, TAKADAI, "ゆい").await;
    click(desk, &format!("{row} [data-testid=show-items]")).await;
    wait_for_text(desk, "[data-testid=meeting-answers]", "日程を相談したい").await;
    phone_browser.close().await;
    desk_browser.close().await;
}

/// The feed's address as the settings show it (a read-only field).
const FEED_URL: &str = "(document.querySelector('[data-testid=feed-url]') || {}).value || ''";

/// The feed made from the settings: its address, a webcal link and a QR code;
/// a calendar reading the address gets the family's meetings; made again, the
/// old address stops at once.
#[tokio::test]
async fn the_calendar_feed_is_made_from_the_settings_and_a_new_one_ends_the_old() {
    let server = Server::start().await;
    let browser = Browser::start().await;
    let c = browser.client();
    open_signed_in(c, &server.base, "/", "takadai").await;
    click(c, "[data-testid=reminder-settings-link]").await;
    // The settings page first, so a failure says which step did not happen.
    wait_for_text(c, "[data-testid=calendar-feed]", "").await;
    click(c, "[data-testid=feed-make]").await;
    wait_for_script(
        c,
        &format!("return ({FEED_URL}).includes('/calendar/')"),
        "the feed's address",
    )
    .await;
    let url = c
        .execute(&format!("return {FEED_URL}"), vec![])
        .await
        .unwrap();
    let url = url.as_str().unwrap_or_default().trim().to_owned();
    wait_for_script(
        c,
        "return !!document.querySelector('[data-testid=feed-qr] svg')",
        "the QR code",
    )
    .await;
    let webcal = c
        .execute(
            "return document.querySelector('[data-testid=feed-webcal]').getAttribute('href')",
            vec![],
        )
        .await
        .unwrap();
    assert!(
        webcal.as_str().is_some_and(|w| w.starts_with("webcal://")),
        "{webcal}"
    );
    let local = url.replacen("http://localhost:8080", &server.base, 1);
    let feed = reqwest::get(&local).await.unwrap();
    assert_eq!(feed.status(), 200);
    let text = feed.text().await.unwrap();
    assert!(text.starts_with("BEGIN:VCALENDAR"));
    assert!(text.contains("TZID:Asia/Tokyo"));
    assert!(!text.contains("ゆい"), "private by default");

    // The address survives a reload on this device.
    c.refresh().await.unwrap();
    wait_for_script(
        c,
        &format!("return ({FEED_URL}) === {url:?}"),
        "the same address after a reload",
    )
    .await;

    click(c, "[data-testid=feed-regenerate]").await;
    click(c, "[data-testid=feed-confirm-yes]").await;
    wait_for_script(
        c,
        &format!("const u = {FEED_URL}; return u.includes('/calendar/') && u !== {url:?}"),
        "a new address",
    )
    .await;
    assert_eq!(reqwest::get(&local).await.unwrap().status(), 404);
    browser.close().await;
}

/// A meeting today shows on home as 「今日 HH:MM 会議の種類」.
#[tokio::test]
async fn todays_meeting_is_on_home() {
    let server = Server::start().await;
    let desk = ApiUser::demo(&server, "coordinator").await;
    let now = tsunagu_model::town_time::from_utc(chrono::Utc::now());
    let today = now.date();
    // Two minutes from now, on the minute.
    let starts = now
        .date()
        .and_hms_opt(
            chrono::Timelike::hour(&now),
            chrono::Timelike::minute(&now),
            0,
        )
        .expect("a time")
        + chrono::Duration::minutes(2);
    if (starts + chrono::Duration::minutes(1)).date() != today {
        eprintln!("the last minutes of the day: no meeting can start and end today");
        return;
    }
    let mut meeting = next_meeting_of_takadai(&server).await;
    meeting.id = tsunagu_model::MeetingId(uuid::Uuid::from_u128(
        0x7a3b_00cc_0000_4000_8000_0000_0000_0001,
    ));
    meeting.starts_at = starts;
    meeting.ends_at = starts + chrono::Duration::minutes(1);
    meeting.series = None;
    desk.save_meeting(&meeting, None).await;
    let browser = Browser::start().await;
    let c = browser.client();
    open_signed_in(c, &server.base, "/", "takadai").await;
    let line = wait_for_text(c, "[data-testid=today-meeting]", "今日").await;
    assert!(
        line.contains(&starts.format("%-H:%M").to_string()),
        "{line}"
    );
    assert!(line.contains(meeting.kind.label(Lang::Ja)), "{line}");
    browser.close().await;
}
